//! Pure learning logic: walking and grading scenarios, and checking that a
//! scenario's graph is sound. No clock, no storage, no browser: time is
//! passed in, so every rule here is tested natively.

pub mod scenario;
