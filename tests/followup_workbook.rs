#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! The follow-up workbooks (issue 19) without a plan file: written for the reference plan,
//! filled the way a tovholder would (with a second xlsx library, and through LibreOffice where
//! it is installed), read back, and set against the plan. Every way a workbook can be wrong
//! gives a Danish sentence that names workbook, sheet, row, column and value.

use std::io::Cursor;
use std::path::Path;
use std::process::Command as Process;
use virkplan::followup::{self, Answers, GOAL_HEADERS, GOALS_SHEET, INDICATORS_SHEET, Received};
use virkplan::model::{
    Date, Figure, GoalId, Indicator, IndicatorId, Number, Package, Person, Plan, Round, RoundId,
    Status,
};

const FILE_ID: &str = "3f2a9c1e-test-fil";
const REFERENCE: &str = "tests/data/virksomhedsplan-albertslund-sof-2012-2013.json";

/// The reference plan with its goals given to the five people in turn (the file names no
/// tovholdere) and one indicator on the first goal, as an officer would set them up.
fn reference() -> (Plan, Vec<Person>) {
    let bytes = std::fs::read(REFERENCE).unwrap();
    let bundle = virkplan::json::parse_document(&bytes).unwrap();
    let people = bundle.people.clone();
    let mut plan = bundle.plans[0].clone();
    let mut i = 0;
    for area in &mut plan.focus_areas {
        for goal in &mut area.goals {
            goal.owners = vec![people[i % people.len()].id];
            i += 1;
        }
    }
    plan.focus_areas[0].goals[0].indicators.push(Indicator {
        id: IndicatorId(9001),
        name: "Borgere i forebyggelsesforløb".into(),
        unit: "personer".into(),
        baseline: Some(Figure {
            value: Number::from_int(120).unwrap(),
            date: Some(Date::whole_year(2011).unwrap()),
            extra: None,
        }),
        target: Some(Figure {
            value: Number::from_int(200).unwrap(),
            date: Some(Date::whole_year(2013).unwrap()),
            extra: None,
        }),
        direction: None,
        extra: None,
    });
    (plan, people)
}

fn round_of(plan: &Plan, people: &[Person]) -> Round {
    let chosen: Vec<_> = followup::tovholdere(plan, people)
        .iter()
        .map(|(p, _)| p.id)
        .collect();
    Round {
        id: RoundId(7),
        plan: plan.id,
        name: "Opfølgning efterår 2013".into(),
        deadline: Date::day(2013, 10, 15).unwrap(),
        started_on: Date::day(2013, 9, 20).unwrap(),
        closed_on: None,
        folder: String::new(),
        packages: followup::packages(plan, people, &chosen, "Opfølgning efterår 2013"),
    }
}

fn today() -> Date {
    Date::day(2013, 10, 10).unwrap()
}

fn workbook(plan: &Plan, round: &Round, package: &Package) -> Vec<u8> {
    followup::write(&followup::WorkbookSpec {
        file_id: FILE_ID,
        plan,
        round,
        package,
        return_to: "Anne Hansen, ahan@albertslund.dk",
    })
    .unwrap()
}

fn received<'a>(plan: &'a Plan, rounds: &'a [Round], people: &'a [Person]) -> Received<'a> {
    Received {
        file_id: FILE_ID,
        plan,
        rounds,
        people,
        today: today(),
    }
}

/// The number a goal has in the workbook's "Nr." column.
fn number_of(plan: &Plan, goal: GoalId) -> String {
    plan.numbered_goals()
        .find(|(_, _, _, g)| g.id == goal)
        .map(|(a, g, _, _)| plan.numbering.goal_number(a, g))
        .unwrap()
}

/// One goal's answer as a tovholder types it.
struct Typed<'a> {
    number: String,
    status: &'a str,
    date: &'a str,
    text: &'a str,
}

