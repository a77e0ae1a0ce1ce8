//! Writing whole files: to a temporary file beside the target, flushed to disk, then renamed
//! over it, so that a reader never sees half a file and a crash leaves the old file intact.

use std::io::Write;
use std::path::Path;

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
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "mappen findes ikke".to_string(),
            std::io::ErrorKind::PermissionDenied => "ingen skriveadgang".to_string(),
            _ => e.to_string(),
        };
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
