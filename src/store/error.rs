//! The store's errors, each with the Danish sentence a user reads.

use std::path::PathBuf;

/// Why a file could not be opened, read or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No file at the path.
    #[error("Filen findes ikke. Kontrollér stien, eller opret en ny fil: {}", .0.display())]
    Missing(PathBuf),
    /// The path is a folder.
    #[error("Stien er en mappe, ikke en virkplan-fil. Vælg selve .sqlite-filen: {}", .0.display())]
    IsDirectory(PathBuf),
    /// A file of zero bytes.
    #[error("Filen er tom (0 byte) og indeholder ingen planer. Bed afsenderen om en ny kopi, eller vælg en anden fil: {}", .0.display())]
    Empty(PathBuf),
    /// Not a SQLite database at all.
    #[error("Filen er ikke en virkplan-fil (den er slet ikke en SQLite-database). Vælg en .sqlite-fil fra virkplan: {}", .0.display())]
    NotSqlite(PathBuf),
    /// Shorter than its header says.
    #[error("Filen er afkortet: den er kortere, end databasen selv angiver, sikkert fordi en kopiering eller vedhæftning blev afbrudt. Filen er ikke ændret; bed afsenderen om en ny kopi: {}", .0.display())]
    Truncated(PathBuf),
    /// SQLite finds damage.
    #[error("Filen er beskadiget ({detail}). Den er ikke ændret; bed afsenderen om en ny kopi, eller brug en sikkerhedskopi: {}", .path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// A SQLite database of another program.
    #[error("Filen er en SQLite-database fra et andet program, ikke en virkplan-fil. Den er ikke ændret: {}", .0.display())]
    Foreign(PathBuf),
    /// One of our tables or indexes is missing or was redefined.
    #[error("Filen er en virkplan-fil, men et andet program har ændret dens opbygning ({}), så den ikke kan læses sikkert. Den er ikke ændret: {}", .names.join(", "), .path.display())]
    ModifiedSchema {
        /// The file.
        path: PathBuf,
        /// The objects that differ.
        names: Vec<String>,
    },
    /// Another program holds a lock longer than we wait.
    #[error("Filen er optaget: et andet program eller en anden virkplan skriver til den lige nu. Vent lidt, og prøv igen: {}", .0.display())]
    Locked(PathBuf),
    /// An older file that cannot be upgraded because it is read-only.
    #[error("Filen er fra en ældre version af virkplan (skemaversion {found}) og skal opgraderes, men den er skrivebeskyttet. Kopiér den til en mappe, du kan skrive i, og åbn kopien: {}", .path.display())]
    OldReadOnly {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// A migration failed; the file is untouched.
    #[error("Filen kunne ikke opgraderes fra skemaversion {from} ({detail}). Den er ikke ændret: {}", .path.display())]
    MigrationFailed {
        /// The file.
        path: PathBuf,
        /// The old version.
        from: i64,
        /// What went wrong.
        detail: String,
    },
    /// The file cannot be read or written at the operating-system level.
    #[error("Filen kunne ikke åbnes ({detail}): {}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// A copy of the file could not be written; nothing carries the copy's name.
    #[error("Kopien kunne ikke gemmes ({detail}). Vælg en anden placering: {}", .path.display())]
    CopyFailed {
        /// Where the copy was to go.
        path: PathBuf,
        /// Why not.
        detail: String,
    },
    /// A copy could not be taken because another program held the file longer than we wait.
    #[error("Kopien blev ikke gemt, fordi et andet program skriver til filen lige nu. Prøv igen om lidt: {}", .0.display())]
    CopyBusy(PathBuf),
    /// A write to a file opened read-only.
    #[error(
        "Ændringen blev ikke gemt, fordi filen er åbnet skrivebeskyttet ({0}). Gem en kopi for at kunne rette i den."
    )]
    ReadOnly(String),
    /// Busy after the wait: the edit was not written and can be tried again.
    #[error(
        "Ændringen blev ikke gemt endnu, fordi filen er optaget af et andet program. Prøv igen om lidt."
    )]
    Busy,
    /// A plan that is not in the file.
    #[error("Planen med id {0} findes ikke i filen. Se filens planer med «virkplan list»")]
    NoSuchPlan(i64),
    /// Another entity that is not (or no longer) in the file.
    #[error("{0} findes ikke (længere) i filen; måske har en anden slettet det")]
    NotFound(&'static str),
    /// A person who carries goals cannot be deleted.
    #[error(
        "{name} er tovholder på {goals} mål og kan ikke slettes, før målene har fået en anden tovholder"
    )]
    PersonHasGoals {
        /// Name.
        name: String,
        /// How many goals.
        goals: usize,
    },
    /// A person who answers for a focus area cannot be deleted.
    #[error(
        "{name} er ansvarlig for indsatsområdet «{area}»{} og kan ikke slettes, før indsatsområdet har fået en anden ansvarlig",
        others_text(*.others)
    )]
    PersonAnswersForAreas {
        /// Name.
        name: String,
        /// The first focus area's title.
        area: String,
        /// How many other focus areas.
        others: usize,
    },
    /// A plan's own word left blank ("Tilpas planen").
    #[error("Ordet i stedet for «{0}» er tomt; skriv et ord, eller slet det for at bruge «{0}»")]
    BlankLabel(&'static str),
    /// A follow-up's measurement names an indicator of another goal.
    #[error(
        "Målingen hører til et målepunkt under et andet mål; en opfølgning kan kun have målinger for sit eget måls målepunkter"
    )]
    MeasurementOfOtherGoal,
    /// Two measurements of one indicator in one follow-up.
    #[error(
        "Opfølgningen har to målinger for det samme målepunkt; giv hvert målepunkt højst én måling i en opfølgning"
    )]
    MeasurementTwice,
    /// A goal named as related to itself.
    #[error("Et mål kan ikke have sammenhæng med sig selv; vælg et andet mål")]
    RelatedToItself,
    /// The same related goal twice.
    #[error("Det samme mål er valgt to gange som sammenhæng; vælg hvert mål én gang")]
    RelatedTwice,
    /// A follow-up round without a name.
    #[error("Opfølgningsrunden skal have et navn; skriv fx «Opfølgning efterår 2013»")]
    RoundNameBlank,
    /// The same tovholder twice in one round.
    #[error("{0} har fået to pakker i den samme opfølgningsrunde; vælg hver tovholder én gang")]
    PackageTwice(String),
    /// A version whose content fails its own check (a chunk missing or changed, a wrong size
    /// or digest): another program changed it. The rest of the file is not affected.
    #[error(
        "Version {number} «{label}» er ændret af et andet program og kan ikke bruges. Resten af filen er i orden; du kan slette versionen"
    )]
    VersionDamaged {
        /// The version's number.
        number: u32,
        /// Its label.
        label: String,
    },
    /// A version without a label.
    #[error("Skriv, hvad versionen er til, fx «Til byrådet 12. marts 2013»")]
    VersionLabelBlank,
    /// A new version without content.
    #[error("Versionen er tom og kan ikke gemmes; gem versionen igen fra planen")]
    VersionEmpty,
    /// A value the file holds that the program cannot read back.
    #[error("Filen indeholder en ugyldig værdi ({0}); den kan være ændret af et andet program")]
    BadValue(String),
    /// A budget sum that does not fit.
    #[error("Beløbet er for stort: summen af budgettet kan ikke regnes ud")]
    Overflow,
    /// The disk (or the user's quota on it) is full. The failed change was rolled back: an
    /// existing file is as before and whole on its own, a new one was not created.
    #[error("Disken er fuld, så intet blev gemt, og filen er som før (en ny fil er ikke oprettet). Frigør plads på drevet, eller gem et andet sted: {}", .path.display())]
    DiskFull {
        /// The plan file (or the new file's folder).
        path: PathBuf,
    },
    /// The disk is full and the failed change could not even be rolled back: the journal
    /// beside the file holds the pages that make it whole again, and must stay with it.
    #[error("Disken er fuld, så ændringen blev ikke gemt, og filen kunne ikke gøres færdig. Frigør plads på drevet, og åbn filen igen; flyt, slet eller send aldrig filen uden journalfilen {}, der ligger ved siden af den: {}", .journal.display(), .path.display())]
    DiskFullJournalKept {
        /// The plan file.
        path: PathBuf,
        /// Its hot journal, which holds the pages to put back.
        journal: PathBuf,
    },
    /// Any other SQLite error: what SQLite's result code means, in Danish words with its
    /// number ([`sqlite_detail`]); SQLite's own English text never reaches the user.
    #[error(
        "Filen kunne ikke læses eller ændres som ventet ({0}). Den er ikke ændret; prøv igen, og fortsætter det, så luk filen, åbn den igen, og gem en kopi"
    )]
    Sql(String),
}

