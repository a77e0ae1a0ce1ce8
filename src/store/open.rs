//! Opening a plan file safely, following SQLite's advice for database files from anyone
//! (<https://www.sqlite.org/security.html>): look at the header before SQLite does, defensive
//! mode, no triggers or views executed, `trusted_schema=OFF`, no extensions, `quick_check`
//! before use, and a schema that must be exactly ours. Nothing here changes a file unless the
//! file is ours, sound, writable and older than this program (then: backup, then migrate).
//! [`Store`]'s constructors (`open`, `open_or_create`, `open_with`, `create_with`) are here; the
//! per-connection protections themselves are set in `connection`.

use super::connection::{connect, in_memory_copy, journal_path};
use super::error::{Result, StoreError};
use super::handle::{ReadOnlyReason, Store};
use super::schema::{self, APPLICATION_ID, Migrations};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to open a file.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Create a new file when there is none at the path.
    pub create: bool,
    /// How long to wait for another program's lock before giving up.
    pub busy_timeout: Duration,
    /// The schema history (tests replace it to exercise upgrades).
    pub migrations: Migrations,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            create: false,
            busy_timeout: Duration::from_secs(5),
            migrations: Migrations::current(),
        }
    }
}

impl Store {
    /// Opens an existing plan file as the editor does, with every safety check.
    pub fn open(path: &Path) -> Result<Store> {
        open(path, &OpenOptions::default())
    }

    /// Opens a plan file, creating a new, empty one when none exists at the path.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        let options = OpenOptions {
            create: true,
            ..OpenOptions::default()
        };
        open(path, &options)
    }

    /// Creates a new plan file at `path`, runs `fill` on it (an import) and gives the file the
    /// user's name only when both succeeded: on any failure (a full disk, a bad document)
    /// nothing is left at `path`. Refuses when the path already exists. Returns the file,
    /// reopened under its name, and what `fill` returned.
    pub fn create_with<T>(
        path: &Path,
        fill: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(Store, T)> {
        create_with(path, &OpenOptions::default(), fill)
    }

    /// Opens with explicit options (timeouts, migrations under test).
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Store> {
        open(path, options)
    }
}

/// What the first 100 bytes of a SQLite file say.
struct Header {
    application_id: i32,
    user_version: i64,
}

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads and checks the header without SQLite: not a database, truncated.
fn read_header(path: &Path, len: u64) -> Result<Header> {
    let mut bytes = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let n = read_up_to(&mut file, &mut bytes).map_err(|e| io_error(path, &e))?;
    if n < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(StoreError::NotSqlite(path.into()));
    }
    if n < 100 {
        return Err(StoreError::Truncated(path.into()));
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536u64,
        p if p >= 512 && p.is_power_of_two() => u64::from(p),
        _ => return Err(corrupt(path, "ugyldig sidestørrelse i filens hoved")),
    };
    let change_counter = be32(&bytes, 24);
    let page_count = u64::from(be32(&bytes, 28));
    let valid_for = be32(&bytes, 92);
    // After a crash in the middle of a commit, a hot journal beside the file holds the pages
    // to put back, and the file's length may not match its header until SQLite has rolled
    // back: then leave the judgement to SQLite's own checks.
    let hot_journal = fs::metadata(journal_path(path)).is_ok_and(|m| m.len() > 0);
    if !hot_journal {
        if len < page_size || !len.is_multiple_of(page_size) {
            return Err(StoreError::Truncated(path.into()));
        }
        if valid_for == change_counter && page_count > 0 && len < page_count * page_size {
            return Err(StoreError::Truncated(path.into()));
        }
    }
    Ok(Header {
        application_id: be32(&bytes, 68) as i32,
        user_version: i64::from(be32(&bytes, 60) as i32),
    })
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn io_error(path: &Path, e: &std::io::Error) -> StoreError {
    if super::error::is_disk_full_io(e) {
        return StoreError::DiskFull { path: path.into() };
    }
    let detail = crate::files::io_reason(e);
    StoreError::Io {
        path: path.into(),
        detail,
    }
}

fn corrupt(path: &Path, detail: &str) -> StoreError {
    StoreError::Corrupt {
        path: path.into(),
        detail: detail.into(),
    }
}

/// Maps a SQLite error met while opening or checking to the user's message.
fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        _ if super::error::is_busy(&e) => StoreError::Locked(path.into()),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            corrupt(path, &super::error::describe_damage(&e.to_string()))
        }
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { path: path.into() },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::Io {
            path: path.into(),
            detail: "SQLite kunne ikke åbne den eller dens journal; kontrollér adgangen til mappen"
                .into(),
        },
        _ => StoreError::Sql(super::error::sqlite_detail(&e)),
    }
}

