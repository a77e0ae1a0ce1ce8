//! "What has changed since" (issue 20): `changes::between` on two states of a plan, one case
//! per kind of change, built from the Albertslund reference plan in code; "a plan compared
//! with itself: nothing".
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod pdf_common;

use virkplan::changes::{self, Changes, Kind};
use virkplan::model::{
    Date, FocusArea, FocusAreaId, FollowUp, FollowUpId, Goal, GoalId, GoalNumbering, Indicator,
    IndicatorId, Measurement, Milestone, MilestoneId, Number, Plan, PlanBundle, PlanId, Section,
    SectionId, Status,
};

const REFERENCE: &str = include_str!("data/virksomhedsplan-albertslund-sof-2012-2013.json");

fn bundle() -> PlanBundle {
    virkplan::json::parse_document(REFERENCE.as_bytes()).unwrap()
}

fn plan_id(b: &PlanBundle) -> PlanId {
    b.plans[0].id
}

fn plan(b: &mut PlanBundle) -> &mut Plan {
    &mut b.plans[0]
}

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::day(y, m, d).unwrap()
}

fn compare(from: &PlanBundle, to: &PlanBundle) -> Changes {
    changes::between(from, to, plan_id(from), day(2013, 3, 12), day(2013, 9, 1))
}

fn lines(from: &PlanBundle, to: &PlanBundle) -> Vec<String> {
    compare(from, to).lines()
}

/// A goal id no goal of the document has.
fn new_goal_id(b: &PlanBundle) -> GoalId {
    let max = b
        .plans
        .iter()
        .flat_map(|p| p.goals().map(|(_, g)| g.id.0))
        .max()
        .unwrap();
    GoalId(max + 100)
}

#[test]
fn a_plan_compared_with_itself_has_no_changes() {
    let b = bundle();
    let c = compare(&b, &b);
    assert!(c.is_empty());
    assert!(c.lines().is_empty());
    assert!(c.groups.is_empty());
    // And a copy with every id the same is the same plan.
    let copy = b.clone();
    assert!(compare(&b, &copy).is_empty());
}

#[test]
fn an_added_goal_is_named_by_its_number_under_its_focus_area() {
    let from = bundle();
    let mut to = from.clone();
    let id = new_goal_id(&to);
    plan(&mut to).focus_areas[0].goals.push(Goal {
        id,
        text: "Færre genindlæggelser".into(),
        ..Goal::default()
    });
    assert_eq!(
        lines(&from, &to),
        ["1. Sundhed", "  Mål 1.3 tilføjet: «Færre genindlæggelser»"]
    );
    let c = compare(&from, &to);
    assert_eq!(c.all().next().unwrap().kind, Kind::GoalAdded);
    assert_eq!(c.all().next().unwrap().goal, Some(id));
}

#[test]
fn a_removed_goal_is_reported_and_the_goals_after_it_have_not_moved() {
    let from = bundle();
    let mut to = from.clone();
    plan(&mut to).focus_areas[4].goals.remove(0);
    assert_eq!(
        lines(&from, &to),
        [
            "5. Budgetaftale 2010",
            "  Mål 5.1 fjernet: «Tandplejen har reduceret de nuværende 5 klinikker til 2 \
             klinikker, for at indfri den ønskede besparelse på 800.000,- pr. år.»"
        ]
    );
}

#[test]
fn a_goal_moved_to_another_focus_area_says_from_where_to_where() {
    let from = bundle();
    let mut to = from.clone();
    let goal = plan(&mut to).focus_areas[0].goals.remove(0);
    plan(&mut to).focus_areas[2].goals.push(goal);
    assert_eq!(
        lines(&from, &to),
        [
            "3. Ledelse og trivsel",
            "  Mål 3.4 flyttet fra 1.1 til 3.4 (fra «1. Sundhed»)"
        ]
    );
}

