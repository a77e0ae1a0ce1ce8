//! The comparison itself: two states of one plan, matched by row id.

use super::diff;
use super::types::{Change, Changes, Group, Kind, Piece};
use crate::model::{
    Date, FocusArea, FocusAreaId, FollowUp, Goal, GoalId, MISSING_OWNER, Person, PersonId, Plan,
    PlanBundle, PlanId, Status,
};
use crate::units::{format_date, format_figure, shorten};
use std::collections::{HashMap, HashSet};

/// How many characters of a goal's text name it when the plan does not number its goals.
const GOAL_NAME: usize = 60;

/// One side of the comparison: a plan with the people of its bundle.
struct Side<'a> {
    plan: &'a Plan,
    people: &'a [Person],
    /// Goal id → (area index, goal index, goal).
    goals: HashMap<GoalId, (usize, usize, &'a Goal)>,
}

impl<'a> Side<'a> {
    fn new(plan: &'a Plan, people: &'a [Person]) -> Side<'a> {
        let goals = plan
            .numbered_goals()
            .map(|(a, g, _, goal)| (goal.id, (a, g, goal)))
            .collect();
        Side {
            plan,
            people,
            goals,
        }
    }

    fn area_index(&self, id: FocusAreaId) -> Option<usize> {
        self.plan.focus_areas.iter().position(|a| a.id == id)
    }

    /// "Mål 2.3", or "Mål «Færre indlæggelser …»" when goals are not numbered.
    fn goal_name(&self, area: usize, index: usize, goal: &Goal) -> String {
        let number = self.plan.numbering.goal_number(area, index);
        if number.is_empty() {
            format!(
                "{} «{}»",
                self.plan.labels.goal(),
                shorten(&goal.text, GOAL_NAME)
            )
        } else {
            format!("{} {number}", self.plan.labels.goal())
        }
    }

    fn area_heading(&self, area: usize, focus: &FocusArea) -> String {
        self.plan
            .numbering
            .area_heading(&self.plan.labels, area, &diff::normalise(&focus.title))
    }

    fn names(&self, ids: &[PersonId]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                self.people
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or_else(|| MISSING_OWNER.to_string(), |p| p.name.clone())
            })
            .collect()
    }
}

