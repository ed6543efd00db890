//! Stored progress as the browser might hand it back: any text at all.
//! Decoding must never panic, and whatever decodes must be the current
//! version, encode and decode back to itself, and survive merging.
#![no_main]

use kend_tegnene::progress::{DecodeError, Progress, CURRENT_VERSION};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Progress::decode(text) {
        Ok(p) => {
            assert_eq!(p.version, CURRENT_VERSION);
            assert_eq!(Progress::decode(&p.encode()).as_ref(), Ok(&p));
            let n = p.normalized();
            assert_eq!(p.merge(&p), n);
            assert_eq!(n.merge(&n), n);
        }
        Err(DecodeError::Future(v)) => assert!(v > CURRENT_VERSION),
        Err(DecodeError::Corrupt(_)) => {}
    }
});
