//! What every part of a follow-up workbook agrees on: the sheets' names, the column titles,
//! the marker and layout version of the ids sheet, the ids a workbook carries, and the error of
//! a workbook that could not be made.

use crate::model::{PersonId, PlanId, RoundId};

/// The sheet the tovholder fills in, one row per goal.
pub const GOALS_SHEET: &str = "Opfølgning";
/// The sheet of the goals' målepunkter, one row per indicator.
pub const INDICATORS_SHEET: &str = "Målepunkter";
/// The very hidden, protected sheet that says which file, plan, round, person, goals and
/// indicators the workbook is about.
pub const IDS_SHEET: &str = "virkplan";
/// The first cell of the ids sheet: what tells a virkplan workbook from any other.
pub(super) const MARKER: &str = "virkplan-opfølgning";
/// The layout of the ids sheet this program writes; a newer one is refused with a sentence.
pub(super) const LAYOUT_VERSION: u32 = 1;

/// The column titles of sheet "Opfølgning", exactly as the issue fixes them.
pub const GOAL_HEADERS: [&str; 8] = [
    "Nr.",
    "Mål",
    "Frist",
    "Status nu",
    "Seneste opfølgning",
    "Ny status",
    "Dato",
    "Opfølgning",
];
/// The column titles of sheet "Målepunkter".
pub const INDICATOR_HEADERS: [&str; 7] = [
    "Nr.",
    "Målepunkt",
    "Enhed",
    "Udgangspunkt",
    "Seneste",
    "Mål",
    "Ny værdi",
];

/// What identifies a workbook: it answers for this person in this round of this plan of this
/// file (the plan file's own random id, decisions.md "Identity of a plan file").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookIds {
    /// The plan file's id (`Document::file_id`).
    pub file: String,
    /// The plan.
    pub plan: PlanId,
    /// The round.
    pub round: RoundId,
    /// The tovholder.
    pub person: PersonId,
}

/// Why a workbook could not be made (rust_xlsxwriter refused something; its English stays
/// out of the sentence).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Regnearket til {who} kunne ikke laves (virkplan kunne ikke skrive {what}). Prøv igen, og \
     giv besked til den, der passer virkplan, hvis det sker igen."
)]
pub struct WriteError {
    /// Whose workbook ("Børge Alstrup", "planen").
    pub who: String,
    /// Which part failed, in Danish.
    pub what: &'static str,
}

/// `text` cut to at most `max` characters (at a character boundary, with "…"), its line
/// breaks kept: a cell may hold several lines, but not a pasted blob.
pub(super) fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}
