// Klimatcoachning's service worker: this build's files, precached under a cache
// named for the build, so the app and every route open without a network after
// one visit. A new build waits until the page says so (the user chose to reload);
// assets are never swapped under a running page. The lists are written at build
// time by scripts/post-build.mjs.
const BUILD = "__BUILD__";
const FILES = ["__FILES__"];
const CACHE = `klimatcoachning-${BUILD}`;
const SCOPE = new URL("./", self.location).href;
const SHELL = new URL("index.html", SCOPE).href;
const PRECACHE = [SHELL, ...FILES.map((f) => new URL(f, SCOPE).href)];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("klimatcoachning-") && k !== CACHE).map((k) => caches.delete(k))),
    ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  const file = PRECACHE.includes(url.href) ? url.href : null;
  // Any page of the app (a deep link such as kommun/hjo or kommuner?lan=12) is the app shell.
  const target = file ?? (request.mode === "navigate" ? SHELL : null);
  if (!target) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(target).then((hit) => hit ?? fetch(request)),
    ),
  );
});
