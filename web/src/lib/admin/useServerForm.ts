// A back-office form's answer from the server: each problem under the input of its field (the error body's
// `field`, or each of its `details`), and those that belong to no input of this form in a box at the top.
import { computed, ref } from 'vue'
import { ApiError } from '../../api/client'
import { problemsOf } from '../../api/admin'
import type { ErrorDetail } from '../../api/types'
import { errorMessage } from '../../i18n/errors'
import { useFormErrors } from '../useFormErrors'

/** `fields` maps the server's field names to the form's input paths (identity when listed as an array); a
 * function is asked at each failure (for a form whose inputs depend on what was sent). */
export function useServerForm(fields: readonly string[] | Record<string, string> | (() => Record<string, string>)) {
  const mapNow = (): Record<string, string> =>
    typeof fields === 'function'
      ? fields()
      : Array.isArray(fields)
        ? Object.fromEntries(fields.map((f) => [f, f]))
        : (fields as Record<string, string>)
  const form = useFormErrors(() => [])
  const general = ref<ErrorDetail[]>([])
  const requestId = ref('')

  function fail(e: unknown): void {
    if (!(e instanceof ApiError)) throw e
    const map = mapNow()
    const onField: ErrorDetail[] = []
    const rest: ErrorDetail[] = []
    for (const d of problemsOf(e)) {
      const path = map[d.field]
      if (path) onField.push({ ...d, field: path })
      else rest.push(d)
    }
    form.setServer(onField)
    general.value = rest
    requestId.value = e.requestId
  }

  function clear(): void {
    form.clearServer()
    general.value = []
    requestId.value = ''
  }

  const generalMessages = computed(() => general.value.map((d) => errorMessage(d.code, d.message)))
  const hasFieldProblems = computed(() => form.visible.value.length > 0)
  return { fail, clear, generalMessages, hasFieldProblems, requestId, visible: form.visible }
}
