//! The serde mirror of version 1 of plan-format.md, for reading a document that says
//! `"version": 1`: the objects that version 2 extends (document, plan, focus area, goal,
//! follow-up) as they were, so that a version-2 field in such a document is an unknown field
//! with serde's own message and path, exactly as before version 2 existed. Each converts into
//! the version-2 mirror with the new fields absent.

use serde::Deserialize;

use super::raw::{
    RawBudget, RawContact, RawDocument, RawFocusArea, RawFollowUp, RawGoal, RawPeriod, RawPerson,
    RawPlan, RawSection,
};
use super::values::{ExtraObject, Whole};

/// The whole document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (dokumentet)")]
pub(super) struct RawDocumentV1 {
    pub format: String,
    pub version: Whole,
    #[serde(default)]
    pub people: Option<Vec<RawPerson>>,
    pub plans: Vec<RawPlanV1>,
    #[serde(default)]
    pub extra: Option<ExtraObject>,
}

/// PLAN.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en plan)")]
pub(super) struct RawPlanV1 {
    pub key: String,
    #[serde(default)]
    pub previous: Option<String>,
    pub title: String,
    pub organisation: String,
    #[serde(default)]
    pub municipality: Option<String>,
    pub period: RawPeriod,
    #[serde(default)]
    pub journal_number: Option<String>,
    #[serde(default)]
    pub contact: Option<RawContact>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub approved_on: Option<String>,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub sections: Option<Vec<RawSection>>,
    #[serde(default)]
    pub budget: Option<RawBudget>,
    #[serde(default)]
    pub focus_areas_intro: Option<String>,
    #[serde(default)]
    pub focus_areas: Option<Vec<RawFocusAreaV1>>,
    #[serde(default)]
    pub review_intro: Option<String>,
    #[serde(default)]
    pub extra: Option<ExtraObject>,
}

/// FOCUS_AREA.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et indsatsområde)")]
pub(super) struct RawFocusAreaV1 {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub goals: Option<Vec<RawGoalV1>>,
    #[serde(default)]
    pub extra: Option<ExtraObject>,
}

/// GOAL.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (et mål)")]
pub(super) struct RawGoalV1 {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub continues: Option<String>,
    pub text: String,
    #[serde(default)]
    pub details: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub owners: Option<Vec<String>>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub follow_ups: Option<Vec<RawFollowUpV1>>,
    #[serde(default)]
    pub extra: Option<ExtraObject>,
}

/// One follow-up of a goal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "et JSON-objekt (en opfølgning)")]
pub(super) struct RawFollowUpV1 {
    pub date: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub extra: Option<ExtraObject>,
}

impl From<RawDocumentV1> for RawDocument {
    fn from(d: RawDocumentV1) -> RawDocument {
        RawDocument {
            format: d.format,
            version: d.version,
            people: d.people,
            plans: d.plans.into_iter().map(RawPlan::from).collect(),
            extra: d.extra,
        }
    }
}

impl From<RawPlanV1> for RawPlan {
    fn from(p: RawPlanV1) -> RawPlan {
        RawPlan {
            key: p.key,
            previous: p.previous,
            title: p.title,
            organisation: p.organisation,
            municipality: p.municipality,
            period: p.period,
            journal_number: p.journal_number,
            contact: p.contact,
            state: p.state,
            approved_on: p.approved_on,
            approved_by: p.approved_by,
            sections: p.sections,
            budget: p.budget,
            focus_areas_intro: p.focus_areas_intro,
            focus_areas: p
                .focus_areas
                .map(|areas| areas.into_iter().map(RawFocusArea::from).collect()),
            review_intro: p.review_intro,
            labels: None,
            numbering: None,
            print: None,
            extra: p.extra,
        }
    }
}

impl From<RawFocusAreaV1> for RawFocusArea {
    fn from(a: RawFocusAreaV1) -> RawFocusArea {
        RawFocusArea {
            key: None,
            title: a.title,
            owners: None,
            description: a.description,
            goals: a
                .goals
                .map(|goals| goals.into_iter().map(RawGoal::from).collect()),
            extra: a.extra,
        }
    }
}

impl From<RawGoalV1> for RawGoal {
    fn from(g: RawGoalV1) -> RawGoal {
        RawGoal {
            key: g.key,
            continues: g.continues,
            text: g.text,
            details: g.details,
            documentation: g.documentation,
            owners: g.owners,
            deadline: g.deadline,
            status: g.status,
            indicators: None,
            milestones: None,
            related: None,
            follow_ups: g
                .follow_ups
                .map(|list| list.into_iter().map(RawFollowUp::from).collect()),
            extra: g.extra,
        }
    }
}

impl From<RawFollowUpV1> for RawFollowUp {
    fn from(f: RawFollowUpV1) -> RawFollowUp {
        RawFollowUp {
            date: f.date,
            status: f.status,
            text: f.text,
            measurements: None,
            extra: f.extra,
        }
    }
}
