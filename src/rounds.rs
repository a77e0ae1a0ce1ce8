//! The follow-up round's files (issue 19): the glue between the pure workbooks of
//! [`crate::followup`], the files in a folder and the open [`Document`]. Starting a round
//! stores it and writes one workbook per tovholder, or does neither; answers are read from
//! files within the input limit, previewed, and written one workbook per undo step. The
//! command line and the editor call these same functions. Every failure is a [`RoundError`]
//! whose `Display` is one Danish sentence, path last.

use crate::document::{Document, DocumentError};
use crate::files::{INPUT_LIMIT, InputError, WriteError, read_input, write_atomically};
use crate::followup::{self, Preview, PreviewError, ReadError, Received, WorkbookSpec};
use crate::model::{Command, Date, GoalId, PersonId, Plan, PlanId, Round, RoundId};
use std::path::{Path, PathBuf};

/// Why a round, an answer or an export failed.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// The plan file could not be read or changed.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A chosen workbook is not a readable file of a sensible size.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A workbook could not be made.
    #[error(transparent)]
    Workbook(#[from] followup::WriteError),
    /// A returned workbook could not be read.
    #[error("{error}: {}", .path.display())]
    Read {
        /// What is wrong.
        error: ReadError,
        /// The workbook.
        path: PathBuf,
    },
    /// A returned workbook belongs elsewhere.
    #[error("{error}: {}", .path.display())]
    Preview {
        /// What is wrong.
        error: PreviewError,
        /// The workbook.
        path: PathBuf,
    },
    /// The plan the workbook names is not in the file.
    #[error(
        "Planen, som regnearket hører til, findes ikke (længere) i filen, og intet af det er \
         indlæst: {}",
        .0.display()
    )]
    PlanMissing(PathBuf),
    /// The file has no identity to put in the workbooks (it is opened read-only from an old
    /// version).
    #[error(
        "Filen kan ikke sende regneark ud, fordi den er fra en ældre version af virkplan og \
         ikke kan opgraderes her. Åbn den i virkplan, så den opgraderes, og prøv igen: {}",
        .0.display()
    )]
    NoFileId(PathBuf),
    /// A round without a name.
    #[error("Giv runden et navn, fx «Opfølgning efterår 2013».")]
    NoName,
    /// Nobody chosen owns a goal of the plan.
    #[error(
        "Ingen af de valgte personer er tovholder for et mål i planen, så der er intet at \
         sende. Vælg tovholdere for målene først."
    )]
    NoTovholdere,
    /// The folder is not there.
    #[error("Mappen findes ikke. Vælg en mappe til regnearkene: {}", .0.display())]
    NoFolder(PathBuf),
    /// A workbook of that name is in the folder already.
    #[error(
        "Der ligger allerede en fil med det navn i mappen, og den overskrives ikke (det kan \
         være et svar). Vælg en anden mappe eller et andet navn for runden: {}",
        .0.display()
    )]
    Exists(PathBuf),
    /// The workbook has problems; nothing of it is written.
    #[error(
        "Regnearket har {count} fejl og er ikke indlæst; ret dem i regnearket, og indlæs det \
         igen: {}",
        .path.display()
    )]
    Problems {
        /// How many.
        count: usize,
        /// The workbook.
        path: PathBuf,
    },
    /// The same answers were read before.
    #[error("Svarene er allerede indlæst den {}, og intet er tilføjet: {}", crate::units::format_date(*.on), .path.display())]
    Already {
        /// When.
        on: Date,
        /// The workbook.
        path: PathBuf,
    },
    /// The workbook changed between preview and write.
    #[error(
        "Regnearket er ændret, siden svarene blev vist, og intet af det er indlæst. Indlæs det \
         igen, så de nye svar vises: {}",
        .0.display()
    )]
    Changed(PathBuf),
    /// The round was stored but could not be read back.
    #[error("Runden blev ikke gemt i filen. Prøv igen: {}", .0.display())]
    NotStored(PathBuf),
}

/// Whom the workbooks tell the tovholder to send their answers to: the plan's contact
/// address, else its organisation.
fn return_to(plan: &Plan) -> String {
    let email = plan.contact.email.trim();
    let organisation = plan.organisation.trim();
    match (organisation.is_empty(), email.is_empty()) {
        (_, false) if !organisation.is_empty() => format!("{organisation} ({email})"),
        (_, false) => email.to_owned(),
        (false, true) => organisation.to_owned(),
        (true, true) => "den, der sendte det til dig".to_owned(),
    }
}

/// A started round: the round as stored and the workbooks written, in package order.
#[derive(Debug, Clone)]
pub struct Started {
    /// The round.
    pub round: Round,
    /// The workbooks.
    pub files: Vec<PathBuf>,
}

