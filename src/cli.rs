//! The command line: parsing and the subcommands, each a few lines over the same functions the
//! editor uses (document, transfer, demo). Prints results on stdout and one Danish
//! sentence on stderr for an error; decides the exit code (decisions.md).

use crate::demo::{self, DemoSpec};
use crate::document::{Document, DocumentError};
use crate::model::{self, Command, Period, PlanId};
use crate::report;
use crate::rounds;
use crate::terminal::escape_controls as esc;
use crate::transfer;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod error;
mod usage;

use error::{CliError, Outcome};
pub use usage::UsageError;
use usage::number;

/// The usage line printed with a command-line error.
pub const USAGE: &str = "Brug: virkplan [FIL.sqlite] | virkplan check FIL | virkplan list FIL | \
virkplan import-json FIL --from DOK.json | \
virkplan export-json FIL [--plan ID [--version N]] [-o UD.json] | \
virkplan export-pdf FIL [--plan ID [--version N]] -o UD.pdf [--summary] [--no-review] [--since N] | \
virkplan rollover FIL --plan ID --title TITEL --start ÅÅÅÅ --end ÅÅÅÅ | \
virkplan demo FIL [--areas N] [--goals M] [--follow-ups K] | \
virkplan followup-request FIL --plan ID --name NAVN --deadline DATO -o MAPPE | \
virkplan followup-receive FIL --from SVAR.xlsx [--from …] [--dry-run] | \
virkplan followup-status FIL --plan ID | virkplan export-xlsx FIL --plan ID -o UD.xlsx | \
virkplan freeze FIL --plan ID --label TEKST [--by NAVN] | virkplan versions FIL --plan ID | \
virkplan changes FIL --plan ID --since N [--to M] [-o UD.pdf]";

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
    /// `export-json FILE [--plan ID [--version N]] [-o OUT]`
    ExportJson {
        /// The plan file.
        file: PathBuf,
        /// One plan, or all.
        plan: Option<PlanId>,
        /// Output file, or stdout.
        out: Option<PathBuf>,
        /// A version of the plan instead of the plan as it is.
        version: Option<u32>,
    },
    /// `export-pdf FILE [--plan ID [--version N]] -o OUT.pdf [--summary] [--no-review]
    /// [--since N]`
    ExportPdf {
        /// The plan file.
        file: PathBuf,
        /// The plan; may be left out when the file has one plan.
        plan: Option<PlanId>,
        /// The PDF to write.
        out: PathBuf,
        /// What to include.
        options: report::Options,
        /// A version of the plan instead of the plan as it is.
        version: Option<u32>,
        /// "Siden sidst": the changes since this version, in Statusoverblik.
        since: Option<u32>,
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
    /// `followup-request FILE --plan ID --name NAME --deadline DATE -o DIR`: a round for all
    /// the plan's tovholdere; prints the workbooks' paths.
    FollowupRequest {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
        /// The round's name.
        name: String,
        /// The reply deadline.
        deadline: model::Date,
        /// The folder for the workbooks.
        out: PathBuf,
    },
    /// `followup-receive FILE --from A.xlsx [--from B.xlsx …] [--dry-run]`
    FollowupReceive {
        /// The plan file.
        file: PathBuf,
        /// The returned workbooks, in order.
        from: Vec<PathBuf>,
        /// Only say what would be added.
        dry_run: bool,
    },
    /// `followup-status FILE --plan ID`
    FollowupStatus {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
    },
    /// `export-xlsx FILE --plan ID -o OUT.xlsx`
    ExportXlsx {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
        /// The workbook to write.
        out: PathBuf,
    },
    /// `freeze FILE --plan ID --label TEXT [--by NAME]`: saves a version; prints its number.
    Freeze {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
        /// What the version is for.
        label: String,
        /// Who saves it; the computer's user name when left out.
        by: Option<String>,
    },
    /// `versions FILE --plan ID`: one line per version.
    Versions {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
    },
    /// `changes FILE --plan ID --since N [--to M] [-o OUT.pdf]`: what has changed since
    /// version N (until version M, or now), as lines on stdout or as the report PDF.
    Changes {
        /// The plan file.
        file: PathBuf,
        /// The plan.
        plan: PlanId,
        /// The earlier version's number.
        since: u32,
        /// The later version's number; `None` = the plan as it is now.
        to: Option<u32>,
        /// The report PDF to write; `None` = lines on stdout.
        out: Option<PathBuf>,
    },
    /// `demo FILE --areas N --goals M --follow-ups K`
    Demo {
        /// The plan file.
        file: PathBuf,
        /// The plan's size.
        spec: DemoSpec,
    },
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
        "followup-request",
        "followup-receive",
        "followup-status",
        "export-xlsx",
        "freeze",
        "versions",
        "changes",
    ];
    let mut froms: Vec<PathBuf> = Vec::new();
    let mut round_name: Option<String> = None;
    let mut deadline: Option<String> = None;
    let mut dry_run = false;
    let plan_option = [
        "export-json",
        "export-pdf",
        "rollover",
        "followup-request",
        "followup-status",
        "export-xlsx",
        "freeze",
        "versions",
        "changes",
    ];
    let out_option = [
        "export-json",
        "export-pdf",
        "followup-request",
        "export-xlsx",
        "changes",
    ];
    let mut title: Option<String> = None;
    let mut start: Option<i32> = None;
    let mut end: Option<i32> = None;
    let mut label: Option<String> = None;
    let mut by: Option<String> = None;
    let mut version: Option<u32> = None;
    let (mut since, mut to): (Option<u32>, Option<u32>) = (None, None);
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
            Long("plan") if plan_option.contains(&name.as_str()) => {
                plan = Some(PlanId(number(&mut parser, "--plan")?))
            }
            Short('o') | Long("output") if out_option.contains(&name.as_str()) => {
                out = Some(PathBuf::from(parser.value()?))
            }
            Long("from") if name == "followup-receive" => {
                froms.push(PathBuf::from(parser.value()?))
            }
            Long("dry-run") if name == "followup-receive" => dry_run = true,
            Long("name") if name == "followup-request" => {
                round_name = Some(parser.value()?.to_string_lossy().into_owned())
            }
            Long("deadline") if name == "followup-request" => {
                deadline = Some(parser.value()?.to_string_lossy().into_owned())
            }
            Long("version") if name == "export-pdf" || name == "export-json" => {
                version = Some(number(&mut parser, "--version")?)
            }
            Long("label") if name == "freeze" => {
                label = Some(parser.value()?.to_string_lossy().into_owned())
            }
            Long("by") if name == "freeze" => {
                by = Some(parser.value()?.to_string_lossy().into_owned())
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
            Long("since") if name == "changes" || name == "export-pdf" => {
                since = Some(number(&mut parser, "--since")?)
            }
            Long("to") if name == "changes" => to = Some(number(&mut parser, "--to")?),
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.ok_or_else(|| UsageError(format!("{name} mangler filen")))?;
    if version.is_some() && plan.is_none() {
        return Err(UsageError(format!(
            "{name} --version N kræver planen: --plan ID"
        )));
    }
    Ok(match name.as_str() {
        "check" => Invocation::Check(file),
        "list" => Invocation::List(file),
        "import-json" => Invocation::ImportJson {
            file,
            from: from.ok_or_else(|| UsageError("import-json mangler --from DOK.json".into()))?,
        },
        "export-json" => Invocation::ExportJson {
            file,
            plan,
            out,
            version,
        },
        "export-pdf" => Invocation::ExportPdf {
            file,
            plan,
            out: out.ok_or_else(|| UsageError("export-pdf mangler -o UD.pdf".into()))?,
            options,
            version,
            since,
        },
        "freeze" => Invocation::Freeze {
            file,
            plan: plan.ok_or_else(|| UsageError("freeze mangler --plan ID".into()))?,
            label: label
                .filter(|l| !l.trim().is_empty())
                .ok_or_else(|| UsageError("freeze mangler --label TEKST".into()))?,
            by,
        },
        "versions" => Invocation::Versions {
            file,
            plan: plan.ok_or_else(|| UsageError("versions mangler --plan ID".into()))?,
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
        "followup-request" => {
            let missing = |what: &str| UsageError(format!("followup-request mangler {what}"));
            let plan = plan.ok_or_else(|| missing("--plan ID"))?;
            let name = round_name
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| missing("--name NAVN"))?;
            let text = deadline.ok_or_else(|| missing("--deadline DATO"))?;
            let deadline = crate::units::parse_date_input(&text)
                .map_err(|e| UsageError(format!("--deadline «{text}» kan ikke læses: {e}")))?;
            let out = out.ok_or_else(|| missing("-o MAPPE"))?;
            Invocation::FollowupRequest {
                file,
                plan,
                name,
                deadline,
                out,
            }
        }
        "followup-receive" => {
            if froms.is_empty() {
                return Err(UsageError(
                    "followup-receive mangler --from SVAR.xlsx".into(),
                ));
            }
            Invocation::FollowupReceive {
                file,
                from: froms,
                dry_run,
            }
        }
        "followup-status" => Invocation::FollowupStatus {
            file,
            plan: plan.ok_or_else(|| UsageError("followup-status mangler --plan ID".into()))?,
        },
        "export-xlsx" => Invocation::ExportXlsx {
            file,
            plan: plan.ok_or_else(|| UsageError("export-xlsx mangler --plan ID".into()))?,
            out: out.ok_or_else(|| UsageError("export-xlsx mangler -o UD.xlsx".into()))?,
        },
        "changes" => Invocation::Changes {
            file,
            plan: plan.ok_or_else(|| UsageError("changes mangler --plan ID".into()))?,
            since: since.ok_or_else(|| UsageError("changes mangler --since N".into()))?,
            to,
            out,
        },
        _ => Invocation::Demo { file, spec },
    })
}

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

