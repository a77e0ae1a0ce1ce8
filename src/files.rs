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
