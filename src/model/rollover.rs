//! "Ny plan fra denne…": the next period's plan made from this one (issue 5). Pure: the caller
//! inserts the result with `Command::InsertPlan`, one undo step, and the old plan is not
//! changed.

use super::plan::{Budget, FocusArea, Goal, GoalId, Period, Plan, PlanState, Section, Status};

/// The next plan after `old`: a new title and period; the metadata, contact block, intro
/// sections, budget rows and focus areas copied; the goals that are not done or dropped copied
/// as new goals that remember which goal they continue (with their tovholdere, but no
/// deadline, status or follow-ups: those belong to the new period); the new plan's previous
/// plan is `old`. It starts as a draft.
pub fn next_plan(old: &Plan, title: &str, period: Period) -> Plan {
    Plan {
        labels: Default::default(),
        numbering: Default::default(),
        print: Default::default(),
        id: Default::default(),
        previous: Some(old.id),
        title: title.trim().to_owned(),
        organisation: old.organisation.clone(),
        municipality: old.municipality.clone(),
        period,
        period_extra: None,
        journal_number: String::new(),
        contact: old.contact.clone(),
        state: PlanState::Draft,
        approved_on: None,
        approved_by: String::new(),
        sections: old
            .sections
            .iter()
            .map(|s| Section {
                id: Default::default(),
                ..s.clone()
            })
            .collect(),
        budget: Budget {
            year: None,
            rows: old
                .budget
                .rows
                .iter()
                .map(|r| super::plan::BudgetRow {
                    id: Default::default(),
                    ..r.clone()
                })
                .collect(),
            ..old.budget.clone()
        },
        focus_areas_intro: old.focus_areas_intro.clone(),
        focus_areas: old
            .focus_areas
            .iter()
            .map(|a| FocusArea {
                id: Default::default(),
                goals: a
                    .goals
                    .iter()
                    .filter(|g| !g.status.is_some_and(Status::is_closed))
                    .map(|g| Goal {
                        indicators: Vec::new(),
                        milestones: Vec::new(),
                        related: Vec::new(),
                        id: GoalId::default(),
                        text: g.text.clone(),
                        details: g.details.clone(),
                        documentation: g.documentation.clone(),
                        owners: g.owners.clone(),
                        deadline: None,
                        status: None,
                        continues: Some(g.id),
                        follow_ups: Vec::new(),
                        extra: g.extra.clone(),
                    })
                    .collect(),
                ..a.clone()
            })
            .collect(),
        review_intro: String::new(),
        extra: old.extra.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;
    use crate::model::plan::{BudgetRow, FollowUp, FollowUpId, PersonId, PlanId};

    fn old() -> Plan {
        let goal = |id, status| Goal {
            id: GoalId(id),
            text: format!("Mål {id}"),
            owners: vec![PersonId(7)],
            deadline: Date::parse_iso("2013-06").ok(),
            status,
            follow_ups: vec![FollowUp {
                id: FollowUpId(id),
                date: Date::parse_iso("2013-01").expect("date"),
                status,
                text: "Fulgt op".into(),
                measurements: Vec::new(),
                extra: None,
            }],
            ..Goal::default()
        };
        Plan {
            id: PlanId(3),
            title: "Virksomhedsplan 2012/2013".into(),
            organisation: "SOF".into(),
            journal_number: "11/7879".into(),
            state: PlanState::Approved,
            approved_by: "Byrådet".into(),
            approved_on: Date::parse_iso("2012-06-12").ok(),
            sections: vec![Section {
                title: "Forord".into(),
                ..Section::default()
            }],
            budget: Budget {
                year: Some(2012),
                rows: vec![BudgetRow {
                    area: "Ældrepleje".into(),
                    expenses: 10,
                    income: -2,
                    ..BudgetRow::default()
                }],
                ..Budget::default()
            },
            focus_areas: vec![FocusArea {
                title: "Sundhed".into(),
                goals: vec![
                    goal(1, Some(Status::OnTrack)),
                    goal(2, Some(Status::Done)),
                    goal(3, Some(Status::Dropped)),
                    goal(4, None),
                    goal(5, Some(Status::OffTrack)),
                ],
                ..FocusArea::default()
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn open_goals_carry_over_and_remember_what_they_continue() {
        let old = old();
        let new = next_plan(
            &old,
            " Virksomhedsplan 2014/2015 ",
            Period {
                start: 2014,
                end: 2015,
            },
        );
        assert_eq!(new.title, "Virksomhedsplan 2014/2015");
        assert_eq!(new.previous, Some(PlanId(3)));
        assert_eq!(new.state, PlanState::Draft);
        assert_eq!((new.approved_on, new.approved_by.as_str()), (None, ""));
        assert_eq!(new.journal_number, "");
        assert_eq!(new.organisation, "SOF");
        assert_eq!(new.sections[0].title, "Forord");
        assert_eq!(new.budget.rows[0].area, "Ældrepleje");
        assert_eq!(new.budget.year, None);
        let goals = &new.focus_areas[0].goals;
        let continued: Vec<_> = goals.iter().map(|g| g.continues).collect();
        assert_eq!(
            continued,
            [Some(GoalId(1)), Some(GoalId(4)), Some(GoalId(5))]
        );
        assert!(goals.iter().all(|g| g.follow_ups.is_empty()
            && g.status.is_none()
            && g.deadline.is_none()
            && g.owners == [PersonId(7)]
            && g.id == GoalId(0)));
        // Every row is new (id 0), so the old plan's rows are not touched.
        assert_eq!(new.id, PlanId(0));
        assert_eq!(new.focus_areas[0].id, Default::default());
    }
}
