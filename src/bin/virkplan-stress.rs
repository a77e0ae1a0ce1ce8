//! Stress runs for the reliability evidence (README, "Pålidelighed / Reliability"): writes to a
//! plan file the way the editor does, kills writers at random moments, runs two at once.
//!
//! - `write FILE [--tag T] [--count N] [--seconds S] [--busy-ms B]` imports small plans (each
//!   a whole edit: a plan with 6 goals × 3 follow-ups), and after each import applies a
//!   two-field edit as one batch. It prints `committed <plan id>` after every import and
//!   `committed edit <plan id> <value>` after every edit, `busy <message>` whenever it lost a
//!   lock (then it waits and tries again), and `sees <n>` with the number of other writers'
//!   plans it can see after each of its edits. It stops after N imports or S seconds (both 0:
//!   never).
//! - `verify FILE` checks the file: the full integrity check, that it opens in virkplan, that
//!   it holds only whole edits; prints `ok <plans>` (exit 0) or what is broken (exit 1).
//! - `crash-cycles FILE [--cycles N] [--seed S] [--max-delay-ms D] [--fresh-every K]` runs N
//!   cycles of: start a writer, SIGKILL it after a random 0..D ms, verify the file and that
//!   every edit the writer reported committed is in it. A new file every K cycles keeps the
//!   checks quick. Prints one summary line; exit 1 on the first failure.
//! - `two-writers FILE [--seconds S] [--busy-ms B]` runs two writers on one file for S
//!   seconds and checks that nothing committed is lost, the file is sound, each writer saw the
//!   other's plans, and a writer that lost a lock got the Danish message within its wait.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command as ProcessCommand, ExitCode, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use virkplan::model::{
    Command, Date, FocusArea, FollowUp, FollowUpId, Goal, GoalId, Period, Person, PersonId, Plan,
    PlanBundle, PlanField, PlanId, Status,
};
use virkplan::store::{OpenOptions, Store, StoreError};

