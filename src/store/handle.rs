//! An open plan file: [`Store`], its connection and what it knows about the file (path,
//! schema version, network drive, why it is read-only: [`ReadOnlyReason`]), and what is done
//! through it: reads, commands applied in one transaction, imports, copies, checks, and the
//! recovery after a write the full disk cut off. Opening and creating are in `open`.

use super::connection::{connect, journal_path};
use super::error::{self, Result, StoreError};
use super::{read, read_rounds, read_versions, write};
use crate::model::{
    Command, Payload, Person, Plan, PlanBundle, PlanId, PlanSummary, Round, RoundId, Version,
    VersionId,
};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

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
    /// Another program switched the file to WAL and still has it open, so it cannot be set
    /// back to the rollback journal.
    WalInUse,
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
            ReadOnlyReason::WalInUse => "et andet program har filen åben i WAL-tilstand".into(),
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
            ReadOnlyReason::WalInUse => "Et andet program har filen åben og har sat den i \
                WAL-tilstand, som deler filen i tre og ikke er sikker på netværksdrev, så den er \
                åbnet til læsning. Luk det andet program, og åbn filen igen for at rette i den."
                .into(),
        }
    }
}

/// An open plan file.
#[derive(Debug)]
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    pub(super) schema_version: i64,
    pub(super) read_only: Option<ReadOnlyReason>,
    pub(super) busy_timeout: std::time::Duration,
    /// On a network drive (`network::on_network_drive`): `synchronous=FULL` is set.
    pub(super) network: bool,
    /// The file's own, older schema version when it is read through a copy upgraded in
    /// memory (an older file that cannot be written).
    pub(super) upgraded_from: Option<i64>,
}

impl Store {
    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version the file was written with (or, for an older file that cannot be
    /// written, the version of the copy in memory it is read through).
    pub fn schema_version(&self) -> i64 {
        self.schema_version
    }

    /// The file's own schema version when it is older and cannot be written, so that it is
    /// read through a copy upgraded in memory; `None` otherwise.
    pub fn upgraded_in_memory_from(&self) -> Option<i64> {
        self.upgraded_from
    }

    /// The file's identity (decisions.md, "Identity of a plan file"): a random id written once
    /// when the file was made or migrated from schema 1, so a returned workbook or a version
    /// can tell which file it belongs to. `None` when another program removed it.
    pub fn file_id(&self) -> Result<Option<String>> {
        read::file_id(&self.conn)
    }

    /// The identity of the file this one is a copy of ("Gem en kopi som"), or `None`.
    pub fn copied_from(&self) -> Result<Option<String>> {
        read::copied_from(&self.conn)
    }

    /// True when the file lies on a network drive (a UNC path or a mapped network drive on
    /// Windows): the status bar says so, since two people may open it (ARCHITECTURE.md).
    pub fn on_network_drive(&self) -> bool {
        self.network
    }

    /// Why the file is open read-only, or `None` when it can be edited.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// A number that changes when another connection (another window or program) has
    /// committed a change to the file since the last call: reload what is shown when it does.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// SQLite's full `PRAGMA integrity_check`: every page, index and constraint. Returns the
    /// problems it lists, empty when the file is sound. Slower than the quick check `open`
    /// runs (it reads every index too): for the reliability runs and «virkplan check».
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut problems = Vec::new();
        for row in rows {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        Ok(problems)
    }

    /// One line per plan, in id order.
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>> {
        read::list_plans(&self.conn)
    }

    /// Every person in the file, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        read::people(&self.conn)
    }

    /// One whole plan.
    pub fn load_plan(&self, id: PlanId) -> Result<Plan> {
        read::load_plan(&self.conn, id)
    }

    /// Every plan (`None`) or one plan with the plans it reaches through `previous`, with the
    /// people they name: what an export writes.
    pub fn load_document(&self, plan: Option<PlanId>) -> Result<PlanBundle> {
        read::load_document(&self.conn, plan)
    }

    /// A plan's follow-up rounds, oldest first, with their packages (in the order the
    /// tovholdere were chosen) and receipts (oldest first).
    pub fn rounds(&self, plan: PlanId) -> Result<Vec<Round>> {
        read_rounds::rounds(&self.conn, plan)
    }

    /// One follow-up round.
    pub fn round(&self, id: RoundId) -> Result<Round> {
        read_rounds::round(&self.conn, id)
    }

    /// A plan's versions (issue 20), oldest (lowest number) first. Reads no content.
    pub fn versions(&self, plan: PlanId) -> Result<Vec<Version>> {
        read_versions::versions(&self.conn, plan)
    }

    /// One version's content, checked against the digest stored with it: a version another
    /// program changed is `StoreError::VersionDamaged`, never returned.
    pub fn version_payload(&self, id: VersionId) -> Result<Payload> {
        read_versions::payload(&self.conn, id)
    }

    /// Applies one command in one transaction and returns its inverse: apply the inverse to
    /// undo. Nothing is written when it fails.
    pub fn apply(&mut self, command: &Command) -> Result<Command> {
        self.write(|tx| write::apply(tx, command))
    }

    /// Imports a document (people merged by name and mail) in one transaction; returns the
    /// new plans' ids in the document's order and the inverse command.
    pub fn import(&mut self, doc: &PlanBundle) -> Result<(Vec<PlanId>, Command)> {
        self.write(|tx| write::import(tx, doc))
    }

