// Starts the app on a page, added by the page's inline loader
// (prerender::LOADER). A file, not inline, so the page's Content-Security-
// Policy can refuse every inline script but that small loader. The build
// writes the hashed names of the glue and the wasm in place of these, as
// addresses relative to this file.

// Keep the course usable offline after one visit (see sw.js). When a new
// release's worker takes over a page that an older one controlled, the
// page still runs the old release: say so politely, and offer a reload.
// Progress is saved at every step, so the reload loses nothing.
if ("serviceWorker" in navigator) {
  const sw = navigator.serviceWorker;
  const controlled = !!sw.controller;
  sw.addEventListener("controllerchange", () => {
    if (!controlled || document.getElementById("update-notice")) return;
    const da = document.documentElement.lang !== "en";
    const box = document.createElement("div");
    box.id = "update-notice";
    box.className = "update-notice";
    box.setAttribute("role", "status");
    const p = document.createElement("p");
    p.textContent = da ? "Der er kommet en ny version af kurset." : "A new version of the course is ready.";
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.id = "update-reload";
    b.textContent = da ? "Genindlæs (dine fremskridt bevares)" : "Reload (your progress is kept)";
    b.addEventListener("click", () => location.reload());
    box.append(p, b);
    document.body.append(box);
  });
  // Registered once the page has loaded: installing fetches the app's
  // files again, which would compete with the page. (This file may itself
  // arrive after the load event.)
  const register = () =>
    sw.register("/sw.js").then((reg) => {
      // Look for a new release now and then, not only at the next visit.
      setInterval(() => reg.update().catch(() => {}), 3600000);
    }).catch(() => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register);
}

// On a prerendered page the app renders into a hidden #app-next. At the
// first frame where nothing in it is still loading, it replaces the page's
// #app in one step before that frame is painted: the same markup, with the
// learner's progress filled in where <html class="pre"> kept space for it.
// Focus moves to the element at the same place, and the scroll stays.
function takeOver() {
  const next = document.getElementById("app-next");
  if (!next) return;
  if (next.querySelector(".loading")) return requestAnimationFrame(takeOver);
  const old = document.getElementById("app");
  const at = [...old.querySelectorAll("*")].indexOf(document.activeElement);
  const x = scrollX, y = scrollY;
  old.replaceWith(next);
  next.id = "app";
  next.hidden = false;
  document.documentElement.classList.remove("pre");
  if (at >= 0) next.querySelectorAll("*")[at]?.focus();
  scrollTo(x, y);
  performance.mark("takeover");
  remember();
}

// The prerendered pages show a learner with no role and no progress. For a
// returning learner the overview below its lead is arranged by role and
// progress, so it must not be painted as prerendered and then rearranged.
// The service worker (sw.js) marks a page <html class="pre returning"> for
// a browser that holds either, and the stylesheet keeps that part hidden
// until the app takes over. Only the service worker can mark the page before
// it is painted, and it cannot read localStorage: the page tells it here,
// in a cache of its own, at every take-over and whenever the page is left.
// (The keys are role::ROLE_KEY and progress::KEY; a test in xtask checks.)
function remember() {
  if (!("caches" in window)) return;
  let returning = false;
  try {
    returning = !!(localStorage.getItem("kend-tegnene.role") || localStorage.getItem("kend-tegnene.progress"));
  } catch (_) {}
  caches.open("kend-tegnene-learner").then((c) =>
    returning ? c.put("/returning", new Response("1")) : c.delete("/returning")
  ).catch(() => {});
}
addEventListener("visibilitychange", () => document.visibilityState === "hidden" && remember());

function failed(err) {
  // The prerendered page stays readable; say what does not work.
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.className = "needs-browser";
  p.textContent =
    "Cases og videnstjek kræver en nyere browser. / Cases and checks need a newer browser. (" + err + ")";
  (document.querySelector("main") || document.body).prepend(p);
}

// Added by the page's inline loader (prerender::LOADER) once the
// prerendered page is painted, together with the preloads of the glue, the
// wasm and the page's content (all in parallel; before the paint they would
// share a slow line with the stylesheet). The fetch below is answered by
// that preload. The web app manifest is linked here for the same reason.
const wasm = fetch(new URL("kend-tegnene_bg.wasm", import.meta.url));
const manifest = document.createElement("link");
Object.assign(manifest, { rel: "manifest", href: "/manifest.webmanifest" });
document.head.append(manifest);
import("./kend-tegnene.js")
  .then((glue) => glue.default({ module_or_path: wasm }))
  .then(() => requestAnimationFrame(takeOver), failed);
