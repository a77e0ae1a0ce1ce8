//! How the process takes memory from the system. On Linux with glibc, malloc gives the
//! threads up to eight arenas per core, and memory freed in one arena is not reused by
//! another. The PDF export lays out on all cores and writes the pages on all cores: the
//! pages' text, freed by the writers as they go, stayed in the arenas that made it while the
//! content streams filled fresh ones, so the demo plan's export peaked at 104 MB where one
//! arena per core gives about 92 MB. One arena for everything was smaller still (89 MB) but
//! slower: the layout threads then queue for one lock (more system time than the second core
//! saved). Elsewhere (Windows, macOS, musl) the system's allocator has no such split and
//! nothing is changed.

/// Asks glibc's malloc for one arena per core (at most 8). Call it first thing in `main`,
/// before any other thread starts.
pub fn use_one_arena_per_core() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
        let cores = libc::c_int::try_from(cores).unwrap_or(1);
        // SAFETY: mallopt only sets a malloc parameter; it is called before any other thread
        // exists, and M_ARENA_MAX is a parameter every glibc since 2.10 knows (an unknown one
        // would only make it return 0).
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, cores);
        }
    }
}
