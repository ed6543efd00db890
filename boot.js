// Loads the app. A separate file, not an inline script, so the page's
// Content-Security-Policy can forbid inline script altogether.
import init from "/kend-tegnene.js";

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
  sw.register("/sw.js").then((reg) => {
    // Look for a new release now and then, not only at the next visit.
    setInterval(() => reg.update().catch(() => {}), 3600000);
  }).catch(() => {});
}

init({ module_or_path: "/kend-tegnene_bg.wasm" }).catch((err) => {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent =
    "Kurset kunne ikke starte. / The course could not start. (" + err + ")";
  document.body.append(p);
});