fn export_json(
    file: &Path,
    plan: Option<PlanId>,
    out: Option<&Path>,
    version: Option<u32>,
) -> Outcome {
    let document = Document::open(file)?;
    if let (Some(plan), Some(number)) = (plan, version) {
        let frozen = load_version(file, &document, plan, number)?;
        return match out {
            Some(path) => Ok(transfer::export_version_json(&frozen.bundle, plan, path)?),
            None => print(&transfer::version_json_text(&frozen.bundle, plan)?),
        };
    }
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
fn export_pdf(
    file: &Path,
    plan: Option<PlanId>,
    out: &Path,
    options: &report::Options,
    version: Option<u32>,
    since: Option<u32>,
) -> Outcome {
    let document = Document::open(file)?;
    // "Siden sidst": from version `since` to the version printed, or to the plan now.
    let with_since = |plan: PlanId| -> Result<report::Options, CliError> {
        let mut options = options.clone();
        if let Some(number) = since {
            let today = crate::ui::clock::today();
            let c = crate::comparison::compare(&document, plan, number, version, today)?;
            options.since = Some(Box::new(c.since()));
        }
        Ok(options)
    };
    if let (Some(plan), Some(number)) = (plan, version) {
        let frozen = load_version(file, &document, plan, number)?;
        let options = with_since(plan)?;
        let (_, warnings) = transfer::export_version_pdf(frozen.bundle, plan, &options, out)?;
        for w in &warnings {
            eprintln!("Bemærk: {w}");
        }
        return Ok(());
    }
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
    let (_, warnings) = transfer::export_pdf(&document, plan, &with_since(plan)?, out)?;
    for w in &warnings {
        eprintln!("Bemærk: {w}");
    }
    Ok(())
}

/// Version `number` of `plan`, read and checked (a damaged version is an error).
fn load_version(
    file: &Path,
    document: &Document,
    plan: PlanId,
    number: u32,
) -> Result<crate::versions::Frozen, CliError> {
    read(file, document.load_plan(plan))?;
    let version = crate::versions::find(document, plan, number)?;
    Ok(crate::versions::load(document, &version)?)
}

/// `freeze`: saves a version of the plan as it is now; prints its number.
fn freeze(file: &Path, plan: PlanId, label: &str, by: Option<&str>) -> Outcome {
    let mut document = Document::open(file)?;
    read(file, document.load_plan(plan))?;
    let by = by.map_or_else(crate::versions::user_name, str::to_owned);
    let now = crate::ui::clock::now_moment();
    let version = crate::versions::freeze(&mut document, plan, label, &by, now)?;
    print(&format!("{}\n", version.number))
}

/// `versions`: `NUMBER<TAB>time<TAB>label` per version, lowest number first; each version's
/// content is read and checked, and a damaged one's line ends in «beskadiget».
fn versions(file: &Path, plan: PlanId) -> Outcome {
    let document = Document::open(file)?;
    read(file, document.load_plan(plan))?;
    let mut text = String::new();
    for v in read(file, document.versions(plan))? {
        text.push_str(&format!(
            "{}\t{}\t{}",
            v.number,
            crate::units::format_moment(v.saved_at),
            esc(&v.label)
        ));
        match crate::versions::load(&document, &v) {
            Ok(_) => {}
            Err(crate::versions::VersionError::Document(DocumentError::VersionDamaged {
                ..
            }))
            | Err(crate::versions::VersionError::Format(_))
            | Err(crate::versions::VersionError::PlanMissing { .. }) => {
                text.push_str("\tbeskadiget");
            }
            Err(e) => return Err(e.into()),
        }
        text.push('\n');
    }
    print(&text)
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

/// `followup-request`: a round for every tovholder of the plan; the workbooks' paths.
fn followup_request(
    file: &Path,
    plan: PlanId,
    name: &str,
    deadline: model::Date,
    out: &Path,
) -> Outcome {
    let mut document = Document::open(file)?;
    let the_plan = read(file, document.load_plan(plan))?;
    let people = document.people()?;
    let chosen: Vec<_> = crate::followup::tovholdere(&the_plan, &people)
        .iter()
        .map(|(p, _)| p.id)
        .collect();
    let started = rounds::start_round(
        &mut document,
        plan,
        name,
        deadline,
        &chosen,
        out,
        crate::ui::clock::today(),
    )?;
    print(
        &started
            .files
            .iter()
            .map(|p| format!("{}\n", esc(&p.display().to_string())))
            .collect::<String>(),
    )
}

/// `followup-receive`: each workbook all or nothing, in order; the others go in when one
/// fails (exit 1 then, with one line per problem on stderr).
fn followup_receive(file: &Path, from: &[PathBuf], dry_run: bool) -> Outcome {
    let mut document = Document::open(file)?;
    let today = crate::ui::clock::today();
    let mut failed = 0;
    for path in from {
        // Each workbook is set against the file as the ones before it left it.
        let preview = match rounds::load_answer(&document, None, path, today) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}", esc(&e.to_string()));
                failed += 1;
                continue;
            }
        };
        let shown = esc(&preview.workbook);
        if let Some(on) = preview.already {
            print(&format!(
                "«{shown}»: allerede indlæst den {}; intet tilføjet.\n",
                crate::units::format_date(on)
            ))?;
            continue;
        }
        if !preview.problems.is_empty() {
            for p in &preview.problems {
                eprintln!("{}", esc(&p.to_string()));
            }
            eprintln!(
                "«{shown}» er ikke indlæst: ret {} i regnearket, og indlæs det igen.",
                if preview.problems.len() == 1 {
                    "fejlen".to_owned()
                } else {
                    format!("de {} fejl", preview.problems.len())
                }
            );
            failed += 1;
            continue;
        }
        let verb = if dry_run {
            "ville tilføje"
        } else {
            "tilføjer"
        };
        let mut text = format!(
            "«{shown}» ({}, {}): {verb} {} opfølgning{}\n",
            esc(&preview.person_name),
            esc(&preview.round_name),
            preview.follow_up_count(),
            if preview.follow_up_count() == 1 {
                ""
            } else {
                "er"
            }
        );
        for line in preview.lines() {
            text.push_str(&format!("  {}\n", esc(&line)));
        }
        for note in &preview.notes {
            text.push_str(&format!("  Bemærk: {}\n", esc(note)));
        }
        if !dry_run {
            rounds::receive(&mut document, &preview, None, path, today)?;
        }
        print(&text)?;
    }
    if failed > 0 {
        return Err(CliError::NotAllReceived(failed));
    }
    Ok(())
}

