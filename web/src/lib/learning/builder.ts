// The questionnaire builder's logic: new sections and items with unique ids, moving them, changing an item's kind
// (only its kind's fields are kept, as the server stores them), what answers lock, the server's problems by path,
// and the preview — each form cut from the definition as the participant's portal shows it.
import type {
  BuilderItem,
  BuilderKind,
  BuilderSection,
  Phase,
  QuestionnaireDefinition,
} from '../../api/questionnaireBuilder'
import type { ErrorDetail } from '../../api/types'
import type { FormItem, FormSection } from '../../api/learning'

export const KINDS: readonly BuilderKind[] = ['likert', 'single_choice', 'multiple_choice', 'numeric', 'free_text']
export const PHASES: readonly Phase[] = ['pre', 'post']

/** A starter for a year without a questionnaire; the texts come from the message catalogue. */
export function emptyDefinition(t: {
  preTitle: string
  preTitleEn: string
  postTitle: string
  postTitleEn: string
  labels: string[]
  labelsEn: string[]
}): QuestionnaireDefinition {
  return {
    title: '',
    title_en: '',
    post_close_days: 14,
    forms: { pre: { title: t.preTitle, title_en: t.preTitleEn }, post: { title: t.postTitle, title_en: t.postTitleEn } },
    scales: [{ id: 'confidence', labels: [...t.labels], labels_en: [...t.labelsEn] }],
    sections: [],
  }
}

function allItemIds(d: QuestionnaireDefinition): Set<string> {
  return new Set(d.sections.flatMap((s) => s.items.map((i) => i.id)))
}

/** `prefix_N` with the smallest N not taken. */
export function freshId(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; ++n) if (!taken.has(`${prefix}_${n}`)) return `${prefix}_${n}`
}

/** Sets the kind and keeps only that kind's fields (with defaults), as the server keeps them. */
export function withKind(item: BuilderItem, kind: BuilderKind, defaultScale = ''): BuilderItem {
  const base: BuilderItem = {
    id: item.id,
    kind,
    text: item.text,
    text_en: item.text_en,
    required: item.required,
    paired: item.paired,
    forms: [...item.forms],
  }
  switch (kind) {
    case 'likert':
      return { ...base, scale: item.scale || defaultScale }
    case 'single_choice':
    case 'multiple_choice': {
      const options = item.options?.length ? [...item.options] : ['', '']
      const out: BuilderItem = { ...base, options, options_en: [...(item.options_en ?? [])] }
      if (kind === 'single_choice') out.correct = item.correct ?? null
      else out.max_choices = item.max_choices ?? 0
      if (kind === 'multiple_choice') out.paired = false
      return out
    }
    case 'numeric':
      return { ...base, min: item.min ?? null, max: item.max ?? null, integer: item.integer ?? false }
    default:
      return { ...base, paired: false, max_length: item.max_length ?? 2000 }
  }
}

export function newItem(d: QuestionnaireDefinition, kind: BuilderKind = 'likert'): BuilderItem {
  const blank: BuilderItem = { id: freshId('item', allItemIds(d)), kind, text: '', text_en: '', required: true, paired: false, forms: [] }
  return withKind(blank, kind, d.scales[0]?.id ?? '')
}

export function newSection(d: QuestionnaireDefinition): BuilderSection {
  const taken = new Set(d.sections.map((s) => s.id))
  return { id: freshId('section', taken), title: '', title_en: '', forms: ['pre', 'post'], items: [] }
}

/** Moves list[index] by delta (−1 up, +1 down) in place; false when it cannot move. */
export function move<T>(list: T[], index: number, delta: number): boolean {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return false
  const [x] = list.splice(index, 1)
  list.splice(to, 0, x as T)
  return true
}

/** The forms an item appears in: its own, or its section's. */
export function formsOf(section: BuilderSection, item: BuilderItem): Phase[] {
  return item.forms.length ? item.forms : section.forms
}

/** Answered items cannot be removed, nor change kind, scale, number of options, right option or pairing. */
export function isLocked(answered: Record<Phase, string[]> | undefined, itemId: string): boolean {
  return !!answered && (answered.pre.includes(itemId) || answered.post.includes(itemId))
}

/** The server's problems by path (`sections[1].items[0].scale`), several per path joined. */
export function problemsByPath(details: readonly ErrorDetail[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    const msg = d.message || d.code
    out[d.field] = out[d.field] ? `${out[d.field]} ${msg}` : msg
  }
  return out
}

/** Problems about an item (or section) path and what lies under it, for a marker on a collapsed block. */
export function problemsUnder(problems: Record<string, string>, prefix: string): string[] {
  return Object.entries(problems)
    .filter(([p]) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`))
    .map(([, m]) => m)
}

function previewItem(d: QuestionnaireDefinition, item: BuilderItem): FormItem {
  const out: FormItem = { id: item.id, kind: item.kind, text: item.text, text_en: item.text_en, required: item.required }
  if (item.kind === 'likert') {
    const scale = d.scales.find((s) => s.id === item.scale)
    out.scale_min = 1
    out.scale_max = 5
    out.labels = scale?.labels ?? []
    out.labels_en = scale?.labels_en ?? []
  }
  if (item.kind === 'single_choice' || item.kind === 'multiple_choice') {
    out.options = item.options ?? []
    out.options_en = item.options_en ?? []
  }
  if (item.kind === 'multiple_choice') out.max_choices = item.max_choices ?? 0
  if (item.kind === 'numeric') {
    if (item.min !== null && item.min !== undefined) out.min = item.min
    if (item.max !== null && item.max !== undefined) out.max = item.max
    out.integer = item.integer ?? false
  }
  if (item.kind === 'free_text') out.max_length = item.max_length ?? 2000
  return out
}

/** One form as the portal sends it (GET /api/portal/questionnaires/{phase}): sections with items of that form. */
export function previewForm(d: QuestionnaireDefinition, phase: Phase): FormSection[] {
  const out: FormSection[] = []
  for (const s of d.sections) {
    const items = s.items.filter((i) => formsOf(s, i).includes(phase)).map((i) => previewItem(d, i))
    if (items.length) out.push({ id: s.id, title: s.title, title_en: s.title_en, items })
  }
  return out
}

/** Numbers typed in the builder: '' is none. */
export function numberOrNull(s: string | number | null | undefined): number | null {
  if (s === null || s === undefined) return null
  if (typeof s === 'number') return Number.isFinite(s) ? s : null
  const t = s.trim()
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

function withoutTrailingBlanks(v: string[] | undefined): string[] | undefined {
  if (!v) return v
  const out = [...v]
  while (out.length && !out[out.length - 1]!.trim()) out.pop()
  return out
}

/** What is sent: a copy without the blank last lines an options box keeps while typing (inner ones stay, so that
 * the right answer's position holds and the server names the blank option). */
export function forSave(d: QuestionnaireDefinition): QuestionnaireDefinition {
  const out = JSON.parse(JSON.stringify(d)) as QuestionnaireDefinition
  for (const s of out.sections)
    for (const i of s.items) {
      if (i.options) i.options = withoutTrailingBlanks(i.options)
      if (i.options_en) i.options_en = withoutTrailingBlanks(i.options_en)
    }
  return out
}
