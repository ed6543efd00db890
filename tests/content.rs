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

#[test]
fn a_broken_file_is_named_with_its_line_and_the_rest_still_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-content/content");
    let compiled = compile(&root);
    let report: Vec<String> = compiled.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        report.iter().any(|p| p.starts_with("content/da/lessons/broken-lesson.md:4:")),
        "expected the broken line to be named: {report:?}"
    );
    let files: Vec<&str> = compiled.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(files.contains(&"da/lessons/good-lesson.json"));
    assert!(!files.contains(&"da/lessons/broken-lesson.json"));
    let index = &compiled.files.iter().find(|(p, _)| p == "da/index.json").unwrap().1;
    assert!(index.contains("broken-lesson.md:4"), "the catalog carries the message: {index}");
}
