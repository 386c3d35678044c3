// Loads the programme a page is about and marks it as shown (for the demo banner), with loading and error state.
import { ref, shallowRef, type Ref } from 'vue'
import { ApiError, asApiError } from '../api/client'
import type { Program } from '../api/types'
import { loadProgram, showProgram } from '../stores/program'

export function useProgramPage(year: () => string | undefined) {
  const program: Ref<Program | null> = shallowRef(null)
  const loading = ref(true)
  const error = shallowRef<ApiError | null>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      program.value = await loadProgram(year())
      showProgram(program.value)
    } catch (e) {
      error.value = asApiError(e)
    } finally {
      loading.value = false
    }
  }

  return { program, loading, error, load }
}
