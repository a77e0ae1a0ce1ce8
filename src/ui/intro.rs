//! The Indledning screen: the intro sections (add, rename, reorder, delete, multi-line body)
//! and the text that leads into the focus areas.

use super::action::AfterEdit;
use super::fields::{FIELD_WIDTH, Form, form_grid};
use crate::model::{Command, Plan, PlanField, Section, SectionField};

/// The title of a new section; the user types over it.
const NEW_SECTION: &str = "Nyt afsnit";

/// Draws the Indledning screen of `plan`.
pub fn show(ui: &mut egui::Ui, form: &mut Form<'_>, plan: &Plan) {
    let count = plan.sections.len();
    if count == 0 {
        ui.label("Planen har endnu ingen afsnit i indledningen.");
    }
    for (i, section) in plan.sections.iter().enumerate() {
        let id = section.id;
        ui.push_id(("afsnit", id), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("Afsnit {}", i + 1));
                    if ui
                        .add_enabled(i > 0, egui::Button::new("Flyt afsnit op"))
                        .clicked()
                    {
                        form.apply(
                            Command::MoveSection {
                                section: id,
                                index: i - 1,
                            },
                            AfterEdit::Stay,
                        );
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new("Flyt afsnit ned"))
                        .clicked()
                    {
                        form.apply(
                            Command::MoveSection {
                                section: id,
                                index: i + 1,
                            },
                            AfterEdit::Stay,
                        );
                    }
                    if ui.button("Slet afsnit").clicked() {
                        form.apply(Command::DeleteSection(id), AfterEdit::Stay);
                    }
                });
                let text = |field: SectionField| {
                    move |value: String| Command::SetSectionText {
                        section: id,
                        field,
                        value,
                    }
                };
                form_grid(ui, "afsnit", |ui| {
                    form.text_row(
                        ui,
                        "Overskrift",
                        &section.title,
                        false,
                        text(SectionField::Title),
                    );
                    form.text_row(ui, "Tekst", &section.body, true, text(SectionField::Body));
                });
                ui.label("Linjer, der begynder med «- », bliver til punkter i den trykte plan.");
            });
        });
        ui.add_space(6.0);
    }
    if ui.button("Tilføj afsnit").clicked() {
        form.apply(
            Command::InsertSection {
                plan: plan.id,
                index: count,
                section: Section {
                    title: NEW_SECTION.into(),
                    ..Section::default()
                },
            },
            AfterEdit::Stay,
        );
    }
    ui.add_space(16.0);
    ui.strong("Tekst før indsatsområderne");
    let id = plan.id;
    let label = ui.label("Indledning til indsatsområderne");
    form.text_field(
        ui,
        label.id,
        &plan.focus_areas_intro,
        true,
        FIELD_WIDTH + 100.0,
        move |value| Command::SetPlanText {
            plan: id,
            field: PlanField::FocusAreasIntro,
            value,
        },
    );
}
