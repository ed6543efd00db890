//! The course manifest, `content/course.toml`: modules and their items.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::content::model::Audience;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Manifest {
    pub(super) version: String,
    #[serde(rename = "module")]
    pub(super) modules: Vec<ManifestModule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ManifestModule {
    pub(super) id: Spanned<String>,
    pub(super) title: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) audience: Option<Audience>,
    pub(super) items: Vec<Spanned<String>>,
}
