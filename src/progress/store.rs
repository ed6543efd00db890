//! Loading and saving progress, whatever the storage does.
//!
//! The rules: progress that cannot be read is copied to [`BACKUP_KEY`]
//! before anything could overwrite it; progress from a newer version is
//! never overwritten; when storage fails the course goes on in memory and
//! the learner is told.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{DecodeError, Progress};

/// The one key learner progress is saved under.
pub const KEY: &str = "kend-tegnene.progress";
/// Where unreadable progress is copied before the course starts afresh.
pub const BACKUP_KEY: &str = "kend-tegnene.progress.backup";

/// Storage failed: unavailable, refused, or full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError(pub String);

/// A place to keep strings by key: the browser's localStorage, or memory.
pub trait Store {
    fn read(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn write(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// Storage in memory, for tests and as the fallback when the browser's
/// storage cannot be used.
#[derive(Default)]
pub struct MemoryStore {
    pub values: RefCell<BTreeMap<String, String>>,
    /// When set, every call fails, as a disabled or full storage does.
    pub failing: bool,
}

impl Store for MemoryStore {
    fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.failing {
            return Err(StoreError("storage disabled".into()));
        }
        Ok(self.values.borrow().get(key).cloned())
    }

    fn write(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.failing {
            return Err(StoreError("storage disabled".into()));
        }
        self.values.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }
}

/// Something the learner must be told about their saved progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The saved value was unreadable; it was kept under [`BACKUP_KEY`]
    /// (unless `backup_failed`).
    Corrupt { reason: String, backup_failed: bool },
    /// Saved by a newer version; left untouched, not saved over.
    Future(u32),
    /// Storage cannot be used; progress lives in memory only.
    Unavailable(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub progress: Progress,
    pub notice: Option<Notice>,
    /// False when saving would destroy something (a newer version's data)
    /// or cannot work (storage unavailable).
    pub may_save: bool,
}

pub fn load(store: &dyn Store) -> Loaded {
    let fresh = |notice, may_save| Loaded { progress: Progress::default(), notice: Some(notice), may_save };
    match store.read(KEY) {
        Err(StoreError(e)) => fresh(Notice::Unavailable(e), false),
        Ok(None) => Loaded { progress: Progress::default(), notice: None, may_save: true },
        Ok(Some(raw)) => match Progress::decode(&raw) {
            Ok(progress) => Loaded { progress, notice: None, may_save: true },
            Err(DecodeError::Future(v)) => fresh(Notice::Future(v), false),
            Err(DecodeError::Corrupt(reason)) => {
                let backup_failed = store.write(BACKUP_KEY, &raw).is_err();
                // Without a backup, saving would destroy the only copy.
                fresh(Notice::Corrupt { reason, backup_failed }, !backup_failed)
            }
        },
    }
}

/// Save progress already encoded with [`Progress::encode`] (the app
/// encodes once, to see whether anything changed, and saves that text).
pub fn save(store: &dyn Store, encoded: &str) -> Result<(), StoreError> {
    store.write(KEY, encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_storage_gives_fresh_progress() {
        let l = load(&MemoryStore::default());
        assert_eq!((l.progress, l.notice, l.may_save), (Progress::default(), None, true));
    }

    #[test]
    fn saved_progress_loads_back() {
        let store = MemoryStore::default();
        let mut p = Progress::default();
        p.mark_read("a", 5);
        save(&store, &p.encode()).unwrap();
        assert_eq!(load(&store).progress, p);
    }

    #[test]
    fn corrupt_value_is_backed_up_before_anything_else() {
        let store = MemoryStore::default();
        store.write(KEY, "{garbage").unwrap();
        let l = load(&store);
        assert!(matches!(l.notice, Some(Notice::Corrupt { backup_failed: false, .. })));
        assert!(l.may_save);
        assert_eq!(store.read(BACKUP_KEY).unwrap().as_deref(), Some("{garbage"));
        assert_eq!(store.read(KEY).unwrap().as_deref(), Some("{garbage"), "load itself writes nothing over it");
    }

    #[test]
    fn future_version_is_never_saved_over() {
        let store = MemoryStore::default();
        store.write(KEY, "{\"version\":7}").unwrap();
        let l = load(&store);
        assert_eq!(l.notice, Some(Notice::Future(7)));
        assert!(!l.may_save);
    }

    #[test]
    fn failing_storage_is_reported_and_not_written() {
        let store = MemoryStore { failing: true, ..Default::default() };
        let l = load(&store);
        assert!(matches!(l.notice, Some(Notice::Unavailable(_))));
        assert!(!l.may_save);
        assert!(save(&store, &l.progress.encode()).is_err());
    }
}
