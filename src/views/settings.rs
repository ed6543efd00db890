//! "Your data": save a copy of progress, bring one back in (after seeing
//! what it will change), delete progress, and rescue a backup.
//!
//! The page's heading and its status line are kept by the page itself: the
//! status line is a live region, which must stay the same element for its
//! changes to be announced.

use crate::html::Html;
use crate::i18n::{fill, Ui};
use crate::progress::{ImportError, ImportPreview};

/// What the learner is told when a file cannot be imported.
pub fn import_message(ui: &Ui, e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { bytes, .. } => fill(ui.import_too_large, bytes),
        ImportError::NotJson => ui.import_not_json.to_string(),
        ImportError::NotProgressFile => ui.import_not_progress.to_string(),
        ImportError::FromFuture(v) => fill(ui.import_future, v),
        ImportError::Invalid => ui.import_invalid.to_string(),
    }
}

fn button(h: &mut Html, class: &str, id: &str, act: &str, text: &str) {
    let id = if id.is_empty() { ("", "") } else { ("id", id) };
    h.el("button", &[("type", "button"), ("class", class), id, ("data-act", act)], text);
}

/// The page below its status line: export, import (with the error from the
/// last file, or the preview of what it would change), the backup if there
/// is one, and delete (asking first when `confirm_reset`).
pub fn body(
    ui: &'static Ui,
    error: Option<&str>,
    preview: Option<&ImportPreview>,
    backup: bool,
    confirm_reset: bool,
) -> String {
    let mut h = Html::new();
    h.el("h2", &[], ui.export_title).el("p", &[], ui.export_text);
    button(&mut h, "button", "export", "export", ui.export_button);

    h.el("h2", &[], ui.import_title).el("p", &[], ui.import_text);
    if let Some(e) = error {
        h.open("div", &[("class", "error-box"), ("id", "import-error"), ("role", "alert"), ("tabindex", "-1")]);
        h.el("h3", &[], ui.import_error_title).el("p", &[], e).close("div");
    }
    h.el("label", &[("class", "file-label"), ("for", "import-file")], ui.import_label);
    // Read by the page's `change` listener on the container.
    h.open(
        "input",
        &[("type", "file"), ("id", "import-file"), ("accept", ".json,application/json"), ("data-act", "import")],
    );
    if let Some(pv) = preview {
        h.open("div", &[("class", "panel"), ("id", "import-preview"), ("tabindex", "-1")]);
        if pv.unchanged {
            h.el("p", &[], ui.import_unchanged);
        } else {
            h.el("p", &[], ui.import_preview).open("ul", &[]);
            for (template, ids) in [
                (ui.import_lessons, &pv.lessons_added),
                (ui.import_scenarios, &pv.scenarios_improved),
                (ui.import_quizzes, &pv.quizzes_improved),
            ] {
                if !ids.is_empty() {
                    h.el("li", &[], &fill(template, ids.join(", ")));
                }
            }
            if pv.items_added > 0 {
                h.el("li", &[], &fill(ui.import_items, pv.items_added));
            }
            h.close("ul");
        }
        button(&mut h, "button", "import-confirm", "import-confirm", ui.import_confirm);
        button(&mut h, "button secondary", "", "import-cancel", ui.cancel);
        h.close("div");
    }

    if backup {
        h.el("h2", &[], ui.backup_title).el("p", &[], ui.backup_text);
        button(&mut h, "button secondary", "download-backup", "download-backup", ui.backup_button);
    }

    h.el("h2", &[], ui.reset_title).el("p", &[], ui.reset_text);
    if confirm_reset {
        h.open("div", &[("class", "panel warning"), ("id", "reset-confirm-panel")]);
        h.open("p", &[]).el("strong", &[], ui.reset_confirm_text).close("p");
        button(&mut h, "button secondary", "", "export", ui.export_button);
        button(&mut h, "button danger", "reset-confirm", "reset-confirm", ui.reset_confirm);
        button(&mut h, "button secondary", "", "reset-cancel", ui.cancel);
        h.close("div");
    } else {
        button(&mut h, "button danger", "reset", "reset", ui.reset_button);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn preview(unchanged: bool) -> ImportPreview {
        ImportPreview {
            lessons_added: vec!["a".into(), "b".into()],
            scenarios_improved: vec![],
            quizzes_improved: vec!["<q>".into()],
            items_added: 3,
            unchanged,
        }
    }

    #[test]
    fn plain_page_has_export_file_input_and_reset() {
        let html = body(Lang::En.ui(), None, None, false, false);
        assert!(html.contains("<button type=\"button\" class=\"button\" id=\"export\" data-act=\"export\">"), "{html}");
        assert!(html.contains("<label class=\"file-label\" for=\"import-file\">Progress file (.json)</label>"));
        assert!(html.contains("<input type=\"file\" id=\"import-file\" accept=\".json,application/json\""));
        assert!(html.contains("<button type=\"button\" class=\"button danger\" id=\"reset\" data-act=\"reset\">"));
        for absent in ["import-error", "import-preview", "download-backup", "reset-confirm"] {
            assert!(!html.contains(absent), "{absent}");
        }
    }

    #[test]
    fn import_error_is_an_alert_and_escaped() {
        let html = body(Lang::En.ui(), Some("<script>x</script>"), None, false, false);
        assert!(html.contains("<div class=\"error-box\" id=\"import-error\" role=\"alert\" tabindex=\"-1\"><h3>The file could not be imported</h3><p>&lt;script&gt;x&lt;/script&gt;</p></div>"), "{html}");
        // The error comes before the file input, the preview after it.
        assert!(html.find("import-error") < html.find("import-file"));
    }

    #[test]
    fn preview_lists_what_changes() {
        let html = body(Lang::En.ui(), None, Some(&preview(false)), false, false);
        assert!(
            html.contains("<div class=\"panel\" id=\"import-preview\" tabindex=\"-1\"><p>This is what importing"),
            "{html}"
        );
        assert!(html.contains("<li>Lessons that will be marked as read: a, b</li>"));
        assert!(!html.contains("Cases with a better result"));
        assert!(html.contains("<li>Knowledge checks with a better result: &lt;q&gt;</li>"));
        assert!(html.contains("<li>Answered questions added: 3</li>"));
        assert!(html.contains("id=\"import-confirm\" data-act=\"import-confirm\">Import</button>"));
        assert!(html.contains("data-act=\"import-cancel\">Cancel</button>"));
        assert!(html.find("import-file") < html.find("import-preview"));
        let same = body(Lang::En.ui(), None, Some(&preview(true)), false, false);
        assert!(same.contains("<p>The file holds nothing you do not already have.</p>") && !same.contains("<ul>"));
    }

    #[test]
    fn backup_and_reset_confirmation() {
        let html = body(Lang::En.ui(), None, None, true, true);
        assert!(html.contains("<h2>Backup</h2>"));
        assert!(html.contains("id=\"download-backup\" data-act=\"download-backup\">Download the backup</button>"));
        assert!(
            html.contains("<div class=\"panel warning\" id=\"reset-confirm-panel\"><p><strong>Are you sure?"),
            "{html}"
        );
        assert!(html.contains("class=\"button danger\" id=\"reset-confirm\" data-act=\"reset-confirm\">"));
        assert!(html.contains("data-act=\"reset-cancel\">Cancel</button>"));
        assert_eq!(html.matches("data-act=\"export\"").count(), 2);
        assert!(!html.contains("id=\"reset\""));
    }

    #[test]
    fn import_messages() {
        let ui = Lang::En.ui();
        assert!(import_message(ui, &ImportError::TooLarge { bytes: 9, limit: 1 }).contains("(9 bytes)"));
        assert!(import_message(ui, &ImportError::FromFuture(7)).contains("version 7"));
    }
}
