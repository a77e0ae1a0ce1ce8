//! PDF benchmark (issue 4): export the demo plan (40 focus areas × 25 goals × 8 follow-ups,
//! about 1,000 pages) from the model to PDF bytes. Target on a 2-core machine: under 0.4 s
//! (decisions.md). Layout alone is measured too, to show where the time goes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use virkplan::demo::{self, DemoSpec};
use virkplan::report::{self, Options};

fn benches(c: &mut Criterion) {
    let doc = demo::generate(&DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    });
    let plan = doc.plans.last().expect("demo plan").id;
    let options = Options {
        created: Some(0),
        ..Options::default()
    };
    c.bench_function("layout the demo plan (40×25×8)", |b| {
        b.iter(|| black_box(report::layout::layout(&doc, plan, &options).expect("layout")))
    });
    c.bench_function("export the demo plan as PDF (40×25×8)", |b| {
        b.iter(|| black_box(report::export_pdf(&doc, plan, &options).expect("export")))
    });
}

criterion_group! {
    name = pdf;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(pdf);
