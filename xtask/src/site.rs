//! What the build does after Trunk: content hashes in the app's file names
//! (so they can be cached as immutable), the prerendered pages, the service
//! worker's list of files, and gzip and brotli copies of every text and
//! wasm file (so a server sends them without compressing on the fly).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use kend_tegnene::prerender::{self, Assets};

use crate::{run, setup, Result};

/// Files that get a `.gz` and a `.br` copy.
const COMPRESSED: [&str; 7] = ["html", "js", "css", "json", "svg", "wasm", "webmanifest"];

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// 64-bit FNV-1a, as 16 hex digits: enough to tell builds apart.
pub fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Rename `dist/<stem>.<ext>` to `dist/<stem>-<hash>.<ext>`; the new name.
fn hash_name(dist: &Path, file: &str) -> Result<String> {
    let (stem, ext) = file.rsplit_once('.').ok_or("a file name with an extension")?;
    let named = format!("{stem}-{}.{ext}", hash(&read(&dist.join(file))?));
    std::fs::rename(dist.join(file), dist.join(&named)).map_err(|e| format!("{file}: {e}"))?;
    Ok(named)
}

pub fn minify(path: &Path, module: bool) -> Result {
    let mut cmd = Command::new("terser");
    cmd.arg(path).args(["--compress", "--mangle", "--output"]).arg(path);
    if module {
        cmd.arg("--module");
    }
    run(cmd.env("PATH", setup::path_with_tools()))
}

/// Give the app's files hashed names; boot.js is written with the glue's
/// and the wasm's names first, and hashed after.
pub fn hash_assets(dist: &Path) -> Result<Assets> {
    let wasm = hash_name(dist, "kend-tegnene_bg.wasm")?;
    let js = hash_name(dist, "kend-tegnene.js")?;
    let css = hash_name(dist, "main.css")?;
    let icon = hash_name(dist, "favicon.svg")?;
    let boot_path = dist.join("boot.js");
    let boot = String::from_utf8_lossy(&read(&boot_path)?).into_owned();
    let boot = boot.replace("./kend-tegnene.js", &format!("./{js}")).replace("kend-tegnene_bg.wasm", &wasm);
    write(&boot_path, boot.as_bytes())?;
    minify(&boot_path, true)?;
    let boot = hash_name(dist, "boot.js")?;
    let at = |name: String| format!("/{name}");
    Ok(Assets { boot: at(boot), js: at(js), wasm: at(wasm), css: at(css), icon: at(icon) })
}

/// The hashed names of the app's files already in `dist` (for writing the
/// pages again without building the app again).
pub fn assets_in(dist: &Path) -> Result<Assets> {
    let names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let find = |prefix: &str, ext: &str| {
        names
            .iter()
            .find(|n| n.starts_with(prefix) && n.ends_with(ext) && n.len() == prefix.len() + 16 + ext.len())
            .map(|n| format!("/{n}"))
            .ok_or_else(|| format!("no {prefix}<hash>{ext} in {}: build first", dist.display()))
    };
    Ok(Assets {
        boot: find("boot-", ".js")?,
        js: find("kend-tegnene-", ".js")?,
        wasm: find("kend-tegnene_bg-", ".wasm")?,
        css: find("main-", ".css")?,
        icon: find("favicon-", ".svg")?,
    })
}

/// Write every prerendered page (replacing Trunk's index.html); returns
/// their files.
pub fn write_pages(dist: &Path, content: &[(String, String)], assets: &Assets) -> Result<Vec<PathBuf>> {
    let pages = prerender::pages(content, assets)?;
    let mut files = Vec::new();
    for page in pages {
        let path = dist.join(&page.file);
        write(&path, page.html.as_bytes())?;
        files.push(path);
    }
    // Every page may be indexed (and a robots.txt that is there is one
    // request fewer that ends in the not-found page).
    write(&dist.join("robots.txt"), b"User-agent: *\nAllow: /\n")?;
    println!("xtask: wrote {} prerendered pages", files.len());
    Ok(files)
}

/// The service worker keeps the shell's files under a cache named after
/// them, so a new build installs afresh in browsers that kept the old one.
pub fn stamp_service_worker(dist: &Path, assets: &Assets) -> Result {
    let files = [&assets.boot, &assets.js, &assets.wasm, &assets.css, &assets.icon];
    let mut all = read(&dist.join("shell.html"))?;
    for f in files {
        all.extend(f.as_bytes());
    }
    let list = files.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
    let sw = dist.join("sw.js");
    let text = String::from_utf8_lossy(&read(&sw)?).into_owned();
    let text =
        text.replace("kend-tegnene-BUILD", &format!("kend-tegnene-{}", hash(&all))).replace("\"SHELL_FILES\"", &list);
    write(&sw, text.as_bytes())?;
    minify(&sw, false)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        enc.write_all(bytes).expect("writing to memory");
    }
    out
}

/// Every file below `dir`, recursively.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A `.gz` and a `.br` copy next to every text and wasm file in `dist`
/// (skipped where compressing does not make the file smaller).
pub fn compress(dist: &Path) -> Result {
    let mut count = 0;
    for path in files(dist) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !COMPRESSED.contains(&ext) {
            continue;
        }
        let bytes = read(&path)?;
        for (suffix, packed) in [("gz", gzip(&bytes)), ("br", brotli(&bytes))] {
            let copy = PathBuf::from(format!("{}.{suffix}", path.display()));
            if packed.len() < bytes.len() {
                write(&copy, &packed)?;
                count += 1;
            } else if copy.exists() {
                std::fs::remove_file(&copy).map_err(|e| e.to_string())?;
            }
        }
    }
    println!("xtask: wrote {count} compressed copies (gzip -9, brotli 11)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_decode_to_the_original() {
        let text = "Kend tegnene ".repeat(200);
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..]), &mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes())[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn the_pages_policy_allows_exactly_their_inline_loader() {
        use base64::Engine;
        use kend_tegnene::prerender::{CSP, LOADER};
        let digest = <sha2::Sha256 as sha2::Digest>::digest(LOADER.as_bytes());
        let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest));
        assert!(CSP.contains(&format!("script-src 'self' {hash} 'wasm-unsafe-eval';")), "{hash} is not in {CSP}");
        for file in ["nginx.conf", "Caddyfile"] {
            let shipped = std::fs::read_to_string(crate::root().join("deploy").join(file)).unwrap();
            assert!(shipped.contains(CSP), "deploy/{file} sends another policy than the pages' {CSP}");
        }
    }

    #[test]
    fn boot_js_reads_the_storage_keys_the_app_writes() {
        // boot.js tells the service worker whether this browser holds a role
        // or progress, by the keys the app stores them under.
        let boot = std::fs::read_to_string(crate::root().join("boot.js")).unwrap();
        for key in [kend_tegnene::role::ROLE_KEY, kend_tegnene::progress::KEY] {
            assert!(boot.contains(&format!("\"{key}\"")), "boot.js does not read {key}");
        }
    }
}