/// Fills a workbook with umya-spreadsheet (a second xlsx library): finds each goal's row by
/// its "Nr.", types into Ny status, Dato and Opfølgning, and a value into Ny værdi.
fn fill_with_umya(bytes: &[u8], typed: &[Typed<'_>], values: &[(&str, &str)]) -> Vec<u8> {
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes), true).unwrap();
    let sheet = book.sheet_by_name_mut(GOALS_SHEET).unwrap();
    for t in typed {
        let row = (1..200u32)
            .find(|r| sheet.value((1, *r)) == t.number)
            .unwrap_or_else(|| panic!("no row for {}", t.number));
        sheet.cell_mut((6, row)).set_value(t.status);
        sheet.cell_mut((7, row)).set_value(t.date);
        sheet.cell_mut((8, row)).set_value(t.text);
    }
    if !values.is_empty() {
        let sheet = book.sheet_by_name_mut(INDICATORS_SHEET).unwrap();
        for (number, value) in values {
            let row = (1..200u32)
                .find(|r| sheet.value((1, *r)) == *number)
                .unwrap();
            sheet.cell_mut((7, row)).set_value(*value);
        }
    }
    let mut out = Cursor::new(Vec::new());
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut out).unwrap();
    out.into_inner()
}

fn read(name: &str, bytes: &[u8]) -> Answers {
    followup::read(name, bytes).unwrap()
}

#[test]
fn a_round_writes_one_workbook_per_tovholder_with_the_columns_and_the_unlocked_cells() {
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    assert_eq!(round.packages.len(), 5, "one package per tovholder");
    assert_eq!(
        round.packages[0].file_name,
        "Opfølgning efterår 2013 - Børge Alstrup.xlsx"
    );
    let goals: usize = round.packages.iter().map(|p| p.goals.len()).sum();
    assert_eq!(
        goals,
        plan.goals().count(),
        "every goal is asked of its tovholder"
    );
    for package in &round.packages {
        let bytes = workbook(&plan, &round, package);
        let answers = read(&package.file_name, &bytes);
        assert_eq!(answers.ids.person, package.person);
        assert_eq!(answers.ids.round, round.id);
        assert_eq!(answers.ids.file, FILE_ID);
        assert!(answers.goals.is_empty() && answers.problems.is_empty());

        let book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&bytes), true).unwrap();
        let sheet = book.sheet_by_name(GOALS_SHEET).unwrap();
        let headers: Vec<String> = (1..=8u32).map(|c| sheet.value((c, 6))).collect();
        assert_eq!(headers, GOAL_HEADERS);
        assert!(sheet.value((1, 1)).contains(&plan.title));
        assert!(sheet.value((1, 2)).contains(&package.person_name));
        assert!(sheet.sheet_protection().is_some_and(|p| p.sheet()));
        let locked = |c: u32| {
            sheet
                .cell((c, 7))
                .and_then(|cell| cell.style().protection().map(|p| p.locked()))
                .unwrap_or(true)
        };
        let unlocked: Vec<u32> = (1..=8).filter(|c| !locked(*c)).collect();
        assert_eq!(unlocked, vec![6, 7, 8], "only Ny status, Dato, Opfølgning");
        // calamine reads the sheet's state as Excel does (umya does not keep it).
        use calamine::Reader;
        let sheets = calamine::open_workbook_auto_from_rs(Cursor::new(&bytes)).unwrap();
        let ids = sheets
            .sheets_metadata()
            .iter()
            .find(|s| s.name == "virkplan")
            .unwrap();
        assert_eq!(ids.visible, calamine::SheetVisible::VeryHidden);
        assert_eq!(
            book.sheet_by_name(INDICATORS_SHEET).is_ok(),
            !package.indicators.is_empty()
        );
    }
}

#[test]
fn answers_typed_with_a_second_library_are_read_back_exactly() {
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[0];
    let first = number_of(&plan, package.goals[0]);
    let second = number_of(&plan, package.goals[1]);
    let filled = fill_with_umya(
        &workbook(&plan, &round, package),
        &[
            Typed {
                number: first.clone(),
                status: "I gang",
                date: "30.9.2013",
                text: "Strategien er vedtaget.",
            },
            Typed {
                number: second.clone(),
                status: "opfyldt",
                date: "3. kvartal 2013",
                text: "",
            },
        ],
        &[(&format!("{first} a"), "1.250,5")],
    );
    let answers = read(&package.file_name, &filled);
    assert!(answers.problems.is_empty(), "{:?}", answers.problems);
    let rounds = [round.clone()];
    let preview = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
    assert!(preview.can_write());
    assert_eq!(preview.goals.len(), 2);
    let a = &preview.goals[0].follow_up;
    assert_eq!(a.status, Some(Status::OnTrack));
    assert_eq!(a.date, Date::day(2013, 9, 30).unwrap());
    assert_eq!(a.text, "Strategien er vedtaget.");
    assert_eq!(a.measurements.len(), 1);
    assert_eq!(a.measurements[0].value, Number::parse("1250.5").unwrap());
    let b = &preview.goals[1].follow_up;
    assert_eq!(b.status, Some(Status::Done));
    assert_eq!(b.date, Date::quarter(2013, 3).unwrap());
    assert_eq!(b.text, "");
    assert!(preview.command().is_some());
}

