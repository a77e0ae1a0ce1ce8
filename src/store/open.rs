//! Opening a plan file safely, following SQLite's advice for database files from anyone
//! (<https://www.sqlite.org/security.html>): look at the header before SQLite does, defensive
//! mode, no triggers or views executed, `trusted_schema=OFF`, no extensions, `quick_check`
//! before use, and a schema that must be exactly ours. Nothing here changes a file unless the
//! file is ours, sound, writable and older than this program (then: backup, then migrate).

use super::schema::{self, APPLICATION_ID, Migrations};
use super::{Result, Store, StoreError};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
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

/// Why a file is open read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The file itself is write-protected.
    FileReadOnly,
    /// The folder does not let us create the journal beside the file.
    FolderReadOnly,
    /// A newer virkplan wrote it.
    NewerVersion {
        /// The file's schema version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// The file holds schema objects that are not ours; they are never executed.
    ForeignObjects(Vec<String>),
}

impl ReadOnlyReason {
    /// A short Danish reason, for inside a sentence.
    pub fn short(&self) -> String {
        match self {
            ReadOnlyReason::FileReadOnly => "filen er skrivebeskyttet".into(),
            ReadOnlyReason::FolderReadOnly => "mappen er skrivebeskyttet".into(),
            ReadOnlyReason::NewerVersion { found, .. } => {
                format!("filen er skrevet af en nyere virkplan (skemaversion {found})")
            }
            ReadOnlyReason::ForeignObjects(names) => {
                format!("filen indeholder fremmede dele: {}", names.join(", "))
            }
        }
    }

    /// The whole Danish message for the banner: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            ReadOnlyReason::FileReadOnly => {
                "Filen er skrivebeskyttet, så den er åbnet til læsning. \
                Gem en kopi for at rette i den."
                    .into()
            }
            ReadOnlyReason::FolderReadOnly => {
                "Mappen, filen ligger i, er skrivebeskyttet, så filen er \
                åbnet til læsning. Gem en kopi i en anden mappe for at rette i den."
                    .into()
            }
            ReadOnlyReason::NewerVersion { found, supported } => format!(
                "Filen er skrevet af en nyere version af virkplan (skemaversion {found}; denne \
                 version kender op til {supported}), så den er åbnet til læsning. Opdatér \
                 virkplan for at rette i den."
            ),
            ReadOnlyReason::ForeignObjects(names) => format!(
                "Filen indeholder dele, som virkplan ikke selv har lavet ({}). De bliver ikke \
                 udført, og filen er åbnet til læsning. Gem en kopi for at rette i planerne.",
                names.join(", ")
            ),
        }
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

fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
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
    } else if !is_writable_folder(&folder_of(path)) {
        Some(ReadOnlyReason::FolderReadOnly)
    } else if header.user_version > latest {
        Some(ReadOnlyReason::NewerVersion {
            found: header.user_version,
            supported: latest,
        })
    } else {
        None
    };

    let flags = if read_only.is_some() {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    harden(&conn, options.busy_timeout).map_err(|e| open_error(path, e))?;

    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| open_error(path, e))?;
    if check != "ok" {
        return Err(corrupt(path, &super::error::describe_damage(&check)));
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
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| open_error(path, e))?;
            harden(&conn, options.busy_timeout).map_err(|e| open_error(path, e))?;
            return Ok(Store {
                conn,
                path: path.into(),
                schema_version: version,
                read_only: Some(ReadOnlyReason::ForeignObjects(check.foreign)),
                busy_timeout: options.busy_timeout,
            });
        }
    }

    let mut store = Store {
        conn,
        path: path.into(),
        schema_version: version,
        read_only,
        busy_timeout: options.busy_timeout,
    };
    if version < latest {
        if store.read_only.is_some() {
            return Err(StoreError::OldReadOnly {
                path: path.into(),
                found: version,
            });
        }
        migrate(&mut store, &options.migrations)?;
    }
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
    let failed = |detail: String| StoreError::MigrationFailed {
        path: path.clone(),
        from,
        detail,
    };
    // The backup goes to a temporary file first, so that a half-written backup never carries
    // the backup's name.
    let backup = backup_path(&path, from);
    let tmp = tempfile::Builder::new()
        .prefix(".virkplan-backup-")
        .tempfile_in(folder_of(&path))
        .map_err(|e| {
            failed(format!(
                "sikkerhedskopien kunne ikke oprettes: {}",
                crate::files::io_reason(&e)
            ))
        })?;
    crate::files::give_default_mode(tmp.as_file(), &folder_of(&path)).map_err(|e| {
        failed(format!(
            "sikkerhedskopien kunne ikke oprettes: {}",
            crate::files::io_reason(&e)
        ))
    })?;
    store
        .conn
        .backup("main", tmp.path(), None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| {
            failed(format!(
                "sikkerhedskopien kunne ikke skrives: {}",
                super::error::sqlite_detail(&e)
            ))
        })?;
    tmp.persist(&backup).map_err(|e| {
        failed(format!(
            "sikkerhedskopien kunne ikke gemmes: {}",
            crate::files::io_reason(&e.error)
        ))
    })?;

    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| open_error(&path, e))?;
    for (i, step) in migrations
        .steps
        .iter()
        .enumerate()
        .skip((from - 1) as usize)
    {
        tx.execute_batch(step).map_err(|e| {
            failed(format!(
                "trin {} fejlede: {}",
                i + 2,
                super::error::sqlite_detail(&e)
            ))
        })?;
    }
    tx.pragma_update(None, "user_version", migrations.latest())
        .map_err(|e| failed(super::error::sqlite_detail(&e)))?;
    tx.commit()
        .map_err(|e| failed(super::error::sqlite_detail(&e)))?;
    store.schema_version = migrations.latest();
    Ok(())
}

/// Creates a new plan file: written completely under a temporary name, then renamed, so that
/// no half-made file ever carries the user's name.
fn create(path: &Path, options: &OpenOptions) -> Result<Store> {
    path_fits(path)?;
    let folder = folder_of(path);
    let tmp = tempfile::Builder::new()
        .prefix(".virkplan-ny-")
        .suffix(".sqlite")
        .tempfile_in(&folder)
        .map_err(|e| io_error(path, &e))?;
    crate::files::give_default_mode(tmp.as_file(), &folder).map_err(|e| io_error(path, &e))?;
    {
        let mut conn = Connection::open(tmp.path()).map_err(|e| open_error(path, e))?;
        harden(&conn, options.busy_timeout).map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "journal_mode", "DELETE")
            .map_err(|e| open_error(path, e))?;
        let tx = conn.transaction().map_err(|e| open_error(path, e))?;
        let latest = options.migrations.latest();
        options
            .migrations
            .create(&tx, latest)
            .map_err(|e| open_error(path, e))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| open_error(path, e))?;
        tx.pragma_update(None, "user_version", latest)
            .map_err(|e| open_error(path, e))?;
        tx.commit().map_err(|e| open_error(path, e))?;
    }
    tmp.persist_noclobber(path)
        .map_err(|e| io_error(path, &e.error))?;
    open(
        path,
        &OpenOptions {
            create: false,
            ..options.clone()
        },
    )
}
