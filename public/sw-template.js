// Klimatcoachning's service worker: this build's files, precached under a cache
// named for the build, so the app and every route open without a network after
// one visit, each route with its own prerendered page. A new build waits until the page says so (the user chose to reload);
// assets are never swapped under a running page. The lists are written at build
// time by scripts/post-build.mjs.
const BUILD = "__BUILD__";
const FILES = ["__FILES__"];
const CACHE = `klimatcoachning-${BUILD}`;
const SCOPE = new URL("./", self.location).href;
const SHELL = new URL("index.html", SCOPE).href;
const PRECACHE = [SHELL, ...FILES.map((f) => new URL(f, SCOPE).href)];
// Any other address (a participant added in this browser, a mistyped link) gets the
// page static hosts send for it, which starts the app.
const NOT_FOUND = new URL("404.html", SCOPE).href;

/** The page written for a navigation: `kommun/hjo` and `kommun/hjo/` → `kommun/hjo/index.html`. */
function pageFor(url) {
  const route = url.href.slice(SCOPE.length).replace(/\/?(index\.html)?$/, "");
  const page = new URL(route ? `${route}/index.html` : "index.html", SCOPE).href;
  if (PRECACHE.includes(page)) return page;
  return PRECACHE.includes(NOT_FOUND) ? NOT_FOUND : SHELL;
}

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
  // A deep link such as kommun/hjo or kommuner?lan=12 gets its route's own page.
  const target = request.mode === "navigate" ? (file ?? pageFor(url)) : file;
  if (!target) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(target).then((hit) => hit ?? fetch(request)),
    ),
  );
});
