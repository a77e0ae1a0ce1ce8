//! PDF benchmark (issue 4): export the demo plan (40 focus areas × 25 goals × 8 follow-ups;
//! since issue 18 each goal also has two indicators measured in every follow-up and two
//! milestones) from the model to PDF bytes. Target on a 2-core machine: under 0.4 s
//! (decisions.md). Layout alone is measured too, to show where the time goes.
//!
//! A pasted blob (issue 17, case 1): a small plan whose goal text is 100 k, 1 M and 5 M
//! characters without a space (a base64 image pasted by mistake), laid out and exported. Line
//! breaking is linear in the length of a text, so the time per character (criterion's
//! throughput) stays the same from 100 k to 5 M; before the fix it grew with the length.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
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

fn blobs(c: &mut Criterion) {
    let options = Options {
        created: Some(0),
        ..Options::default()
    };
    let mut group = c.benchmark_group("a goal text of unbroken characters");
    for n in [100_000usize, 1_000_000, 5_000_000] {
        let mut doc = demo::generate(&DemoSpec {
            areas: 1,
            goals_per_area: 1,
            follow_ups_per_goal: 0,
            seed: 1,
        });
        let plan = doc.plans.last_mut().expect("demo plan");
        let id = plan.id;
        plan.focus_areas[0].goals[0].text =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                .chars()
                .cycle()
                .take(n)
                .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("layout", n), &doc, |b, doc| {
            b.iter(|| black_box(report::layout::layout(doc, id, &options).expect("layout")))
        });
        group.bench_with_input(BenchmarkId::new("export", n), &doc, |b, doc| {
            b.iter(|| black_box(report::export_pdf(doc, id, &options).expect("export")))
        });
    }
    group.finish();
}

criterion_group! {
    name = pdf;
    config = Criterion::default().sample_size(10);
    targets = benches, blobs
}
criterion_main!(pdf);
