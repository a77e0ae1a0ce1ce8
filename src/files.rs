//! Whole files in and out. In: a file the user chose is read only when it is a regular file of
//! at most [`INPUT_LIMIT`] bytes, through a reader that cannot go past the limit. Out: a
//! temporary file beside the target, flushed to disk, then renamed over it, so that a reader
//! never sees half a file and a crash leaves the old file intact.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most a chosen input file may hold (decisions.md, "Input limits"): a plan document is a
/// few MB, so anything larger is the wrong file, and reading it would only fill the memory.
pub const INPUT_LIMIT: u64 = 256 * 1024 * 1024;

/// Why a chosen input file was not read. `Display` is the user's Danish sentence, path last.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Nothing at the path.
    #[error("Filen findes ikke. Kontrollér stien: {}", .0.display())]
    Missing(PathBuf),
    /// The path is a folder.
    #[error("Stien er en mappe, ikke en fil. Vælg selve filen: {}", .0.display())]
    Folder(PathBuf),
    /// A device, a named pipe or a socket: reading it may never end.
    #[error("Stien er ikke en almindelig fil, men {kind}, og den læses ikke. Vælg selve filen: {}", path.display())]
    NotRegular {
        /// What it is, in Danish ("en enhed", "en navngiven pipe", …).
        kind: &'static str,
        /// The path.
        path: PathBuf,
    },
    /// Larger than the limit (or grew past it while being read).
    #[error("Filen er for stor ({}; højst {}), så den er ikke læst. Vælg det rigtige dokument: {}",
        size_text(*.size), format_size(*.limit), path.display())]
    TooLarge {
        /// Its size when known; `None` when it grew past the limit while being read.
        size: Option<u64>,
        /// The limit.
        limit: u64,
        /// The path.
        path: PathBuf,
    },
    /// The operating system refused.
    #[error("Filen kunne ikke læses ({reason}): {}", path.display())]
    Unreadable {
        /// [`io_reason`]'s phrase.
        reason: String,
        /// The path.
        path: PathBuf,
    },
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(n) => format_size(n),
        None => "den voksede, mens den blev læst".into(),
    }
}

/// A file size the Danish way, in the units a file manager shows (1 KB = 1024 bytes):
/// "812 bytes", "14 KB", "3,4 MB", "1,2 GB".
pub fn format_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b < KB {
        return format!("{bytes} bytes");
    } else if b < KB * KB {
        (b / KB, "KB")
    } else if b < KB * KB * KB {
        (b / (KB * KB), "MB")
    } else {
        (b / (KB * KB * KB), "GB")
    };
    let decimals = if value < 10.0 && value.fract() != 0.0 {
        1
    } else {
        0
    };
    format!("{} {unit}", crate::units::format_decimal(value, decimals))
}

/// Reads a file the user chose as input, whole, if it is a regular file of at most `limit`
/// bytes. Anything else is refused before a byte is read: a device (`/dev/zero` never ends),
/// a named pipe (opening it waits for a writer), a folder. The read itself stops at
/// `limit + 1` bytes, so a file that grows, or a file system that reports a wrong size,
/// cannot make it read more.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let unreadable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::Missing(path.into()),
        _ => InputError::Unreadable {
            reason: io_reason(&e),
            path: path.into(),
        },
    };
    // Look before opening: opening a named pipe blocks until someone writes to it.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    check_regular(path, &meta, limit)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // And again through the handle: the path may have been swapped in between.
    let meta = file.metadata().map_err(unreadable)?;
    check_regular(path, &meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            size: None,
            limit,
            path: path.into(),
        });
    }
    Ok(bytes)
}

fn check_regular(path: &Path, meta: &std::fs::Metadata, limit: u64) -> Result<(), InputError> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(InputError::Folder(path.into()));
    }
    if !kind.is_file() {
        return Err(InputError::NotRegular {
            kind: special_kind(&kind),
            path: path.into(),
        });
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: Some(meta.len()),
            limit,
            path: path.into(),
        });
    }
    Ok(())
}

/// What a file that is neither a regular file nor a folder is, in Danish.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return "en enhed";
        }
        if kind.is_fifo() {
            return "en navngiven pipe";
        }
        if kind.is_socket() {
            return "en sokkel";
        }
    }
    let _ = kind;
    "en særlig fil"
}

