//! The Versioner screen (issue 20): the plan's saved versions, newest first, each with what it
//! was for, when and by whom, and what can be done with it (Vis, Udskrift, Eksportér PDF…,
//! Gendan som ny plan, Slet…); a damaged version says why and cannot be opened or printed.
//! Also the banner over every screen while a version is open, and the dialogs "Gem
//! version…", "Slet version?" (asked twice) and "Genåbn som kladde?". It reports what the
//! user did as [`Action`]s; the app (`app/version_commands.rs`) carries them out.

use super::action::{Action, AfterEdit, VersionAction};
use super::commands::UiCommand;
use super::theme;
use crate::model::{Command, PlanId, PlanState, Version, VersionId, VersionKind};
use crate::units::{format_date, format_moment};

/// A version as the list shows it.
#[derive(Debug)]
pub struct Listed {
    /// What the file records about it.
    pub version: Version,
    /// Why its content cannot be used (another program changed it); `Display` is the Danish
    /// sentence.
    pub damage: Option<crate::versions::VersionError>,
}

/// The versions of a plan as read, or why they could not be read.
pub type ReadList = Result<Vec<Listed>, crate::document::DocumentError>;

/// The screen's state: the shown plan's versions, read (and each one's content checked) once
/// per reload.
#[derive(Debug, Default)]
pub struct VersionsScreen {
    /// The reload generation and plan the list was read for, and the list or why not.
    list: Option<((u64, PlanId), ReadList)>,
}

impl VersionsScreen {
    /// Whether the list must be read again (another plan, or the file changed).
    pub fn needs_list(&self, generation: u64, plan: PlanId) -> bool {
        self.list
            .as_ref()
            .is_none_or(|(k, _)| *k != (generation, plan))
    }

    /// The versions of `plan` as read after reload `generation` (oldest first), or why they
    /// could not be read.
    pub fn set_list(&mut self, generation: u64, plan: PlanId, list: ReadList) {
        self.list = Some(((generation, plan), list));
    }

    /// Draws the list. `open` is the version shown now, if any; `writable` says whether the
    /// file can be changed (a version is saved only of the plan, not while one is shown).
    pub fn show(
        &self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        open: Option<VersionId>,
        writable: bool,
    ) {
        ui.label(
            "En version er planen, som den var, da versionen blev gemt, og den ændres aldrig. \
             Gem en version, før planen forelægges byrådet eller et udvalg; en godkendelse gemmer \
             selv en version.",
        );
        ui.add_space(4.0);
        if ui
            .add_enabled(
                writable && open.is_none(),
                egui::Button::new(UiCommand::SaveVersion.label()),
            )
            .clicked()
        {
            out.push(Action::Run(UiCommand::SaveVersion));
        }
        ui.add_space(8.0);
        let Some((_, list)) = &self.list else { return };
        let list = match list {
            Ok(list) => list,
            Err(e) => {
                ui.colored_label(theme::ERROR_TEXT, e.to_string());
                return;
            }
        };
        if list.is_empty() {
            ui.label("Planen har ingen versioner endnu.");
            return;
        }
        for listed in list.iter().rev() {
            let here = open == Some(listed.version.id);
            egui::Frame::group(ui.style())
                .fill(if here {
                    theme::BANNER_FILL
                } else {
                    ui.visuals().extreme_bg_color
                })
                .inner_margin(8.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width().min(900.0));
                    entry(ui, out, listed, here, writable);
                });
            ui.add_space(4.0);
        }
    }
}

/// One version: what it was for, when and by whom, then what can be done with it.
fn entry(ui: &mut egui::Ui, out: &mut Vec<Action>, listed: &Listed, here: bool, writable: bool) {
    let v = &listed.version;
    ui.add(egui::Label::new(
        egui::RichText::new(format!("Version {}: {}", v.number, v.label)).strong(),
    ));
    let mut facts = format!("Gemt {}", format_moment(v.saved_at));
    if !v.saved_by.trim().is_empty() {
        facts.push_str(&format!(" af {}", v.saved_by.trim()));
    }
    if v.kind == VersionKind::Approval {
        facts.push_str(" – godkendelse");
    }
    if here {
        facts.push_str(" – vises nu");
    }
    ui.label(facts);
    ui.horizontal_wrapped(|ui| {
        let (id, n) = (v.id, v.number);
        // Each button names its version for a screen reader, which lists buttons by name.
        let button = |ui: &mut egui::Ui, enabled: bool, text: &str, name: String| {
            let response = ui.add_enabled(enabled, egui::Button::new(text));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
            response
        };
        if let Some(damage) = &listed.damage {
            ui.colored_label(theme::ERROR_TEXT, damage.to_string());
        } else {
            if button(ui, !here, "Vis", format!("Vis version {n}")).clicked() {
                out.push(Action::Version(VersionAction::Open(id)));
            }
            if button(ui, true, "Udskrift", format!("Udskrift af version {n}")).clicked() {
                out.push(Action::Version(VersionAction::Print(id)));
            }
            let export = UiCommand::ExportPdf.label();
            if button(ui, true, export, format!("Eksportér PDF af version {n}…")).clicked() {
                out.push(Action::Version(VersionAction::ExportPdf(id)));
            }
            if button(
                ui,
                writable,
                "Gendan som ny plan",
                format!("Gendan version {n} som ny plan"),
            )
            .on_hover_text("Versionens plan kopieres ind i filen som en ny kladde")
            .clicked()
            {
                out.push(Action::Version(VersionAction::Restore(id)));
            }
        }
        if button(ui, writable && !here, "Slet…", format!("Slet version {n}…"))
            .on_disabled_hover_text("En version, der vises, kan ikke slettes")
            .clicked()
        {
            out.push(Action::Version(VersionAction::AskDelete(v.clone())));
        }
    });
}

