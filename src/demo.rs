//! A synthetic but realistic virksomhedsplan, for benchmarks, trials and screenshots.
//!
//! Owns only the generator: Danish names, municipal planning phrases and a tiny deterministic
//! PRNG (splitmix64), so that the same [`DemoSpec`] always gives the same [`PlanBundle`]. No I/O;
//! writing the plan to a file is the caller's business.

use crate::model::{
    Budget, BudgetRow, BudgetRowId, Contact, Date, FocusArea, FocusAreaId, FollowUp, FollowUpId,
    Goal, GoalId, Period, Person, PersonId, Plan, PlanBundle, PlanId, PlanState, Section,
    SectionId, Status,
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

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and good enough for demo text.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST_NAMES: [&str; 40] = [
    "Anne", "Mette", "Lars", "Søren", "Jens", "Hanne", "Birgitte", "Bjørn", "Åse", "Jørgen",
    "Karen", "Niels", "Pia", "Henrik", "Lone", "Morten", "Sanne", "Rasmus", "Tove", "Ole",
    "Dorthe", "Mads", "Lærke", "Thomas", "Signe", "Kasper", "Gitte", "Poul", "Ida", "Frederik",
    "Susanne", "Anders", "Malene", "Bent", "Camilla", "Torben", "Helle", "Mikkel", "Inge", "Søs",
];

const LAST_NAMES: [&str; 24] = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Mølgaard",
    "Kjær",
    "Østergaard",
    "Holm",
    "Lund",
    "Bæk",
    "Dahl",
    "Skovgaard",
    "Frederiksen",
    "Madsen",
    "Thygesen",
    "Brøndum",
    "Vestergaard",
    "Aagaard",
];

const JOB_TITLES: [&str; 12] = [
    "Afdelingsleder",
    "Konsulent",
    "Sundhedschef",
    "Chefkonsulent",
    "Fagkoordinator",
    "Teamleder",
    "Økonomikonsulent",
    "Udviklingskonsulent",
    "Specialkonsulent",
    "HR-konsulent",
    "Socialchef",
    "Sagsbehandler",
];

const UNITS: [&str; 8] = [
    "Sundhedsafdelingen",
    "Socialafdelingen",
    "Ældreafdelingen",
    "Jobcentret",
    "Økonomi og Styring",
    "Handicap og Psykiatri",
    "Forvaltningens stab",
    "Tandplejen",
];

const AREA_TITLES: [&str; 16] = [
    "Sundhed og forebyggelse",
    "Mestring af livet",
    "Aktivt medborgerskab",
    "Den kompetente kommune",
    "Velfærdsteknologi og digitalisering",
    "Rehabilitering og hverdagsliv",
    "Beskæftigelse og uddannelse",
    "Ledelse og trivsel",
    "Økonomistyring",
    "Sammenhængende borgerforløb",
    "Psykisk sundhed",
    "Miljø og klima",
    "Frivillighed og civilsamfund",
    "Kvalitet i ældreplejen",
    "Tidlig indsats for udsatte familier",
    "Rekruttering og fastholdelse",
];

const AREA_ASPECTS: [&str; 6] = [
    "samarbejde på tværs",
    "data og dokumentation",
    "borgerinddragelse",
    "kompetenceudvikling",
    "implementering",
    "opfølgning og evaluering",
];

const SUBJECTS: [&str; 12] = [
    "forvaltningen",
    "afdelingerne",
    "Sundhedsafdelingen",
    "ledelsen",
    "medarbejderne",
    "de tværfaglige teams",
    "kommunen",
    "projektgruppen",
    "styregruppen",
    "Jobcentret",
    "hjemmeplejen",
    "Ældreafdelingen",
];

const VERBS: [&str; 12] = [
    "arbejder målrettet med",
    "styrker",
    "udvikler",
    "følger løbende op på",
    "prioriterer",
    "har særligt fokus på",
    "understøtter",
    "evaluerer",
    "afprøver nye måder at organisere",
    "forankrer",
    "samarbejder med civilsamfundet om",
    "kortlægger",
];

const OBJECTS: [&str; 20] = [
    "den forebyggende og sundhedsfremmende indsats",
    "borgernes mestring af eget liv",
    "kvaliteten i hjemmeplejen",
    "sammenhængende borgerforløb",
    "den tidlige opsporing af sårbare ældre",
    "digital selvbetjening",
    "velfærdsteknologiske løsninger",
    "rehabiliteringsforløbene",
    "samarbejdet med almen praksis",
    "økonomistyringen på tværs af afdelingerne",
    "medarbejdernes trivsel og faglige udvikling",
    "overgangen fra hospital til eget hjem",
    "indsatsen for borgere med psykiske lidelser",
    "ledige borgeres vej til arbejdsmarkedet",
    "kvalitetsstandarderne for praktisk hjælp",
    "frivillighedsindsatsen",
    "dokumentationen i omsorgsjournalen",
    "tilsynet med plejecentrene",
    "indsatsen mod ensomhed blandt ældre",
    "sagsbehandlingstiderne på handicapområdet",
];

const ENDINGS: [&str; 14] = [
    "",
    "",
    "",
    "i tæt dialog med borgerne",
    "på tværs af forvaltningens afdelinger",
    "inden for den givne økonomiske ramme",
    "med afsæt i kommunens sundhedspolitik",
    "i samarbejde med regionen og almen praksis",
    "med særligt fokus på ulighed i sundhed",
    ", så ressourcerne anvendes, hvor de gør størst mulig gavn",
    "gennem samskabelse med lokale foreninger",
    "i overensstemmelse med de politisk vedtagne kvalitetsstandarder",
    "og resultaterne formidles til det politiske udvalg",
    "som en del af kommunens strategi for velfærd",
];

