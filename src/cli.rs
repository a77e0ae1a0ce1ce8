//! The command line: parsing and the subcommands, each a few lines over the same functions the
//! editor uses (document, transfer, demo). Prints results on stdout and one Danish
//! sentence on stderr for an error; decides the exit code (decisions.md).

use crate::demo::{self, DemoSpec};
use crate::document::{Document, DocumentError};
use crate::model::{self, Command, Period, PlanId};
use crate::report;
use crate::terminal::escape_controls as esc;
use crate::transfer::{self, TransferError};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The usage line printed with a command-line error.
pub const USAGE: &str = "Brug: virkplan [FIL.sqlite] | virkplan check FIL | virkplan list FIL | \
virkplan import-json FIL --from DOK.json | virkplan export-json FIL [--plan ID] [-o UD.json] | \
virkplan export-pdf FIL [--plan ID] -o UD.pdf [--summary] [--no-review] | \
virkplan rollover FIL --plan ID --title TITEL --start ÅÅÅÅ --end ÅÅÅÅ | \
virkplan demo FIL [--areas N] [--goals M] [--follow-ups K]";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// Start the editor, optionally with a file.
    Gui(Option<PathBuf>),
    /// Print help.
    Help,
    /// Print the version.
    Version,
    /// `check FILE`
    Check(PathBuf),
    /// `list FILE`
    List(PathBuf),
    /// `import-json FILE --from DOC`
    ImportJson {
        /// The plan file.
        file: PathBuf,
        /// The JSON document.
        from: PathBuf,
    },
    /// `export-json FILE [--plan ID] [-o OUT]`
    ExportJson {
        /// The plan file.
        file: PathBuf,
        /// One plan, or all.
        plan: Option<PlanId>,
        /// Output file, or stdout.
        out: Option<PathBuf>,
    },
    /// `export-pdf FILE [--plan ID] -o OUT.pdf [--summary] [--no-review]`
    ExportPdf {
        /// The plan file.
        file: PathBuf,
        /// The plan; may be left out when the file has one plan.
        plan: Option<PlanId>,
        /// The PDF to write.
        out: PathBuf,
        /// What to include.
        options: report::Options,
    },
    /// `rollover FILE --plan ID --title T --start Y --end Y`: the next period's plan.
    Rollover {
        /// The plan file.
        file: PathBuf,
        /// The plan to start from.
        plan: PlanId,
        /// The new plan's title.
        title: String,
        /// The new plan's period.
        period: Period,
    },
    /// `demo FILE --areas N --goals M --follow-ups K`
    Demo {
        /// The plan file.
        file: PathBuf,
        /// The plan's size.
        spec: DemoSpec,
    },
}

/// A wrong command line: exit 2 with the usage line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        UsageError(match e {
            lexopt::Error::MissingValue { option } => match option {
                Some(o) => format!("tilvalget {o} mangler en værdi"),
                None => "en værdi mangler".into(),
            },
            lexopt::Error::UnexpectedOption(o) => format!("ukendt tilvalg «{o}»"),
            lexopt::Error::UnexpectedArgument(a) => {
                format!("uventet argument «{}»", a.to_string_lossy())
            }
            lexopt::Error::UnexpectedValue { option, .. } => {
                format!("tilvalget {option} tager ingen værdi")
            }
            lexopt::Error::ParsingFailed { value, .. } => format!("«{value}» er ikke et tal"),
            lexopt::Error::NonUnicodeValue(v) => {
                format!("«{}» er ikke gyldig tekst", v.to_string_lossy())
            }
            other => other.to_string(),
        })
    }
}