#[test]
fn two_goals_swapped_in_their_focus_area_is_one_move() {
    let from = bundle();
    let mut to = from.clone();
    plan(&mut to).focus_areas[4].goals.swap(0, 1);
    let c = compare(&from, &to);
    let moved: Vec<_> = c.all().filter(|ch| ch.kind == Kind::GoalMoved).collect();
    assert_eq!(moved.len(), 1, "{:?}", c.lines());
    assert_eq!(c.all().count(), 1);
    // A goal moved to the end of its area: only that goal moved.
    let mut to = from.clone();
    let g = plan(&mut to).focus_areas[4].goals.remove(0);
    plan(&mut to).focus_areas[4].goals.push(g);
    assert_eq!(
        lines(&from, &to),
        ["5. Budgetaftale 2010", "  Mål 5.5 flyttet fra 5.1 til 5.5"]
    );
}

#[test]
fn changed_texts_show_the_words_removed_and_added() {
    let from = bundle();
    let mut to = from.clone();
    let p = plan(&mut to);
    p.title = "Virksomhedsplan 2010/2012".into();
    p.focus_areas[1].title = "Miljø, klima og natur".into();
    p.focus_areas[1].description = "Ny beskrivelse".into();
    let goal = &mut p.focus_areas[0].goals[1];
    goal.text = "Sundhedsøkonomi og forebyggelse".into();
    goal.details.push_str(" Tilføjet sætning.");
    goal.documentation = String::new();
    let l = lines(&from, &to);
    assert_eq!(l[0], "Planen");
    assert_eq!(l[1], "  Titel: Virksomhedsplan [-2010/2011-]{+2010/2012+}");
    assert_eq!(l[2], "1. Sundhed");
    assert_eq!(
        l[3],
        "  Mål 1.2, tekst: Sundhedsøkonomi {+og forebyggelse+}"
    );
    assert!(l[4].starts_with("  Mål 1.2, uddybning: …"), "{}", l[4]);
    assert!(l[4].ends_with(" {+Tilføjet sætning.+}"), "{}", l[4]);
    assert!(l[5].starts_with("  Mål 1.2, dokumentation: [-"), "{}", l[5]);
    assert_eq!(l[6], "2. Miljø, klima og natur");
    assert_eq!(l[7], "  Titel: [-Miljø og-]{+Miljø,+} klima {+og natur+}");
    assert!(l[8].starts_with("  Beskrivelse: "), "{}", l[8]);
    assert_eq!(l.len(), 9, "{l:#?}");
    // The text pieces are marked, not only the line.
    let c = compare(&from, &to);
    let text = c.all().find(|ch| ch.kind == Kind::Text).unwrap();
    assert!(
        text.pieces
            .iter()
            .any(|p| matches!(p, changes::Piece::Removed(t) if t == "2010/2011"))
    );
    // Only whitespace changed: no change.
    let mut to = from.clone();
    plan(&mut to).focus_areas[0].goals[0].details = from.plans[0].focus_areas[0].goals[0]
        .details
        .replace('\n', " ");
    assert!(compare(&from, &to).is_empty());
}

#[test]
fn intro_sections_added_removed_and_changed() {
    let mut from = bundle();
    plan(&mut from).sections = vec![
        Section {
            id: SectionId(1),
            title: "Indledning".into(),
            body: "Planen beskriver året.".into(),
            extra: None,
        },
        Section {
            id: SectionId(2),
            title: "Mission".into(),
            body: "Vi hjælper.".into(),
            extra: None,
        },
    ];
    let mut to = from.clone();
    let p = plan(&mut to);
    p.sections[0].body = "Planen beskriver de to år.".into();
    p.sections.remove(1);
    p.sections.push(Section {
        id: SectionId(3),
        title: "Vision".into(),
        body: String::new(),
        extra: None,
    });
    assert_eq!(
        lines(&from, &to),
        [
            "Planen",
            "  Afsnit «Indledning»: Planen beskriver [-året.-]{+de to år.+}",
            "  Afsnit tilføjet: «Vision»",
            "  Afsnit fjernet: «Mission»",
        ]
    );
}

fn follow_up(id: i64, date: Date, status: Option<Status>, text: &str) -> FollowUp {
    FollowUp {
        id: FollowUpId(id),
        date,
        status,
        text: text.into(),
        measurements: Vec::new(),
        extra: None,
    }
}

