// The signed-in staff member of the back office: fetched once from /api/auth/me, kept for every admin page,
// forgotten at sign-out or when the server says the session has ended.
import { reactive, readonly } from 'vue'
import { ApiError } from '../api/client'
import { adminApi, setCsrfToken, type Me } from '../api/admin'

interface StaffState {
  me: Me | null
  /** True once /me was asked in this page's life (signed in or not). */
  checked: boolean
}

const state = reactive<StaffState>({ me: null, checked: false })
let pending: Promise<Me | null> | null = null

export const staffState = readonly(state)

export function setMe(me: Me | null): void {
  state.me = me && me.kind === 'staff' ? me : null
  state.checked = true
  setCsrfToken(state.me?.csrf_token ?? '')
}

/** The signed-in staff member, or null (not signed in, or signed in as a contact or participant). */
export function loadMe(force = false): Promise<Me | null> {
  if (state.checked && !force) return Promise.resolve(state.me)
  if (!pending) {
    pending = adminApi
      .me()
      .then((me) => {
        setMe(me)
        return state.me
      })
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) {
          setMe(null)
          return null
        }
        throw e
      })
      .finally(() => (pending = null))
  }
  return pending
}

export async function signOut(everywhere = false): Promise<void> {
  try {
    await (everywhere ? adminApi.signOutEverywhere() : adminApi.signOut())
  } finally {
    setMe(null)
  }
}