/// "Version 3 af 12. marts 2013 – kan ikke ændres": what the banner over an open version says.
pub fn banner_text(version: &Version) -> String {
    format!(
        "Version {} af {} – kan ikke ændres",
        version.number,
        format_date(version.saved_at.date())
    )
}

/// The banner over every screen while a version is open, with "Tilbage til planen".
pub fn banner(ui: &mut egui::Ui, out: &mut Vec<Action>, version: &Version) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(theme::BANNER_TEXT, banner_text(version));
        ui.label(format!("«{}»", version.label));
        if ui.button("Tilbage til planen").clicked() {
            out.push(Action::Version(VersionAction::Close));
        }
    });
}

/// The form of "Gem version…".
#[derive(Debug, Clone)]
pub struct SaveForm {
    label: String,
    saved_by: String,
    error: Option<String>,
}

impl SaveForm {
    /// An empty label, and "Gemt af" filled with `saved_by` (the computer's user name).
    pub fn new(saved_by: String) -> SaveForm {
        SaveForm {
            label: String::new(),
            saved_by,
            error: None,
        }
    }
}

/// Draws "Gem version…"; a blank label is refused under the form.
pub fn save_dialog(ui: &mut egui::Ui, form: &mut SaveForm, out: &mut Vec<Action>) {
    ui.heading("Gem version");
    ui.label(
        "Versionen gemmer planen, som den er nu, med alt hvad udskriften viser. Den kan \
         ikke ændres bagefter, men den kan vises, udskrives og sammenlignes.",
    );
    egui::Grid::new("gem version")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Hvad er versionen til?");
            ui.add(
                egui::TextEdit::singleline(&mut form.label)
                    .hint_text("fx Til Social- og Sundhedsudvalget 12. marts 2013")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Gemt af");
            ui.add(egui::TextEdit::singleline(&mut form.saved_by).desired_width(360.0))
                .labelled_by(label.id);
            ui.end_row();
        });
    if let Some(error) = &form.error {
        ui.colored_label(theme::ERROR_TEXT, error.as_str());
    }
    ui.horizontal(|ui| {
        if ui.button("Gem versionen").clicked() {
            if form.label.trim().is_empty() {
                form.error = Some(crate::versions::VersionError::BlankLabel.to_string());
            } else {
                out.push(Action::CloseWindow);
                out.push(Action::Version(VersionAction::Save {
                    label: form.label.trim().to_owned(),
                    saved_by: form.saved_by.trim().to_owned(),
                }));
            }
        }
        if ui.button("Annullér").clicked() {
            out.push(Action::CloseWindow);
        }
    });
}

/// "Slet version?", then "Er du helt sikker?".
#[derive(Debug, Clone)]
pub struct DeleteForm {
    version: Version,
    sure: bool,
}

impl DeleteForm {
    /// The first question about `version`.
    pub fn new(version: Version) -> DeleteForm {
        DeleteForm {
            version,
            sure: false,
        }
    }
}

/// Draws the two questions before a version is deleted (one ordinary, undoable edit).
pub fn delete_dialog(ui: &mut egui::Ui, form: &mut DeleteForm, out: &mut Vec<Action>) {
    let v = &form.version;
    if !form.sure {
        ui.heading(format!("Slet version {}?", v.number));
        ui.label(format!(
            "Version {} «{}», gemt {}, slettes fra planfilen. Planen selv ændres ikke.",
            v.number,
            v.label,
            format_moment(v.saved_at)
        ));
    } else {
        ui.heading("Er du helt sikker?");
        ui.label(format!(
            "En version er et varigt vidnesbyrd om, hvad der blev forelagt. Slettes version {}, \
             kan den kun hentes tilbage med Fortryd (Ctrl+Z), så længe filen er åben.",
            v.number
        ));
    }
    ui.horizontal(|ui| {
        if !form.sure {
            if ui.button("Slet versionen…").clicked() {
                form.sure = true;
            }
        } else if ui
            .button(format!("Ja, slet version {}", v.number))
            .clicked()
        {
            out.push(Action::CloseWindow);
            out.push(Action::Apply(Command::DeleteVersion(v.id), AfterEdit::Stay));
        }
        if ui.button("Annullér").clicked() {
            out.push(Action::CloseWindow);
        }
    });
}

/// "Genåbn som kladde?": the approval is lifted, the versions stay.
pub fn reopen_dialog(ui: &mut egui::Ui, plan: PlanId, out: &mut Vec<Action>) {
    ui.heading("Genåbn som kladde?");
    ui.label(
        "Planen bliver en kladde igen og kan ændres. Godkendelsen forsvinder fra planen, men \
         versionen, der blev gemt ved godkendelsen, og alle andre versioner bevares under \
         Versioner.",
    );
    ui.horizontal(|ui| {
        if ui.button("Ja, genåbn som kladde").clicked() {
            out.push(Action::CloseWindow);
            out.push(Action::Apply(
                Command::SetState {
                    plan,
                    state: PlanState::Draft,
                    approved_on: None,
                },
                AfterEdit::Stay,
            ));
        }
        if ui.button("Annullér").clicked() {
            out.push(Action::CloseWindow);
        }
    });
}

/// Said when something would change the file while a version is shown.
pub const CLOSE_FIRST: &str =
    "En version kan ikke ændres. Vælg «Tilbage til planen» for at arbejde videre i planen.";