#[test]
fn a_status_change_names_the_follow_up_that_set_it_and_new_follow_ups_are_listed() {
    let from = bundle();
    let mut to = from.clone();
    let goal = &mut plan(&mut to).focus_areas[0].goals[0];
    goal.status = Some(Status::AtRisk);
    goal.follow_ups.push(follow_up(
        50,
        day(2013, 6, 1),
        Some(Status::AtRisk),
        "Strategien er forsinket.",
    ));
    goal.follow_ups.push(follow_up(
        51,
        day(2013, 6, 15),
        None,
        "Møde med direktionen.",
    ));
    assert_eq!(
        lines(&from, &to),
        [
            "1. Sundhed",
            "  Mål 1.1, status: ikke vurderet → udfordret (opfølgning 1. juni 2013: «Strategien er forsinket.»)",
            "  Mål 1.1, ny opfølgning 15. juni 2013: «Møde med direktionen.»",
        ]
    );
    let c = compare(&from, &to);
    let kinds: Vec<Kind> = c.all().map(|ch| ch.kind).collect();
    assert_eq!(kinds, [Kind::Status, Kind::FollowUp]);
}

#[test]
fn a_moved_deadline_and_changed_tovholdere_are_shown_in_danish() {
    let mut from = bundle();
    let borge = from.people[0].id;
    let birgitte = from.people[1].id;
    let cecilie = from.people[2].id;
    {
        let goal = &mut plan(&mut from).focus_areas[2].goals[0];
        goal.deadline = Some(Date::whole_year(2013).unwrap());
        goal.owners = vec![borge, birgitte];
    }
    let mut to = from.clone();
    {
        let goal = &mut plan(&mut to).focus_areas[2].goals[0];
        goal.deadline = Some(Date::half(2014, 2).unwrap());
        goal.owners = vec![birgitte, cecilie];
    }
    assert_eq!(
        lines(&from, &to),
        [
            "3. Ledelse og trivsel",
            "  Mål 3.1, frist: 2013 → 2. halvår 2014",
            "  Mål 3.1, tovholder: Børge Alstrup, Birgitte Nielsen → Birgitte Nielsen, Cecilie Engell",
        ]
    );
    // The same people in another order is no change; a deadline taken away is.
    let mut to = from.clone();
    {
        let goal = &mut plan(&mut to).focus_areas[2].goals[0];
        goal.owners.reverse();
        goal.deadline = None;
    }
    assert_eq!(
        lines(&from, &to),
        [
            "3. Ledelse og trivsel",
            "  Mål 3.1, frist: 2013 → ingen frist"
        ]
    );
}

fn milestone(id: i64, text: &str, date: Date, done: bool) -> Milestone {
    Milestone {
        id: MilestoneId(id),
        text: text.into(),
        date: Some(date),
        done,
        extra: None,
    }
}

#[test]
fn milestones_reached_and_missed_since_and_not_those_missed_before() {
    let mut from = bundle();
    plan(&mut from).focus_areas[0].goals[0].milestones = vec![
        milestone(1, "Strategi skrevet", Date::month(2013, 5).unwrap(), false),
        milestone(2, "Strategi vedtaget", Date::month(2013, 6).unwrap(), false),
        milestone(3, "Afprøvet", Date::month(2012, 12).unwrap(), false),
        milestone(4, "Evalueret", Date::month(2014, 6).unwrap(), false),
    ];
    let mut to = from.clone();
    plan(&mut to).focus_areas[0].goals[0].milestones[0].done = true;
    assert_eq!(
        lines(&from, &to),
        [
            "1. Sundhed",
            "  Mål 1.1, delmål nået: «Strategi skrevet» (maj 2013)",
            // June 2013 has passed by 1 September 2013, not by 12 March 2013.
            "  Mål 1.1, delmål ikke nået til tiden: «Strategi vedtaget» (juni 2013)",
        ]
    );
    // Compared on the day it was saved, nothing has passed since.
    let c = changes::between(
        &from,
        &from,
        plan_id(&from),
        day(2013, 3, 12),
        day(2013, 3, 12),
    );
    assert!(c.is_empty());
}

