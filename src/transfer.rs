//! Moving plans between files: JSON in and out, plans copied from a colleague's plan file,
//! and a copy of the whole file. The command line and the editor's Fil menu call these same
//! functions. Every failure is a [`TransferError`] whose `Display` is one Danish sentence with
//! the path last; nothing is half done (an import is one transaction, a written file appears
//! whole or not at all).

use crate::document::{Document, DocumentError, ReadOnlyReason};
use crate::files::write_atomically;
use crate::json::{self, FormatError};
use crate::model::{self, PlanId};
use crate::report::{Options, ReportError};
use std::path::{Path, PathBuf};

/// Why moving plans failed: each variant's `Display` is the sentence the user reads.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The chosen input is not a readable file of a sensible size (files.rs says which).
    #[error(transparent)]
    Input(#[from] crate::files::InputError),
    /// The JSON document breaks the format; nothing was imported.
    #[error("JSON-dokumentet er ugyldigt, og intet er importeret: {error}: {}", .path.display())]
    InvalidJson {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: FormatError,
    },
    /// The plans cannot be written as JSON.
    #[error("{0}")]
    Format(#[from] FormatError),
    /// The plan file could not be opened, read or changed.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The plan file could not be read; the store's sentence, then the file.
    #[error("{error}: {}", .path.display())]
    Read {
        /// The plan file.
        path: PathBuf,
        /// What went wrong.
        error: DocumentError,
    },
    /// The PDF could not be laid out.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The output file could not be written (the sentence of [`write_atomically`]).
    #[error(transparent)]
    Write(#[from] crate::files::WriteError),
    /// Plans copied from the open file into itself.
    #[error("Planerne er allerede i denne fil. Vælg en anden fil: {}", .0.display())]
    SameFile(PathBuf),
    /// No plan chosen to copy.
    #[error("Vælg mindst én plan at importere.")]
    NothingChosen,
    /// A copy over the open file itself.
    #[error("En kopi kan ikke gemmes oven i den åbne fil. Vælg et andet navn: {}", .0.display())]
    CopyOverOpenFile(PathBuf),
    /// The copy could not be written.
    #[error("Kopien kunne ikke gemmes ({reason}). Vælg en anden placering: {}", .path.display())]
    CopyFailed {
        /// Where the copy was to go.
        path: PathBuf,
        /// Why not, in Danish.
        reason: String,
    },
}

/// A result of moving plans.
pub type Result<T, E = TransferError> = std::result::Result<T, E>;

/// Another plan file opened to copy plans from ("Importér planer fra anden fil"). The
/// editor holds it while the user chooses; only [`copy_plans`] reads its plans.
#[derive(Debug)]
pub struct SourceFile {
    document: Document,
    plans: Vec<model::PlanSummary>,
}

impl SourceFile {
    /// Opens the file and lists its plans.
    pub fn open(path: &Path) -> Result<SourceFile> {
        let document = Document::open(path)?;
        let plans = document.list_plans().map_err(|error| TransferError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Ok(SourceFile { document, plans })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        self.document.path()
    }

    /// Its plans, in id order.
    pub fn plans(&self) -> &[model::PlanSummary] {
        &self.plans
    }
}

/// Reads a file the user chose as input, with a Danish message when it cannot be read.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    Ok(crate::files::read_input(path, crate::files::INPUT_LIMIT)?)
}

/// Reads and checks a JSON document (plan-format.md) completely, before anything is written.
pub fn read_json(path: &Path) -> Result<model::PlanBundle> {
    let bytes = read_input(path)?;
    json::parse_document(&bytes).map_err(|error| TransferError::InvalidJson {
        path: path.to_path_buf(),
        error,
    })
}

/// Imports a JSON document into the open file as one undo step; returns the new plans' ids.
pub fn import_json(document: &mut Document, path: &Path) -> Result<Vec<PlanId>> {
    let doc = read_json(path)?;
    Ok(document.import(&doc)?)
}

/// Writes every plan (`None`) or one plan with the plans it reviews as JSON to `out`.
/// Returns the warnings, in Danish (see [`json_text`]).
pub fn export_json(document: &Document, plan: Option<PlanId>, out: &Path) -> Result<Vec<String>> {
    let (json, warnings) = json_text(document, plan)?;
    write_atomically(out, json.as_bytes()).map_err(TransferError::Write)?;
    Ok(warnings)
}

/// The JSON text of every plan (`None`) or of one plan with the plans it reviews, and the
/// warnings, in Danish. A tovholder another program deleted from the file is left out of the
/// document (it may only name people it holds), and the warning names the goal.
pub fn json_text(document: &Document, plan: Option<PlanId>) -> Result<(String, Vec<String>)> {
    let mut doc = read_bundle(document, plan)?;
    let warnings = doc
        .drop_missing_owners()
        .iter()
        .map(|m| format!("{m}. JSON-dokumentet er skrevet uden den slettede tovholder."))
        .collect();
    Ok((json::write_document(&doc)?, warnings))
}

fn read_bundle(document: &Document, plan: Option<PlanId>) -> Result<model::PlanBundle> {
    document
        .load_bundle(plan)
        .map_err(|error| TransferError::Read {
            path: document.path().to_path_buf(),
            error,
        })
}

/// What "Importér planer fra anden fil" copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedPlans {
    /// The new plans' ids, in the other file's order.
    pub plans: Vec<PlanId>,
    /// The versions of the copied plans, which stay in the other file: a version's content
    /// holds the row ids of that file, so it does not come along.
    pub versions_left_behind: usize,
}

/// Copies the chosen plans of another plan file, with the people they name (merged with the
/// people of this file by name and mail), into the open file as one undo step. Links to plans
/// that are not copied, and to tovholdere another program deleted, are dropped, and so are
/// the plans' versions (their content holds the other file's row ids): the result says how
/// many stayed behind.
pub fn copy_plans(
    document: &mut Document,
    from: &SourceFile,
    chosen: &[PlanId],
) -> Result<CopiedPlans> {
    if same_file(document.path(), from.path()) {
        return Err(TransferError::SameFile(from.path().to_path_buf()));
    }
    let mut all = read_bundle(&from.document, None)?;
    // A link to a person another program deleted cannot be copied: the goal comes without it.
    all.drop_missing_owners();
    let doc = all.keep_plans(chosen);
    if doc.plans.is_empty() {
        return Err(TransferError::NothingChosen);
    }
    let versions_left_behind = versions_in(&from.document, &doc)?;
    Ok(CopiedPlans {
        plans: document.import(&doc)?,
        versions_left_behind,
    })
}

/// How many versions the plans of `bundle` have in `document`.
fn versions_in(document: &Document, bundle: &model::PlanBundle) -> Result<usize> {
    let mut count = 0;
    for plan in &bundle.plans {
        count += document
            .versions(plan.id)
            .map_err(|error| TransferError::Read {
                path: document.path().to_path_buf(),
                error,
            })?
            .len();
    }
    Ok(count)
}

/// Exports a version as the PDF of its plan at `out`, written whole or not at all: `bundle` is
/// the version's content (`versions::load`), and the pages are those the plan had when the
/// version was saved (but for the time of export). Returns the number of pages and the
/// warnings, in Danish (a character the fonts lack).
pub fn export_version_pdf(
    bundle: model::PlanBundle,
    plan: PlanId,
    options: &Options,
    out: &Path,
) -> Result<(usize, Vec<String>)> {
    let export = crate::report::export_pdf_owned(bundle, plan, options)?;
    write_atomically(out, &export.bytes).map_err(TransferError::Write)?;
    Ok((
        export.pages,
        export.warnings.iter().map(ToString::to_string).collect(),
    ))
}

/// The JSON text of a version (plan-format.md, as `export-json` writes a plan): the version's
/// plan with the plans it reviews, from `bundle`, the version's content (`versions::load`).
pub fn version_json_text(bundle: &model::PlanBundle, plan: PlanId) -> Result<String> {
    let mut chain = Vec::new();
    let mut next = Some(plan);
    while let Some(id) = next.filter(|id| !chain.contains(id)) {
        chain.push(id);
        next = bundle
            .plans
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.previous);
    }
    Ok(json::write_document(&bundle.keep_plans(&chain))?)
}

