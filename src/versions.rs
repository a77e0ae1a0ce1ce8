//! Frozen versions of a plan (issue 20): glue over `document`, `json` and `transfer`, as
//! `rounds` is for the follow-up round. A version is the plan as the PDF prints it (the plan,
//! the plans it reviews and those that lend a related goal its name, with their people), in
//! the exchange format with its row ids (`json::write_frozen`), stored by the store compactly
//! and never changed. The command line and the editor call the same functions.

use crate::document::{Document, DocumentError};
use crate::json::{self, FormatError};
use crate::model::{
    Command, Date, FrozenVersion, Moment, Plan, PlanBundle, PlanId, Version, VersionId, VersionKind,
};
use crate::transfer::{self, TransferError};

/// Why a version could not be saved, found or read.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    /// The plan file could not be read or changed.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The plan could not be read as the PDF prints it.
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// The plan could not be written as a version, or a version's content not read.
    #[error("{0}")]
    Format(#[from] FormatError),
    /// A version label that is blank.
    #[error("Skriv, hvad versionen er til, fx «Til byrådet 12. marts 2013».")]
    BlankLabel,
    /// No version of that number.
    #[error("Planen har ingen version {number}. Se planens versioner med «virkplan versions».")]
    NoSuchNumber {
        /// The number asked for.
        number: u32,
    },
    /// The plan of the version is not in its content (another program changed it).
    #[error("Version {number} indeholder ikke sin plan; den kan ikke bruges.")]
    PlanMissing {
        /// The version's number.
        number: u32,
    },
}

/// A result of this module.
pub type Result<T, E = VersionError> = std::result::Result<T, E>;

/// A version with its content read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Frozen {
    /// What the file records about it.
    pub version: Version,
    /// The plan and what prints with it, with the row ids they had.
    pub bundle: PlanBundle,
}

impl Frozen {
    /// The plan the version is a version of.
    pub fn plan(&self) -> Option<&Plan> {
        self.bundle.plans.iter().find(|p| p.id == self.version.plan)
    }
}

/// The computer's user name (`USERNAME` on Windows, `USER` elsewhere), for "Gemt af"; empty
/// when the system does not say.
pub fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The label of the version an approval saves: "Godkendt af Kommunalbestyrelsen den 12.
/// marts 2013" (without "af …" when nobody is named, without "den …" without a date).
pub fn approval_label(approved_by: &str, approved_on: Option<Date>) -> String {
    let mut label = "Godkendt".to_string();
    if !approved_by.trim().is_empty() {
        label.push_str(" af ");
        label.push_str(approved_by.trim());
    }
    if let Some(on) = approved_on {
        label.push_str(" den ");
        label.push_str(&crate::units::format_date(on));
    }
    label
}

/// Plan `plan` as a version would hold it now: what the PDF prints, in the form a version
/// keeps (`model::frozen_form`). The "now" side of "what has changed since".
pub fn current(document: &Document, plan: PlanId) -> Result<PlanBundle> {
    Ok(crate::model::frozen_form(transfer::load_for_pdf(
        document, plan,
    )?))
}

/// The command that saves a version of `plan`, with `adjust` applied to the plan first (an
/// approval saves the plan as approved, in the same step as the approval itself).
pub fn version_command(
    document: &Document,
    plan: PlanId,
    label: &str,
    saved_by: &str,
    kind: VersionKind,
    now: Moment,
    adjust: impl FnOnce(&mut Plan),
) -> Result<Command> {
    let label = label.trim();
    if label.is_empty() {
        return Err(VersionError::BlankLabel);
    }
    let mut bundle = transfer::load_for_pdf(document, plan)?;
    if let Some(p) = bundle.plans.iter_mut().find(|p| p.id == plan) {
        adjust(p);
    }
    let (_, payload) = json::write_frozen(&bundle)?;
    Ok(Command::InsertVersion(Box::new(FrozenVersion {
        version: Version {
            id: VersionId(0),
            plan,
            number: 0,
            label: label.to_string(),
            saved_at: now,
            saved_by: saved_by.trim().to_string(),
            kind,
        },
        payload,
    })))
}

/// Saves a version of `plan` as it is now ("Gem version…", `virkplan freeze`): one undo step.
/// Returns the version as stored, with its number.
pub fn freeze(
    document: &mut Document,
    plan: PlanId,
    label: &str,
    saved_by: &str,
    now: Moment,
) -> Result<Version> {
    let command = version_command(
        document,
        plan,
        label,
        saved_by,
        VersionKind::Saved,
        now,
        |_| {},
    )?;
    let applied = document.apply(command)?;
    let id = applied
        .version()
        .ok_or(DocumentError::NotFound("versionen"))?;
    document
        .versions(plan)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or(VersionError::Document(DocumentError::NotFound("versionen")))
}

/// Version `number` of `plan`.
pub fn find(document: &Document, plan: PlanId, number: u32) -> Result<Version> {
    document
        .versions(plan)?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or(VersionError::NoSuchNumber { number })
}

/// A version's content, read and checked: a damaged version is an error, never used.
pub fn load(document: &Document, version: &Version) -> Result<Frozen> {
    let payload = document.version_payload(version.id)?;
    let bundle = json::read_frozen(&payload.0)?;
    let frozen = Frozen {
        version: version.clone(),
        bundle,
    };
    if frozen.plan().is_none() {
        return Err(VersionError::PlanMissing {
            number: version.number,
        });
    }
    Ok(frozen)
}

/// "Gendan som ny plan": the version's plan copied into the file as a new plan (a draft,
/// titled "… (gendannet fra version N)"), with the people it names merged with the file's by
/// name and mail, as one undo step. Returns the new plan's id. Its link to the previous plan
/// and its goals' links to that plan's goals are not carried (the new plan reviews nothing
/// until one is chosen).
pub fn restore_as_new(document: &mut Document, frozen: &Frozen) -> Result<PlanId> {
    let mut bundle = frozen.bundle.keep_plans(&[frozen.version.plan]);
    bundle.drop_missing_owners();
    for plan in &mut bundle.plans {
        plan.title = format!(
            "{} (gendannet fra version {})",
            plan.title, frozen.version.number
        );
        plan.state = crate::model::PlanState::Draft;
    }
    let ids = document.import(&bundle)?;
    ids.first().copied().ok_or(VersionError::PlanMissing {
        number: frozen.version.number,
    })
}