#[test]
fn new_measurements_are_listed_with_figure_unit_and_date() {
    let mut from = bundle();
    {
        let goal = &mut plan(&mut from).focus_areas[0].goals[1];
        goal.indicators = vec![Indicator {
            id: IndicatorId(900),
            name: "Andel borgere i forløb".into(),
            unit: "%".into(),
            ..Indicator::default()
        }];
        goal.follow_ups[0].measurements = vec![Measurement {
            indicator: IndicatorId(900),
            value: Number::parse("40").unwrap(),
            extra: None,
        }];
    }
    let mut to = from.clone();
    {
        let goal = &mut plan(&mut to).focus_areas[0].goals[1];
        let mut f = follow_up(60, day(2013, 6, 30), None, "");
        f.measurements = vec![Measurement {
            indicator: IndicatorId(900),
            value: Number::parse("62.5").unwrap(),
            extra: None,
        }];
        goal.follow_ups.push(f);
    }
    assert_eq!(
        lines(&from, &to),
        [
            "1. Sundhed",
            "  Mål 1.2, målepunkt «Andel borgere i forløb»: 62,5\u{a0}% (30. juni 2013)",
        ]
    );
}

#[test]
fn a_focus_area_added_and_one_removed_come_in_the_plans_order_the_removed_last() {
    let from = bundle();
    let mut to = from.clone();
    let id = new_goal_id(&to);
    let p = plan(&mut to);
    let removed = p.focus_areas.remove(1);
    // Its goal moves to the new area; the area itself is gone.
    p.focus_areas.insert(
        0,
        FocusArea {
            id: FocusAreaId(77),
            title: "Digitalisering".into(),
            goals: vec![
                removed.goals[0].clone(),
                Goal {
                    id,
                    text: "Selvbetjening".into(),
                    ..Goal::default()
                },
            ],
            ..FocusArea::default()
        },
    );
    let l = lines(&from, &to);
    assert_eq!(
        l,
        [
            "1. Digitalisering",
            "  Indsatsområde tilføjet",
            "  Mål 1.1 flyttet fra 2.1 til 1.1 (fra «2. Miljø og klima»)",
            "  Mål 1.2 tilføjet: «Selvbetjening»",
            "2. Miljø og klima (fjernet)",
            "  Indsatsområde fjernet: «Miljø og klima»",
        ]
    );
    let c = compare(&from, &to);
    assert!(c.groups.last().unwrap().removed);
}

#[test]
fn the_plans_own_words_and_numbering_name_the_goals() {
    let mut from = bundle();
    plan(&mut from).labels.goal = Some("Indsats".into());
    plan(&mut from).labels.owner = Some("Netværksleder".into());
    plan(&mut from).numbering.goals = GoalNumbering::Letter;
    let mut to = from.clone();
    plan(&mut to).focus_areas[3].goals[1].text = "Økonomistyring i alle afdelinger".into();
    plan(&mut to).focus_areas[3].goals[1].owners = vec![to.people[0].id];
    assert_eq!(
        lines(&from, &to),
        [
            "4. Økonomistyring",
            "  Indsats b, tekst: Økonomistyring {+i alle afdelinger+}",
            "  Indsats b, netværksleder: ingen → Børge Alstrup",
        ]
    );
    // Goals without numbers are named by their text.
    plan(&mut from).numbering.goals = GoalNumbering::None;
    plan(&mut to).numbering.goals = GoalNumbering::None;
    assert_eq!(
        lines(&from, &to)[1],
        "  Indsats «Økonomistyring i alle afdelinger», tekst: Økonomistyring {+i alle afdelinger+}"
    );
}

#[test]
fn the_report_titles_are_danish() {
    assert_eq!(
        changes::title_since(day(2013, 3, 12)),
        "Ændringer siden 12. marts 2013"
    );
    assert_eq!(
        changes::title_between(2, 4),
        "Ændringer fra version 2 til version 4"
    );
}

