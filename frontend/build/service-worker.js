// Zoolens service worker: keeps the app shell available offline.
// Emitted as /sw.js by build/service-worker-plugin.ts, which fills in the two placeholders below.
// Rules: only same-origin GETs are handled; /api is never cached (results are private and live);
// navigations are network-first with the cached shell as fallback; hashed assets are cache-first; the other
// precached files (manifest, icons) are network-first with the cache as fallback.
const VERSION = '__ZOOLENS_SW_VERSION__'
const PRECACHE = __ZOOLENS_SW_PRECACHE__
const CACHE = `zoolens-shell-${VERSION}`

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith('zoolens-shell-') && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() => caches.match('/index.html').then((cached) => cached ?? Response.error())),
    )
    return
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)))
    return
  }
  // The manifest and icons (unhashed names): fresh while online, the precached copy offline.
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(request).then((cached) => cached ?? Response.error())))
  }
})
