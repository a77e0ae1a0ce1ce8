//! The desktop window (eframe/egui). The only module that knows egui and eframe.
//!
//! For now it shows the plans of a file with the file's state; the full editor builds on it.
//! It reads through [`crate::document::Document`] and never speaks SQL.

use crate::document::Document;
use crate::model::PlanSummary;
use std::path::PathBuf;
use std::process::ExitCode;

/// What the window shows of the open file.
pub struct App {
    file: Option<PathBuf>,
    document: Option<Document>,
    plans: Vec<PlanSummary>,
    error: Option<String>,
}

impl App {
    /// Opens `file` (if any) and reads its plans; an error is shown in the window.
    pub fn new(file: Option<PathBuf>) -> App {
        let mut app = App {
            file: file.clone(),
            document: None,
            plans: Vec::new(),
            error: None,
        };
        if let Some(path) = file {
            match Document::open(&path).and_then(|d| d.store().list_plans().map(|p| (d, p))) {
                Ok((doc, plans)) => {
                    app.document = Some(doc);
                    app.plans = plans;
                }
                Err(e) => app.error = Some(e.to_string()),
            }
        }
        app
    }

    fn title(&self) -> String {
        match &self.file {
            Some(f) => format!(
                "{} – virkplan",
                f.file_name().map_or_else(
                    || f.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => "virkplan".into(),
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(self.title());
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
                return;
            }
            let Some(doc) = &self.document else {
                ui.label("Ingen fil er åbnet. Start virkplan med en fil: virkplan FIL.sqlite");
                return;
            };
            if let Some(reason) = doc.store().read_only() {
                ui.colored_label(ui.visuals().warn_fg_color, reason.message());
            }
            ui.separator();
            if self.plans.is_empty() {
                ui.label("Filen har endnu ingen planer.");
            }
            egui::Grid::new("planer").striped(true).show(ui, |ui| {
                ui.strong("Id");
                ui.strong("Titel");
                ui.strong("Periode");
                ui.strong("Status");
                ui.end_row();
                for p in &self.plans {
                    ui.label(p.id.to_string());
                    ui.label(&p.title);
                    ui.label(p.period.to_string());
                    ui.label(p.state.label());
                    ui.end_row();
                }
            });
        });
    }
}

/// Starts the window and returns the exit code when it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let app = App::new(file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1024.0, 700.0]),
        ..Default::default()
    };
    let creator: eframe::AppCreator<'_> = Box::new(|cc| {
        // Office users expect a light window.
        cc.egui_ctx.set_theme(egui::Theme::Light);
        Ok(Box::new(app))
    });
    match eframe::run_native("virkplan", options, creator) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "Vinduet kunne ikke startes ({e}). Kontrollér skærmdriveren, eller brug kommandolinjen."
            );
            ExitCode::from(1)
        }
    }
}
