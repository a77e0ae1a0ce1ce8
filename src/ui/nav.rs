//! The navigation panel: the file's plans and, for the selected plan, its parts with the
//! numbered focus areas.

use super::app::{Action, Part};
use crate::model::{FocusAreaId, Plan, PlanSummary};

/// Draws the plans of the file and the parts of the selected plan.
pub fn navigation(
    ui: &mut egui::Ui,
    out: &mut Vec<Action>,
    plans: &[PlanSummary],
    plan: Option<&Plan>,
    part: Part,
    area: Option<FocusAreaId>,
) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Planer");
        if plans.is_empty() {
            ui.label("Filen har ingen planer.");
        }
        for summary in plans {
            let selected = plan.is_some_and(|p| p.id == summary.id);
            let text = format!("{} ({})", summary.title, summary.period);
            if ui.selectable_label(selected, text).clicked() && !selected {
                out.push(Action::SelectPlan(summary.id));
            }
            let Some(plan) = plan.filter(|_| selected) else {
                continue;
            };
            ui.indent("dele", |ui| {
                // Indledning, Budget and Personer join the list when their screens exist (issue 3).
                for p in [Part::Cover, Part::FocusAreas] {
                    let here = part == p && (p != Part::FocusAreas || area.is_none());
                    if ui.selectable_label(here, p.label()).clicked() {
                        out.push(Action::SelectPart(p));
                    }
                }
                ui.indent("indsatsområder", |ui| {
                    for (i, a) in plan.focus_areas.iter().enumerate() {
                        let here = part == Part::FocusAreas && area == Some(a.id);
                        let text = format!("{}. {}", i + 1, a.title);
                        if ui.selectable_label(here, text).clicked() {
                            out.push(Action::SelectArea(a.id));
                        }
                    }
                });
            });
        }
    });
}
