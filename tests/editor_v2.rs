#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
//! The editor of plan content version 2 driven as a user drives it (egui_kittest, headless):
//! målepunkter with their figures and history, measurements in follow-ups, delmål, related
//! goals, focus-area owners, and the plan's own words and numbering ("Tilpas planen") seen in
//! the navigation and in Udskrift. What the editor saved is read back from the file.

mod common;
mod editor_common;

use editor_common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use virkplan::document::Document;
use virkplan::model::{AreaNumbering, Direction};
use virkplan::ui::App;

#[test]
fn a_date_field_says_what_it_understood_while_typing_and_keeps_what_it_cannot_place() {
    let (_dir, path, id) = plan_file();
    let mut h = editor_of_height(&path, 4000.0);
    click(&mut h, "1. Sundhed og forebyggelse");
    type_over_nth(&mut h, "Frist", 0, "ultimo 2014");
    assert!(shows_text(&h, "forstået som december 2014"));
    type_over_nth(&mut h, "Frist", 0, "andet halvår 2014");
    assert!(shows_text(&h, "forstået som 2. halvår 2014"));
    h.key_press(Key::Enter);
    h.run();
    let saved = saved_plan(&h, id).focus_areas[0].goals[0].deadline;
    assert_eq!(saved.map(|d| d.to_string()).as_deref(), Some("2014-H2"));
    // What was saved is shown the way the plan prints it.
    assert_eq!(value_of(&h, "Frist", 0).as_deref(), Some("2. halvår 2014"));

    // A time no period holds exactly: the nearest forms are named under the field.
    enter(&mut h, "Frist", 0, "efteråret 2016");
    assert_eq!(value_of(&h, "Frist", 0).as_deref(), Some("efteråret 2016"));
    assert!(!shows_text(&h, "forstået som"));
    assert!(shows_text(&h, "«2. halvår 2016»"));
    assert_eq!(saved_plan(&h, id).focus_areas[0].goals[0].deadline, saved);
}

/// Writes one follow-up with a text and a figure for the goal 1.1 in Min opfølgning.
fn follow_up_with_figure(h: &mut Harness<'_, App>, date: &str, figure: &str, text: &str) {
    type_over_nth(h, "Dato for opfølgning på mål 1.1", 0, date);
    type_over_nth(h, "Måling: Andel i rehabilitering (mål 1.1)", 0, figure);
    type_over_nth(h, "Opfølgning på mål 1.1", 0, text);
    click(h, "Gem opfølgning på mål 1.1");
}

