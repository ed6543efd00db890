//! Project automation, run as `cargo xtask <command>`. The only
//! prerequisite is cargo: everything else is installed by `setup`, which
//! every other command runs first and which does nothing when all is there.
//!
//!   setup   install what building needs (wasm target, std sources, Trunk,
//!           wasm-bindgen, wasm-opt, terser) and what testing needs (Chromium)
//!   build   build the release app into dist/ and compile content into it
//!   serve   build, then serve dist/ at http://127.0.0.1:8080 (no test tools);
//!           editing content/ recompiles it and reloads the open page
//!   storyboard  the whole course per language as printable HTML in
//!           target/storyboard/
//!   test    build, prove the offline build from an empty registry, then run
//!           every test: native, content, browser
//!   check   check the content only, listing every problem with file and line
//!   package build, then write the SCORM 1.2 and 2004 zips into target/packages
//!           (`--mastery N` sets the mastery score, default 80)
//!   bench   build, then print sizes (and, with Chromium, load times)
//!   screenshots  build, then write PNGs of the main screens at desktop and
//!           phone width into docs/screenshots/

// The browser tests' harness: the static server and a Chromium session.
#[path = "../../tests/support/mod.rs"]
mod support;

mod bench;
mod guard;
mod hosting;
mod package;
mod setup;
mod site;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use kend_tegnene::content::compile::compile;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => build(),
        Some("serve") => serve(port_arg(&args)),
        Some("test") => test(&args[1..]),
        Some("check") => check(&args.get(1).map_or_else(|| root().join("content"), PathBuf::from)),
        Some("storyboard") => storyboard(),
        Some("package") => package::mastery_arg(&args).and_then(|m| build().and_then(|_| write_packages(m))),
        Some("bench") => build().and_then(|_| bench::run(&root())),
        Some("screenshots") => screenshots(),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|build|serve [--port N]|test [cargo test args]|check [content dir]|storyboard|package [--mastery N]|bench|screenshots>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The project root (the folder above xtask/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the project").to_path_buf()
}

pub fn dist() -> PathBuf {
    root().join("dist")
}

fn port_arg(args: &[String]) -> u16 {
    args.iter().position(|a| a == "--port").and_then(|i| args.get(i + 1)).and_then(|p| p.parse().ok()).unwrap_or(8080)
}

