//! The PDF for the byråd (issue 4): the reference plan exported and read back with lopdf
//! (content and order, contents page numbers, metadata and language, the nested outline, links),
//! and the layout's boxes checked directly (margins, running header and footer, UDKAST, table
//! headers repeated, headings kept with their text), plus a property test with random Unicode.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test

mod common;
mod pdf_common;

use common::REFERENCE_JSON;
use lopdf::{Document as Pdf, Object};
use pdf_common::{assert_tagged, dict, layout_text, text_string};
use proptest::prelude::*;
use virkplan::model::{
    BudgetRow, FocusArea, Goal, GoalId, PlanBundle, PlanId, PlanState, Section, Status,
};
use virkplan::report::layout::{
    self, Artifact, Layout, MARGINS, Mark, PAGE_HEIGHT, PAGE_MARGIN_MIN, PAGE_WIDTH, Role, Shape,
    Target,
};
use virkplan::report::{self, Options, Warning};

fn reference() -> (PlanBundle, PlanId) {
    let doc = virkplan::json::parse_document(&std::fs::read(REFERENCE_JSON).unwrap())
        .expect("reference plan parses");
    let id = doc
        .plans
        .iter()
        .find(|p| p.title == "Virksomhedsplan 2012/2013")
        .expect("the 2012/2013 plan")
        .id;
    (doc, id)
}

fn options() -> Options {
    Options {
        created: Some(1_353_700_000),
        ..Options::default()
    }
}

fn pdf_text(pdf: &Pdf) -> Vec<String> {
    let pages = pdf.get_pages();
    pages
        .keys()
        .map(|n| pdf.extract_text(&[*n]).expect("text extracts"))
        .collect()
}

/// Asserts that `needles` occur in `hay` in this order.
fn in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match hay[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("«{n}» not found (in order) after byte {from}"),
        }
    }
}

#[test]
fn the_reference_plan_reads_back_in_the_original_order() {
    let (doc, id) = reference();
    let export = report::export_pdf(&doc, id, &options()).expect("export");
    assert!(export.warnings.is_empty(), "{:?}", export.warnings);
    let pdf = Pdf::load_mem(&export.bytes).expect("lopdf reads the PDF");
    assert_eq!(pdf.get_pages().len(), export.pages);
    let text = pdf_text(&pdf).join("\n");
    in_order(
        &text,
        &[
            "Albertslund Kommune",
            "Virksomhedsplan 2012/2013",
            "Sundheds- og Socialforvaltningen",
            "Periode 2012–2013",
            "UDKAST",
            "Nordmarks Allé",
            "socialforvaltningen@albertslund.dk",
            "Journalnr. 11/7879",
            "Indhold",
            "Indledning",
            "Hvem er vi?",
            "Den budgetmæssige ramme",
            "Indsatsområder",
            "1. Sundhed og forebyggelse",
            "4. Den kompetente kommune",
            "Opfølgning på Virksomhedsplan 2010/2011",
            "5. Sundhed",
            "9. Budgetaftale 2010",
            // The body.
            "Forvaltningens virksomhedsplan er et ledelses- og styringsredskab",
            "Hvem er vi?",
            "Det bedste i mennesket",
            "Den budgetmæssige ramme",
            "Område",
            "Udgifter",
            "Indtægter",
            "Samlet resultat",
            "Ældrepleje",
            "102.560.000",
            "-21.742.000",
            "80.818.000",
            "I alt",
            "1.120.883.000",
            "-273.283.000",
            "847.600.000",
            "Ca. 67% af budgettet",
            "Indsatsområder",
            "1. Sundhed og forebyggelse",
            "Mål:",
            "Understøtte anvendelse af forebyggelsesstrategien",
            "Dokumentation:",
            "Tovholder:",
            "Børge Alstrup",
            "Status:",
            "Ikke startet",
            "2. Mestring af livet",
            "Børge Alstrup, Birgitte Nielsen",
            "3. Aktivt medborgerskab",
            "4. Den kompetente kommune",
            "Opfølgning på Virksomhedsplan 2010/2011",
            "I det følgende evalueres",
            "5. Sundhed",
            "Tværgående og forebyggende sundhedsindsats",
            "Opfølgning:",
            "Januar 2012",
            "Forebyggelsesstrategien er udarbejdet",
            "6. Miljø og klima",
            "7. Ledelse og trivsel",
            "Maj 2010",
            "Januar 2012",
            "8. Økonomistyring",
            "9. Budgetaftale 2010",
            "Madproduktion",
        ],
    );
    // Running header and footer, not on the cover.
    let pages = pdf_text(&pdf);
    assert!(!pages[0].contains("Side 1 af"));
    let n = pages.len();
    assert!(pages[2].contains(&format!("Side 3 af {n}")), "{}", pages[2]);
    assert!(pages[2].contains("Sundheds- og Socialforvaltningen"));
}