/// `followup-status`: the plan's rounds, and for each open one who has answered.
fn followup_status(file: &Path, plan: PlanId) -> Outcome {
    let document = Document::open(file)?;
    let the_plan = read(file, document.load_plan(plan))?;
    let all = read(file, document.rounds(plan))?;
    let date = crate::units::format_date;
    let mut text = String::new();
    if all.is_empty() {
        text.push_str("Planen har ingen opfølgningsrunder.\n");
    }
    for round in &all {
        let state = match round.closed_on {
            Some(d) => format!("lukket {}", date(d)),
            None => "åben".to_owned(),
        };
        text.push_str(&format!(
            "{}\t{}\tstartet {}\tsvarfrist {}\t{state}\n",
            round.id,
            esc(&round.name),
            date(round.started_on),
            date(round.deadline)
        ));
        if round.is_closed() {
            continue;
        }
        for p in &round.packages {
            let answer = match p.last_answer() {
                Some(d) => format!("svar modtaget {}", date(d)),
                None => "mangler".to_owned(),
            };
            text.push_str(&format!("  {}\t{answer}\n", esc(&p.person_name)));
        }
        let numbers: Vec<String> = the_plan
            .numbered_goals()
            .filter(|(_, _, _, g)| round.unanswered_goals().contains(&g.id))
            .map(|(a, g, _, _)| the_plan.numbering.goal_number(a, g))
            .collect();
        if !numbers.is_empty() {
            text.push_str(&format!("  Mål uden svar: {}\n", numbers.join(", ")));
        }
    }
    print(&text)
}