fn number<T: std::str::FromStr>(
    parser: &mut lexopt::Parser,
    option: &str,
) -> Result<T, UsageError> {
    let value = parser.value()?;
    let text = value.to_string_lossy();
    text.trim()
        .parse()
        .map_err(|_| UsageError(format!("{option} skal være et helt tal (fandt «{text}»)")))
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, UsageError> {
    use lexopt::prelude::*;
    let mut parser =
        lexopt::Parser::from_iter(std::iter::once(OsString::from("virkplan")).chain(args));
    let Some(first) = parser.next()? else {
        return Ok(Invocation::Gui(None));
    };
    let command = match first {
        Short('h') | Long("help") => return Ok(Invocation::Help),
        Short('V') | Long("version") => return Ok(Invocation::Version),
        Value(v) => v,
        other => return Err(other.unexpected().into()),
    };
    let name = command.to_string_lossy().into_owned();
    let mut file: Option<PathBuf> = None;
    let mut from = None;
    let mut plan = None;
    let mut out = None;
    let mut spec = DemoSpec {
        areas: 40,
        goals_per_area: 25,
        follow_ups_per_goal: 8,
        seed: 1,
    };
    let mut options = report::Options::default();
    let known = [
        "check",
        "list",
        "import-json",
        "export-json",
        "export-pdf",
        "rollover",
        "demo",
    ];
    let mut title: Option<String> = None;
    let mut start: Option<i32> = None;
    let mut end: Option<i32> = None;
    if !known.contains(&name.as_str()) {
        // `virkplan FILE`: open the file in the editor.
        if let Some(arg) = parser.next()? {
            return Err(match arg {
                Value(_) => UsageError(format!("ukendt kommando «{name}»")),
                other => other.unexpected().into(),
            });
        }
        return Ok(Invocation::Gui(Some(PathBuf::from(command))));
    }
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(PathBuf::from(v)),
            Long("from") if name == "import-json" => from = Some(PathBuf::from(parser.value()?)),
            Long("title") if name == "rollover" => {
                title = Some(parser.value()?.to_string_lossy().into_owned())
            }
            Long("start") if name == "rollover" => start = Some(number(&mut parser, "--start")?),
            Long("end") if name == "rollover" => end = Some(number(&mut parser, "--end")?),
            Long("plan") if name == "export-json" || name == "export-pdf" || name == "rollover" => {
                plan = Some(PlanId(number(&mut parser, "--plan")?))
            }
            Short('o') | Long("output") if name == "export-json" || name == "export-pdf" => {
                out = Some(PathBuf::from(parser.value()?))
            }
            Long("summary") if name == "export-pdf" => options.summary = true,
            Long("no-review") if name == "export-pdf" => options.review = false,
            Long("areas") if name == "demo" => spec.areas = number(&mut parser, "--areas")?,
            Long("goals") if name == "demo" => {
                spec.goals_per_area = number(&mut parser, "--goals")?
            }
            Long("follow-ups") if name == "demo" => {
                spec.follow_ups_per_goal = number(&mut parser, "--follow-ups")?
            }
            Long("seed") if name == "demo" => spec.seed = number(&mut parser, "--seed")?,
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.ok_or_else(|| UsageError(format!("{name} mangler filen")))?;
    Ok(match name.as_str() {
        "check" => Invocation::Check(file),
        "list" => Invocation::List(file),
        "import-json" => Invocation::ImportJson {
            file,
            from: from.ok_or_else(|| UsageError("import-json mangler --from DOK.json".into()))?,
        },
        "export-json" => Invocation::ExportJson { file, plan, out },
        "export-pdf" => Invocation::ExportPdf {
            file,
            plan,
            out: out.ok_or_else(|| UsageError("export-pdf mangler -o UD.pdf".into()))?,
            options,
        },
        "rollover" => {
            let missing = |what: &str| UsageError(format!("rollover mangler {what}"));
            let plan = plan.ok_or_else(|| missing("--plan ID"))?;
            let title = title
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| missing("--title TITEL"))?;
            let start = start.ok_or_else(|| missing("--start ÅÅÅÅ"))?;
            let end = end.ok_or_else(|| missing("--end ÅÅÅÅ"))?;
            let period = Period::new(start, end).map_err(|_| {
                UsageError(format!(
                    "perioden {start}–{end} kan ikke bruges; skriv årstal med fire cifre, og --start senest --end"
                ))
            })?;
            Invocation::Rollover {
                file,
                plan,
                title,
                period,
            }
        }
        _ => Invocation::Demo { file, spec },
    })
}

