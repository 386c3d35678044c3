// The application form of the apply page, kept as a draft in localStorage (restored on reload, saved on every
// change, cleared after success), with the Idempotency-Key that goes with its submission.
import { reactive, ref, watch } from 'vue'
import { emptyForm, type ApplicationForm } from '../rules/form'
import { clearDraft, loadDraft, newDraft, saveDraft, type Draft, type DraftStorage } from './draft'
import type { StepName } from './fieldPath'
import { randomUuid } from './uuid'

function browserStorage(): DraftStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export function useApplyDraft() {
  const storage = browserStorage()
  const form = reactive<ApplicationForm>(emptyForm())
  const step = ref<StepName>('hospital')
  const restored = ref(false)
  let draft: Draft | null = null

  function persist() {
    if (!draft || !storage) return
    draft.form = form
    draft.step = step.value
    saveDraft(storage, draft)
  }

  /** Starts (or restores) the draft of a programme year. */
  function open(programYear: string) {
    const saved = storage ? loadDraft(storage, programYear) : null
    draft = saved ?? newDraft(programYear, emptyForm())
    Object.assign(form, draft.form)
    step.value = draft.step
    restored.value = saved !== null
  }

  function startOver() {
    if (!draft) return
    draft = newDraft(draft.programYear, emptyForm())
    Object.assign(form, draft.form)
    step.value = 'hospital'
    restored.value = false
    persist()
  }

  /** The server answered definitely (created nothing): the next submission is a new request. */
  function renewKey() {
    if (draft) draft.idempotencyKey = randomUuid()
    persist()
  }

  function finish() {
    if (storage) clearDraft(storage)
    draft = null
  }

  watch([form, step], persist, { deep: true })

  return {
    form,
    step,
    restored,
    open,
    startOver,
    renewKey,
    finish,
    idempotencyKey: () => draft?.idempotencyKey ?? randomUuid(),
  }
}