/// Why an output file was not written; nothing carries its name. `Display` is the user's
/// Danish sentence, path last; [`WriteError::reason`] is the short phrase for a sentence of
/// the caller's own ("Kopien kunne ikke gemmes (…)").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The path is a folder.
    #[error("Stien er en mappe; skriv et filnavn: {}", .0.display())]
    Folder(PathBuf),
    /// A device, a named pipe or a socket: never replaced by a file, never written to.
    #[error("Stien er {kind}, ikke en almindelig fil, og den erstattes ikke. Vælg et filnavn: {}", path.display())]
    NotRegular {
        /// What it is, in Danish ("en enhed", …).
        kind: &'static str,
        /// The path.
        path: PathBuf,
    },
    /// Symbolic links that lead round in a circle (or more than [`MAX_LINKS`] deep).
    #[error("Stien er en genvej, der peger i ring. Vælg et andet filnavn: {}", .0.display())]
    LinkLoop(PathBuf),
    /// The operating system refused (disk full, no access, …).
    #[error("Filen kunne ikke gemmes ({reason}). Vælg en anden placering: {}", path.display())]
    Failed {
        /// [`io_reason`]'s phrase.
        reason: String,
        /// The path.
        path: PathBuf,
    },
}

impl WriteError {
    /// Why, as a short Danish phrase for inside another sentence.
    pub fn reason(&self) -> String {
        match self {
            WriteError::Folder(_) => "stien er en mappe".into(),
            WriteError::NotRegular { kind, .. } => {
                format!("stien er {kind}, ikke en almindelig fil")
            }
            WriteError::LinkLoop(_) => "stien er en genvej, der peger i ring".into(),
            WriteError::Failed { reason, .. } => reason.clone(),
        }
    }
}

/// How many symbolic links deep a path is followed (Linux's own limit is 40).
pub const MAX_LINKS: usize = 40;

/// Where a whole-file write goes and what the new file must look like: the file a chain of
/// symbolic links ends at (so the links stay links), and the mode (and owner) of the file it
/// replaces, or the umask's default for a new file. Made by [`replacement`].
#[derive(Debug, Clone)]
pub struct Replacement {
    target: PathBuf,
    #[cfg(unix)]
    mode: u32,
    /// The replaced file's owner and group, given back when we may (as root).
    #[cfg(unix)]
    owner: Option<(u32, u32)>,
}

impl Replacement {
    /// The file that will be replaced (or created): where the temporary file is renamed to.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The folder of [`Self::target`], where the temporary file must be made (a rename
    /// cannot cross drives).
    pub fn folder(&self) -> &Path {
        folder_of(&self.target)
    }

    /// Gives the new (temporary) file the mode and owner it must have under the target's name.
    pub fn apply(&self, file: &std::fs::File) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(self.mode))?;
            if let Some((uid, gid)) = self.owner {
                // Only root may give a file away; for anyone else the new file is theirs
                // anyway, which is the owner it had unless root wrote it.
                let _ = std::os::unix::fs::fchown(file, Some(uid), Some(gid));
            }
        }
        #[cfg(not(unix))]
        let _ = file;
        Ok(())
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Decides how to replace `path` by a whole new file. A symbolic link is followed to the file
/// it names, which is replaced (a dangling link: the file it names is created, as the shell's
/// `>` does). A folder, a device, a named pipe or a socket is refused: replacing `/dev/null`
/// by a file (as root) breaks the system, and writing into a device is not what "save" means.
/// A file with other hard links is replaced like any other (ARCHITECTURE.md, `files`).
pub fn replacement(path: &Path) -> Result<Replacement, WriteError> {
    let failed = |e: std::io::Error| WriteError::Failed {
        reason: io_reason(&e),
        path: path.into(),
    };
    let mut target = path.to_path_buf();
    let mut links = 0;
    let meta = loop {
        match std::fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(WriteError::LinkLoop(path.into()));
                }
                let next = std::fs::read_link(&target).map_err(failed)?;
                // A relative link is relative to the folder the link is in.
                target = folder_of(&target).join(next);
            }
            Ok(m) => break Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break None,
            Err(e) => return Err(failed(e)),
        }
    };
    if let Some(m) = &meta {
        if m.is_dir() {
            return Err(WriteError::Folder(path.into()));
        }
        if !m.is_file() {
            return Err(WriteError::NotRegular {
                kind: special_kind(&m.file_type()),
                path: path.into(),
            });
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let (mode, owner) = match &meta {
            Some(m) => (m.permissions().mode() & 0o7777, Some((m.uid(), m.gid()))),
            None => (default_mode(folder_of(&target)), None),
        };
        Ok(Replacement {
            target,
            mode,
            owner,
        })
    }
    #[cfg(not(unix))]
    {
        Ok(Replacement { target })
    }
}

