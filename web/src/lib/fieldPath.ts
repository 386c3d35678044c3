// Field paths (`members[2].email`, as the server names fields in errors) ↔ the ids of the inputs that edit them,
// and the step of the application form on which each field is edited.

export type StepName = 'hospital' | 'team' | 'preferences' | 'consents' | 'review'

export const STEPS: readonly StepName[] = ['hospital', 'team', 'preferences', 'consents', 'review']

/** The id of the input for a field path: `members[2].email` → `f-members-2-email`. */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/\[(\d+)\]/g, '-$1').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')
}

/** The step on which a field is edited; null for problems that belong to no input (shown in the summary). */
export function stepOfField(path: string): StepName | null {
  const head = path.split(/[.[]/, 1)[0]
  switch (head) {
    case 'hospital':
    case 'contact':
      return 'hospital'
    case 'members':
      return 'team'
    case 'preferences':
      return 'preferences'
    case 'consents':
      return 'consents'
    default:
      return null
  }
}

/** The earliest step among the fields, or null when none belongs to a step. */
export function firstStepOf(paths: string[]): StepName | null {
  let best: number | null = null
  for (const path of paths) {
    const step = stepOfField(path)
    if (step === null) continue
    const i = STEPS.indexOf(step)
    if (best === null || i < best) best = i
  }
  return best === null ? null : (STEPS[best] ?? null)
}

/** True when `path` is `prefix` itself or lies under it (`members` covers `members[1].email`). */
export function isUnder(path: string, prefix: string): boolean {
  if (path === prefix) return true
  return path.startsWith(prefix) && (path[prefix.length] === '.' || path[prefix.length] === '[')
}
