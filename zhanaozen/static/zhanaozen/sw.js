// The service worker: keeps what a class has opened, so that a tour once loaded still shows when
// the connection drops. Served by /sw.js (zhanaozen/offline.py), which puts CONFIG before this code:
// the version (a new deploy, a new cache; the old ones are cleared) and the addresses it may keep.
//
// Pages: the network first, always; the kept copy only when the network fails. Hashed static files
// (their name changes with their content): the kept copy first. Kept: same-origin GET answers that
// are 200, not redirected, and neither private, no-store nor varying by cookie. Anything else (the
// admin, the API, other hosts' tiles) the worker does not touch.
/* global CONFIG */

const CACHE = `zhanaozen-${CONFIG.version}`;
// A name with a hash in it ("present.3f2a9c1b04de.js", ManifestStaticFilesStorage): never changes.
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

function isStatic(url) {
  return url.pathname.startsWith(CONFIG.static);
}

function isKept(url) {
  return url.origin === self.location.origin && (isStatic(url) || CONFIG.pages.some((prefix) => url.pathname.startsWith(prefix)));
}

function storable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) return false;
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  const vary = (response.headers.get("Vary") || "").toLowerCase();
  return !/\b(private|no-store)\b/.test(control) && !/\bcookie\b/.test(vary) && vary.trim() !== "*";
}

async function put(request, response) {
  if (!storable(response)) return false;
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
  return true;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    put(request, response.clone()).catch(() => {});
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  put(request, response.clone()).catch(() => {});
  return response;
}

// A new version (a deploy) starts with the pages the last one kept, fetched again with the files they
// now name: what a class saved stays saved. Then the old caches go (activate).
async function carryOver() {
  const pages = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith("zhanaozen-") || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (!isStatic(new URL(request.url))) pages.push(request.url);
    }
  }
  if (pages.length) await keep(pages, { withSubresources: true, report: () => {} });
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(carryOver().catch(() => {}));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("zhanaozen-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  if (!isKept(url)) return;
  event.respondWith(isStatic(url) && HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

// --- Keeping ahead ---------------------------------------------------------------------------------
// What a page asks to keep: { keep: [addresses] } (what it has just loaded, before the worker was
// there to see it), or { save: [addresses] } (a whole tour, "Save for offline": each page's
// stylesheets and scripts are kept with it). The answer, on the port sent along: the progress, then
// { done, total, failed, finished: true }.

// The stylesheets, scripts and preloads a page of ours names, as written in its HTML.
const TAG = /<(?:script|link)\b[^>]*>/gi;
const ADDRESS = /\b(?:src|href)="([^"]+)"/i;
const REL = /\brel="([^"]+)"/i;
const LOADED = new Set(["stylesheet", "modulepreload", "preload", "icon"]);

function subresources(html, base) {
  const found = [];
  for (const tag of html.match(TAG) || []) {
    const rel = REL.exec(tag)?.[1].toLowerCase();
    if (tag.toLowerCase().startsWith("<link") && !LOADED.has(rel)) continue;
    const address = ADDRESS.exec(tag)?.[1].replaceAll("&amp;", "&");
    if (address) found.push(new URL(address, base).href);
  }
  return found;
}

async function keep(addresses, { withSubresources, report }) {
  const queue = [...new Set(addresses.map((address) => new URL(address, self.location.href)))]
    .filter(isKept)
    .map((url) => url.href.split("#")[0]);
  const seen = new Set(queue);
  let done = 0;
  let failed = 0;
  for (let i = 0; i < queue.length; i += 1) {
    const address = queue[i];
    try {
      const response = await fetch(address, { credentials: "same-origin" });
      const html = withSubresources && (response.headers.get("Content-Type") || "").startsWith("text/html");
      const text = html ? await response.clone().text() : null;
      if (!(await put(address, response))) failed += 1;
      for (const found of text ? subresources(text, address) : []) {
        const url = new URL(found);
        if (isKept(url) && !seen.has(url.href)) {
          seen.add(url.href);
          queue.push(url.href);
        }
      }
    } catch {
      failed += 1;
    }
    done += 1;
    report({ done, total: queue.length, failed });
  }
  report({ done, total: queue.length, failed, finished: true });
}

self.addEventListener("message", (event) => {
  const { data } = event;
  const port = event.ports[0];
  const report = (progress) => port?.postMessage(progress);
  if (Array.isArray(data?.keep)) {
    event.waitUntil(keep(data.keep, { withSubresources: false, report }));
  } else if (Array.isArray(data?.save)) {
    event.waitUntil(keep(data.save, { withSubresources: true, report }));
  }
});