/// Writes [`version_json_text`] to `out`, whole or not at all.
pub fn export_version_json(bundle: &model::PlanBundle, plan: PlanId, out: &Path) -> Result<()> {
    let text = version_json_text(bundle, plan)?;
    write_atomically(out, text.as_bytes()).map_err(TransferError::Write)?;
    Ok(())
}

/// Exports plan `plan` (with the plans it reviews) as the printable PDF at `out`, written
/// whole or not at all. Returns the number of pages and the warnings, in Danish (a
/// tovholder another program deleted, a character the fonts lack). The command line and the
/// editor both export through here.
pub fn export_pdf(
    document: &Document,
    plan: PlanId,
    options: &Options,
    out: &Path,
) -> Result<(usize, Vec<String>)> {
    let mut doc = read_bundle(document, Some(plan))?;
    // The warnings are about the printed plans only, not the plans that lend a related goal
    // its name.
    let missing = doc.missing_owners();
    add_related_plans(document, &mut doc)?;
    let export = crate::report::export_pdf_owned(doc, plan, options)?;
    write_atomically(out, &export.bytes).map_err(TransferError::Write)?;
    // A tovholder another program deleted does not stop the PDF (the officer needs it for
    // the meeting): the PDF says the tovholder is missing, and the warning names the goal.
    let missing = missing.into_iter().map(|m| {
        format!(
            "{m}. PDF'en viser «{}» ved målet.",
            crate::model::MISSING_OWNER
        )
    });
    let warnings = missing
        .chain(export.warnings.iter().map(ToString::to_string))
        .collect();
    Ok((export.pages, warnings))
}