/// Refuses a path SQLite cannot take, saying so (SQLite's own error blames access rights).
fn path_fits(path: &Path) -> Result<()> {
    match crate::files::sqlite_path_too_long(path) {
        Some(e) => Err(StoreError::Io {
            path: path.into(),
            detail: e.to_string(),
        }),
        None => Ok(()),
    }
}

fn is_writable_folder(dir: &Path) -> bool {
    let readonly_bits = fs::metadata(dir)
        .map(|m| m.permissions().readonly())
        .unwrap_or(true);
    !readonly_bits
        && tempfile::Builder::new()
            .prefix(".virkplan-skrivetest-")
            .tempfile_in(dir)
            .is_ok()
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub(super) fn open(path: &Path, options: &OpenOptions) -> Result<Store> {
    let folder = folder_of(path);
    clean_stale_temporaries(&folder);
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return if options.create {
                create(path, options)
            } else {
                Err(StoreError::Missing(path.into()))
            };
        }
        Err(e) => return Err(io_error(path, &e)),
    };
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(path.into()));
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty(path.into()));
    }
    path_fits(path)?;
    let header = read_header(path, meta.len())?;
    if header.application_id != APPLICATION_ID {
        return Err(StoreError::Foreign(path.into()));
    }
    let latest = options.migrations.latest();
    let mut read_only = if meta.permissions().readonly() {
        Some(ReadOnlyReason::FileReadOnly)
    } else if !is_writable_folder(&folder) {
        Some(ReadOnlyReason::FolderReadOnly)
    } else if header.user_version > latest {
        Some(ReadOnlyReason::NewerVersion {
            found: header.user_version,
            supported: latest,
        })
    } else {
        None
    };

    let network = super::network::on_network_drive(path);
    let mut conn = connect(path, read_only.is_some(), options.busy_timeout, network)
        .map_err(|e| open_error(path, e))?;

    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if check != "ok" {
        return Err(corrupt(path, &super::error::describe_damage(&check)));
    }
    if read_only.is_none() && !leave_wal(&conn, path)? {
        // Another connection holds the WAL file open: write nothing, read what it holds.
        conn =
            connect(path, true, options.busy_timeout, network).map_err(|e| open_error(path, e))?;
        read_only = Some(ReadOnlyReason::WalInUse);
    }
    // Read the versions again through SQLite, under its lock: the header we read may be stale.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if version < 1 {
        return Err(corrupt(path, "skemaversionen mangler"));
    }
    if version > latest {
        read_only.get_or_insert(ReadOnlyReason::NewerVersion {
            found: version,
            supported: latest,
        });
    } else {
        let found = schema::read_objects(&conn).map_err(|e| open_error(path, e))?;
        let expected = options
            .migrations
            .expected_objects(version)
            .map_err(|e| StoreError::Sql(super::error::sqlite_detail(&e)))?;
        let check = schema::compare(&found, &expected);
        if !check.changed.is_empty() {
            return Err(StoreError::ModifiedSchema {
                path: path.into(),
                names: check.changed,
            });
        }
        if !check.foreign.is_empty() {
            // Reopen read-only: a read-write connection must never exist for such a file.
            let conn = connect(path, true, options.busy_timeout, network)
                .map_err(|e| open_error(path, e))?;
            return Ok(Store {
                conn,
                path: path.into(),
                schema_version: version,
                read_only: Some(ReadOnlyReason::ForeignObjects(check.foreign)),
                busy_timeout: options.busy_timeout,
                network,
                upgraded_from: None,
            });
        }
    }

    let mut store = Store {
        conn,
        path: path.into(),
        schema_version: version,
        read_only,
        busy_timeout: options.busy_timeout,
        network,
        upgraded_from: None,
    };
    if version < latest {
        if store.read_only.is_some() {
            // An older file that cannot be written (a read-only share, a write-protected
            // file): upgrade a copy in memory and read that, so the plans can still be read,
            // printed, exported and copied. The file is not touched and no backup is made.
            return upgraded_in_memory(store, &options.migrations).map_err(|_| {
                StoreError::OldReadOnly {
                    path: path.into(),
                    found: version,
                }
            });
        }
        migrate(&mut store, &options.migrations)?;
    }
    Ok(store)
}

