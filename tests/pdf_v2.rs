//! The PDF of plan content version 2 (issue 18): the plan's own words and numbering in every
//! heading, field label, contents entry, outline entry and the summary, the previous plan's in
//! its review; print settings (empty fields hidden, owners' mails as mailto links, no
//! stilling); focus-area owners; the indicator table (Table/TH/TD, Danish figures with unit
//! and period) and chart (a Figure whose alt text says the figures); milestones whose ✓ a
//! screen reader hears as "opfyldt"; related goals both ways, each a link to the goal's page.
//! Built from the reference plan with the model, no store.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;
mod pdf_common;

use lopdf::{Document as Pdf, Object};
use pdf_common::{assert_tagged, dict, layout_text, structure_tree, text_string};
use std::collections::HashMap;
use virkplan::model::{
    AreaNumbering, Date, Direction, EmptyFields, FocusArea, FollowUp, FollowUpId, Goal, GoalId,
    GoalNumbering, Indicator, IndicatorId, Labels, Measurement, Milestone, Number, Numbering, Plan,
    PlanBundle, PlanId, PrintSettings, Status,
};
use virkplan::report::layout::{self, Layout, Mark, Role, Scope, Shape, Target};
use virkplan::report::{self, Options};

const TITLE: &str = "Virksomhedsplan 2012/2013";
const INDICATOR: &str = "Andel af nye borgere i hjemmeplejen, der får tilbud om rehabilitering";

fn options(summary: bool) -> Options {
    Options {
        summary,
        created: Some(1_353_700_000),
        ..Options::default()
    }
}

fn date(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn num(text: &str) -> Number {
    Number::parse(text).unwrap()
}

/// The reference plan 2012/2013 in a network's own words ("Mål 1: …", "Indsats 1.2",
/// "Netværksleder"), hiding empty fields, printing mails and no stilling; its first goal with
/// an indicator, two measurements, two milestones and a related goal (2.3); its previous
/// plan in words and numbering of its own (Roman focus areas, lettered goals).
fn v2() -> (PlanBundle, PlanId) {
    let mut doc = virkplan::json::parse_document(&std::fs::read(common::REFERENCE_JSON).unwrap())
        .expect("reference plan parses");
    let birgitte = doc
        .people
        .iter_mut()
        .find(|p| p.name == "Birgitte Nielsen")
        .unwrap();
    birgitte.title = "Sundhedschef".into();
    birgitte.email = "bn@albertslund.dk".into();
    let birgitte = birgitte.id;
    let id = doc.plans.iter().find(|p| p.title == TITLE).unwrap().id;
    let previous = doc.plans.iter().find(|p| p.id != id).unwrap().id;
    let old = doc.plans.iter_mut().find(|p| p.id == previous).unwrap();
    old.labels = Labels {
        goal: Some("Målsætning".into()),
        owner: Some("Ansvarlig leder".into()),
        documentation: Some("Resultat".into()),
        ..Labels::default()
    };
    old.numbering = Numbering {
        focus_areas: AreaNumbering::Roman,
        goals: GoalNumbering::Letter,
        extra: None,
    };
    let old_goal = old.focus_areas[0].goals[1].id;

    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.labels = Labels {
        focus_area: Some("Mål".into()),
        focus_areas: Some("Mål og indsatser".into()),
        goal: Some("Indsats".into()),
        owner: Some("Netværksleder".into()),
        documentation: Some("Effekt".into()),
        intro: Some("Forord".into()),
        extra: None,
    };
    plan.numbering = Numbering {
        focus_areas: AreaNumbering::Label,
        goals: GoalNumbering::Dotted,
        extra: None,
    };
    plan.print = PrintSettings {
        empty_fields: EmptyFields::Hide,
        owner_email: true,
        owner_title: false,
        extra: None,
    };
    plan.sections[0].title = "Forord".into();
    plan.focus_areas[0].owners = vec![birgitte];
    let related = plan.focus_areas[1].goals[2].id;
    let goal = &mut plan.focus_areas[0].goals[0];
    goal.owners = vec![birgitte];
    goal.deadline = Some(date("2013-H2"));
    goal.indicators = vec![Indicator {
        id: IndicatorId(7),
        name: INDICATOR.into(),
        unit: "%".into(),
        baseline: Some(virkplan::model::Figure {
            value: num("62.5"),
            date: Some(date("2011")),
            extra: None,
        }),
        target: Some(virkplan::model::Figure {
            value: num("75"),
            date: Some(date("2013")),
            extra: None,
        }),
        direction: Some(Direction::Increase),
        extra: None,
    }];
    let measured = |value: &str| Measurement {
        indicator: IndicatorId(7),
        value: num(value),
        extra: None,
    };
    goal.follow_ups = vec![
        FollowUp {
            date: date("2012-H1"),
            status: Some(Status::OnTrack),
            text: String::new(),
            measurements: vec![measured("66")],
            id: FollowUpId(0),
            extra: None,
        },
        FollowUp {
            date: date("2012-H2"),
            text: "Godt på vej.".into(),
            measurements: vec![measured("70.1")],
            id: FollowUpId(0),
            status: None,
            extra: None,
        },
    ];
    goal.milestones = vec![
        Milestone {
            text: "Alle fire afdelinger har en mestringskonsulent".into(),
            date: Some(date("2012-Q2")),
            done: true,
            ..Milestone::default()
        },
        Milestone {
            text: "Evaluering fremlagt i chefgruppen".into(),
            date: Some(date("2013-06")),
            done: false,
            ..Milestone::default()
        },
    ];
    goal.related = vec![related, old_goal];
    (doc, id)
}

/// The text of each structure node, from the items marked with it.
fn node_texts(l: &Layout) -> HashMap<u32, String> {
    let mut out: HashMap<u32, String> = HashMap::new();
    for page in &l.pages {
        for item in &page.items {
            if let (Shape::Text(r), Mark::Node(n)) = (&item.shape, item.mark) {
                let t = out.entry(n.0).or_default();
                t.push_str(r.actual.as_deref().unwrap_or(&r.text));
                if r.space_after {
                    t.push(' ');
                }
            }
        }
    }
    for t in out.values_mut() {
        *t = t.replace('\u{a0}', " ");
    }
    out
}

/// The text of all pages as printed, no-break spaces as spaces.
fn page_text(l: &Layout) -> String {
    layout_text(l).join("\n").replace('\u{a0}', " ")
}

/// The texts of all nodes with a role, in reading order of the tree.
fn texts_of(l: &Layout, role: impl Fn(&Role) -> bool) -> Vec<String> {
    let texts = node_texts(l);
    l.structure
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| role(&n.role))
        .filter_map(|(i, _)| texts.get(&(i as u32)).cloned())
        .collect()
}

