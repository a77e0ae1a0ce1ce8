//! Stress helper for the reliability tests: writes to a plan file the way the editor does,
//! for as long as it lives, so that a test can kill it at any moment or run two at once.
//!
//! `virkplan-stress write FILE --tag T --count N` imports N small plans (each a whole
//! edit: a plan with 6 goals × 3 follow-ups) and after each import applies a two-field edit
//! as one batch; it prints `committed <plan id>` after every commit. N = 0 means forever.
//! `virkplan-stress verify FILE` checks that the file holds only whole edits and prints
//! `ok <plans>` (exit 0) or what is broken (exit 1).

use std::process::ExitCode;
use std::time::Duration;
use virkplan::model::{
    Command, Date, Document, FocusArea, FollowUp, FollowUpId, Goal, GoalId, Period, Person,
    PersonId, Plan, PlanField, Status,
};
use virkplan::store::{OpenOptions, Store, StoreError};

const GOALS: usize = 6;
const FOLLOW_UPS: usize = 3;

fn small_plan(tag: &str, n: u64) -> Document {
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
                    extra: None,
                })
                .collect(),
            ..Goal::default()
        })
        .collect();
    Document {
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
/// lost edit.
fn with_retry<T>(mut f: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let mut tries = 0;
    loop {
        match f() {
            Err(StoreError::Busy) if tries < 200 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

fn write(file: &str, tag: &str, count: u64) -> Result<(), String> {
    let options = OpenOptions {
        create: true,
        busy_timeout: Duration::from_secs(2),
        ..OpenOptions::default()
    };
    let mut store =
        with_retry(|| Store::open_with(file.as_ref(), &options)).map_err(|e| e.to_string())?;
    let mut n = 0u64;
    while count == 0 || n < count {
        n += 1;
        let doc = small_plan(tag, n);
        let (ids, _) = with_retry(|| store.import(&doc)).map_err(|e| e.to_string())?;
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
                value,
            },
        ]);
        with_retry(|| store.apply(&batch)).map_err(|e| e.to_string())?;
        println!("committed edit {plan}");
    }
    Ok(())
}

fn verify(file: &str) -> Result<usize, String> {
    let store = Store::open(file.as_ref()).map_err(|e| e.to_string())?;
    let plans = store.list_plans().map_err(|e| e.to_string())?;
    for summary in &plans {
        let plan = store.load_plan(summary.id).map_err(|e| e.to_string())?;
        let goals: Vec<&Goal> = plan.goals().map(|(_, g)| g).collect();
        if goals.len() != GOALS || goals.iter().any(|g| g.follow_ups.len() != FOLLOW_UPS) {
            return Err(format!("plan {} er kun delvist skrevet", plan.id));
        }
        if plan.journal_number != plan.contact.phone {
            return Err(format!("plan {}: en halv ændring", plan.id));
        }
    }
    Ok(plans.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [cmd, file, rest @ ..] if cmd == "write" => {
            let tag = rest
                .iter()
                .position(|a| a == "--tag")
                .and_then(|i| rest.get(i + 1))
                .cloned()
                .unwrap_or_else(|| "a".into());
            let count = rest
                .iter()
                .position(|a| a == "--count")
                .and_then(|i| rest.get(i + 1))
                .and_then(|c| c.parse().ok())
                .unwrap_or(0);
            write(file, &tag, count)
        }
        [cmd, file] if cmd == "verify" => verify(file).map(|n| println!("ok {n}")),
        _ => Err("brug: virkplan-stress write FIL [--tag T] [--count N] | verify FIL".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
