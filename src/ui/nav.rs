//! The navigation panel: the file's plans and, for the selected plan, its parts with the
//! numbered focus areas, under Opfølgning the follow-up round, and under Versioner the
//! changes since a version.

use super::action::{Action, Part};
use super::commands::UiCommand;
use crate::model::{FocusAreaId, Plan, PlanState, PlanSummary};

/// What the navigation panel shows.
pub struct NavState<'a> {
    /// The file's plans.
    pub plans: &'a [PlanSummary],
    /// The plan shown.
    pub plan: Option<&'a Plan>,
    /// The part shown.
    pub part: Part,
    /// The focus area shown.
    pub area: Option<FocusAreaId>,
    /// A file is open.
    pub has_file: bool,
    /// The file can be changed.
    pub writable: bool,
}

/// Draws the plans of the file and the parts of the selected plan.
pub fn navigation(ui: &mut egui::Ui, out: &mut Vec<Action>, state: &NavState<'_>) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("Planer");
        if !state.has_file {
            ui.label("Ingen fil er åbnet.");
            return;
        }
        if state.plans.is_empty() {
            ui.label("Filen har ingen planer.");
        }
        for summary in state.plans {
            let selected = state.plan.is_some_and(|p| p.id == summary.id);
            let lock = if summary.state == PlanState::Approved {
                " – godkendt"
            } else {
                ""
            };
            let text = format!("{} ({}){lock}", summary.title, summary.period);
            if ui.selectable_label(selected, text).clicked() && !selected {
                out.push(Action::SelectPlan(summary.id));
            }
            let Some(plan) = state.plan.filter(|_| selected) else {
                continue;
            };
            ui.indent("dele", |ui| {
                for p in Part::ALL {
                    // The round is a part of following up: shown under Opfølgning; the
                    // changes since a version under Versioner.
                    if matches!(p, Part::Round | Part::Changes) {
                        continue;
                    }
                    let here = state.part == p;
                    if ui.selectable_label(here, p.title(&plan.labels)).clicked() {
                        out.push(Action::SelectPart(p));
                    }
                    if p == Part::FollowUp {
                        ui.indent("opfølgning", |ui| {
                            let here = state.part == Part::Round;
                            if ui.selectable_label(here, Part::Round.label()).clicked() {
                                out.push(Action::SelectPart(Part::Round));
                            }
                        });
                    }
                    if p == Part::Versions {
                        ui.indent("versioner", |ui| {
                            let here = state.part == Part::Changes;
                            if ui.selectable_label(here, Part::Changes.label()).clicked() {
                                out.push(Action::SelectPart(Part::Changes));
                            }
                        });
                    }
                    if p == Part::FocusAreas {
                        ui.indent("indsatsområder", |ui| {
                            for (i, a) in plan.focus_areas.iter().enumerate() {
                                let here =
                                    state.part == Part::FocusAreas && state.area == Some(a.id);
                                let text = plan.numbering.area_heading(&plan.labels, i, &a.title);
                                if ui.selectable_label(here, text).clicked() {
                                    out.push(Action::SelectArea(a.id));
                                }
                            }
                        });
                    }
                }
            });
        }
        ui.add_space(8.0);
        if ui
            .add_enabled(
                state.writable,
                egui::Button::new(UiCommand::NewPlan.label()),
            )
            .clicked()
        {
            out.push(Action::Run(UiCommand::NewPlan));
        }
    });
}