#[test]
fn contents_page_numbers_are_the_real_pages_and_the_entries_link_there() {
    let (doc, id) = reference();
    let l = layout::layout(&doc, id, &options()).unwrap();
    let s = &l.structure;
    let mut checked = 0;
    for page in &l.pages {
        // A contents entry: its link (a Link node under a TOCI) and its number (Reference).
        let mut link_target = None;
        for item in &page.items {
            let Mark::Node(node) = item.mark else {
                continue;
            };
            let role = &s.node(node).unwrap().role;
            match (&item.shape, role) {
                (
                    Shape::Link {
                        target: Target::Page { page, .. },
                        ..
                    },
                    Role::Link,
                ) => link_target = Some(*page),
                (Shape::Text(r), Role::Reference) => {
                    let target = link_target.take().expect("the entry's link comes first");
                    assert_eq!(r.text, target.to_string(), "number = link target");
                    checked += 1;
                }
                _ => {}
            }
        }
    }
    assert!(checked >= 18, "only {checked} contents entries");
    // And each heading of the contents is on the page it names.
    let text = layout_text(&l);
    for e in l.outline.iter().filter(|e| e.level <= 2) {
        assert!(
            text[e.page - 1].contains(e.title.trim_end_matches('…')),
            "«{}» not on page {}",
            e.title,
            e.page
        );
    }

    // In the PDF: the contents pages carry link annotations whose destination is a page object.
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    let pages = pdf.get_pages();
    let page_of: std::collections::HashMap<_, _> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let toc_page = pages[&2];
    let annots = pdf
        .get_dictionary(toc_page)
        .unwrap()
        .get(b"Annots")
        .unwrap();
    let Object::Array(annots) = annots else {
        panic!()
    };
    assert!(annots.len() >= 18);
    for a in annots {
        let a = dict(&pdf, a);
        let action = dict(&pdf, a.get(b"A").unwrap());
        let Object::Array(dest) = action.get(b"D").unwrap() else {
            panic!()
        };
        let Object::Reference(target) = dest[0] else {
            panic!()
        };
        assert!(page_of[&target] > 2, "a contents link points into the body");
    }
}

#[test]
fn metadata_language_and_viewer_preferences() {
    let (doc, id) = reference();
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "da-DK");
    let prefs = dict(&pdf, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        prefs.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );
    let info = dict(&pdf, pdf.trailer.get(b"Info").unwrap());
    assert_eq!(
        text_string(info.get(b"Title").unwrap()),
        "Virksomhedsplan 2012/2013"
    );
    assert_eq!(
        text_string(info.get(b"Author").unwrap()),
        "Sundheds- og Socialforvaltningen"
    );
    assert!(text_string(info.get(b"Subject").unwrap()).contains("Albertslund Kommune"));
    assert_eq!(
        text_string(info.get(b"CreationDate").unwrap()),
        "D:20121123194640Z"
    );
    // The fonts are embedded subsets.
    let mut fonts = 0;
    for (_, obj) in pdf.objects.iter() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").ok() == Some(&Object::Name(b"FontDescriptor".to_vec()))
        {
            fonts += 1;
            assert!(d.has(b"FontFile2"), "font embedded");
            let Object::Name(name) = d.get(b"FontName").unwrap() else {
                panic!()
            };
            assert_eq!(
                name[6],
                b'+',
                "subset tag: {}",
                String::from_utf8_lossy(name)
            );
        }
    }
    assert!(fonts >= 2);
    assert!(export.bytes.len() < 400_000, "{} bytes", export.bytes.len());
}

