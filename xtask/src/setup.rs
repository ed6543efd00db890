//! Installs what building and testing need, idempotently: each tool is
//! checked first and installed only when missing or at the wrong version.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{root, run, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
/// The npm package `binaryen` at this major version ships a wasm-opt that
/// Trunk accepts; Trunk.toml names the same version.
pub const BINARYEN_VERSION: &str = "132";
/// Minifies the JS glue that wasm-bindgen writes (Trunk leaves it as is).
pub const TERSER_VERSION: &str = "5.51.4";
/// The accessibility rules the browser tests run on every page.
pub const AXE_VERSION: &str = "4.14.1";
/// Lighthouse for `cargo xtask bench` only (never the tests): the last
/// version that runs on Node 20.
pub const LIGHTHOUSE_VERSION: &str = "12.2.3";

/// Everything: what building needs, and what the tests need besides.
pub fn all() -> Result {
    build_tools()?;
    test_tools()
}

/// What building (and so serving) the course needs, and nothing more: no
/// browser, no root.
pub fn build_tools() -> Result {
    wasm_target()?;
    sources(None)?;
    cargo_tool("trunk", TRUNK_VERSION, &["install", "--locked", "trunk", "--version", TRUNK_VERSION])?;
    let bindgen = lock_version("wasm-bindgen")?;
    // Not --locked: one of wasm-bindgen-cli's locked dependencies is not on
    // the registry mirror; the version itself is pinned.
    cargo_tool("wasm-bindgen", &bindgen, &["install", "wasm-bindgen-cli", "--version", &bindgen])?;
    npm_install(&[("binaryen", BINARYEN_VERSION), ("terser", TERSER_VERSION)])
}

/// The SCORM runtime the LMS tests run the packages in.
pub const SCORM_AGAIN_VERSION: &str = "3.4.3";

/// What `bench` needs beyond the tests: Lighthouse.
pub fn bench_tools() -> Result {
    npm_install(&[("lighthouse", LIGHTHOUSE_VERSION)])
}

/// What the tests need beyond building: axe-core, the SCORM runtime and
/// schemas, Chromium, its driver, pdftotext and xmllint, and nginx with its
/// brotli module and Caddy (the browser tests run against each).
pub fn test_tools() -> Result {
    npm_install(&[("axe-core", AXE_VERSION), ("scorm-again", SCORM_AGAIN_VERSION), crate::package::SCHEMAS_PACKAGE])?;
    chromium()?;
    servers()
}

/// What `package` needs beyond building: the official SCORM schemas.
pub fn package_tools() -> Result {
    npm_install(&[crate::package::SCHEMAS_PACKAGE])
}

/// The source of every crate the offline release build compiles, in the
/// registry cache of `cargo_home` (None: cargo's own). Trunk runs cargo
/// `--offline`, and the release build recompiles the standard library, so
/// the standard library's own dependencies (listed in the lockfile that ships
/// with `rust-src`) must be there as well as the project's. Each is tried
/// offline first, which is quick and needs no network once all is there.
pub fn sources(cargo_home: Option<&Path>) -> Result {
    let sysroot = output("rustc", &["--print", "sysroot"]).ok_or("cannot run rustc --print sysroot")?;
    let std_manifest = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    for manifest in [root().join("Cargo.toml"), std_manifest] {
        let fetch = |offline: bool| {
            let mut cmd = Command::new(env!("CARGO"));
            cmd.args(["fetch", "--quiet", "--manifest-path"]).arg(&manifest);
            if offline {
                cmd.arg("--offline").stderr(Stdio::null());
            }
            if let Some(home) = cargo_home {
                cmd.env("CARGO_HOME", home);
            }
            // The standard library's lockfile is the toolchain's: read it,
            // never update it. Its manifest uses nightly cargo features.
            cmd.arg("--locked").env("RUSTC_BOOTSTRAP", "1");
            cmd.status().map(|s| s.success()).unwrap_or(false)
        };
        if !fetch(true) {
            println!("setup: fetching the crates in {}", manifest.display());
            if !fetch(false) {
                return Err(format!("cargo fetch --manifest-path {} failed", manifest.display()));
            }
        }
    }
    Ok(())
}