    /// Writes a copy of the file to `dest` with SQLite's backup API (consistent even while
    /// others write): first under a temporary name beside `dest`, then renamed, so no
    /// half-written copy ever carries the name. The content is the same; the copy gets an
    /// identity of its own and notes this file's as `copied_from`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let failed = |detail: String| StoreError::CopyFailed {
            path: dest.to_path_buf(),
            detail,
        };
        let place = crate::files::replacement(dest).map_err(|e| failed(e.reason()))?;
        if let Some(e) = crate::files::sqlite_path_too_long(place.target()) {
            return Err(failed(e.to_string()));
        }
        let tmp = tempfile::Builder::new()
            .prefix(".virkplan-kopi-")
            .tempfile_in(place.folder())
            .map_err(|e| failed(crate::files::io_reason(&e)))?;
        let sql_failed = |e: rusqlite::Error| match e.sqlite_error_code() {
            _ if error::is_busy(&e) => StoreError::CopyBusy(dest.to_path_buf()),
            Some(rusqlite::ErrorCode::DiskFull) => failed("disken er fuld".into()),
            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => {
                failed("ingen skriveadgang".into())
            }
            _ => failed(error::sqlite_detail(&e)),
        };
        let mut copy = Connection::open(tmp.path()).map_err(sql_failed)?;
        // One read transaction around the whole copy, taken in one step: the copy is of one
        // moment, and a writer in another process cannot restart it (the backup API starts
        // over when another connection writes between steps, so a step-by-step copy of a file
        // someone keeps editing may never finish).
        let read = self.read_lock().map_err(sql_failed)?;
        {
            let backup = rusqlite::backup::Backup::new(&read, &mut copy).map_err(sql_failed)?;
            match backup.step(-1).map_err(sql_failed)? {
                rusqlite::backup::StepResult::Done => {}
                _ => return Err(StoreError::CopyBusy(dest.to_path_buf())),
            }
        }
        drop(read);
        // A copy is another file: it gets an identity of its own and notes the one it came
        // from (decisions.md, "Identity of a plan file"). Only for the schemas this program
        // knows; a newer file is copied as it is.
        if (2..=super::schema::CURRENT_VERSION).contains(&self.schema_version) {
            copy.execute(
                "UPDATE file_identity SET copied_from = id, id = lower(hex(randomblob(16))) \
                 WHERE one = 1",
                [],
            )
            .map_err(sql_failed)?;
        }
        drop(copy);
        place
            .apply(tmp.as_file())
            .map_err(|e| failed(crate::files::io_reason(&e)))?;
        tmp.persist(place.target())
            .map_err(|e| failed(crate::files::io_reason(&e.error)))?;
        Ok(())
    }

    /// Opens a read transaction and takes its shared lock, waiting up to the busy timeout.
    /// SQLite's own busy handler sleeps up to 100 ms between tries, and a writer in another
    /// process that edits without pause holds its exclusive lock most of the time, so such a
    /// reader (seen in the reliability runs: a copy taken while another process writes)
    /// misses the short moments between the writer's commits and times out. Trying every
    /// millisecond finds them.
    fn read_lock(&self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        let deadline = std::time::Instant::now() + self.busy_timeout;
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let result = loop {
            let tx = match self.conn.unchecked_transaction() {
                Ok(tx) => tx,
                Err(e) => break Err(e),
            };
            match tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            }) {
                Ok(_) => break Ok(tx),
                Err(e) if error::is_busy(&e) && std::time::Instant::now() < deadline => {
                    drop(tx);
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                Err(e) => break Err(e),
            }
        };
        self.conn.busy_timeout(self.busy_timeout)?;
        result
    }

    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly(reason.short()));
        }
        let conn = &mut self.conn;
        let result = (move || {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        match result {
            Err(StoreError::DiskFull { .. }) => Err(self.recover_from_full_disk()),
            other => other,
        }
    }

    /// After a write failed because the disk is full. SQLite may have written part of the
    /// transaction into the file already and leaves its rollback journal "hot" beside it: the
    /// file is whole only together with that journal, and a user who then copies or mails the
    /// `.sqlite` alone sends a damaged file. Closing the connection and reading through a new
    /// one makes SQLite roll the journal back into the file at once (overwriting pages needs
    /// no new space) and delete it. Returns the error to show: the file is as before, or,
    /// when the journal is still there, that it must stay with the file.
    fn recover_from_full_disk(&mut self) -> StoreError {
        let journal = journal_path(&self.path);
        let kept = |path: &Path| StoreError::DiskFullJournalKept {
            path: path.to_path_buf(),
            journal: journal.clone(),
        };
        let Ok(placeholder) = Connection::open_in_memory() else {
            return kept(&self.path);
        };
        drop(std::mem::replace(&mut self.conn, placeholder));
        let reopened = connect(&self.path, false, self.busy_timeout, self.network);
        if let Ok(conn) = reopened {
            // The read takes the shared lock, which is when SQLite rolls a hot journal back.
            let _ = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
            self.conn = conn;
        }
        // Without its journal the file was never touched: SQLite writes into the file only
        // after the journal that undoes it is on disk.
        if journal.exists() {
            kept(&self.path)
        } else {
            StoreError::DiskFull {
                path: self.path.clone(),
            }
        }
    }
}
