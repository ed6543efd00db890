//! The app shell's size is deterministic for a given build, so it is tested.
//! The shell is what every first visit loads whatever the page: the bare
//! page (`shell.html`), the scripts, the wasm and the stylesheet. The
//! prerendered pages are content, not shell; `cargo xtask bench` lists each
//! one's size.

use std::io::Write;

use crate::support::dist;

/// The quality bar: html + js + wasm + css, gzip, at most 160,000 bytes
/// with every feature filed in the open issues (each one's cost is in
/// ARCHITECTURE.md's size table).
const SHELL_BUDGET: usize = 160_000;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

/// The shell's files: shell.html and every script, wasm and stylesheet at
/// the top of dist/ (not their .gz and .br copies, not the pages).
pub fn shell_files() -> Vec<std::path::PathBuf> {
    let mut files = vec![dist().join("shell.html")];
    for entry in std::fs::read_dir(dist()).unwrap().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if path.is_file() && ["js", "wasm", "css"].contains(&ext) {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_app_shell_stays_under_160_kb_gzip() {
    let total: usize = shell_files().iter().map(|p| gzip_len(&std::fs::read(p).unwrap())).sum();
    println!("app shell: {total} B gzip -9 (pages not counted: `cargo xtask bench` lists them)");
    assert!(total < SHELL_BUDGET, "app shell is {total} B gzip, over the {SHELL_BUDGET} B budget");
}
