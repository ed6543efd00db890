//! Measurements: the size of the app shell (raw and gzip). Numbers are
//! printed for the notes, never asserted on time.

use std::io::Write;
use std::path::Path;

use crate::Result;

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

pub fn run(root: &Path) -> Result {
    let dist = root.join("dist");
    println!("{:<28} {:>10} {:>10}", "file", "raw B", "gzip B");
    let (mut raw, mut gz) = (0, 0);
    let mut entries: Vec<_> = std::fs::read_dir(&dist).map_err(|e| e.to_string())?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let g = gzip_len(&bytes);
        println!("{:<28} {:>10} {:>10}", e.file_name().to_string_lossy(), bytes.len(), g);
        raw += bytes.len();
        gz += g;
    }
    println!("{:<28} {:>10} {:>10}", "app shell total", raw, gz);
    Ok(())
}
