// Loads the app. A separate file, not an inline script, so the page's
// Content-Security-Policy can forbid inline script altogether.
import init from "/kend-tegnene.js";

// Keep the course usable offline after one visit (see sw.js).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}

init({ module_or_path: "/kend-tegnene_bg.wasm" }).catch((err) => {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent =
    "Kurset kunne ikke starte. / The course could not start. (" + err + ")";
  document.body.append(p);
});
