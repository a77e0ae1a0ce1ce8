//! How the process takes memory from the system. On Linux with glibc, malloc gives every
//! thread that allocates its own arena (up to eight per core), and memory freed in one arena
//! is not reused by another. The PDF export lays out on the main thread and writes the pages
//! on all cores: the pages' text, freed by the writers as they go, stayed in the main arena
//! while the content streams filled new arenas, so the demo plan's export peaked at 104 MB
//! instead of 89 MB (`MALLOC_ARENA_MAX=1` showed it). One arena is what this program wants: it
//! has one busy thread and short bursts of workers, so the lock the arenas avoid is not
//! contended. Elsewhere (Windows, macOS, musl) the system's allocator has no such split and
//! nothing is changed.

/// Asks glibc's malloc for one arena. Call it first thing in `main`, before any thread starts.
pub fn use_one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a malloc parameter; it is called before any other thread
    // exists, and M_ARENA_MAX is a parameter every glibc since 2.10 knows (an unknown one
    // would only make it return 0).
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