/// What has changed in plan `plan` from `from` (a version read back with its row ids) to
/// `to` (a later version, or the plan now: `versions::current`). `since` is the day the
/// earlier state was saved and `today` the day of the later one (today for the plan now): a
/// milestone is missed when its date has passed by `today`, not by `since`, and it is not
/// done. Goals, focus areas, sections, follow-ups, indicators and milestones are matched by
/// id. A plan missing from a bundle counts as empty.
pub fn between(
    from: &PlanBundle,
    to: &PlanBundle,
    plan: PlanId,
    since: Date,
    today: Date,
) -> Changes {
    let empty = Plan::default();
    let from_plan = from.plans.iter().find(|p| p.id == plan).unwrap_or(&empty);
    let to_plan = to.plans.iter().find(|p| p.id == plan).unwrap_or(&empty);
    let old = Side::new(from_plan, &from.people);
    let new = Side::new(to_plan, &to.people);
    let dates = Dates { since, today };

    let mut plan_group = Vec::new();
    text_change(
        &mut plan_group,
        None,
        "Titel",
        &from_plan.title,
        &to_plan.title,
    );
    sections(&mut plan_group, from_plan, to_plan);

    let mut areas: Vec<Vec<Change>> = vec![Vec::new(); to_plan.focus_areas.len()];
    let mut removed_areas: Vec<(String, Vec<Change>)> = Vec::new();
    // Where the goals of each earlier focus area that are gone are reported.
    let mut home: HashMap<FocusAreaId, Home> = HashMap::new();
    for (a, area) in from_plan.focus_areas.iter().enumerate() {
        match new.area_index(area.id) {
            Some(n) => {
                home.insert(area.id, Home::Area(n));
            }
            None => {
                home.insert(area.id, Home::Removed(removed_areas.len()));
                removed_areas.push((
                    format!("{} (fjernet)", old.area_heading(a, area)),
                    vec![Change {
                        kind: Kind::AreaRemoved,
                        goal: None,
                        pieces: same(format!(
                            "{} fjernet: «{}»",
                            from_plan.labels.focus_area(),
                            diff::normalise(&area.title)
                        )),
                    }],
                ));
            }
        }
    }

    for (n, area) in to_plan.focus_areas.iter().enumerate() {
        let out = &mut areas[n];
        match old.area_index(area.id) {
            None => out.push(Change {
                kind: Kind::AreaAdded,
                goal: None,
                pieces: same(format!("{} tilføjet", to_plan.labels.focus_area())),
            }),
            Some(a) => {
                let was = &from_plan.focus_areas[a];
                text_change(out, None, "Titel", &was.title, &area.title);
                text_change(
                    out,
                    None,
                    "Beskrivelse",
                    &was.description,
                    &area.description,
                );
            }
        }
        let moved = moved_within(&old, area);
        for (g, goal) in area.goals.iter().enumerate() {
            let name = new.goal_name(n, g, goal);
            match old.goals.get(&goal.id) {
                None => out.push(Change {
                    kind: Kind::GoalAdded,
                    goal: Some(goal.id),
                    pieces: same(format!(
                        "{name} tilføjet: «{}»",
                        diff::normalise(&goal.text)
                    )),
                }),
                Some(&(oa, og, was)) => {
                    let other_area = from_plan.focus_areas[oa].id != area.id;
                    if other_area || moved.contains(&goal.id) {
                        out.push(move_change(&old, &new, (oa, og), (n, g), goal, other_area));
                    }
                    goal_changes(out, &old, &new, &name, was, goal, dates);
                }
            }
        }
    }

    // Goals that are gone, in the earlier plan's order, with the area they were in.
    for (a, area) in from_plan.focus_areas.iter().enumerate() {
        for (g, goal) in area.goals.iter().enumerate() {
            if new.goals.contains_key(&goal.id) {
                continue;
            }
            let change = Change {
                kind: Kind::GoalRemoved,
                goal: Some(goal.id),
                pieces: same(format!(
                    "{} fjernet: «{}»",
                    old.goal_name(a, g, goal),
                    diff::normalise(&goal.text)
                )),
            };
            match home.get(&area.id) {
                Some(Home::Area(n)) => areas[*n].push(change),
                Some(Home::Removed(r)) => removed_areas[*r].1.push(change),
                None => {}
            }
        }
    }

    let mut groups = Vec::new();
    groups.push(Group {
        heading: "Planen".to_string(),
        removed: false,
        changes: plan_group,
    });
    for (n, changes) in areas.into_iter().enumerate() {
        groups.push(Group {
            heading: new.area_heading(n, &to_plan.focus_areas[n]),
            removed: false,
            changes,
        });
    }
    for (heading, changes) in removed_areas {
        groups.push(Group {
            heading,
            removed: true,
            changes,
        });
    }
    groups.retain(|g| !g.changes.is_empty());
    Changes {
        plan_title: diff::normalise(&to_plan.title),
        groups,
    }
}

/// The two days of a comparison.
#[derive(Debug, Clone, Copy)]
struct Dates {
    since: Date,
    today: Date,
}

/// Where the goals of an earlier focus area that are gone are reported.
enum Home {
    /// In the later plan's focus area of this index.
    Area(usize),
    /// In the group of this earlier focus area that is gone.
    Removed(usize),
}

fn same(text: String) -> Vec<Piece> {
    vec![Piece::Same(text)]
}

/// A text change "Titel: …" with the words removed and added, when the words differ.
fn text_change(out: &mut Vec<Change>, goal: Option<GoalId>, what: &str, old: &str, new: &str) {
    if !diff::differs(old, new) {
        return;
    }
    let mut pieces = same(format!("{what}: "));
    pieces.extend(diff::words(old, new));
    out.push(Change {
        kind: Kind::Text,
        goal,
        pieces,
    });
}

