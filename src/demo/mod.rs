//! A synthetic but realistic virksomhedsplan, for benchmarks, trials and screenshots.
//!
//! Owns only the generator: the plan's prose and people here, its vocabulary in `words`, its
//! indicators, measurements and milestones in `figures`, and a tiny deterministic PRNG
//! (splitmix64, `rng`), so that the same [`DemoSpec`] always gives the same [`PlanBundle`]. No
//! I/O; writing the plan to a file is the caller's business.

mod figures;
mod rng;
mod words;

use crate::model::{
    Budget, BudgetRow, BudgetRowId, Contact, Date, FocusArea, FocusAreaId, FollowUp, FollowUpId,
    Goal, GoalId, Period, Person, PersonId, Plan, PlanBundle, PlanId, PlanState, Section,
    SectionId, Status,
};
use rng::Rng;
use words::{
    AREA_ASPECTS, AREA_TITLES, BUDGET_AREAS, DOC_ITEMS, ENDINGS, FIRST_NAMES, FOLLOW_UP_SENTENCES,
    GOAL_VERBS, JOB_TITLES, LAST_NAMES, OBJECTS, OPENERS, SECTION_TITLES, STOCK_SENTENCES,
    SUBJECTS, UNITS, VERBS,
};

/// What to generate: how many focus areas, goals and follow-ups, and the seed of the PRNG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    /// Number of focus areas (indsatsområder).
    pub areas: usize,
    /// Goals in each focus area.
    pub goals_per_area: usize,
    /// Follow-ups on each goal.
    pub follow_ups_per_goal: usize,
    /// Seed: the same seed gives the same plan.
    pub seed: u64,
}

impl Default for DemoSpec {
    /// A plan of ordinary size: 5 areas of 4 goals with 3 follow-ups each.
    fn default() -> Self {
        DemoSpec {
            areas: 5,
            goals_per_area: 4,
            follow_ups_per_goal: 3,
            seed: 2027,
        }
    }
}

/// The first year of the demo plan's period; the period is this year and the next.
const START_YEAR: i32 = 2027;

/// How many people the demo plan names.
const PEOPLE: usize = 30;

/// Capitalises the first letter in place ("forvaltningen" → "Forvaltningen").
fn push_capitalised(out: &mut String, s: &str) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// Appends a sentence ending: after a space, or straight after the text when it opens with a
/// comma.
fn push_ending(out: &mut String, ending: &str) {
    if !ending.is_empty() && !ending.starts_with(',') {
        out.push(' ');
    }
    out.push_str(ending);
}

/// A mail address from a name: "Søs Østergaard" → "soes.oestergaard@example.dk".
fn email_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 12);
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            ' ' => out.push('.'),
            c if c.is_ascii_alphanumeric() || c == '-' => out.push(c),
            _ => {}
        }
    }
    out.push_str("@example.dk");
    out
}

/// The generator's state: the PRNG and the id counters of the document.
struct Gen {
    rng: Rng,
    next_goal: i64,
    next_follow_up: i64,
    next_indicator: i64,
    next_milestone: i64,
}

impl Gen {
    /// Appends one sentence of planning prose, ending in '.'.
    fn sentence(&mut self, out: &mut String) {
        if self.rng.chance(20) {
            out.push_str(self.rng.pick(&STOCK_SENTENCES));
            return;
        }
        let subject = self.rng.pick(&SUBJECTS);
        let verb = self.rng.pick(&VERBS);
        if self.rng.chance(30) {
            // Danish V2 order: the verb comes before the subject after an opener.
            let opener = self.rng.pick(&OPENERS);
            let (head, tail) = verb.split_once(' ').unwrap_or((verb, ""));
            out.push_str(opener);
            out.push(' ');
            out.push_str(head);
            out.push(' ');
            out.push_str(subject);
            if !tail.is_empty() {
                out.push(' ');
                out.push_str(tail);
            }
        } else {
            push_capitalised(out, subject);
            out.push(' ');
            out.push_str(verb);
        }
        out.push(' ');
        out.push_str(self.rng.pick(&OBJECTS));
        push_ending(out, self.rng.pick(&ENDINGS));
        out.push('.');
    }

