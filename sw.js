// Offline use: after one visit, the course works without the server.
// Requests go to the network first, so nothing stale is shown while the
// server answers; content answers are kept and used when the network fails.
// The app shell is kept once, at install: the build writes a hash of the
// shell into CACHE, so a new build installs afresh and drops the old copy.
// App addresses (/lesson/x and the like) fall back to the kept index.html.
const CACHE = "kend-tegnene-BUILD";
const SHELL = ["/index.html", "/boot.js", "/kend-tegnene.js", "/kend-tegnene_bg.wasm", "/main.css"];

self.addEventListener("install", (e) => {
  self.skipWaiting();
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)));
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  e.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && url.pathname.startsWith("/content/")) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() =>
        caches.match(req).then((hit) => hit || (req.mode === "navigate" ? caches.match("/index.html") : Response.error()))
      )
  );
});
