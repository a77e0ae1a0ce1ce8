//! Editor frame cost (issue 3): with the demo plan (40 focus areas × 25 goals × 8
//! follow-ups, two indicators and two milestones per goal) open, one frame of the editor —
//! layout of every panel and tessellation into triangles, headless, without a GPU — must cost
//! under 4 ms of CPU. Measured on the screens with the most on them: a focus area with its 25
//! goals and a goal's editor, the people list, and the search panel with many hits.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use virkplan::demo::{self, DemoSpec};
use virkplan::store::Store;
use virkplan::ui::{App, Part, Place};

fn demo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("demo.sqlite");
    let mut store = Store::open_or_create(&path).expect("create");
    let doc = demo::generate(&DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    });
    store.import(&doc).expect("import");
    path
}

/// A laptop screen: 1366×768 at 100 %.
fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1366.0, 768.0),
        )),
        ..Default::default()
    }
}

/// One whole frame: layout, then tessellation (what the GPU gets).
fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    let mut output = ctx.run_ui(input(), |ui| app.show(ui));
    // A renderer would upload these; headless, they are dropped on purpose.
    output.textures_delta.clear();
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes.len()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    let mut app = App::open(&path);
    let ctx = egui::Context::default();
    ctx.set_theme(egui::Theme::Light);

    let plan = app.plan().expect("demo plan").clone();
    let area = &plan.focus_areas[20];
    app.go_to(Place::Goal(area.id, area.goals[12].id));
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function(
        "editor frame: focus area with 25 goals and a goal editor",
        |b| b.iter(|| black_box(frame(&ctx, &mut app))),
    );

    app.go_to(Place::Part(Part::People));
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("editor frame: Personer", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    app.go_to(Place::Part(Part::FollowUp));
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("editor frame: Opfølgning board with 1,000 goals", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    app.go_to(Place::Part(Part::Cover));
    app.search_for("borgere");
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("editor frame: Forside with search hits", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });
}

criterion_group!(editor, benches);
criterion_main!(editor);