    /// Appends a paragraph of `lo..=hi` sentences.
    fn paragraph(&mut self, out: &mut String, lo: usize, hi: usize) {
        for i in 0..self.rng.range(lo, hi) {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(out);
        }
    }

    /// Appends `n` bullets ("- " lines) of one sentence each: made up, or drawn from `items`
    /// without repeats (at most `items.len()` then).
    fn bullets(&mut self, out: &mut String, n: usize, items: Option<&[&str]>) {
        let mut order: Vec<usize> = (0..items.map_or(0, <[&str]>::len)).collect();
        for i in 0..n {
            let line = match items {
                Some(_) if i >= order.len() => break,
                Some(items) => {
                    let j = i + self.rng.below(order.len() - i);
                    order.swap(i, j);
                    Some(items[order[i]])
                }
                None => None,
            };
            if i > 0 {
                out.push('\n');
            }
            out.push_str("- ");
            match line {
                Some(line) => out.push_str(line),
                None => self.sentence(out),
            }
        }
    }

    /// A text of `lo..=hi` paragraphs separated by blank lines.
    fn text(&mut self, lo: usize, hi: usize) -> String {
        let mut out = String::with_capacity(600);
        for i in 0..self.rng.range(lo, hi) {
            if i > 0 {
                out.push_str("\n\n");
            }
            self.paragraph(&mut out, 2, 5);
        }
        out
    }

    fn people(&mut self) -> Vec<Person> {
        // Distinct first names keep the 30 full names distinct.
        let mut firsts: Vec<&str> = FIRST_NAMES.to_vec();
        (0..PEOPLE)
            .map(|i| {
                let j = i + self.rng.below(firsts.len() - i);
                firsts.swap(i, j);
                let name = format!("{} {}", firsts[i], self.rng.pick(&LAST_NAMES));
                let title = if i == 0 {
                    "Sundhedschef"
                } else {
                    self.rng.pick(&JOB_TITLES)
                };
                Person {
                    id: PersonId(i as i64),
                    email: email_of(&name),
                    name,
                    title: title.to_owned(),
                    unit: self.rng.pick(&UNITS).to_owned(),
                    extra: None,
                }
            })
            .collect()
    }

