//! Property test of the round trip: any valid model document, written as JSON and read back,
//! is the same document once its ids are renumbered the way a parse numbers them (people and
//! plans by index, goals from 1 in document order, the rest by index in their list).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use proptest::prelude::*;
use serde_json::Value;
use virkplan::json::{parse_document, write_document};
use virkplan::model::{
    Budget, BudgetRow, BudgetRowId, Contact, Date, FocusArea, FocusAreaId, FollowUp, FollowUpId,
    Goal, GoalId, Period, Person, PersonId, Plan, PlanBundle, PlanId, PlanState, Section,
    SectionId, Status,
};

/// Any text: random Unicode with newlines, quotes, backslashes and emoji well represented.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>(),
            2 => prop::char::range('a', 'z'),
            1 => Just('\n'),
            1 => Just('"'),
            1 => Just('\\'),
            1 => Just(' '),
            1 => Just('😀'),
            1 => Just('ø'),
            1 => Just('\u{0}'),
        ],
        0..16,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A text that says something (titles, names, goal texts).
fn required_text() -> impl Strategy<Value = String> {
    text().prop_map(|mut t| {
        if t.trim().is_empty() {
            t.push('x');
        }
        t
    })
}

fn date() -> impl Strategy<Value = Date> {
    (1000..=9999i32, 1..=12u8, prop::option::of(1..=28u8)).prop_map(|(y, m, d)| match d {
        Some(d) => Date::Day {
            year: y,
            month: m,
            day: d,
        },
        None => Date::Month { year: y, month: m },
    })
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop::option::of(prop::sample::select(Status::ALL.to_vec()))
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1000i32..1000).prop_map(|n| Value::from(f64::from(n) / 8.0)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An `extra` as the model keeps it: the compact text of a JSON object.
fn extra() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.3,
        prop::collection::btree_map(text(), json_value(), 0..4).prop_map(|m| {
            serde_json::to_string(&Value::Object(m.into_iter().collect())).unwrap_or_default()
        }),
    )
}

fn person() -> impl Strategy<Value = Person> {
    (required_text(), text(), text(), text(), extra()).prop_map(
        |(name, title, email, unit, extra)| Person {
            id: PersonId(0),
            name,
            title,
            email,
            unit,
            extra,
        },
    )
}

fn follow_up() -> impl Strategy<Value = FollowUp> {
    (date(), status(), text(), extra()).prop_map(|(date, status, text, extra)| FollowUp {
        measurements: Vec::new(),
        id: FollowUpId(0),
        date,
        status,
        text,
        extra,
    })
}

