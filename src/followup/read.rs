//! A returned workbook taken apart: the ids of the hidden sheet and the answer rows of
//! "Opfølgning" and "Målepunkter", matched by the number in "Nr." (looked up in the hidden
//! sheet, so sorting, filtering or deleting rows does no harm), never by position. Reads
//! xlsx, xls and ods (calamine); a date cell or a typed Danish period, a status word in any
//! case, a number cell or a typed Danish figure. Every problem names the workbook, sheet,
//! row, column and value.

use super::shape::{GOALS_SHEET, IDS_SHEET, INDICATORS_SHEET, LAYOUT_VERSION, MARKER, WorkbookIds};
use crate::files::{INPUT_LIMIT, format_size};
use crate::model::{Date, GoalId, IndicatorId, Number, PersonId, PlanId, RoundId, Status};
use crate::units::{parse_date_input, parse_number_input};
use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;

/// What a returned workbook holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The workbook's name for messages (its file name).
    pub workbook: String,
    /// Which file, plan, round and person it answers for.
    pub ids: WorkbookIds,
    /// The goal rows with something filled in, in the sheet's order.
    pub goals: Vec<GoalAnswer>,
    /// The indicator rows with a new value, in the sheet's order.
    pub indicators: Vec<IndicatorAnswer>,
    /// What could not be read; the workbook is written only when there are none.
    pub problems: Vec<Problem>,
    /// A fingerprint of the answers (not of the file's bytes: the same answers saved again
    /// are the same answers), lowercase hex.
    pub digest: String,
}

/// One answered row of "Opfølgning".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalAnswer {
    /// The row (1-based, as the spreadsheet shows it).
    pub row: u32,
    /// Its "Nr.".
    pub number: String,
    /// The goal it answers for.
    pub goal: GoalId,
    /// Ny status.
    pub status: Option<Status>,
    /// Dato (none when left empty).
    pub date: Option<Date>,
    /// Opfølgning, trimmed.
    pub text: String,
}

/// One new value of "Målepunkter".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorAnswer {
    /// The row (1-based).
    pub row: u32,
    /// Its "Nr." ("1.2 a").
    pub number: String,
    /// The indicator.
    pub indicator: IndicatorId,
    /// The goal it belonged to when the workbook was written.
    pub goal: GoalId,
    /// Ny værdi.
    pub value: Number,
}

/// A cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The workbook's name.
    pub workbook: String,
    /// The sheet.
    pub sheet: String,
    /// The row (1-based).
    pub row: u32,
    /// The column: its letter and title, "F (Ny status)".
    pub column: String,
    /// What the cell holds.
    pub value: String,
    /// Why it was not taken, a Danish clause.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "«{}», arket «{}», række {}, kolonne {}: «{}» {}",
            self.workbook,
            self.sheet,
            self.row,
            self.column,
            crate::units::shorten(&self.value, 60),
            self.reason
        )
    }
}

/// Why a workbook could not be read at all; nothing of it is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Over the input limit (decisions.md): refused before reading.
    #[error(
        "«{workbook}» fylder {size}, og et regneark må højst fylde {limit}. Bed tovholderen om \
         at sende det regneark, virkplan lavede, med svarene."
    )]
    TooLarge {
        /// The workbook.
        workbook: String,
        /// Its size, in Danish.
        size: String,
        /// The limit, in Danish.
        limit: String,
    },
    /// An encrypted (password-protected) workbook.
    #[error(
        "«{0}» er beskyttet med en adgangskode, og virkplan kan ikke læse den. Bed tovholderen \
         om at gemme regnearket uden adgangskode og sende det igen."
    )]
    Encrypted(String),
    /// Not a spreadsheet calamine can read, or a damaged one.
    #[error(
        "«{0}» kan ikke læses som et regneark (xlsx, xls eller ods); filen kan være beskadiget. \
         Bed tovholderen om at sende regnearket igen."
    )]
    Unreadable(String),
    /// A spreadsheet, but not a follow-up workbook made by virkplan.
    #[error(
        "«{0}» er ikke et opfølgningsregneark fra virkplan (arket med dets id'er mangler). \
         Indlæs det regneark, virkplan lavede til tovholderen, med svarene i."
    )]
    NotVirkplan(String),
    /// The hidden ids have been changed.
    #[error(
        "«{0}» kan ikke knyttes til planen, fordi arket med dets id'er er ændret. Bed \
         tovholderen om at skrive svarene i det regneark, virkplan lavede."
    )]
    IdsDamaged(String),
    /// Made by a newer virkplan.
    #[error("«{0}» er lavet af en nyere udgave af virkplan. Opdatér virkplan, og prøv igen.")]
    Newer(String),
    /// Sheet "Opfølgning" or its column titles are gone.
    #[error(
        "«{workbook}»: arket «{sheet}» mangler, eller det har ikke kolonnerne {columns}. Bed \
         tovholderen om at skrive svarene i det regneark, virkplan lavede."
    )]
    MissingSheet {
        /// The workbook.
        workbook: String,
        /// The sheet.
        sheet: &'static str,
        /// The columns it must have.
        columns: &'static str,
    },
}