/// Run a command to completion, failing with its name if it fails.
pub fn run(cmd: &mut Command) -> Result {
    let status = cmd.status().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

/// Minify an ES module in place with terser.
fn minify_module(path: &Path) -> Result {
    let mut cmd = Command::new("terser");
    cmd.arg(path).args(["--compress", "--mangle", "--module", "--output"]).arg(path);
    run(cmd.env("PATH", setup::path_with_tools()))
}

/// The release site in dist/: the app shell built by Trunk, with every
/// script minified (the glue and the loader are ES modules, the service
/// worker a classic script) and the app's files named by their content;
/// the compiled content; a prerendered page for every route in every
/// language; and gzip and brotli copies of every text and wasm file.
fn build() -> Result {
    setup::build_tools()?;
    let dist = dist();
    trunk_build(&dist, &[])?;
    let js = dist.join("kend-tegnene.js");
    unexport_unused_classes(&js)?;
    site::minify(&js, true)?;
    unused_classes_gone(&js)?;
    let assets = site::hash_assets(&dist)?;
    let compiled = compile_content(&root().join("content"), &dist.join("content"))?;
    site::write_pages(&dist, &compiled.files, &assets)?;
    site::stamp_service_worker(&dist, &assets)?;
    site::compress(&dist)?;
    Ok(())
}

/// The app shell, built by Trunk (release, offline) into `dist`; `env` sets
/// more of cargo's environment (the guard's own registry and target folder).
pub fn trunk_build(dist: &Path, env: &[(&str, &Path)]) -> Result {
    trunk_build_page(dist, env, "index.html")
}

/// The same, from another Trunk input page (`lms-shell.html`: the build
/// with the LMS bridge).
pub fn trunk_build_page(dist: &Path, env: &[(&str, &Path)], page: &str) -> Result {
    println!("xtask: building the app shell from {page} with Trunk (release, offline)");
    let mut cmd = Command::new("trunk");
    cmd.args(["build", "--release", "--dist"])
        .arg(dist)
        .arg(page)
        .current_dir(root())
        .env("PATH", setup::path_with_tools())
        // Rebuild the standard library with panics that abort at once, without
        // formatting a message, and let Leptos erase component types: each
        // takes a large share off the wasm (see ARCHITECTURE.md). These are
        // nightly switches, allowed on this stable toolchain for the wasm
        // build only; native builds and tests are untouched.
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("RUSTFLAGS", "-Zunstable-options -Cpanic=immediate-abort --cfg erase_components");
    run(cmd.envs(env.iter().copied()))
}

/// wasm-bindgen writes JS classes for wasm-streams (linked through
/// Leptos's server-function crate, never used in this app), and wasm-opt
/// removes the wasm exports behind them (`data-wasm-opt-params` in
/// `index.html` and `lms-shell.html`: `--remove-exports` matching
/// `*intounderlying*`, then `-Oz` again to drop the code only they reached:
/// about 1.5 KB gzip). Nothing
/// creates these classes (no import returns one), so the glue loses them
/// too: each class, the line that gives it `Symbol.dispose` (which kept
/// terser from dropping it) and its finalization registry.
fn unexport_unused_classes(js: &Path) -> Result {
    let text = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    std::fs::write(js, drop_unused_classes(&text)).map_err(|e| format!("{}: {e}", js.display()))
}

fn drop_unused_classes(glue: &str) -> String {
    // What ends the part being dropped: a class's closing brace, or the
    // semicolon ending a registry's definition.
    let mut until: Option<fn(&str) -> bool> = None;
    let mut out = String::with_capacity(glue.len());
    for line in glue.split_inclusive('\n') {
        let bare = line.trim_end();
        if let Some(ends) = until {
            if ends(bare) {
                until = None;
            }
        } else if bare.starts_with("export class IntoUnderlying") || bare.starts_with("class IntoUnderlying") {
            until = Some(|l| l == "}");
        } else if bare.starts_with("const IntoUnderlying") && bare.contains("Finalization") {
            if !bare.ends_with(';') {
                until = Some(|l| l.ends_with(';'));
            }
        } else if !bare.starts_with("if (Symbol.dispose) IntoUnderlying") {
            out.push_str(line);
        }
    }
    out
}

/// The build stops if the minified glue still mentions those classes: the
/// wasm no longer has their exports.
fn unused_classes_gone(js: &Path) -> Result {
    let text = std::fs::read_to_string(js).map_err(|e| format!("{}: {e}", js.display()))?;
    if text.to_ascii_lowercase().contains("intounderlying") {
        return Err(format!(
            "{} still uses the IntoUnderlying* classes whose wasm exports index.html has wasm-opt remove",
            js.display()
        ));
    }
    Ok(())
}

/// Compile `content` into `out`. Problems are printed but do not stop the
/// build: the app shows the broken item's error and the rest works. `check`
/// and the tests fail on them.
pub fn compile_content(content: &Path, out: &Path) -> Result<kend_tegnene::content::compile::Compiled> {
    let compiled = compile(content);
    compiled.write_to(out).map_err(|e| format!("writing {}: {e}", out.display()))?;
    for p in &compiled.problems {
        eprintln!("warning: {p}");
    }
    println!("xtask: compiled {} content files into {}", compiled.files.len(), out.display());
    Ok(compiled)
}

/// Check a content folder (the course's own by default) and print every
/// problem and how guessable its answers are by length.
fn check(content: &Path) -> Result {
    let compiled = compile(content);
    for p in &compiled.problems {
        eprintln!("{p}");
    }
    for (lang, g) in &compiled.guessability {
        println!(
            "guessability ({}): the longest option is right in {} of {} steps and single-choice questions: {} % (at most {} %)",
            lang.code(),
            g.longest_right,
            g.counted,
            g.percent(),
            kend_tegnene::quiz::check::MAX_GUESSABLE_PERCENT
        );
    }
    match compiled.problems.len() {
        0 => {
            println!("content: no problems in {} compiled files", compiled.files.len());
            Ok(())
        }
        n => Err(format!("{n} content problem(s)")),
    }
}

/// The app built with the LMS bridge (feature `lms`), for the packages:
/// its JS glue and wasm go into target/lms-dist. The website's shell stays
/// without the bridge.
fn build_lms() -> Result {
    let out = package::lms_dist();
    trunk_build_page(&out, &[], "lms-shell.html")?;
    let js = out.join("kend-tegnene.js");
    unexport_unused_classes(&js)?;
    minify_module(&js)?;
    unused_classes_gone(&js)
}

fn write_packages(mastery: u8) -> Result {
    setup::package_tools()?;
    build_lms()?;
    for zip in package::write_all(&dist(), &package::lms_dist(), &package::out_dir(), mastery)? {
        println!("xtask: wrote {}", zip.display());
    }
    Ok(())
}

/// Write the storyboard, the whole course per language as one printable
/// HTML file, to target/storyboard/<lang>.html.
fn storyboard() -> Result {
    let compiled = compile(&root().join("content"));
    for p in &compiled.problems {
        eprintln!("warning: {p}");
    }
    let out = root().join("target/storyboard");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for course in &compiled.courses {
        let path = out.join(format!("{}.html", course.lang.code()));
        std::fs::write(&path, kend_tegnene::views::storyboard::render(course))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("xtask: storyboard written to {}", path.display());
    }
    Ok(())
}

fn serve(port: u16) -> Result {
    build()?;
    let server = support::Server::start(&dist(), port).map_err(|e| format!("cannot listen on port {port}: {e}"))?;
    println!(
        "xtask: serving the course at {} (Ctrl+C stops); editing content/ recompiles it and reloads the page",
        server.url("/")
    );
    watch::run(&root().join("content"), &dist().join("content"), &server)
}

/// PNGs of the main screens at desktop and phone width, from the built
/// app, into docs/screenshots/ (linked from the README).
fn screenshots() -> Result {
    setup::test_tools()?;
    build()?;
    run(Command::new(env!("CARGO"))
        .args(["test", "--test", "browser", "screenshots", "--", "--ignored", "--exact", "screenshots::screenshots"])
        .current_dir(root())
        .env("KT_DIST", dist())
        .env("KT_SCREENSHOTS", root().join("docs/screenshots")))
}

fn test(extra: &[String]) -> Result {
    setup::test_tools()?;
    build()?;
    write_packages(kend_tegnene::scorm::DEFAULT_MASTERY)?;
    guard::offline_build_from_empty_registry()?;
    println!("xtask: running every test (native, content, browser)");
    let (mut passed, mut failed) = (0, 0);
    let own = cargo_test(&["--workspace"], extra, None, &mut passed, &mut failed);
    // The same browser tests against nginx and Caddy with the shipped files.
    let mut hosted = Ok(());
    for start in [hosting::Running::nginx, hosting::Running::caddy] {
        let run = start(&dist()).and_then(|server| {
            println!("xtask: running the browser tests against {} ({})", server.name, server.url());
            cargo_test(&["--test", "browser"], extra, Some(&server.url()), &mut passed, &mut failed)
        });
        hosted = hosted.and(run);
    }
    println!("tests: {passed} passed, {failed} failed (browser tests three times: own server, nginx, Caddy)");
    own.and(hosted)
}

/// Run `cargo test` with these arguments, passing its output through and
/// adding up every test binary's summary; `base` runs the browser tests
/// against that server.
fn cargo_test(args: &[&str], extra: &[String], base: Option<&str>, passed: &mut u32, failed: &mut u32) -> Result {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.arg("test")
        .args(args)
        .args(extra)
        .current_dir(root())
        .env("KT_DIST", dist())
        .env("KT_PACKAGES", package::out_dir());
    if let Some(base) = base {
        cmd.env("KT_BASE_URL", base);
    }
    let mut child =
        cmd.stdout(std::process::Stdio::piped()).spawn().map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(|l| l.ok()) {
        println!("{line}");
        if let Some(rest) = line.strip_prefix("test result: ") {
            let count = |word: &str| {
                rest.split(';')
                    .find_map(|part| part.trim().strip_suffix(word)?.trim().rsplit(' ').next()?.parse::<u32>().ok())
            };
            *passed += count(" passed").unwrap_or(0);
            *failed += count(" failed").unwrap_or(0);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo test failed with {status}"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_unused_stream_classes_leave_the_glue() {
        let glue = "export class IntoUnderlyingSink {\n    free() {\n        x();\n    }\n}\n\
                    if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\n\
                    export function keep() {\n}\n\
                    const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? {}\n    : new FinalizationRegistry(ptr => f(ptr, 1));\n\
                    const kept = 1;\n";
        assert_eq!(super::drop_unused_classes(glue), "export function keep() {\n}\nconst kept = 1;\n");
    }
}