const OPENERS: [&str; 8] = [
    "Derfor",
    "Samtidig",
    "I planperioden",
    "Fremover",
    "På den baggrund",
    "I 2027",
    "Som opfølgning på den forrige plan",
    "Med budgetaftalen",
];

const STOCK_SENTENCES: [&str; 10] = [
    "Indsatsen evalueres ved udgangen af planperioden.",
    "Erfaringerne samles op og formidles til de relevante fagudvalg.",
    "Der er tale om en videreførelse af en indsats fra den forrige virksomhedsplan.",
    "Målet er, at flere borgere kan klare sig selv længst muligt.",
    "Indsatsen skal ses i sammenhæng med de nationale reformer på området.",
    "Det forudsætter, at medarbejderne har de nødvendige kompetencer.",
    "Arbejdet sker i et tæt samarbejde med Ældrerådet og Handicaprådet.",
    "Prioriteringen skal sikre balance mellem opgaver og ressourcer.",
    "Borgernes egne ressourcer og netværk inddrages i videst muligt omfang.",
    "Udgifterne afholdes inden for forvaltningens eksisterende budget.",
];

const GOAL_VERBS: [&str; 10] = [
    "Styrke",
    "Udvikle",
    "Implementere en ny model for",
    "Understøtte",
    "Sikre",
    "Udbrede",
    "Afprøve nye former for",
    "Forankre",
    "Evaluere",
    "Nytænke",
];

const DOC_ITEMS: [&str; 10] = [
    "Der er udarbejdet en skriftlig evaluering af indsatsen.",
    "Der er gennemført temadage for ledere og medarbejdere.",
    "Der foreligger en handleplan, som er godkendt i direktionen.",
    "Resultaterne er fremlagt for Sundheds- og Socialudvalget.",
    "Der er gennemført en brugertilfredshedsundersøgelse.",
    "Der er udarbejdet nøgletal, som følges kvartalsvis.",
    "Indsatsen er beskrevet i kvalitetsstandarden.",
    "Der er etableret et fast samarbejdsforum med almen praksis.",
    "Erfaringerne er samlet i en kort rapport.",
    "Der er gennemført en økonomisk analyse af besparelsespotentialet.",
];

const FOLLOW_UP_SENTENCES: [&str; 12] = [
    "Arbejdet er igangsat og forløber planmæssigt.",
    "Der er nedsat en arbejdsgruppe med deltagelse fra alle afdelinger.",
    "Indsatsen er forsinket på grund af manglende ressourcer i afdelingen.",
    "Projektbeskrivelsen er godkendt, og de første borgere er visiteret.",
    "Der er afholdt et opstartsmøde med de eksterne samarbejdspartnere.",
    "Den første delevaluering viser positive resultater.",
    "Implementeringen er udskudt til efter budgetforhandlingerne.",
    "Målgruppen er kortlagt, og der arbejdes nu på konkrete tiltag.",
    "Indsatsen er afsluttet og overgår til drift.",
    "Der mangler fortsat data for at kunne vurdere effekten.",
    "Medarbejderne har taget godt imod de nye arbejdsgange.",
    "Sagen er drøftet i udvalget, som har bedt om en status efter sommerferien.",
];

const BUDGET_AREAS: [&str; 8] = [
    "Ældrepleje",
    "Sundhed og forebyggelse",
    "Handicap og psykiatri",
    "Beskæftigelse",
    "Forsørgelsesydelser",
    "Sociale tilbud",
    "Tandpleje",
    "Administration",
];

const SECTION_TITLES: [&str; 4] = [
    "Indledning",
    "Hvem er vi?",
    "Hvorfor er vi her?",
    "Rammerne for forvaltningens arbejde",
];

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

        let n_owners = self.rng.range(1, 3);
        let mut owners: Vec<PersonId> = Vec::with_capacity(n_owners);
        while owners.len() < n_owners {
            let p = PersonId(self.rng.below(PEOPLE) as i64);
            if !owners.contains(&p) {
                owners.push(p);
            }
        }

        let status = self.status();
        let mut follow_ups: Vec<FollowUp> = (0..spec.follow_ups_per_goal)
            .map(|_| {
                let date = self.date(START_YEAR, START_YEAR + 1);
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

        let id = GoalId(self.next_goal);
        self.next_goal += 1;
        Goal {
            indicators: Vec::new(),
            milestones: Vec::new(),
            related: Vec::new(),
            id,
            text,
            details,
            documentation,
            owners,
            deadline: Some(self.date(START_YEAR, START_YEAR + 1)),
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
            owners: Vec::new(),
            id: FocusAreaId(index as i64 + 1),
            title,
            description: self.text(1, 3),
            goals: (0..spec.goals_per_area).map(|_| self.goal(spec)).collect(),
            extra: None,
        }
    }
}

/// Generates one demo plan with its people, as a [`PlanBundle`] with document-local ids:
/// `PersonId(index)`, `PlanId(0)`, goal and follow-up ids counting from 1.
///
/// The plan "Virksomhedsplan 2027/2028" of a made-up Sundheds- og Omsorgsforvaltningen in
/// "Demo Kommune" is a draft with 30 people, 4 intro sections, a budget of 8 rows and
/// `spec.areas` focus areas of `spec.goals_per_area` goals with `spec.follow_ups_per_goal`
/// follow-ups each. The same spec always gives the same document.
pub fn generate(spec: &DemoSpec) -> PlanBundle {
    let mut g = Gen {
        rng: Rng(spec.seed),
        next_goal: 1,
        next_follow_up: 1,
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

    #[test]
    fn the_prng_is_splitmix64() {
        // Reference values of splitmix64 seeded with 1234567.
        let mut r = Rng(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }
}