/// The start of an OLE compound file: an old .xls, or an encrypted .xlsx.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether an OLE file holds Office's encrypted package (a password-protected xlsx): the
/// stream name "EncryptedPackage" in UTF-16 in its directory.
fn is_encrypted(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&OLE_MAGIC) {
        return false;
    }
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Reads a returned workbook. `workbook` is its name for messages (the file name).
pub fn read(workbook: &str, bytes: &[u8]) -> Result<Answers, ReadError> {
    let name = workbook.to_owned();
    if bytes.len() as u64 > INPUT_LIMIT {
        return Err(ReadError::TooLarge {
            workbook: name,
            size: format_size(bytes.len() as u64),
            limit: format_size(INPUT_LIMIT),
        });
    }
    if is_encrypted(bytes) {
        return Err(ReadError::Encrypted(name));
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| ReadError::Unreadable(name.clone()))?;
    let names = book.sheet_names();
    // Look for the ids before reading any big sheet: another program's 50 MB workbook is
    // refused here at once.
    if !names.iter().any(|n| n == IDS_SHEET) {
        return Err(ReadError::NotVirkplan(name));
    }
    let ids_range = book
        .worksheet_range(IDS_SHEET)
        .map_err(|_| ReadError::Unreadable(name.clone()))?;
    let map = IdMap::parse(&name, &ids_range)?;
    if !names.iter().any(|n| n == GOALS_SHEET) {
        return Err(missing_goals_sheet(&name));
    }
    let goals_range = book
        .worksheet_range(GOALS_SHEET)
        .map_err(|_| ReadError::Unreadable(name.clone()))?;
    let mut problems = Vec::new();
    let goals = read_goals(&name, &goals_range, &map, &mut problems)?;
    let indicators = if names.iter().any(|n| n == INDICATORS_SHEET) {
        let range = book
            .worksheet_range(INDICATORS_SHEET)
            .map_err(|_| ReadError::Unreadable(name.clone()))?;
        read_indicators(&name, &range, &map, &mut problems)?
    } else {
        Vec::new()
    };
    let digest = digest(&map.ids, &goals, &indicators);
    Ok(Answers {
        workbook: name,
        ids: map.ids,
        goals,
        indicators,
        problems,
        digest,
    })
}

fn missing_goals_sheet(workbook: &str) -> ReadError {
    ReadError::MissingSheet {
        workbook: workbook.to_owned(),
        sheet: GOALS_SHEET,
        columns: "Nr., Ny status, Dato og Opfølgning",
    }
}

/// The hidden sheet's content.
struct IdMap {
    ids: WorkbookIds,
    goals: HashMap<String, GoalId>,
    indicators: HashMap<String, (IndicatorId, GoalId)>,
}

