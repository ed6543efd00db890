//! [`Map`]: the progress records by content id, a sorted pair of vectors.
//!
//! Why not `BTreeMap`: progress keeps four maps with four record types, and
//! a `BTreeMap` compiles its insert, removal, rebalancing and clone once per
//! value type, about 4 KB of wasm each. Here the key search works on the keys
//! alone, so it exists once; what is left per value type is a few vector
//! calls. The maps are small (a course has some hundred questions), so a
//! binary search and a vector insert are as fast as a tree.
//!
//! Iteration is in key order, as with `BTreeMap`, so the stored JSON (an
//! object, keys sorted) is the same as before.

use std::borrow::Cow;
use std::fmt;

use miniserde::de::{Map as DeMap, Visitor};
use miniserde::ser::{Fragment, Map as SerMap};
use miniserde::{make_place, Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq)]
pub struct Map<V> {
    keys: Vec<String>,
    values: Vec<V>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map::new()
    }
}

/// Where `key` is, or where it would go: shared by every value type.
fn search(keys: &[String], key: &str) -> Result<usize, usize> {
    keys.binary_search_by(|k| k.as_str().cmp(key))
}

impl<V> Map<V> {
    pub fn new() -> Self {
        Map { keys: Vec::new(), values: Vec::new() }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        search(&self.keys, key).ok().map(|i| &self.values[i])
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        search(&self.keys, key).ok().map(|i| &mut self.values[i])
    }

    pub fn contains_key(&self, key: &str) -> bool {
        search(&self.keys, key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match search(&self.keys, &key) {
            Ok(i) => Some(std::mem::replace(&mut self.values[i], value)),
            Err(i) => {
                self.keys.insert(i, key);
                self.values.insert(i, value);
                None
            }
        }
    }

    /// The value of `key`, made by `make` first when there is none.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match search(&self.keys, key) {
            Ok(i) => i,
            Err(i) => {
                self.keys.insert(i, key.to_string());
                self.values.insert(i, make());
                i
            }
        };
        &mut self.values[i]
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// In key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.into_iter()
    }

    pub fn keys(&self) -> std::slice::Iter<'_, String> {
        self.keys.iter()
    }

    pub fn values(&self) -> std::slice::Iter<'_, V> {
        self.values.iter()
    }

    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, V> {
        self.values.iter_mut()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
        self.values.clear();
    }
}

impl<V: Default> Map<V> {
    pub fn get_or_default(&mut self, key: &str) -> &mut V {
        self.get_or_insert_with(key, V::default)
    }
}

/// `map["id"]`, like a `BTreeMap`: panics when the key is missing.
impl<V> std::ops::Index<&str> for Map<V> {
    type Output = V;

    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, String>, std::slice::Iter<'a, V>>;

    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter().zip(&self.values)
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<V: fmt::Debug> fmt::Debug for Map<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Written as a JSON object, keys in order.
impl<V: Serialize> Serialize for Map<V> {
    fn begin(&self) -> Fragment<'_> {
        struct Stream<'a, V>(std::iter::Zip<std::slice::Iter<'a, String>, std::slice::Iter<'a, V>>);

        impl<V: Serialize> SerMap for Stream<'_, V> {
            fn next(&mut self) -> Option<(Cow<'_, str>, &dyn Serialize)> {
                let (k, v) = self.0.next()?;
                Some((Cow::Borrowed(k.as_str()), v as &dyn Serialize))
            }
        }

        Fragment::Map(Box::new(Stream(self.into_iter())))
    }
}

/// Read from a JSON object; a key given twice keeps its last value, as a
/// `BTreeMap` would.
impl<V: Deserialize> Deserialize for Map<V> {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        make_place!(Place);

        impl<V: Deserialize> Visitor for Place<Map<V>> {
            fn map(&mut self) -> miniserde::Result<Box<dyn DeMap + '_>> {
                Ok(Box::new(Builder { out: &mut self.out, map: Map::new(), key: None, value: None }))
            }
        }

        struct Builder<'a, V> {
            out: &'a mut Option<Map<V>>,
            map: Map<V>,
            key: Option<String>,
            value: Option<V>,
        }

        impl<V> Builder<'_, V> {
            fn shift(&mut self) {
                if let (Some(k), Some(v)) = (self.key.take(), self.value.take()) {
                    self.map.insert(k, v);
                }
            }
        }

        impl<V: Deserialize> DeMap for Builder<'_, V> {
            fn key(&mut self, k: &str) -> miniserde::Result<&mut dyn Visitor> {
                self.shift();
                self.key = Some(k.to_string());
                Ok(Deserialize::begin(&mut self.value))
            }

            fn finish(&mut self) -> miniserde::Result<()> {
                self.shift();
                *self.out = Some(std::mem::take(&mut self.map));
                Ok(())
            }
        }

        Place::new(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_sorted_and_unique() {
        let mut m = Map::new();
        for k in ["b", "a", "c", "a"] {
            *m.get_or_default(k) += 1;
        }
        assert_eq!(m.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>(), [("a", 2), ("b", 1), ("c", 1)]);
        assert_eq!(m.insert("b".into(), 5), Some(1));
        assert_eq!(m.get("b"), Some(&5));
        assert!(!m.contains_key("d"));
    }

    #[test]
    fn json_is_an_object_in_key_order_and_the_last_duplicate_wins() {
        let m: Map<u32> = miniserde::json::from_str(r#"{"z":1,"a":2,"z":3}"#).unwrap();
        assert_eq!(miniserde::json::to_string(&m), r#"{"a":2,"z":3}"#);
        assert!(miniserde::json::from_str::<Map<u32>>("[1]").is_err());
    }
}