/// Why a stress run failed; `Display` is the Danish sentence printed on stderr.
#[derive(Debug, thiserror::Error)]
enum StressError {
    /// The store refused or failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The file does not open in virkplan.
    #[error("åbner ikke: {0}")]
    NotOpened(StoreError),
    /// SQLite's integrity check found damage.
    #[error("integrity_check: {}", .0.join("; "))]
    Damaged(Vec<String>),
    /// A plan lacks goals or follow-ups: an import was half written.
    #[error("plan {0} er kun delvist skrevet")]
    PartlyWritten(PlanId),
    /// Only one of a batch edit's two fields was written.
    #[error("plan {0}: en halv ændring")]
    HalfEdit(PlanId),
    /// A plan the writer reported committed is not in the file.
    #[error("plan {0} blev meldt gemt, men er væk")]
    Lost(String),
    /// An edit the writer reported committed is not in the file.
    #[error("plan {id}: ændringen til {value} blev meldt gemt, men filen har {found}")]
    EditLost {
        /// The plan.
        id: String,
        /// The value reported.
        value: String,
        /// The value in the file.
        found: String,
    },
    /// A writer process could not be started.
    #[error("kunne ikke starte en skriver: {}", virkplan::files::io_reason(.0))]
    Spawn(std::io::Error),
    /// A writer process could not be waited for.
    #[error("kunne ikke vente på en skriver: {}", virkplan::files::io_reason(.0))]
    Wait(std::io::Error),
    /// The writer of a crash cycle wrote to stderr.
    #[error("skriveren meldte en fejl")]
    WriterReported,
    /// The file a writer reported writing to is gone.
    #[error("filen er væk")]
    FileGone,
    /// A failure in one crash cycle, with what makes it repeatable.
    #[error(
        "cyklus {cycle} (frø {seed}, drab efter {delay_us} µs): {what}; skriverens fejl: {writer}"
    )]
    Cycle {
        /// The cycle.
        cycle: u64,
        /// The seed of the run.
        seed: u64,
        /// When the writer was killed.
        delay_us: u64,
        /// What was wrong.
        what: Box<StressError>,
        /// What the writer wrote on stderr.
        writer: String,
    },
    /// The first writer could not create the file.
    #[error("filen kunne ikke oprettes: {0}")]
    NotCreated(String),
    /// A writer of two stopped with an error.
    #[error("en skriver fejlede: {0} {1}")]
    WriterFailed(String, String),
    /// The writers did not stop in time.
    #[error("skriverne hang: {0:.1} s")]
    Hung(f64),
    /// The file holds another number of plans than reported.
    #[error("{found} planer i filen, {expected} meldt gemt")]
    Count {
        /// Plans in the file.
        found: usize,
        /// Plans reported committed.
        expected: usize,
    },
    /// A writer never saw the other's plans.
    #[error("skriver {0} så aldrig den andens planer")]
    NeverSawOther(&'static str),
    /// A writer saw plans disappear.
    #[error("skriver {0} så planer forsvinde")]
    SawVanish(&'static str),
    /// A writer that lost a lock got another message than the Danish one.
    #[error("skriver {0} fik en anden besked end den danske om optaget fil")]
    WrongBusyMessage(&'static str),
    /// A flag without a valid value.
    #[error("{0} skal have en gyldig værdi")]
    BadFlag(String),
    /// The command line is not one of the runs.
    #[error("{USAGE}")]
    Usage,
}

const GOALS: usize = 6;
const FOLLOW_UPS: usize = 3;

fn small_plan(tag: &str, n: u64) -> PlanBundle {
    let goals = (0..GOALS)
        .map(|g| Goal {
            id: GoalId(g as i64 + 1),
            text: format!("Mål {g} i plan {tag}-{n}: øget trivsel og færre sygedage"),
            details: "Uddybning med æøå ".repeat(20),
            owners: vec![PersonId(0)],
            deadline: Date::month(2027, 6).ok(),
            status: Some(Status::OnTrack),
            follow_ups: (0..FOLLOW_UPS)
                .map(|f| FollowUp {
                    id: FollowUpId(0),
                    date: Date::month(2026, (f + 1) as u8).unwrap_or(Date::Month {
                        year: 2026,
                        month: 1,
                    }),
                    status: None,
                    text: format!("Opfølgning {f}"),
                    measurements: Vec::new(),
                    extra: None,
                })
                .collect(),
            ..Goal::default()
        })
        .collect();
    PlanBundle {
        people: vec![Person {
            name: "Birgitte Nielsen".into(),
            email: "bn@example.dk".into(),
            ..Person::default()
        }],
        plans: vec![Plan {
            title: format!("Stressplan {tag}-{n}"),
            organisation: "Stressforvaltningen".into(),
            period: Period {
                start: 2026,
                end: 2027,
            },
            journal_number: "0".into(),
            contact: virkplan::model::Contact {
                phone: "0".into(),
                ..Default::default()
            },
            focus_areas: vec![FocusArea {
                title: "Område".into(),
                goals,
                ..FocusArea::default()
            }],
            ..Plan::default()
        }],
        extra: None,
    }
}

/// Retries an edit while the file is busy, as the editor does: a busy file is a wait, never a
/// lost edit. Each lost lock is reported with the message the editor would show.
fn with_retry<T>(mut f: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let mut tries = 0;
    loop {
        match f() {
            Err(e @ (StoreError::Busy | StoreError::Locked(_))) if tries < 200 => {
                tries += 1;
                println!("busy {e}");
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

fn title_prefix(tag: &str) -> String {
    format!("Stressplan {tag}-")
}

fn write(file: &str, tag: &str, count: u64, seconds: u64, busy_ms: u64) -> Result<(), StressError> {
    let options = OpenOptions {
        create: true,
        busy_timeout: Duration::from_millis(busy_ms),
        ..OpenOptions::default()
    };
    let started = Instant::now();
    let mut store = with_retry(|| Store::open_with(file.as_ref(), &options))?;
    let mine = title_prefix(tag);
    let mut n = 0u64;
    while (count == 0 || n < count) && (seconds == 0 || started.elapsed().as_secs() < seconds) {
        n += 1;
        let doc = small_plan(tag, n);
        let (ids, _) = with_retry(|| store.import(&doc))?;
        let plan = ids[0];
        println!("committed {plan}");
        // A two-field edit in one batch: both or neither.
        let value = format!("{tag}-{n}");
        let batch = Command::Batch(vec![
            Command::SetPlanText {
                plan,
                field: PlanField::JournalNumber,
                value: value.clone(),
            },
            Command::SetPlanText {
                plan,
                field: PlanField::ContactPhone,
                value: value.clone(),
            },
        ]);
        with_retry(|| store.apply(&batch))?;
        println!("committed edit {plan} {value}");
        let others = with_retry(|| store.list_plans())?
            .iter()
            .filter(|p| p.title.starts_with("Stressplan ") && !p.title.starts_with(&mine))
            .count();
        println!("sees {others}");
    }
    Ok(())
}

/// The file as a reader finds it: the full integrity check, open in virkplan (as the editor
/// does), every plan whole and every batch edit both-or-neither. Returns the plans.
fn check_file(file: &Path) -> Result<Vec<Plan>, StressError> {
    let store = Store::open(file).map_err(StressError::NotOpened)?;
    let problems = store.integrity_check()?;
    if !problems.is_empty() {
        return Err(StressError::Damaged(problems));
    }
    let mut plans = Vec::new();
    for summary in store.list_plans()? {
        let plan = store.load_plan(summary.id)?;
        let goals: Vec<&Goal> = plan.goals().map(|(_, g)| g).collect();
        if goals.len() != GOALS || goals.iter().any(|g| g.follow_ups.len() != FOLLOW_UPS) {
            return Err(StressError::PartlyWritten(plan.id));
        }
        if plan.journal_number != plan.contact.phone {
            return Err(StressError::HalfEdit(plan.id));
        }
        plans.push(plan);
    }
    Ok(plans)
}

fn verify(file: &str) -> Result<usize, StressError> {
    check_file(file.as_ref()).map(|plans| plans.len())
}

/// What one writer reported on its standard output.
#[derive(Default)]
struct Report {
    imports: Vec<String>,
    edits: Vec<(String, String)>,
    busy: Vec<String>,
    sees: Vec<usize>,
}

impl Report {
    fn parse(text: &str) -> Report {
        let mut r = Report::default();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("committed edit ") {
                if let Some((id, value)) = rest.split_once(' ') {
                    r.edits.push((id.to_string(), value.to_string()));
                }
            } else if let Some(id) = line.strip_prefix("committed ") {
                r.imports.push(id.to_string());
            } else if let Some(msg) = line.strip_prefix("busy ") {
                r.busy.push(msg.to_string());
            } else if let Some(n) = line.strip_prefix("sees ") {
                r.sees.push(n.parse().unwrap_or(0));
            }
        }
        r
    }
}

/// Every import and edit the writer reported committed is in the file.
fn check_reported(plans: &[Plan], report: &Report) -> Result<(), StressError> {
    for id in &report.imports {
        if !plans.iter().any(|p| &p.id.to_string() == id) {
            return Err(StressError::Lost(id.clone()));
        }
    }
    for (id, value) in &report.edits {
        match plans.iter().find(|p| &p.id.to_string() == id) {
            Some(p) if &p.journal_number == value => {}
            Some(p) => {
                return Err(StressError::EditLost {
                    id: id.clone(),
                    value: value.clone(),
                    found: p.journal_number.clone(),
                });
            }
            None => return Err(StressError::Lost(id.clone())),
        }
    }
    Ok(())
}

/// A small, seeded pseudo-random sequence (xorshift64*): the cycles are repeatable by seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

fn spawn_writer(file: &Path, args: &[String]) -> Result<Child, StressError> {
    let exe = std::env::current_exe().map_err(StressError::Spawn)?;
    ProcessCommand::new(exe)
        .arg("write")
        .arg(file)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(StressError::Spawn)
}

/// Reads a child's stdout and stderr on their own threads, so a full pipe never stalls it.
fn drain(child: &mut Child) -> (JoinHandle<String>, JoinHandle<String>) {
    // A stream that was not piped reads as empty (spawn_writer pipes both).
    let read_all = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut r) = r {
                let _ = r.read_to_string(&mut s);
            }
            s
        })
    };
    let out = read_all(
        child
            .stdout
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );
    let err = read_all(
        child
            .stderr
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );
    (out, err)
}

fn remove_file_and_journal(file: &Path) {
    let _ = std::fs::remove_file(file);
    let mut journal = file.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
}

fn crash_cycles(
    file: &Path,
    cycles: u64,
    seed: u64,
    max_delay_ms: u64,
    fresh_every: u64,
) -> Result<(), StressError> {
    let started = Instant::now();
    let mut rng = Rng(seed.max(1));
    let (mut imports, mut edits, mut plans_checked, mut mid_edit, mut before_first) =
        (0, 0, 0, 0, 0);
    for cycle in 0..cycles {
        if cycle % fresh_every.max(1) == 0 {
            remove_file_and_journal(file);
        }
        // The moment of the kill, in microseconds: on a new file and in every fourth cycle
        // within the first 20 ms (while the writer starts, creates or opens the file), else
        // anywhere up to the maximum.
        let short = cycle % fresh_every.max(1) == 0 || cycle % 4 == 1;
        let delay_us = rng.below(if short { 20_000 } else { max_delay_ms * 1000 } + 1);
        let mut child = spawn_writer(file, &["--tag".into(), format!("c{cycle}")])?;
        let (out, err) = drain(&mut child);
        std::thread::sleep(Duration::from_micros(delay_us));
        let _ = child.kill(); // SIGKILL on Unix, TerminateProcess on Windows
        let _ = child.wait();
        let out = out.join().unwrap_or_default();
        let err = err.join().unwrap_or_default();
        let report = Report::parse(&out);
        let fail = |what: StressError| StressError::Cycle {
            cycle,
            seed,
            delay_us,
            what: Box::new(what),
            writer: err.trim().to_owned(),
        };
        if !err.trim().is_empty() {
            return Err(fail(StressError::WriterReported));
        }
        if report.imports.is_empty() {
            before_first += 1;
        }
        if report.imports.len() > report.edits.len() {
            mid_edit += 1;
        }
        if !file.exists() {
            // Killed before it had created the file: nothing was reported, nothing to check.
            if !report.imports.is_empty() {
                return Err(fail(StressError::FileGone));
            }
            continue;
        }
        let plans = check_file(file).map_err(fail)?;
        check_reported(&plans, &report).map_err(fail)?;
        imports += report.imports.len();
        edits += report.edits.len();
        plans_checked += plans.len();
    }
    // A writer killed while it creates the file leaves its temporary file (never the user's
    // name); count them, as a user would find them.
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let leftovers = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(".virkplan-"))
                .count()
        })
        .unwrap_or(0);
    println!(
        "crash-cycles: {cycles} cyklusser, 0 fejl; {imports} importer og {edits} ændringer meldt gemt og fundet; \
         {plans_checked} planer kontrolleret hele; {before_first} drab før første import, \
         {mid_edit} mellem import og ændring; {leftovers} midlertidige filer efterladt; frø {seed}; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn two_writers(file: &Path, seconds: u64, busy_ms: u64) -> Result<(), StressError> {
    remove_file_and_journal(file);
    // Create the file first so that the two writers do not race to create it.
    let mut init = spawn_writer(
        file,
        &["--tag".into(), "init".into(), "--count".into(), "1".into()],
    )?;
    let (init_out, init_err) = drain(&mut init);
    let init_status = init.wait().map_err(StressError::Wait)?;
    let _ = init_out.join();
    if !init_status.success() {
        return Err(StressError::NotCreated(
            init_err.join().unwrap_or_default().trim().to_owned(),
        ));
    }
    let started = Instant::now();
    let args = |tag: &str| {
        vec![
            "--tag".to_string(),
            tag.to_string(),
            "--seconds".to_string(),
            seconds.to_string(),
            "--busy-ms".to_string(),
            busy_ms.to_string(),
        ]
    };
    let mut a = spawn_writer(file, &args("a"))?;
    let mut b = spawn_writer(file, &args("b"))?;
    let (a_out, a_err) = drain(&mut a);
    let (b_out, b_err) = drain(&mut b);
    let a_status = a.wait().map_err(StressError::Wait)?;
    let b_status = b.wait().map_err(StressError::Wait)?;
    let elapsed = started.elapsed();
    let (a_out, a_err) = (
        a_out.join().unwrap_or_default(),
        a_err.join().unwrap_or_default(),
    );
    let (b_out, b_err) = (
        b_out.join().unwrap_or_default(),
        b_err.join().unwrap_or_default(),
    );
    if !a_status.success() || !b_status.success() {
        return Err(StressError::WriterFailed(
            a_err.trim().to_owned(),
            b_err.trim().to_owned(),
        ));
    }
    // No hang: each writer stops by itself after `seconds`, plus at most one edit's wait.
    if elapsed > Duration::from_secs(seconds + 10) {
        return Err(StressError::Hung(elapsed.as_secs_f64()));
    }
    let (ra, rb) = (Report::parse(&a_out), Report::parse(&b_out));
    let plans = check_file(file)?;
    check_reported(&plans, &ra)?;
    check_reported(&plans, &rb)?;
    let expected = 1 + ra.imports.len() + rb.imports.len();
    if plans.len() != expected {
        return Err(StressError::Count {
            found: plans.len(),
            expected,
        });
    }
    for (name, r, other) in [("a", &ra, &rb), ("b", &rb, &ra)] {
        let seen = r.sees.iter().copied().max().unwrap_or(0);
        // Each saw the other's plans (and the "init" plan, which counts as another's).
        if !other.imports.is_empty() && seen < 2 {
            return Err(StressError::NeverSawOther(name));
        }
        if r.sees.windows(2).any(|w| w[1] < w[0]) {
            return Err(StressError::SawVanish(name));
        }
        if r.busy
            .iter()
            .any(|m| !m.contains("optaget") || m.contains("rror"))
        {
            return Err(StressError::WrongBusyMessage(name));
        }
    }
    println!(
        "two-writers: {:.1} s, 0 fejl; a gemte {} importer og {} ændringer, b {} og {}; \
         alle {} planer hele i filen; a så op til {} af de andres planer, b op til {}; \
         tabte låse med dansk besked: a {}, b {} (ventetid {busy_ms} ms)",
        elapsed.as_secs_f64(),
        ra.imports.len(),
        ra.edits.len(),
        rb.imports.len(),
        rb.edits.len(),
        plans.len(),
        ra.sees.iter().max().unwrap_or(&0),
        rb.sees.iter().max().unwrap_or(&0),
        ra.busy.len(),
        rb.busy.len()
    );
    Ok(())
}

