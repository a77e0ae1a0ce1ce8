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
use crate::model::{self, BundleIds, Payload, PlanBundle, PlanIds};

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

/// The content of a version of `bundle`: `bundle` in [`model::frozen_form`] (what the
/// exchange format cannot hold is left out first), returned with the bytes, which are read
/// back before they are returned: what this gives can always be read as that bundle.
pub fn write_frozen(bundle: &PlanBundle) -> Result<(PlanBundle, Payload), FormatError> {
    let frozen = model::frozen_form(bundle.clone());
    let document = super::write_document(&frozen)?;
    let ids = BundleIds::of(&frozen);
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
    bytes.extend_from_slice(document.as_bytes());
    let payload = Payload(bytes.into());
    match read_frozen(&payload.0) {
        Ok(back) if back == frozen => Ok((frozen, payload)),
        Ok(_) => Err(FormatError::export(
            "",
            "versionen ville ikke kunne læses tilbage uændret (en fejl i virkplan; gem planen som JSON og send den til os)",
        )),
        Err(e) => Err(FormatError::export(
            "",
            format!("versionen kan ikke læses tilbage: {e}"),
        )),
    }
}

/// The bundle a version's content holds, with the row ids it had when it was saved.
pub fn read_frozen(bytes: &[u8]) -> Result<PlanBundle, FormatError> {
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
    let parsed = super::parse_document(&bytes[cut + 1..])?;
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
    ids.restore(parsed)
        .map_err(|_| not_a_version("id'erne passer ikke til planen i den"))
}

fn not_a_version(problem: &str) -> FormatError {
    FormatError::invalid("", format!("versionens indhold er ikke i orden: {problem}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;
    use crate::model::{FollowUp, FollowUpId, GoalId, PersonId, PlanId};

    /// The reference plan with row-like ids (as a store gives them), not a parse's.
    fn stored_like() -> PlanBundle {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/virksomhedsplan-albertslund-sof-2012-2013.json"
        ))
        .unwrap();
        let parsed = super::super::parse_document(&bytes).unwrap();
        let mut ids = BundleIds::of(&parsed);
        let shift = |v: &mut Vec<i64>, by: i64| v.iter_mut().for_each(|x| *x = *x * 7 + by);
        shift(&mut ids.people, 100);
        for p in &mut ids.plans {
            p.plan = p.plan * 3 + 11;
            shift(&mut p.goals, 1000);
            shift(&mut p.focus_areas, 50);
            shift(&mut p.sections, 60);
            p.follow_ups.iter_mut().for_each(|f| shift(f, 5000));
        }
        ids.restore(parsed).unwrap()
    }

    #[test]
    fn a_version_reads_back_with_the_ids_it_was_saved_with() {
        let bundle = stored_like();
        let (frozen, payload) = write_frozen(&bundle).unwrap();
        assert_eq!(frozen, bundle, "nothing of the reference plan is left out");
        let back = read_frozen(&payload.0).unwrap();
        assert_eq!(back, bundle);
        assert!(back.plans.iter().any(|p| p.id == PlanId(14)));
        assert!(back.people.iter().all(|p| p.id.0 >= 100));
    }

    #[test]
    fn what_the_format_cannot_hold_is_left_out_first_and_the_rest_kept() {
        let mut bundle = stored_like();
        let goal = &mut bundle.plans[1].focus_areas[0].goals[0];
        goal.owners.push(PersonId(999_999));
        goal.related.push(GoalId(888_888));
        goal.follow_ups.push(FollowUp {
            id: FollowUpId(77),
            date: model::Date::Month {
                year: 2013,
                month: 1,
            },
            status: None,
            text: String::new(),
            measurements: Vec::new(),
            extra: None,
        });
        let (frozen, payload) = write_frozen(&bundle).unwrap();
        assert_eq!(frozen, stored_like());
        assert_eq!(read_frozen(&payload.0).unwrap(), frozen);
    }

    #[test]
    fn a_damaged_or_foreign_content_is_refused_in_danish() {
        let (_, payload) = write_frozen(&stored_like()).unwrap();
        let bytes = payload.0.to_vec();
        let cut = bytes.iter().position(|&b| b == b'\n').unwrap();
        let mut other_ids = bytes.clone();
        other_ids.splice(
            ..cut,
            br#"{"virkplan":"version","layout":1,"people":[],"plans":[]}"#
                .iter()
                .copied(),
        );
        for (bad, words) in [
            (b"no newline".to_vec(), "ingen linje med id'er"),
            (b"{}\n{}".to_vec(), "kan ikke læses"),
            (other_ids, "passer ikke"),
            (
                [
                    br#"{"virkplan":"version","layout":9,"people":[],"plans":[]}"#.as_slice(),
                    b"\n{}",
                ]
                .concat(),
                "nyere virkplan",
            ),
        ] {
            let err = read_frozen(&bad).unwrap_err().to_string();
            assert!(err.contains(words), "{err}");
        }
    }
}