#[test]
fn headings_labels_contents_outline_and_summary_use_the_plans_own_words_and_numbers() {
    let (doc, id) = v2();
    let l = layout::layout(&doc, id, &options(true)).unwrap();
    let h1 = texts_of(&l, |r| *r == Role::Heading(1));
    let h2 = texts_of(&l, |r| *r == Role::Heading(2));
    let labels = texts_of(&l, |r| *r == Role::Lbl);
    let th = texts_of(&l, |r| matches!(r, Role::TH(_)));
    let toc = texts_of(&l, |r| *r == Role::Link);
    let outline: Vec<&str> = l.outline.iter().map(|e| e.title.as_str()).collect();

    assert!(h1.iter().any(|h| h == "Forord"), "{h1:?}");
    assert!(h1.iter().any(|h| h == "Mål og indsatser"), "{h1:?}");
    let plan = doc.plans.iter().find(|p| p.id == id).unwrap();
    let first = format!("Mål 1: {}", plan.focus_areas[0].title.trim());
    assert!(h2.iter().any(|h| h.trim() == first), "{first} in {h2:?}");
    assert!(
        toc.iter().any(|t| t.trim() == first),
        "{first} in the contents"
    );
    assert!(outline.iter().any(|t| t.trim() == first));
    assert!(outline.iter().any(|t| t.starts_with("Indsats 2.3: ")));
    for word in [
        "Indsats:",
        "Netværksleder:",
        "Effekt:",
        "Målepunkter:",
        "Delmål:",
    ] {
        assert!(
            labels.iter().any(|l| l.trim() == word),
            "{word} in {labels:?}"
        );
    }
    // The summary: its header and rows in the plan's words and numbers.
    assert!(th.iter().any(|t| t == "Mål") && th.iter().any(|t| t == "Indsats"));
    assert!(
        th.iter().any(|t| t.trim() == first),
        "{first} as a row header"
    );

    // The review: the previous plan's own words, its focus areas numbered on (plan has 4)
    // in its own style, its goals lettered.
    let old = doc.plans.iter().find(|p| p.id != id).unwrap();
    let fifth = format!("V. {}", old.focus_areas[0].title.trim());
    assert!(h2.iter().any(|h| h.trim() == fifth), "{fifth} in {h2:?}");
    assert!(labels.iter().any(|l| l.trim() == "Målsætning:"));
    assert!(outline.iter().any(|t| t.starts_with("Målsætning b: ")));

    // No default word is left where the plan has its own.
    for default in ["Indledning", "Indsatsområde", "Tovholder", "Dokumentation"] {
        for text in h1.iter().chain(&h2).chain(&labels).chain(&th).chain(&toc) {
            assert!(!text.contains(default), "«{default}» in «{text}»");
        }
        for t in &outline {
            assert!(!t.contains(default), "«{default}» in the outline: {t}");
        }
    }
    assert!(!labels.iter().any(|l| l.trim() == "Mål:"));
    assert!(!outline.iter().any(|t| t.starts_with("Mål 1.1")));

    // Deadlines and follow-ups in the new forms, in Danish.
    let all = page_text(&l);
    for said in [
        "2. halvår 2013",
        "1. halvår 2012 · status: i gang",
        "2. halvår 2012",
    ] {
        assert!(all.contains(said), "«{said}»");
    }
}

