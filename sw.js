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
// Holds "/returning" while this browser has a role or progress (boot.js
// keeps it); kept across releases.
const LEARNER = "kend-tegnene-learner";
const SHELL = ["/shell.html", "SHELL_FILES"];

self.addEventListener("install", (e) => {
  self.skipWaiting();
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)));
});

self.addEventListener("activate", (e) => {
  // Navigation preload: the browser asks the network for a page while this
  // worker is still starting, so a returning learner does not wait for both.
  const preload = self.registration.navigationPreload;
  e.waitUntil(
    Promise.resolve(preload && preload.enable())
      .then(() => caches.keys())
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== LEARNER).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  const network = req.mode === "navigate" && e.preloadResponse
    ? e.preloadResponse.then((res) => res || fetch(req))
    : fetch(req);
  const answer = network
    .then((res) => {
      if (res.ok && (req.mode === "navigate" || url.pathname.startsWith("/content/"))) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    })
    .catch(() =>
      caches.match(req).then((hit) => hit || (req.mode === "navigate" ? caches.match("/shell.html") : Response.error()))
    );
  e.respondWith(req.mode === "navigate" ? answer.then(returning) : answer);
});

// A prerendered page for a returning learner: marked, so the stylesheet
// hides what the app will arrange by the learner's role and progress (see
// boot.js). The page is read whole to do it (a few KB); the copy kept for
// offline use stays as served.
async function returning(res) {
  if (!res.ok || !(res.headers.get("content-type") || "").startsWith("text/html")) return res;
  const known = await caches.open(LEARNER).then((c) => c.match("/returning")).catch(() => null);
  if (!known) return res;
  const html = await res.text();
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  const marked = html.replace(/<html([^>]*) class="pre"/, '<html$1 class="pre returning"');
  return new Response(marked, { status: res.status, statusText: res.statusText, headers });
}
