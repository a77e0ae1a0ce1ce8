//! The workbook one tovholder fills in: sheet "Opfølgning" (one row per goal), sheet
//! "Målepunkter" (one row per indicator, when there are any) and the very hidden sheet of
//! ids. Only the answer cells are unlocked; the sheets are protected without a password
//! (nothing is secret, it only guards against typing in the wrong place).

use super::shape::{
    GOAL_HEADERS, GOALS_SHEET, IDS_SHEET, INDICATOR_HEADERS, INDICATORS_SHEET, LAYOUT_VERSION,
    MARKER, WorkbookIds, WriteError,
};
use crate::model::{Goal, GoalId, Indicator, IndicatorId, Package, Plan, Round, Status, letters};
use crate::units::{format_date, format_number, shorten};
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

/// What one workbook is made from.
#[derive(Debug, Clone, Copy)]
pub struct WorkbookSpec<'a> {
    /// The plan file's id (`Document::file_id`).
    pub file_id: &'a str,
    /// The plan as it is now.
    pub plan: &'a Plan,
    /// The stored round (its id is in the workbook).
    pub round: &'a Round,
    /// The tovholder's package: whose workbook, which goals and indicators.
    pub package: &'a Package,
    /// Whom the answers go back to, as the instruction names it ("Anne Hansen,
    /// ahan@albertslund.dk").
    pub return_to: &'a str,
}

/// The longest text a cell gets from the plan: a pasted blob stays readable and far below
/// the 32,767 characters a cell may hold.
const CELL_CHARS: usize = 1000;
/// The row of the column titles on sheet "Opfølgning" (0-based).
const GOAL_HEADER_ROW: u32 = 5;
/// The row of the column titles on sheet "Målepunkter".
const INDICATOR_HEADER_ROW: u32 = 3;
/// The column widths of sheet "Opfølgning" (Excel's units).
const GOAL_WIDTHS: [u16; 8] = [8, 45, 14, 12, 40, 14, 16, 50];
/// The column widths of sheet "Målepunkter".
const INDICATOR_WIDTHS: [u16; 7] = [8, 45, 12, 18, 18, 18, 14];
/// The light yellow of the cells to fill in.
const ANSWER_FILL: u32 = 0xFFF2CC;
/// The light grey of the column titles.
const HEADER_FILL: u32 = 0xD9D9D9;

/// A goal of the workbook with the number it shows in "Nr.".
pub(super) struct NumberedGoal<'a> {
    pub key: String,
    pub goal: &'a Goal,
}

/// The package's goals that the plan still has, in the plan's order, each with its number
/// as the plan prints it. When those numbers do not tell the goals apart (no numbering,
/// letters that restart in each focus area), every goal is numbered "area.goal" instead: the
/// number is what a returned row is matched by.
pub(super) fn numbered_goals<'a>(plan: &'a Plan, goals: &[GoalId]) -> Vec<NumberedGoal<'a>> {
    let chosen: Vec<(usize, usize, &Goal)> = plan
        .numbered_goals()
        .filter(|(_, _, _, g)| goals.contains(&g.id))
        .map(|(a, g, _, goal)| (a, g, goal))
        .collect();
    let printed: Vec<String> = chosen
        .iter()
        .map(|(a, g, _)| plan.numbering.goal_number(*a, *g))
        .collect();
    let unique = printed.iter().all(|n| !n.trim().is_empty())
        && printed
            .iter()
            .enumerate()
            .all(|(i, n)| !printed[..i].contains(n));
    chosen
        .iter()
        .zip(printed)
        .map(|((a, g, goal), number)| NumberedGoal {
            key: if unique {
                number
            } else {
                format!("{}.{}", a + 1, g + 1)
            },
            goal,
        })
        .collect()
}

/// The "Nr." of an indicator: its goal's number and a letter ("1.2 a").
pub(super) fn indicator_key(goal_key: &str, index: usize) -> String {
    format!("{goal_key} {}", letters(index, false))
}

/// The package's indicators the plan still has, each with its key and goal.
pub(super) fn numbered_indicators<'a>(
    goals: &[NumberedGoal<'a>],
    indicators: &[IndicatorId],
) -> Vec<(String, &'a Goal, &'a Indicator)> {
    let mut out = Vec::new();
    for g in goals {
        for (i, indicator) in g.goal.indicators.iter().enumerate() {
            if indicators.contains(&indicator.id) {
                out.push((indicator_key(&g.key, i), g.goal, indicator));
            }
        }
    }
    out
}

/// The workbook for one package, as the bytes of an .xlsx file.
pub fn write(spec: &WorkbookSpec<'_>) -> Result<Vec<u8>, WriteError> {
    let who = spec.package.person_name.clone();
    let fail = |what: &'static str| {
        let who = who.clone();
        move |_: XlsxError| WriteError { who, what }
    };
    let goals = numbered_goals(spec.plan, &spec.package.goals);
    let indicators = numbered_indicators(&goals, &spec.package.indicators);
    let mut book = Workbook::new();
    goal_sheet(book.add_worksheet(), spec, &goals).map_err(fail("arket «Opfølgning»"))?;
    if !indicators.is_empty() {
        indicator_sheet(book.add_worksheet(), spec, &indicators)
            .map_err(fail("arket «Målepunkter»"))?;
    }
    let ids = WorkbookIds {
        file: spec.file_id.to_owned(),
        plan: spec.plan.id,
        round: spec.round.id,
        person: spec.package.person,
    };
    ids_sheet(book.add_worksheet(), &ids, &goals, &indicators)
        .map_err(fail("arket med arbejdsbogens id'er"))?;
    book.save_to_buffer().map_err(fail("filen"))
}