/// The intro sections added, removed and changed (title and text), matched by id.
fn sections(out: &mut Vec<Change>, from: &Plan, to: &Plan) {
    for section in &to.sections {
        match from.sections.iter().find(|s| s.id == section.id) {
            None => out.push(Change {
                kind: Kind::SectionAdded,
                goal: None,
                pieces: same(format!(
                    "Afsnit tilføjet: «{}»",
                    diff::normalise(&section.title)
                )),
            }),
            Some(was) => {
                let title = diff::normalise(&section.title);
                text_change(
                    out,
                    None,
                    &format!("Afsnit «{title}», titel"),
                    &was.title,
                    &section.title,
                );
                text_change(
                    out,
                    None,
                    &format!("Afsnit «{title}»"),
                    &was.body,
                    &section.body,
                );
            }
        }
    }
    for section in &from.sections {
        if !to.sections.iter().any(|s| s.id == section.id) {
            out.push(Change {
                kind: Kind::SectionRemoved,
                goal: None,
                pieces: same(format!(
                    "Afsnit fjernet: «{}»",
                    diff::normalise(&section.title)
                )),
            });
        }
    }
}

/// The goals of `area` that stayed in it but changed place among those that stayed: the
/// ones outside the longest run kept in order (a goal removed or added before another does
/// not move it).
fn moved_within(old: &Side<'_>, area: &FocusArea) -> HashSet<GoalId> {
    let Some(a) = old.area_index(area.id) else {
        return HashSet::new();
    };
    let now: HashSet<GoalId> = area.goals.iter().map(|g| g.id).collect();
    let before_ids: HashSet<GoalId> = old.plan.focus_areas[a].goals.iter().map(|g| g.id).collect();
    let before: Vec<GoalId> = old.plan.focus_areas[a]
        .goals
        .iter()
        .map(|g| g.id)
        .filter(|id| now.contains(id))
        .collect();
    let after: Vec<GoalId> = area
        .goals
        .iter()
        .map(|g| g.id)
        .filter(|id| before_ids.contains(id))
        .collect();
    if before == after {
        return HashSet::new();
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &before, &after);
    let mut moved = HashSet::new();
    for op in ops {
        if let similar::DiffOp::Insert {
            new_index, new_len, ..
        } = op
        {
            moved.extend(after[new_index..new_index + new_len].iter().copied());
        } else if let similar::DiffOp::Replace {
            new_index, new_len, ..
        } = op
        {
            moved.extend(after[new_index..new_index + new_len].iter().copied());
        }
    }
    moved
}

/// "Mål 3.1 flyttet fra 1.2 til 3.1", with the focus area it came from when it changed area.
fn move_change(
    old: &Side<'_>,
    new: &Side<'_>,
    (oa, og): (usize, usize),
    (n, g): (usize, usize),
    goal: &Goal,
    other_area: bool,
) -> Change {
    let name = new.goal_name(n, g, goal);
    let was = old.plan.numbering.goal_number(oa, og);
    let is = new.plan.numbering.goal_number(n, g);
    let mut text = if was.is_empty() || is.is_empty() {
        format!("{name} flyttet")
    } else {
        format!("{name} flyttet fra {was} til {is}")
    };
    if other_area {
        text.push_str(&format!(
            " (fra «{}»)",
            old.area_heading(oa, &old.plan.focus_areas[oa])
        ));
    }
    Change {
        kind: Kind::GoalMoved,
        goal: Some(goal.id),
        pieces: same(text),
    }
}