/// A goal; `owners` and `continues` are filled in later from these raw picks.
fn goal() -> impl Strategy<Value = (Goal, Vec<prop::sample::Index>, Option<prop::sample::Index>)> {
    (
        (
            required_text(),
            text(),
            text(),
            prop::option::of(date()),
            status(),
        ),
        prop::collection::vec(follow_up(), 0..3),
        extra(),
        prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(
            |(
                (text, details, documentation, deadline, status),
                follow_ups,
                extra,
                owners,
                continues,
            )| {
                (
                    Goal {
                        indicators: Vec::new(),
                        milestones: Vec::new(),
                        related: Vec::new(),
                        id: GoalId(0),
                        text,
                        details,
                        documentation,
                        owners: Vec::new(),
                        deadline,
                        status,
                        continues: None,
                        follow_ups,
                        extra,
                    },
                    owners,
                    continues,
                )
            },
        )
}

type RawGoalPick = (Goal, Vec<prop::sample::Index>, Option<prop::sample::Index>);

fn focus_area() -> impl Strategy<Value = (FocusArea, Vec<RawGoalPick>)> {
    (
        required_text(),
        text(),
        extra(),
        prop::collection::vec(goal(), 0..3),
    )
        .prop_map(|(title, description, extra, goals)| {
            (
                FocusArea {
                    owners: Vec::new(),
                    id: FocusAreaId(0),
                    title,
                    description,
                    goals: Vec::new(),
                    extra,
                },
                goals,
            )
        })
}

fn budget() -> impl Strategy<Value = Budget> {
    let row = (
        required_text(),
        -1_000_000_000_000i64..1_000_000_000_000,
        -1_000_000_000_000i64..1_000_000_000_000,
        extra(),
    )
        .prop_map(|(area, expenses, income, extra)| BudgetRow {
            id: BudgetRowId(0),
            area,
            expenses,
            income,
            extra,
        });
    prop_oneof![
        1 => Just(Budget::default()),
        2 => (text(), prop::option::of(any::<i32>()), text(), prop::collection::vec(row, 0..4), extra())
            .prop_map(|(title, year, note, rows, extra)| Budget { title, year, note, rows, extra }),
    ]
}

fn contact() -> impl Strategy<Value = Contact> {
    prop_oneof![
        Just(Contact::default()),
        (text(), text(), text(), text(), extra()).prop_map(
            |(address, phone, email, web, extra)| {
                Contact {
                    address,
                    phone,
                    email,
                    web,
                    extra,
                }
            }
        ),
    ]
}

fn section() -> impl Strategy<Value = Section> {
    (required_text(), text(), extra()).prop_map(|(title, body, extra)| Section {
        id: SectionId(0),
        title,
        body,
        extra,
    })
}

/// A plan whose focus areas still carry their goals' raw picks.
type RawPlanPick = (
    Plan,
    Vec<(FocusArea, Vec<RawGoalPick>)>,
    Option<prop::sample::Index>,
);

fn plan() -> impl Strategy<Value = RawPlanPick> {
    (
        (
            required_text(),
            required_text(),
            text(),
            1000..=9999i32,
            0..5i32,
            extra(),
            text(),
        ),
        (contact(), any::<bool>(), prop::option::of(date()), text()),
        (
            prop::collection::vec(section(), 0..3),
            budget(),
            text(),
            text(),
            extra(),
        ),
        prop::collection::vec(focus_area(), 0..3),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(
            |(
                (title, organisation, municipality, start, length, period_extra, journal_number),
                (contact, approved, approved_on, approved_by),
                (sections, budget, focus_areas_intro, review_intro, extra),
                areas,
                previous,
            )| {
                let plan = Plan {
                    labels: Default::default(),
                    numbering: Default::default(),
                    print: Default::default(),
                    id: PlanId(0),
                    previous: None,
                    title,
                    organisation,
                    municipality,
                    period: Period {
                        start,
                        end: (start + length).min(9999),
                    },
                    period_extra,
                    journal_number,
                    contact,
                    state: if approved {
                        PlanState::Approved
                    } else {
                        PlanState::Draft
                    },
                    approved_on,
                    approved_by,
                    sections,
                    budget,
                    focus_areas_intro,
                    focus_areas: Vec::new(),
                    review_intro,
                    extra,
                };
                (plan, areas, previous)
            },
        )
}

/// A valid document with ids that look like a store's row ids (not indices), so that export
/// has to resolve them. `previous` only points to an earlier plan (no cycles), then the plan
/// list may be reversed so that `previous` also points forward.
fn document() -> impl Strategy<Value = PlanBundle> {
    (
        prop::collection::vec(person(), 0..5),
        prop::collection::vec(plan(), 1..4),
        extra(),
        any::<bool>(),
        1000i64..2000,
    )
        .prop_map(|(mut people, raw_plans, extra, reverse, id_base)| {
            for (i, p) in people.iter_mut().enumerate() {
                p.id = PersonId(id_base + 3 * i as i64);
            }
            let mut next_goal = id_base * 10;
            let mut plans: Vec<Plan> = Vec::new();
            let mut picks = Vec::new();
            for (i, (mut plan, areas, previous)) in raw_plans.into_iter().enumerate() {
                plan.id = PlanId(id_base + 7 * i as i64);
                plan.previous = match previous {
                    Some(pick) if i > 0 => Some(plans[pick.index(i)].id),
                    _ => None,
                };
                for (mut area, goals) in areas {
                    for (mut goal, owners, continues) in goals {
                        goal.id = GoalId(next_goal);
                        next_goal += 5;
                        if !people.is_empty() {
                            for o in owners {
                                let id = people[o.index(people.len())].id;
                                if !goal.owners.contains(&id) {
                                    goal.owners.push(id);
                                }
                            }
                        }
                        picks.push(continues);
                        area.goals.push(goal);
                    }
                    plan.focus_areas.push(area);
                }
                plans.push(plan);
            }
            // continues: into the previous plan's goals, when it has any.
            let mut pick = picks.into_iter();
            for p in 0..plans.len() {
                let targets: Vec<GoalId> = match plans[p].previous {
                    Some(prev) => plans
                        .iter()
                        .find(|q| q.id == prev)
                        .map(|q| q.goals().map(|(_, g)| g.id).collect())
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                for area in &mut plans[p].focus_areas {
                    for goal in &mut area.goals {
                        match pick.next() {
                            Some(Some(choice)) if !targets.is_empty() => {
                                goal.continues = Some(targets[choice.index(targets.len())]);
                            }
                            _ => {}
                        }
                    }
                }
            }
            if reverse {
                plans.reverse();
            }
            PlanBundle {
                people,
                plans,
                extra,
            }
        })
}

/// The ids a parse gives, and follow-ups in (stable) date order.
fn normalized(doc: &PlanBundle) -> PlanBundle {
    let mut out = doc.clone();
    let person_index = |id: PersonId| {
        PersonId(
            doc.people
                .iter()
                .position(|p| p.id == id)
                .expect("owner exists") as i64,
        )
    };
    let plan_index = |id: PlanId| {
        PlanId(
            doc.plans
                .iter()
                .position(|p| p.id == id)
                .expect("previous exists") as i64,
        )
    };
    let all_goals: Vec<GoalId> = doc
        .plans
        .iter()
        .flat_map(|p| p.goals().map(|(_, g)| g.id))
        .collect();
    let goal_number = |id: GoalId| {
        GoalId(
            all_goals
                .iter()
                .position(|&g| g == id)
                .expect("goal exists") as i64
                + 1,
        )
    };
    for (i, p) in out.people.iter_mut().enumerate() {
        p.id = PersonId(i as i64);
    }
    let mut n = 0;
    for (i, plan) in out.plans.iter_mut().enumerate() {
        plan.id = PlanId(i as i64);
        plan.previous = plan.previous.map(plan_index);
        for (s, section) in plan.sections.iter_mut().enumerate() {
            section.id = SectionId(s as i64);
        }
        for (r, row) in plan.budget.rows.iter_mut().enumerate() {
            row.id = BudgetRowId(r as i64);
        }
        for (a, area) in plan.focus_areas.iter_mut().enumerate() {
            area.id = FocusAreaId(a as i64);
            for goal in &mut area.goals {
                n += 1;
                goal.id = GoalId(n);
                goal.owners = goal.owners.iter().map(|&o| person_index(o)).collect();
                goal.continues = goal.continues.map(goal_number);
                goal.follow_ups.sort_by_key(|f| f.date);
                for (f, fu) in goal.follow_ups.iter_mut().enumerate() {
                    fu.id = FollowUpId(f as i64);
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn write_then_parse_gives_the_same_document(doc in document()) {
        let text = write_document(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse_document(text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, normalized(&doc));
    }

    #[test]
    fn writing_is_stable(doc in document()) {
        let text = write_document(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse_document(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = write_document(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(text, again);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// JSON → plan file → JSON: what an import stores, an export gives back (issue 2).
    #[test]
    fn a_document_survives_the_plan_file(doc in document()) {
        // People with the same name and mail are one person in a file (by design).
        let mut seen = std::collections::HashSet::new();
        prop_assume!(doc.people.iter().all(|p| seen.insert((p.name.clone(), p.email.clone()))));
        let text = write_document(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed = parse_document(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut store = virkplan::store::Store::open_or_create(&dir.path().join("p.sqlite"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        store.import(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = store.load_document(None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let exported = write_document(&loaded).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse_document(exported.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(common::normalise(&back), common::normalise(&parsed));
    }
}
