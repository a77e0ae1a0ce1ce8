//! The Budget screen: the budget frame's heading and year, its rows (område, udgifter,
//! indtægter) with samlet resultat and the total row computed live, and the note under it.
//! Amounts are shown and typed in Danish (1.120.883.000); what cannot be read is refused
//! in red where it was typed, and nothing is saved.

use super::action::AfterEdit;
use super::fields::{Form, form_grid, move_buttons};
use super::theme;
use crate::model::{BudgetRow, Command, Period, PeriodError, Plan, PlanField};
use crate::units;

const AMOUNT_WIDTH: f32 = 130.0;

fn parse_year(text: &str) -> Result<Option<i32>, PeriodError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Period::parse_year(text).map(Some)
}

/// A figure, right-aligned in its column.
fn figure(ui: &mut egui::Ui, value: Option<i64>, strong: bool) {
    let text = value.map_or_else(|| "for stort".to_owned(), units::format_amount);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if strong {
            ui.strong(text);
        } else {
            ui.label(text);
        }
    });
}

/// An amount of a budget row (udgifter or indtægter), right-aligned, saved when the entry is
/// complete and differs from `stored`, as the row `with(amount)`; `what` names the cell.
fn amount_cell(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    (what, row): (&str, &BudgetRow),
    label: egui::Id,
    stored: i64,
    with: impl FnOnce(i64) -> BudgetRow,
) {
    if let Some(amount) = form.drafts.parsed_field(
        ui,
        (what, row.id),
        label,
        &units::format_amount(stored),
        "0",
        AMOUNT_WIDTH,
        true,
        units::parse_amount,
    ) && amount != stored
    {
        form.apply(Command::SetBudgetRow(with(amount)), AfterEdit::Stay);
    }
}

/// Draws the Budget screen of `plan`.
pub fn show(ui: &mut egui::Ui, form: &mut Form<'_>, plan: &Plan) {
    let id = plan.id;
    let budget = &plan.budget;
    form_grid(ui, "budgetramme", |ui| {
        form.text_row(ui, "Overskrift", &budget.title, false, move |value| {
            Command::SetPlanText {
                plan: id,
                field: PlanField::BudgetTitle,
                value,
            }
        });
        let stored = budget.year.map(|y| y.to_string()).unwrap_or_default();
        if let Some(year) = form
            .parsed_row(
                ui,
                ("budgetår", id),
                "Budgetår",
                &stored,
                "fx 2012",
                parse_year,
            )
            .filter(|y| *y != budget.year)
        {
            form.apply(Command::SetBudgetYear { plan: id, year }, AfterEdit::Stay);
        }
    });
    ui.add_space(12.0);

    let count = budget.rows.len();
    egui::Grid::new(("budget", id))
        .num_columns(5)
        .spacing([10.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            let area_label = ui.strong("Område").id;
            let expenses_label = ui.strong("Udgifter").id;
            let income_label = ui.strong("Indtægter").id;
            ui.strong("Samlet resultat");
            ui.label("");
            ui.end_row();
            for (i, row) in budget.rows.iter().enumerate() {
                ui.push_id(("linje", row.id), |ui| {
                    let drafts = &mut *form.drafts;
                    let set = |changed: BudgetRow| Command::SetBudgetRow(changed);
                    if let Some(area) = drafts.parsed_field(
                        ui,
                        ("område", row.id),
                        area_label,
                        &row.area,
                        "fx Børn og unge",
                        260.0,
                        false,
                        |t| Ok::<_, std::convert::Infallible>(t.trim().to_owned()),
                    ) && area != row.area
                    {
                        let changed = BudgetRow {
                            area,
                            ..row.clone()
                        };
                        form.apply(set(changed), AfterEdit::Stay);
                    }
                });
                amount_cell(
                    ui,
                    form,
                    ("udgifter", row),
                    expenses_label,
                    row.expenses,
                    |expenses| BudgetRow {
                        expenses,
                        ..row.clone()
                    },
                );
                amount_cell(
                    ui,
                    form,
                    ("indtægter", row),
                    income_label,
                    row.income,
                    |income| BudgetRow {
                        income,
                        ..row.clone()
                    },
                );
                figure(ui, row.result(), false);
                ui.horizontal(|ui| {
                    if let Some(to) = move_buttons(ui, "budgetlinje", i, count) {
                        form.apply(
                            Command::MoveBudgetRow {
                                row: row.id,
                                index: to,
                            },
                            AfterEdit::Stay,
                        );
                    }
                    if ui.button("Slet").clicked() {
                        form.apply(Command::DeleteBudgetRow(row.id), AfterEdit::Stay);
                    }
                });
                ui.end_row();
            }
            if count > 0 {
                let totals = budget.totals();
                ui.strong("I alt");
                figure(ui, totals.map(|t| t.expenses), true);
                figure(ui, totals.map(|t| t.income), true);
                figure(ui, totals.map(|t| t.result), true);
                ui.label("");
                ui.end_row();
            }
        });
    if budget.totals().is_none() && count > 0 {
        ui.colored_label(
            theme::ERROR_TEXT,
            "Summen er for stor til at regne ud; kontrollér beløbene.",
        );
    }
    ui.label("Indtægter skrives med minus foran, fx -21.742.000.");
    if ui.button("Tilføj budgetlinje").clicked() {
        form.apply(
            Command::InsertBudgetRow {
                plan: id,
                index: count,
                row: BudgetRow::default(),
            },
            AfterEdit::Stay,
        );
    }
    ui.add_space(12.0);
    form_grid(ui, "budgetnote", |ui| {
        form.text_row(
            ui,
            "Tekst under budgettet",
            &budget.note,
            true,
            move |value| Command::SetPlanText {
                plan: id,
                field: PlanField::BudgetNote,
                value,
            },
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_amounts_are_read_and_nonsense_is_refused_in_danish() {
        assert_eq!(units::parse_amount("1.120.883.000"), Ok(1_120_883_000));
        assert_eq!(units::parse_amount("-21.742.000"), Ok(-21_742_000));
        assert!(units::parse_amount("12,5").is_err());
        assert!(units::parse_amount("mange").is_err_and(|e| e.to_string().contains("cifre")));
        assert_eq!(parse_year(""), Ok(None));
        assert_eq!(parse_year("2012"), Ok(Some(2012)));
    }
}
