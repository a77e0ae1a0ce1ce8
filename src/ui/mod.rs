//! The desktop editor (eframe/egui). The only module that knows egui and eframe.
//!
//! [`app`] holds the editor's state and applies the user's edits after drawing, in one
//! place, through [`crate::document::Document`]; one file per screen ([`cover`],
//! [`focus_areas`]) plus the menu, the navigation panel, the shared input rows ([`fields`]),
//! the command list with labels and shortcuts ([`commands`]) and the colours ([`theme`]). The
//! screens speak to the app in the words of [`action`], never by importing the app. It never
//! speaks SQL and does no file I/O of its own.

mod action;
mod app;
mod budget;
mod changes;
mod chart;
pub mod clock;
mod commands;
mod cover;
pub mod dialogs;
mod fields;
mod focus_areas;
mod follow_up;
mod goal;
mod indicators;
mod intro;
mod menu;
mod milestones;
mod modal;
mod my_follow_up;
mod nav;
mod people;
mod preview;
mod related;
mod round;
mod round_preview;
mod search;
mod theme;
mod versions;
mod words;

pub use action::{Part, Place, TYPING_SAVE_DELAY};
pub use app::{App, Services};
pub use commands::UiCommand;

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

/// The renderers to try, in order: wgpu (eframe's default: DirectX 12, Vulkan or OpenGL), then
/// glow (plain OpenGL), for a graphics driver that wgpu cannot start on, as under Wine or on an
/// old laptop. `VIRKPLAN_RENDERER=glow` (or `wgpu`) names the one to use.
fn renderers() -> Vec<eframe::Renderer> {
    match std::env::var("VIRKPLAN_RENDERER").as_deref() {
        Ok("glow") => vec![eframe::Renderer::Glow],
        Ok("wgpu") => vec![eframe::Renderer::Wgpu],
        _ => vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow],
    }
}

/// Starts the window and returns the exit code when it closes. When a renderer cannot start,
/// the next one is tried; only when none can does the user get an error.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let new_app = || {
        App::new(
            file.clone(),
            Services {
                dialogs: Box::new(dialogs::NativeDialogs),
                recent: crate::recent::RecentFiles::for_user(),
            },
        )
    };
    // The app waits here until eframe asks for it: a renderer that fails to start does so
    // before that, and the same app goes to the next one.
    let waiting: Rc<Cell<Option<App>>> = Rc::new(Cell::new(None));
    let mut errors = Vec::new();
    for renderer in renderers() {
        let app = waiting.take().unwrap_or_else(new_app);
        let title = app.title();
        waiting.set(Some(app));
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(title)
                .with_inner_size([1200.0, 760.0])
                .with_icon(icon()),
            renderer,
            ..Default::default()
        };
        let from_waiting = Rc::clone(&waiting);
        let creator: eframe::AppCreator<'_> = Box::new(move |cc| {
            // Office users expect a light window.
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(from_waiting.take().unwrap_or_else(new_app)))
        });
        match eframe::run_native("virkplan", options, creator) {
            Ok(()) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("Bemærk: tegningen med {renderer} kunne ikke starte ({e}).");
                errors.push(format!("{renderer}: {e}"));
            }
        }
    }
    no_window(&errors.join("; "))
}

/// The application icon for the window and the taskbar (the .exe's own icon is embedded by
/// build.rs); without it eframe shows egui's.
fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/virkplan.png"))
        .unwrap_or_default()
}

/// No renderer could start: say so where the user will see it (on Windows a message box: a
/// program started from Explorer has no console) and return exit code 1.
fn no_window(errors: &str) -> ExitCode {
    let message = format!(
        "Vinduet kunne ikke startes ({errors}). Opdatér skærmdriveren, eller brug kommandolinjen \
         (virkplan --help)."
    );
    crate::console::attach_to_parent();
    eprintln!("{message}");
    #[cfg(windows)]
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("virkplan")
        .set_description(&message)
        .show();
    ExitCode::from(1)
}
