// The application draft kept in the browser (localStorage), so a reload or a closed tab loses nothing. It holds
// the form, the step reached and the Idempotency-Key of the submission, and is removed once the server accepted it.
import { reviveForm, type ApplicationForm } from '../rules/form'
import { STEPS, type StepName } from './fieldPath'
import { randomUuid } from './uuid'

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const DRAFT_KEY = 'kenshu.apply.draft'
const VERSION = 1

export interface Draft {
  programYear: string
  step: StepName
  form: ApplicationForm
  idempotencyKey: string
  savedAt: string
}

export function newDraft(programYear: string, form: ApplicationForm): Draft {
  return { programYear, step: 'hospital', form, idempotencyKey: randomUuid(), savedAt: new Date().toISOString() }
}

/** The saved draft for this year, or null when there is none (or it belongs to another year or is unreadable). */
export function loadDraft(storage: DraftStorage, programYear: string): Draft | null {
  let raw: string | null
  try {
    raw = storage.getItem(DRAFT_KEY)
  } catch {
    return null
  }
  if (!raw) return null
  try {
    const saved = JSON.parse(raw) as Partial<Draft> & { version?: number }
    if (saved.version !== VERSION || saved.programYear !== programYear) return null
    const step = STEPS.includes(saved.step as StepName) ? (saved.step as StepName) : 'hospital'
    const key = typeof saved.idempotencyKey === 'string' && saved.idempotencyKey ? saved.idempotencyKey : randomUuid()
    return {
      programYear,
      step,
      form: reviveForm(saved.form),
      idempotencyKey: key,
      savedAt: typeof saved.savedAt === 'string' ? saved.savedAt : '',
    }
  } catch {
    return null
  }
}

/** Saves the draft; false when the browser refused (private mode, storage full). */
export function saveDraft(storage: DraftStorage, draft: Draft): boolean {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify({ version: VERSION, ...draft, savedAt: new Date().toISOString() }))
    return true
  } catch {
    return false
  }
}

export function clearDraft(storage: DraftStorage): void {
  try {
    storage.removeItem(DRAFT_KEY)
  } catch {
    // nothing to do: the browser keeps no storage
  }
}
