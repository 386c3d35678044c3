// The participant's portal data, shared by the portal pages: who is signed in, and the overview.
import { ref } from 'vue'
import { ApiError } from '../../api/client'
import { loadPerson, type Portal } from '../../api/learning'

export type PortalState = 'loading' | 'signed-out' | 'not-participant' | 'ready' | 'error'

export function usePortal() {
  const state = ref<PortalState>('loading')
  const data = ref<Portal | null>(null)
  const problem = ref<ApiError | null>(null)

  async function load() {
    try {
      const me = await loadPerson()
      if (!me) {
        state.value = 'signed-out'
        return
      }
      const { portalApi } = await import('../../api/learning')
      data.value = await portalApi.overview()
      state.value = 'ready'
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.status === 401) state.value = 'signed-out'
      else if (e.status === 404) state.value = 'not-participant'
      else {
        problem.value = e
        state.value = 'error'
      }
    }
  }
  return { state, data, problem, load }
}

/** "09:00" of a Japan-time instant the server sends (e.g. 2026-06-01T09:00:00+09:00). */
export function hourMinute(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso)
  return m ? `${m[1]}:${m[2]}` : ''
}
