//! File dialogs: the native ones through rfd (Windows' own dialogs; on Linux the desktop
//! portal or zenity), behind a trait so that tests can answer them.

use std::path::PathBuf;

/// What kind of file a dialog asks for (its filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A virkplan file (`.sqlite`).
    Plan,
    /// A JSON exchange document.
    Json,
    /// A PDF.
    Pdf,
}

impl FileKind {
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Plan => ("virkplan-fil", &["sqlite", "db"]),
            FileKind::Json => ("JSON-dokument", &["json"]),
            FileKind::Pdf => ("PDF-dokument", &["pdf"]),
        }
    }
}

/// The system's program could not show the file (opener's own text is English, so it is not
/// passed on); `Display` is the Danish sentence.
#[derive(Debug, thiserror::Error)]
#[error("Filen kunne ikke vises i systemets program. Åbn den selv fra mappen: {}", .0.display())]
pub struct ViewerError(pub PathBuf);

/// Asks the user for a file. `None`: the user cancelled (or no dialog could be shown).
pub trait FileDialogs {
    /// A file to read.
    fn open_file(&self, title: &str, kind: FileKind) -> Option<PathBuf>;
    /// A file to write, suggesting `name`.
    fn save_file(&self, title: &str, kind: FileKind, name: &str) -> Option<PathBuf>;
    /// Shows a file in the system's program for it (a PDF in the PDF viewer).
    fn open_in_viewer(&self, path: &std::path::Path) -> Result<(), ViewerError> {
        let _ = path;
        Ok(())
    }
}

/// The system's own dialogs, through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_in_viewer(&self, path: &std::path::Path) -> Result<(), ViewerError> {
        opener::open(path).map_err(|_| ViewerError(path.to_path_buf()))
    }

    fn open_file(&self, title: &str, kind: FileKind) -> Option<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(name, extensions)
            .add_filter("Alle filer", &["*"])
            .pick_file()
    }

    fn save_file(&self, title: &str, kind: FileKind, file_name: &str) -> Option<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(name, extensions)
            .set_file_name(file_name)
            .save_file()
    }
}

/// No dialogs: every question is cancelled (the default for tests).
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn open_file(&self, _title: &str, _kind: FileKind) -> Option<PathBuf> {
        None
    }

    fn save_file(&self, _title: &str, _kind: FileKind, _name: &str) -> Option<PathBuf> {
        None
    }
}

/// Dialogs answered in advance, in order (for tests that drive the Fil menu).
#[derive(Default)]
pub struct ScriptedDialogs {
    answers: std::cell::RefCell<std::collections::VecDeque<PathBuf>>,
}

impl ScriptedDialogs {
    /// Dialogs that answer with these paths, one per dialog, then cancel.
    pub fn answering(paths: impl IntoIterator<Item = PathBuf>) -> ScriptedDialogs {
        ScriptedDialogs {
            answers: std::cell::RefCell::new(paths.into_iter().collect()),
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_file(&self, _title: &str, _kind: FileKind) -> Option<PathBuf> {
        self.answers.borrow_mut().pop_front()
    }

    fn save_file(&self, _title: &str, _kind: FileKind, _name: &str) -> Option<PathBuf> {
        self.answers.borrow_mut().pop_front()
    }
}
