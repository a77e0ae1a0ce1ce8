//! The goal editor's målepunkter (indicators): add, edit (name, unit, baseline and target
//! with their periods, direction), remove (after asking: the measurements go with it) and
//! reorder, each one command; the history chart under each; and the value field per
//! målepunkt of a follow-up form.

use super::action::AfterEdit;
use super::chart;
use super::fields::{Form, form_grid, move_buttons};
use super::theme;
use crate::model::{Command, Direction, Figure, Goal, Indicator, IndicatorId, Number};
use crate::units::{
    NumberInputError, format_figure as with_unit, format_number as format_value,
    parse_number_input as parse_value,
};

/// The name of a new indicator; the user types over it.
const NEW_INDICATOR: &str = "Nyt målepunkt";

/// An optional figure: blank is none.
fn parse_optional(text: &str) -> Result<Option<Number>, NumberInputError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_value(text).map(Some)
    }
}

/// "skal op" etc., or "ikke angivet".
fn direction_label(direction: Option<Direction>) -> &'static str {
    direction.map_or("ikke angivet", Direction::label)
}

/// The Målepunkter section of the goal editor.
pub fn section(ui: &mut egui::Ui, form: &mut Form<'_>, goal: &Goal) {
    if super::fields::list_heading(ui, "Målepunkter", "Tilføj målepunkt") {
        form.apply(
            Command::InsertIndicator {
                goal: goal.id,
                index: goal.indicators.len(),
                indicator: Indicator {
                    name: NEW_INDICATOR.into(),
                    ..Indicator::default()
                },
            },
            AfterEdit::Stay,
        );
    }
    if goal.indicators.is_empty() {
        ui.label("Målet har ingen målepunkter. Et målepunkt er et tal, der følges fra udgangspunkt til mål.");
    }
    let count = goal.indicators.len();
    for (i, indicator) in goal.indicators.iter().enumerate() {
        ui.push_id(("målepunkt", indicator.id), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                one(ui, form, goal, indicator, (i, count));
            });
        });
    }
}

/// One indicator: its header with move and delete, its fields, its chart.
fn one(
    ui: &mut egui::Ui,
    form: &mut Form<'_>,
    goal: &Goal,
    indicator: &Indicator,
    (i, count): (usize, usize),
) {
    let id = indicator.id;
    let measured = goal
        .follow_ups
        .iter()
        .filter(|f| f.measurements.iter().any(|m| m.indicator == id))
        .count();
    ui.horizontal(|ui| {
        ui.strong(format!("Målepunkt {}", i + 1));
        if let Some(to) = move_buttons(ui, "målepunkt", i, count) {
            form.apply(
                Command::MoveIndicator {
                    indicator: id,
                    index: to,
                },
                AfterEdit::Stay,
            );
        }
        let asking_id = ui.make_persistent_id(("slet målepunkt?", id));
        let asking = ui.data(|d| d.get_temp::<bool>(asking_id)).unwrap_or(false);
        if !asking {
            if ui.button("Slet målepunkt").clicked() {
                ui.data_mut(|d| d.insert_temp(asking_id, true));
            }
        } else {
            let question = match measured {
                0 => "Slet målepunktet?".to_owned(),
                1 => "Slet målepunktet og dets måling i 1 opfølgning?".to_owned(),
                n => format!("Slet målepunktet og dets målinger i {n} opfølgninger?"),
            };
            ui.colored_label(theme::ERROR_TEXT, question);
            if ui.button("Ja, slet målepunktet").clicked() {
                ui.data_mut(|d| d.remove::<bool>(asking_id));
                form.apply(Command::DeleteIndicator(id), AfterEdit::Stay);
            }
            if ui.button("Behold målepunktet").clicked() {
                ui.data_mut(|d| d.remove::<bool>(asking_id));
            }
        }
    });
    let set = |change: &dyn Fn(&mut Indicator)| {
        let mut changed = indicator.clone();
        change(&mut changed);
        Command::SetIndicator(changed)
    };
    form_grid(ui, ("målepunkt", id), |ui| {
        let label = ui.label("Målepunkt");
        let row = indicator.clone();
        form.text_field(
            ui,
            label.id,
            &indicator.name,
            false,
            super::fields::FIELD_WIDTH,
            move |name| {
                Command::SetIndicator(Indicator {
                    name,
                    ..row.clone()
                })
            },
        );
        ui.end_row();
        let label = ui.label("Enhed");
        let row = indicator.clone();
        form.text_field(
            ui,
            label.id,
            &indicator.unit,
            false,
            super::fields::FIELD_WIDTH / 3.0,
            move |unit| {
                Command::SetIndicator(Indicator {
                    unit,
                    ..row.clone()
                })
            },
        );
        ui.end_row();
        for (word, which) in [
            ("Udgangspunkt", Which::Baseline),
            ("Målværdi", Which::Target),
        ] {
            let figure = which.of(indicator);
            let label = ui.label(word);
            ui.horizontal(|ui| {
                let stored = figure.map(|f| format_value(f.value)).unwrap_or_default();
                if let Some(value) = form
                    .drafts
                    .parsed_field(
                        ui,
                        (word, id),
                        label.id,
                        &stored,
                        "fx 62,5",
                        110.0,
                        true,
                        parse_optional,
                    )
                    .filter(|v| *v != figure.map(|f| f.value))
                {
                    let command = set(&|ind: &mut Indicator| {
                        let slot = which.slot(ind);
                        *slot = value.map(|value| Figure {
                            value,
                            ..slot.clone().unwrap_or_default()
                        });
                    });
                    form.apply(command, AfterEdit::Stay);
                }
                let when = ui.label(match which {
                    Which::Baseline => "Udgangspunktets tid",
                    Which::Target => "Målets tid",
                });
                ui.add_enabled_ui(figure.is_some(), |ui| {
                    if let Some(date) = form
                        .drafts
                        .date_field(
                            ui,
                            (word, "tid", id),
                            when.id,
                            figure.and_then(|f| f.date),
                            "fx 2011 eller 2. halvår 2013",
                            200.0,
                            true,
                        )
                        .filter(|d| *d != figure.and_then(|f| f.date))
                    {
                        let command = set(&|ind: &mut Indicator| {
                            if let Some(f) = which.slot(ind) {
                                f.date = date;
                            }
                        });
                        form.apply(command, AfterEdit::Stay);
                    }
                });
            });
            ui.end_row();
        }
        let label = ui.label("Retning");
        let mut direction = indicator.direction;
        egui::ComboBox::from_id_salt(("retning", id))
            .selected_text(direction_label(direction))
            .show_ui(ui, |ui| {
                for option in std::iter::once(None).chain(Direction::ALL.map(Some)) {
                    ui.selectable_value(&mut direction, option, direction_label(option));
                }
            })
            .response
            .labelled_by(label.id);
        if direction != indicator.direction {
            form.apply(
                set(&|ind: &mut Indicator| ind.direction = direction),
                AfterEdit::Stay,
            );
        }
        ui.end_row();
    });
    let readings = goal.readings(id);
    let latest = readings.last().map_or_else(
        || "ingen målinger endnu".to_owned(),
        |r| {
            format!(
                "seneste måling {} ({})",
                with_unit(r.value, &indicator.unit),
                crate::units::format_date(r.date)
            )
        },
    );
    ui.label(latest);
    chart::history(ui, indicator, &readings);
}

