//! Frozen versions (issue 20) in the plan file (schema 4), through the document: a version is
//! numbered 1, 2, … per plan and keeps the plan as it was; saving and deleting are undone and
//! redone exactly (content byte for byte); a deleted plan's versions come back with it; a
//! version another program changed is refused in Danish, can still be deleted, and never
//! damages the rest; chunks no version uses are removed; twenty versions of the demo plan
//! stay within three times the file of the plan alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use virkplan::document::{Document, DocumentError};
use virkplan::model::{
    Command, Date, FollowUp, FrozenVersion, GoalId, Moment, Payload, PlanField, PlanId, Status,
    Version, VersionId, VersionKind,
};
use virkplan::versions;

fn at(day: u8, hour: u8) -> Moment {
    Moment::new(2013, 3, day, hour, 5).unwrap()
}

/// A document holding the small plan; returns it with the plan's id and the file's path.
fn document(dir: &Path) -> (Document, PlanId, PathBuf) {
    let path = common::plan_file(dir, "plan.sqlite");
    let doc = Document::open(&path).unwrap();
    let plan = doc.list_plans().unwrap()[0].id;
    (doc, plan, path)
}

fn set_title(doc: &mut Document, plan: PlanId, title: &str) {
    doc.apply(Command::SetPlanText {
        plan,
        field: PlanField::Title,
        value: title.into(),
    })
    .unwrap();
}

fn title_of_version(doc: &Document, version: &Version) -> String {
    versions::load(doc, version)
        .unwrap()
        .plan()
        .unwrap()
        .title
        .clone()
}

fn numbers(doc: &Document, plan: PlanId) -> Vec<u32> {
    doc.versions(plan)
        .unwrap()
        .iter()
        .map(|v| v.number)
        .collect()
}

fn count(path: &Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn freeze_edit_freeze_gives_versions_1_and_2_that_keep_the_plan_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, _) = document(dir.path());
    let title = doc.load_plan(plan).unwrap().title;
    let first = versions::freeze(&mut doc, plan, "  Til udvalget  ", "Bente", at(12, 14)).unwrap();
    assert_eq!(first.number, 1);
    assert_eq!(first.label, "Til udvalget", "the label is trimmed");
    assert_eq!(first.saved_at, at(12, 14));
    assert_eq!(first.saved_by, "Bente");
    assert_eq!(first.kind, VersionKind::Saved);
    set_title(&mut doc, plan, "Ny titel");
    let second = versions::freeze(&mut doc, plan, "Til byrådet", "Bente", at(13, 9)).unwrap();
    assert_eq!(second.number, 2);
    assert_eq!(
        doc.versions(plan).unwrap(),
        vec![first.clone(), second.clone()]
    );
    assert_eq!(title_of_version(&doc, &first), title);
    assert_eq!(title_of_version(&doc, &second), "Ny titel");
    // The version holds the plan with its row ids, goal for goal.
    let frozen = versions::load(&doc, &first).unwrap();
    let now = doc.load_plan(plan).unwrap();
    let ids = |p: &virkplan::model::Plan| p.goals().map(|(_, g)| g.id).collect::<Vec<_>>();
    assert_eq!(ids(frozen.plan().unwrap()), ids(&now));

    // An approval's version is kept as one (and reads back with the approval applied).
    let command = versions::version_command(
        &doc,
        plan,
        "Godkendt af Byrådet den 14. marts 2013",
        "Bente",
        VersionKind::Approval,
        at(14, 16),
        |p| p.title = "Godkendt titel".into(),
    )
    .unwrap();
    let id = doc.apply(command).unwrap().version().unwrap();
    let approval = doc.versions(plan).unwrap().pop().unwrap();
    assert_eq!((approval.id, approval.number), (id, 3));
    assert_eq!(approval.kind, VersionKind::Approval);
    assert_eq!(title_of_version(&doc, &approval), "Godkendt titel");

    // A blank label is refused, in Danish.
    let err = versions::freeze(&mut doc, plan, "   ", "Bente", at(13, 10)).unwrap_err();
    assert!(
        err.to_string().contains("Skriv, hvad versionen er til"),
        "{err}"
    );
    // So is a blank label sent to the store directly.
    let err = doc
        .apply(Command::InsertVersion(Box::new(FrozenVersion {
            version: Version {
                label: " ".into(),
                id: VersionId(0),
                ..first.clone()
            },
            payload: Payload(b"x".to_vec().into()),
        })))
        .unwrap_err();
    assert!(matches!(err, DocumentError::VersionLabelBlank), "{err}");
}

