//! A frozen version's content (issue 20): the plan and what prints with it as an exchange
//! document (plan-format.md, the newest version this program writes), preceded by one line
//! of row ids, which the exchange format does not carry:
//!
//! ```text
//! {"virkplan":"version","layout":1,"people":[…],"plans":[{"plan":2,"goals":[…],…}]}
//! { "format": "virkplan", "version": 2, … }
//! ```
//!
//! The exchange format is the contract every later virkplan reads (older versions included),
//! so a version saved today can be read, printed and compared by any later program; the ids
//! line lets a version read back carry the row ids the plan had, so that "what has changed
//! since" can follow a goal by its id through moves and renumbering.

use serde::{Deserialize, Serialize};

use super::error::FormatError;
use crate::model::{BundleIds, PlanIds};

/// The marker of the ids line.
const MARKER: &str = "version";
/// The layout of the content this program writes; a later one may add fields.
const LAYOUT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct RawIds {
    virkplan: String,
    layout: u32,
    people: Vec<i64>,
    plans: Vec<RawPlanIds>,
}

#[derive(Serialize, Deserialize)]
struct RawPlanIds {
    plan: i64,
    sections: Vec<i64>,
    budget_rows: Vec<i64>,
    focus_areas: Vec<i64>,
    goals: Vec<i64>,
    follow_ups: Vec<Vec<i64>>,
    indicators: Vec<Vec<i64>>,
    milestones: Vec<Vec<i64>>,
}

/// The ids line of a version's content, with its newline.
pub(super) fn ids_line(ids: BundleIds) -> Result<Vec<u8>, FormatError> {
    let raw = RawIds {
        virkplan: MARKER.to_string(),
        layout: LAYOUT,
        people: ids.people,
        plans: ids
            .plans
            .into_iter()
            .map(|p| RawPlanIds {
                plan: p.plan,
                sections: p.sections,
                budget_rows: p.budget_rows,
                focus_areas: p.focus_areas,
                goals: p.goals,
                follow_ups: p.follow_ups,
                indicators: p.indicators,
                milestones: p.milestones,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&raw).map_err(|e| {
        FormatError::export("", format!("versionens id'er kunne ikke skrives ({e})"))
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A version's content cut in two: its ids and the exchange document after the ids line.
pub(super) fn split(bytes: &[u8]) -> Result<(BundleIds, &[u8]), FormatError> {
    let cut = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| not_a_version("den har ingen linje med id'er"))?;
    let raw: RawIds = serde_json::from_slice(&bytes[..cut])
        .map_err(|e| not_a_version(&format!("linjen med id'er kan ikke læses ({e})")))?;
    if raw.virkplan != MARKER {
        return Err(not_a_version("linjen med id'er er ikke virkplans"));
    }
    if raw.layout > LAYOUT {
        return Err(not_a_version(&format!(
            "den er gemt af en nyere virkplan (indhold version {}); opdatér virkplan",
            raw.layout
        )));
    }
    let ids = BundleIds {
        people: raw.people,
        plans: raw
            .plans
            .into_iter()
            .map(|p| PlanIds {
                plan: p.plan,
                sections: p.sections,
                budget_rows: p.budget_rows,
                focus_areas: p.focus_areas,
                goals: p.goals,
                follow_ups: p.follow_ups,
                indicators: p.indicators,
                milestones: p.milestones,
            })
            .collect(),
    };
    Ok((ids, &bytes[cut + 1..]))
}

pub(super) fn not_a_version(problem: &str) -> FormatError {
    FormatError::invalid("", format!("versionens indhold er ikke i orden: {problem}"))
}
