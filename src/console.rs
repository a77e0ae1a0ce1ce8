//! The console for the command-line subcommands on Windows. The release `virkplan.exe` is a
//! GUI-subsystem program (no console window flashes up when it is double-clicked), so Windows
//! gives it no console; a subcommand typed in cmd or PowerShell attaches to that window's
//! console before it prints. Elsewhere, and for the editor, nothing happens.

/// Makes stdout and stderr reach the console of the process that started this one (cmd,
/// PowerShell), if there is one. A stream that is already redirected (to a file or a pipe)
/// stays where it is. Call it once, before printing, and only for a subcommand.
pub fn attach_to_parent() {
    #[cfg(windows)]
    windows::attach_to_parent();
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE,
        STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, SetStdHandle,
    };

    pub fn attach_to_parent() {
        let streams = [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
        // SAFETY: GetStdHandle only reads the process's standard handles.
        let before: Vec<(STD_HANDLE, HANDLE)> = streams
            .iter()
            .map(|&s| (s, unsafe { GetStdHandle(s) }))
            .collect();
        if before.iter().all(|(_, h)| is_set(*h)) {
            return; // everything redirected (a script or a test): nothing to attach
        }
        // SAFETY: no pointers; failure (no parent console, e.g. started from Explorer) is
        // reported by the return value, and then output goes nowhere, as before.
        if unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
            return;
        }
        // Attaching points the standard handles at the console; put back the ones that were
        // redirected (`virkplan list plan.sqlite > planer.txt` must still write the file).
        for (stream, handle) in before {
            if is_set(handle) {
                // SAFETY: restores a handle the process already had.
                unsafe { SetStdHandle(stream, handle) };
            }
        }
    }

    fn is_set(handle: HANDLE) -> bool {
        !handle.is_null() && handle != INVALID_HANDLE_VALUE
    }
}