#[test]
fn a_goal_gets_indicators_measurements_milestones_and_a_related_goal_then_the_plans_words() {
    let (_dir, path, id) = plan_file();
    let mut h = editor_of_height(&path, 4000.0);
    click(&mut h, "1. Sundhed og forebyggelse");

    // Two målepunkter.
    click(&mut h, "Tilføj målepunkt");
    type_over_nth(&mut h, "Målepunkt", 0, "Andel i rehabilitering");
    wait(&mut h, 1.0);
    type_over_nth(&mut h, "Enhed", 0, "%");
    wait(&mut h, 1.0);
    enter(&mut h, "Udgangspunkt", 0, "62,5");
    enter(&mut h, "Udgangspunktets tid", 0, "i 2011");
    enter(&mut h, "Målværdi", 0, "75");
    enter(&mut h, "Målets tid", 0, "inden udgangen af 2013");
    pick(&mut h, "Retning", "skal op");
    click(&mut h, "Tilføj målepunkt");
    type_over_nth(&mut h, "Målepunkt", 1, "Genoptræningsforløb");
    wait(&mut h, 1.0);
    type_over_nth(&mut h, "Enhed", 1, "antal");
    wait(&mut h, 1.0);
    enter(&mut h, "Udgangspunkt", 1, "1.250");

    // A unit typed with the figure: said beside the field, kept there, nothing saved.
    enter(&mut h, "Målværdi", 1, "1.500 forløb");
    assert!(shows_text(
        &h,
        "skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
    ));
    assert_eq!(value_of(&h, "Målværdi", 1).as_deref(), Some("1.500 forløb"));
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[0].indicators[1].target,
        None
    );
    enter(&mut h, "Målværdi", 1, "1.500");

    let goal = &saved_plan(&h, id).focus_areas[0].goals[0];
    assert_eq!(goal.indicators.len(), 2);
    let first = &goal.indicators[0];
    assert_eq!(first.name, "Andel i rehabilitering");
    assert_eq!(first.unit, "%");
    let baseline = first.baseline.as_ref().expect("baseline saved");
    assert_eq!(baseline.value.to_string(), "62.5");
    assert_eq!(
        baseline.date.map(|d| d.to_string()).as_deref(),
        Some("2011")
    );
    let target = first.target.as_ref().expect("target saved");
    assert_eq!(target.value.to_string(), "75");
    assert_eq!(first.direction, Some(Direction::Increase));
    let second = &goal.indicators[1];
    assert_eq!(second.baseline.as_ref().unwrap().value.to_string(), "1250");
    assert_eq!(second.target.as_ref().unwrap().value.to_string(), "1500");

    // Reordered and back: one command each.
    click(&mut h, "Flyt målepunkt ned");
    let names: Vec<String> = saved_plan(&h, id).focus_areas[0].goals[0]
        .indicators
        .iter()
        .map(|i| i.name.clone())
        .collect();
    assert_eq!(names, ["Genoptræningsforløb", "Andel i rehabilitering"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[0].indicators[0].name,
        "Andel i rehabilitering"
    );

    // Three measurements over time, written in Min opfølgning.
    click(&mut h, "Opfølgning");
    h.get_by_label("Min opfølgning").click();
    h.run();
    pick(&mut h, "Min opfølgning for", "Børge Alstrup, Sundhedschef");
    follow_up_with_figure(&mut h, "2. halvår 2012", "65", "Første afdeling i gang.");
    follow_up_with_figure(&mut h, "juni 2013", "70,1", "To afdelinger i gang.");
    follow_up_with_figure(&mut h, "4. kvartal 2013", "76", "Målet er nået.");
    let goal = &saved_plan(&h, id).focus_areas[0].goals[0];
    let readings: Vec<String> = goal
        .readings(goal.indicators[0].id)
        .iter()
        .map(|r| format!("{} {}", r.date, r.value))
        .collect();
    assert_eq!(readings, ["2012-H2 65", "2013-06 70.1", "2013-Q4 76"]);
    // The board shows the latest against the target, the Danish way.
    assert!(shows_text(&h, "76 / 75\u{a0}%"), "board column");

    // The goal editor draws the history with the figures in its accessible label.
    click(&mut h, "1. Sundhed og forebyggelse");
    let chart = h
        .query_all_by_role(Role::Image)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("Udvikling for Andel i rehabilitering"))
        .expect("the chart is there");
    assert!(
        chart.contains("juni 2013: 70,1\u{a0}%") && chart.contains("mål 75\u{a0}%"),
        "{chart}"
    );
    // A measurement is corrected in the goal's own follow-up list (newest first).
    enter(&mut h, "Måling: Andel i rehabilitering", 0, "75,5");
    let goal = &saved_plan(&h, id).focus_areas[0].goals[0];
    let latest = goal.readings(goal.indicators[0].id).last().unwrap().value;
    assert_eq!(latest.to_string(), "75.5");

    // Two delmål, the first one done.
    click(&mut h, "Tilføj delmål");
    type_over_nth(&mut h, "Delmål 1", 0, "Alle afdelinger har en konsulent");
    wait(&mut h, 1.0);
    enter(&mut h, "Delmålets tid", 0, "juni 2012");
    click(&mut h, "Tilføj delmål");
    type_over_nth(&mut h, "Delmål 2", 0, "Evaluering i chefgruppen");
    wait(&mut h, 1.0);
    h.get_by_label("Delmål 1 opfyldt").click();
    h.run();
    let milestones = saved_plan(&h, id).focus_areas[0].goals[0]
        .milestones
        .clone();
    assert_eq!(milestones.len(), 2);
    assert_eq!(milestones[0].text, "Alle afdelinger har en konsulent");
    assert_eq!(
        milestones[0].date.map(|d| d.to_string()).as_deref(),
        Some("2012-06")
    );
    assert!(milestones[0].done && !milestones[1].done);
    assert_eq!(milestones[1].text, "Evaluering i chefgruppen");

    // A related goal, found by a word of its text; the other goal shows the link back.
    type_over_nth(&mut h, "Søg et mål at knytte til", 0, "sygefravær");
    click(
        &mut h,
        "Knyt til Virksomhedsplan 2012/2013 – Mål 2.1: Lavere sygefravær",
    );
    let plan = saved_plan(&h, id);
    assert_eq!(
        plan.focus_areas[0].goals[0].related,
        vec![plan.focus_areas[1].goals[0].id]
    );
    h.get_by_label("Virksomhedsplan 2012/2013 – Mål 2.1: Lavere sygefravær")
        .click();
    h.run();
    assert!(shows_text(&h, "Disse mål har sammenhæng med dette mål:"));
    h.get_by_label("Virksomhedsplan 2012/2013 – Mål 1.1: Forebyggelsesstrategien bruges")
        .click();
    h.run();
    assert!(shows_text(&h, "Andel i rehabilitering"));

    // The focus area gets an ansvarlig.
    pick(&mut h, "Ansvarlig(e)", "Unna Scherer");
    let owners = saved_plan(&h, id).focus_areas[0].owners.clone();
    assert_eq!(owners.len(), 1);
    // A second, typed as a new name, as a goal's tovholder can be.
    enter(
        &mut h,
        "Ny person som ansvarlig (navn):",
        0,
        "Karen Ansvarsbevidst",
    );
    let owners = saved_plan(&h, id).focus_areas[0].owners.clone();
    assert_eq!(owners.len(), 2, "the new person answers for the focus area");
    assert!(shows_text(&h, "Fjern Karen Ansvarsbevidst"));

    // Tilpas planen: the plan's own words and numbering, applied as one step.
    click(&mut h, "Tilpas planen");
    type_over_nth(&mut h, "Ord for et indsatsområde", 0, "Mål");
    type_over_nth(&mut h, "Ord for et mål", 0, "Indsats");
    type_over_nth(&mut h, "Ord for tovholder", 0, "Netværksleder");
    pick(&mut h, "Nummerering af indsatsområder", "Mål 1: Titel");
    assert!(shows_text(
        &h,
        "Mål 1: Sundhed og forebyggelse – Indsats 1.1 – Netværksleder: Børge Alstrup"
    ));
    click(&mut h, "Anvend");
    let plan = saved_plan(&h, id);
    assert_eq!(plan.labels.focus_area.as_deref(), Some("Mål"));
    assert_eq!(plan.labels.goal.as_deref(), Some("Indsats"));
    assert_eq!(plan.labels.owner.as_deref(), Some("Netværksleder"));
    assert_eq!(plan.labels.intro, None);
    assert_eq!(plan.numbering.focus_areas, AreaNumbering::Label);

    // The navigation and the goal editor speak the plan's words.
    assert!(shows_text(&h, "Mål 1: Sundhed og forebyggelse"));
    h.get_by_label("Mål 1: Sundhed og forebyggelse").click();
    h.run();
    assert!(shows_text(&h, "Indsats 1.1"));
    assert!(shows_text(&h, "Netværksleder(e)"));
    // So do the buttons: "Tilføj mål" would now read as a new focus area ("Mål 1").
    for button in [
        "Tilføj mål",
        "Slet mål",
        "Tilføj indsats",
        "Slet indsats",
        "Flyt indsats ned",
    ] {
        assert!(
            h.query_by_label(button).is_some(),
            "a button «{button}» in the plan's words"
        );
    }
    assert!(h.query_by_label("Tilføj indsatsområde").is_none());

    // Udskrift prints them.
    click(&mut h, "Udskrift");
    let pages: Vec<String> = h
        .query_all_by_role(Role::Document)
        .filter_map(|n| n.value())
        .collect();
    assert!(
        pages
            .iter()
            .any(|p| p.contains("Mål 1: Sundhed og forebyggelse")),
        "{pages:?}"
    );

    // One undo brings the default words back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let plan = saved_plan(&h, id);
    assert_eq!(plan.labels.goal, None);
    assert_eq!(plan.numbering.focus_areas, AreaNumbering::Arabic);
}

