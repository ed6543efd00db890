// Starts the course inside a learning platform (LMS). Unlike boot.js: only
// relative URLs (the LMS serves the package from a path of its own), no
// service worker, and the wasm is instantiated from its bytes, so it loads
// whatever content type the LMS sends (Moodle: document/unknown).

// The SCORM API object: on a parent window, or on the opener and its
// parents when the LMS opened the course in a new window. A parent on
// another origin throws a SecurityError, which ends that walk.
function findApi(name) {
  for (let w of [window.parent, window.opener]) {
    for (let hops = 0; w && hops < 10; hops++) {
      try {
        if (w[name]) return w[name];
        if (w.parent === w) break;
        w = w.parent;
      } catch (e) {
        break;
      }
    }
  }
  return null;
}

try {
  // The package's own description, written by `cargo xtask package`.
  const { scorm, modules, mastery, js, wasm } = await (await fetch("lms.json")).json();
  const api = findApi(scorm === "2004" ? "API_1484_11" : "API");
  globalThis.ktLms = { api, scorm, modules: modules.join(","), mastery: String(mastery) };
  const app = await import("./" + js);
  const bytes = await (await fetch(wasm)).arrayBuffer();
  await app.default({ module_or_path: bytes });
} catch (err) {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = "Kurset kunne ikke starte. / The course could not start. (" + err + ")";
  document.body.append(p);
}