/// `store` (an older file opened read-only) read through a copy of its pages in memory,
/// upgraded to the latest schema; still read-only, for the same reason.
fn upgraded_in_memory(mut store: Store, migrations: &Migrations) -> rusqlite::Result<Store> {
    let pages: Vec<u8> = store.conn.serialize("main")?.to_vec();
    let mut conn = in_memory_copy(&pages, store.busy_timeout)?;
    drop(pages);
    let tx = conn.transaction()?;
    for step in migrations
        .steps
        .iter()
        .skip(usize::try_from(store.schema_version - 1).unwrap_or(0))
    {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", migrations.latest())?;
    tx.commit()?;
    store.conn = conn;
    store.upgraded_from = Some(store.schema_version);
    store.schema_version = migrations.latest();
    Ok(store)
}

/// The backup name before a migration: `plan.sqlite` → `plan.bak-v1.sqlite`.
pub fn backup_path(path: &Path, version: i64) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.bak-v{version}{ext}"))
}

fn migrate(store: &mut Store, migrations: &Migrations) -> Result<()> {
    let path = store.path.clone();
    let from = store.schema_version;
    // One IMMEDIATE transaction around the backup and the steps: no other writer can commit
    // between them, so the backup is exactly the file that was migrated.
    store
        .conn
        .execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| open_error(&path, e))?;
    let result = back_up_then_migrate(&mut store.conn, &path, from, migrations);
    if result.is_err() && !store.conn.is_autocommit() {
        // Nothing was committed; a failed rollback leaves a hot journal SQLite rolls back on
        // the next open, so the file is as it was either way.
        let _ = store.conn.execute_batch("ROLLBACK");
    }
    result?;
    store.schema_version = migrations.latest();
    Ok(())
}

/// Inside the caller's transaction: writes the backup `NAME.bak-vN.sqlite`, runs the steps,
/// sets the version and commits.
fn back_up_then_migrate(
    conn: &mut Connection,
    path: &Path,
    from: i64,
    migrations: &Migrations,
) -> Result<()> {
    let failed = |detail: String| StoreError::MigrationFailed {
        path: path.to_path_buf(),
        from,
        detail,
    };
    let not_made = |e: &std::io::Error| {
        failed(format!(
            "sikkerhedskopien kunne ikke oprettes: {}",
            crate::files::io_reason(e)
        ))
    };
    // The file's pages as SQLite reads them, under this transaction's lock: the backup is the
    // file byte for byte (SQLite's backup API would change its header: the change counter
    // and the schema cookie). It goes to a temporary file first, so that a half-written
    // backup never carries the backup's name.
    let pages = conn.serialize("main").map_err(|e| {
        failed(format!(
            "sikkerhedskopien kunne ikke læses: {}",
            super::error::sqlite_detail(&e)
        ))
    })?;
    let backup = backup_path(path, from);
    let mut tmp = tempfile::Builder::new()
        .prefix(".virkplan-backup-")
        .tempfile_in(folder_of(path))
        .map_err(|e| not_made(&e))?;
    crate::files::give_default_mode(tmp.as_file(), &folder_of(path)).map_err(|e| not_made(&e))?;
    let written = std::io::Write::write_all(tmp.as_file_mut(), &pages)
        .and_then(|()| tmp.as_file().sync_all());
    drop(pages);
    written.map_err(|e| {
        if super::error::is_disk_full_io(&e) {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        failed(format!(
            "sikkerhedskopien kunne ikke skrives: {}",
            crate::files::io_reason(&e)
        ))
    })?;
    tmp.persist(&backup).map_err(|e| {
        failed(format!(
            "sikkerhedskopien kunne ikke gemmes: {}",
            crate::files::io_reason(&e.error)
        ))
    })?;

    for (i, step) in migrations
        .steps
        .iter()
        .enumerate()
        .skip((from - 1) as usize)
    {
        conn.execute_batch(step).map_err(|e| {
            failed(format!(
                "trin {} fejlede: {}",
                i + 2,
                super::error::sqlite_detail(&e)
            ))
        })?;
    }
    conn.pragma_update(None, "user_version", migrations.latest())
        .map_err(|e| failed(super::error::sqlite_detail(&e)))?;
    conn.execute_batch("COMMIT")
        .map_err(|e| failed(super::error::sqlite_detail(&e)))?;
    Ok(())
}

/// Sets a file another program switched to WAL back to the rollback journal (which
/// checkpoints the WAL into the file and removes the `-wal` and `-shm` files), so that the
/// file stays one file. False when that cannot be done because another connection has it
/// open: the caller then opens read-only.
fn leave_wal(conn: &Connection, path: &Path) -> Result<bool> {
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Ok(true);
    }
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    }) {
        Ok(mode) => Ok(mode.eq_ignore_ascii_case("delete")),
        Err(e) if super::error::is_busy(&e) => Ok(false),
        Err(e) => Err(open_error(path, e)),
    }
}

