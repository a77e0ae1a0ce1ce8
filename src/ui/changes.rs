//! The "Ændringer siden…" screen (issue 20): pick a version (the last one by default) and
//! compare it to the plan now or to another version; the changes are shown grouped by focus
//! area, with removed words struck through and added words marked. The app
//! (`app/version_commands.rs`) reads the versions and works out the comparison
//! (`crate::comparison`, as `virkplan changes` does) and writes its report PDF; this only
//! draws them and the choice.

use super::action::{Action, Pick, VersionAction};
use super::theme;
use crate::changes::Piece;
use crate::comparison::Comparison;
use crate::model::{PlanId, Version, VersionId};
use crate::units::format_moment;

/// The screen's state: the plan's versions (read once per reload), the pick, and the
/// changes worked out for it.
#[derive(Debug, Default)]
pub struct ChangesScreen {
    read_for: Option<(u64, PlanId)>,
    versions: Vec<Version>,
    pick: Option<Pick>,
    /// True once the user chose: until then the pick follows the newest version.
    chosen: bool,
    made: Option<(
        (u64, Pick),
        Result<Comparison, crate::versions::VersionError>,
    )>,
}

impl ChangesScreen {
    /// Whether the versions must be read again (another plan, or the file changed).
    pub fn needs_versions(&self, generation: u64, plan: PlanId) -> bool {
        self.read_for != Some((generation, plan))
    }

    /// The versions of `plan` (oldest first) as read after reload `generation`. Until the
    /// user chooses, and when a chosen version is gone, the newest version is compared to the
    /// plan now.
    pub fn set_versions(&mut self, generation: u64, plan: PlanId, versions: Vec<Version>) {
        if self.read_for.is_some_and(|(_, p)| p != plan) || !self.chosen {
            self.pick = None;
            self.chosen = false;
        }
        self.read_for = Some((generation, plan));
        let has = |id: VersionId| versions.iter().any(|v| v.id == id);
        if self
            .pick
            .is_some_and(|p| !has(p.since) || p.to.is_some_and(|t| !has(t)))
        {
            self.pick = None;
            self.chosen = false;
        }
        if self.pick.is_none() {
            self.pick = versions.last().map(|v| Pick {
                since: v.id,
                to: None,
            });
        }
        self.versions = versions;
    }

    /// The pick, when the changes for it must be worked out (after reload `generation`).
    pub fn needs_changes(&self, generation: u64) -> Option<(Pick, &Version, Option<&Version>)> {
        let pick = self.pick?;
        if self
            .made
            .as_ref()
            .is_some_and(|(k, _)| *k == (generation, pick))
        {
            return None;
        }
        let find = |id: VersionId| self.versions.iter().find(|v| v.id == id);
        Some((pick, find(pick.since)?, pick.to.and_then(find)))
    }

    /// The comparison worked out for `pick` after reload `generation`, or why not.
    pub fn set_changes(
        &mut self,
        generation: u64,
        pick: Pick,
        made: Result<Comparison, crate::versions::VersionError>,
    ) {
        self.made = Some(((generation, pick), made));
    }

    /// The comparison shown, if it could be made (for its PDF).
    pub fn comparison(&self) -> Option<&Comparison> {
        self.made.as_ref().and_then(|(_, made)| made.as_ref().ok())
    }

    /// Changes the pick (a choice in the screen's lists).
    pub fn select(&mut self, pick: Pick) {
        self.pick = Some(pick);
        self.chosen = true;
    }

    /// Draws the choice and the changes.
    pub fn show(&self, ui: &mut egui::Ui, out: &mut Vec<Action>) {
        let Some(pick) = self.pick else {
            ui.label(
                "Planen har ingen versioner endnu. Gem en version under Versioner; så viser \
                 denne side, hvad der er ændret siden.",
            );
            return;
        };
        let title = |v: &Version| {
            format!(
                "Version {}: {} ({})",
                v.number,
                v.label,
                format_moment(v.saved_at)
            )
        };
        let find = |id: VersionId| self.versions.iter().find(|v| v.id == id);
        egui::Grid::new("ændringer valg")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Ændringer siden");
                egui::ComboBox::from_id_salt("ændringer siden")
                    .selected_text(find(pick.since).map(title).unwrap_or_default())
                    .width(460.0)
                    .show_ui(ui, |ui| {
                        for v in self.versions.iter().rev() {
                            if ui.selectable_label(v.id == pick.since, title(v)).clicked() {
                                out.push(Action::Version(VersionAction::Compare(Pick {
                                    since: v.id,
                                    ..pick
                                })));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Til");
                let now = "Planen, som den er nu";
                egui::ComboBox::from_id_salt("ændringer til")
                    .selected_text(
                        pick.to
                            .and_then(find)
                            .map_or_else(|| now.to_string(), title),
                    )
                    .width(460.0)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(pick.to.is_none(), now).clicked() {
                            out.push(Action::Version(VersionAction::Compare(Pick {
                                to: None,
                                ..pick
                            })));
                        }
                        for v in self.versions.iter().rev() {
                            if ui
                                .selectable_label(pick.to == Some(v.id), title(v))
                                .clicked()
                            {
                                out.push(Action::Version(VersionAction::Compare(Pick {
                                    to: Some(v.id),
                                    ..pick
                                })));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.add_space(8.0);
        let Some((_, made)) = &self.made else { return };
        let comparison = match made {
            Ok(comparison) => comparison,
            Err(e) => {
                ui.colored_label(theme::ERROR_TEXT, e.to_string());
                return;
            }
        };
        ui.horizontal_wrapped(|ui| {
            ui.heading(comparison.title.as_str());
            if ui.button("Eksportér som PDF…").clicked() {
                out.push(Action::Version(VersionAction::ExportChanges));
            }
        });
        let changes = &comparison.changes;
        if changes.is_empty() {
            ui.label("Ingen ændringer.");
            return;
        }
        for group in changes.groups.iter().filter(|g| !g.changes.is_empty()) {
            ui.add_space(6.0);
            if group.removed {
                ui.strong(format!("{} (fjernet)", group.heading));
            } else {
                ui.strong(group.heading.as_str());
            }
            for change in &group.changes {
                ui.horizontal_wrapped(|ui| {
                    ui.label("•");
                    let job = sentence(ui, &change.pieces);
                    let spoken = spoken(&change.pieces);
                    ui.label(job).widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Label, true, &spoken)
                    });
                });
            }
        }
    }
}

/// A change's sentence: removed words struck through (red), added words underlined on green.
fn sentence(ui: &egui::Ui, pieces: &[Piece]) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    for piece in pieces {
        let format = match piece {
            Piece::Same(_) => egui::TextFormat::simple(font.clone(), plain),
            Piece::Removed(_) => egui::TextFormat {
                color: theme::REMOVED_TEXT,
                strikethrough: egui::Stroke::new(1.0, theme::REMOVED_TEXT),
                ..egui::TextFormat::simple(font.clone(), plain)
            },
            Piece::Added(_) => egui::TextFormat {
                color: theme::ADDED_TEXT,
                background: theme::ADDED_FILL,
                underline: egui::Stroke::new(1.0, theme::ADDED_TEXT),
                ..egui::TextFormat::simple(font.clone(), plain)
            },
        };
        job.append(piece.text(), 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// A change's sentence for a screen reader (and a test), which does not see the marks:
/// "Mål: Færre [slettet: indlæggelser] [tilføjet: genindlæggelser]".
fn spoken(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => t.clone(),
            Piece::Removed(t) => format!("[slettet: {t}]"),
            Piece::Added(t) => format!("[tilføjet: {t}]"),
        })
        .collect()
}
