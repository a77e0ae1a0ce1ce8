//! Why a subcommand failed ([`CliError`]): one Danish sentence each, path last.

use crate::document::DocumentError;
use crate::model::PlanId;
use crate::rounds::RoundError;
use crate::transfer::TransferError;
use std::path::PathBuf;

/// A subcommand's failure: its `Display` is one Danish sentence, path last; exit 1 (2 for
/// [`CliError::ChoosePlan`]).
#[derive(Debug, thiserror::Error)]
pub(super) enum CliError {
    /// The plan file could not be opened, read or changed.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// Moving plans in or out failed.
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// A read of the file failed; the sentence, then the file.
    #[error("{error}: {}", .path.display())]
    Read {
        /// What went wrong.
        error: DocumentError,
        /// The plan file.
        path: PathBuf,
    },
    /// The full check found damage.
    #[error(
        "Filen er beskadiget: den fulde kontrol fandt {count} fejl ({first}). \
         Den er ikke ændret; brug en sikkerhedskopi, eller bed afsenderen om en ny kopi: {}",
        .path.display()
    )]
    Damaged {
        /// How many problems.
        count: usize,
        /// The first, in Danish.
        first: String,
        /// The plan file.
        path: PathBuf,
    },
    /// A plan that cannot be read back.
    #[error("Plan {id} ({title}) kan ikke læses: {error}")]
    PlanUnreadable {
        /// The plan.
        id: PlanId,
        /// Its title.
        title: String,
        /// Why not.
        error: DocumentError,
    },
    /// `export-pdf` of a file without plans.
    #[error("Filen har ingen planer at udskrive: {}", .0.display())]
    NoPlans(PathBuf),
    /// `export-pdf` without `--plan` of a file with several plans (exit 2).
    #[error("Filen har {count} planer; vælg en med --plan ID:{list}")]
    ChoosePlan {
        /// How many plans.
        count: usize,
        /// One line per plan.
        list: String,
    },
    /// A round, an answer or an export to Excel failed.
    #[error(transparent)]
    Round(#[from] RoundError),
    /// A version could not be saved, found or read.
    #[error(transparent)]
    Version(#[from] crate::versions::VersionError),
    /// Some returned workbooks were not read in (each has had its own lines on stderr).
    #[error("{0} af regnearkene er ikke indlæst; se fejlene ovenfor.")]
    NotAllReceived(usize),
    /// `rollover` made no plan.
    #[error("Den nye plan blev ikke fundet: {}", .0.display())]
    NoNewPlan(PathBuf),
    /// Standard output could not be written (a full disk; a closed pipe is not an error).
    #[error(transparent)]
    Print(crate::terminal::StdoutError),
    /// The editor was asked for where only subcommands run.
    #[error("intern fejl: editoren startes ikke herfra")]
    NotASubcommand,
}

pub(super) type Outcome = Result<(), CliError>;
