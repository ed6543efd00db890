//! The guard against a build that only works on a machine where something
//! was built before: the offline release build must succeed from a cargo
//! registry cache that holds only what `setup` fetched into it.
//!
//! A new machine has an empty registry. Trunk runs cargo `--offline`, and the
//! release build recompiles the standard library, whose own dependencies are
//! not in the project's lockfile; if setup ever stops fetching any of them,
//! this fails here instead of on a newcomer's machine.

use std::time::Instant;

use crate::{root, setup, trunk_build, Result};

pub fn offline_build_from_empty_registry() -> Result {
    let started = Instant::now();
    let dir = root().join("target").join("guard");
    let home = dir.join("cargo-home");
    if home.exists() {
        std::fs::remove_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    }
    std::fs::create_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    println!("guard: the offline release build from an empty cargo registry ({})", home.display());
    setup::sources(Some(&home))?;
    // A target folder of its own: sharing the main one would rebuild
    // everything twice per run, since the crates' sources sit at other paths.
    // Kept between runs, so only the first run pays for a full build; the
    // offline resolution that failed on new machines happens every time.
    let target = dir.join("target");
    trunk_build(&dir.join("dist"), &[("CARGO_HOME", &home), ("CARGO_TARGET_DIR", &target)])
        .map_err(|e| format!("the offline build fails from a registry holding only what setup fetched: {e}"))?;
    println!("guard: passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
