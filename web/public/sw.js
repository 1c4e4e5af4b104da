/*
 * Service worker of the field app (field.html), registered with scope /field so it controls only that page.
 * It keeps the app shell: the page and every script, style and icon the page names, so the app opens without a
 * network. Data never goes through here: /api/ and /tiles/ requests pass straight to the network, and the track
 * queue lives in IndexedDB (src/field/store.ts), not in this cache.
 *
 * Pages: network first (a fresh deploy is picked up when online), the cached copy when the network fails or takes
 * longer than 4 s. Hashed /assets/ files never change: cache first.
 */
const CACHE = 'gengbao-field-v1';
const SHELL = ['/field.html', '/favicon.svg', '/field.webmanifest'];

/** The page and what its HTML links (Vite puts every entry chunk, shared chunk and stylesheet there). */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/field.html', { cache: 'no-cache' });
  if (!page.ok) throw new Error(`field.html: ${page.status}`);
  const html = await page.clone().text();
  await cache.put('/field.html', page);
  const linked = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...SHELL.slice(1), ...linked])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/tiles/')) return;

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(request);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })());
    return;
  }

  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = request.mode === 'navigate' ? '/field.html' : request;
    try {
      const response = await withTimeout(fetch(request), 4000);
      if (response.ok) await cache.put(key, response.clone());
      return response;
    } catch (e) {
      const hit = await cache.match(key, { ignoreSearch: true });
      if (hit) return hit;
      throw e;
    }
  })());
});
