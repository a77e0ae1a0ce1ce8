//! Moving plans between files: JSON in and out, plans copied from a colleague's plan file,
//! and a copy of the whole file. The command line and the editor's Fil menu call these same
//! functions. Every failure is one Danish sentence with the path last; nothing is half done
//! (an import is one transaction, a written file appears whole or not at all).

use crate::document::Document;
use crate::files::write_atomically;
use crate::json;
use crate::model::{self, PlanId};
use crate::store::{ReadOnlyReason, Store};
use std::path::Path;

/// Reads a file the user chose as input (a regular file of at most
/// [`crate::files::INPUT_LIMIT`] bytes), with a Danish message when it cannot be read.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    crate::files::read_input(path, crate::files::INPUT_LIMIT).map_err(|e| e.to_string())
}

/// Reads and checks a JSON document (plan-format.md) completely, before anything is written.
pub fn read_json(path: &Path) -> Result<model::PlanBundle, String> {
    let bytes = read_input(path)?;
    json::parse_document(&bytes).map_err(|e| {
        format!(
            "JSON-dokumentet er ugyldigt, og intet er importeret: {e}: {}",
            path.display()
        )
    })
}

/// Imports a JSON document into the open file as one undo step; returns the new plans' ids.
pub fn import_json(document: &mut Document, path: &Path) -> Result<Vec<PlanId>, String> {
    let doc = read_json(path)?;
    document.import(&doc).map_err(|e| e.to_string())
}

/// Writes every plan (`None`) or one plan with the plans it reviews as JSON to `out`.
pub fn export_json(store: &Store, plan: Option<PlanId>, out: &Path) -> Result<(), String> {
    let json = json_text(store, plan)?;
    write_atomically(out, json.as_bytes()).map_err(|e| e.to_string())
}

/// The JSON text of every plan (`None`) or of one plan with the plans it reviews.
pub fn json_text(store: &Store, plan: Option<PlanId>) -> Result<String, String> {
    let doc = store
        .load_document(plan)
        .map_err(|e| format!("{e}: {}", store.path().display()))?;
    json::write_document(&doc).map_err(|e| e.to_string())
}

/// Copies the chosen plans of another plan file, with the people they name (merged with the
/// people of this file by name and mail), into the open file as one undo step. Links to plans
/// that are not copied are dropped. Returns the new plans' ids.
pub fn copy_plans(
    document: &mut Document,
    from: &Store,
    chosen: &[PlanId],
) -> Result<Vec<PlanId>, String> {
    if same_file(document.store().path(), from.path()) {
        return Err(format!(
            "Planerne er allerede i denne fil. Vælg en anden fil: {}",
            from.path().display()
        ));
    }
    let all = from
        .load_document(None)
        .map_err(|e| format!("{e}: {}", from.path().display()))?;
    let doc = all.keep_plans(chosen);
    if doc.plans.is_empty() {
        return Err("Vælg mindst én plan at importere.".into());
    }
    document.import(&doc).map_err(|e| e.to_string())
}

/// Exports plan `plan` (with the plans it reviews) as the printable PDF at `out`, written
/// whole or not at all. Returns the number of pages and the warnings, in Danish.
pub fn export_pdf(
    store: &Store,
    plan: PlanId,
    options: &crate::report::Options,
    out: &Path,
) -> Result<(usize, Vec<String>), String> {
    let doc = load_for_pdf(store, plan)?;
    let export = crate::report::export_pdf(&doc, plan, options).map_err(|e| e.to_string())?;
    write_atomically(out, &export.bytes).map_err(|e| e.to_string())?;
    Ok((
        export.pages,
        export.warnings.iter().map(ToString::to_string).collect(),
    ))
}

/// Plan `plan` as the PDF shows it: with the plans it reviews and the people they name (the
/// export and the editor's Udskrift).
pub fn load_for_pdf(store: &Store, plan: PlanId) -> Result<crate::model::PlanBundle, String> {
    store
        .load_document(Some(plan))
        .map_err(|e| format!("{e}: {}", store.path().display()))
}

/// What "Gem en kopi som…" did beyond copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyNote {
    /// An exact copy.
    Exact,
    /// The file held schema objects that are not virkplan's; the copy holds the plans and
    /// people only, so that it can be edited.
    WithoutForeignObjects,
}

/// Saves a copy of the open file at `dest` (never over the open file itself). A file with
/// foreign schema objects is copied as its content, without those objects, so the copy can
/// be edited; any other file is copied exactly with SQLite's backup API.
pub fn save_copy(store: &Store, dest: &Path) -> Result<CopyNote, String> {
    if same_file(store.path(), dest) {
        return Err(format!(
            "En kopi kan ikke gemmes oven i den åbne fil. Vælg et andet navn: {}",
            dest.display()
        ));
    }
    match store.read_only() {
        Some(ReadOnlyReason::ForeignObjects(_)) => {
            let doc = store
                .load_document(None)
                .map_err(|e| format!("{e}: {}", store.path().display()))?;
            // Build the copy under a temporary name, so that a failure leaves nothing behind
            // with the user's name; then rename.
            let place = crate::files::replacement(dest).map_err(|e| e.to_string())?;
            let folder = place.folder();
            let fail = |e: String| {
                format!(
                    "Kopien kunne ikke gemmes ({e}). Vælg en anden placering: {}",
                    dest.display()
                )
            };
            let tmp_dir = tempfile::Builder::new()
                .prefix(".virkplan-kopi-")
                .tempdir_in(folder)
                .map_err(|e| fail(e.to_string()))?;
            let tmp = tmp_dir.path().join("kopi.sqlite");
            {
                let mut copy = Document::open_or_create(&tmp).map_err(|e| e.to_string())?;
                copy.import(&doc).map_err(|e| e.to_string())?;
            }
            let copy = std::fs::File::open(&tmp).map_err(|e| fail(e.to_string()))?;
            place.apply(&copy).map_err(|e| fail(e.to_string()))?;
            std::fs::rename(&tmp, place.target()).map_err(|e| fail(e.to_string()))?;
            Ok(CopyNote::WithoutForeignObjects)
        }
        _ => {
            store.backup_to(dest).map_err(|e| e.to_string())?;
            Ok(CopyNote::Exact)
        }
    }
}

/// True when both paths name the same file (as far as the file system can tell).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