impl IdMap {
    fn parse(workbook: &str, range: &Range<Data>) -> Result<IdMap, ReadError> {
        let damaged = || ReadError::IdsDamaged(workbook.to_owned());
        let mut rows = range.rows();
        let first = rows
            .next()
            .ok_or_else(|| ReadError::NotVirkplan(workbook.to_owned()))?;
        if first.first().map(cell_text).as_deref() != Some(MARKER) {
            return Err(ReadError::NotVirkplan(workbook.to_owned()));
        }
        let version: u32 = first
            .get(1)
            .map(cell_text)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(damaged)?;
        if version > LAYOUT_VERSION {
            return Err(ReadError::Newer(workbook.to_owned()));
        }
        let id = |row: &[Data], col: usize| -> Result<i64, ReadError> {
            row.get(col)
                .map(cell_text)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(damaged)
        };
        let (mut file, mut plan, mut round, mut person) = (None, None, None, None);
        let mut goals = HashMap::new();
        let mut indicators = HashMap::new();
        for row in rows {
            let kind = row.first().map(cell_text).unwrap_or_default();
            let key = row.get(1).map(cell_text).unwrap_or_default();
            match kind.as_str() {
                "fil" => file = Some(key.trim().to_owned()),
                "plan" => plan = Some(PlanId(id(row, 1)?)),
                "runde" => round = Some(RoundId(id(row, 1)?)),
                "person" => person = Some(PersonId(id(row, 1)?)),
                "mål" => {
                    if goals.insert(key, GoalId(id(row, 2)?)).is_some() {
                        return Err(damaged());
                    }
                }
                "målepunkt" => {
                    let value = (IndicatorId(id(row, 2)?), GoalId(id(row, 3)?));
                    if indicators.insert(key, value).is_some() {
                        return Err(damaged());
                    }
                }
                "" => {}
                _ => return Err(damaged()),
            }
        }
        match (file, plan, round, person) {
            (Some(file), Some(plan), Some(round), Some(person)) if !file.is_empty() => Ok(IdMap {
                ids: WorkbookIds {
                    file,
                    plan,
                    round,
                    person,
                },
                goals,
                indicators,
            }),
            _ => Err(damaged()),
        }
    }
}

/// A cell as text: a number without a needless ".0", a date as ISO, an error as Excel's
/// code.
fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => float_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(true) => "SAND".into(),
        Data::Bool(false) => "FALSK".into(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::Error(e) => format!("{e}"),
        Data::Empty => String::new(),
    }
}

/// A float in the shortest form that reads back as it (Rust's `Display` never uses an
/// exponent), so 62.5 is "62.5" and 3.0 is "3".
fn float_text(f: f64) -> String {
    format!("{f}")
}

/// The spreadsheet's name of column `col` (0-based): A … Z, AA, ….
fn column_letter(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The columns of a sheet found by their titles (any case, any order), with the header
/// row's absolute index.
struct Columns {
    header_row: u32,
    by_title: HashMap<&'static str, u32>,
}

impl Columns {
    /// Finds the first row (of the first 50) that has every title of `needed`.
    fn find(range: &Range<Data>, needed: &[&'static str]) -> Option<Columns> {
        let (top, left) = range.start()?;
        for (r, row) in range.rows().take(50).enumerate() {
            let mut by_title = HashMap::new();
            for (c, cell) in row.iter().enumerate() {
                let text = cell_text(cell).trim().to_lowercase();
                if let Some(title) = needed.iter().find(|t| t.to_lowercase() == text) {
                    by_title.insert(*title, left + c as u32);
                }
            }
            if by_title.len() == needed.len() {
                return Some(Columns {
                    header_row: top + r as u32,
                    by_title,
                });
            }
        }
        None
    }

    /// The cell of `title` in absolute row `row`.
    fn cell<'r>(&self, range: &'r Range<Data>, row: u32, title: &str) -> &'r Data {
        self.by_title
            .get(title)
            .and_then(|col| range.get_value((row, *col)))
            .unwrap_or(&Data::Empty)
    }

    /// "F (Ny status)".
    fn name(&self, title: &str) -> String {
        let col = self.by_title.get(title).copied().unwrap_or(0);
        format!("{} ({title})", column_letter(col))
    }
}

/// The data rows below the header: absolute row indexes.
fn data_rows(range: &Range<Data>, columns: &Columns) -> std::ops::RangeInclusive<u32> {
    let end = range.end().map_or(0, |(r, _)| r);
    (columns.header_row + 1)..=end
}

const STATUS_WORDS: &str = "ikke startet, i gang, udfordret, kritisk, opfyldt eller opgivet";

