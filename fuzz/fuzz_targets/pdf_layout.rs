//! The PDF layout with random text: a small plan (with a previous plan, so the review chapter
//! is laid out too) gets the fuzz input's text in its titles, goal texts, details,
//! documentation, follow-ups, names, contact lines and budget. The layout must never panic
//! and must keep every box inside the margins (the check of tests/pdf.rs, `assert_inside`);
//! the PDF writer must turn every such layout into a PDF.
//!
//! Input: byte 0 chooses the options and the plan's state (bits 0–2) and whether one field is a
//! pasted blob (bit 3: the field `PASTED[bits 4–7]` is repeated to a million characters without
//! a break, as a base64 image or URL list pasted by mistake is, issue 17); bytes 1–8 an amount;
//! the rest is split at 0xFF bytes (never part of UTF-8) into the text fields, in the order of
//! `document`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use virkplan::model::{
    Budget, BudgetRow, Contact, Date, PlanBundle, FocusArea, FollowUp, FollowUpId, Goal, GoalId,
    Period, Person, PersonId, Plan, PlanId, PlanState, Section, Status,
};
use virkplan::report::layout::{
    self, Layout, MARGINS, Mark, PAGE_HEIGHT, PAGE_MARGIN_MIN, PAGE_WIDTH,
};
use virkplan::report::{self, Options};

/// Every content item inside the margins, every artifact inside the paper's safe area: the
/// same check as `assert_inside` in tests/pdf.rs.
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

/// The fields a blob may land in (indices into `Fields`): titles, names, goal texts, the budget
/// area, contact lines, body texts.
const PASTED: [usize; 16] = [0, 1, 2, 4, 7, 9, 10, 12, 14, 17, 18, 20, 21, 32, 34, 38];

/// How long a pasted blob is.
const BLOB_CHARS: usize = 1_000_000;

/// The fuzz input's text fields, in order; missing ones are empty.
struct Fields(Vec<String>);

impl Fields {
    fn get(&self, i: usize) -> String {
        self.0.get(i).cloned().unwrap_or_default()
    }

    /// A field that must not be blank (titles, names): "x" when it is.
    fn non_blank(&self, i: usize) -> String {
        let s = self.get(i);
        if s.trim().is_empty() { "x".into() } else { s }
    }
}

fn goal(id: i64, text: String, details: String, documentation: String, f: &Fields) -> Goal {
    Goal {
        id: GoalId(id),
        text,
        details,
        documentation,
        owners: vec![PersonId(0), PersonId(1)],
        deadline: Date::parse_iso("2013-06").ok(),
        status: Some(Status::AtRisk),
        continues: None,
        follow_ups: vec![FollowUp {
            id: FollowUpId(0),
            date: Date::parse_iso("2012-06-01").expect("a date"),
            status: Some(Status::OnTrack),
            text: f.get(20),
            extra: None,
        }],
        extra: None,
    }
}

fn document(f: &Fields, state: PlanState, amount: i64) -> PlanBundle {
    let previous = Plan {
        id: PlanId(1),
        title: f.non_blank(21),
        period: Period {
            start: 2010,
            end: 2011,
        },
        state: PlanState::Approved,
        focus_areas: vec![FocusArea {
            title: f.non_blank(22),
            goals: vec![goal(1, f.non_blank(23), f.get(24), String::new(), f)],
            ..FocusArea::default()
        }],
        ..Plan::default()
    };
    let mut continued = goal(3, f.non_blank(14), f.get(15), f.get(16), f);
    continued.continues = Some(GoalId(1));
    let current = Plan {
        id: PlanId(2),
        previous: Some(PlanId(1)),
        title: f.non_blank(0),
        organisation: f.get(1),
        municipality: f.get(2),
        period: Period {
            start: 2012,
            end: 2013,
        },
        journal_number: f.get(3),
        contact: Contact {
            address: f.get(4),
            phone: f.get(5),
            email: f.get(6),
            web: f.get(7),
            extra: None,
        },
        state,
        approved_on: (state == PlanState::Approved)
            .then(|| Date::parse_iso("2012-01-15").expect("a date")),
        approved_by: f.get(8),
        sections: vec![Section {
            title: f.non_blank(9),
            body: f.get(10),
            ..Section::default()
        }],
        focus_areas_intro: f.get(11),
        focus_areas: vec![
            FocusArea {
                title: f.non_blank(12),
                description: f.get(13),
                goals: vec![goal(2, f.non_blank(17), f.get(18), f.get(19), f), continued],
                ..FocusArea::default()
            },
            FocusArea {
                title: f.non_blank(25),
                goals: vec![goal(4, f.non_blank(26), f.get(27), f.get(28), f)],
                ..FocusArea::default()
            },
        ],
        review_intro: f.get(29),
        budget: Budget {
            title: f.get(30),
            year: Some(2012),
            note: f.get(31),
            rows: vec![
                BudgetRow {
                    area: f.get(32),
                    expenses: amount,
                    income: amount.wrapping_neg(),
                    ..BudgetRow::default()
                },
                BudgetRow {
                    area: f.get(33),
                    expenses: 1_120_883_000,
                    income: -21_742_000,
                    ..BudgetRow::default()
                },
            ],
            extra: None,
        },
        ..Plan::default()
    };
    PlanBundle {
        people: vec![
            Person {
                id: PersonId(0),
                name: f.non_blank(34),
                title: f.get(35),
                email: f.get(36),
                unit: f.get(37),
                extra: None,
            },
            Person {
                id: PersonId(1),
                name: f.non_blank(38),
                ..Person::default()
            },
        ],
        plans: vec![previous, current],
        extra: None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (amount, rest) = match rest.split_at_checked(8) {
        Some((a, r)) => (i64::from_le_bytes(a.try_into().expect("8 bytes")), r),
        None => (0, rest),
    };
    let mut fields = Fields(
        rest.split(|&b| b == 0xFF)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect(),
    );
    if flags & 8 != 0 {
        let i = PASTED[usize::from(flags >> 4)];
        if fields.0.len() <= i {
            fields.0.resize(i + 1, String::new());
        }
        // Whitespace is dropped, so that the blob is one unbroken word whatever the input.
        let seed: String = fields.0[i].chars().filter(|c| !c.is_whitespace()).collect();
        let seed = if seed.is_empty() { "x".to_string() } else { seed };
        fields.0[i] = seed.chars().cycle().take(BLOB_CHARS).collect();
    }
    let state = if flags & 1 == 0 {
        PlanState::Draft
    } else {
        PlanState::Approved
    };
    let doc = document(&fields, state, amount);
    let options = Options {
        summary: flags & 2 != 0,
        review: flags & 4 == 0,
        created: Some(1_353_700_000),
    };
    let l = layout::layout(&doc, PlanId(2), &options).expect("the plan is in the document");
    assert_inside(&l);
    let export = report::export_pdf(&doc, PlanId(2), &options).expect("every layout renders");
    assert!(export.bytes.starts_with(b"%PDF-"));
});