/// (title, level, children) of the outline items under `first`.
fn outline_items(pdf: &Pdf, first: Option<&Object>) -> Vec<(String, Vec<(String, usize)>)> {
    let mut out = Vec::new();
    let mut cur = first.cloned();
    while let Some(Object::Reference(id)) = cur {
        let d = pdf.get_dictionary(id).unwrap();
        let title = text_string(d.get(b"Title").unwrap());
        let mut kids = Vec::new();
        let mut k = d.get(b"First").ok().cloned();
        while let Some(Object::Reference(kid)) = k {
            let kd = pdf.get_dictionary(kid).unwrap();
            let grandchildren = outline_items(pdf, kd.get(b"First").ok()).len();
            kids.push((text_string(kd.get(b"Title").unwrap()), grandchildren));
            k = kd.get(b"Next").ok().cloned();
        }
        out.push((title, kids));
        cur = d.get(b"Next").ok().cloned();
    }
    out
}

#[test]
fn the_outline_is_nested_like_the_chapters() {
    let (doc, id) = reference();
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert_eq!(
        catalog.get(b"PageMode").unwrap(),
        &Object::Name(b"UseOutlines".to_vec())
    );
    let root = dict(&pdf, catalog.get(b"Outlines").unwrap());
    let items = outline_items(&pdf, root.get(b"First").ok());
    let chapters: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        chapters,
        [
            "Indhold",
            "Indledning",
            "Indsatsområder",
            "Opfølgning på Virksomhedsplan 2010/2011"
        ]
    );
    let areas: Vec<(&str, usize)> = items[2].1.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    assert_eq!(
        areas,
        [
            ("1. Sundhed og forebyggelse", 3),
            ("2. Mestring af livet", 5),
            ("3. Aktivt medborgerskab", 3),
            ("4. Den kompetente kommune", 4)
        ]
    );
    assert_eq!(items[3].1.len(), 5);
    assert_eq!(items[3].1[0].0, "5. Sundhed");
    assert!(
        items[1]
            .1
            .iter()
            .any(|(t, _)| t == "Den budgetmæssige ramme")
    );
}

/// Every content item inside the margins, every artifact inside the paper's safe area.
fn assert_inside(l: &Layout) {
    for (n, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            let (x0, y0, x1, y1) = item.shape.bbox();
            let (left, top, right, bottom) = match item.mark {
                Mark::Node(_) => (
                    MARGINS.left,
                    MARGINS.top,
                    PAGE_WIDTH - MARGINS.right,
                    PAGE_HEIGHT - MARGINS.bottom,
                ),
                Mark::Artifact(_) => (
                    PAGE_MARGIN_MIN,
                    PAGE_MARGIN_MIN,
                    PAGE_WIDTH - PAGE_MARGIN_MIN,
                    PAGE_HEIGHT - PAGE_MARGIN_MIN,
                ),
            };
            let eps = 0.05;
            assert!(
                x0 >= left - eps && y0 >= top - eps && x1 <= right + eps && y1 <= bottom + eps,
                "page {}: {:?} at ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1}) outside ({left:.1}, {top:.1})–({right:.1}, {bottom:.1})",
                n + 1,
                item.shape,
            );
        }
    }
}

#[test]
fn nothing_is_placed_outside_the_margins() {
    let (doc, id) = reference();
    for summary in [false, true] {
        let l = layout::layout(
            &doc,
            id,
            &Options {
                summary,
                ..options()
            },
        )
        .unwrap();
        assert_inside(&l);
        assert_no_stranded_headings(&l);
    }
}

#[test]
fn a_draft_is_marked_on_every_page_and_an_approved_plan_names_who_approved() {
    let (mut doc, id) = reference();
    let l = layout::layout(&doc, id, &options()).unwrap();
    for page in &l.pages {
        assert!(
            page.items
                .iter()
                .any(|i| i.mark == Mark::Artifact(Artifact::Draft)),
            "UDKAST on every page"
        );
    }
    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.state = PlanState::Approved;
    plan.approved_by = "Sundheds- og Socialudvalget".into();
    plan.approved_on = virkplan::model::Date::parse_iso("2012-06-01").ok();
    let l = layout::layout(&doc, id, &options()).unwrap();
    assert!(
        l.pages
            .iter()
            .flat_map(|p| &p.items)
            .all(|i| i.mark != Mark::Artifact(Artifact::Draft))
    );
    assert!(
        layout_text(&l)[0].contains("Godkendt af Sundheds- og Socialudvalget den 1. juni 2012")
    );
}

