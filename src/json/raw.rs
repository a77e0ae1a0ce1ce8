//! The serde mirror of plan-format.md, version 2 (what this program writes): one private
//! struct per JSON object, field for field, with unknown fields denied. A version-1 document is
//! read through `raw_v1` and converted into these types. The values the derive cannot give us
//! (whole numbers, exact decimals, `extra`) are in `values`.
//!
//! Nothing here checks meaning (blank titles, references, dates, numbers): that is `import`'s
//! job.

use serde::{Deserialize, Serialize};

use super::values::{Decimal, ExtraObject, Whole};

/// The whole document.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (dokumentet)")]
pub(super) struct RawDocument {
    pub format: String,
    pub version: Whole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<RawPerson>>,
    pub plans: Vec<RawPlan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// PERSON.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en person)")]
pub(super) struct RawPerson {
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// PLAN.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en plan)")]
pub(super) struct RawPlan {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub title: String,
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    pub period: RawPeriod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<RawContact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<RawSection>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<RawBudget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_areas_intro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_areas: Option<Vec<RawFocusArea>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_intro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<RawLabels>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<RawNumbering>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print: Option<RawPrint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `period`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en periode)")]
pub(super) struct RawPeriod {
    pub start: Whole,
    pub end: Whole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `contact`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (kontaktoplysninger)")]
pub(super) struct RawContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// An intro section.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et afsnit)")]
pub(super) struct RawSection {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `budget`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et budget)")]
pub(super) struct RawBudget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Whole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RawBudgetRow>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// One budget row.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en budgetrække)")]
pub(super) struct RawBudgetRow {
    pub area: String,
    pub expenses: Whole,
    pub income: Whole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// FOCUS_AREA.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et indsatsområde)")]
pub(super) struct RawFocusArea {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Vec<RawGoal>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// GOAL.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et mål)")]
pub(super) struct RawGoal {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<Vec<RawIndicator>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<RawMilestone>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_ups: Option<Vec<RawFollowUp>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// One follow-up of a goal.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en opfølgning)")]
pub(super) struct RawFollowUp {
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measurements: Option<Vec<RawMeasurement>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// An indicator (målepunkt) of a goal.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et målepunkt)")]
pub(super) struct RawIndicator {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<RawFigure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<RawFigure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// An indicator's `baseline` or `target`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en værdi med dato)")]
pub(super) struct RawFigure {
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A measurement in a follow-up.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en måling)")]
pub(super) struct RawMeasurement {
    pub indicator: String,
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A milestone (delmål) of a goal.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et delmål)")]
pub(super) struct RawMilestone {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `labels`: its own words.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (planens egne ord)")]
pub(super) struct RawLabels {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_areas: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `numbering`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (nummerering)")]
pub(super) struct RawNumbering {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_areas: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}

/// A plan's `print` settings.
#[derive(Debug, Deserialize, Serialize)]
#[serde(
    deny_unknown_fields,
    expecting = "et JSON-objekt (udskriftsindstillinger)"
)]
pub(super) struct RawPrint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_fields: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_email: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_title: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<ExtraObject>,
}
