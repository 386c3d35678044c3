// Offline use of the practice page (issue 5): registers /sw.js (web/sw/sw.js, built into dist by vite.config.ts)
// with scope /practice. The scope is the practice page only, not the whole app: the simulator is the one page that
// is useful without a network (everything it needs is static), while the portal and the back office show personal
// data from /api/ that must never outlive a session in a cache, and gain nothing offline. Not in development (Vite
// serves unbundled modules there; no dist/sw.js).
export const SW_URL = '/sw.js'
export const SW_SCOPE = '/practice'

export function registerOfflineWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE }).catch(() => {
    // private mode or a browser policy: the page still works online
  })
}
