//! Pure learning logic: walking and grading scenarios, grading quizzes,
//! confidence calibration, the review schedule, and checking that content
//! is sound. No clock, no storage, no browser: time is passed in, so every
//! rule here is tested natively.

pub mod check;
pub mod confidence;
pub mod grade;
pub mod pool;
pub mod review;
pub mod scenario;
pub mod shuffle;

pub use confidence::{calibration, tag_scores, Confidence, LevelCount, TagCalibration, TagScore};
pub use grade::{grade, Graded, Mark, Response};
pub use review::{after_answer, is_due, Review};
pub use shuffle::{presented_order, shown_order};
