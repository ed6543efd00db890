//! An import file: any text the learner might pick. Parsing must never
//! panic; what parses must export and import back to itself, and preview
//! and merge must work on it.
#![no_main]

use kend_tegnene::progress::{export, parse_import, preview, ImportError, Progress, CURRENT_VERSION, MAX_IMPORT_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_import(text) {
        Ok(p) => {
            assert_eq!(p.version, CURRENT_VERSION);
            assert_eq!(parse_import(&export(&p, 0)).as_ref(), Ok(&p));
            let here = Progress::default();
            let pv = preview(&here, &p);
            let merged = here.merge(&p);
            assert_eq!(pv.unchanged, merged == here);
            assert!(preview(&merged, &p).unchanged);
        }
        Err(ImportError::TooLarge { bytes, limit }) => assert!(bytes > limit && limit == MAX_IMPORT_BYTES),
        Err(ImportError::FromFuture(v)) => assert!(v > CURRENT_VERSION),
        Err(ImportError::NotJson | ImportError::NotProgressFile | ImportError::Invalid) => {}
    }
});