/// A comparison with one change of most kinds, for the report.
fn many_changes() -> (PlanBundle, PlanBundle) {
    let mut from = bundle();
    let borge = from.people[0].id;
    let cecilie = from.people[2].id;
    plan(&mut from).focus_areas[0].goals[0].milestones = vec![milestone(
        1,
        "Strategi skrevet",
        Date::month(2013, 5).unwrap(),
        false,
    )];
    let mut to = from.clone();
    let id = new_goal_id(&to);
    let p = plan(&mut to);
    p.title = "Virksomhedsplan 2010/2012".into();
    let goal = &mut p.focus_areas[0].goals[0];
    goal.text = "Tværgående, forebyggende og sundhedsfremmende indsats".into();
    goal.status = Some(Status::OnTrack);
    goal.follow_ups.push(follow_up(
        70,
        day(2013, 6, 1),
        Some(Status::OnTrack),
        "Strategien er i gang.",
    ));
    goal.milestones[0].done = true;
    goal.deadline = Some(Date::half(2014, 1).unwrap());
    goal.owners = vec![borge, cecilie];
    p.focus_areas[1].goals.push(Goal {
        id,
        text: "Energiforbruget i bygningerne er nedsat med 10 %".into(),
        ..Goal::default()
    });
    p.focus_areas[4].goals.remove(1);
    (from, to)
}

#[test]
fn the_report_pdf_is_tagged_with_struck_and_underlined_words_that_say_so() {
    let (from, to) = many_changes();
    let c = compare(&from, &to);
    let subtitle = vec![
        "Virksomhedsplan 2010/2012, 2010–2011".to_string(),
        "Fra version 2, «Til udvalget», gemt 12. marts 2013 kl. 14.05 af Anna".to_string(),
        "Til planen, som den er 1. september 2013".to_string(),
    ];
    let title = changes::title_since(day(2013, 3, 12));
    let report = virkplan::report::ChangesReport {
        title: &title,
        subtitle: &subtitle,
        changes: &c,
        plan: &to.plans[0],
    };
    let layout = virkplan::report::layout::changes_layout(&report).unwrap();
    let text = pdf_common::layout_text(&layout).join("\n");
    assert!(text.contains("Ændringer siden 12. marts 2013"), "{text}");
    assert!(
        text.contains("Virksomhedsplan slettet: 2010/2011 tilføjet: 2010/2012"),
        "{text}"
    );
    assert!(text.contains("Mål 5.2 fjernet"), "{text}");
    // Each changed word has its line: struck through (over the words) or underlined.
    use virkplan::report::layout::{ADDED, REMOVED, Shape};
    let items: Vec<_> = layout.pages.iter().flat_map(|p| p.items.iter()).collect();
    for (colour, below) in [(REMOVED, false), (ADDED, true)] {
        let runs: Vec<_> = items
            .iter()
            .filter_map(|i| match &i.shape {
                Shape::Text(r) if r.color == colour => Some(r),
                _ => None,
            })
            .collect();
        assert!(!runs.is_empty());
        for r in runs {
            let line = items.iter().find(|i| {
                matches!(&i.shape, Shape::Line { x1, y1, x2, color, .. }
                    if *color == colour && (*x1 - r.x).abs() < 0.01
                        && (*x2 - (r.x + r.width)).abs() < 0.01
                        && (*y1 > r.y) == below && (*y1 - r.y).abs() < r.size * 0.5)
            });
            assert!(line.is_some(), "no line for «{}»", r.text);
        }
    }
    let export = virkplan::report::export_changes_pdf(&report, Some(1_362_000_000)).unwrap();
    let tags = pdf_common::assert_tagged(&export.bytes, &title);
    for tag in ["H1", "H2", "P", "L", "LI", "Lbl", "LBody"] {
        assert!(tags.iter().any(|t| t == tag), "{tag} missing: {tags:?}");
    }
    assert_eq!(tags.iter().filter(|t| *t == "H2").count(), c.groups.len());
    assert!(export.warnings.is_empty());
    if let Ok(path) = std::env::var("VIRKPLAN_CHANGES_PDF") {
        std::fs::write(path, &export.bytes).unwrap();
    }
}

