//! The banners over the screens: the file is read-only (with "Gem en kopi som…"), a version
//! is shown (with "Tilbage til planen"), and the plan is approved and locked (with "Ny plan
//! fra denne…" and "Genåbn som kladde", which asks first and keeps the versions).

use super::App;
use crate::model::PlanState;
use crate::ui::action::Action;
use crate::ui::commands::UiCommand;
use crate::ui::modal::Modal;
use crate::ui::theme;

impl App {
    /// The banners over every screen: a read-only file, an open version.
    pub(super) fn banners(&mut self, ui: &mut egui::Ui) {
        let banner = || {
            egui::Frame::new()
                .fill(theme::BANNER_FILL)
                .inner_margin(8.0)
        };
        if let Some(reason) = self.document.as_ref().and_then(|d| d.read_only()) {
            egui::Panel::top("skrivebeskyttet")
                .frame(banner())
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(theme::BANNER_TEXT, reason.message());
                        if ui.button(UiCommand::SaveCopy.label()).clicked() {
                            self.pending.push(Action::Run(UiCommand::SaveCopy));
                        }
                    });
                });
        }
        if let Some(frozen) = &self.version {
            egui::Panel::top("version").frame(banner()).show(ui, |ui| {
                crate::ui::versions::banner(ui, &mut self.pending, &frozen.version);
            });
        }
    }

    /// The notice over an approved plan's screens (not over a version: it cannot be
    /// reopened, only the plan can).
    pub(super) fn locked_banner(&mut self, ui: &mut egui::Ui) {
        let read_only = self.read_only();
        let Some(plan) = &self.plan else { return };
        if plan.state != PlanState::Approved
            || self.version.is_some()
            || matches!(self.part, super::Part::People | super::Part::Print)
        {
            return;
        }
        egui::Frame::new()
            .fill(theme::LOCK_FILL)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let on = plan
                        .approved_on
                        .map(|d| format!(" den {}", crate::units::format_date(d)))
                        .unwrap_or_default();
                    let by = if plan.approved_by.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" af {}", plan.approved_by.trim())
                    };
                    ui.label(format!(
                        "Planen er godkendt{on}{by} og er låst, så den ikke ændres ved et uheld."
                    ));
                    if ui
                        .add_enabled(!read_only, egui::Button::new(UiCommand::RollOver.label()))
                        .clicked()
                    {
                        self.pending.push(Action::Run(UiCommand::RollOver));
                    }
                    if ui
                        .add_enabled(!read_only, egui::Button::new("Genåbn som kladde"))
                        .clicked()
                    {
                        self.window = Some(Modal::Reopen(plan.id));
                    }
                });
            });
    }
}