/// Starts a round: stores it (one undo step) and writes one workbook per chosen tovholder
/// into `folder`. If a workbook cannot be written, the round is undone and the workbooks
/// already written are removed: no half round.
#[allow(clippy::too_many_arguments)]
pub fn start_round(
    doc: &mut Document,
    plan: PlanId,
    name: &str,
    deadline: Date,
    people: &[PersonId],
    folder: &Path,
    today: Date,
) -> Result<Started, RoundError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(RoundError::NoName);
    }
    let the_plan = doc.load_plan(plan)?;
    let everyone = doc.people()?;
    let packages = followup::packages(&the_plan, &everyone, people, &name);
    if packages.is_empty() {
        return Err(RoundError::NoTovholdere);
    }
    if !folder.is_dir() {
        return Err(RoundError::NoFolder(folder.to_path_buf()));
    }
    for p in &packages {
        let path = folder.join(&p.file_name);
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(RoundError::Exists(path));
        }
    }
    let file_id = doc
        .file_id()?
        .ok_or_else(|| RoundError::NoFileId(doc.path().to_path_buf()))?;
    let round = Round {
        id: RoundId(0),
        plan,
        name,
        deadline,
        started_on: today,
        closed_on: None,
        folder: crate::files::plain_path(folder)
            .to_string_lossy()
            .into_owned(),
        packages,
    };
    let applied = doc.apply(Command::InsertRound(Box::new(round)))?;
    let Some(id) = applied.round() else {
        return Err(RoundError::NotStored(doc.path().to_path_buf()));
    };
    let round = doc.round(id)?;
    let reply = return_to(&the_plan);
    let mut written: Vec<PathBuf> = Vec::new();
    for package in &round.packages {
        let path = folder.join(&package.file_name);
        let result = followup::write(&WorkbookSpec {
            file_id: &file_id,
            plan: &the_plan,
            round: &round,
            package,
            return_to: &reply,
        })
        .map_err(RoundError::from)
        .and_then(|bytes| write_atomically(&path, &bytes).map_err(RoundError::from));
        if let Err(e) = result {
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            // The round goes with its workbooks; if even the undo fails, the first error is
            // still the one the user must act on.
            let _ = doc.undo();
            return Err(e);
        }
        written.push(path);
    }
    Ok(Started {
        round,
        files: written,
    })
}

/// Reads each returned workbook (within the input limit) and sets it against the file:
/// one result per path, in order; one workbook's error does not stop the others. `plan` is
/// the plan the answers are read into (the editor's), or `None` for the plan each workbook
/// names (the command line).
pub fn load_answers(
    doc: &Document,
    plan: Option<PlanId>,
    paths: &[PathBuf],
    today: Date,
) -> Vec<Result<Preview, RoundError>> {
    paths
        .iter()
        .map(|path| load_answer(doc, plan, path, today))
        .collect()
}

/// Reads one returned workbook and sets it against the file as it is now.
pub fn load_answer(
    doc: &Document,
    plan: Option<PlanId>,
    path: &Path,
    today: Date,
) -> Result<Preview, RoundError> {
    let bytes = read_input(path, INPUT_LIMIT)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let answers = followup::read(&name, &bytes).map_err(|error| RoundError::Read {
        error,
        path: path.to_path_buf(),
    })?;
    let file_id = doc.file_id()?.unwrap_or_default();
    let refuse = |error: PreviewError| RoundError::Preview {
        error,
        path: path.to_path_buf(),
    };
    if answers.ids.file != file_id {
        return Err(refuse(PreviewError::OtherFile(name)));
    }
    let plan_id = plan.unwrap_or(answers.ids.plan);
    if !doc.list_plans()?.iter().any(|p| p.id == plan_id) {
        return Err(RoundError::PlanMissing(path.to_path_buf()));
    }
    let the_plan = doc.load_plan(plan_id)?;
    let rounds = doc.rounds(plan_id)?;
    let people = doc.people()?;
    followup::preview(
        &answers,
        &Received {
            file_id: &file_id,
            plan: &the_plan,
            rounds: &rounds,
            people: &people,
            today,
        },
    )
    .map_err(refuse)
}

/// Writes one workbook that was previewed: its follow-ups and its receipt, one undo step.
/// Returns how many follow-ups it added. The workbook is read again and set against the file
/// as it is now: a workbook written since may have added follow-ups to the same goal (a goal
/// with two tovholdere) or a receipt to the same package, and the preview must not undo
/// that. If its answers are no longer those shown, nothing is written.
pub fn receive(
    doc: &mut Document,
    shown: &Preview,
    plan: Option<PlanId>,
    path: &Path,
    today: Date,
) -> Result<usize, RoundError> {
    let preview = load_answer(doc, plan, path, today)?;
    if preview.receipt.digest != shown.receipt.digest {
        return Err(RoundError::Changed(path.to_path_buf()));
    }
    if let Some(on) = preview.already {
        return Err(RoundError::Already {
            on,
            path: path.to_path_buf(),
        });
    }
    let Some(command) = preview.command() else {
        return Err(RoundError::Problems {
            count: preview.problems.len(),
            path: path.to_path_buf(),
        });
    };
    doc.apply(command)?;
    Ok(preview.follow_up_count())
}

/// "Eksportér til Excel": the plan's goals (those in `goals`, or all) as one sheet.
pub fn export_xlsx(
    doc: &Document,
    plan: PlanId,
    goals: Option<&[GoalId]>,
    path: &Path,
) -> Result<(), RoundError> {
    let the_plan = doc.load_plan(plan)?;
    let people = doc.people()?;
    let bytes = followup::plan_sheet(&the_plan, &people, goals)?;
    write_atomically(path, &bytes)?;
    Ok(())
}