/// How old a leftover new-file temporary must be before it is removed: far longer than any
/// creation takes, so that one another virkplan is still making is never touched.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Removes the temporary files (`.virkplan-ny-*.sqlite`, with their journals) that a virkplan
/// killed while it created a new file left in `folder`: only those older than
/// [`STALE_AFTER`] on which SQLite can take an exclusive lock, i.e. that no running process
/// is writing. Silent: the user never asked for these files and cannot use them. (Opening and
/// closing them here cannot drop a lock of this process's own: this process's temporaries
/// live for one creation, far shorter than [`STALE_AFTER`].)
pub(super) fn clean_stale_temporaries(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(NEW_FILE_PREFIX) && name.ends_with(NEW_FILE_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let journal = journal_path(&path);
        let old = |p: &Path| match fs::symlink_metadata(p) {
            Ok(m) => {
                m.is_file()
                    && m.modified()
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age >= STALE_AFTER)
            }
            Err(e) => e.kind() == std::io::ErrorKind::NotFound && p != path,
        };
        if !old(&path) || !old(&journal) || !nobody_holds(&path) {
            continue;
        }
        let _ = fs::remove_file(&journal);
        let _ = fs::remove_file(&path);
    }
}

/// True when SQLite can take an exclusive lock on the file at once: no process is inside a
/// transaction on it.
fn nobody_holds(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    if conn.busy_timeout(Duration::ZERO).is_err() {
        return false;
    }
    match conn.execute_batch("BEGIN EXCLUSIVE; ROLLBACK;") {
        Ok(()) => true,
        // A file SQLite cannot read (cut off before its first page) is nobody's either.
        Err(e) => !super::error::is_busy(&e),
    }
}

const NEW_FILE_PREFIX: &str = ".virkplan-ny-";
const NEW_FILE_SUFFIX: &str = ".sqlite";

/// Creates a new plan file: written completely under a temporary name, then renamed, so that
/// no half-made file ever carries the user's name.
fn create(path: &Path, options: &OpenOptions) -> Result<Store> {
    create_with(path, options, |_| Ok(())).map(|(store, ())| store)
}

/// Creates a new plan file under a temporary name beside `path`, runs `fill` on it (an
/// import), and gives it the user's name only when both succeeded: all or nothing. On failure
/// the temporary file and its journal are removed and nothing is left at `path`. Refuses when
/// something already has the name.
pub(super) fn create_with<T>(
    path: &Path,
    options: &OpenOptions,
    fill: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<(Store, T)> {
    path_fits(path)?;
    let folder = folder_of(path);
    clean_stale_temporaries(&folder);
    if fs::symlink_metadata(path).is_ok() {
        return Err(io_error(
            path,
            &std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    let tmp = tempfile::Builder::new()
        .prefix(NEW_FILE_PREFIX)
        .suffix(NEW_FILE_SUFFIX)
        .tempfile_in(&folder)
        .map_err(|e| io_error(path, &e))?;
    crate::files::give_default_mode(tmp.as_file(), &folder).map_err(|e| io_error(path, &e))?;
    let tmp_path = tmp.path().to_path_buf();
    let network = super::network::on_network_drive(path);
    let latest = options.migrations.latest();
    let made = (|| -> rusqlite::Result<Connection> {
        let mut conn = connect(&tmp_path, false, options.busy_timeout, network)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        let tx = conn.transaction()?;
        options.migrations.create(&tx, latest)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", latest)?;
        tx.commit()?;
        Ok(conn)
    })();
    let filled = made.map_err(|e| open_error(path, e)).and_then(|conn| {
        let mut store = Store {
            conn,
            path: tmp_path.clone(),
            schema_version: latest,
            read_only: None,
            busy_timeout: options.busy_timeout,
            network,
            upgraded_from: None,
        };
        fill(&mut store)
    });
    let value = match filled {
        Ok(value) => value,
        Err(e) => {
            // The journal of a file that is thrown away holds nothing anyone needs.
            let _ = fs::remove_file(journal_path(&tmp_path));
            drop(tmp);
            return Err(match e {
                StoreError::DiskFull { .. } | StoreError::DiskFullJournalKept { .. } => {
                    StoreError::DiskFull { path: path.into() }
                }
                other => other,
            });
        }
    };
    tmp.persist_noclobber(path)
        .map_err(|e| io_error(path, &e.error))?;
    let store = open(
        path,
        &OpenOptions {
            create: false,
            ..options.clone()
        },
    )?;
    Ok((store, value))
}
