// Service worker of the practice page (issue 5, "works offline once loaded"). Written by hand; the Vite build
// (vite.config.ts, kenshuServiceWorker) copies it to dist/sw.js with PRECACHE (every file of the build: the app
// shell, the hashed /assets/, the WebAssembly engine and the scenarios) and VERSION (a hash of those files' bytes)
// filled in. A new deployment changes VERSION, so the browser installs the new worker, which fills a new cache and
// deletes the old ones when it takes over.
//
// Registered with scope /practice (web/src/pages/sim/offline.ts): only the practice page is controlled, so every
// other page (the portal, the back office) behaves exactly as without a worker. Nothing under /api/ is ever cached
// or answered from a cache: those answers are personal.
const VERSION = '__KENSHU_SW_VERSION__'
const PRECACHE = __KENSHU_SW_PRECACHE__
const CACHE = `kenshu-practice-${VERSION}`
const SHELL = '/index.html'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      // cache: 'reload' so that an HTTP cache holding the previous build's unhashed files (/sim/…) is bypassed.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('kenshu-practice-') && name !== CACHE) await caches.delete(name)
      }
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return // network only, never cached

  if (request.mode === 'navigate') {
    // The page itself: the network first (a deployment is seen at once), the cached shell when offline.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error()),
    )
    return
  }
  // The build's files: from this version's cache (they belong together), the network for anything else.
  event.respondWith(
    (async () => (await caches.match(url.pathname, { cacheName: CACHE })) ?? fetch(request))(),
  )
})