#[test]
fn no_review_leaves_the_chapter_out_and_summary_adds_table_and_chart() {
    let (doc, id) = reference();
    let without = layout::layout(
        &doc,
        id,
        &Options {
            review: false,
            ..options()
        },
    )
    .unwrap();
    let text = layout_text(&without).join("\n");
    assert!(!text.contains("Opfølgning på Virksomhedsplan 2010/2011"));
    assert!(!text.contains("9. Budgetaftale 2010"));

    let with = layout::layout(
        &doc,
        id,
        &Options {
            summary: true,
            ..options()
        },
    )
    .unwrap();
    let text = layout_text(&with).join("\n");
    in_order(
        &text,
        &[
            "Statusoverblik",
            "Indsatsområde",
            "Ikke startet",
            "I alt",
            "15",
        ],
    );
    let figure = with
        .structure
        .nodes
        .iter()
        .find(|n| n.role == Role::Figure)
        .expect("a figure");
    let alt = figure.alt.as_deref().unwrap();
    assert!(
        alt.contains("1. Sundhed og forebyggelse: 3 mål, 3 ikke startet"),
        "{alt}"
    );
    // The bars are vector rectangles inside the figure.
    let bars = with
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i.shape, Shape::Rect { .. }) && matches!(i.mark, Mark::Node(n) if with.structure.node(n).unwrap().role == Role::Figure))
        .count();
    assert!(bars >= 4 + 7);
}

#[test]
fn a_long_table_repeats_its_header_and_headings_stay_with_their_text() {
    let (mut doc, id) = reference();
    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.budget.rows = (0..150)
        .map(|i| BudgetRow {
            area: format!("Område nummer {i} med et navn, der er langt nok til at fylde"),
            expenses: 1_000_000 * i,
            income: -12_345 * i,
            ..BudgetRow::default()
        })
        .collect();
    let l = layout::layout(&doc, id, &options()).unwrap();
    let mut continued = 0;
    for page in &l.pages {
        let repeated: Vec<&str> = page
            .items
            .iter()
            .filter(|i| i.mark == Mark::Artifact(Artifact::RepeatedHeader))
            .filter_map(|i| match &i.shape {
                Shape::Text(r) => Some(r.text.as_str()),
                _ => None,
            })
            .collect();
        if !repeated.is_empty() {
            assert_eq!(
                repeated,
                ["Område", "Udgifter", "Indtægter", "Samlet resultat"]
            );
            continued += 1;
        }
    }
    assert!(continued >= 2, "the table ran over {continued} pages");
    assert_inside(&l);

    assert_no_stranded_headings(&l);
}

/// No page ends with a heading, a caption or a goal field's label.
fn assert_no_stranded_headings(l: &Layout) {
    for (n, page) in l.pages.iter().enumerate() {
        let last = page
            .items
            .iter()
            .rev()
            .find_map(|i| match i.mark {
                Mark::Node(node) => Some(node),
                _ => None,
            })
            .unwrap();
        let role = &l.structure.node(last).unwrap().role;
        assert!(
            !matches!(role, Role::Heading(_) | Role::Lbl | Role::Caption),
            "page {} ends with a {role:?}",
            n + 1
        );
    }
}

#[test]
fn a_character_no_font_has_is_replaced_reported_and_extracts_as_typed() {
    let (mut doc, id) = reference();
    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.focus_areas[0].goals[0].text = "Glade borgere og שלום og 中文".into();
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let chars: Vec<char> = export
        .warnings
        .iter()
        .map(|Warning::MissingGlyph { ch, .. }| *ch)
        .collect();
    assert_eq!(chars, ['中', '文'], "Hebrew comes from the fallback font");
    assert!(export.warnings[0].to_string().contains("mål 1.1"));
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    // The replacement is wrapped in a Span with /ActualText.
    let mut found = false;
    for (_, id) in pdf.get_pages() {
        let content = pdf.get_page_content(id);
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        for op in ops {
            if op.operator == "BDC"
                && let Some(Object::Dictionary(d)) = op.operands.get(1)
                && let Ok(actual) = d.get(b"ActualText")
            {
                let t = text_string(actual);
                if t == "中文" {
                    found = true;
                }
            }
        }
    }
    assert!(found, "ActualText with the original characters");
}