#[test]
fn sorting_the_rows_does_no_harm() {
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[0];
    let typed = [
        Typed {
            number: number_of(&plan, package.goals[0]),
            status: "udfordret",
            date: "oktober 2013",
            text: "Første",
        },
        Typed {
            number: number_of(&plan, package.goals[1]),
            status: "kritisk",
            date: "2013",
            text: "Anden",
        },
    ];
    let filled = fill_with_umya(&workbook(&plan, &round, package), &typed, &[]);
    // Sort the rows the other way round: swap every cell of the first two goal rows.
    let mut book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&filled), true).unwrap();
    let sheet = book.sheet_by_name_mut(GOALS_SHEET).unwrap();
    for c in 1..=8u32 {
        let a = sheet.value((c, 7));
        let b = sheet.value((c, 8));
        sheet.cell_mut((c, 7)).set_value(b);
        sheet.cell_mut((c, 8)).set_value(a);
    }
    let mut sorted = Cursor::new(Vec::new());
    umya_spreadsheet::writer::xlsx::write_writer(&book, &mut sorted).unwrap();
    let before = read("a.xlsx", &filled);
    let after = read("a.xlsx", &sorted.into_inner());
    assert_eq!(
        after.goals[0].goal, package.goals[1],
        "the rows really moved"
    );
    let by_goal = |a: &Answers, g: GoalId| {
        let x = a.goals.iter().find(|x| x.goal == g).unwrap();
        (x.status, x.date, x.text.clone())
    };
    for g in &package.goals[..2] {
        assert_eq!(by_goal(&before, *g), by_goal(&after, *g));
    }
    assert_eq!(
        before.digest, after.digest,
        "the same answers are the same answers"
    );
}