/// A subcommand's failure: its `Display` is one Danish sentence, path last; exit 1 (2 for
/// [`CliError::ChoosePlan`]).
#[derive(Debug, thiserror::Error)]
enum CliError {
    /// The plan file could not be opened, read or changed.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// Moving plans in or out failed.
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// A read of the file failed; the sentence, then the file.
    #[error("{error}: {}", .path.display())]
    Read {
        /// What went wrong.
        error: DocumentError,
        /// The plan file.
        path: PathBuf,
    },
    /// The full check found damage.
    #[error(
        "Filen er beskadiget: den fulde kontrol fandt {count} fejl ({first}). \
         Den er ikke ændret; brug en sikkerhedskopi, eller bed afsenderen om en ny kopi: {}",
        .path.display()
    )]
    Damaged {
        /// How many problems.
        count: usize,
        /// The first, in Danish.
        first: String,
        /// The plan file.
        path: PathBuf,
    },
    /// A plan that cannot be read back.
    #[error("Plan {id} ({title}) kan ikke læses: {error}")]
    PlanUnreadable {
        /// The plan.
        id: PlanId,
        /// Its title.
        title: String,
        /// Why not.
        error: DocumentError,
    },
    /// `export-pdf` of a file without plans.
    #[error("Filen har ingen planer at udskrive: {}", .0.display())]
    NoPlans(PathBuf),
    /// `export-pdf` without `--plan` of a file with several plans (exit 2).
    #[error("Filen har {count} planer; vælg en med --plan ID:{list}")]
    ChoosePlan {
        /// How many plans.
        count: usize,
        /// One line per plan.
        list: String,
    },
    /// `rollover` made no plan.
    #[error("Den nye plan blev ikke fundet: {}", .0.display())]
    NoNewPlan(PathBuf),
    /// Standard output could not be written (a full disk; a closed pipe is not an error).
    #[error(transparent)]
    Print(crate::terminal::StdoutError),
    /// The editor was asked for where only subcommands run.
    #[error("intern fejl: editoren startes ikke herfra")]
    NotASubcommand,
}

type Outcome = Result<(), CliError>;

/// A closed stdout (`| head -1`) ends quietly with exit 0: the reader has what it wanted.
fn print(text: &str) -> Outcome {
    match crate::terminal::write_stdout(text) {
        Ok(()) | Err(crate::terminal::StdoutError::Closed) => Ok(()),
        Err(e) => Err(CliError::Print(e)),
    }
}

fn read<T>(file: &Path, result: Result<T, DocumentError>) -> Result<T, CliError> {
    result.map_err(|error| CliError::Read {
        error,
        path: file.to_path_buf(),
    })
}

/// One plan as `list` prints it; control characters in the title are shown escaped, so a
/// title can neither recolour the terminal nor break the tab-separated columns.
fn plan_line(p: &model::PlanSummary) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        p.id,
        esc(&p.title),
        p.period,
        p.state.label()
    )
}

fn check(file: &Path) -> Outcome {
    let document = Document::open(file)?;
    let problems = document.integrity_check()?;
    if let Some(first) = problems.first() {
        return Err(CliError::Damaged {
            count: problems.len(),
            first: crate::document::describe_damage(first),
            path: file.to_path_buf(),
        });
    }
    let plans = document.list_plans()?;
    let people = document.people()?;
    // Read every plan as the editor would show it: a value another program wrote that
    // virkplan cannot read is found now, not when the user opens that plan.
    for p in &plans {
        document
            .load_plan(p.id)
            .map_err(|error| CliError::PlanUnreadable {
                id: p.id,
                title: p.title.clone(),
                error,
            })?;
    }
    let version = match document.upgraded_in_memory_from() {
        Some(old) => format!(
            "{old} (en ældre version; filen kan ikke skrives, så den læses gennem en kopi i \
             hukommelsen, opgraderet til version {}, og ændres ikke)",
            document.schema_version()
        ),
        None => document.schema_version().to_string(),
    };
    let mut text = format!(
        "Fil: {}\nvirkplan-fil, skemaversion {version}\n",
        esc(&file.display().to_string()),
    );
    text.push_str("Fuld kontrol af filens sider og indekser: ingen fejl.\n");
    match document.read_only() {
        None => text.push_str("Kan redigeres.\n"),
        Some(reason) => text.push_str(&format!("Åbnes skrivebeskyttet: {}\n", reason.message())),
    }
    text.push_str(&format!("Planer: {}\n", plans.len()));
    for p in &plans {
        text.push_str(&format!("  {}\n", plan_line(p)));
    }
    text.push_str(&format!("Personer: {}\n", people.len()));
    // Links another program left to people it deleted: the exports go on past them, so
    // `check` is where the user hears of them before the meeting.
    let missing = document.load_bundle(None)?.missing_owners();
    if !missing.is_empty() {
        text.push_str(&format!(
            "Mål med en tovholder, der er slettet: {}\n",
            missing.len()
        ));
        for m in &missing {
            text.push_str(&format!("  {}.\n", esc(&m.to_string())));
        }
    }
    print(&text)
}

