//! The Forside screen: the plan's metadata and contact block.

use super::app::{Action, Then};
use super::fields::{Drafts, text_row};
use crate::model::{Command, Period, Plan, PlanField};

/// The years a plan may cover.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Reads a year as typed ("2013").
fn parse_year(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(year) if YEARS.contains(&year) => Ok(year),
        _ => Err(format!(
            "Skriv et årstal med fire cifre mellem {} og {}, fx 2013.",
            YEARS.start(),
            YEARS.end()
        )),
    }
}

/// Checks a new period: the first year must not come after the last.
fn period(start: i32, end: i32) -> Result<Period, String> {
    if start <= end {
        Ok(Period { start, end })
    } else {
        Err("Perioden skal begynde senest i det år, den slutter.".into())
    }
}

/// Draws the Forside screen of `plan`.
pub fn show(ui: &mut egui::Ui, out: &mut Vec<Action>, drafts: &mut Drafts, plan: &Plan) {
    let id = plan.id;
    let text = |field: PlanField| {
        move |value: String| Command::SetPlanText {
            plan: id,
            field,
            value,
        }
    };
    egui::Grid::new("forside")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            text_row(ui, out, "Titel", &plan.title, false, text(PlanField::Title));
            text_row(
                ui,
                out,
                "Forvaltning/afdeling",
                &plan.organisation,
                false,
                text(PlanField::Organisation),
            );
            text_row(
                ui,
                out,
                "Kommune",
                &plan.municipality,
                false,
                text(PlanField::Municipality),
            );
            let current = plan.period;
            let start = drafts.parsed_row(
                ui,
                ("periode", id, 0),
                "Periode fra",
                &current.start.to_string(),
                "fx 2012",
                |t| parse_year(t).and_then(|y| period(y, current.end)),
            );
            let end = drafts.parsed_row(
                ui,
                ("periode", id, 1),
                "Periode til",
                &current.end.to_string(),
                "fx 2013",
                |t| parse_year(t).and_then(|y| period(current.start, y)),
            );
            if let Some(period) = start.or(end).filter(|p| *p != current) {
                out.push(Action::Apply(
                    Command::SetPeriod { plan: id, period },
                    Then::Stay,
                ));
            }
            text_row(
                ui,
                out,
                "Journalnummer",
                &plan.journal_number,
                false,
                text(PlanField::JournalNumber),
            );
            text_row(
                ui,
                out,
                "Godkendt af",
                &plan.approved_by,
                false,
                text(PlanField::ApprovedBy),
            );
        });
    ui.add_space(12.0);
    ui.strong("Kontakt");
    egui::Grid::new("kontakt")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            text_row(
                ui,
                out,
                "Adresse",
                &plan.contact.address,
                true,
                text(PlanField::ContactAddress),
            );
            text_row(
                ui,
                out,
                "Telefon",
                &plan.contact.phone,
                false,
                text(PlanField::ContactPhone),
            );
            text_row(
                ui,
                out,
                "Mail",
                &plan.contact.email,
                false,
                text(PlanField::ContactEmail),
            );
            text_row(
                ui,
                out,
                "Web",
                &plan.contact.web,
                false,
                text(PlanField::ContactWeb),
            );
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_four_digits_in_range() {
        assert_eq!(parse_year(" 2013 "), Ok(2013));
        assert!(parse_year("13x").is_err());
        assert!(parse_year("20130").is_err());
    }

    #[test]
    fn a_period_cannot_end_before_it_starts() {
        assert!(period(2014, 2013).is_err());
        assert_eq!(
            period(2013, 2013),
            Ok(Period {
                start: 2013,
                end: 2013
            })
        );
    }
}