fn soffice() -> bool {
    Process::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Types answers into the goal sheet's XML (as inline strings in the blank answer cells) with
/// Python's zipfile, the way a cell editor stores typed text, for LibreOffice to re-save.
fn fill_xml(input: &Path, output: &Path, cells: &[(String, String)]) {
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
            value = value.replace('&', '&amp;').replace('<', '&lt;')
            text, n = re.subn(r'<c r="%s"( s="\d+")?/>' % ref,
                              lambda m: '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, m.group(1) or '', value),
                              text)
            assert n == 1, ref
        data = text.encode('utf-8')
    zout.writestr(item, data)
zout.close()
"#;
    let mut args = vec![
        "-c".to_owned(),
        script.to_owned(),
        input.display().to_string(),
        output.display().to_string(),
    ];
    for (r, v) in cells {
        args.push(r.clone());
        args.push(v.clone());
    }
    let status = Process::new("python3").args(&args).status().unwrap();
    assert!(status.success());
}

/// Converts `input` with LibreOffice into `dir` as `format` ("xlsx", "ods", "xls").
fn convert(input: &Path, dir: &Path, format: &str) -> Vec<u8> {
    let profile = dir.join("lo-profile");
    let out = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(dir)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = input.file_stem().unwrap().to_str().unwrap();
    std::fs::read(dir.join(format!("{stem}.{format}"))).unwrap()
}

#[test]
fn answers_saved_by_libreoffice_as_xlsx_ods_and_xls_are_read_back_exactly() {
    if !soffice() {
        println!("SKIPPED: soffice not installed");
        return;
    }
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[1];
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("written.xlsx");
    std::fs::write(&written, workbook(&plan, &round, package)).unwrap();
    // Rows 7 and 8 are the first two goals (row 6 holds the column titles).
    let cells = [
        ("F7", "i gang"),
        ("G7", "1. oktober 2013"),
        ("H7", "Projektet kører; næste møde i november."),
        ("F8", "Opgivet"),
        ("G8", "2. halvår 2013"),
        ("H8", "Lagt sammen med et andet projekt."),
    ];
    let typed = dir.path().join("typed.xlsx");
    let cells: Vec<(String, String)> = cells
        .iter()
        .map(|(r, v)| ((*r).into(), (*v).into()))
        .collect();
    fill_xml(&written, &typed, &cells);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let rounds = [round.clone()];
    for format in ["xlsx", "ods", "xls"] {
        let saved = convert(&typed, &out, format);
        let answers = read(&format!("svar.{format}"), &saved);
        assert!(
            answers.problems.is_empty(),
            "{format}: {:?}",
            answers.problems
        );
        let preview = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
        let got: Vec<_> = preview
            .goals
            .iter()
            .map(|g| {
                (
                    g.goal,
                    g.follow_up.status,
                    g.follow_up.date,
                    g.follow_up.text.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    package.goals[0],
                    Some(Status::OnTrack),
                    Date::day(2013, 10, 1).unwrap(),
                    "Projektet kører; næste møde i november.".to_owned()
                ),
                (
                    package.goals[1],
                    Some(Status::Dropped),
                    Date::half(2013, 2).unwrap(),
                    "Lagt sammen med et andet projekt.".to_owned()
                ),
            ],
            "{format}"
        );
    }
}

#[test]
fn a_wrong_status_date_or_figure_names_sheet_row_column_and_value_and_writes_nothing() {
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[0];
    let first = number_of(&plan, package.goals[0]);
    let filled = fill_with_umya(
        &workbook(&plan, &round, package),
        &[
            Typed {
                number: first.clone(),
                status: "måske",
                date: "30.9.2013",
                text: "Tekst",
            },
            Typed {
                number: number_of(&plan, package.goals[1]),
                status: "i gang",
                date: "efteråret",
                text: "Tekst",
            },
        ],
        &[(&format!("{first} a"), "mange")],
    );
    let answers = read("Svar Børge.xlsx", &filled);
    let messages: Vec<String> = answers.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with(
        "«Svar Børge.xlsx», arket «Opfølgning», række 7, kolonne F (Ny status): «måske» er ikke en status; vælg ikke startet, i gang"
    ), "{}", messages[0]);
    assert!(messages[1].starts_with(
        "«Svar Børge.xlsx», arket «Opfølgning», række 8, kolonne G (Dato): «efteråret» kan ikke læses som en dato"
    ), "{}", messages[1]);
    assert!(messages[2].starts_with(
        "«Svar Børge.xlsx», arket «Målepunkter», række 5, kolonne G (Ny værdi): «mange» er ikke et tal"
    ), "{}", messages[2]);
    let rounds = [round.clone()];
    let preview = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
    assert!(!preview.can_write());
    assert!(preview.command().is_none(), "all or nothing per workbook");
}

#[test]
fn a_workbook_for_another_file_plan_round_or_person_is_refused() {
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[0];
    let answers = read("a.xlsx", &workbook(&plan, &round, package));
    let rounds = [round.clone()];
    let err = |at: Received<'_>| followup::preview(&answers, &at).unwrap_err().to_string();

    let mut other_file = received(&plan, &rounds, &people);
    other_file.file_id = "en-anden-fil";
    assert!(err(other_file).starts_with("«a.xlsx» er lavet fra en anden planfil end denne"));

    let mut other = plan.clone();
    other.id = virkplan::model::PlanId(plan.id.0 + 1);
    other.title = "En anden plan".into();
    assert!(
        err(received(&other, &rounds, &people))
            .starts_with("«a.xlsx» hører til en anden plan end «En anden plan»")
    );

    assert!(err(received(&plan, &[], &people)).contains("opfølgningsrunde, som ikke findes"));

    let mut closed = round.clone();
    closed.closed_on = Some(Date::day(2013, 10, 5).unwrap());
    let closed = [closed];
    assert_eq!(
        err(received(&plan, &closed, &people)),
        "«a.xlsx» hører til runden «Opfølgning efterår 2013», som blev lukket den 5. oktober \
         2013, og intet af det er indlæst. Åbn runden igen, hvis svarene skal med."
    );

    let mut without = round.clone();
    without.packages.remove(0);
    let without = [without];
    assert!(err(received(&plan, &without, &people)).contains("ikke er med i runden"));
}