fn read_goals(
    workbook: &str,
    range: &Range<Data>,
    map: &IdMap,
    problems: &mut Vec<Problem>,
) -> Result<Vec<GoalAnswer>, ReadError> {
    const NEEDED: [&str; 4] = ["Nr.", "Ny status", "Dato", "Opfølgning"];
    let columns = Columns::find(range, &NEEDED).ok_or_else(|| missing_goals_sheet(workbook))?;
    let mut out: Vec<GoalAnswer> = Vec::new();
    for row in data_rows(range, &columns) {
        let status_cell = columns.cell(range, row, "Ny status");
        let date_cell = columns.cell(range, row, "Dato");
        let text = cell_text(columns.cell(range, row, "Opfølgning"))
            .trim()
            .to_owned();
        let status_text = cell_text(status_cell).trim().to_owned();
        if status_text.is_empty() && cell_text(date_cell).trim().is_empty() && text.is_empty() {
            continue;
        }
        let number = cell_text(columns.cell(range, row, "Nr.")).trim().to_owned();
        let mut problem = |title: &str, value: String, reason: String| {
            problems.push(Problem {
                workbook: workbook.to_owned(),
                sheet: GOALS_SHEET.to_owned(),
                row: row + 1,
                column: columns.name(title),
                value,
                reason,
            });
        };
        let Some(goal) = map.goals.get(&number).copied() else {
            problem(
                "Nr.",
                number,
                "er ikke nummeret på et af regnearkets mål, så svaret kan ikke knyttes til et \
                 mål; skriv svaret ud for målets eget nummer"
                    .into(),
            );
            continue;
        };
        if let Some(earlier) = out.iter().find(|a| a.goal == goal) {
            problem(
                "Nr.",
                number,
                format!(
                    "er besvaret to gange (også i række {}); saml svarene i én række",
                    earlier.row
                ),
            );
            continue;
        }
        let status = if status_text.is_empty() {
            None
        } else {
            let lower = status_text.to_lowercase();
            match Status::ALL.into_iter().find(|s| s.label() == lower) {
                Some(s) => Some(s),
                None => {
                    problem(
                        "Ny status",
                        status_text,
                        format!("er ikke en status; vælg {STATUS_WORDS}"),
                    );
                    continue;
                }
            }
        };
        let date = match date_of(date_cell) {
            Ok(date) => date,
            Err(reason) => {
                problem("Dato", cell_text(date_cell), reason);
                continue;
            }
        };
        out.push(GoalAnswer {
            row: row + 1,
            number,
            goal,
            status,
            date,
            text,
        });
    }
    Ok(out)
}

/// A date cell, an ODS date, a typed period or a year typed as a number; `None` when empty.
fn date_of(cell: &Data) -> Result<Option<Date>, String> {
    let reason = |e: &dyn fmt::Display| format!("kan ikke læses som en dato: {e}");
    match cell {
        Data::Empty => Ok(None),
        Data::DateTime(dt) if dt.is_duration() => {
            Err("er en tid, ikke en dato; skriv fx 30.9.2013".into())
        }
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::day(i32::from(y), m, d)
                .map(Some)
                .map_err(|e| reason(&e))
        }
        Data::DateTimeIso(s) => {
            let day = s.get(..10).unwrap_or(s);
            Date::parse_iso(day)
                .map(Some)
                .or_else(|_| parse_date_input(s).map(Some).map_err(|e| reason(&e)))
        }
        Data::Float(_) | Data::Int(_) => {
            // A year typed into a cell that was not text ("2013"); any other number is no date.
            let text = cell_text(cell);
            match text.parse::<i32>() {
                Ok(year) if crate::model::YEARS.contains(&year) => {
                    Date::whole_year(year).map(Some).map_err(|e| reason(&e))
                }
                _ => {
                    Err("er et tal, ikke en dato; skriv fx 30.9.2013 eller 3. kvartal 2013".into())
                }
            }
        }
        other => {
            let text = cell_text(other);
            if text.trim().is_empty() {
                return Ok(None);
            }
            parse_date_input(&text).map(Some).map_err(|e| reason(&e))
        }
    }
}

