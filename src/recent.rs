//! The list of recently opened plan files ("Seneste filer"), remembered between runs in a
//! small text file in the user's settings folder (`%APPDATA%\virkplan` on Windows,
//! `~/.config/virkplan` on Linux): one path per line, newest first.

use crate::files::{WriteError, io_reason, write_atomically};
use std::path::{Path, PathBuf};

/// Why the list could not be saved (it is kept in memory for this run); `Display` is the
/// Danish sentence for the status bar.
#[derive(Debug, thiserror::Error)]
pub enum RecentError {
    /// The settings folder could not be made.
    #[error("Listen over seneste filer kunne ikke gemmes ({reason}): {}", .folder.display())]
    Folder {
        /// [`io_reason`]'s phrase.
        reason: String,
        /// The folder.
        folder: PathBuf,
    },
    /// The list's file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// How many files the list keeps.
pub const MAX: usize = 10;

/// The recent files, and where they are kept (`None`: only in memory, as in tests).
#[derive(Debug, Clone, Default)]
pub struct RecentFiles {
    store: Option<PathBuf>,
    files: Vec<PathBuf>,
}

impl RecentFiles {
    /// The user's list, read from the settings folder (empty when there is none yet).
    pub fn for_user() -> RecentFiles {
        match dirs::config_dir() {
            Some(dir) => RecentFiles::in_file(&dir.join("virkplan").join("seneste-filer.txt")),
            None => RecentFiles::default(),
        }
    }

    /// The list kept in `store`. A missing or unreadable list is an empty list: it is a
    /// convenience, never a reason to stop.
    pub fn in_file(store: &Path) -> RecentFiles {
        let files = std::fs::read_to_string(store)
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .take(MAX)
                    .collect()
            })
            .unwrap_or_default();
        RecentFiles {
            store: Some(store.to_path_buf()),
            files,
        }
    }

    /// The files, newest first.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Puts `file` first (once) and saves the list. A list that cannot be saved is kept in
    /// memory; the returned message says why it was not saved.
    pub fn add(&mut self, file: &Path) -> Result<(), RecentError> {
        let file = file
            .canonicalize()
            .map(|p| crate::files::plain_path(&p))
            .unwrap_or_else(|_| file.to_path_buf());
        self.files.retain(|f| *f != file);
        self.files.insert(0, file);
        self.files.truncate(MAX);
        self.save()
    }

    /// Takes `file` off the list (it is gone) and saves the list.
    pub fn remove(&mut self, file: &Path) -> Result<(), RecentError> {
        self.files.retain(|f| f != file);
        self.save()
    }

    fn save(&self) -> Result<(), RecentError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        if let Some(dir) = store.parent() {
            std::fs::create_dir_all(dir).map_err(|e| RecentError::Folder {
                reason: io_reason(&e),
                folder: dir.to_path_buf(),
            })?;
        }
        // Paths that are not valid Unicode cannot be written as text lines; they stay in
        // memory for this run only.
        let text: String = self
            .files
            .iter()
            .filter_map(|f| f.to_str())
            .map(|f| format!("{f}\n"))
            .collect();
        Ok(write_atomically(store, text.as_bytes())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_once_and_remembered_between_runs() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("virkplan").join("seneste-filer.txt");
        let a = dir.path().join("a.sqlite");
        let b = dir.path().join("b æ ø å.sqlite");
        let mut recent = RecentFiles::in_file(&store);
        assert!(recent.files().is_empty());
        recent.add(&a).unwrap();
        recent.add(&b).unwrap();
        recent.add(&a).unwrap();
        let again = RecentFiles::in_file(&store);
        assert_eq!(again.files(), &[a.clone(), b.clone()]);
        let mut again = again;
        again.remove(&a).unwrap();
        assert_eq!(RecentFiles::in_file(&store).files(), &[b]);
    }

    #[test]
    fn the_list_is_capped() {
        let mut recent = RecentFiles::default();
        for i in 0..(MAX + 5) {
            recent
                .add(Path::new(&format!("/ingen/fil-{i}.sqlite")))
                .unwrap();
        }
        assert_eq!(recent.files().len(), MAX);
        assert_eq!(
            recent.files()[0],
            PathBuf::from(format!("/ingen/fil-{}.sqlite", MAX + 4))
        );
    }
}
