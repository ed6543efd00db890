//! The app shell's size is deterministic for a given build, so it is tested.

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

#[test]
fn the_app_shell_stays_within_its_budget_gzip() {
    let dist = dist();
    let mut total = 0;
    for entry in std::fs::read_dir(&dist).unwrap().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if path.is_file() && ["html", "js", "wasm", "css"].contains(&ext) {
            total += gzip_len(&std::fs::read(&path).unwrap());
        }
    }
    assert!(total < SHELL_BUDGET, "app shell is {total} B gzip, over the {SHELL_BUDGET} B budget");
}