/// The baseline or the target of an indicator.
#[derive(Debug, Clone, Copy)]
enum Which {
    Baseline,
    Target,
}

impl Which {
    fn of(self, indicator: &Indicator) -> Option<&Figure> {
        match self {
            Which::Baseline => indicator.baseline.as_ref(),
            Which::Target => indicator.target.as_ref(),
        }
    }

    fn slot(self, indicator: &mut Indicator) -> &mut Option<Figure> {
        match self {
            Which::Baseline => &mut indicator.baseline,
            Which::Target => &mut indicator.target,
        }
    }
}

/// "Måling: NAME": the label of a målepunkt's value field in a follow-up form.
pub fn measurement_label(indicator: &Indicator) -> String {
    format!("Måling: {}", indicator.name.trim())
}

/// The value fields of a follow-up form, one per indicator of the goal: `values` are the
/// measurements as stored; returns the indicator and new value (or `None`: removed) when one
/// was entered. Each field is labelled "Måling: NAME" (unit in the hint).
pub fn measurement_fields(
    ui: &mut egui::Ui,
    drafts: &mut super::fields::Drafts,
    id_salt: impl std::hash::Hash + std::fmt::Debug + Copy,
    goal: &Goal,
    value_of: impl Fn(IndicatorId) -> Option<Number>,
) -> Option<(IndicatorId, Option<Number>)> {
    let mut entered = None;
    for indicator in &goal.indicators {
        ui.horizontal(|ui| {
            let label = ui.label(measurement_label(indicator));
            let stored = value_of(indicator.id);
            let hint = if indicator.unit.trim().is_empty() {
                "tal".to_owned()
            } else {
                format!("tal i {}", indicator.unit.trim())
            };
            if let Some(value) = drafts
                .parsed_field(
                    ui,
                    ("måling", id_salt, indicator.id),
                    label.id,
                    &stored.map(format_value).unwrap_or_default(),
                    &hint,
                    110.0,
                    true,
                    parse_optional,
                )
                .filter(|v| *v != stored)
            {
                entered = Some((indicator.id, value));
            }
            if !indicator.unit.trim().is_empty() {
                ui.label(indicator.unit.trim());
            }
        });
    }
    entered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_figure_is_none_and_a_unit_is_refused() {
        assert_eq!(parse_optional("  "), Ok(None));
        assert_eq!(
            parse_optional("60 %").unwrap_err().to_string(),
            "skriv et tal, fx 60 eller 62,5; enheden står i feltet Enhed"
        );
    }
}