/// " og 2 andre" after the first of several focus areas.
fn others_text(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => " og ét andet".into(),
        n => format!(" og {n} andre"),
    }
}

/// Another connection holds the lock this one needs (busy or locked): a wait, not a fault.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        // Values another program wrote that virkplan never writes.
        match &e {
            rusqlite::Error::Utf8Error(..) => {
                return StoreError::BadValue("tekst, der ikke er gyldig UTF-8".into());
            }
            rusqlite::Error::InvalidColumnType(_, name, _) => {
                return StoreError::BadValue(format!("forkert slags værdi i feltet {name}"));
            }
            rusqlite::Error::IntegralValueOutOfRange(..) => {
                return StoreError::BadValue("et tal uden for det tilladte".into());
            }
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
                return StoreError::BadValue(inner.to_string());
            }
            _ => {}
        }
        if is_busy(&e) {
            return StoreError::Busy;
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly("skrivebeskyttet fil".into()),
            // The store fills in the path (`Store::write`, `open`): SQLite's error has none.
            Some(ErrorCode::DiskFull) => StoreError::DiskFull {
                path: PathBuf::new(),
            },
            _ => StoreError::Sql(sqlite_detail(&e)),
        }
    }
}

/// A SQLite error in Danish words for a message: what its result code means and its number
/// ("SQLite-kode 19: en regel i filen afviste ændringen"). SQLite's own text is English (and
/// may quote what another program wrote, e.g. a trigger's RAISE message), so it is left out.
pub fn sqlite_detail(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let rusqlite::Error::SqliteFailure(failure, _) = e else {
        return "filens opbygning passer ikke til det, programmet forventer; måske har et andet program ændret den".into();
    };
    let meaning = match failure.code {
        C::InternalMalfunction => "en intern fejl i SQLite",
        C::PermissionDenied => "adgang nægtet",
        C::OperationAborted => "handlingen blev afbrudt",
        C::DatabaseBusy | C::DatabaseLocked => "filen er optaget af et andet program",
        C::OutOfMemory => "der er ikke hukommelse nok",
        C::ReadOnly => "filen kan kun læses",
        C::OperationInterrupted => "handlingen blev afbrudt",
        C::SystemIoFailure => "styresystemet kunne ikke læse eller skrive filen",
        C::DatabaseCorrupt | C::NotADatabase => "filen er beskadiget",
        C::NotFound => "en del af filen blev ikke fundet",
        C::DiskFull => "disken er fuld",
        C::CannotOpen => "filen kunne ikke åbnes",
        C::FileLockingProtocolFailed => "filen kunne ikke låses",
        C::SchemaChanged => "filens opbygning blev ændret undervejs",
        C::TooBig => "en værdi er for stor",
        C::ConstraintViolation => "en regel i filen afviste ændringen",
        C::TypeMismatch => "en værdi har forkert type",
        C::ApiMisuse => "en intern fejl i programmet",
        C::NoLargeFileSupport => "filen er for stor til systemet",
        C::AuthorizationForStatementDenied => "handlingen blev ikke tilladt",
        C::ParameterOutOfRange => "en værdi er uden for det tilladte",
        C::Unknown => {
            "filens opbygning passer ikke til det, programmet forventer; måske har et andet program ændret den"
        }
        _ => "en ukendt fejl",
    };
    format!("SQLite-kode {}: {meaning}", failure.extended_code)
}

/// SQLite's report of a damaged file (English, often several lines: "*** in database main ***
/// Tree 2 page 2: btreeInitPage() returns error code 11") as a short Danish phrase for the
/// user's message: which page, when SQLite names one.
pub fn describe_damage(report: &str) -> String {
    let page = report
        .split_whitespace()
        .skip_while(|w| *w != "page")
        .nth(1)
        .and_then(|n| {
            n.trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse::<u64>()
                .ok()
        });
    match page {
        Some(n) => format!("den indbyggede kontrol fandt en fejl på side {n} af filen"),
        None => "den indbyggede kontrol fandt en fejl i filens opbygning".into(),
    }
}

/// True for an operating-system error that means the disk or the quota is full.
pub(super) fn is_disk_full_io(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// A result of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
