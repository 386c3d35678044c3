// The pre/post questionnaire form: what each item holds, the answers sent (by item id, as
// /api/portal/questionnaires/{phase} expects), and the client-side checks that mirror the server's
// (required items, numbers in range, at most max_choices, text length). The server checks again.
import type { FormItem, FormSection, ItemAnswer } from '../../api/learning'
import { parseNumber } from './quiz'

export interface ItemState {
  scale: number | null
  choice: number | null
  choices: number[]
  number: string
  text: string
}

export function emptyItem(): ItemState {
  return { scale: null, choice: null, choices: [], number: '', text: '' }
}

export function emptyForm(sections: readonly FormSection[]): Record<string, ItemState> {
  const out: Record<string, ItemState> = {}
  for (const s of sections) for (const it of s.items) out[it.id] = emptyItem()
  return out
}

/** The points of a Likert item with their labels in the chosen language (Japanese when English is missing). */
export function likertPoints(item: FormItem, lang: 'ja' | 'en'): { value: number; label: string }[] {
  const min = item.scale_min ?? 1
  const max = item.scale_max ?? 5
  const labels = (lang === 'en' && item.labels_en?.length ? item.labels_en : item.labels) ?? []
  const out: { value: number; label: string }[] = []
  for (let v = min; v <= max; ++v) out.push({ value: v, label: labels[v - min] ?? String(v) })
  return out
}

type Translate = (key: string, values?: Record<string, unknown>) => string

// The hint under an item (its range, how many may be chosen, its length limit), as the portal and the builder's
// preview show it.
export function itemHint(item: FormItem, t: Translate): string {
  if (item.kind === 'numeric' && item.min !== undefined && item.max !== undefined)
    return t('learning.questionnaire.range', { min: item.min, max: item.max })
  if (item.kind === 'multiple_choice' && item.max_choices) return t('learning.questionnaire.maxChoices', { n: item.max_choices })
  if (item.kind === 'free_text' && item.max_length) return t('learning.questionnaire.maxLength', { n: item.max_length })
  return ''
}

export function optionsOf(item: FormItem, lang: 'ja' | 'en'): string[] {
  return (lang === 'en' && item.options_en?.length ? item.options_en : item.options) ?? []
}

function answerOf(item: FormItem, s: ItemState): ItemAnswer | null {
  switch (item.kind) {
    case 'likert':
      return s.scale === null ? null : { scale: s.scale }
    case 'single_choice':
      return s.choice === null ? null : { choices: [s.choice] }
    case 'multiple_choice':
      return s.choices.length ? { choices: [...s.choices].sort((a, b) => a - b) } : null
    case 'numeric': {
      const n = parseNumber(s.number)
      return n === null ? null : { number: n }
    }
    default:
      return s.text.trim() ? { text: s.text.trim() } : null
  }
}

export function answersOf(sections: readonly FormSection[], state: Record<string, ItemState>): Record<string, ItemAnswer> {
  const out: Record<string, ItemAnswer> = {}
  for (const sec of sections)
    for (const item of sec.items) {
      const a = answerOf(item, state[item.id] ?? emptyItem())
      if (a) out[item.id] = a
    }
  return out
}

/** Problems by item id, as error codes of the server's catalogue. */
export function checkForm(sections: readonly FormSection[], state: Record<string, ItemState>): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const sec of sections)
    for (const item of sec.items) {
      const s = state[item.id] ?? emptyItem()
      const a = answerOf(item, s)
      if (item.kind === 'numeric' && s.number.trim() && parseNumber(s.number) === null) {
        problems[item.id] = 'questionnaire.wrong_kind'
        continue
      }
      if (!a) {
        if (item.required) problems[item.id] = 'questionnaire.required'
        continue
      }
      if (a.number !== undefined) {
        if (item.integer && !Number.isInteger(a.number)) problems[item.id] = 'questionnaire.wrong_kind'
        else if ((item.min !== undefined && a.number < item.min) || (item.max !== undefined && a.number > item.max))
          problems[item.id] = 'questionnaire.out_of_range'
      }
      if (item.kind === 'multiple_choice' && item.max_choices && (a.choices?.length ?? 0) > item.max_choices)
        problems[item.id] = 'questionnaire.too_many_choices'
      if (a.text !== undefined && item.max_length && [...a.text].length > item.max_length)
        problems[item.id] = 'questionnaire.too_long'
    }
  return problems
}

/** The item id of a server error's field (`answers.<id>`). */
export function itemOfField(field: string): string | null {
  return field.startsWith('answers.') ? field.slice('answers.'.length) : null
}
