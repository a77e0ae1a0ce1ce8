//! The editor's own commands (not edits of the plan): each with its Danish label and its
//! keyboard shortcuts, so that the menu and the keyboard run the same thing.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command a user gives the editor from the menu or the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// Ny fil…: create a new plan file and open it.
    NewFile,
    /// Åbn…: open another plan file.
    Open,
    /// Gem en kopi som…: write a copy of the open file.
    SaveCopy,
    /// Ny plan…: add a plan to the open file.
    NewPlan,
    /// Ny plan fra denne…: the next period's plan, made from the one shown.
    RollOver,
    /// Importér planer fra anden fil…: copy plans from a colleague's file.
    ImportPlans,
    /// Importér JSON…
    ImportJson,
    /// Gem version…: save the shown plan as a version that never changes (issue 20).
    SaveVersion,
    /// Eksportér JSON…: the selected plan with the plans it reviews.
    ExportJson,
    /// Vis udskrift: the pages of the PDF inside the editor (Udskrift).
    Preview,
    /// Eksportér PDF…: the selected plan as the printable PDF for the byråd.
    ExportPdf,
    /// Fortryd: undo the last edit.
    Undo,
    /// Gentag: redo the last undone edit.
    Redo,
    /// Søg: search the texts of the plan.
    Find,
    /// Afslut: close the window.
    Quit,
    /// Om virkplan: show the version.
    About,
}

const CTRL_N: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const CTRL_O: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const CTRL_P: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);
const CTRL_F: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const CTRL_Z: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const CTRL_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const CTRL_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);

impl UiCommand {
    /// Every command, in the order their shortcuts are checked: Ctrl+Shift+Z (Gentag) before
    /// Ctrl+Z (Fortryd), because egui lets Ctrl+Z match with Shift held too.
    pub const ALL: [UiCommand; 16] = [
        UiCommand::NewFile,
        UiCommand::Open,
        UiCommand::SaveCopy,
        UiCommand::NewPlan,
        UiCommand::RollOver,
        UiCommand::ImportPlans,
        UiCommand::ImportJson,
        UiCommand::SaveVersion,
        UiCommand::ExportJson,
        UiCommand::Preview,
        UiCommand::ExportPdf,
        UiCommand::Redo,
        UiCommand::Undo,
        UiCommand::Find,
        UiCommand::Quit,
        UiCommand::About,
    ];

    /// The Danish label in the menu ("Fortryd").
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewFile => "Ny fil…",
            UiCommand::Open => "Åbn…",
            UiCommand::SaveCopy => "Gem en kopi som…",
            UiCommand::NewPlan => "Ny plan…",
            UiCommand::RollOver => "Ny plan fra denne…",
            UiCommand::ImportPlans => "Importér planer fra anden fil…",
            UiCommand::ImportJson => "Importér JSON…",
            UiCommand::SaveVersion => "Gem version…",
            UiCommand::ExportJson => "Eksportér JSON…",
            UiCommand::Preview => "Vis udskrift",
            UiCommand::ExportPdf => "Eksportér PDF…",
            UiCommand::Undo => "Fortryd",
            UiCommand::Redo => "Gentag",
            UiCommand::Find => "Søg",
            UiCommand::Quit => "Afslut",
            UiCommand::About => "Om virkplan",
        }
    }

    /// The keyboard shortcuts; the first is the one the menu shows.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::NewFile => &[CTRL_N],
            UiCommand::Open => &[CTRL_O],
            UiCommand::Find => &[CTRL_F],
            UiCommand::ExportPdf => &[CTRL_P],
            UiCommand::Undo => &[CTRL_Z],
            UiCommand::Redo => &[CTRL_Y, CTRL_SHIFT_Z],
            UiCommand::SaveCopy
            | UiCommand::NewPlan
            | UiCommand::RollOver
            | UiCommand::ImportPlans
            | UiCommand::ImportJson
            | UiCommand::SaveVersion
            | UiCommand::ExportJson
            | UiCommand::Preview
            | UiCommand::Quit
            | UiCommand::About => &[],
        }
    }

    /// True for commands that change the open file (refused while it is read-only).
    pub fn writes(self) -> bool {
        matches!(
            self,
            UiCommand::NewPlan
                | UiCommand::RollOver
                | UiCommand::ImportPlans
                | UiCommand::ImportJson
                | UiCommand::SaveVersion
        )
    }

    /// The commands whose shortcuts were pressed this frame (the keys are consumed, so a
    /// text field does not also run its own undo).
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        ctx.input_mut(|input| {
            UiCommand::ALL
                .into_iter()
                .filter(|cmd| cmd.shortcuts().iter().any(|s| input.consume_shortcut(s)))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redo_shortcuts_are_checked_before_undo() {
        let redo = UiCommand::ALL.iter().position(|c| *c == UiCommand::Redo);
        let undo = UiCommand::ALL.iter().position(|c| *c == UiCommand::Undo);
        assert!(redo < undo);
    }

    #[test]
    fn every_label_is_danish_and_distinct() {
        let labels: std::collections::HashSet<_> =
            UiCommand::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), UiCommand::ALL.len());
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for cmd in UiCommand::ALL {
            for s in cmd.shortcuts() {
                assert!(!seen.contains(s), "{cmd:?}");
                seen.push(*s);
            }
        }
    }
}
