// Which problems a form shows, and where. The rules run on every change; a field shows its problems once the
// user has left it (then it checks as they type), once its step was submitted, or when the server reported them
// (until the field is edited again). Field components find their messages through `useFieldErrors`.
import { computed, inject, provide, reactive, ref, type InjectionKey } from 'vue'
import type { ErrorDetail } from '../api/types'
import { errorMessage } from '../i18n/errors'
import type { Problem } from '../rules/problems'
import { fieldId, isUnder } from './fieldPath'

export interface ShownProblem {
  code: string
  field: string
  message: string
}

export interface FormErrors {
  messagesFor(path: string): string[]
  touch(path: string): void
  edited(path: string): void
}

const KEY: InjectionKey<FormErrors> = Symbol('form-errors')

export function useFormErrors(clientProblems: () => Problem[]) {
  const touched = reactive(new Set<string>())
  const revealed = ref<string[]>([])
  const server = ref<ErrorDetail[]>([])

  const shouldShow = (field: string) =>
    touched.has(field) || revealed.value.some((prefix) => isUnder(field, prefix))

  const visible = computed<ShownProblem[]>(() => {
    const out: ShownProblem[] = []
    const seen = new Set<string>()
    const push = (code: string, field: string, serverMessage = '') => {
      const key = `${field} ${code}`
      if (seen.has(key)) return
      seen.add(key)
      out.push({ code, field, message: errorMessage(code, serverMessage) })
    }
    for (const p of clientProblems()) if (shouldShow(p.field)) push(p.code, p.field)
    for (const d of server.value) push(d.code, d.field, d.message)
    return out
  })

  const api: FormErrors = {
    messagesFor: (path) => visible.value.filter((p) => p.field === path).map((p) => p.message),
    touch: (path) => void touched.add(path),
    edited: (path) => {
      server.value = server.value.filter((d) => d.field !== path && !isUnder(d.field, path))
    },
  }
  provide(KEY, api)

  return {
    visible,
    ...api,
    /** Show every problem under these field prefixes (a step was submitted). */
    reveal(prefixes: string[]) {
      revealed.value = [...new Set([...revealed.value, ...prefixes])]
    },
    /** Problems under the prefixes, shown or not: a step may move on only when this is empty. */
    pending(prefixes: string[]): Problem[] {
      return clientProblems().filter((p) => prefixes.some((prefix) => isUnder(p.field, prefix)))
    },
    visibleUnder(prefixes: string[]): ShownProblem[] {
      return visible.value.filter((p) => p.field === '' || prefixes.some((prefix) => isUnder(p.field, prefix)))
    },
    setServer(details: ErrorDetail[]) {
      server.value = details
    },
    clearServer() {
      server.value = []
    },
    reset() {
      touched.clear()
      revealed.value = []
      server.value = []
    },
  }
}

/** In a field component: its id, its messages and the hooks to call on blur and input. */
export function useFieldErrors(path: () => string) {
  const form = inject(KEY, null)
  const id = computed(() => fieldId(path()))
  const messages = computed(() => form?.messagesFor(path()) ?? [])
  return {
    id,
    messages,
    invalid: computed(() => messages.value.length > 0),
    errorId: computed(() => `${id.value}-error`),
    touch: () => form?.touch(path()),
    edited: () => form?.edited(path()),
  }
}

/** The messages of any field path, for components that show many small fields (list items). */
export function useFormMessages(): (path: string) => string[] {
  const form = inject(KEY, null)
  return (path) => form?.messagesFor(path) ?? []
}