/// The changes of one goal that is in both plans.
fn goal_changes(
    out: &mut Vec<Change>,
    old: &Side<'_>,
    new: &Side<'_>,
    name: &str,
    was: &Goal,
    goal: &Goal,
    dates: Dates,
) {
    let id = Some(goal.id);
    text_change(out, id, &format!("{name}, tekst"), &was.text, &goal.text);
    text_change(
        out,
        id,
        &format!("{name}, uddybning"),
        &was.details,
        &goal.details,
    );
    text_change(
        out,
        id,
        &format!("{name}, {}", new.plan.labels.documentation().to_lowercase()),
        &was.documentation,
        &goal.documentation,
    );

    let known: HashSet<_> = was.follow_ups.iter().map(|f| f.id).collect();
    // The follow-up that set a new status is told with the status, not again on its own.
    let mut told = None;
    if was.status != goal.status {
        let by = goal
            .follow_ups
            .iter()
            .filter(|f| f.status.is_some() && f.status == goal.status)
            .max_by_key(|f| (!known.contains(&f.id), f.date));
        let mut text = format!(
            "{name}, status: {} → {}",
            Status::label_of(was.status),
            Status::label_of(goal.status)
        );
        if let Some(f) = by {
            text.push_str(&format!(" ({})", follow_up_words(f)));
            told = Some(f.id);
        }
        out.push(Change {
            kind: Kind::Status,
            goal: id,
            pieces: same(text),
        });
    }
    for f in &goal.follow_ups {
        if known.contains(&f.id) || told == Some(f.id) {
            continue;
        }
        let text = diff::normalise(&f.text);
        if text.is_empty() && f.status.is_none() {
            continue; // measurements only: told below, one per indicator
        }
        let mut line = format!("{name}, ny opfølgning {}", format_date(f.date));
        if let Some(status) = f.status {
            line.push_str(&format!(" (status: {})", status.label()));
        }
        if !text.is_empty() {
            line.push_str(&format!(": «{text}»"));
        }
        out.push(Change {
            kind: Kind::FollowUp,
            goal: id,
            pieces: same(line),
        });
    }

    if was.deadline != goal.deadline {
        let show = |d: Option<Date>| d.map_or_else(|| "ingen frist".to_string(), format_date);
        out.push(Change {
            kind: Kind::Deadline,
            goal: id,
            pieces: same(format!(
                "{name}, frist: {} → {}",
                show(was.deadline),
                show(goal.deadline)
            )),
        });
    }

    let before: HashSet<_> = was.owners.iter().collect();
    let after: HashSet<_> = goal.owners.iter().collect();
    if before != after {
        let list = |names: Vec<String>| {
            if names.is_empty() {
                "ingen".to_string()
            } else {
                names.join(", ")
            }
        };
        out.push(Change {
            kind: Kind::Owners,
            goal: id,
            pieces: same(format!(
                "{name}, {}: {} → {}",
                new.plan.labels.owner().to_lowercase(),
                list(old.names(&was.owners)),
                list(new.names(&goal.owners))
            )),
        });
    }

    milestones(out, name, was, goal, dates);
    measurements(out, name, was, goal);
}

/// "opfølgning 12. marts 2013: «…»"
fn follow_up_words(f: &FollowUp) -> String {
    let text = diff::normalise(&f.text);
    if text.is_empty() {
        format!("opfølgning {}", format_date(f.date))
    } else {
        format!("opfølgning {}: «{text}»", format_date(f.date))
    }
}

/// Milestones reached since, and those whose date has passed since without being reached.
fn milestones(out: &mut Vec<Change>, name: &str, was: &Goal, goal: &Goal, dates: Dates) {
    for m in &goal.milestones {
        let before = was.milestones.iter().find(|b| b.id == m.id);
        let when = m
            .date
            .map(|d| format!(" ({})", format_date(d)))
            .unwrap_or_default();
        let text = diff::normalise(&m.text);
        if m.done && !before.is_some_and(|b| b.done) {
            out.push(Change {
                kind: Kind::MilestoneReached,
                goal: Some(goal.id),
                pieces: same(format!("{name}, delmål nået: «{text}»{when}")),
            });
        }
        let missed_before = before.is_some_and(|b| b.is_overdue(dates.since));
        if m.is_overdue(dates.today) && !missed_before {
            out.push(Change {
                kind: Kind::MilestoneMissed,
                goal: Some(goal.id),
                pieces: same(format!(
                    "{name}, delmål ikke nået til tiden: «{text}»{when}"
                )),
            });
        }
    }
}

/// The measurements that are new: in a follow-up that is new, or new in one that was there.
fn measurements(out: &mut Vec<Change>, name: &str, was: &Goal, goal: &Goal) {
    let known: HashSet<_> = was
        .follow_ups
        .iter()
        .flat_map(|f| f.measurements.iter().map(move |m| (f.id, m.indicator)))
        .collect();
    for f in &goal.follow_ups {
        for m in &f.measurements {
            if known.contains(&(f.id, m.indicator)) {
                continue;
            }
            let Some(indicator) = goal.indicators.iter().find(|i| i.id == m.indicator) else {
                continue;
            };
            out.push(Change {
                kind: Kind::Measurement,
                goal: Some(goal.id),
                pieces: same(format!(
                    "{name}, målepunkt «{}»: {} ({})",
                    diff::normalise(&indicator.name),
                    format_figure(m.value, &indicator.unit),
                    format_date(f.date)
                )),
            });
        }
    }
}
