//! The Forside screen: the plan's metadata, its state (kladde/godkendt), the plan it follows
//! up on, and the contact block.

use super::action::{Action, AfterEdit, Dialog};
use super::fields::{Form, form_grid};
use crate::model::{Command, Period, Plan, PlanField, PlanId, PlanState, PlanSummary};
use crate::units;

/// Draws the Forside screen of `plan`; `plans` are the file's plans (for "Følger op på").
pub fn show(ui: &mut egui::Ui, form: &mut Form<'_>, plan: &Plan, plans: &[PlanSummary]) {
    let id = plan.id;
    let text = |field: PlanField| {
        move |value: String| Command::SetPlanText {
            plan: id,
            field,
            value,
        }
    };
    form_grid(ui, "forside", |ui| {
        form.text_row(ui, "Titel", &plan.title, false, text(PlanField::Title));
        form.text_row(
            ui,
            "Forvaltning/afdeling",
            &plan.organisation,
            false,
            text(PlanField::Organisation),
        );
        form.text_row(
            ui,
            "Kommune",
            &plan.municipality,
            false,
            text(PlanField::Municipality),
        );
        let current = plan.period;
        let start = form.parsed_row(
            ui,
            ("periode", id, 0),
            "Periode fra",
            &current.start.to_string(),
            "fx 2012",
            |t| Period::parse_year(t).and_then(|y| Period::new(y, current.end)),
        );
        let end = form.parsed_row(
            ui,
            ("periode", id, 1),
            "Periode til",
            &current.end.to_string(),
            "fx 2013",
            |t| Period::parse_year(t).and_then(|y| Period::new(current.start, y)),
        );
        if let Some(period) = start.or(end).filter(|p| *p != current) {
            form.apply(Command::SetPeriod { plan: id, period }, AfterEdit::Stay);
        }
        form.text_row(
            ui,
            "Journalnummer",
            &plan.journal_number,
            false,
            text(PlanField::JournalNumber),
        );

        let label = ui.label("Planens status");
        ui.horizontal(|ui| match (plan.state, plan.approved_on) {
            (PlanState::Draft, _) => {
                ui.label("Kladde (udskrives med UDKAST)")
                    .labelled_by(label.id);
                if ui.button("Godkend planen…").clicked() {
                    form.out
                        .push(Action::Ask(Dialog::Approve(Box::new(plan.clone()))));
                }
            }
            (PlanState::Approved, on) => {
                let on = on
                    .map(|d| format!(" den {}", units::format_date(d)))
                    .unwrap_or_default();
                ui.label(format!("Godkendt{on}")).labelled_by(label.id);
            }
        });
        ui.end_row();
        form.text_row(
            ui,
            "Godkendt af",
            &plan.approved_by,
            false,
            text(PlanField::ApprovedBy),
        );

        let label = ui.label("Følger op på");
        let others: Vec<&PlanSummary> = plans.iter().filter(|p| p.id != id).collect();
        let name = |p: Option<PlanId>| {
            p.and_then(|p| plans.iter().find(|s| s.id == p))
                .map_or_else(
                    || "ingen tidligere plan".to_owned(),
                    |s| format!("{} ({})", s.title, s.period),
                )
        };
        let mut previous = plan.previous;
        egui::ComboBox::from_id_salt(("forrige", id))
            .selected_text(name(previous))
            .width(super::fields::FIELD_WIDTH)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut previous, None, name(None));
                for p in &others {
                    ui.selectable_value(&mut previous, Some(p.id), name(Some(p.id)));
                }
            })
            .response
            .labelled_by(label.id);
        if previous != plan.previous {
            form.apply(Command::SetPrevious { plan: id, previous }, AfterEdit::Stay);
        }
        ui.end_row();
    });
    ui.add_space(12.0);
    ui.strong("Kontakt");
    form_grid(ui, "kontakt", |ui| {
        form.text_row(
            ui,
            "Adresse",
            &plan.contact.address,
            true,
            text(PlanField::ContactAddress),
        );
        form.text_row(
            ui,
            "Telefon",
            &plan.contact.phone,
            false,
            text(PlanField::ContactPhone),
        );
        form.text_row(
            ui,
            "Mail",
            &plan.contact.email,
            false,
            text(PlanField::ContactEmail),
        );
        form.text_row(
            ui,
            "Web",
            &plan.contact.web,
            false,
            text(PlanField::ContactWeb),
        );
    });
    ui.add_space(16.0);
    if ui.button("Slet planen…").clicked() {
        form.out.push(Action::Ask(Dialog::DeletePlan {
            plan: id,
            title: plan.title.clone(),
        }));
    }
}
