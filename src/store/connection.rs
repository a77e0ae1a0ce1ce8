//! The SQLite connection to a plan file: how every connection is opened and protected
//! (defensive mode, `trusted_schema=OFF`, no triggers or views, `cell_size_check`, no mmap,
//! `synchronous=FULL` on a network drive), and the name of the rollback journal beside a file.
//! Used by the first open and by the reopen after a failed write.

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The rollback journal SQLite keeps beside `path` during a write (and leaves there, "hot",
/// when a write was cut off: it then holds the pages that make the file whole).
pub(super) fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// Opens a connection to a plan file with the per-connection settings (`harden`): for the
/// first open and for the reopen after a failed write (`Store::write`).
pub(super) fn connect(
    path: &Path,
    read_only: bool,
    timeout: Duration,
    network: bool,
) -> rusqlite::Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    harden(&conn, timeout)?;
    if network {
        // Every commit reaches the server's disk before it is reported done; a share's
        // cache is the usual way a "saved" edit is lost.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    Ok(conn)
}

/// A connection to a copy in memory of a file's pages (`pages`, as `sqlite3_serialize` gave
/// them), with the same protections: what an older file that cannot be written is read
/// through, once upgraded in memory. Nothing of it ever reaches the file.
pub(super) fn in_memory_copy(pages: &[u8], timeout: Duration) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact("main", pages, pages.len(), false)?;
    harden(&conn, timeout)?;
    Ok(conn)
}

/// Sets the per-connection protections (they are not stored in the file).
fn harden(conn: &Connection, timeout: Duration) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.busy_timeout(timeout)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}