    fn sections(&mut self) -> Vec<Section> {
        SECTION_TITLES
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let mut body = self.text(2, 4);
                if i == 2 {
                    body.push_str("\n\nStrategien har tre temaer:\n\n");
                    body.push_str("- Det bedste i mennesket\n- Mennesker i fællesskab\n");
                    body.push_str("- Den levende by\n\n");
                    self.paragraph(&mut body, 1, 3);
                } else if self.rng.chance(50) {
                    body.push_str("\n\n");
                    let n = self.rng.range(2, 5);
                    self.bullets(&mut body, n, None);
                }
                Section {
                    id: SectionId(i as i64 + 1),
                    title: (*title).to_owned(),
                    body,
                    extra: None,
                }
            })
            .collect()
    }

    fn budget(&mut self) -> Budget {
        let rows = BUDGET_AREAS
            .iter()
            .enumerate()
            .map(|(i, area)| {
                // Whole thousands of kroner, as budget tables are usually rounded.
                let expenses = self.rng.range(4_000, 420_000) as i64 * 1_000;
                let income = if self.rng.chance(20) {
                    0
                } else {
                    -(self.rng.below(expenses as usize / 3_000) as i64) * 1_000
                };
                BudgetRow {
                    id: BudgetRowId(i as i64 + 1),
                    area: (*area).to_owned(),
                    expenses,
                    income,
                    extra: None,
                }
            })
            .collect();
        let mut note = String::from("Alle beløb er i hele kroner og i årets priser. ");
        self.paragraph(&mut note, 1, 2);
        Budget {
            title: "Den budgetmæssige ramme".to_owned(),
            year: Some(START_YEAR),
            note,
            rows,
            extra: None,
        }
    }

    /// A month or a day in `first_year..=last_year`; months lean on primo, medio and ultimo.
    fn date(&mut self, first_year: i32, last_year: i32) -> Date {
        let year = first_year + self.rng.below((last_year - first_year + 1) as usize) as i32;
        let month = if self.rng.chance(40) {
            [1, 6, 12][self.rng.below(3)]
        } else {
            self.rng.range(1, 12) as u8
        };
        if self.rng.chance(50) {
            Date::Month { year, month }
        } else {
            let last = Date::Month { year, month }.last_day().2;
            let day = match self.rng.below(3) {
                0 => 1,
                1 => last,
                _ => self.rng.range(1, usize::from(last)) as u8,
            };
            Date::Day { year, month, day }
        }
    }

    /// A deadline: a month or a day as in version 1, or a quarter, a half year or a year.
    fn deadline(&mut self) -> Date {
        let year = START_YEAR + self.rng.below(2) as i32;
        match self.rng.below(20) {
            0..=8 => self.date(year, year),
            9..=15 => figures::part_of_year(&mut self.rng, year),
            _ => Date::Year { year },
        }
    }

    /// One to `most` distinct people: a goal's tovholdere or a focus area's owners.
    fn some_people(&mut self, most: usize) -> Vec<PersonId> {
        let n = self.rng.range(1, most);
        let mut people: Vec<PersonId> = Vec::with_capacity(n);
        while people.len() < n {
            let p = PersonId(self.rng.below(PEOPLE) as i64);
            if !people.contains(&p) {
                people.push(p);
            }
        }
        people
    }

    fn status(&mut self) -> Option<Status> {
        const WEIGHTED: [Status; 10] = [
            Status::NotStarted,
            Status::OnTrack,
            Status::OnTrack,
            Status::OnTrack,
            Status::AtRisk,
            Status::AtRisk,
            Status::OffTrack,
            Status::Done,
            Status::Done,
            Status::Dropped,
        ];
        if self.rng.chance(20) {
            None
        } else {
            Some(WEIGHTED[self.rng.below(WEIGHTED.len())])
        }
    }

    fn goal(&mut self, spec: &DemoSpec) -> Goal {
        let mut text = String::with_capacity(120);
        text.push_str(self.rng.pick(&GOAL_VERBS));
        text.push(' ');
        text.push_str(self.rng.pick(&OBJECTS));
        push_ending(&mut text, self.rng.pick(&ENDINGS));
        text.push('.');

        let details = self.text(1, 3);

        let mut documentation = String::with_capacity(300);
        if self.rng.chance(60) {
            let n = self.rng.range(2, 4);
            self.bullets(&mut documentation, n, Some(&DOC_ITEMS[..]));
        } else {
            documentation.push_str(self.rng.pick(&DOC_ITEMS));
            documentation.push(' ');
            let when = ["primo", "medio", "ultimo"][self.rng.below(3)];
            let share = 50 + self.rng.below(10) * 5;
            documentation.push_str(&format!(
                "Målet er nået, når {share} % af målgruppen er omfattet af indsatsen {when} {}.",
                START_YEAR + 1
            ));
        }

        let owners = self.some_people(3);
        let drawn = figures::indicators(&mut self.rng, &mut self.next_indicator, START_YEAR);

        let status = self.status();
        let mut follow_ups: Vec<FollowUp> = (0..spec.follow_ups_per_goal)
            .map(|_| {
                // Some follow-ups are reported for a quarter or a half year.
                let date = if self.rng.chance(15) {
                    let year = START_YEAR + self.rng.below(2) as i32;
                    figures::part_of_year(&mut self.rng, year)
                } else {
                    self.date(START_YEAR, START_YEAR + 1)
                };
                let fu_status = if status.is_some() && self.rng.chance(60) {
                    self.status()
                } else {
                    None
                };
                let mut text = String::with_capacity(300);
                let n = self.rng.range(1, 4);
                if n > 2 && self.rng.chance(30) {
                    self.bullets(&mut text, n, Some(&FOLLOW_UP_SENTENCES[..]));
                } else {
                    let mut previous = "";
                    for i in 0..n {
                        if i > 0 {
                            text.push(' ');
                        }
                        if self.rng.chance(60) {
                            // Never the same stock sentence twice in a row.
                            let mut stock = self.rng.pick(&FOLLOW_UP_SENTENCES);
                            if stock == previous {
                                let next = FOLLOW_UP_SENTENCES.iter().position(|s| *s == stock);
                                let next = next.map_or(0, |i| (i + 1) % FOLLOW_UP_SENTENCES.len());
                                stock = FOLLOW_UP_SENTENCES[next];
                            }
                            previous = stock;
                            text.push_str(stock);
                        } else {
                            previous = "";
                            self.sentence(&mut text);
                        }
                    }
                }
                FollowUp {
                    measurements: Vec::new(),
                    id: FollowUpId(0),
                    date,
                    status: fu_status,
                    text,
                    extra: None,
                }
            })
            .collect();
        follow_ups.sort_by_key(|f| f.date);
        for f in &mut follow_ups {
            f.id = FollowUpId(self.next_follow_up);
            self.next_follow_up += 1;
        }
        // As in the app: the latest follow-up with a status set the goal's status.
        if let Some(last) = follow_ups.iter_mut().rev().find(|f| f.status.is_some()) {
            last.status = status;
        }
        figures::measure(&mut self.rng, &drawn, &mut follow_ups);
        let milestones = figures::milestones(
            &mut self.rng,
            &mut self.next_milestone,
            START_YEAR,
            status == Some(Status::Done),
        );

        let id = GoalId(self.next_goal);
        self.next_goal += 1;
        // A few goals are tied to an earlier goal of the plan ("sammenhæng med").
        let related = if id.0 > 1 && self.rng.chance(15) {
            vec![GoalId(1 + self.rng.below(id.0 as usize - 1) as i64)]
        } else {
            Vec::new()
        };
        Goal {
            indicators: drawn.into_iter().map(|d| d.indicator).collect(),
            milestones,
            related,
            id,
            text,
            details,
            documentation,
            owners,
            deadline: Some(self.deadline()),
            status,
            continues: None,
            follow_ups,
            extra: None,
        }
    }

    fn focus_area(&mut self, spec: &DemoSpec, index: usize) -> FocusArea {
        let theme = AREA_TITLES[index % AREA_TITLES.len()];
        let round = index / AREA_TITLES.len();
        let title = if round == 0 {
            theme.to_owned()
        } else {
            let aspect = AREA_ASPECTS[(round - 1) % AREA_ASPECTS.len()];
            format!("{theme}: {aspect}")
        };
        FocusArea {
            owners: self.some_people(2),
            id: FocusAreaId(index as i64 + 1),
            title,
            description: self.text(1, 3),
            goals: (0..spec.goals_per_area).map(|_| self.goal(spec)).collect(),
            extra: None,
        }
    }
}

