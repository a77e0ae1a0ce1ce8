//! The Fil menu's commands: open, new file, save a copy, import JSON, copy plans from another
//! file, export JSON and PDF. Each asks the dialogs for a path, goes through
//! [`crate::document`] or [`crate::transfer`], and reports in the status bar or a window.

use super::{App, Part, StatusLine};
use crate::document::{Document, DocumentError};
use crate::model::PlanId;
use crate::transfer;
use crate::ui::clock;
use crate::ui::dialogs::FileKind;
use crate::ui::fields::Drafts;
use crate::ui::modal::{Modal, versions_left_behind};
use std::path::Path;

impl App {
    /// Opens a plan file in place of the open one. On failure the open file stays open and
    /// the message says why.
    pub(super) fn open_file(&mut self, path: &Path) {
        self.save_now();
        match Document::open(path) {
            Ok(doc) => {
                self.file = Some(path.to_path_buf());
                self.document = Some(doc);
                self.version = None;
                self.open_error = None;
                self.plan = None;
                self.part = Part::Cover;
                self.area = None;
                self.goal = None;
                self.person = None;
                self.drafts = Drafts::default();
                self.window = None;
                self.seen_version = None;
                self.status = StatusLine::None;
                self.reload(None);
                if let Err(e) = self.recent.add(path) {
                    self.status = StatusLine::Error(e.to_string());
                }
            }
            Err(e) => {
                if matches!(e, DocumentError::Missing(_)) {
                    // Gone from where it was: do not offer it again.
                    let _ = self.recent.remove(path);
                }
                if self.document.is_none() {
                    self.file = Some(path.to_path_buf());
                    self.open_error = Some(e.to_string());
                    self.status = StatusLine::Error(e.to_string());
                } else {
                    self.alert("Filen kunne ikke åbnes", e.to_string());
                }
            }
        }
    }

    /// Ny fil…: a new, empty plan file, then the form for its first plan.
    pub(super) fn new_file(&mut self) {
        let Some(path) =
            self.dialogs
                .save_file("Ny planfil", FileKind::Plan, "virksomhedsplan.sqlite")
        else {
            return;
        };
        if path.exists() {
            self.alert(
                "Filen findes allerede",
                format!(
                    "Der findes allerede en fil med det navn, og den overskrives ikke. Vælg et andet navn, eller åbn filen med Åbn…: {}",
                    path.display()
                ),
            );
            return;
        }
        match Document::open_or_create(&path) {
            Ok(doc) => {
                drop(doc);
                self.open_file(&path);
                self.window = Some(Modal::new_plan(None));
            }
            Err(e) => self.alert("Filen kunne ikke oprettes", e.to_string()),
        }
    }

    /// Gem en kopi som…
    pub(super) fn save_copy(&mut self) {
        let Some(doc) = &self.document else { return };
        let name = doc
            .path()
            .file_stem()
            .map(|s| format!("{} - kopi.sqlite", s.to_string_lossy()))
            .unwrap_or_else(|| "kopi.sqlite".into());
        let Some(dest) = self
            .dialogs
            .save_file("Gem en kopi som", FileKind::Plan, &name)
        else {
            return;
        };
        let Some(doc) = &self.document else { return };
        match transfer::save_copy(doc, &dest) {
            Ok(note) => {
                self.status = StatusLine::Saved(format!("Kopien er gemt: {}", dest.display()));
                self.window = Some(Modal::CopySaved { path: dest, note });
            }
            Err(e) => self.alert("Kopien blev ikke gemt", e.to_string()),
        }
    }

    /// Importér planer fra anden fil…: choose the file, then the plans.
    pub(super) fn choose_plans_to_copy(&mut self) {
        let Some(path) = self
            .dialogs
            .open_file("Importér planer fra anden fil", FileKind::Plan)
        else {
            return;
        };
        match transfer::SourceFile::open(&path) {
            Ok(source) if source.plans().is_empty() => {
                drop(source);
                self.alert(
                    "Ingen planer",
                    format!("Filen har ingen planer at importere: {}", path.display()),
                );
            }
            Ok(source) => {
                let plans = source.plans().iter().map(|p| (p.clone(), true)).collect();
                self.window = Some(Modal::ChoosePlans {
                    source: std::rc::Rc::new(source),
                    plans,
                });
            }
            Err(e) => self.alert("Filen kunne ikke åbnes", e.to_string()),
        }
    }