#[test]
fn saving_and_deleting_a_version_are_undone_and_redone_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, path) = document(dir.path());
    let first = versions::freeze(&mut doc, plan, "Første", "Bente", at(12, 14)).unwrap();
    set_title(&mut doc, plan, "Ny titel");
    let second = versions::freeze(&mut doc, plan, "Anden", "Bente", at(13, 9)).unwrap();
    let payload = |doc: &Document, v: &Version| doc.version_payload(v.id).unwrap();
    let content = payload(&doc, &second);

    assert_eq!(doc.undo_label(), Some("gem version"));
    assert!(doc.undo().unwrap());
    assert_eq!(numbers(&doc, plan), vec![1]);
    assert!(doc.redo().unwrap());
    assert_eq!(
        doc.versions(plan).unwrap(),
        vec![first.clone(), second.clone()]
    );
    assert_eq!(
        payload(&doc, &second),
        content,
        "redo brings the same content back"
    );

    let deltas: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM version_chunk WHERE base IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(deltas > 0, "version 2 is stored against version 1");

    // Delete version 1: version 2 keeps its number; undo brings 1 back under its id and
    // number, byte for byte.
    let old = payload(&doc, &first);
    doc.apply(Command::DeleteVersion(first.id)).unwrap();
    assert_eq!(doc.undo_label(), Some("slet version"));
    assert_eq!(numbers(&doc, plan), vec![2]);
    // Version 2's changed chunks were deflated against version 1's: those stay while used.
    assert_eq!(payload(&doc, &second), content);
    assert!(matches!(
        doc.version_payload(first.id),
        Err(DocumentError::NotFound(_))
    ));
    assert!(doc.undo().unwrap());
    assert_eq!(
        doc.versions(plan).unwrap(),
        vec![first.clone(), second.clone()]
    );
    assert_eq!(payload(&doc, &first), old);
    assert!(doc.redo().unwrap());
    assert_eq!(numbers(&doc, plan), vec![2]);

    // A new version after a deleted one takes the next number after the highest.
    let third = versions::freeze(&mut doc, plan, "Tredje", "Bente", at(14, 9)).unwrap();
    assert_eq!(third.number, 3);

    // Deleting every version leaves no chunk behind.
    doc.apply(Command::DeleteVersion(second.id)).unwrap();
    doc.apply(Command::DeleteVersion(third.id)).unwrap();
    assert!(doc.versions(plan).unwrap().is_empty());
    // A number once given is never given again: with versions 2 and 3 deleted (the newest
    // among them), the next is 4, not another "version 3" a byråd paper could mean.
    let fourth = versions::freeze(&mut doc, plan, "Fjerde", "Bente", at(15, 9)).unwrap();
    assert_eq!(fourth.number, 4);
    doc.apply(Command::DeleteVersion(fourth.id)).unwrap();
    drop(doc);
    assert_eq!(count(&path, "version_chunk"), 0);
    assert_eq!(count(&path, "version_part"), 0);
}

#[test]
fn a_deleted_plan_comes_back_with_its_versions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, path) = document(dir.path());
    let first = versions::freeze(&mut doc, plan, "Første", "Bente", at(12, 14)).unwrap();
    set_title(&mut doc, plan, "Ny titel");
    let second = versions::freeze(&mut doc, plan, "Anden", "Bente", at(13, 9)).unwrap();
    let contents: Vec<_> = [&first, &second]
        .iter()
        .map(|v| doc.version_payload(v.id).unwrap())
        .collect();
    doc.apply(Command::DeletePlan(plan)).unwrap();
    assert!(doc.versions(plan).unwrap().is_empty());
    assert_eq!(count(&path, "version_chunk"), 0, "no chunk is left unused");
    assert!(doc.undo().unwrap());
    assert_eq!(
        doc.versions(plan).unwrap(),
        vec![first.clone(), second.clone()]
    );
    for (v, content) in [&first, &second].iter().zip(&contents) {
        assert_eq!(&doc.version_payload(v.id).unwrap(), content);
    }
    assert!(doc.redo().unwrap());
    assert!(doc.versions(plan).unwrap().is_empty());
}