/// The mode a new file gets from this process's umask: 0666 without the umask's bits (0644
/// with the usual 022, 0664 with a shared folder's 002). Read from /proc without changing the
/// umask (`umask(2)` can only be read by setting it, which races with other threads); where
/// there is no /proc, a probe file in `folder` shows it.
#[cfg(unix)]
pub fn default_mode(folder: &Path) -> u32 {
    let from_proc = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        });
    let umask = from_proc.or_else(|| probe_umask(folder)).unwrap_or(0o022);
    0o666 & !umask
}

#[cfg(unix)]
fn probe_umask(folder: &Path) -> Option<u32> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let probe = folder.join(format!(".virkplan-umask-{}", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o666)
        .open(&probe)
        .ok()?;
    let mode = file.metadata().ok().map(|m| m.permissions().mode() & 0o777);
    let _ = std::fs::remove_file(&probe);
    mode.map(|m| 0o666 & !m)
}

/// Gives a file just made under a temporary name (with `tempfile`'s 0600) the mode a new file
/// of this user gets (the umask's default), so that colleagues on a shared folder can read
/// it as they read the user's other files. Does nothing where files have no Unix mode.
pub fn give_default_mode(file: &std::fs::File, folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(default_mode(folder)))?;
    }
    #[cfg(not(unix))]
    let _ = (file, folder);
    Ok(())
}

/// Writes `bytes` to `path` completely or not at all: a temporary file beside the target,
/// synced, then renamed over it ([`replacement`] says which file that is and which mode the
/// new one gets).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let place = replacement(path)?;
    let fail = |e: std::io::Error| WriteError::Failed {
        reason: io_reason(&e),
        path: path.into(),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".virkplan-")
        .tempfile_in(place.folder())
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    place.apply(tmp.as_file()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(place.target()).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A path as the user knows it: Windows' verbatim prefix (`\\?\C:\…`, `\\?\UNC\server\…`,
/// which `canonicalize` gives and long paths may need) taken off, for the recent-files list and
/// every message. Any other path is returned as it is. Pure text, so it is tested everywhere.
pub fn plain_path(path: &Path) -> PathBuf {
    let Some(text) = path.to_str() else {
        return path.to_path_buf();
    };
    let Some(rest) = text.strip_prefix(r"\\?\") else {
        return path.to_path_buf();
    };
    if matches!(rest.as_bytes(), [d, b':', ..] if d.is_ascii_alphabetic()) {
        return PathBuf::from(rest);
    }
    match rest
        .strip_prefix("UNC\\")
        .or_else(|| rest.strip_prefix("unc\\"))
    {
        Some(share) => PathBuf::from(format!(r"\\{share}")),
        None => path.to_path_buf(),
    }
}

/// The longest path SQLite's Unix VFS takes for a file or its journal: `MAX_PATHNAME` in
/// sqlite3.c, a fixed `#define 512` (not an option: no compile flag changes it; the buffers
/// that hold paths are sized by it). Paths are resolved (absolute, symbolic links followed)
/// before they are measured, and "-journal" is added.
#[cfg(unix)]
pub const SQLITE_PATH_LIMIT: usize = 512;

/// A plan file's path is too long for SQLite. `Display` is a phrase for inside a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "stien er for lang: {} bytes, og SQLite kan ikke bruge stier over ca. 500 bytes; \
     flyt filen til en mappe højere oppe, eller giv mapperne kortere navne",
    crate::units::format_amount(*.length as i64)
)]
pub struct PathTooLong {
    /// The resolved path's length in bytes.
    pub length: usize,
}