/// A pasted blob (issue 17, case 1): a goal text of a million characters without a space
/// exports (it used to take minutes: breaking was quadratic in its length), and the PDF's
/// text holds all of it, in order, between the running headers and footers of its pages.
#[test]
fn a_million_character_blob_in_a_goal_exports_whole_and_in_order() {
    let (mut doc, id) = reference();
    // Pseudo-random base64, so that a piece out of place or missing cannot go unseen.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let text: String = (0..1_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % 64) as usize] as char
        })
        .collect();
    let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
    plan.focus_areas[0].goals[0].text = text.clone();
    let (title, organisation, municipality) = (
        plan.title.clone(),
        plan.organisation.clone(),
        plan.municipality.clone(),
    );
    let export = report::export_pdf(&doc, id, &options()).expect("the blob exports");
    let pdf = Pdf::load_mem(&export.bytes).expect("PDF loads");
    let pages = pdf_text(&pdf);
    assert_eq!(pages.len(), export.pages);
    assert!(export.pages > 300, "{} pages", export.pages);
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        let mut page = squeeze(page);
        // The draft mark and the running header and footer of the page are not part of the
        // goal.
        for decoration in [
            "UDKAST".to_string(),
            title.clone(),
            organisation.clone(),
            municipality.clone(),
            format!("Side{}af{}", i + 1, pages.len()),
        ] {
            page = page.replacen(&squeeze(&decoration), "", 1);
        }
        body.push_str(&page);
    }
    assert!(
        body.contains(&text),
        "the million characters, whole and in order"
    );
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,80}",
        1 => "[a-zæøå ]{0,40}",
        1 => proptest::collection::vec(any::<char>(), 0..60).prop_map(|v| v.into_iter().collect()),
        1 => Just("😀👍🏽🇩🇰 مرحبا بالعالم שלום עולם\u{202E}abc\u{0}\u{7}\t\r\n".to_string()),
        1 => (1usize..3000).prop_map(|n| "ø".repeat(n)),
        1 => Just(format!("https://{}/x", "a".repeat(10_000))),
        1 => Just("- punkt\n- punkt 2\n\n1. nummer\nfortsat\n\n\n".to_string()),
    ]
}

/// An unbroken text of a million characters, as a paste gone wrong gives (issue 17): a base64
/// image, one letter held down, a URL list, characters only the fallback font has, characters
/// no font has (each drawn as □ and extracted as typed).
fn blob(kind: u8) -> String {
    const N: usize = 1_000_000;
    let pattern = match kind % 5 {
        0 => {
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        }
        1 => "x",
        2 => "https://www.albertslund.dk/politik/?id=1&side=2;bilag_3.pdf,",
        3 => "שלוםעולם",
        _ => "中文",
    };
    pattern.chars().cycle().take(N).collect()
}

/// Figures from the smallest to the largest a plan may hold (15 digits, exponents ±30).
const NUMBERS: &[&str] = &[
    "0",
    "62.5",
    "75",
    "-3",
    "999999999999999",
    "0.000000000000001",
    "1e30",
    "-1e-30",
    "1500",
];
const DATES: &[&str] = &[
    "2011",
    "2012-H2",
    "2012-Q3",
    "2013-06",
    "2013-06-30",
    "1000",
    "9999-12-31",
];

