//! "Tilpas planen": the plan's own words (six labels; blank is the default, shown greyed in
//! the field), its numbering of focus areas and goals, and its print settings, with a live
//! example line; "Anvend" saves them as one `SetPlanWords` command (one undo step).

use super::action::AfterEdit;
use super::fields::{Form, form_grid};
use crate::model::{
    AreaNumbering, Command, EmptyFields, GoalNumbering, Label, Labels, Numbering, Plan, PlanId,
    PrintSettings,
};

/// What each label names, for its row in the form.
fn describe(label: Label) -> &'static str {
    match label {
        Label::FocusArea => "Ord for et indsatsområde",
        Label::FocusAreas => "Overskrift over indsatsområderne",
        Label::Goal => "Ord for et mål",
        Label::Owner => "Ord for tovholder",
        Label::Documentation => "Ord for dokumentation",
        Label::Intro => "Overskrift over indledningen",
    }
}

/// How a numbering style of focus areas looks ("1. Titel", "Mål 1: Titel").
fn area_style(style: AreaNumbering, labels: &Labels) -> String {
    match style {
        AreaNumbering::None => "uden nummer (Titel)".to_owned(),
        _ => Numbering {
            focus_areas: style,
            ..Numbering::default()
        }
        .area_heading(labels, 0, "Titel"),
    }
}

/// How a numbering style of goals looks ("1.1", "a").
fn goal_style(style: GoalNumbering) -> &'static str {
    match style {
        GoalNumbering::Dotted => "1.1, 1.2 (med indsatsområdets nummer)",
        GoalNumbering::Arabic => "1, 2 (inden for indsatsområdet)",
        GoalNumbering::Letter => "a, b (inden for indsatsområdet)",
        GoalNumbering::None => "uden nummer",
    }
}

/// "Mål 1: Sundhed – Indsats 1.1 – Netværksleder: Anne Hansen": how the plan's first focus
/// area, its first goal and that goal's owner read with `labels` and `numbering`.
pub fn example(plan: &Plan, labels: &Labels, numbering: &Numbering, owner: Option<&str>) -> String {
    let area = plan
        .focus_areas
        .first()
        .map_or("Sundhed", |a| a.title.trim());
    let area = crate::units::shorten(area, 40);
    let goal_number = numbering.goal_number(0, 0);
    let goal = if goal_number.is_empty() {
        labels.goal().to_owned()
    } else {
        format!("{} {goal_number}", labels.goal())
    };
    format!(
        "{} – {goal} – {}: {}",
        numbering.area_heading(labels, 0, &area),
        labels.owner(),
        owner.unwrap_or("…")
    )
}

/// The form's entries before they are applied.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    texts: [String; 6],
    numbering: Numbering,
    print: PrintSettings,
}

impl Draft {
    fn of(plan: &Plan) -> Draft {
        Draft {
            texts: Label::ALL.map(|l| plan.labels.get(l).unwrap_or_default().to_owned()),
            numbering: plan.numbering.clone(),
            print: plan.print.clone(),
        }
    }

    /// The labels the entries give: a blank entry is the default.
    fn labels(&self, stored: &Labels) -> Labels {
        let mut labels = stored.clone();
        for (label, text) in Label::ALL.iter().zip(&self.texts) {
            let text = text.trim();
            labels.set(*label, (!text.is_empty()).then(|| text.to_owned()));
        }
        labels
    }
}

/// The form's state: the entries, and what they were made from (when the plan's stored
/// words change under it, by undo or another program, the form starts again from them).
#[derive(Debug, Default)]
pub struct Words {
    made_from: Option<(PlanId, Draft)>,
    draft: Option<Draft>,
}