/// Where npm-installed tools live (inside target/, so `cargo clean` clears it).
pub fn tools_dir() -> PathBuf {
    root().join("target").join("tools")
}

/// PATH with the npm tools and cargo's bin folder in front.
pub fn path_with_tools() -> String {
    let mut parts = vec![tools_dir().join("node_modules").join(".bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin"));
    }
    let mut path = std::env::join_paths(parts).unwrap_or_default().to_string_lossy().into_owned();
    if let Ok(rest) = std::env::var("PATH") {
        path = format!("{path}:{rest}");
    }
    path
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    Command::new(cmd)
        .args(args)
        .env("PATH", path_with_tools())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The wasm target, and the standard library's source, which the release
/// build recompiles for size.
fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        println!("setup: adding the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let components = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    if !components.lines().any(|l| l.trim() == "rust-src") {
        println!("setup: adding the rust-src component");
        run(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    }
    Ok(())
}

fn cargo_tool(bin: &str, version: &str, install: &[&str]) -> Result {
    let found = output(bin, &["--version"]).unwrap_or_default();
    if found.split_whitespace().any(|w| w == version) {
        return Ok(());
    }
    println!("setup: installing {bin} {version} (several minutes, once)");
    run(Command::new(env!("CARGO")).args(install))
}

/// The version of `package` that Cargo.lock pins.
pub fn lock_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// npm packages at exact versions into target/tools (wasm-opt comes from
/// `binaryen`), installed only when one is missing or at another version.
fn npm_install(packages: &[(&str, &str)]) -> Result {
    let installed = |name: &str, version: &str| {
        let manifest = tools_dir().join("node_modules").join(name).join("package.json");
        std::fs::read_to_string(manifest).is_ok_and(|t| t.contains(&format!("\"version\": \"{version}")))
    };
    let missing: Vec<String> =
        packages.iter().filter(|(n, v)| !installed(n, v)).map(|(n, v)| format!("{n}@{v}")).collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("setup: installing {} (npm)", missing.join(", "));
    std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
    run(Command::new("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(tools_dir()).args(&missing))
}

/// Run apt-get (through sudo when not root), waiting for another apt-get
/// to finish rather than failing on its lock.
fn apt(args: &[&str]) -> Result {
    let sudo = output("id", &["-u"]).map(|u| u.trim() != "0").unwrap_or(true);
    let mut cmd = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
    if sudo {
        cmd.arg("apt-get");
    }
    cmd.args(["-o", "DPkg::Lock::Timeout=600"]).args(args).env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut cmd)
}

/// Debian's nginx with its brotli module, and Debian's Caddy, for running
/// the browser tests against deploy/nginx.conf and deploy/Caddyfile.
/// (Debian's policy-rc.d, where present, keeps the packages from starting
/// servers of their own.)
fn servers() -> Result {
    if crate::hosting::installed() {
        return Ok(());
    }
    println!("setup: installing Debian's nginx, libnginx-mod-http-brotli-static and caddy for the hosted test runs");
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "--no-install-recommends", "nginx", "libnginx-mod-http-brotli-static", "caddy"])
}

fn chromium() -> Result {
    let have = |p: &str| std::path::Path::new(p).exists();
    if have("/usr/bin/chromium")
        && have("/usr/bin/chromedriver")
        && have("/usr/bin/pdftotext")
        && have("/usr/bin/xmllint")
    {
        return Ok(());
    }
    println!(
        "setup: installing Debian's chromium, chromium-driver, poppler-utils (pdftotext) and libxml2-utils (xmllint) for the tests"
    );
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "chromium", "chromium-driver", "poppler-utils", "libxml2-utils"])
}
