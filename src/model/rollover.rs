//! "Ny plan fra denne…": the next period's plan made from this one (issues 5 and 18). Pure: the
//! caller inserts the result with `Command::InsertPlan`, one undo step, and the old plan is not
//! changed.

use super::figures::{Figure, Indicator, Milestone};
use super::plan::{Budget, FocusArea, Goal, GoalId, Period, Plan, PlanState, Section, Status};
use std::collections::HashSet;

/// The next plan after `old`: a new title and period; the metadata, contact block, intro
/// sections, budget rows, the plan's own words (labels, numbering, print settings) and focus
/// areas with their owners copied; the goals that are not done or dropped copied as new goals
/// that remember which goal they continue, with their tovholdere, indicators (see
/// [`carried_indicator`]), unfinished milestones and links to goals of other plans, but no
/// deadline, status or follow-ups: those belong to the new period. The new plan's previous
/// plan is `old`. It starts as a draft. Every carried row has id 0: a new row.
///
/// Related goals: a carried goal keeps its links to goals of other plans, which are still in
/// the file. Its links to goals of `old` itself are left behind with `old`: the new copy of
/// such a goal has no row id until the store inserts the plan, and a link to the old goal
/// would print as "Sammenhæng med: 2.3" in the new plan, where "2.3" is a goal of another
/// period whose number the new plan may give to a different goal (done goals stay behind and
/// the numbers move up). The officer links the new goals again in the editor; the old plan
/// keeps its links.
pub fn next_plan(old: &Plan, title: &str, period: Period) -> Plan {
    let own_goals: HashSet<GoalId> = old.goals().map(|(_, g)| g.id).collect();
    Plan {
        labels: old.labels.clone(),
        numbering: old.numbering.clone(),
        print: old.print.clone(),
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
                        indicators: g
                            .indicators
                            .iter()
                            .map(|i| carried_indicator(g, i))
                            .collect(),
                        milestones: g
                            .milestones
                            .iter()
                            .filter(|m| !m.done)
                            .map(|m| Milestone {
                                id: Default::default(),
                                ..m.clone()
                            })
                            .collect(),
                        related: g
                            .related
                            .iter()
                            .copied()
                            .filter(|r| !own_goals.contains(r))
                            .collect(),
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

/// An indicator of `goal` for the next plan: the latest measurement becomes the baseline, dated
/// with its follow-up's date (where the new period starts from); without a measurement the
/// old baseline stays. Name, unit, target and direction are kept.
fn carried_indicator(goal: &Goal, indicator: &Indicator) -> Indicator {
    // The newest by date; of equal dates the last written (`max_by_key` keeps the last).
    let latest = goal
        .readings(indicator.id)
        .into_iter()
        .max_by_key(|r| r.date);
    Indicator {
        id: Default::default(),
        baseline: match latest {
            Some(reading) => Some(Figure {
                value: reading.value,
                date: Some(reading.date),
                extra: None,
            }),
            None => indicator.baseline.clone(),
        },
        ..indicator.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;
    use crate::model::figures::{Direction, IndicatorId, Measurement, MilestoneId, Number};
    use crate::model::plan::{BudgetRow, FollowUp, FollowUpId, PersonId, PlanId};
    use crate::model::words::{
        AreaNumbering, EmptyFields, GoalNumbering, Labels, Numbering, PrintSettings,
    };

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

    fn number(text: &str) -> Number {
        Number::parse(text).expect("number")
    }

    fn date(text: &str) -> Date {
        Date::parse_iso(text).expect("date")
    }

    fn figure(value: &str, when: Option<&str>) -> Figure {
        Figure {
            value: number(value),
            date: when.map(date),
            extra: None,
        }
    }

    fn follow_up(id: i64, when: &str, measurements: &[(i64, &str)]) -> FollowUp {
        FollowUp {
            id: FollowUpId(id),
            date: date(when),
            status: None,
            text: String::new(),
            measurements: measurements
                .iter()
                .map(|(indicator, value)| Measurement {
                    indicator: IndicatorId(*indicator),
                    value: number(value),
                    extra: None,
                })
                .collect(),
            extra: None,
        }
    }

    /// A plan whose one open goal has two indicators (one measured, one not), a done and an
    /// open milestone, and links to a goal of another plan and to a goal of its own.
    fn measured() -> Plan {
        let indicator = |id, name: &str| Indicator {
            id: IndicatorId(id),
            name: name.into(),
            unit: "%".into(),
            baseline: Some(figure("62.5", Some("2011"))),
            target: Some(figure("75", Some("2013-H2"))),
            direction: Some(Direction::Increase),
            extra: Some("{\"kilde\":\"DREAM\"}".into()),
        };
        let open = Goal {
            id: GoalId(1),
            text: "Flere får rehabilitering".into(),
            indicators: vec![
                indicator(10, "Andel med tilbud"),
                indicator(11, "Andel afsluttet"),
            ],
            milestones: vec![
                Milestone {
                    id: MilestoneId(20),
                    text: "Alle afdelinger har en mestringskonsulent".into(),
                    date: Some(date("2012-Q2")),
                    done: true,
                    extra: None,
                },
                Milestone {
                    id: MilestoneId(21),
                    text: "Evaluering fremlagt i chefgruppen".into(),
                    date: Some(date("2013-06")),
                    done: false,
                    extra: None,
                },
            ],
            related: vec![GoalId(99), GoalId(2)],
            // Written out of date order: the latest by date counts, not the last written.
            follow_ups: vec![
                follow_up(1, "2012-H2", &[(10, "70.1")]),
                follow_up(2, "2013-Q1", &[(10, "71.4")]),
                follow_up(3, "2012-06", &[(10, "66")]),
            ],
            ..Goal::default()
        };
        let other = Goal {
            id: GoalId(2),
            text: "Færre genindlæggelser".into(),
            related: vec![GoalId(1)],
            ..Goal::default()
        };
        Plan {
            id: PlanId(3),
            labels: Labels {
                owner: Some("Netværksleder".into()),
                goal: Some("Indsats".into()),
                ..Labels::default()
            },
            numbering: Numbering {
                focus_areas: AreaNumbering::Label,
                goals: GoalNumbering::Letter,
                extra: None,
            },
            print: PrintSettings {
                empty_fields: EmptyFields::Hide,
                owner_email: true,
                owner_title: false,
                extra: None,
            },
            focus_areas: vec![FocusArea {
                title: "Mestring".into(),
                owners: vec![PersonId(4), PersonId(2)],
                goals: vec![open, other],
                ..FocusArea::default()
            }],
            ..Plan::default()
        }
    }

    fn rolled(old: &Plan) -> Plan {
        next_plan(
            old,
            "Virksomhedsplan 2014/2015",
            Period::new(2014, 2015).expect("period"),
        )
    }

    #[test]
    fn the_latest_measurement_becomes_the_new_baseline_with_its_date() {
        let new = rolled(&measured());
        let measured = &new.focus_areas[0].goals[0].indicators[0];
        assert_eq!(measured.baseline, Some(figure("71.4", Some("2013-Q1"))));
        assert_eq!(measured.id, IndicatorId(0));
        assert_eq!(measured.name, "Andel med tilbud");
        assert_eq!(measured.unit, "%");
        assert_eq!(measured.target, Some(figure("75", Some("2013-H2"))));
        assert_eq!(measured.direction, Some(Direction::Increase));
        assert_eq!(measured.extra.as_deref(), Some("{\"kilde\":\"DREAM\"}"));
        // Without a measurement the old baseline stays.
        let unmeasured = &new.focus_areas[0].goals[0].indicators[1];
        assert_eq!(unmeasured.baseline, Some(figure("62.5", Some("2011"))));
        assert_eq!(unmeasured.id, IndicatorId(0));
    }

    #[test]
    fn of_measurements_on_the_same_date_the_last_written_counts() {
        let mut old = measured();
        old.focus_areas[0].goals[0].follow_ups = vec![
            follow_up(1, "2013-Q1", &[(10, "70")]),
            follow_up(2, "2013-Q1", &[(10, "72")]),
        ];
        let new = rolled(&old);
        let baseline = &new.focus_areas[0].goals[0].indicators[0].baseline;
        assert_eq!(*baseline, Some(figure("72", Some("2013-Q1"))));
    }

    #[test]
    fn unfinished_milestones_carry_over_and_done_ones_stay_behind() {
        let new = rolled(&measured());
        let milestones = &new.focus_areas[0].goals[0].milestones;
        assert_eq!(milestones.len(), 1);
        assert_eq!(milestones[0].text, "Evaluering fremlagt i chefgruppen");
        assert_eq!(milestones[0].date, Some(date("2013-06")));
        assert!(!milestones[0].done);
        assert_eq!(milestones[0].id, MilestoneId(0));
    }

    #[test]
    fn owners_of_focus_areas_and_the_plans_own_words_carry_over() {
        let old = measured();
        let new = rolled(&old);
        assert_eq!(new.focus_areas[0].owners, [PersonId(4), PersonId(2)]);
        assert_eq!(new.labels, old.labels);
        assert_eq!(new.numbering, old.numbering);
        assert_eq!(new.print, old.print);
    }

    #[test]
    fn links_to_other_plans_stay_and_links_inside_the_old_plan_stay_behind() {
        let new = rolled(&measured());
        let goals = &new.focus_areas[0].goals;
        assert_eq!(goals[0].related, [GoalId(99)]);
        assert!(goals[1].related.is_empty());
    }
}
