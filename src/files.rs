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

/// Writes `bytes` to `path` completely or not at all. The error is a Danish sentence with the
/// path last.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(format!(
            "Stien er en mappe; skriv et filnavn: {}",
            path.display()
        ));
    }
    let fail = |e: std::io::Error| {
        let why = io_reason(&e);
        format!(
            "Filen kunne ikke gemmes ({why}). Vælg en anden placering: {}",
            path.display()
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".virkplan-")
        .tempfile_in(folder)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
    fn sizes_in_danish_units() {
        assert_eq!(format_size(812), "812 bytes");
        assert_eq!(format_size(14 * 1024), "14 KB");
        assert_eq!(format_size(3_565_158), "3,4 MB");
        assert_eq!(format_size(300 * 1024 * 1024), "300 MB");
        assert_eq!(format_size(1_300_000_000), "1,2 GB");
        assert_eq!(format_size(INPUT_LIMIT), "256 MB");
    }
}
