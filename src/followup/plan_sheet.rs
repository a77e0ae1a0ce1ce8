//! "Eksportér til Excel" and `export-xlsx`: a plan's goals as one sheet, one row per goal,
//! for colleagues who work in Excel. Nothing is read back from it.

use super::shape::WriteError;
use crate::model::{GoalId, MISSING_OWNER, Person, Plan, Status};
use crate::units::{format_date, format_figure, shorten};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The column titles.
pub const PLAN_HEADERS: [&str; 9] = [
    "Nr.",
    "Indsatsområde",
    "Mål",
    "Tovholder",
    "Frist",
    "Status",
    "Seneste opfølgning",
    "Opfølgning",
    "Målepunkter (seneste / mål)",
];

/// The longest text a cell gets (a cell holds at most 32,767 characters).
const CELL_CHARS: usize = 4000;

/// The goals of `plan` as the bytes of an .xlsx file: those in `goals` (the board's filter),
/// or all when `None`, in the plan's order.
pub fn plan_sheet(
    plan: &Plan,
    people: &[Person],
    goals: Option<&[GoalId]>,
) -> Result<Vec<u8>, WriteError> {
    let fail = |what: &'static str| {
        move |_: XlsxError| WriteError {
            who: "planen".into(),
            what,
        }
    };
    let mut book = Workbook::new();
    fill(book.add_worksheet(), plan, people, goals).map_err(fail("arket med målene"))?;
    book.save_to_buffer().map_err(fail("filen"))
}

fn fill(
    sheet: &mut rust_xlsxwriter::Worksheet,
    plan: &Plan,
    people: &[Person],
    goals: Option<&[GoalId]>,
) -> Result<(), XlsxError> {
    sheet.set_name("Mål")?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xA6A6A6));
    sheet.write_string_with_format(0, 0, shorten(&plan.title, 200), &title)?;
    sheet.write_string(1, 0, format!("{} · {}", plan.organisation, plan.period))?;
    const HEADER_ROW: u32 = 3;
    for (c, t) in PLAN_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *t, &header)?;
    }
    for (c, w) in [7, 28, 45, 22, 14, 12, 16, 50, 40].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    let mut row = HEADER_ROW;
    for (a, g, area, goal) in plan.numbered_goals() {
        if goals.is_some_and(|chosen| !chosen.contains(&goal.id)) {
            continue;
        }
        row += 1;
        let owners: Vec<String> = goal
            .owners
            .iter()
            .map(|id| {
                people
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or_else(|| MISSING_OWNER.to_owned(), |p| p.name.clone())
            })
            .collect();
        let latest = goal.follow_ups.iter().max_by_key(|f| f.date);
        let figures: Vec<String> = goal
            .indicators
            .iter()
            .map(|i| {
                let latest = goal
                    .readings(i.id)
                    .last()
                    .map_or_else(|| "–".to_owned(), |r| format_figure(r.value, &i.unit));
                let target = i
                    .target
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), |t| format_figure(t.value, &i.unit));
                format!("{}: {latest} / {target}", i.name)
            })
            .collect();
        let cells = [
            plan.numbering.goal_number(a, g),
            plan.numbering
                .area_heading(&plan.labels, a, &shorten(&area.title, 200)),
            super::shape::cut(&goal.text, CELL_CHARS),
            owners.join(", "),
            goal.deadline.map(format_date).unwrap_or_default(),
            Status::label_of(goal.status).to_owned(),
            latest.map(|f| format_date(f.date)).unwrap_or_default(),
            latest
                .map(|f| super::shape::cut(&f.text, CELL_CHARS))
                .unwrap_or_default(),
            super::shape::cut(&figures.join("\n"), CELL_CHARS),
        ];
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, text, &cell)?;
        }
    }
    let last_col = (PLAN_HEADERS.len() - 1) as u16;
    sheet.autofilter(HEADER_ROW, 0, row, last_col)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_area(0, 0, row, last_col)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}