/// The formats every sheet shares.
struct Looks {
    title: Format,
    plain: Format,
    instruction: Format,
    header: Format,
    locked: Format,
    answer: Format,
}

impl Looks {
    fn new() -> Looks {
        let cell = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xA6A6A6));
        Looks {
            title: Format::new().set_bold().set_font_size(14),
            plain: Format::new(),
            instruction: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_border(FormatBorder::Thin),
            locked: cell.clone(),
            answer: cell
                .set_unlocked()
                .set_num_format("@")
                .set_background_color(Color::RGB(ANSWER_FILL)),
        }
    }
}

/// Protection without a password that still lets the tovholder widen columns, sort and
/// filter (the rows are matched by their number, so sorting does no harm).
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    }
}

/// The height a row needs for its wrapped texts (points): neither Excel nor LibreOffice
/// fits a row to its text when it opens a file, so a long goal would be cut off. A column
/// `width` wide (in Excel's units, about one digit each) holds a little more than `width`
/// characters of ordinary text. A row of one line is left to the program (which then grows
/// it as the tovholder types); a taller one gets a line more, room to answer in, since a row
/// of a set height does not grow.
fn row_height(cells: &[(&str, u16)]) -> Option<f64> {
    const LINE: f64 = 15.0;
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (f64::from(*width) * 1.15).max(1.0);
            text.lines()
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    // Excel's tallest row is 409 points.
    (lines > 1.0).then(|| ((lines + 1.0) * LINE).min(409.0))
}

/// A4 landscape, one page wide, the header row on every page.
fn page_setup(
    sheet: &mut Worksheet,
    header_row: u32,
    last_row: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_area(0, 0, last_row, last_col)?;
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

fn goal_sheet(
    sheet: &mut Worksheet,
    spec: &WorkbookSpec<'_>,
    goals: &[NumberedGoal<'_>],
) -> Result<(), XlsxError> {
    let looks = Looks::new();
    let deadline = format_date(spec.round.deadline);
    sheet.set_name(GOALS_SHEET)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("Opfølgning på {}", shorten(&spec.plan.title, 200)),
        &looks.title,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "Tovholder: {} · {} · Svarfrist: {deadline}",
            spec.package.person_name, spec.round.name
        ),
        &looks.plain,
    )?;
    let last_col = (GOAL_HEADERS.len() - 1) as u16;
    sheet.merge_range(
        2,
        0,
        2,
        last_col,
        "Skriv i de gule felter ud for hvert mål: Ny status (vælg fra listen), Dato for \
         opfølgningen (fx 30.9.2013 eller 3. kvartal 2013) og Opfølgning (hvad er sket siden \
         sidst). Har målet målepunkter, skriver du de nye tal i arket «Målepunkter».",
        &looks.instruction,
    )?;
    sheet.merge_range(
        3,
        0,
        3,
        last_col,
        &format!(
            "Lad rækken stå tom, hvis der ikke er nyt. De grå felter kan ikke rettes, men \
             rækkerne må gerne sorteres. Gem regnearket, og send det tilbage til {} senest \
             {deadline}.",
            spec.return_to
        ),
        &looks.instruction,
    )?;
    sheet.set_row_height(2, 32)?;
    sheet.set_row_height(3, 32)?;
    for (col, title) in GOAL_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(GOAL_HEADER_ROW, col as u16, *title, &looks.header)?;
    }
    for (col, width) in GOAL_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    for (i, g) in goals.iter().enumerate() {
        let row = GOAL_HEADER_ROW + 1 + i as u32;
        let goal = g.goal;
        let latest = goal
            .follow_ups
            .iter()
            .max_by_key(|f| f.date)
            .map(|f| {
                let text = super::shape::cut(&f.text, CELL_CHARS);
                if text.is_empty() {
                    format_date(f.date)
                } else {
                    format!("{}: {text}", format_date(f.date))
                }
            })
            .unwrap_or_default();
        let cells = [
            g.key.clone(),
            super::shape::cut(&goal.text, CELL_CHARS),
            goal.deadline.map(format_date).unwrap_or_default(),
            Status::label_of(goal.status).to_owned(),
            latest,
        ];
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, text, &looks.locked)?;
        }
        let sized: Vec<(&str, u16)> = cells
            .iter()
            .zip(GOAL_WIDTHS)
            .map(|(t, w)| (t.as_str(), w))
            .collect();
        if let Some(height) = row_height(&sized) {
            sheet.set_row_height(row, height)?;
        }
        for col in 5..=7 {
            sheet.write_blank(row, col, &looks.answer)?;
        }
    }
    let last_row = GOAL_HEADER_ROW + goals.len().max(1) as u32;
    let words: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    let status = DataValidation::new()
        .allow_list_strings(&words)?
        .ignore_blank(true)
        .set_error_title("Ukendt status")?
        .set_error_message(format!("Vælg en status fra listen: {}.", words.join(", ")))?;
    sheet.add_data_validation(GOAL_HEADER_ROW + 1, 5, last_row, 5, &status)?;
    let date = DataValidation::new()
        .allow_any_value()
        .set_input_title("Dato")?
        .set_input_message("Fx 30.9.2013, september 2013 eller 3. kvartal 2013.")?;
    sheet.add_data_validation(GOAL_HEADER_ROW + 1, 6, last_row, 6, &date)?;
    page_setup(sheet, GOAL_HEADER_ROW, last_row, last_col)?;
    sheet.protect_with_options(&protection());
    sheet.set_active(true);
    Ok(())
}