#[test]
fn removing_an_indicator_asks_first_and_takes_its_measurements_with_it() {
    let (_dir, path, id) = plan_file();
    let mut h = editor_of_height(&path, 4000.0);
    click(&mut h, "1. Sundhed og forebyggelse");
    click(&mut h, "Tilføj målepunkt");
    enter(&mut h, "Måling: Nyt målepunkt", 0, "12");
    let goal = &saved_plan(&h, id).focus_areas[0].goals[0];
    assert_eq!(goal.follow_ups[0].measurements.len(), 1);

    click(&mut h, "Slet målepunkt");
    assert!(shows_text(
        &h,
        "Slet målepunktet og dets måling i 1 opfølgning?"
    ));
    click(&mut h, "Behold målepunktet");
    assert_eq!(
        saved_plan(&h, id).focus_areas[0].goals[0].indicators.len(),
        1
    );
    click(&mut h, "Slet målepunkt");
    click(&mut h, "Ja, slet målepunktet");
    let goal = &saved_plan(&h, id).focus_areas[0].goals[0];
    assert!(goal.indicators.is_empty());
    assert!(goal.follow_ups[0].measurements.is_empty());
}

#[test]
fn the_board_shows_latest_against_target_and_filters_the_goals_behind_their_line() {
    use virkplan::model::{
        Date, Figure, FollowUp, FollowUpId, Indicator, IndicatorId, Measurement, Milestone,
        MilestoneId, Number,
    };
    let n = |t: &str| Number::parse(t).unwrap();
    let d = |t: &str| Date::parse_iso(t).unwrap();
    let mut bundle = common::small_document();
    let goals = &mut bundle.plans[0].focus_areas[0].goals;
    // Goal 1.1 reached its target; goal 1.2 is far below it, long after its period.
    for (goal, latest) in goals.iter_mut().zip(["80", "40"]) {
        goal.indicators = vec![Indicator {
            id: IndicatorId(goal.id.0),
            name: "Andel".into(),
            unit: "%".into(),
            baseline: Some(Figure {
                value: n("30"),
                date: Some(d("2011")),
                extra: None,
            }),
            target: Some(Figure {
                value: n("75"),
                date: Some(d("2013")),
                extra: None,
            }),
            direction: Some(Direction::Increase),
            extra: None,
        }];
        goal.follow_ups.push(FollowUp {
            id: FollowUpId(0),
            date: d("2013-H2"),
            status: None,
            text: String::new(),
            measurements: vec![Measurement {
                indicator: IndicatorId(goal.id.0),
                value: n(latest),
                extra: None,
            }],
            extra: None,
        });
    }
    goals[1].milestones = vec![Milestone {
        id: MilestoneId(0),
        text: "Første skridt".into(),
        date: Some(d("2012-Q2")),
        done: false,
        extra: None,
    }];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    Document::open_or_create(&path)
        .unwrap()
        .import(&bundle)
        .unwrap();

    let mut h = editor_of_height(&path, 4000.0);
    click(&mut h, "Opfølgning");
    assert!(shows_text(&h, "80 / 75\u{a0}%"));
    assert!(shows_text(&h, "40 / 75\u{a0}% (bagud)"));
    assert!(shows_text(&h, "juni 2013; 1 delmål overskredet"));
    assert!(shows_text(&h, "3 mål vises"));
    h.get_by_label("Målepunkter bagud").click();
    h.run();
    assert!(shows_text(&h, "1 mål vises"));
    assert!(!shows_text(&h, "80 / 75\u{a0}%"));
}