/// The chunks version `id` uses and no other version does.
fn own_chunks(path: &Path, id: VersionId) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT chunk FROM version_part p WHERE version_id = ?1 AND NOT EXISTS \
             (SELECT 1 FROM version_part q WHERE q.chunk = p.chunk AND q.version_id <> ?1)",
        )
        .unwrap();
    stmt.query_map([id.0], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_version_another_program_changed_is_refused_in_danish_and_can_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, path) = document(dir.path());
    let first = versions::freeze(&mut doc, plan, "Første", "Bente", at(12, 14)).unwrap();
    set_title(&mut doc, plan, "Ny titel");
    let second = versions::freeze(&mut doc, plan, "Til byrådet", "Bente", at(13, 9)).unwrap();
    set_title(&mut doc, plan, "Tredje titel");
    let third = versions::freeze(&mut doc, plan, "Tredje", "Bente", at(13, 10)).unwrap();
    drop(doc);
    // Three ways another program can change a version: a chunk's bytes, a chunk taken
    // away, the digest.
    let damage = |sql: &str, arg: String| {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        assert_eq!(conn.execute(sql, [arg]).unwrap(), 1, "{sql}");
    };
    let second_own = own_chunks(&path, second.id);
    assert!(
        !second_own.is_empty(),
        "the new title is in a chunk of its own"
    );
    damage(
        "UPDATE version_chunk SET data = substr(data, 1, length(data) - 9) || \
         x'000102030405060708' WHERE digest = ?1",
        second_own[0].clone(),
    );
    damage(
        "UPDATE version SET digest = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = ?1",
        first.id.0.to_string(),
    );
    let mut doc = Document::open(&path).unwrap();
    let err = doc.version_payload(second.id).unwrap_err();
    assert!(
        matches!(&err, DocumentError::VersionDamaged { number: 2, label } if label == "Til byrådet")
    );
    assert_eq!(
        err.to_string(),
        "Version 2 «Til byrådet» er ændret af et andet program og kan ikke bruges. Resten af \
         filen er i orden; du kan slette versionen"
    );
    let err = versions::load(&doc, &first).unwrap_err();
    assert!(
        err.to_string().contains("Version 1 «Første» er ændret"),
        "{err}"
    );
    // The rest of the file is as it was: the plan, and the version nobody touched.
    assert_eq!(doc.load_plan(plan).unwrap().title, "Tredje titel");
    assert_eq!(title_of_version(&doc, &third), "Tredje titel");
    assert_eq!(numbers(&doc, plan), vec![1, 2, 3]);

    // A damaged version can be deleted; undo brings it back listed, and still damaged.
    doc.apply(Command::DeleteVersion(second.id)).unwrap();
    assert_eq!(numbers(&doc, plan), vec![1, 3]);
    assert!(doc.undo().unwrap());
    assert_eq!(doc.versions(plan).unwrap()[1], second);
    assert!(matches!(
        doc.version_payload(second.id),
        Err(DocumentError::VersionDamaged { number: 2, .. })
    ));
    assert!(doc.redo().unwrap());
    drop(doc);

    // A chunk taken away.
    let own = own_chunks(&path, third.id);
    assert!(!own.is_empty());
    damage(
        "DELETE FROM version_chunk WHERE digest = ?1",
        own[0].clone(),
    );
    let doc = Document::open(&path).unwrap();
    assert!(matches!(
        doc.version_payload(third.id),
        Err(DocumentError::VersionDamaged { number: 3, .. })
    ));
}