/// Plan `plan` as the PDF shows it: with the plans it reviews and the people they name (the
/// export and the editor's Udskrift).
pub fn load_for_pdf(document: &Document, plan: PlanId) -> Result<model::PlanBundle> {
    let mut doc = read_bundle(document, Some(plan))?;
    add_related_plans(document, &mut doc)?;
    Ok(doc)
}

/// Adds to `doc` the other plans of the file that hold a goal tied ("sammenhæng med") to a
/// goal of `doc`'s plans, in either direction, so that the PDF can name that goal and its
/// plan ("Sammenhæng med: 2.3 (…) i Virksomhedsplan 2014/2015"). They are not printed.
fn add_related_plans(document: &Document, doc: &mut model::PlanBundle) -> Result<()> {
    let read = |error| TransferError::Read {
        path: document.path().to_path_buf(),
        error,
    };
    let others: Vec<PlanId> = document
        .list_plans()
        .map_err(read)?
        .into_iter()
        .map(|p| p.id)
        .filter(|id| !doc.plans.iter().any(|p| p.id == *id))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let printed: std::collections::HashSet<model::GoalId> = doc
        .plans
        .iter()
        .flat_map(|p| p.goals().map(|(_, g)| g.id))
        .collect();
    let named: std::collections::HashSet<model::GoalId> = doc
        .plans
        .iter()
        .flat_map(|p| p.goals().flat_map(|(_, g)| g.related.iter().copied()))
        .filter(|g| !printed.contains(g))
        .collect();
    for id in others {
        let other = document.load_plan(id).map_err(read)?;
        let tied = other
            .goals()
            .any(|(_, g)| named.contains(&g.id) || g.related.iter().any(|r| printed.contains(r)));
        if tied {
            doc.plans.push(other);
        }
    }
    Ok(())
}

/// What "Gem en kopi som…" did beyond copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyNote {
    /// An exact copy (with every plan's versions and follow-up rounds).
    Exact,
    /// The file held schema objects that are not virkplan's; the copy holds the plans and
    /// people only, so that it can be edited. The plans' versions are not in it (the plans
    /// get new row ids in the copy, and a version's content holds the old ones): they stay
    /// in the original file.
    WithoutForeignObjects {
        /// How many versions stayed in the original file.
        versions_left_behind: usize,
    },
}

/// Saves a copy of the open file at `dest` (never over the open file itself). A file with
/// foreign schema objects is copied as its content, without those objects, so the copy can
/// be edited; any other file is copied exactly with SQLite's backup API.
pub fn save_copy(document: &Document, dest: &Path) -> Result<CopyNote> {
    if same_file(document.path(), dest) {
        return Err(TransferError::CopyOverOpenFile(dest.to_path_buf()));
    }
    match document.read_only() {
        Some(ReadOnlyReason::ForeignObjects(_)) => {
            let mut doc = read_bundle(document, None)?;
            let versions_left_behind = versions_in(document, &doc)?;
            // The copy is made by import, which cannot name a person another program deleted.
            doc.drop_missing_owners();
            // Build the copy under a temporary name, so that a failure leaves nothing behind
            // with the user's name; then rename.
            let place = crate::files::replacement(dest)?;
            let folder = place.folder();
            let fail = |e: std::io::Error| TransferError::CopyFailed {
                path: dest.to_path_buf(),
                reason: crate::files::io_reason(&e),
            };
            let tmp_dir = tempfile::Builder::new()
                .prefix(".virkplan-kopi-")
                .tempdir_in(folder)
                .map_err(fail)?;
            let tmp = tmp_dir.path().join("kopi.sqlite");
            {
                let mut copy = Document::open_or_create(&tmp)?;
                copy.import(&doc)?;
            }
            let copy = std::fs::File::open(&tmp).map_err(fail)?;
            place.apply(&copy).map_err(fail)?;
            std::fs::rename(&tmp, place.target()).map_err(fail)?;
            Ok(CopyNote::WithoutForeignObjects {
                versions_left_behind,
            })
        }
        _ => {
            document.store().backup_to(dest)?;
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
