//! Helpers shared by the integration tests: small plans built in code, file hashes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use virkplan::model::{
    Date, FocusArea, FollowUp, FollowUpId, Goal, GoalId, Period, Person, PersonId, Plan,
    PlanBundle, Status,
};
use virkplan::store::Store;

/// A document with one small plan: two people, two focus areas, three goals.
pub fn small_document() -> PlanBundle {
    let goal = |id: i64, text: &str, owners: Vec<PersonId>| Goal {
        id: GoalId(id),
        text: text.into(),
        details: "Første afsnit.\n\nAndet afsnit med æøå.".into(),
        documentation: "- En rapport\n- En evaluering".into(),
        owners,
        deadline: Date::parse_iso("2013-06").ok(),
        status: Some(Status::OnTrack),
        continues: None,
        follow_ups: vec![FollowUp {
            id: FollowUpId(0),
            date: Date::parse_iso("2012-06-01").expect("valid date"),
            status: Some(Status::OnTrack),
            text: "Godt i gang.".into(),
            measurements: Vec::new(),
            extra: None,
        }],
        indicators: Vec::new(),
        milestones: Vec::new(),
        related: Vec::new(),
        extra: None,
    };
    PlanBundle {
        people: vec![
            Person {
                id: PersonId(0),
                name: "Børge Alstrup".into(),
                title: "Sundhedschef".into(),
                email: "borge@example.dk".into(),
                ..Person::default()
            },
            Person {
                id: PersonId(1),
                name: "Unna Scherer".into(),
                ..Person::default()
            },
        ],
        plans: vec![Plan {
            title: "Virksomhedsplan 2012/2013".into(),
            organisation: "Sundheds- og Socialforvaltningen".into(),
            municipality: "Albertslund Kommune".into(),
            period: Period {
                start: 2012,
                end: 2013,
            },
            focus_areas: vec![
                FocusArea {
                    title: "Sundhed og forebyggelse".into(),
                    goals: vec![
                        goal(1, "Forebyggelsesstrategien bruges", vec![PersonId(0)]),
                        goal(2, "Færre indlæggelser", vec![PersonId(0), PersonId(1)]),
                    ],
                    ..FocusArea::default()
                },
                FocusArea {
                    title: "Det gode arbejdsliv".into(),
                    goals: vec![goal(3, "Lavere sygefravær", vec![PersonId(1)])],
                    ..FocusArea::default()
                },
            ],
            ..Plan::default()
        }],
        extra: None,
    }
}

/// A new plan file at `dir/name` holding [`small_document`].
pub fn plan_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open_or_create(&path).expect("create plan file");
    store.import(&small_document()).expect("import");
    path
}

/// The file's bytes, to compare before and after.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// The document with every id replaced by what it stands for: people sorted by name and mail
/// and numbered, plans numbered in order, goals and indicators numbered in print order (owners,
/// related goals and measurements follow), row ids of sections, rows, areas, milestones and
/// follow-ups zeroed. Two documents with the same content normalise equal.
pub fn normalise(doc: &PlanBundle) -> PlanBundle {
    use std::collections::HashMap;
    let mut people = doc.people.clone();
    people.sort_by(|a, b| (&a.name, &a.email, &a.title).cmp(&(&b.name, &b.email, &b.title)));
    let person_map: HashMap<PersonId, PersonId> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, PersonId(i as i64)))
        .collect();
    for (i, p) in people.iter_mut().enumerate() {
        p.id = PersonId(i as i64);
    }
    let plan_map: HashMap<_, _> = doc
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, virkplan::model::PlanId(i as i64)))
        .collect();
    let mut goal_map = HashMap::new();
    let mut counter = 0;
    for plan in &doc.plans {
        for (_, g) in plan.goals() {
            counter += 1;
            goal_map.insert(g.id, GoalId(counter));
        }
    }
    let mut indicator_map = HashMap::new();
    let mut indicators = 0;
    for plan in &doc.plans {
        for (_, g) in plan.goals() {
            for i in &g.indicators {
                indicators += 1;
                indicator_map.insert(i.id, virkplan::model::IndicatorId(indicators));
            }
        }
    }
    let plans = doc
        .plans
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.id = plan_map[&p.id];
            p.previous = p.previous.map(|x| plan_map[&x]);
            for s in &mut p.sections {
                s.id = Default::default();
            }
            for r in &mut p.budget.rows {
                r.id = Default::default();
            }
            for a in &mut p.focus_areas {
                a.id = Default::default();
                a.owners = a.owners.iter().map(|o| person_map[o]).collect();
                for g in &mut a.goals {
                    g.id = goal_map[&g.id];
                    g.continues = g.continues.map(|c| goal_map[&c]);
                    g.owners = g.owners.iter().map(|o| person_map[o]).collect();
                    g.related = g.related.iter().map(|r| goal_map[r]).collect();
                    for i in &mut g.indicators {
                        i.id = indicator_map[&i.id];
                    }
                    for m in &mut g.milestones {
                        m.id = Default::default();
                    }
                    for f in &mut g.follow_ups {
                        f.id = Default::default();
                        for m in &mut f.measurements {
                            m.indicator = indicator_map[&m.indicator];
                        }
                    }
                }
            }
            p
        })
        .collect();
    PlanBundle {
        people,
        plans,
        extra: doc.extra.clone(),
    }
}

/// The reference plan (Albertslund, 2012/2013) as bytes; kept in tests/data so that the tests
/// need nothing outside the repository.
pub const REFERENCE_JSON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/virksomhedsplan-albertslund-sof-2012-2013.json"
);