/// Generates one demo plan with its people, as a [`PlanBundle`] with document-local ids:
/// `PersonId(index)`, `PlanId(0)`, goal, follow-up, indicator and milestone ids counting from 1.
///
/// The plan "Virksomhedsplan 2027/2028" of a made-up Sundheds- og Omsorgsforvaltningen in
/// "Demo Kommune" is a draft with 30 people, 4 intro sections, a budget of 8 rows and
/// `spec.areas` focus areas (each with one or two owners) of `spec.goals_per_area` goals with
/// `spec.follow_ups_per_goal` follow-ups each. Every goal has two indicators (unit, baseline,
/// target, direction) with a measurement of each in every follow-up, and two milestones, some
/// done; deadlines, follow-ups, milestones, baselines and targets use every period form; a few
/// goals are tied to an earlier goal. The labels, numbering and print settings are the
/// defaults. The same spec always gives the same document.
pub fn generate(spec: &DemoSpec) -> PlanBundle {
    let mut g = Gen {
        rng: Rng(spec.seed),
        next_goal: 1,
        next_follow_up: 1,
        next_indicator: 1,
        next_milestone: 1,
    };
    let people = g.people();
    let sections = g.sections();
    let budget = g.budget();
    let mut focus_areas_intro = String::from(
        "Forvaltningens indsatser skal bidrage til at realisere kommunens vision og strategi. ",
    );
    g.paragraph(&mut focus_areas_intro, 2, 4);
    let journal_number = format!(
        "{:02}/{}",
        (START_YEAR - 2001) % 100,
        1000 + g.rng.below(9000)
    );
    let focus_areas = (0..spec.areas).map(|i| g.focus_area(spec, i)).collect();
    let plan = Plan {
        labels: Default::default(),
        numbering: Default::default(),
        print: Default::default(),
        id: PlanId(0),
        previous: None,
        title: format!("Virksomhedsplan {}/{}", START_YEAR, START_YEAR + 1),
        organisation: "Sundheds- og Omsorgsforvaltningen".to_owned(),
        municipality: "Demo Kommune".to_owned(),
        period: Period {
            start: START_YEAR,
            end: START_YEAR + 1,
        },
        period_extra: None,
        journal_number,
        contact: Contact {
            address: "Rådhuspladsen 1\n9999 Demoby".to_owned(),
            phone: "70 10 20 30".to_owned(),
            email: "sundhedogomsorg@example.dk".to_owned(),
            web: "www.example.dk".to_owned(),
            extra: None,
        },
        state: PlanState::Draft,
        approved_on: None,
        approved_by: String::new(),
        sections,
        budget,
        focus_areas_intro,
        focus_areas,
        review_intro: String::new(),
        extra: None,
    };
    PlanBundle {
        people,
        plans: vec![plan],
        extra: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;
    use std::collections::HashSet;

    fn spec(areas: usize, goals: usize, follow_ups: usize, seed: u64) -> DemoSpec {
        DemoSpec {
            areas,
            goals_per_area: goals,
            follow_ups_per_goal: follow_ups,
            seed,
        }
    }

    fn is_valid(d: Date) -> bool {
        Date::parse_iso(&d.to_string()) == Ok(d)
    }

    #[test]
    fn counts_match_the_spec() {
        for s in [spec(0, 0, 0, 1), spec(3, 5, 2, 7), spec(40, 25, 8, 42)] {
            let doc = generate(&s);
            assert_eq!(doc.plans.len(), 1);
            assert_eq!(doc.people.len(), PEOPLE);
            let plan = &doc.plans[0];
            assert_eq!(plan.sections.len(), 4);
            assert_eq!(plan.budget.rows.len(), 8);
            assert_eq!(plan.focus_areas.len(), s.areas);
            for area in &plan.focus_areas {
                assert_eq!(area.goals.len(), s.goals_per_area);
                for goal in &area.goals {
                    assert_eq!(goal.follow_ups.len(), s.follow_ups_per_goal);
                    assert_eq!(goal.indicators.len(), 2);
                    assert_eq!(goal.milestones.len(), 2);
                    for f in &goal.follow_ups {
                        assert_eq!(f.measurements.len(), 2);
                    }
                }
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_plan() {
        let a = generate(&spec(4, 3, 2, 99));
        assert_eq!(a, generate(&spec(4, 3, 2, 99)));
        assert_ne!(a, generate(&spec(4, 3, 2, 100)));
    }

    #[test]
    fn ids_are_document_local() {
        let doc = generate(&spec(6, 4, 3, 5));
        for (i, p) in doc.people.iter().enumerate() {
            assert_eq!(p.id, PersonId(i as i64));
        }
        let plan = &doc.plans[0];
        assert_eq!(plan.id, PlanId(0));
        let goal_ids: Vec<i64> = plan.goals().map(|(_, g)| g.id.0).collect();
        assert_eq!(goal_ids, (1..=24).collect::<Vec<_>>());
        let fu_ids: HashSet<FollowUpId> = plan
            .goals()
            .flat_map(|(_, g)| g.follow_ups.iter().map(|f| f.id))
            .collect();
        assert_eq!(fu_ids.len(), 6 * 4 * 3);
        let indicator_ids: Vec<i64> = plan
            .goals()
            .flat_map(|(_, g)| g.indicators.iter().map(|i| i.id.0))
            .collect();
        assert_eq!(indicator_ids, (1..=48).collect::<Vec<_>>());
        let milestone_ids: Vec<i64> = plan
            .goals()
            .flat_map(|(_, g)| g.milestones.iter().map(|m| m.id.0))
            .collect();
        assert_eq!(milestone_ids, (1..=48).collect::<Vec<_>>());
    }

    #[test]
    fn every_indicator_is_complete_and_measured_in_every_follow_up() {
        let doc = generate(&spec(10, 10, 4, 13));
        for (_, goal) in doc.plans[0].goals() {
            let [a, b] = &goal.indicators[..] else {
                panic!("two indicators")
            };
            assert_ne!(a.name, b.name);
            for indicator in &goal.indicators {
                assert!(!indicator.name.trim().is_empty() && !indicator.unit.trim().is_empty());
                let baseline = indicator.baseline.as_ref().expect("baseline");
                let target = indicator.target.as_ref().expect("target");
                assert!(baseline.date.is_none_or(is_valid) && target.date.is_some_and(is_valid));
                let (from, to) = (baseline.value.to_f64(), target.value.to_f64());
                match indicator.direction.expect("direction") {
                    Direction::Increase => assert!(to > from, "{}", indicator.name),
                    Direction::Decrease => assert!(to < from, "{}", indicator.name),
                    Direction::Keep => assert_eq!(to, from),
                }
                let readings = goal.readings(indicator.id);
                assert_eq!(readings.len(), goal.follow_ups.len());
                for r in &readings {
                    assert!(r.value.to_f64() >= 0.0);
                    if indicator.unit == "%" {
                        assert!(r.value.to_f64() <= 100.0);
                    }
                }
            }
            for f in &goal.follow_ups {
                let named: Vec<_> = f.measurements.iter().map(|m| m.indicator).collect();
                assert_eq!(named, [a.id, b.id]);
            }
        }
    }

    #[test]
    fn some_indicators_are_behind_and_some_on_course() {
        let doc = generate(&spec(10, 10, 4, 17));
        let end = Date::Month {
            year: START_YEAR + 1,
            month: 12,
        };
        let behind: Vec<bool> = doc.plans[0]
            .goals()
            .flat_map(|(_, g)| {
                g.indicators
                    .iter()
                    .map(|i| i.is_behind(&g.readings(i.id), end))
            })
            .collect();
        let count = behind.iter().filter(|b| **b).count();
        assert!(
            count > 10 && count < behind.len() - 10,
            "{count} of {}",
            behind.len()
        );
    }

    #[test]
    fn milestones_are_dated_in_the_plan_period_and_some_are_done() {
        let doc = generate(&spec(10, 10, 1, 19));
        let plan = &doc.plans[0];
        let mut done = 0;
        let mut open = 0;
        for (_, goal) in plan.goals() {
            assert_ne!(goal.milestones[0].text, goal.milestones[1].text);
            for m in &goal.milestones {
                assert!(!m.text.trim().is_empty());
                assert!(
                    m.date.is_none_or(|d| is_valid(d)
                        && (plan.period.start..=plan.period.end).contains(&d.year()))
                );
                if m.done {
                    done += 1;
                } else {
                    open += 1;
                }
            }
            if goal.status == Some(Status::Done) {
                assert!(goal.milestones.iter().all(|m| m.done));
            }
        }
        assert!(done > 10 && open > 10, "{done} done, {open} open");
    }

    #[test]
    fn dates_come_in_every_period_form() {
        let doc = generate(&spec(10, 10, 4, 23));
        let plan = &doc.plans[0];
        let form = |d: Date| match d {
            Date::Day { .. } => 0,
            Date::Month { .. } => 1,
            Date::Quarter { .. } => 2,
            Date::Half { .. } => 3,
            Date::Year { .. } => 4,
        };
        let forms_of = |dates: Vec<Date>| dates.into_iter().map(form).collect::<HashSet<_>>();
        let deadlines = forms_of(plan.goals().filter_map(|(_, g)| g.deadline).collect());
        assert_eq!(deadlines.len(), 5, "{deadlines:?}");
        let follow_ups = forms_of(
            plan.goals()
                .flat_map(|(_, g)| g.follow_ups.iter().map(|f| f.date))
                .collect(),
        );
        assert_eq!(follow_ups.len(), 4, "{follow_ups:?}");
        let figures = forms_of(
            plan.goals()
                .flat_map(|(_, g)| g.indicators.iter())
                .flat_map(|i| [&i.baseline, &i.target])
                .filter_map(|f| f.as_ref().and_then(|f| f.date))
                .collect(),
        );
        assert_eq!(figures.len(), 5, "{figures:?}");
    }

    #[test]
    fn a_few_goals_are_related_and_focus_areas_have_owners() {
        let doc = generate(&spec(10, 10, 1, 29));
        let plan = &doc.plans[0];
        let mut related = 0;
        for (_, goal) in plan.goals() {
            for r in &goal.related {
                assert!(r.0 >= 1 && r.0 < goal.id.0, "an earlier goal, never itself");
                related += 1;
            }
            assert!(goal.related.len() <= 1);
        }
        assert!(related > 5 && related < 50, "{related}");
        for area in &plan.focus_areas {
            assert!((1..=2).contains(&area.owners.len()));
            let distinct: HashSet<_> = area.owners.iter().collect();
            assert_eq!(distinct.len(), area.owners.len());
            assert!(
                area.owners
                    .iter()
                    .all(|o| (0..PEOPLE as i64).contains(&o.0))
            );
        }
        assert_eq!(plan.labels, Default::default());
        assert_eq!(plan.numbering, Default::default());
        assert_eq!(plan.print, Default::default());
    }

    #[test]
    fn every_goal_has_valid_distinct_owners() {
        let doc = generate(&spec(10, 10, 1, 3));
        for (_, goal) in doc.plans[0].goals() {
            assert!((1..=3).contains(&goal.owners.len()));
            let distinct: HashSet<_> = goal.owners.iter().collect();
            assert_eq!(distinct.len(), goal.owners.len());
            for o in &goal.owners {
                assert!(usize::try_from(o.0).is_ok_and(|i| i < doc.people.len()));
            }
        }
    }

    #[test]
    fn follow_ups_are_in_date_order_and_dates_are_valid() {
        let doc = generate(&spec(8, 8, 8, 11));
        let plan = &doc.plans[0];
        for (_, goal) in plan.goals() {
            assert!(goal.follow_ups.windows(2).all(|w| w[0].date <= w[1].date));
            assert!(goal.follow_ups.iter().all(|f| is_valid(f.date)));
            assert!(goal.deadline.is_some_and(is_valid));
            if goal.status.is_none() {
                assert!(goal.follow_ups.iter().all(|f| f.status.is_none()));
            }
        }
        assert!(plan.period.start <= plan.period.end);
    }

    #[test]
    fn required_texts_are_not_blank() {
        let blank = |s: &str| s.trim().is_empty();
        let doc = generate(&spec(20, 5, 3, 8));
        for p in &doc.people {
            assert!(!blank(&p.name) && !blank(&p.title) && p.email.contains('@'));
        }
        let names: HashSet<&str> = doc.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), doc.people.len());
        let plan = &doc.plans[0];
        assert!(!blank(&plan.title) && !blank(&plan.organisation));
        assert!(!blank(&plan.focus_areas_intro) && !blank(&plan.journal_number));
        for s in &plan.sections {
            assert!(!blank(&s.title) && !blank(&s.body));
        }
        for r in &plan.budget.rows {
            assert!(!blank(&r.area) && r.expenses > 0 && r.income <= 0);
        }
        assert!(plan.budget.totals().is_some());
        let titles: HashSet<&str> = plan.focus_areas.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles.len(), plan.focus_areas.len());
        for area in &plan.focus_areas {
            assert!(!blank(&area.title) && !blank(&area.description));
            assert!(!area.title.starts_with(|c: char| c.is_ascii_digit()));
            for goal in &area.goals {
                assert!(!blank(&goal.text) && !blank(&goal.details));
                assert!(!blank(&goal.documentation));
                for f in &goal.follow_ups {
                    assert!(!blank(&f.text));
                }
            }
        }
    }

    #[test]
    fn texts_look_like_plan_prose() {
        let doc = generate(&spec(5, 5, 4, 21));
        let plan = &doc.plans[0];
        let all: String = plan
            .goals()
            .map(|(_, g)| format!("{}\n{}\n{}", g.text, g.details, g.documentation))
            .collect();
        assert!(all.contains("\n- "), "some bullets");
        assert!(all.contains("\n\n"), "some paragraphs");
        assert!(all.chars().any(|c| "æøå".contains(c)));
        let statuses: HashSet<Option<Status>> = plan.goals().map(|(_, g)| g.status).collect();
        assert!(statuses.contains(&None) && statuses.len() >= 4);
        let days = plan
            .goals()
            .filter(|(_, g)| matches!(g.deadline, Some(Date::Day { .. })))
            .count();
        assert!(days > 0 && days < 25);
    }
}
