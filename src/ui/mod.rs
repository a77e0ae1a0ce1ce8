//! The desktop editor (eframe/egui). The only module that knows egui and eframe.
//!
//! [`app`] holds the editor's state and applies the user's edits after drawing, in one
//! place, through [`crate::document::Document`]; one file per screen ([`cover`],
//! [`focus_areas`]) plus the menu, the navigation panel, the shared input rows, the
//! command list with labels and shortcuts ([`commands`]) and the colours ([`theme`]). It never
//! speaks SQL and does no file I/O of its own.

mod app;
mod budget;
mod clock;
mod commands;
mod cover;
pub mod dialogs;
mod fields;
mod focus_areas;
mod follow_up;
mod intro;
mod menu;
mod nav;
mod people;
mod search;
mod theme;
mod windows;

pub use app::{App, Part, Services, TYPING_SAVE_DELAY};
pub use commands::UiCommand;
pub use search::Place;

use std::path::PathBuf;
use std::process::ExitCode;

/// Starts the window and returns the exit code when it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let app = App::new(
        file,
        Services {
            dialogs: Box::new(dialogs::NativeDialogs),
            recent: crate::recent::RecentFiles::for_user(),
        },
    );
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1200.0, 760.0]),
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