/// File sizes after 20 rounds of edits on a demo plan of `spec`, each round adding a
/// follow-up to `per_round` goals (spread over the plan) and changing one goal's text, with a
/// version saved after each round (`freeze`) or not: (the file with the plan alone, after the
/// edits, the content of the last version).
fn twenty_rounds(
    dir: &Path,
    name: &str,
    spec: &virkplan::demo::DemoSpec,
    per_round: usize,
    freeze: bool,
) -> (u64, u64, usize) {
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    let path = dir.join(name);
    let mut doc = Document::open_or_create(&path).unwrap();
    let plan = doc.import(&virkplan::demo::generate(spec)).unwrap()[0];
    let alone = size(&path);
    let goals: Vec<GoalId> = doc
        .load_plan(plan)
        .unwrap()
        .goals()
        .map(|(_, g)| g.id)
        .collect();
    let step = (goals.len() / per_round).max(1);
    let mut payload = 0;
    for round in 0..20u8 {
        let mut edits: Vec<Command> = goals
            .iter()
            .skip(usize::from(round) % step)
            .step_by(step)
            .take(per_round)
            .map(|goal| Command::InsertFollowUp {
                goal: *goal,
                index: usize::MAX,
                follow_up: FollowUp {
                    id: virkplan::model::FollowUpId(0),
                    date: Date::parse_iso(&format!("2028-{:02}", 1 + round % 12)).unwrap(),
                    status: Some(Status::OnTrack),
                    text: format!("Opfølgning {round}: arbejdet fortsætter som planlagt."),
                    measurements: Vec::new(),
                    extra: None,
                },
            })
            .collect();
        edits.push(Command::SetGoalText {
            goal: goals[(usize::from(round) * 7) % goals.len()],
            field: virkplan::model::GoalField::Text,
            value: format!("Målet er skrevet om i runde {round}"),
        });
        doc.apply(Command::Batch(edits)).unwrap();
        if freeze {
            let label = format!("Version {round}");
            let v = versions::freeze(&mut doc, plan, &label, "Bente", at(1 + round, 10)).unwrap();
            payload = doc.version_payload(v.id).unwrap().0.len();
        }
    }
    (alone, size(&path), payload)
}

/// Runs [`twenty_rounds`] with and without versions, prints the figures and checks the
/// promise: the file with 20 versions is at most three times the file of the plan alone.
fn assert_within_three_times(spec: &virkplan::demo::DemoSpec, per_round: usize, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (alone, edited, _) = twenty_rounds(dir.path(), "uden.sqlite", spec, per_round, false);
    let (alone_too, with_versions, payload) =
        twenty_rounds(dir.path(), "med.sqlite", spec, per_round, true);
    assert_eq!(alone, alone_too);
    println!(
        "{what}: the plan alone {alone} bytes; after 20 rounds of edits without versions \
         {edited} bytes; with a version after each round {with_versions} bytes = {:.2} × the \
         plan alone (the last version's content: {payload} bytes)",
        with_versions as f64 / alone as f64
    );
    assert!(
        with_versions <= 3 * alone,
        "{what}: {with_versions} bytes > 3 × {alone}"
    );
}

/// The demo plan of `virkplan demo` (default size: 40 focus areas × 25 goals × 8 follow-ups),
/// saved as a version 20 times, with a follow-up added to 25 goals and one goal's text
/// changed before each (README, "Versioner").
#[test]
fn twenty_versions_of_the_demo_plan_stay_within_three_times_the_plan_alone() {
    let spec = virkplan::demo::DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    };
    assert_within_three_times(&spec, 25, "demo plan 40 × 25 × 8");
}

/// The small demo plan (5 × 4 × 3), where every round adds a follow-up to every one of its
/// 20 goals: no chunk is left unchanged, so only deflating against the chunk before helps.
#[test]
fn twenty_versions_of_a_small_plan_changed_everywhere_stay_within_three_times() {
    assert_within_three_times(
        &virkplan::demo::DemoSpec::default(),
        20,
        "demo plan 5 × 4 × 3, every goal changed",
    );
}

/// The text of every page of a PDF.
fn pdf_pages(path: &Path) -> Vec<String> {
    let pdf = lopdf::Document::load(path).unwrap();
    pdf.get_pages()
        .keys()
        .map(|n| pdf.extract_text(&[*n]).unwrap())
        .collect()
}