/// A one-plan document: one focus area with one goal that has only its text.
fn bare(print: EmptyFields) -> (PlanBundle, PlanId) {
    let plan = Plan {
        id: PlanId(1),
        title: "Direktørforum".into(),
        focus_areas: vec![FocusArea {
            title: "Samarbejde".into(),
            goals: vec![Goal {
                id: GoalId(1),
                text: "Vi deler viden på tværs.".into(),
                ..Goal::default()
            }],
            ..FocusArea::default()
        }],
        print: PrintSettings {
            empty_fields: print,
            ..PrintSettings::default()
        },
        ..Plan::default()
    };
    (
        PlanBundle {
            plans: vec![plan],
            ..PlanBundle::default()
        },
        PlanId(1),
    )
}

#[test]
fn hide_leaves_empty_fields_out_and_dash_keeps_them() {
    let (doc, id) = bare(EmptyFields::Hide);
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let labels = texts_of(&l, |r| *r == Role::Lbl);
    assert_eq!(labels, ["Mål:"], "only the goal's text is printed");
    let values = texts_of(&l, |r| *r == Role::P);
    assert!(!values.iter().any(|v| v == "–"), "{values:?}");
    assert!(!values.iter().any(|v| v == "Ikke vurderet"), "{values:?}");

    let (doc, id) = bare(EmptyFields::Dash);
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let labels = texts_of(&l, |r| *r == Role::Lbl);
    assert_eq!(labels, ["Mål:", "Dokumentation:", "Tovholder:", "Status:"]);
    let values = texts_of(&l, |r| *r == Role::P);
    assert_eq!(values.iter().filter(|v| *v == "–").count(), 2, "{values:?}");
    assert!(values.iter().any(|v| v == "Ikke vurderet"), "{values:?}");
}

#[test]
fn owners_mails_are_mailto_links_the_stilling_can_be_left_out_and_areas_have_owners() {
    let (doc, id) = v2();
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let text = page_text(&l);
    assert!(
        text.contains("Ansvarlig: Birgitte Nielsen, bn@albertslund.dk"),
        "the focus area's owner"
    );
    assert!(text.contains("Birgitte Nielsen, bn@albertslund.dk"));
    assert!(
        !text.contains("Sundhedschef"),
        "owner_title false leaves the stilling out"
    );
    let mailto = l
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(&i.shape, Shape::Link { target: Target::Uri(u), .. } if u == "mailto:bn@albertslund.dk"))
        .count();
    assert!(mailto >= 2, "the area's and the goals' owner: {mailto}");

    // With the defaults: the stilling in brackets, no mail.
    let (mut doc, id) = v2();
    doc.plans.iter_mut().find(|p| p.id == id).unwrap().print = PrintSettings::default();
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let text = page_text(&l);
    assert!(
        text.contains("Ansvarlig: Birgitte Nielsen (Sundhedschef)"),
        "{text}"
    );
    assert!(!text.contains("bn@albertslund.dk"));
}

