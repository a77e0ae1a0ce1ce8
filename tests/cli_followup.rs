#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! The follow-up round from the command line, through the real binary and a real plan file:
//! `followup-request` writes one workbook per tovholder of the reference plan, two come back
//! filled (one with a second xlsx library, one saved by LibreOffice where it is installed),
//! `followup-receive` finds exactly what was typed, `followup-status` says who answered, and
//! every bad workbook gives its Danish lines, exit 1 and a plan file that is byte for byte
//! the same.

mod common;

use common::{REFERENCE_JSON, bytes};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use virkplan::document::Document;
use virkplan::model::{
    Command, Date, Figure, GoalId, Indicator, IndicatorId, Number, PlanId, Status,
};

const BIN: &str = env!("CARGO_BIN_EXE_virkplan");
const PLAN: PlanId = PlanId(1);

fn run(args: &[&str]) -> Output {
    Process::new(BIN).args(args).output().expect("run virkplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The reference plan in a new file, its goals given to the five people in turn (the
/// reference names no tovholdere) and an indicator on the first goal, as an officer would
/// set it up in the editor.
fn plan_file(dir: &Path) -> PathBuf {
    let file = dir.join("plan.sqlite");
    let out = run(&["import-json", p(&file), "--from", REFERENCE_JSON]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut doc = Document::open(&file).unwrap();
    let people = doc.people().unwrap();
    let plan = doc.load_plan(PLAN).unwrap();
    let goals: Vec<GoalId> = plan.goals().map(|(_, g)| g.id).collect();
    for (i, goal) in goals.iter().enumerate() {
        doc.apply(Command::SetGoalOwners {
            goal: *goal,
            owners: vec![people[i % people.len()].id],
        })
        .unwrap();
    }
    doc.apply(Command::InsertIndicator {
        goal: goals[0],
        index: 0,
        indicator: Indicator {
            id: IndicatorId(0),
            name: "Borgere i forløb".into(),
            unit: "personer".into(),
            baseline: Some(Figure {
                value: Number::from_int(120).unwrap(),
                date: None,
                extra: None,
            }),
            target: None,
            direction: None,
            extra: None,
        },
    })
    .unwrap();
    file
}

/// Starts the round from the command line; the workbooks' paths.
fn request(file: &Path, dir: &Path) -> Vec<PathBuf> {
    let folder = dir.join("ud");
    std::fs::create_dir_all(&folder).unwrap();
    let out = run(&[
        "followup-request",
        p(file),
        "--plan",
        "1",
        "--name",
        "Opfølgning efterår 2013",
        "--deadline",
        "15.10.2013",
        "-o",
        p(&folder),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(PathBuf::from).collect()
}

/// Types into a workbook with umya-spreadsheet: (row, Ny status, Dato, Opfølgning), and a
/// value into the first indicator row.
fn fill(path: &Path, rows: &[(u32, &str, &str, &str)], value: Option<&str>) -> PathBuf {
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(
        Cursor::new(std::fs::read(path).unwrap()),
        true,
    )
    .unwrap();
    let sheet = book.sheet_by_name_mut("Opfølgning").unwrap();
    for (row, status, date, text) in rows {
        sheet.cell_mut((6, *row)).set_value(*status);
        sheet.cell_mut((7, *row)).set_value(*date);
        sheet.cell_mut((8, *row)).set_value(*text);
    }
    if let Some(v) = value {
        book.sheet_by_name_mut("Målepunkter")
            .unwrap()
            .cell_mut((7, 5))
            .set_value(v);
    }
    let out = path.with_file_name(format!(
        "svar {}",
        path.file_name().unwrap().to_str().unwrap()
    ));
    umya_spreadsheet::writer::xlsx::write(&book, &out).unwrap();
    out
}

/// The follow-ups of a goal: (date, status, text).
fn follow_ups(file: &Path, goal: GoalId) -> Vec<(Date, Option<Status>, String)> {
    let doc = Document::open(file).unwrap();
    let plan = doc.load_plan(PLAN).unwrap();
    let goal = plan.goals().map(|(_, g)| g).find(|g| g.id == goal).unwrap();
    goal.follow_ups
        .iter()
        .map(|f| (f.date, f.status, f.text.clone()))
        .collect()
}

fn first_goals(file: &Path) -> Vec<GoalId> {
    let doc = Document::open(file).unwrap();
    let round = &doc.rounds(PLAN).unwrap()[0];
    round.packages.iter().map(|p| p.goals[0]).collect()
}

#[test]
fn a_round_goes_out_and_two_answers_come_back_exactly_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let paths = request(&file, dir.path());
    assert_eq!(paths.len(), 5, "one workbook per tovholder");
    let people = Document::open(&file).unwrap().people().unwrap();
    for (path, person) in paths.iter().zip(&people) {
        let name = format!("Opfølgning efterår 2013 - {}.xlsx", person.name);
        assert!(path.ends_with(&name), "{}", path.display());
    }
    assert!(paths.iter().all(|p| p.is_file()));
    let goals = first_goals(&file);
    let before: Vec<_> = goals.iter().map(|g| follow_ups(&file, *g)).collect();

    let mut answers = vec![fill(
        &paths[0],
        &[(7, "I gang", "30.9.2013", "Strategien er vedtaget.")],
        Some("135"),
    )];
    let mut expected = vec![(
        goals[0],
        (
            Date::day(2013, 9, 30).unwrap(),
            Some(Status::OnTrack),
            "Strategien er vedtaget.".to_owned(),
        ),
    )];
    if soffice() {
        answers.push(through_libreoffice(
            &paths[1],
            &[
                ("F7", "kritisk"),
                ("G7", "3. kvartal 2013"),
                ("H7", "Forsinket."),
            ],
            dir.path(),
        ));
        expected.push((
            goals[1],
            (
                Date::quarter(2013, 3).unwrap(),
                Some(Status::OffTrack),
                "Forsinket.".to_owned(),
            ),
        ));
    } else {
        println!("SKIPPED: soffice not installed (the LibreOffice half of this test)");
    }
    let mut args = vec!["followup-receive", p(&file)];
    for a in &answers {
        args.push("--from");
        args.push(p(a));
    }
    let dry = run(&[args.clone(), vec!["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("ville tilføje 1 opfølgning"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(
        follow_ups(&file, goals[0]),
        before[0],
        "a dry run writes nothing"
    );

    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("tilføjer 1 opfølgning"),
        "{}",
        stdout(&out)
    );
    let figure = virkplan::units::format_figure(Number::from_int(135).unwrap(), "personer");
    assert!(
        stdout(&out).contains(&format!("Borgere i forløb: {figure} (før: intet)")),
        "{}",
        stdout(&out)
    );
    for (i, (goal, new)) in expected.iter().enumerate() {
        let mut want = before[i].clone();
        want.push(new.clone());
        assert_eq!(follow_ups(&file, *goal), want);
    }
    let doc = Document::open(&file).unwrap();
    let plan = doc.load_plan(PLAN).unwrap();
    let first = plan
        .goals()
        .map(|(_, g)| g)
        .find(|g| g.id == goals[0])
        .unwrap();
    assert_eq!(
        first.status,
        Some(Status::OnTrack),
        "the status goes with it"
    );
    assert_eq!(
        first.follow_ups.last().unwrap().measurements[0].value,
        Number::from_int(135).unwrap()
    );

    let status = run(&["followup-status", p(&file), "--plan", "1"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let text = stdout(&status);
    assert!(text.contains("Opfølgning efterår 2013\tstartet"), "{text}");
    assert!(
        text.contains(&format!("{}\tsvar modtaget", people[0].name)),
        "{text}"
    );
    assert_eq!(
        text.matches("\tmangler").count(),
        5 - expected.len(),
        "{text}"
    );

    // The same answers again: nothing added twice.
    let unchanged = bytes(&file);
    let again = run(&args);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("allerede indlæst den"),
        "{}",
        stdout(&again)
    );
    assert_eq!(bytes(&file), unchanged);
}

fn soffice() -> bool {
    Process::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Types into the goal sheet's XML with Python's zipfile, then lets LibreOffice open and
/// save the workbook as xlsx, as a tovholder with LibreOffice would.
fn through_libreoffice(path: &Path, cells: &[(&str, &str)], dir: &Path) -> PathBuf {
    let script = r#"
import sys, zipfile, re
src, dst = sys.argv[1], sys.argv[2]
pairs = sys.argv[3:]
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == 'xl/worksheets/sheet1.xml':
        text = data.decode('utf-8')
        for i in range(0, len(pairs), 2):
            ref, value = pairs[i], pairs[i + 1]
            text, n = re.subn(r'<c r="%s"( s="\d+")?/>' % ref,
                              lambda m: '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, m.group(1) or '', value),
                              text)
            assert n == 1, ref
        data = text.encode('utf-8')
    zout.writestr(item, data)
zout.close()
"#;
    let typed = dir.join("typed.xlsx");
    let mut args = vec![
        "-c".to_owned(),
        script.to_owned(),
        p(path).to_owned(),
        p(&typed).to_owned(),
    ];
    for (r, v) in cells {
        args.push((*r).to_owned());
        args.push((*v).to_owned());
    }
    assert!(
        Process::new("python3")
            .args(&args)
            .status()
            .unwrap()
            .success()
    );
    let out = dir.join("lo");
    let status = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(&typed)
        .output()
        .unwrap();
    assert!(status.status.success());
    out.join("typed.xlsx")
}

/// Receives `workbook` and checks: exit 1, stderr holds `expected`, the file unchanged.
fn refused(file: &Path, workbook: &Path, expected: &str) {
    let before = bytes(file);
    let out = run(&["followup-receive", p(file), "--from", p(workbook)]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    assert_eq!(bytes(file), before, "the plan file is unchanged");
}

#[test]
fn every_bad_workbook_is_refused_in_danish_and_leaves_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let paths = request(&file, dir.path());

    let bad = fill(
        &paths[0],
        &[
            (7, "måske", "30.9.2013", "x"),
            (8, "i gang", "efteråret", "y"),
        ],
        Some("mange"),
    );
    let name = bad.file_name().unwrap().to_str().unwrap().to_owned();
    refused(
        &file,
        &bad,
        &format!(
            "«{name}», arket «Opfølgning», række 7, kolonne F (Ny status): «måske» er ikke en status"
        ),
    );
    refused(
        &file,
        &bad,
        &format!(
            "«{name}», arket «Opfølgning», række 8, kolonne G (Dato): «efteråret» kan ikke læses som en dato"
        ),
    );
    refused(
        &file,
        &bad,
        &format!(
            "«{name}», arket «Målepunkter», række 5, kolonne G (Ny værdi): «mange» er ikke et tal"
        ),
    );

    // Not made by virkplan, cut short, saved with a password.
    let plain = dir.path().join("budget.xlsx");
    umya_spreadsheet::writer::xlsx::write(&umya_spreadsheet::new_file(), &plain).unwrap();
    refused(
        &file,
        &plain,
        "«budget.xlsx» er ikke et opfølgningsregneark fra virkplan",
    );
    let cut = dir.path().join("halv.xlsx");
    let whole = std::fs::read(&paths[0]).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    refused(&file, &cut, "«halv.xlsx» kan ikke læses som et regneark");
    let locked = dir.path().join("kode.xlsx");
    let book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&whole), true).unwrap();
    umya_spreadsheet::writer::xlsx::write_with_password(&book, &locked, "hemmelig").unwrap();
    refused(
        &file,
        &locked,
        "«kode.xlsx» er beskyttet med en adgangskode",
    );

    // A workbook from another plan file.
    let other_dir = dir.path().join("anden");
    std::fs::create_dir(&other_dir).unwrap();
    let other = plan_file(&other_dir);
    let other_paths = request(&other, &other_dir);
    let from_other = fill(&other_paths[0], &[(7, "i gang", "30.9.2013", "x")], None);
    refused(
        &file,
        &from_other,
        "er lavet fra en anden planfil end denne",
    );

    // A closed round.
    let good = fill(&paths[1], &[(7, "i gang", "30.9.2013", "x")], None);
    let mut doc = Document::open(&file).unwrap();
    let round = doc.rounds(PLAN).unwrap()[0].id;
    doc.apply(Command::SetRoundClosed {
        round,
        closed_on: Some(Date::day(2013, 10, 20).unwrap()),
    })
    .unwrap();
    drop(doc);
    refused(&file, &good, "som blev lukket den 20. oktober 2013");
}

#[test]
fn a_round_that_cannot_be_written_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let before = bytes(&file);
    let out = run(&[
        "followup-request",
        p(&file),
        "--plan",
        "1",
        "--name",
        "Runde",
        "--deadline",
        "15.10.2013",
        "-o",
        p(&dir.path().join("findes-ikke")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("Mappen findes ikke."),
        "{}",
        stderr(&out)
    );
    assert_eq!(bytes(&file), before);
    // A file of the same name in the folder is never overwritten (it may be an answer).
    let folder = dir.path().join("ud");
    std::fs::create_dir(&folder).unwrap();
    let someone = Document::open(&file).unwrap().people().unwrap()[2]
        .name
        .clone();
    std::fs::write(folder.join(format!("Runde - {someone}.xlsx")), b"svar").unwrap();
    let out = run(&[
        "followup-request",
        p(&file),
        "--plan",
        "1",
        "--name",
        "Runde",
        "--deadline",
        "15.10.2013",
        "-o",
        p(&folder),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Der ligger allerede en fil med det navn"),
        "{}",
        stderr(&out)
    );
    assert_eq!(bytes(&file), before);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    // A wrong deadline is a usage error.
    let out = run(&[
        "followup-request",
        p(&file),
        "--plan",
        "1",
        "--name",
        "Runde",
        "--deadline",
        "efteråret",
        "-o",
        p(&folder),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_xlsx_writes_the_plans_goals_as_one_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let out_path = dir.path().join("mål.xlsx");
    let out = run(&["export-xlsx", p(&file), "--plan", "1", "-o", p(&out_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let book = umya_spreadsheet::reader::xlsx::read(&out_path).unwrap();
    let sheet = book.sheet_by_name("Mål").unwrap();
    let headers: Vec<String> = (1..=9u32).map(|c| sheet.value((c, 4))).collect();
    assert_eq!(headers, virkplan::followup::PLAN_HEADERS);
    let doc = Document::open(&file).unwrap();
    let plan = doc.load_plan(PLAN).unwrap();
    let first = plan.goals().next().unwrap().1;
    assert_eq!(sheet.value((3, 5)), first.text.trim());
    assert_eq!(sheet.value((4, 5)), doc.people().unwrap()[0].name);
    assert_eq!(sheet.value((9, 5)), "Borgere i forløb: – / –");
    let rows = plan.goals().count() as u32;
    assert!(!sheet.value((3, 4 + rows)).is_empty());
    assert!(sheet.value((3, 5 + rows)).is_empty());
}

#[test]
fn workbooks_previewed_together_are_each_written_against_the_file_as_it_is_then() {
    // The editor previews every chosen workbook, then writes them one by one. Two answers
    // from the same tovholder (a first and a corrected one) touch the same goal and package:
    // the second must not undo the first's receipt or put its follow-up before it.
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path());
    let paths = request(&file, dir.path());
    // fill() saves beside the original under one name: keep the first answer apart.
    let first = dir.path().join("første.xlsx");
    std::fs::copy(
        fill(
            &paths[0],
            &[(7, "i gang", "30.9.2013", "Første svar")],
            None,
        ),
        &first,
    )
    .unwrap();
    let second = dir.path().join("rettet.xlsx");
    std::fs::copy(
        fill(
            &paths[0],
            &[(7, "opfyldt", "1.10.2013", "Rettet svar")],
            None,
        ),
        &second,
    )
    .unwrap();
    let today = Date::day(2013, 10, 10).unwrap();
    let mut doc = Document::open(&file).unwrap();
    let both = [first.clone(), second.clone()];
    let previews = virkplan::rounds::load_answers(&doc, Some(PLAN), &both, today);
    for (preview, path) in previews.iter().zip(&both) {
        let preview = preview.as_ref().unwrap();
        virkplan::rounds::receive(&mut doc, preview, Some(PLAN), path, today).unwrap();
    }
    let round = &doc.rounds(PLAN).unwrap()[0];
    assert_eq!(round.packages[0].receipts.len(), 2, "both receipts kept");
    let goal = round.packages[0].goals[0];
    let texts: Vec<String> = follow_ups(&file, goal).into_iter().map(|f| f.2).collect();
    assert_eq!(&texts[texts.len() - 2..], ["Første svar", "Rettet svar"]);
    let plan = doc.load_plan(PLAN).unwrap();
    let g = plan.goals().map(|(_, g)| g).find(|g| g.id == goal).unwrap();
    assert_eq!(g.status, Some(Status::Done), "the newest answer's status");
    // One undo step per workbook: undo takes back the second only.
    doc.undo().unwrap();
    assert_eq!(doc.rounds(PLAN).unwrap()[0].packages[0].receipts.len(), 1);
}
