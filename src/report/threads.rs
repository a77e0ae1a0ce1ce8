//! How many threads the export works on: one per core, at most 8. A leaf of its own, so that
//! layout and render can both ask without importing each other.

/// The number of threads; ask once per export step (the standard library reads the
/// process's CPU quota from files each time it is asked).
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}