impl Words {
    /// Draws the form for `plan`; `owner` is the name of its first goal's first owner, for
    /// the example.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        form: &mut Form<'_>,
        plan: &Plan,
        owner: Option<&str>,
    ) {
        let stored = Draft::of(plan);
        if self.made_from.as_ref() != Some(&(plan.id, stored.clone())) {
            self.made_from = Some((plan.id, stored.clone()));
            self.draft = Some(stored.clone());
        }
        let Some(draft) = &mut self.draft else {
            return;
        };
        ui.label(
            "Planens egne ord, nummerering og udskrift. Et tomt felt giver standardordet, \
             som står gråt i feltet.",
        );
        ui.add_space(6.0);
        form_grid(ui, "tilpas planen", |ui| {
            for (label, text) in Label::ALL.iter().zip(draft.texts.iter_mut()) {
                let row = ui.label(describe(*label));
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text(label.default_word())
                        .desired_width(240.0),
                )
                .labelled_by(row.id);
                ui.end_row();
            }
            let labels = draft.labels(&plan.labels);
            let row = ui.label("Nummerering af indsatsområder");
            egui::ComboBox::from_id_salt("nummerering af indsatsområder")
                .selected_text(area_style(draft.numbering.focus_areas, &labels))
                .width(240.0)
                .show_ui(ui, |ui| {
                    for style in AreaNumbering::ALL {
                        ui.selectable_value(
                            &mut draft.numbering.focus_areas,
                            style,
                            area_style(style, &labels),
                        );
                    }
                })
                .response
                .labelled_by(row.id);
            ui.end_row();
            let row = ui.label("Nummerering af mål");
            egui::ComboBox::from_id_salt("nummerering af mål")
                .selected_text(goal_style(draft.numbering.goals))
                .width(240.0)
                .show_ui(ui, |ui| {
                    for style in GoalNumbering::ALL {
                        ui.selectable_value(&mut draft.numbering.goals, style, goal_style(style));
                    }
                })
                .response
                .labelled_by(row.id);
            ui.end_row();
            let row = ui.label("Tomme felter i udskriften");
            let empty = |e: EmptyFields| match e {
                EmptyFields::Dash => "vises med –",
                EmptyFields::Hide => "udelades",
            };
            egui::ComboBox::from_id_salt("tomme felter")
                .selected_text(empty(draft.print.empty_fields))
                .width(240.0)
                .show_ui(ui, |ui| {
                    for e in [EmptyFields::Dash, EmptyFields::Hide] {
                        ui.selectable_value(&mut draft.print.empty_fields, e, empty(e));
                    }
                })
                .response
                .labelled_by(row.id);
            ui.end_row();
            ui.label("");
            ui.checkbox(
                &mut draft.print.owner_email,
                format!(
                    "Udskriv {}s mail",
                    super::people::lower_first(labels.owner())
                ),
            );
            ui.end_row();
            ui.label("");
            ui.checkbox(
                &mut draft.print.owner_title,
                format!(
                    "Udskriv {}s stilling",
                    super::people::lower_first(labels.owner())
                ),
            );
            ui.end_row();
        });
        let labels = draft.labels(&plan.labels);
        ui.add_space(8.0);
        let row = ui.label("Eksempel");
        ui.strong(example(plan, &labels, &draft.numbering, owner))
            .labelled_by(row.id);
        ui.add_space(8.0);
        let changed = *draft != stored;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(changed, egui::Button::new("Anvend"))
                .clicked()
            {
                form.apply(
                    Command::SetPlanWords {
                        plan: plan.id,
                        labels,
                        numbering: draft.numbering.clone(),
                        print: draft.print.clone(),
                    },
                    AfterEdit::Stay,
                );
            }
            if ui
                .add_enabled(changed, egui::Button::new("Fortryd ændringerne"))
                .clicked()
            {
                *draft = stored.clone();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FocusArea;

    #[test]
    fn the_example_line_reads_in_the_plans_words_and_blank_means_default() {
        let plan = Plan {
            focus_areas: vec![FocusArea {
                title: "Sundhed".into(),
                ..FocusArea::default()
            }],
            ..Plan::default()
        };
        let mut draft = Draft::of(&plan);
        assert_eq!(
            example(&plan, &draft.labels(&plan.labels), &draft.numbering, None),
            "1. Sundhed – Mål 1.1 – Tovholder: …"
        );
        draft.texts[0] = "Mål".into();
        draft.texts[2] = " Indsats ".into();
        draft.texts[3] = "Netværksleder".into();
        draft.numbering.focus_areas = AreaNumbering::Label;
        let labels = draft.labels(&plan.labels);
        assert_eq!(labels.goal.as_deref(), Some("Indsats"));
        assert_eq!(labels.intro, None);
        assert_eq!(
            example(&plan, &labels, &draft.numbering, Some("Anne Hansen")),
            "Mål 1: Sundhed – Indsats 1.1 – Netværksleder: Anne Hansen"
        );
        draft.texts[3] = "   ".into();
        assert_eq!(draft.labels(&plan.labels).owner, None);
    }
}