/// Puts the version-2 content of the property test on a plan (see `arb_plan`).
#[allow(clippy::type_complexity)]
fn version_2(
    plan: &mut virkplan::model::Plan,
    owner: virkplan::model::PersonId,
    words: &[String],
    (areas, goals, hide, email, title): (usize, usize, bool, bool, bool),
    figures: &[(String, String, &str, &str, &str, &str)],
    measured: &[(&str, &str)],
    milestones: &[(String, Option<&str>, bool)],
) {
    use virkplan::model::{
        AreaNumbering, Date, EmptyFields, Figure, FollowUp, FollowUpId, GoalNumbering, Indicator,
        IndicatorId, Labels, Measurement, Milestone, Number,
    };
    let word = |i: usize| Some(words[i].clone());
    plan.labels = Labels {
        focus_area: word(0),
        focus_areas: word(1),
        goal: word(2),
        owner: word(3),
        documentation: word(4),
        intro: word(5),
        extra: None,
    };
    plan.numbering.focus_areas = AreaNumbering::ALL[areas];
    plan.numbering.goals = GoalNumbering::ALL[goals];
    plan.print.empty_fields = if hide {
        EmptyFields::Hide
    } else {
        EmptyFields::Dash
    };
    plan.print.owner_email = email;
    plan.print.owner_title = title;
    let ids: Vec<GoalId> = plan.goals().map(|(_, g)| g.id).collect();
    let Some(area) = plan.focus_areas.first_mut() else {
        return;
    };
    area.owners = vec![owner];
    let Some(goal) = area.goals.first_mut() else {
        return;
    };
    let n = |t: &str| Number::parse(t).unwrap();
    let d = |t: &str| Date::parse_iso(t).unwrap();
    goal.owners = vec![owner];
    goal.related = ids
        .iter()
        .copied()
        .filter(|id| *id != goal.id)
        .take(1)
        .collect();
    goal.indicators = figures
        .iter()
        .enumerate()
        .map(|(i, (name, unit, base, target, from, to))| Indicator {
            id: IndicatorId(i as i64 + 1),
            name: name.clone(),
            unit: unit.clone(),
            baseline: Some(Figure {
                value: n(base),
                date: Some(d(from)),
                extra: None,
            }),
            // Now and then a target without a date (when both dates drawn are the same).
            target: Some(Figure {
                value: n(target),
                date: (from != to).then(|| d(to)),
                extra: None,
            }),
            direction: None,
            extra: None,
        })
        .collect();
    goal.follow_ups = measured
        .iter()
        .map(|(date, value)| FollowUp {
            id: FollowUpId(0),
            date: d(date),
            status: None,
            text: String::new(),
            measurements: goal
                .indicators
                .iter()
                .map(|i| Measurement {
                    indicator: i.id,
                    value: n(value),
                    extra: None,
                })
                .collect(),
            extra: None,
        })
        .collect();
    goal.milestones = milestones
        .iter()
        .map(|(text, date, done)| Milestone {
            text: text.clone(),
            date: date.map(d),
            done: *done,
            ..Milestone::default()
        })
        .collect();
}