fn read_indicators(
    workbook: &str,
    range: &Range<Data>,
    map: &IdMap,
    problems: &mut Vec<Problem>,
) -> Result<Vec<IndicatorAnswer>, ReadError> {
    const NEEDED: [&str; 2] = ["Nr.", "Ny værdi"];
    let columns = Columns::find(range, &NEEDED).ok_or_else(|| ReadError::MissingSheet {
        workbook: workbook.to_owned(),
        sheet: INDICATORS_SHEET,
        columns: "Nr. og Ny værdi",
    })?;
    let mut out: Vec<IndicatorAnswer> = Vec::new();
    for row in data_rows(range, &columns) {
        let cell = columns.cell(range, row, "Ny værdi");
        let typed = cell_text(cell);
        if typed.trim().is_empty() {
            continue;
        }
        let number = cell_text(columns.cell(range, row, "Nr.")).trim().to_owned();
        let mut problem = |title: &str, value: String, reason: String| {
            problems.push(Problem {
                workbook: workbook.to_owned(),
                sheet: INDICATORS_SHEET.to_owned(),
                row: row + 1,
                column: columns.name(title),
                value,
                reason,
            });
        };
        let Some((indicator, goal)) = map.indicators.get(&number).copied() else {
            problem(
                "Nr.",
                number,
                "er ikke nummeret på et af regnearkets målepunkter; skriv tallet ud for \
                 målepunktets eget nummer"
                    .into(),
            );
            continue;
        };
        if let Some(earlier) = out.iter().find(|a| a.indicator == indicator) {
            problem(
                "Nr.",
                number,
                format!(
                    "har fået to værdier (også i række {}); skriv kun én",
                    earlier.row
                ),
            );
            continue;
        }
        let value = match cell {
            Data::Float(f) => Number::parse(&float_text(*f)).map_err(|e| e.to_string()),
            Data::Int(i) => Number::from_int(*i).map_err(|e| e.to_string()),
            _ => parse_number_input(&typed).map_err(|e| e.to_string()),
        };
        match value {
            Ok(value) => out.push(IndicatorAnswer {
                row: row + 1,
                number,
                indicator,
                goal,
                value,
            }),
            Err(reason) => problem("Ny værdi", typed, format!("er ikke et tal: {reason}")),
        }
    }
    Ok(out)
}

/// SHA-256 of the answers in a fixed form, sorted by id: the same answers give the same
/// digest however the rows were sorted or the file saved.
fn digest(ids: &WorkbookIds, goals: &[GoalAnswer], indicators: &[IndicatorAnswer]) -> String {
    use sha2::{Digest, Sha256};
    let mut lines = vec![format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        ids.file, ids.plan, ids.round, ids.person
    )];
    let mut goal_lines: Vec<(i64, String)> = goals
        .iter()
        .map(|g| {
            (
                g.goal.0,
                format!(
                    "g\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
                    g.goal,
                    g.status.map_or("", Status::code),
                    g.date.map(|d| d.to_string()).unwrap_or_default(),
                    g.text
                ),
            )
        })
        .collect();
    goal_lines.sort();
    let mut indicator_lines: Vec<(i64, String)> = indicators
        .iter()
        .map(|i| {
            (
                i.indicator.0,
                format!("i\u{1f}{}\u{1f}{}", i.indicator, i.value),
            )
        })
        .collect();
    indicator_lines.sort();
    lines.extend(goal_lines.into_iter().map(|(_, l)| l));
    lines.extend(indicator_lines.into_iter().map(|(_, l)| l));
    let hash = Sha256::digest(lines.join("\u{1e}").as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_the_spreadsheet_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(5), "F");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn a_date_cell_a_typed_period_and_a_year_number_are_dates() {
        assert_eq!(
            date_of(&Data::String("3. kvartal 2013".into())),
            Ok(Some(
                Date::quarter(2013, 3).unwrap_or(Date::Year { year: 0 })
            ))
        );
        assert_eq!(
            date_of(&Data::Float(2013.0)),
            Ok(Some(Date::Year { year: 2013 }))
        );
        assert_eq!(date_of(&Data::Empty), Ok(None));
        assert_eq!(
            date_of(&Data::DateTimeIso("2013-09-30T00:00:00".into())),
            Ok(Some(Date::Day {
                year: 2013,
                month: 9,
                day: 30
            }))
        );
        assert!(date_of(&Data::Float(41547.5)).is_err());
        assert!(
            date_of(&Data::String("efteråret".into()))
                .unwrap_err()
                .starts_with("kan ikke læses som en dato")
        );
    }

    #[test]
    fn an_encrypted_package_is_recognised() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert!(is_encrypted(&bytes));
        assert!(!is_encrypted(&OLE_MAGIC));
        assert!(matches!(
            read("x.xlsx", b"not a spreadsheet"),
            Err(ReadError::Unreadable(_))
        ));
    }
}