/// `export-xlsx`: the plan's goals as one sheet.
fn export_xlsx(file: &Path, plan: PlanId, out: &Path) -> Outcome {
    let document = Document::open(file)?;
    read(file, document.load_plan(plan))?;
    rounds::export_xlsx(&document, plan, None, out)?;
    Ok(())
}

/// `changes`: what has changed since version `since` (until version `to`, or now), as
/// Danish lines on stdout (a heading line per focus area, one change per line), or the
/// report PDF.
fn changes(file: &Path, plan: PlanId, since: u32, to: Option<u32>, out: Option<&Path>) -> Outcome {
    let document = Document::open(file)?;
    let c = crate::comparison::compare(&document, plan, since, to, crate::ui::clock::today())?;
    let Some(path) = out else {
        return print(&c.text());
    };
    for w in crate::comparison::export_pdf(&c, path)?.1 {
        eprintln!("Bemærk: {w}");
    }
    Ok(())
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
        Invocation::ExportJson {
            file,
            plan,
            out,
            version,
        } => export_json(file, *plan, out.as_deref(), *version),
        Invocation::Freeze {
            file,
            plan,
            label,
            by,
        } => freeze(file, *plan, label, by.as_deref()),
        Invocation::Versions { file, plan } => versions(file, *plan),
        Invocation::Rollover {
            file,
            plan,
            title,
            period,
        } => rollover(file, *plan, title, *period),
        Invocation::Demo { file, spec } => demo(file, spec),
        Invocation::FollowupRequest {
            file,
            plan,
            name,
            deadline,
            out,
        } => followup_request(file, *plan, name, *deadline, out),
        Invocation::FollowupReceive {
            file,
            from,
            dry_run,
        } => followup_receive(file, from, *dry_run),
        Invocation::FollowupStatus { file, plan } => followup_status(file, *plan),
        Invocation::ExportXlsx { file, plan, out } => export_xlsx(file, *plan, out),
        Invocation::ExportPdf {
            file,
            plan,
            out,
            options,
            version,
            since,
        } => export_pdf(file, *plan, out, options, *version, *since),
        Invocation::Changes {
            file,
            plan,
            since,
            to,
            out,
        } => changes(file, *plan, *since, *to, out.as_deref()),
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
