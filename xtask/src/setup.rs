//! Installs what building and testing need, idempotently: each tool is
//! checked first and installed only when missing or at the wrong version.

use std::path::PathBuf;
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

pub fn all() -> Result {
    wasm_target()?;
    cargo_tool("trunk", TRUNK_VERSION, &["install", "--locked", "trunk", "--version", TRUNK_VERSION])?;
    let bindgen = lock_version("wasm-bindgen")?;
    // Not --locked: one of wasm-bindgen-cli's locked dependencies is not on
    // the registry mirror; the version itself is pinned.
    cargo_tool("wasm-bindgen", &bindgen, &["install", "wasm-bindgen-cli", "--version", &bindgen])?;
    npm_tools()?;
    chromium()
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

/// wasm-opt (npm `binaryen`), terser and axe-core, into target/tools.
fn npm_tools() -> Result {
    let wasm_opt = output("wasm-opt", &["--version"]).unwrap_or_default();
    let terser = output("terser", &["--version"]).unwrap_or_default();
    let axe = std::fs::read_to_string(tools_dir().join("node_modules/axe-core/package.json")).unwrap_or_default();
    if wasm_opt.split_whitespace().any(|w| w == BINARYEN_VERSION)
        && terser.split_whitespace().any(|w| w == TERSER_VERSION)
        && axe.contains(&format!("\"version\": \"{AXE_VERSION}\""))
    {
        return Ok(());
    }
    println!(
        "setup: installing wasm-opt (npm binaryen@{BINARYEN_VERSION}), terser@{TERSER_VERSION}, axe-core@{AXE_VERSION}"
    );
    std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(tools_dir())
        .arg(format!("binaryen@{BINARYEN_VERSION}"))
        .arg(format!("terser@{TERSER_VERSION}"))
        .arg(format!("axe-core@{AXE_VERSION}")))
}

fn chromium() -> Result {
    let have = |p: &str| std::path::Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") && have("/usr/bin/pdftotext") {
        return Ok(());
    }
    println!(
        "setup: installing Debian's chromium, chromium-driver and poppler-utils (pdftotext) for the browser tests"
    );
    let sudo = output("id", &["-u"]).map(|u| u.trim() != "0").unwrap_or(true);
    let apt = |args: &[&str]| {
        let mut cmd = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    apt(&["install", "-y", "-q", "chromium", "chromium-driver", "poppler-utils"])
}
