//! Whether a plan file lies on a network drive, where SQLite's locks and `fsync` are only as
//! good as the file server's: the store then keeps `synchronous=FULL` and says so, and the
//! editor says it in the status bar. The decision over a path is a pure function so that it
//! is tested on every platform; only the drive-type question goes to Windows.

use std::path::Path;

/// True when `path` (absolute, in Windows spelling) is on a network share: a UNC path
/// (`\\server\share\…`, `\\?\UNC\server\share\…`) or a drive letter for which
/// `remote_drive` (on Windows: `GetDriveTypeW` == `DRIVE_REMOTE`) says so. Device paths
/// (`\\.\…`) and other verbatim paths without a drive letter are not network paths.
pub fn is_network_path(path: &str, remote_drive: impl Fn(char) -> bool) -> bool {
    let path = path.replace('/', "\\");
    let lower = path.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("\\\\?\\") {
        if rest.starts_with("unc\\") {
            return true;
        }
        return drive_letter(&path[4..]).is_some_and(&remote_drive);
    }
    if lower.starts_with("\\\\.\\") {
        return false;
    }
    if let Some(rest) = lower.strip_prefix("\\\\") {
        // \\server\share: a server name and at least a share name.
        return rest.split('\\').filter(|p| !p.is_empty()).count() >= 2;
    }
    drive_letter(&path).is_some_and(remote_drive)
}

fn drive_letter(path: &str) -> Option<char> {
    let mut chars = path.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(':')) if c.is_ascii_alphabetic() => Some(c.to_ascii_uppercase()),
        _ => None,
    }
}

/// Whether the plan file at `path` is on a network drive, asking the system about drive
/// letters. Off Windows always false: a mounted share looks like any folder there, and the
/// program is deployed on Windows.
pub fn on_network_drive(path: &Path) -> bool {
    #[cfg(windows)]
    {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        is_network_path(&absolute.to_string_lossy(), windows_remote_drive)
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        false
    }
}

#[cfg(windows)]
fn windows_remote_drive(letter: char) -> bool {
    // DRIVE_REMOTE (WinBase.h); windows-sys keeps it under another feature.
    const DRIVE_REMOTE: u32 = 4;
    let root: Vec<u16> = format!("{letter}:\\")
        .encode_utf16()
        .chain(std::iter::once(0))
        .collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
    unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
}

#[cfg(test)]
mod tests {
    use super::is_network_path;

    fn remote_z(c: char) -> bool {
        c == 'Z'
    }

    #[test]
    fn unc_paths_are_network_paths() {
        assert!(is_network_path(r"\\server\share\plan.sqlite", |_| false));
        assert!(is_network_path(
            r"\\fil01.kommune.dk\Planer\x.sqlite",
            |_| false
        ));
        assert!(is_network_path(r"\\?\UNC\server\share\plan.sqlite", |_| {
            false
        }));
        assert!(is_network_path(r"\\?\unc\server\share\plan.sqlite", |_| {
            false
        }));
        assert!(is_network_path("//server/share/plan.sqlite", |_| false));
    }

    #[test]
    fn drive_letters_ask_the_system() {
        assert!(is_network_path(r"Z:\planer\plan.sqlite", remote_z));
        assert!(is_network_path(r"z:\plan.sqlite", remote_z));
        assert!(is_network_path(r"\\?\Z:\plan.sqlite", remote_z));
        assert!(!is_network_path(r"C:\Users\a\plan.sqlite", remote_z));
        assert!(!is_network_path(r"\\?\C:\plan.sqlite", remote_z));
    }

    #[test]
    fn local_and_device_paths_are_not() {
        assert!(!is_network_path(r"\\.\PhysicalDrive0", |_| true));
        assert!(!is_network_path(r"\\server", |_| true));
        assert!(!is_network_path("/home/a/plan.sqlite", |_| true));
        assert!(!is_network_path("plan.sqlite", |_| true));
    }
}