#[test]
fn a_report_without_changes_says_so() {
    let b = bundle();
    let c = compare(&b, &b);
    let title = changes::title_between(2, 4);
    let report = virkplan::report::ChangesReport {
        title: &title,
        subtitle: &[],
        changes: &c,
        plan: &b.plans[0],
    };
    let layout = virkplan::report::layout::changes_layout(&report).unwrap();
    let text = pdf_common::layout_text(&layout).join("\n");
    assert!(text.contains("Ingen ændringer."), "{text}");
    assert_eq!(layout.pages.len(), 1);
    let export = virkplan::report::export_changes_pdf(&report, None).unwrap();
    pdf_common::assert_tagged(&export.bytes, &title);
}

#[test]
fn siden_sidst_is_a_section_of_statusoverblik_in_the_plans_own_pdf() {
    let (from, to) = many_changes();
    let c = compare(&from, &to);
    let since = virkplan::report::Since {
        title: changes::title_since(day(2013, 3, 12)),
        lines: vec!["Fra version 2, «Til udvalget», gemt 12. marts 2013 kl. 14.05 af Anna".into()],
        changes: c.clone(),
    };
    let id = plan_id(&to);
    for summary in [true, false] {
        let options = virkplan::report::Options {
            summary,
            created: Some(1_362_000_000),
            since: Some(Box::new(since.clone())),
            ..Default::default()
        };
        let layout = virkplan::report::layout::layout(&to, id, &options).unwrap();
        let outline: Vec<(&str, u8)> = layout
            .outline
            .iter()
            .map(|e| (e.title.as_str(), e.level))
            .collect();
        let at = outline
            .iter()
            .position(|e| *e == ("Statusoverblik", 1))
            .unwrap();
        assert!(outline[at..].contains(&("Siden sidst", 2)), "{outline:?}");
        let text = pdf_common::layout_text(&layout).join("\n");
        assert!(text.contains("Ændringer siden 12. marts 2013"), "{text}");
        assert!(text.contains("Mål 5.2 fjernet"), "{text}");
        assert!(
            text.contains("slettet: 2010/2011 tilføjet: 2010/2012"),
            "{text}"
        );
        let export = virkplan::report::export_pdf(&to, id, &options).unwrap();
        let tags = pdf_common::assert_tagged(&export.bytes, &to.plans[0].title);
        assert!(tags.iter().any(|t| t == "H3"), "{tags:?}");
        if let Ok(path) = std::env::var("VIRKPLAN_SINCE_PDF") {
            std::fs::write(format!("{path}-{summary}.pdf"), &export.bytes).unwrap();
        }
    }
    // Without `since`, no such section.
    let layout =
        virkplan::report::layout::layout(&to, id, &virkplan::report::Options::default()).unwrap();
    assert!(!layout.outline.iter().any(|e| e.title == "Siden sidst"));
}

#[test]
fn a_plan_read_back_from_a_version_has_no_changes_against_itself() {
    // The demo plan uses every part a comparison looks at (indicators with measurements,
    // milestones, deadlines of every form, tovholdere); through the version's own format and
    // back, nothing may look changed, even years later.
    let spec = virkplan::demo::DemoSpec {
        areas: 4,
        goals_per_area: 6,
        follow_ups_per_goal: 3,
        seed: 7,
    };
    let demo = virkplan::demo::generate(&spec);
    let (frozen, payload) = virkplan::json::write_frozen(&demo).unwrap();
    let back = virkplan::json::read_frozen(&payload.0).unwrap();
    let id = frozen.plans[0].id;
    let today = day(2029, 1, 1);
    let c = changes::between(&frozen, &back, id, today, today);
    assert!(c.is_empty(), "{:#?}", c.lines());
    // And a later day makes milestones missed only when they had not passed by the first.
    let c = changes::between(&frozen, &back, id, day(2026, 1, 1), today);
    assert!(c.all().all(|ch| ch.kind == Kind::MilestoneMissed));
    assert!(
        c.all().count() > 0,
        "the demo has open milestones in 2027–2028"
    );
}