#[test]
fn a_versions_pdf_has_the_text_the_plans_pdf_had_when_it_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, _) = document(dir.path());
    let options = virkplan::report::Options {
        created: Some(1_363_097_100),
        ..virkplan::report::Options::default()
    };
    let then = dir.path().join("da.pdf");
    virkplan::transfer::export_pdf(&doc, plan, &options, &then).unwrap();
    let v = versions::freeze(&mut doc, plan, "Til byrådet", "Bente", at(12, 14)).unwrap();
    // The plan changes after the version was saved.
    set_title(&mut doc, plan, "Ny titel");
    let goal = doc.load_plan(plan).unwrap().goals().next().unwrap().1.id;
    doc.apply(Command::DeleteGoal(goal)).unwrap();
    let now = dir.path().join("nu.pdf");
    virkplan::transfer::export_pdf(&doc, plan, &options, &now).unwrap();
    let frozen = versions::load(&doc, &v).unwrap();
    let version = dir.path().join("version.pdf");
    virkplan::transfer::export_version_pdf(frozen.bundle, plan, &options, &version).unwrap();
    assert!(pdf_pages(&then).len() > 1);
    assert_eq!(pdf_pages(&version), pdf_pages(&then));
    assert_ne!(pdf_pages(&now), pdf_pages(&then), "the plan did change");
}

#[test]
fn an_exact_copy_keeps_the_versions_and_a_plan_copied_from_another_file_says_it_left_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut doc, plan, path) = document(dir.path());
    let first = versions::freeze(&mut doc, plan, "Første", "Bente", at(12, 14)).unwrap();
    set_title(&mut doc, plan, "Ny titel");
    let second = versions::freeze(&mut doc, plan, "Anden", "Bente", at(13, 9)).unwrap();

    // "Gem en kopi som": an exact copy, versions and content included.
    let copy = dir.path().join("kopi.sqlite");
    assert_eq!(
        virkplan::transfer::save_copy(&doc, &copy).unwrap(),
        virkplan::transfer::CopyNote::Exact
    );
    let copied = Document::open(&copy).unwrap();
    assert_eq!(
        copied.versions(plan).unwrap(),
        vec![first.clone(), second.clone()]
    );
    for v in [&first, &second] {
        assert_eq!(
            copied.version_payload(v.id).unwrap(),
            doc.version_payload(v.id).unwrap()
        );
    }

    // Roll-over: the versions stay with the old plan; the new plan has none.
    let old = doc.load_plan(plan).unwrap();
    let next = virkplan::model::next_plan(
        &old,
        "Næste plan",
        virkplan::model::Period::new(2014, 2015).unwrap(),
    );
    let new = doc
        .apply(Command::InsertPlan(Box::new(next)))
        .unwrap()
        .plan()
        .unwrap();
    assert_eq!(numbers(&doc, plan), vec![1, 2]);
    assert!(doc.versions(new).unwrap().is_empty());
    drop(doc);

    // Plans copied from another file come without their versions, and say how many.
    let source = virkplan::transfer::SourceFile::open(&path).unwrap();
    let mut target = Document::open_or_create(&dir.path().join("egen.sqlite")).unwrap();
    let copied = virkplan::transfer::copy_plans(&mut target, &source, &[plan, new]).unwrap();
    assert_eq!(copied.plans.len(), 2);
    assert_eq!(copied.versions_left_behind, 2);
    for p in &copied.plans {
        assert!(target.versions(*p).unwrap().is_empty());
    }
    drop(source);

    // A file with another program's table is copied as its content: the note says how many
    // versions stayed behind.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE fremmed (x INTEGER);")
        .unwrap();
    let doc = Document::open(&path).unwrap();
    assert!(doc.read_only().is_some());
    let content = dir.path().join("indhold.sqlite");
    assert_eq!(
        virkplan::transfer::save_copy(&doc, &content).unwrap(),
        virkplan::transfer::CopyNote::WithoutForeignObjects {
            versions_left_behind: 2
        }
    );
}