fn list(file: &Path) -> Outcome {
    let document = Document::open(file)?;
    let plans = document.list_plans()?;
    let text: String = plans
        .iter()
        .map(|p| format!("{}\n", plan_line(p)))
        .collect();
    print(&text)
}

fn import_json(file: &Path, from: &Path) -> Outcome {
    // Read and check everything before the plan file is opened or created: all or nothing.
    let doc = transfer::read_json(from)?;
    let ids = if std::fs::symlink_metadata(file).is_ok() {
        let mut document = Document::open(file)?;
        document.import(&doc)?
    } else {
        // A new file gets its name only when the import succeeded.
        Document::create_with_import(file, &doc)?.1
    };
    print(&ids.iter().map(|id| format!("{id}\n")).collect::<String>())
}

fn export_json(file: &Path, plan: Option<PlanId>, out: Option<&Path>) -> Outcome {
    let document = Document::open(file)?;
    let warnings = match out {
        Some(path) => transfer::export_json(&document, plan, path)?,
        None => {
            let (text, warnings) = transfer::json_text(&document, plan)?;
            print(&text)?;
            warnings
        }
    };
    for w in &warnings {
        eprintln!("Bemærk: {w}");
    }
    Ok(())
}

/// `export-pdf`: the editor's export; [`CliError::ChoosePlan`] (exit 2, with the list) when
/// the file has several plans and none was chosen.
fn export_pdf(file: &Path, plan: Option<PlanId>, out: &Path, options: &report::Options) -> Outcome {
    let document = Document::open(file)?;
    let plan = match plan {
        Some(id) => id,
        None => {
            let plans = document.list_plans()?;
            match plans.as_slice() {
                [] => return Err(CliError::NoPlans(file.to_path_buf())),
                [one] => one.id,
                several => {
                    return Err(CliError::ChoosePlan {
                        count: several.len(),
                        list: several
                            .iter()
                            .map(|p| format!("\n  {}", plan_line(p)))
                            .collect(),
                    });
                }
            }
        }
    };
    let (_, warnings) = transfer::export_pdf(&document, plan, options, out)?;
    for w in &warnings {
        eprintln!("Bemærk: {w}");
    }
    Ok(())
}

fn rollover(file: &Path, plan: PlanId, title: &str, period: Period) -> Outcome {
    let mut document = Document::open(file)?;
    let old = read(file, document.load_plan(plan))?;
    let new = model::next_plan(&old, title, period);
    let applied = document.apply(Command::InsertPlan(Box::new(new)))?;
    let id = applied
        .plan()
        .ok_or_else(|| CliError::NoNewPlan(file.to_path_buf()))?;
    print(&format!("{id}\n"))
}

fn demo(file: &Path, spec: &DemoSpec) -> Outcome {
    let mut document = Document::open_or_create(file)?;
    let doc = demo::generate(spec);
    let ids = document.import(&doc)?;
    print(&ids.iter().map(|id| format!("{id}\n")).collect::<String>())
}

/// Runs a subcommand (not the editor) and returns the process's exit code.
pub fn run(invocation: &Invocation) -> ExitCode {
    let result = match invocation {
        Invocation::Gui(_) => Err(CliError::NotASubcommand),
        Invocation::Help => print(&format!(
            "virkplan {} — virksomhedsplaner for kommuner\n{USAGE}\n",
            env!("CARGO_PKG_VERSION")
        )),
        Invocation::Version => print(&format!("virkplan {}\n", env!("CARGO_PKG_VERSION"))),
        Invocation::Check(file) => check(file),
        Invocation::List(file) => list(file),
        Invocation::ImportJson { file, from } => import_json(file, from),
        Invocation::ExportJson { file, plan, out } => export_json(file, *plan, out.as_deref()),
        Invocation::Rollover {
            file,
            plan,
            title,
            period,
        } => rollover(file, *plan, title, *period),
        Invocation::Demo { file, spec } => demo(file, spec),
        Invocation::ExportPdf {
            file,
            plan,
            out,
            options,
        } => export_pdf(file, *plan, out, options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(match e {
                CliError::ChoosePlan { .. } => 2,
                _ => 1,
            })
        }
    }
}

/// Prints a usage error and returns exit code 2.
pub fn usage_error(e: &UsageError) -> ExitCode {
    eprintln!("Fejl i kommandolinjen: {}.\n{USAGE}", e.0);
    ExitCode::from(2)
}