/// Says whether SQLite will refuse `path` because it is too long (see [`SQLITE_PATH_LIMIT`]),
/// so that the user hears that, not that access was denied. For a file that does not exist
/// yet, the temporary name a new file is made under (`.virkplan-ny-XXXXXX.sqlite`) counts too.
/// Windows' own limits are met elsewhere (the long-path-aware manifest, build.rs).
pub fn sqlite_path_too_long(path: &Path) -> Option<PathTooLong> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        const JOURNAL: usize = "-journal".len();
        const NEW_FILE_NAME: usize = ".virkplan-ny-XXXXXX.sqlite".len();
        let (resolved, exists) = match std::fs::canonicalize(path) {
            Ok(p) => (p, true),
            Err(_) => {
                let folder = std::fs::canonicalize(folder_of(path))
                    .or_else(|_| std::path::absolute(folder_of(path)))
                    .ok()?;
                (folder.join(path.file_name()?), false)
            }
        };
        let length = resolved.as_os_str().as_bytes().len();
        let name = resolved.file_name().map_or(0, |n| n.as_bytes().len());
        let longest_name = if exists {
            name
        } else {
            name.max(NEW_FILE_NAME)
        };
        // sqlite3.c's appendOnePathElement refuses a path when its length + 2 reaches the
        // buffer (the limit + 1).
        let needed = length - name + longest_name + JOURNAL + 2;
        (needed > SQLITE_PATH_LIMIT).then_some(PathTooLong { length })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Why a file operation failed, as a short Danish phrase for a message (the operating
/// system's own text is English on most machines, and says nothing to the user).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "mappen eller filen findes ikke".into(),
        K::PermissionDenied => "ingen adgang: filen eller mappen er skrivebeskyttet".into(),
        K::NotADirectory => "en del af stien er en fil, ikke en mappe".into(),
        K::IsADirectory => "stien er en mappe".into(),
        K::AlreadyExists => "der findes allerede en fil med det navn".into(),
        K::StorageFull => "disken er fuld".into(),
        K::QuotaExceeded => "din kvote på drevet er brugt op".into(),
        K::ReadOnlyFilesystem => "drevet er skrivebeskyttet".into(),
        K::InvalidFilename => "filnavnet er ugyldigt eller for langt".into(),
        K::FileTooLarge => "filen er for stor til drevet".into(),
        K::ResourceBusy => "filen er i brug af et andet program".into(),
        K::CrossesDevices => "filen kan ikke flyttes mellem to drev".into(),
        K::Interrupted | K::TimedOut => "drevet svarede ikke i tide; prøv igen".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("styresystemet afviste handlingen (fejlkode {code})"),
            None => "styresystemet afviste handlingen".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_windows_paths_are_shown_plain() {
        let plain = |s: &str| plain_path(Path::new(s));
        assert_eq!(
            plain(r"\\?\C:\Users\Søren\OneDrive - Kommune\Min plan.sqlite"),
            PathBuf::from(r"C:\Users\Søren\OneDrive - Kommune\Min plan.sqlite")
        );
        assert_eq!(
            plain(r"\\?\UNC\server\del\a.sqlite"),
            PathBuf::from(r"\\server\del\a.sqlite")
        );
        // Not a verbatim path, or one we cannot make plain (a volume GUID): as it was.
        assert_eq!(plain(r"C:\a.sqlite"), PathBuf::from(r"C:\a.sqlite"));
        assert_eq!(
            plain(r"\\server\del\a.sqlite"),
            PathBuf::from(r"\\server\del\a.sqlite")
        );
        assert_eq!(
            plain(r"\\?\Volume{0b1c}\a.sqlite"),
            PathBuf::from(r"\\?\Volume{0b1c}\a.sqlite")
        );
        assert_eq!(plain("/home/a/b.sqlite"), PathBuf::from("/home/a/b.sqlite"));
    }

    #[test]
    fn sizes_in_danish_units() {
        assert_eq!(format_size(812), "812 bytes");
        assert_eq!(format_size(14 * 1024), "14 KB");
        assert_eq!(format_size(3_565_158), "3,4 MB");
        assert_eq!(format_size(300 * 1024 * 1024), "300 MB");
        assert_eq!(format_size(1_300_000_000), "1,2 GB");
        assert_eq!(format_size(INPUT_LIMIT), "256 MB");
    }
}