/// A figure with its date, as the indicator table of the PDF shows it: "62,5 (2013)".
fn figure_text(value: crate::model::Number, date: Option<crate::model::Date>) -> String {
    match date {
        Some(d) => format!("{} ({})", format_number(value), format_date(d)),
        None => format_number(value),
    }
}

fn indicator_sheet(
    sheet: &mut Worksheet,
    spec: &WorkbookSpec<'_>,
    indicators: &[(String, &Goal, &Indicator)],
) -> Result<(), XlsxError> {
    let looks = Looks::new();
    sheet.set_name(INDICATORS_SHEET)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("Målepunkter: {}", shorten(&spec.plan.title, 200)),
        &looks.title,
    )?;
    let last_col = (INDICATOR_HEADERS.len() - 1) as u16;
    sheet.merge_range(
        1,
        0,
        1,
        last_col,
        "Skriv det nye tal i Ny værdi, fx 62,5 eller 1.250 (enheden står i kolonnen Enhed). \
         Tallet gælder den dato, du har skrevet ud for målet i arket «Opfølgning». Lad feltet \
         stå tomt, hvis der ikke er et nyt tal.",
        &looks.instruction,
    )?;
    sheet.set_row_height(1, 32)?;
    for (col, title) in INDICATOR_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(INDICATOR_HEADER_ROW, col as u16, *title, &looks.header)?;
    }
    for (col, width) in INDICATOR_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    for (i, (key, goal, indicator)) in indicators.iter().enumerate() {
        let row = INDICATOR_HEADER_ROW + 1 + i as u32;
        let latest = goal
            .readings(indicator.id)
            .last()
            .map(|r| figure_text(r.value, Some(r.date)))
            .unwrap_or_default();
        let figure = |f: &Option<crate::model::Figure>| {
            f.as_ref()
                .map(|f| figure_text(f.value, f.date))
                .unwrap_or_default()
        };
        let cells = [
            key.clone(),
            shorten(&indicator.name, CELL_CHARS),
            shorten(&indicator.unit, CELL_CHARS),
            figure(&indicator.baseline),
            latest,
            figure(&indicator.target),
        ];
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, text, &looks.locked)?;
        }
        let sized: Vec<(&str, u16)> = cells
            .iter()
            .zip(INDICATOR_WIDTHS)
            .map(|(t, w)| (t.as_str(), w))
            .collect();
        if let Some(height) = row_height(&sized) {
            sheet.set_row_height(row, height)?;
        }
        sheet.write_blank(row, 6, &looks.answer)?;
    }
    let last_row = INDICATOR_HEADER_ROW + indicators.len() as u32;
    page_setup(sheet, INDICATOR_HEADER_ROW, last_row, last_col)?;
    sheet.protect_with_options(&protection());
    Ok(())
}

/// The ids, as text (an id is never a float here): the marker and layout version, then one
/// row per field, then one row per goal ("mål", its Nr., its id) and per indicator
/// ("målepunkt", its Nr., its id, its goal's id).
fn ids_sheet(
    sheet: &mut Worksheet,
    ids: &WorkbookIds,
    goals: &[NumberedGoal<'_>],
    indicators: &[(String, &Goal, &Indicator)],
) -> Result<(), XlsxError> {
    sheet.set_name(IDS_SHEET)?;
    let mut rows: Vec<Vec<String>> = vec![
        vec![MARKER.into(), LAYOUT_VERSION.to_string()],
        vec!["fil".into(), ids.file.clone()],
        vec!["plan".into(), ids.plan.0.to_string()],
        vec!["runde".into(), ids.round.0.to_string()],
        vec!["person".into(), ids.person.0.to_string()],
    ];
    for g in goals {
        rows.push(vec!["mål".into(), g.key.clone(), g.goal.id.0.to_string()]);
    }
    for (key, goal, indicator) in indicators {
        rows.push(vec![
            "målepunkt".into(),
            key.clone(),
            indicator.id.0.to_string(),
            goal.id.0.to_string(),
        ]);
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, text)?;
        }
    }
    sheet.set_very_hidden(true);
    sheet.protect();
    Ok(())
}