prop_compose! {
    fn arb_plan()(
        title in arb_text(), org in arb_text(), intro in arb_text(),
        areas in proptest::collection::vec((arb_text(), arb_text(), proptest::collection::vec((arb_text(), arb_text(), arb_text()), 0..3)), 0..3),
        budget in proptest::collection::vec((arb_text(), any::<i64>(), any::<i64>()), 0..4),
        draft in any::<bool>(),
        // Which field (title, goal text, budget area, a goal owner's name, organisation) gets
        // an unbroken million characters, and of which kind.
        pasted in proptest::option::weighted(0.2, (0u8..5, 0u8..5)),
        // Version 2: the plan's own words and styles, print settings, an owner's mail, and
        // on the first goal indicators with measurements, milestones and a related goal.
        words in proptest::collection::vec(arb_text(), 7),
        styles in (0usize..5, 0usize..4, any::<bool>(), any::<bool>(), any::<bool>()),
        figures in proptest::collection::vec(
            (arb_text(), arb_text(), proptest::sample::select(NUMBERS), proptest::sample::select(NUMBERS), proptest::sample::select(DATES), proptest::sample::select(DATES)),
            0..3,
        ),
        measured in proptest::collection::vec((proptest::sample::select(DATES), proptest::sample::select(NUMBERS)), 0..4),
        milestones in proptest::collection::vec((arb_text(), proptest::option::of(proptest::sample::select(DATES)), any::<bool>()), 0..3),
    ) -> PlanBundle {
        let (mut doc, id) = reference();
        let owner = doc.people[0].id;
        let plan = doc.plans.iter_mut().find(|p| p.id == id).unwrap();
        plan.title = if title.trim().is_empty() { "x".into() } else { title };
        plan.organisation = org;
        plan.state = if draft { PlanState::Draft } else { PlanState::Approved };
        plan.sections.push(Section { title: intro.clone(), body: intro, ..Section::default() });
        plan.budget.rows = budget.into_iter().map(|(area, expenses, income)| BudgetRow { area, expenses, income, ..BudgetRow::default() }).collect();
        let mut g = 10_000;
        plan.focus_areas = areas.into_iter().map(|(title, description, goals)| FocusArea {
            title, description,
            goals: goals.into_iter().map(|(text, details, documentation)| { g += 1; Goal {
                id: GoalId(g), text, details, documentation, status: Some(Status::AtRisk), ..Goal::default()
            }}).collect(),
            ..FocusArea::default()
        }).collect();
        version_2(plan, owner, &words, styles, &figures, &measured, &milestones);
        doc.people[0].email = words[6].clone();
        if let Some((field, kind)) = pasted {
            let text = blob(kind);
            let mut goal = Goal { id: GoalId(20_000), text: "Mål med en indsat tekst".into(), owners: vec![owner], ..Goal::default() };
            match field {
                0 => plan.title = text,
                1 => goal.text = text,
                2 => plan.budget.rows.push(BudgetRow { area: text, expenses: 1, income: -1, ..BudgetRow::default() }),
                3 => {}
                _ => plan.organisation = text,
            }
            plan.focus_areas.push(FocusArea { title: "Indsat tekst".into(), goals: vec![goal], ..FocusArea::default() });
            if field == 3 {
                doc.people[0].name = blob(kind);
            }
        }
        doc
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_unicode_never_panics_and_never_leaves_the_margins(doc in arb_plan(), summary in any::<bool>()) {
        let id = reference().1;
        let options = Options { summary, ..options() };
        let l = layout::layout(&doc, id, &options).unwrap();
        assert_inside(&l);
        let export = report::export_pdf(&doc, id, &options).unwrap();
        let title = doc.plans.iter().find(|p| p.id == id).unwrap().title.clone();
        assert_tagged(&export.bytes, &title);
    }
}

#[test]
fn the_reference_plan_is_a_tagged_pdf_in_reading_order() {
    let (doc, id) = reference();
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let tags = assert_tagged(&export.bytes, "Virksomhedsplan 2012/2013");
    for t in [
        "Part",
        "TOC",
        "TOCI",
        "Link",
        "Reference",
        "H1",
        "H2",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "THead",
        "TBody",
        "TR",
        "TH",
        "TD",
    ] {
        assert!(tags.iter().any(|x| x == t), "{t} in the tree");
    }
    // Reading order: cover, contents, chapters.
    let pos = |t: &str| tags.iter().position(|x| x == t).unwrap();
    assert!(pos("Part") < pos("TOC") && pos("TOC") < pos("Table"));
}

#[test]
fn every_optional_part_is_tagged_the_chart_with_words() {
    // The 2012/2013 plan is a draft with a budget and a previous plan; add the summary.
    let (doc, id) = reference();
    let options = Options {
        summary: true,
        ..options()
    };
    let export = report::export_pdf(&doc, id, &options).unwrap();
    let tags = assert_tagged(&export.bytes, "Virksomhedsplan 2012/2013");
    assert!(tags.iter().any(|t| t == "Figure"));
    // The approved 2010/2011 plan: no draft mark, no review.
    let old = doc
        .plans
        .iter()
        .find(|p| p.title == "Virksomhedsplan 2010/2011")
        .unwrap()
        .id;
    let export = report::export_pdf(&doc, old, &options).unwrap();
    assert_tagged(&export.bytes, "Virksomhedsplan 2010/2011");
}

#[test]
fn the_contact_blocks_lines_stay_apart_in_the_extracted_text() {
    let (doc, id) = reference();
    let export = report::export_pdf(&doc, id, &options()).unwrap();
    let pdf = Pdf::load_mem(&export.bytes).unwrap();
    // lopdf joins a page's text without the line breaks, as a screen reader that reads the
    // tagged paragraph does: the address's lines must still be separate words.
    let cover = pdf.extract_text(&[1]).unwrap().replace('\n', "");
    for pair in [
        "Albertslund Kommune Nordmarks Allé",
        "Nordmarks Allé 2620 Albertslund",
        "2620 Albertslund Telefon 43 68 68 68",
    ] {
        assert!(cover.contains(pair), "{pair:?} in {cover:?}");
    }
}