    /// Copies the chosen plans of the other file (the open dialog holds it).
    pub(super) fn copy_plans(&mut self, chosen: &[PlanId]) -> bool {
        let Some(Modal::ChoosePlans { source, .. }) = self.window.take() else {
            return false;
        };
        let Some(doc) = &mut self.document else {
            return false;
        };
        let result = transfer::copy_plans(doc, &source, chosen);
        let left = result.as_ref().map_or(0, |c| c.versions_left_behind);
        let changed = self.imported(result.map(|c| c.plans), "Planerne blev ikke importeret");
        if changed && let Some(text) = versions_left_behind(left) {
            // The versions stay in the other file: a version's content holds that file's
            // row ids (transfer::copy_plans).
            if let StatusLine::Saved(line) = &mut self.status {
                line.push_str(&format!(". {text} {}", source.path().display()));
            }
        }
        changed
    }

    /// After an import: the first new plan is shown and the status bar says how many came
    /// in, or the window says why nothing did. True when the file changed.
    fn imported(&mut self, result: transfer::Result<Vec<PlanId>>, failed: &str) -> bool {
        match result {
            Ok(ids) => {
                self.status = StatusLine::Saved(format!(
                    "{} plan(er) importeret {}",
                    ids.len(),
                    clock::now_text()
                ));
                if let Some(first) = ids.first() {
                    self.part = Part::Cover;
                    self.reload(Some(*first));
                }
                true
            }
            Err(e) => {
                self.alert(failed, e.to_string());
                false
            }
        }
    }

    /// Importér JSON…
    pub(super) fn import_json(&mut self) -> bool {
        let Some(path) = self.dialogs.open_file("Importér JSON", FileKind::Json) else {
            return false;
        };
        let Some(doc) = &mut self.document else {
            return false;
        };
        let result = transfer::import_json(doc, &path);
        self.imported(result, "JSON-dokumentet blev ikke importeret")
    }

    /// Eksportér JSON…: the shown plan with the plans it reviews.
    pub(super) fn export_json(&mut self) {
        // An open version is exported as it was saved.
        if self.export_open_version_json() {
            return;
        }
        let Some(plan) = &self.plan else { return };
        let (id, name) = (plan.id, format!("{}.json", file_name_for(&plan.title)));
        let Some(path) = self
            .dialogs
            .save_file("Eksportér JSON", FileKind::Json, &name)
        else {
            return;
        };
        let Some(doc) = &self.document else { return };
        match transfer::export_json(doc, Some(id), &path) {
            Ok(warnings) if warnings.is_empty() => {
                self.status = StatusLine::Saved(format!("Eksporteret til {}", path.display()));
            }
            Ok(warnings) => self.alert(
                "Eksporteret med bemærkninger",
                format!(
                    "{}\n\nEksporteret til {}",
                    warnings.join("\n"),
                    path.display()
                ),
            ),
            Err(e) => self.alert("Eksporten mislykkedes", e.to_string()),
        }
    }

    /// Eksportér PDF…: the shown plan (with the review of the plan it follows up on), then
    /// an offer to open it in the system's PDF viewer.
    pub(super) fn export_pdf(&mut self) {
        // An open version prints as it was saved.
        if self.export_open_version_pdf() {
            return;
        }
        let Some(plan) = &self.plan else { return };
        let (id, name) = (plan.id, format!("{}.pdf", file_name_for(&plan.title)));
        let Some(path) = self
            .dialogs
            .save_file("Eksportér PDF", FileKind::Pdf, &name)
        else {
            return;
        };
        let Some(doc) = &self.document else { return };
        // What the preview (Udskrift) shows is what is exported.
        match transfer::export_pdf(doc, id, self.preview.options(), &path) {
            Ok((pages, warnings)) => self.pdf_saved("PDF'en".to_string(), path, pages, warnings),
            Err(e) => self.alert("PDF'en blev ikke gemt", e.to_string()),
        }
    }

    /// A PDF written: the status line says what and where, and the window offers to open it
    /// and lists its warnings. `what` is "PDF'en", "Rapporten", ….
    pub(super) fn pdf_saved(
        &mut self,
        what: String,
        path: std::path::PathBuf,
        pages: usize,
        warnings: Vec<String>,
    ) {
        self.status = StatusLine::Saved(format!(
            "{what} er gemt ({pages} sider): {}",
            path.display()
        ));
        self.window = Some(Modal::PdfSaved {
            path,
            pages,
            warnings,
        });
    }
}

/// A file name made from a plan title: characters Windows does not allow are replaced.
pub(super) fn file_name_for(title: &str) -> String {
    let name: String = title
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    if name.is_empty() { "plan".into() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_titles_are_safe_on_windows() {
        assert_eq!(
            file_name_for("Plan 2012/2013: «udkast»?"),
            "Plan 2012-2013- «udkast»-"
        );
        assert_eq!(file_name_for("  "), "plan");
    }
}
