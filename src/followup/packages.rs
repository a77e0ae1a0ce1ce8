//! Who is asked what: the tovholdere of a plan with their goals, and the packages of a new
//! round (goals, indicators, file names that differ even for two people of the same name).

use super::names::file_name;
use crate::model::{Package, Person, PersonId, Plan};

/// Every person who owns a goal of `plan`, in the order they first appear, with the number
/// of goals they own (the editor's list, all preselected). A goal with several tovholdere
/// is asked of each of them.
pub fn tovholdere(plan: &Plan, people: &[Person]) -> Vec<(Person, usize)> {
    let mut out: Vec<(Person, usize)> = Vec::new();
    for (_, goal) in plan.goals() {
        for owner in &goal.owners {
            if let Some(entry) = out.iter_mut().find(|(p, _)| p.id == *owner) {
                entry.1 += 1;
            } else if let Some(person) = people.iter().find(|p| p.id == *owner) {
                out.push((person.clone(), 1));
            }
        }
    }
    out
}

/// The packages of a new round for the chosen people, in the order chosen: each person's
/// goals (in the plan's order) and those goals' indicators, and a file name of its own.
/// People who own no goal of the plan get no package.
pub fn packages(
    plan: &Plan,
    people: &[Person],
    chosen: &[PersonId],
    round_name: &str,
) -> Vec<Package> {
    let mut out: Vec<Package> = Vec::new();
    for id in chosen {
        if out.iter().any(|p| p.person == *id) {
            continue;
        }
        let Some(person) = people.iter().find(|p| p.id == *id) else {
            continue;
        };
        let goals: Vec<_> = plan
            .goals()
            .map(|(_, g)| g)
            .filter(|g| g.owners.contains(id))
            .collect();
        if goals.is_empty() {
            continue;
        }
        let mut name = file_name(round_name, &person.name);
        let mut n = 2;
        while out.iter().any(|p| p.file_name.eq_ignore_ascii_case(&name)) {
            let stem = file_name(round_name, &person.name);
            name = format!("{} ({n}).xlsx", stem.trim_end_matches(".xlsx"));
            n += 1;
        }
        out.push(Package {
            person: *id,
            person_name: person.name.clone(),
            file_name: name,
            goals: goals.iter().map(|g| g.id).collect(),
            indicators: goals
                .iter()
                .flat_map(|g| g.indicators.iter().map(|i| i.id))
                .collect(),
            sent_on: None,
            receipts: Vec::new(),
        });
    }
    out
}
