//! Property test of the round trip: any valid model document, written as JSON and read back,
//! is the same document once its ids are renumbered the way a parse numbers them (people and
//! plans by index, goals and indicators from 1 in document order, the rest by index in their
//! list). The documents carry every field of format version 2: indicators with numbers of up
//! to 15 digits and every DATE form, measurements, milestones, related goals, focus-area
//! owners, the plan's words, numbering and print settings.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use proptest::prelude::*;
use serde_json::Value;
use virkplan::json::{parse_document, write_document};
use virkplan::model::{
    AreaNumbering, Budget, BudgetRow, BudgetRowId, Contact, Date, Direction, EmptyFields, Figure,
    FocusArea, FocusAreaId, FollowUp, FollowUpId, Goal, GoalId, GoalNumbering, Indicator,
    IndicatorId, Label, Labels, Measurement, Milestone, MilestoneId, Number, Numbering, Period,
    Person, PersonId, Plan, PlanBundle, PlanId, PlanState, PrintSettings, Section, SectionId,
    Status,
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

/// Any DATE of the five forms.
fn date() -> impl Strategy<Value = Date> {
    (1000..=9999i32, 1..=12u8, 1..=31u8, 0..5u8).prop_map(|(year, month, day, form)| {
        let day = day.min(days_in_month(year, month));
        match form {
            0 => Date::Day { year, month, day },
            1 => Date::Month { year, month },
            2 => Date::Quarter {
                year,
                quarter: month.div_ceil(3),
            },
            3 => Date::Half {
                year,
                half: month.div_ceil(6),
            },
            _ => Date::Year { year },
        }
    })
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A figure of up to 15 significant digits, anywhere from 1e-15 to 1e29, whole or not.
fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (-999_999_999_999_999i64..=999_999_999_999_999, -15..=15i32)
            .prop_map(|(m, e)| Number::parse(&format!("{m}e{e}")).expect("15 digits")),
        (-10_000i64..10_000, 0..3u32).prop_map(|(m, d)| {
            let text = format!("{}", m as f64 / 10f64.powi(d as i32));
            Number::parse(&text).expect("a small decimal")
        }),
    ]
}

fn figure() -> impl Strategy<Value = Option<Figure>> {
    prop::option::of((number(), prop::option::of(date()), extra()))
        .prop_map(|f| f.map(|(value, date, extra)| Figure { value, date, extra }))
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        required_text(),
        text(),
        figure(),
        figure(),
        prop::option::of(prop::sample::select(Direction::ALL.to_vec())),
        extra(),
    )
        .prop_map(
            |(name, unit, baseline, target, direction, extra)| Indicator {
                id: IndicatorId(0),
                name,
                unit,
                baseline,
                target,
                direction,
                extra,
            },
        )
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        required_text(),
        prop::option::of(date()),
        any::<bool>(),
        extra(),
    )
        .prop_map(|(text, date, done, extra)| Milestone {
            id: MilestoneId(0),
            text,
            date,
            done,
            extra,
        })
}

fn labels() -> impl Strategy<Value = Labels> {
    (
        prop::collection::vec(prop::option::of(required_text()), 6),
        extra(),
    )
        .prop_map(|(words, extra)| {
            let mut labels = Labels {
                extra,
                ..Labels::default()
            };
            for (label, word) in Label::ALL.into_iter().zip(words) {
                labels.set(label, word);
            }
            labels
        })
}

fn numbering() -> impl Strategy<Value = Numbering> {
    (
        prop::sample::select(AreaNumbering::ALL.to_vec()),
        prop::sample::select(GoalNumbering::ALL.to_vec()),
        extra(),
    )
        .prop_map(|(focus_areas, goals, extra)| Numbering {
            focus_areas,
            goals,
            extra,
        })
}

