//! The content check over every file in `content/`: it fails, listing each
//! problem with file and line, when anything an author wrote is wrong.

use std::path::Path;

use kend_tegnene::content::compile::compile;

#[test]
fn every_content_file_is_valid() {
    let compiled = compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let report: Vec<String> = compiled.problems.iter().map(|p| p.to_string()).collect();
    assert!(report.is_empty(), "content problems:\n{}", report.join("\n"));
    assert!(compiled.files.iter().any(|(p, _)| p == "da/index.json"));
    assert!(compiled.files.iter().any(|(p, _)| p == "en/index.json"));
}