#[test]
fn the_indicator_table_is_tagged_with_danish_figures_and_the_chart_says_them_in_words() {
    let (doc, id) = v2();
    let l = layout::layout(&doc, id, &options(true)).unwrap();
    let texts = node_texts(&l);
    let s = &l.structure;
    let children = |n: usize| -> Vec<usize> {
        s.nodes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.map(|p| p.0 as usize) == Some(n))
            .map(|(i, _)| i)
            .collect()
    };
    let cells_of = |table: usize| -> Vec<Vec<(Role, String)>> {
        children(table)
            .into_iter()
            .flat_map(&children) // THead, TBody → TR
            .map(|tr| {
                children(tr)
                    .into_iter()
                    .map(|c| {
                        (
                            s.nodes[c].role.clone(),
                            texts.get(&(c as u32)).cloned().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .collect()
    };
    let table = (0..s.nodes.len())
        .filter(|i| s.nodes[*i].role == Role::Table)
        .map(cells_of)
        .find(|rows| {
            rows.first()
                .is_some_and(|r| r.first().is_some_and(|c| c.1 == "Målepunkt"))
        })
        .expect("an indicator table");
    let header: Vec<&str> = table[0].iter().map(|c| c.1.as_str()).collect();
    assert_eq!(header, ["Målepunkt", "Udgangspunkt", "Seneste", "Mål"]);
    assert!(table[0].iter().all(|c| c.0 == Role::TH(Scope::Column)));
    assert_eq!(table[1][0], (Role::TH(Scope::Row), INDICATOR.to_owned()));
    let row: Vec<(Role, &str)> = table[1][1..]
        .iter()
        .map(|c| (c.0.clone(), c.1.as_str()))
        .collect();
    assert_eq!(
        row,
        [
            (Role::TD, "62,5 % (2011)"),
            (Role::TD, "70,1 % (2. halvår 2012)"),
            (Role::TD, "75 % (2013)"),
        ]
    );

    // The chart: a Figure whose alt text says the figures.
    let alts: Vec<&str> = s
        .nodes
        .iter()
        .filter(|n| n.role == Role::Figure)
        .filter_map(|n| n.alt.as_deref())
        .collect();
    let said = format!(
        "{INDICATOR}: udgangspunkt 62,5 % i 2011, mål 75 % i 2013, seneste 70,1 % i 2. halvår 2012"
    );
    assert!(alts.iter().any(|a| a.contains(&said)), "{alts:?}");

    // In the file: tagged as PDF/UA asks, Table with TH (Scope Column) and TD, the Figure's
    // /Alt.
    let export = report::export_pdf(&doc, id, &options(true)).unwrap();
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    assert_tagged(&export.bytes, TITLE);
    let tree = structure_tree(&export.bytes);
    assert!(
        tree.elements
            .iter()
            .any(|e| e.0 == "TH" && e.2.as_deref() == Some("Column"))
    );
    assert!(tree.elements.iter().any(|e| e.0 == "TD"));
    assert!(
        tree.elements
            .iter()
            .any(|e| e.0 == "Figure" && e.1.as_deref().is_some_and(|a| a.contains(&said))),
        "the Figure's /Alt says the figures"
    );
    // Without --summary: the table, no chart.
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    assert!(!l.structure.nodes.iter().any(|n| n.role == Role::Figure));

    // A target without a date: still a chart, and its words say no date.
    let mut doc = doc;
    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.focus_areas[0].goals[0].indicators[0].target = Some(virkplan::model::Figure {
        value: num("75"),
        date: None,
        extra: None,
    });
    let l = layout::layout(&doc, id, &options(true)).unwrap();
    let alt = l
        .structure
        .nodes
        .iter()
        .find(|n| n.role == Role::Figure && n.alt.as_deref().is_some_and(|a| a.contains(INDICATOR)))
        .and_then(|n| n.alt.clone())
        .expect("a chart");
    assert!(
        alt.contains("udgangspunkt 62,5 % i 2011, mål 75 %, seneste 70,1 % i 2. halvår 2012"),
        "{alt}"
    );
}

/// The ActualText of every marked-content span in the file, with the glyphs it covers.
fn actual_texts(bytes: &[u8]) -> Vec<String> {
    let pdf = Pdf::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for (_, page) in pdf.get_pages() {
        let ops = lopdf::content::Content::decode(&pdf.get_page_content(page))
            .unwrap()
            .operations;
        for op in ops {
            if op.operator == "BDC"
                && let Some(Object::Dictionary(d)) = op.operands.get(1)
                && let Ok(actual) = d.get(b"ActualText")
            {
                out.push(text_string(actual));
            }
        }
    }
    out
}

#[test]
fn milestones_print_their_period_and_a_mark_a_screen_reader_hears_as_words() {
    let (doc, id) = v2();
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let drawn: Vec<String> = l
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.shape {
            Shape::Text(r) if r.actual.is_some() => {
                Some(format!("{}={}", r.text, r.actual.as_deref().unwrap()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(drawn, ["✓=opfyldt", "☐=ikke opfyldt"]);
    let text = texts_of(&l, |_| true).join("\n");
    assert!(text.contains("2. kvartal 2012: Alle fire afdelinger har en mestringskonsulent"));
    assert!(text.contains("Juni 2013: Evaluering fremlagt i chefgruppen"));

    let export = report::export_pdf(&doc, id, &options(false)).unwrap();
    assert!(
        export.warnings.is_empty(),
        "the embedded fonts have ✓ and ☐"
    );
    let actual = actual_texts(&export.bytes);
    assert!(actual.iter().any(|a| a == "opfyldt"), "{actual:?}");
    assert!(actual.iter().any(|a| a == "ikke opfyldt"), "{actual:?}");
}

#[test]
fn related_goals_are_listed_both_ways_and_link_to_the_goals_page() {
    let (doc, id) = v2();
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let page_of = |title: &str| {
        l.outline
            .iter()
            .find(|e| e.title.starts_with(title))
            .unwrap_or_else(|| panic!("{title} in the outline"))
            .page
    };
    let texts = node_texts(&l);
    // The label takes two lines in its column, and both are printed.
    let labels = texts_of(&l, |r| *r == Role::Lbl);
    assert!(labels.iter().any(|t| t == "Sammenhæng med:"), "{labels:?}");
    // Each link of a related goal: its text and the page it goes to.
    let mut links: Vec<(String, usize, usize)> = Vec::new();
    for (n, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            if let (
                Shape::Link {
                    target: Target::Page { page: to, .. },
                    ..
                },
                Mark::Node(node),
            ) = (&item.shape, item.mark)
                && l.structure.nodes[node.0 as usize].role == Role::Link
                && let Some(text) = texts.get(&node.0)
                && !l.structure.nodes.iter().enumerate().any(|(i, p)| {
                    p.role == Role::TOCI
                        && Some(i as u32) == l.structure.nodes[node.0 as usize].parent.map(|x| x.0)
                })
            {
                links.push((text.clone(), n + 1, *to));
            }
        }
    }
    let plan = doc.plans.iter().find(|p| p.id == id).unwrap();
    let two_three = &plan.focus_areas[1].goals[2].text;
    let one_one = &plan.focus_areas[0].goals[0].text;
    let forward = links
        .iter()
        .find(|(t, _, _)| {
            t.starts_with("2.3 (")
                && two_three.starts_with(t[5..].trim_end_matches([')', '…', ' ']))
        })
        .unwrap_or_else(|| panic!("a link to 2.3 in {links:?}"));
    assert_eq!(
        forward.2,
        page_of("Indsats 2.3: "),
        "the link goes to goal 2.3's page"
    );
    // 2.3 names 1.1 back.
    let back = links
        .iter()
        .find(|(t, _, _)| {
            t.starts_with("1.1 (") && one_one.starts_with(t[5..].trim_end_matches([')', '…', ' ']))
        })
        .unwrap_or_else(|| panic!("a link back to 1.1 in {links:?}"));
    assert_eq!(back.1, page_of("Indsats 2.3: "), "listed under 2.3");
    assert_eq!(back.2, page_of("Indsats 1.1: "));
    // The previous plan's goal is in the review chapter of this PDF: a link there too.
    let old = links
        .iter()
        .find(|(t, _, _)| t.starts_with("b ("))
        .unwrap_or_else(|| panic!("a link to the review's goal b in {links:?}"));
    assert_eq!(old.2, page_of("Målsætning b: "));

    // Without the review, that goal is named with its plan's title instead.
    let no_review = Options {
        review: false,
        ..options(false)
    };
    let l = layout::layout(&doc, id, &no_review).unwrap();
    let text = texts_of(&l, |_| true).join("\n");
    assert!(text.contains(", Virksomhedsplan 2010/2011"), "{text}");

    // In the file: the annotation is tagged (checked by assert_tagged) and goes to a page.
    let export = report::export_pdf(&doc, id, &options(false)).unwrap();
    assert_tagged(&export.bytes, TITLE);
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    let pages = pdf.get_pages();
    let number_of: HashMap<_, _> = pages.iter().map(|(n, id)| (*id, *n as usize)).collect();
    let mut found = false;
    for page in pages.values() {
        let Ok(Object::Array(annots)) = pdf.get_dictionary(*page).unwrap().get(b"Annots") else {
            continue;
        };
        for a in annots {
            let a = dict(&pdf, a);
            let contents = text_string(a.get(b"Contents").unwrap());
            if contents.starts_with("2.3 (") {
                let action = dict(&pdf, a.get(b"A").unwrap());
                let Object::Array(dest) = action.get(b"D").unwrap() else {
                    panic!()
                };
                let target = dest[0].as_reference().unwrap();
                assert_eq!(number_of[&target], forward.2);
                found = true;
            }
        }
    }
    assert!(found, "a link annotation «2.3 (…)» in the file");
}

#[test]
fn a_deadline_that_is_a_day_prints_as_one_date_not_as_a_numbered_list() {
    let (mut doc, id) = bare(EmptyFields::Hide);
    doc.plans[0].focus_areas[0].goals[0].deadline = Some(date("2027-06-16"));
    let l = layout::layout(&doc, id, &options(false)).unwrap();
    let values = texts_of(&l, |r| *r == Role::P);
    assert!(values.iter().any(|v| v == "16. juni 2027"), "{values:?}");
    let lists = l
        .structure
        .nodes
        .iter()
        .filter(|n| n.role == Role::L)
        .count();
    assert_eq!(lists, 1, "only the goal's own list of fields");
}

/// A goal tied to a goal of another plan of the file (not the printed plan or its previous
/// plan) is printed with that goal's number, text and plan: the export loads the plan that
/// holds it, in both directions, without printing it.
#[test]
fn a_related_goal_of_another_plan_in_the_file_is_named_with_its_plan() {
    let json = serde_json::json!({
        "format": "virkplan",
        "version": 2,
        "plans": [
            { "key": "a", "title": "Plan for ældreområdet", "organisation": "O",
              "period": { "start": 2012, "end": 2013 },
              "focus_areas": [ { "title": "Rehabilitering", "goals": [
                  { "key": "a1", "text": "Flere borgere klarer sig selv", "related": ["c1"] } ] } ] },
            { "key": "c", "title": "Sundhedspolitik 2012-2015", "organisation": "O",
              "period": { "start": 2012, "end": 2015 },
              "focus_areas": [ { "title": "Forebyggelse", "goals": [
                  { "key": "c1", "text": "Færre faldulykker i eget hjem" },
                  { "key": "c2", "text": "Mere motion for ældre", "related": ["a1"] } ] } ] }
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    let doc = virkplan::json::parse_document(json.to_string().as_bytes()).unwrap();
    let (document, ids) = virkplan::document::Document::create_with_import(&path, &doc).unwrap();
    let out = dir.path().join("a.pdf");
    virkplan::transfer::export_pdf(&document, ids[0], &options(false), &out).unwrap();
    let pdf = Pdf::load(&out).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Færre faldulykker"),
        "what the goal relates to: {text}"
    );
    assert!(
        text.contains("Mere motion for ældre"),
        "what relates to the goal: {text}"
    );
    assert!(
        text.contains("Sundhedspolitik 2012-2015"),
        "the other plan is named: {text}"
    );
    // The other plan is not printed: its focus area is no chapter of this PDF.
    assert!(!text.contains("Forebyggelse"), "{text}");
}