fn print_settings() -> impl Strategy<Value = PrintSettings> {
    (any::<bool>(), any::<bool>(), any::<bool>(), extra()).prop_map(
        |(hide, owner_email, owner_title, extra)| PrintSettings {
            empty_fields: if hide {
                EmptyFields::Hide
            } else {
                EmptyFields::Dash
            },
            owner_email,
            owner_title,
            extra,
        },
    )
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

/// A follow-up; its measurements are picked later from the goal's indicators (`picks`), and
/// one that would say nothing gets a text (version 2 refuses an empty follow-up).
fn follow_up()
-> impl Strategy<Value = (FollowUp, Vec<(prop::sample::Index, Number, Option<String>)>)> {
    (
        date(),
        status(),
        text(),
        extra(),
        prop::collection::vec((any::<prop::sample::Index>(), number(), extra()), 0..3),
    )
        .prop_map(|(date, status, text, extra, picks)| {
            (
                FollowUp {
                    measurements: Vec::new(),
                    id: FollowUpId(0),
                    date,
                    status,
                    text,
                    extra,
                },
                picks,
            )
        })
}

/// The raw picks of a goal: owners, continues, related (indices into what exists later).
#[derive(Debug, Clone)]
struct GoalPicks {
    owners: Vec<prop::sample::Index>,
    continues: Option<prop::sample::Index>,
    related: Vec<prop::sample::Index>,
    measurements: Vec<Vec<(prop::sample::Index, Number, Option<String>)>>,
}

/// A goal; `owners`, `continues`, `related` and measurements are filled in later from its picks.
fn goal() -> impl Strategy<Value = (Goal, GoalPicks)> {
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
        (
            prop::collection::vec(indicator(), 0..3),
            prop::collection::vec(milestone(), 0..3),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        ),
    )
        .prop_map(
            |(
                (text, details, documentation, deadline, status),
                follow_ups,
                extra,
                owners,
                continues,
                (indicators, milestones, related),
            )| {
                let (follow_ups, measurements): (Vec<FollowUp>, Vec<_>) =
                    follow_ups.into_iter().unzip();
                (
                    Goal {
                        indicators,
                        milestones,
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
                    GoalPicks {
                        owners,
                        continues,
                        related,
                        measurements,
                    },
                )
            },
        )
}

type RawGoalPick = (Goal, GoalPicks);

/// A focus area with its goals' picks and its own owner picks.
type RawAreaPick = (FocusArea, Vec<RawGoalPick>, Vec<prop::sample::Index>);

fn focus_area() -> impl Strategy<Value = RawAreaPick> {
    (
        required_text(),
        text(),
        extra(),
        prop::collection::vec(goal(), 0..3),
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    )
        .prop_map(|(title, description, extra, goals, owners)| {
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
                owners,
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
type RawPlanPick = (Plan, Vec<RawAreaPick>, Option<prop::sample::Index>);

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
        (labels(), numbering(), print_settings()),
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
                (labels, numbering, print),
                (sections, budget, focus_areas_intro, review_intro, extra),
                areas,
                previous,
            )| {
                let plan = Plan {
                    labels,
                    numbering,
                    print,
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
/// list may be reversed so that `previous` also points forward. `related` may name any goal
/// of any plan but its own.
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
            let pick_people = |picks: &[prop::sample::Index]| {
                let mut out: Vec<PersonId> = Vec::new();
                if !people.is_empty() {
                    for pick in picks {
                        let id = people[pick.index(people.len())].id;
                        if !out.contains(&id) {
                            out.push(id);
                        }
                    }
                }
                out
            };
            let mut next_goal = id_base * 10;
            let mut next_indicator = id_base * 100;
            let mut plans: Vec<Plan> = Vec::new();
            let mut picks = Vec::new();
            for (i, (mut plan, areas, previous)) in raw_plans.into_iter().enumerate() {
                plan.id = PlanId(id_base + 7 * i as i64);
                plan.previous = match previous {
                    Some(pick) if i > 0 => Some(plans[pick.index(i)].id),
                    _ => None,
                };
                for (mut area, goals, owners) in areas {
                    area.owners = pick_people(&owners);
                    for (mut goal, goal_picks) in goals {
                        goal.id = GoalId(next_goal);
                        next_goal += 5;
                        goal.owners = pick_people(&goal_picks.owners);
                        for indicator in &mut goal.indicators {
                            indicator.id = IndicatorId(next_indicator);
                            next_indicator += 3;
                        }
                        for (m, milestone) in goal.milestones.iter_mut().enumerate() {
                            milestone.id = MilestoneId(id_base + m as i64);
                        }
                        for (follow_up, measurements) in
                            goal.follow_ups.iter_mut().zip(&goal_picks.measurements)
                        {
                            if goal.indicators.is_empty() {
                                continue;
                            }
                            for (pick, value, extra) in measurements {
                                let indicator =
                                    goal.indicators[pick.index(goal.indicators.len())].id;
                                if follow_up
                                    .measurements
                                    .iter()
                                    .all(|m| m.indicator != indicator)
                                {
                                    follow_up.measurements.push(Measurement {
                                        indicator,
                                        value: *value,
                                        extra: extra.clone(),
                                    });
                                }
                            }
                        }
                        picks.push(goal_picks);
                        area.goals.push(goal);
                    }
                    plan.focus_areas.push(area);
                }
                plans.push(plan);
            }
            // continues: into the previous plan's goals, when it has any; related: any goal
            // but the goal itself, each once.
            let all_goals: Vec<GoalId> = plans
                .iter()
                .flat_map(|p| p.goals().map(|(_, g)| g.id))
                .collect();
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
                        let Some(goal_picks) = pick.next() else {
                            continue;
                        };
                        if let Some(choice) = goal_picks.continues
                            && !targets.is_empty()
                        {
                            goal.continues = Some(targets[choice.index(targets.len())]);
                        }
                        for choice in goal_picks.related {
                            let other = all_goals[choice.index(all_goals.len())];
                            if other != goal.id && !goal.related.contains(&other) {
                                goal.related.push(other);
                            }
                        }
                    }
                }
            }
            for plan in &mut plans {
                for area in &mut plan.focus_areas {
                    for goal in &mut area.goals {
                        for follow_up in &mut goal.follow_ups {
                            says_something(follow_up);
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

/// Version 2 refuses a follow-up with neither text, status nor measurements.
fn says_something(follow_up: &mut FollowUp) {
    if follow_up.text.is_empty() && follow_up.status.is_none() && follow_up.measurements.is_empty()
    {
        follow_up.text.push('x');
    }
}

/// The document without what only version 2 (and schema 2) holds: what a version-1 document
/// or a schema-1 file can carry. Dates become the month their period starts in.
fn version_1_content(mut doc: PlanBundle) -> PlanBundle {
    let month = |d: Date| match d {
        Date::Day { .. } | Date::Month { .. } => d,
        other => {
            let (year, month, _) = other.first_day();
            Date::Month { year, month }
        }
    };
    for plan in &mut doc.plans {
        plan.labels = Labels::default();
        plan.numbering = Numbering::default();
        plan.print = PrintSettings::default();
        plan.approved_on = plan.approved_on.map(month);
        for area in &mut plan.focus_areas {
            area.owners.clear();
            for goal in &mut area.goals {
                goal.indicators.clear();
                goal.milestones.clear();
                goal.related.clear();
                goal.deadline = goal.deadline.map(month);
                for follow_up in &mut goal.follow_ups {
                    follow_up.date = month(follow_up.date);
                    follow_up.measurements.clear();
                    says_something(follow_up);
                }
            }
        }
    }
    doc
}

/// The ids a parse gives, and follow-ups in (stable) date order.
fn normalized(doc: &PlanBundle) -> PlanBundle {
    let mut out = doc.clone();
    let indicator_number: std::collections::HashMap<IndicatorId, IndicatorId> = doc
        .plans
        .iter()
        .flat_map(|p| {
            p.goals()
                .flat_map(|(_, g)| g.indicators.iter().map(|i| i.id))
        })
        .enumerate()
        .map(|(n, id)| (id, IndicatorId(n as i64 + 1)))
        .collect();
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
            area.owners = area.owners.iter().map(|&o| person_index(o)).collect();
            for goal in &mut area.goals {
                n += 1;
                goal.id = GoalId(n);
                goal.owners = goal.owners.iter().map(|&o| person_index(o)).collect();
                goal.continues = goal.continues.map(goal_number);
                goal.related = goal.related.iter().map(|&g| goal_number(g)).collect();
                for indicator in &mut goal.indicators {
                    indicator.id = indicator_number[&indicator.id];
                }
                for (m, milestone) in goal.milestones.iter_mut().enumerate() {
                    milestone.id = MilestoneId(m as i64);
                }
                goal.follow_ups.sort_by_key(|f| f.date);
                for (f, fu) in goal.follow_ups.iter_mut().enumerate() {
                    fu.id = FollowUpId(f as i64);
                    for m in &mut fu.measurements {
                        m.indicator = indicator_number[&m.indicator];
                    }
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

    /// JSON → plan file → JSON: what an import stores, an export gives back (issues 2 and 18),
    /// every version-2 field included.
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A document with only version 1's content reads the same from version 2's text.
    #[test]
    fn version_1_content_round_trips_as_version_2(doc in document().prop_map(version_1_content)) {
        let text = write_document(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(text.contains("\"version\": 2,"));
        let back = parse_document(text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, normalized(&doc));
    }
}

/// The reference plan is a version-1 document: imported and exported it is a version-2
/// document with the same content, whose text says nothing version 1 did not (no words,
/// numbering, print settings, indicators or milestones appear from nowhere).
#[test]
fn the_reference_plan_exported_is_version_2_with_equal_content() {
    let bytes = std::fs::read(common::REFERENCE_JSON).expect("the reference plan");
    let original: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(original["version"], Value::from(1));
    let doc = parse_document(&bytes).expect("the reference plan parses");
    let text = write_document(&doc).expect("writes");
    let written: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(written["version"], Value::from(2));
    assert_eq!(parse_document(text.as_bytes()).expect("reads"), doc);
    for field in ["labels", "numbering", "print"] {
        for plan in written["plans"].as_array().expect("plans") {
            assert!(plan.get(field).is_none(), "{field} appeared");
        }
    }
    for plan in written["plans"].as_array().expect("plans") {
        for area in plan["focus_areas"].as_array().expect("focus areas") {
            assert!(area.get("owners").is_none() && area.get("key").is_none());
            for goal in area["goals"].as_array().expect("goals") {
                for field in ["indicators", "milestones", "related"] {
                    assert!(goal.get(field).is_none(), "{field} appeared");
                }
            }
        }
    }
    // Every text of the original is in the export, in the same order.
    let texts = |v: &Value| {
        let mut out = Vec::new();
        collect_strings(v, &mut out);
        out
    };
    let (before, after) = (texts(&original), texts(&written));
    let mut rest = after.iter();
    for text in before.iter().filter(|t| t.chars().count() > 12) {
        assert!(
            rest.any(|t| t == text),
            "«{text}» is missing or out of order"
        );
    }
}

/// Every string of a JSON value except member names, in document order (serde_json's maps
/// are sorted by name, the same for both documents).
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// The version-2 example, imported into a plan file and exported again, is the same document.
#[test]
fn the_version_2_example_survives_the_plan_file() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/plan-v2-example.json"
    ))
    .expect("the example");
    let parsed = parse_document(&bytes).expect("parses");
    let dir = tempfile::tempdir().expect("a folder");
    let mut store =
        virkplan::store::Store::open_or_create(&dir.path().join("p.sqlite")).expect("a new file");
    store.import(&parsed).expect("imports");
    let loaded = store.load_document(None).expect("loads");
    let exported = write_document(&loaded).expect("exports");
    assert!(exported.contains("\"version\": 2,"));
    let back = parse_document(exported.as_bytes()).expect("reads back");
    assert_eq!(common::normalise(&back), common::normalise(&parsed));
    let goal = &back.plans[0].focus_areas[1].goals[0];
    assert_eq!(
        goal.indicators[0]
            .baseline
            .as_ref()
            .map(|b| b.value.to_string()),
        Some("62.5".into())
    );
    assert_eq!(goal.follow_ups[1].measurements[0].value.to_string(), "70.1");
}

/// Exporting one plan (`--plan`) writes it with the plans it reaches through `previous`; a
/// `related` link to a goal of a plan outside those is left out, so the document stays valid,
/// while a link inside stays.
#[test]
fn an_export_of_one_plan_leaves_out_related_links_to_other_plans() {
    let doc = parse_document(
        serde_json::json!({
            "format": "virkplan",
            "version": 2,
            "plans": [
                { "key": "a", "title": "A", "organisation": "O", "period": { "start": 2010, "end": 2011 },
                  "focus_areas": [ { "title": "FA", "goals": [
                      { "key": "a1", "text": "a1", "related": ["b1"] },
                      { "key": "a2", "text": "a2", "related": ["a1", "c1"] } ] } ] },
                { "key": "b", "previous": "a", "title": "B", "organisation": "O",
                  "period": { "start": 2012, "end": 2013 },
                  "focus_areas": [ { "title": "FB", "goals": [
                      { "key": "b1", "text": "b1", "related": ["a2", "c1"] } ] } ] },
                { "key": "c", "title": "C", "organisation": "O", "period": { "start": 2012, "end": 2013 },
                  "focus_areas": [ { "title": "FC", "goals": [
                      { "key": "c1", "text": "c1", "related": ["b1"] } ] } ] }
            ]
        })
        .to_string()
        .as_bytes(),
    )
    .expect("parses");
    let dir = tempfile::tempdir().expect("a folder");
    let mut store =
        virkplan::store::Store::open_or_create(&dir.path().join("p.sqlite")).expect("a new file");
    let (ids, _) = store.import(&doc).expect("imports");
    let one = store.load_document(Some(ids[1])).expect("plan b with a");
    let text = write_document(&one).expect("an export of plan b is written");
    let back = parse_document(text.as_bytes()).expect("and is valid");
    let titles: Vec<&str> = back.plans.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"]);
    let goal_id = |text: &str| {
        back.plans
            .iter()
            .flat_map(|p| p.goals().map(|(_, g)| g))
            .find(|g| g.text == text)
            .map(|g| g.id)
            .expect("the goal")
    };
    let related = |text: &str| {
        back.plans
            .iter()
            .flat_map(|p| p.goals().map(|(_, g)| g))
            .find(|g| g.text == text)
            .map(|g| g.related.clone())
            .expect("the goal")
    };
    assert_eq!(related("a1"), vec![goal_id("b1")]);
    assert_eq!(
        related("a2"),
        vec![goal_id("a1")],
        "c1 is not in the export"
    );
    assert_eq!(
        related("b1"),
        vec![goal_id("a2")],
        "c1 is not in the export"
    );
}

/// The editor's "Tilføj opfølgning" makes a follow-up with only a date; left as it is, it says
/// nothing, and version 2 refuses such a follow-up. The export leaves it out instead of failing
/// as a whole; the follow-ups that say something are written.
#[test]
fn a_follow_up_left_empty_in_the_editor_does_not_stop_the_export() {
    let mut doc = common::small_document();
    let goal = &mut doc.plans[0].focus_areas[0].goals[0];
    let mut blank = goal.follow_ups[0].clone();
    blank.text.clear();
    blank.status = None;
    goal.follow_ups.push(blank);
    let text = write_document(&doc).expect("the export is written");
    let back = parse_document(text.as_bytes()).expect("and reads back");
    let goal = &back.plans[0].focus_areas[0].goals[0];
    assert_eq!(goal.follow_ups.len(), 1, "the empty follow-up is left out");
    assert_eq!(goal.follow_ups[0].text, "Godt i gang.");
}