#[test]
fn the_same_answers_read_twice_are_recognised() {
    let (plan, people) = reference();
    let mut round = round_of(&plan, &people);
    let package = round.packages[0].clone();
    let filled = fill_with_umya(
        &workbook(&plan, &round, &package),
        &[Typed {
            number: number_of(&plan, package.goals[0]),
            status: "i gang",
            date: "30.9.2013",
            text: "Svar",
        }],
        &[],
    );
    let answers = read("a.xlsx", &filled);
    let rounds = [round.clone()];
    let first = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
    assert!(first.already.is_none() && first.can_write());
    round.packages[0].receipts.push(first.receipt.clone());
    let rounds = [round];
    let again = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
    assert_eq!(again.already, Some(today()));
    assert!(again.command().is_none(), "nothing is added twice");
}

#[test]
fn empty_rows_deleted_goals_and_follow_ups_typed_since_are_handled() {
    let (mut plan, people) = reference();
    let round = round_of(&plan, &people);
    let package = &round.packages[0];
    let filled = fill_with_umya(
        &workbook(&plan, &round, package),
        &[
            Typed {
                number: number_of(&plan, package.goals[0]),
                status: "",
                date: "",
                text: "Kun tekst",
            },
            Typed {
                number: number_of(&plan, package.goals[1]),
                status: "i gang",
                date: "30.9.2013",
                text: "Slettet mål",
            },
        ],
        &[],
    );
    let answers = read("a.xlsx", &filled);
    assert_eq!(answers.goals.len(), 2, "the empty rows are no answers");
    // Since the round began: the second goal deleted, a follow-up typed on the first.
    let deleted = package.goals[1];
    for area in &mut plan.focus_areas {
        area.goals.retain(|g| g.id != deleted);
    }
    let first = package.goals[0];
    let goal = plan
        .focus_areas
        .iter_mut()
        .flat_map(|a| a.goals.iter_mut())
        .find(|g| g.id == first)
        .unwrap();
    let mut typed = goal.follow_ups[0].clone();
    typed.date = Date::day(2013, 10, 2).unwrap();
    goal.follow_ups.push(typed);
    let rounds = [round.clone()];
    let preview = followup::preview(&answers, &received(&plan, &rounds, &people)).unwrap();
    assert_eq!(preview.goals.len(), 1);
    assert_eq!(preview.goals[0].follow_up.date, today(), "no date: today's");
    let notes = preview.notes.join("\n");
    assert!(
        notes.contains("er slettet fra planen, siden runden begyndte"),
        "{notes}"
    );
    assert!(notes.contains("har ingen dato"), "{notes}");
    assert!(
        notes.contains("dateret 2. oktober 2013") && notes.contains("begge beholdes"),
        "{notes}"
    );
    assert!(preview.can_write());
}

#[test]
fn other_spreadsheets_damaged_and_password_protected_files_are_refused_in_danish() {
    let dir = tempfile::tempdir().unwrap();
    // Someone else's workbook.
    let mut plain = Cursor::new(Vec::new());
    umya_spreadsheet::writer::xlsx::write_writer(&umya_spreadsheet::new_file(), &mut plain)
        .unwrap();
    let plain = plain.into_inner();
    assert_eq!(
        followup::read("Budget.xlsx", &plain)
            .unwrap_err()
            .to_string(),
        "«Budget.xlsx» er ikke et opfølgningsregneark fra virkplan (arket med dets id'er \
         mangler). Indlæs det regneark, virkplan lavede til tovholderen, med svarene i."
    );
    // A workbook cut short in the mail.
    let (plan, people) = reference();
    let round = round_of(&plan, &people);
    let whole = workbook(&plan, &round, &round.packages[0]);
    let cut = &whole[..whole.len() / 2];
    assert!(
        followup::read("a.xlsx", cut)
            .unwrap_err()
            .to_string()
            .starts_with("«a.xlsx» kan ikke læses som et regneark")
    );
    // Saved with a password.
    let locked_path = dir.path().join("locked.xlsx");
    let book = umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(&whole), true).unwrap();
    umya_spreadsheet::writer::xlsx::write_with_password(&book, &locked_path, "hemmelig").unwrap();
    let locked = std::fs::read(&locked_path).unwrap();
    assert!(
        followup::read("locked.xlsx", &locked)
            .unwrap_err()
            .to_string()
            .starts_with("«locked.xlsx» er beskyttet med en adgangskode")
    );
    // 50 MB of something: a message, not a hang.
    let mut big = Vec::with_capacity(50 << 20);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while big.len() < 50 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        big.extend_from_slice(&x.to_le_bytes());
    }
    assert!(followup::read("stor.xlsx", &big).is_err());
}