/// The value after `--name`, parsed, or the default.
fn flag<T: std::str::FromStr>(rest: &[String], name: &str, default: T) -> Result<T, StressError> {
    match rest.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => rest
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| StressError::BadFlag(name.to_owned())),
    }
}

const USAGE: &str = "brug: virkplan-stress write FIL [--tag T] [--count N] [--seconds S] [--busy-ms B] \
    | verify FIL | crash-cycles FIL [--cycles N] [--seed S] [--max-delay-ms D] [--fresh-every K] \
    | two-writers FIL [--seconds S] [--busy-ms B]";

fn run(args: &[String]) -> Result<(), StressError> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(StressError::Usage);
    };
    let Some((file, rest)) = rest.split_first() else {
        return Err(StressError::Usage);
    };
    match cmd.as_str() {
        "write" => write(
            file,
            &flag(rest, "--tag", "a".to_string())?,
            flag(rest, "--count", 0)?,
            flag(rest, "--seconds", 0)?,
            flag(rest, "--busy-ms", 2000)?,
        ),
        "verify" => verify(file).map(|n| println!("ok {n}")),
        "crash-cycles" => {
            let seed = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64);
            crash_cycles(
                file.as_ref(),
                flag(rest, "--cycles", 1000)?,
                flag(rest, "--seed", seed)?,
                flag(rest, "--max-delay-ms", 150)?,
                flag(rest, "--fresh-every", 10)?,
            )
        }
        "two-writers" => two_writers(
            file.as_ref(),
            flag(rest, "--seconds", 60)?,
            flag(rest, "--busy-ms", 50)?,
        ),
        _ => Err(StressError::Usage),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
