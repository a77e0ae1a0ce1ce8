//! The editor's own commands (not edits of the plan): each with its Danish label and its
//! keyboard shortcuts, so that the menu and the keyboard run the same thing.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command a user gives the editor from the menu or the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// Fortryd: undo the last edit.
    Undo,
    /// Gentag: redo the last undone edit.
    Redo,
    /// Afslut: close the window.
    Quit,
    /// Om virkplan: show the version.
    About,
}

const CTRL_Z: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const CTRL_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const CTRL_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);

impl UiCommand {
    /// Every command, in the order their shortcuts are checked: Ctrl+Shift+Z (Gentag) before
    /// Ctrl+Z (Fortryd), because egui lets Ctrl+Z match with Shift held too.
    pub const ALL: [UiCommand; 4] = [
        UiCommand::Redo,
        UiCommand::Undo,
        UiCommand::Quit,
        UiCommand::About,
    ];

    /// The Danish label in the menu ("Fortryd").
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::Undo => "Fortryd",
            UiCommand::Redo => "Gentag",
            UiCommand::Quit => "Afslut",
            UiCommand::About => "Om virkplan",
        }
    }

    /// The keyboard shortcuts; the first is the one the menu shows.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::Undo => &[CTRL_Z],
            UiCommand::Redo => &[CTRL_Y, CTRL_SHIFT_Z],
            UiCommand::Quit | UiCommand::About => &[],
        }
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
}
