//! Watch mode for `cargo xtask serve`: while it runs, a change to any file
//! in `content/` compiles the content again into `dist/content/` and tells
//! the open pages to reload (see `support::server::RELOAD_SCRIPT`). Content
//! problems show in place, as after any build. Development only: the app
//! shell is not rebuilt and gains nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::support::Server;

/// What the watched files look like: every file's path, size and time of
/// change. Any edit, new file or removal changes it.
pub fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// Watch `content` for ever, compiling it into `out` after each change and
/// telling `server`'s pages to reload.
pub fn run(content: &Path, out: &Path, server: &Server) -> ! {
    server.enable_reload();
    let mut seen = fingerprint(content);
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = fingerprint(content);
        if now != seen {
            seen = now;
            println!("xtask: content changed; compiling it again");
            // The pages show the content too: written again with it.
            let site = out.parent().expect("content is compiled into the site");
            let refreshed = crate::compile_content(content, out)
                .and_then(|c| crate::site::write_pages(site, &c.files, &crate::site::assets_in(site)?));
            if let Err(e) = refreshed {
                eprintln!("xtask: {e}");
            }
            server.reload();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn get(server: &Server, path: &str) -> String {
        let mut s = std::net::TcpStream::connect(server.authority()).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut body = String::new();
        s.read_to_string(&mut body).unwrap();
        body
    }

    #[test]
    fn pages_reload_only_in_watch_mode_and_when_told() {
        let dir = std::env::temp_dir().join(format!("kt-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for page in ["index.html", "404.html"] {
            std::fs::write(dir.join(page), "<html><head><title>t</title></head><body></body></html>").unwrap();
        }
        let server = Server::start(&dir, 0).unwrap();
        assert!(!get(&server, "/").contains("reload.js"), "not outside watch mode");
        assert!(!get(&server, "/__dev/generation").contains("text/plain"), "the not-found page then");
        server.enable_reload();
        let page = get(&server, "/lesson/x");
        assert!(page.contains("<script type=\"module\" src=\"/__dev/reload.js\"></script></head>"), "{page}");
        assert!(get(&server, "/__dev/reload.js").contains("location.reload()"));
        assert!(get(&server, "/__dev/generation").ends_with("\r\n\r\n0"));
        server.reload();
        assert!(get(&server, "/__dev/generation").ends_with("\r\n\r\n1"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_fingerprint_changes_with_any_edit() {
        let dir = std::env::temp_dir().join(format!("kt-fp-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("da")).unwrap();
        std::fs::write(dir.join("da/a.md"), "one").unwrap();
        let before = fingerprint(&dir);
        std::fs::write(dir.join("da/a.md"), "one more").unwrap();
        let edited = fingerprint(&dir);
        assert_ne!(before, edited);
        std::fs::write(dir.join("da/b.md"), "").unwrap();
        assert_ne!(edited, fingerprint(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
