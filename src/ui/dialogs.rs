//! File dialogs: the native ones through rfd (Windows' own dialogs; on Linux the desktop
//! portal or zenity), and what the platform opens for us (a PDF, a folder, a `mailto:` link
//! in the mail program), behind a trait so that tests can answer them and see what was opened.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What kind of file a dialog asks for (its filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A virkplan file (`.sqlite`).
    Plan,
    /// A JSON exchange document.
    Json,
    /// A PDF.
    Pdf,
    /// A returned follow-up workbook (Excel or LibreOffice).
    Workbook,
    /// An Excel workbook to write.
    Excel,
}

impl FileKind {
    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Plan => ("virkplan-fil", &["sqlite", "db"]),
            FileKind::Json => ("JSON-dokument", &["json"]),
            FileKind::Pdf => ("PDF-dokument", &["pdf"]),
            FileKind::Workbook => ("Regneark", &["xlsx", "xls", "ods"]),
            FileKind::Excel => ("Excel-regneark", &["xlsx"]),
        }
    }
}

/// The system's program could not show the file (opener's own text is English, so it is not
/// passed on); `Display` is the Danish sentence.
#[derive(Debug, thiserror::Error)]
#[error("Filen kunne ikke vises i systemets program. Åbn den selv fra mappen: {}", .0.display())]
pub struct ViewerError(pub PathBuf);

/// The system could not open a link (no mail program is set up); the caller says what to do
/// instead, with the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkError;

/// Asks the user for a file. `None`: the user cancelled (or no dialog could be shown).
pub trait FileDialogs {
    /// A file to read.
    fn open_file(&self, title: &str, kind: FileKind) -> Option<PathBuf>;
    /// A file to write, suggesting `name`.
    fn save_file(&self, title: &str, kind: FileKind, name: &str) -> Option<PathBuf>;
    /// Several files to read (returned workbooks); empty: cancelled.
    fn open_files(&self, title: &str, kind: FileKind) -> Vec<PathBuf> {
        self.open_file(title, kind).into_iter().collect()
    }
    /// A folder (where a round's workbooks are written).
    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        let _ = title;
        None
    }
    /// Shows a file in the system's program for it (a PDF in the PDF viewer), or a folder in
    /// the file manager.
    fn open_in_viewer(&self, path: &Path) -> Result<(), ViewerError> {
        let _ = path;
        Ok(())
    }
    /// Opens a link in the program the system has for it (`mailto:` in the mail program).
    fn open_link(&self, link: &str) -> Result<(), LinkError> {
        let _ = link;
        Ok(())
    }
}

/// The system's own dialogs, through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_in_viewer(&self, path: &Path) -> Result<(), ViewerError> {
        opener::open(path).map_err(|_| ViewerError(path.to_path_buf()))
    }

    fn open_link(&self, link: &str) -> Result<(), LinkError> {
        opener::open(link).map_err(|_| LinkError)
    }

    fn open_files(&self, title: &str, kind: FileKind) -> Vec<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(name, extensions)
            .add_filter("Alle filer", &["*"])
            .pick_files()
            .unwrap_or_default()
    }

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
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

/// Dialogs answered in advance, in order (for tests that drive the editor), which keep a
/// list of what the editor asked the system to open.
#[derive(Default)]
pub struct ScriptedDialogs {
    answers: RefCell<VecDeque<PathBuf>>,
    many: RefCell<VecDeque<Vec<PathBuf>>>,
    opened: Rc<RefCell<Vec<String>>>,
}

impl ScriptedDialogs {
    /// Dialogs that answer with these paths, one per dialog (a folder dialog too), then
    /// cancel.
    pub fn answering(paths: impl IntoIterator<Item = PathBuf>) -> ScriptedDialogs {
        ScriptedDialogs {
            answers: RefCell::new(paths.into_iter().collect()),
            ..ScriptedDialogs::default()
        }
    }

    /// The next dialog for several files answers with `paths` (in the order given).
    pub fn then_files(self, paths: Vec<PathBuf>) -> ScriptedDialogs {
        self.many.borrow_mut().push_back(paths);
        self
    }

    /// What the editor has opened through the system, in order: links as they are, files and
    /// folders as their paths. Shared, so a test keeps it after handing the dialogs over.
    pub fn opened(&self) -> Rc<RefCell<Vec<String>>> {
        Rc::clone(&self.opened)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_file(&self, _title: &str, _kind: FileKind) -> Option<PathBuf> {
        self.answers.borrow_mut().pop_front()
    }

    fn save_file(&self, _title: &str, _kind: FileKind, _name: &str) -> Option<PathBuf> {
        self.answers.borrow_mut().pop_front()
    }

    fn open_files(&self, _title: &str, _kind: FileKind) -> Vec<PathBuf> {
        self.many.borrow_mut().pop_front().unwrap_or_default()
    }

    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        self.answers.borrow_mut().pop_front()
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), ViewerError> {
        self.opened.borrow_mut().push(path.display().to_string());
        Ok(())
    }

    fn open_link(&self, link: &str) -> Result<(), LinkError> {
        self.opened.borrow_mut().push(link.to_owned());
        Ok(())
    }
}
