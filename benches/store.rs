//! Store benchmarks (issue 2): open a plan file and load the demo plan (40 focus areas × 25
//! goals × 8 follow-ups, each goal with two indicators measured in every follow-up and two
//! milestones: 2,000 indicators, 16,000 measurements), and commit one edit to it. Targets on
//! a 2-core machine: open and load under 50 ms, one committed edit under 10 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use virkplan::demo::{self, DemoSpec};
use virkplan::model::{Command, GoalField, PlanId};
use virkplan::store::Store;

fn demo_file(dir: &std::path::Path) -> (std::path::PathBuf, PlanId) {
    let path = dir.join("demo.sqlite");
    let mut store = Store::open_or_create(&path).expect("create");
    let doc = demo::generate(&DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    });
    let (ids, _) = store.import(&doc).expect("import");
    (path, ids[0])
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, plan) = demo_file(dir.path());

    c.bench_function("open and load the demo plan (40×25×8)", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            black_box(store.load_plan(plan).expect("load"))
        })
    });

    let mut store = Store::open(&path).expect("open");
    let goal = store.load_plan(plan).expect("load").focus_areas[20].goals[12].id;
    let mut n = 0u64;
    c.bench_function("commit one edit to the demo plan", |b| {
        b.iter(|| {
            n += 1;
            store
                .apply(&Command::SetGoalText {
                    goal,
                    field: GoalField::Details,
                    value: format!("Uddybning, version {n}"),
                })
                .expect("edit")
        })
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(store);
