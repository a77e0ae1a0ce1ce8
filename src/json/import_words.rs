//! A plan's own words, numbering and print settings (plan-format.md, version 2, PLAN):
//! `labels`, `numbering` and `print`, each optional member checked with its JSON path.

use super::checks::{Result, extra};
use super::error::FormatError;
use super::raw::{RawLabels, RawNumbering, RawPrint};
use super::values::shorten;
use crate::model::{
    AreaNumbering, EmptyFields, GoalNumbering, Label, Labels, Numbering, PrintSettings,
};

/// `labels`: absent words are the defaults; a blank word is an error.
pub(super) fn labels(plan_path: &str, raw: Option<RawLabels>) -> Result<Labels> {
    let Some(raw) = raw else {
        return Ok(Labels::default());
    };
    let path = format!("{plan_path}.labels");
    let mut labels = Labels {
        extra: extra(raw.extra, &format!("{path}.extra"))?,
        ..Labels::default()
    };
    let words = [
        (Label::FocusArea, raw.focus_area),
        (Label::FocusAreas, raw.focus_areas),
        (Label::Goal, raw.goal),
        (Label::Owner, raw.owner),
        (Label::Documentation, raw.documentation),
        (Label::Intro, raw.intro),
    ];
    for (label, word) in words {
        if let Some(word) = &word
            && word.trim().is_empty()
        {
            return Err(FormatError::invalid(
                format!("{path}.{}", label.code()),
                format!(
                    "ordet er tomt; skriv planens eget ord, eller udelad feltet for at bruge «{}»",
                    label.default_word()
                ),
            ));
        }
        labels.set(label, word);
    }
    Ok(labels)
}

/// `numbering`: absent styles are the defaults ("1" and "1.1").
pub(super) fn numbering(plan_path: &str, raw: Option<RawNumbering>) -> Result<Numbering> {
    let Some(raw) = raw else {
        return Ok(Numbering::default());
    };
    let path = format!("{plan_path}.numbering");
    let focus_areas = match raw.focus_areas {
        None => AreaNumbering::default(),
        Some(code) => AreaNumbering::from_code(&code).ok_or_else(|| {
            unknown_code(
                format!("{path}.focus_areas"),
                &code,
                &AreaNumbering::ALL.map(AreaNumbering::code),
            )
        })?,
    };
    let goals = match raw.goals {
        None => GoalNumbering::default(),
        Some(code) => GoalNumbering::from_code(&code).ok_or_else(|| {
            unknown_code(
                format!("{path}.goals"),
                &code,
                &GoalNumbering::ALL.map(GoalNumbering::code),
            )
        })?,
    };
    Ok(Numbering {
        focus_areas,
        goals,
        extra: extra(raw.extra, &format!("{path}.extra"))?,
    })
}

fn unknown_code(path: String, code: &str, known: &[&str]) -> FormatError {
    let known: Vec<String> = known.iter().map(|k| format!("«{k}»")).collect();
    FormatError::invalid(
        path,
        format!(
            "ukendt nummerering «{}»; brug en af {}",
            shorten(code),
            known.join(", ")
        ),
    )
}

/// `print`: absent settings are the defaults (dash, no mail, stilling shown).
pub(super) fn print(plan_path: &str, raw: Option<RawPrint>) -> Result<PrintSettings> {
    let Some(raw) = raw else {
        return Ok(PrintSettings::default());
    };
    let path = format!("{plan_path}.print");
    let default = PrintSettings::default();
    let empty_fields = match raw.empty_fields {
        None => default.empty_fields,
        Some(code) => EmptyFields::from_code(&code).ok_or_else(|| {
            FormatError::invalid(
                format!("{path}.empty_fields"),
                format!(
                    "ukendt værdi «{}»; brug «dash» (tomme felter vises med –) eller «hide» (tomme felter udelades)",
                    shorten(&code)
                ),
            )
        })?,
    };
    Ok(PrintSettings {
        empty_fields,
        owner_email: raw.owner_email.unwrap_or(default.owner_email),
        owner_title: raw.owner_title.unwrap_or(default.owner_title),
        extra: extra(raw.extra, &format!("{path}.extra"))?,
    })
}
