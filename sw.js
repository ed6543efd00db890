// Offline use: after one visit, the course works without the server.
// Requests go to the network first, so nothing stale is shown while the
// server answers (the app's files have hashed names and come from the HTTP
// cache without a request anyway); pages and content answers are kept as
// they pass and used when the network fails. The app shell is kept once, at
// install: the build writes its files' hashed names into SHELL and a hash of
// them into CACHE, so a new build installs afresh and drops the old copy.
// A page never visited falls back, offline, to the kept shell.html (the app
// with a loading message), which then shows the page the address names.
const CACHE = "kend-tegnene-BUILD";
const SHELL = ["/shell.html", "SHELL_FILES"];

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
        if (res.ok && (req.mode === "navigate" || url.pathname.startsWith("/content/"))) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() =>
        caches.match(req).then((hit) => hit || (req.mode === "navigate" ? caches.match("/shell.html") : Response.error()))
      )
  );
});
