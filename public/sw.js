/* braidMgr service worker: app shell + recently viewed data for offline reading. */
const VERSION = "v1";
const SHELL = `braidmgr-shell-${VERSION}`;
const PAGES = `braidmgr-pages-${VERSION}`;
const DATA = `braidmgr-data-${VERSION}`;
const OFFLINE_URL = "/offline";
const PRECACHE = [
  OFFLINE_URL,
  "/manifest.webmanifest",
  "/icon.svg",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-192.png",
  "/icons/maskable-512.png",
];
const MAX_ENTRIES = 150;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // One missing asset must not stop the worker installing.
      await Promise.all(
        PRECACHE.map((url) => cache.add(new Request(url, { cache: "reload" })).catch(() => undefined)),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL, PAGES, DATA]);
      for (const key of await caches.keys())
        if (key.startsWith("braidmgr-") && !keep.has(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** Signing out clears what was saved for offline reading. */
self.addEventListener("message", (event) => {
  if (event.data === "clear-data") event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(DATA)]));
});

async function trim(cacheName) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) await cache.delete(key);
}

async function networkFirst(request, cacheName) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(cacheName).then((c) => c.put(request, copy).then(() => trim(cacheName)));
    }
    return response;
  } catch (err) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    caches.open(SHELL).then((c) => c.put(request, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Signing out forgets what was saved for offline reading (the request itself goes through untouched).
  if (request.method === "POST" && new URL(request.url).pathname.startsWith("/api/auth/signout")) {
    event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(DATA)]));
    return;
  }
  // Only reads are cached: never POST/PUT/DELETE (mutations), never other origins.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  // Never touch event streams (tRPC subscriptions: live updates, the assistant's answers).
  if ((request.headers.get("accept") || "").includes("text/event-stream")) return;
  // Never cache auth, exports or uploads.
  if (
    path.startsWith("/api/auth") ||
    path.startsWith("/api/export") ||
    path.startsWith("/api/health") ||
    path.startsWith("/_next/webpack-hmr")
  )
    return;

  // tRPC queries (GET): network first, the last answer when offline.
  if (path.startsWith("/api/trpc/")) {
    event.respondWith(networkFirst(request, DATA));
    return;
  }
  if (path.startsWith("/api/")) return;

  // Content-hashed build assets and icons: cache first.
  if (path.startsWith("/_next/static/") || path.startsWith("/icons/") || path === "/icon.svg") {
    event.respondWith(cacheFirst(request));
    return;
  }

  // Pages (and React Server Component payloads for client navigations): network first.
  const isPage = request.mode === "navigate";
  const isRsc = request.headers.get("RSC") === "1" || url.searchParams.has("_rsc");
  if (isPage || isRsc) {
    event.respondWith(
      networkFirst(request, PAGES).catch(async () => {
        if (isPage) return (await caches.match(OFFLINE_URL)) || Response.error();
        return Response.error();
      }),
    );
  }
});
