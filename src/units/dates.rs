//! Dates as officers write them: every period of plan-format.md's DATE (version 2) printed in
//! Danish ("3. kvartal 2013") and read back from what is typed ("i 2013", "andet halvår 2013").

use crate::model::{Date, Moment};

/// The Danish month names, lower case as in running text ("1. juni 2012").
const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Danish name of month `m` (1 = "januar" … 12 = "december"), lower case; "" outside 1–12.
pub fn month_name(m: u8) -> &'static str {
    match m {
        1..=12 => MONTHS[usize::from(m - 1)],
        _ => "",
    }
}

/// A date in running text, every form of plan-format.md's DATE: "1. juni 2012", "maj 2010",
/// "3. kvartal 2013", "2. halvår 2013", "2013".
pub fn format_date(d: Date) -> String {
    match d {
        Date::Month { year, month } => format!("{} {year}", month_name(month)),
        Date::Day { year, month, day } => format!("{day}. {} {year}", month_name(month)),
        Date::Quarter { year, quarter } => format!("{quarter}. kvartal {year}"),
        Date::Half { year, half } => format!("{half}. halvår {year}"),
        Date::Year { year } => year.to_string(),
    }
}

/// A date at the start of a line or a sentence: "Maj 2010", "1. juni 2012" (a day starts with
/// its number, so only a month changes).
pub fn format_date_capitalised(d: Date) -> String {
    let text = format_date(d);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The hint under a date field, saying which period a typed text became: "forstået som 2.
/// halvår 2013", "forstået som januar 2013" (for "primo 2013"). A year says "hele året", so
/// that "inden udgangen af 2013" is seen to mean the year, not a day in it.
pub fn understood_as(d: Date) -> String {
    match d {
        Date::Year { year } => format!("forstået som hele året {year}"),
        d => format!("forstået som {}", format_date(d)),
    }
}

/// A moment in running text, as a version's time is shown: "12. marts 2013 kl. 14.05".
pub fn format_moment(m: Moment) -> String {
    format!(
        "{} kl. {:02}.{:02}",
        format_date(m.date()),
        m.hour,
        m.minute
    )
}

/// The forms a date field takes, for the messages that list them.
const FORMS: &str = "2013, 2. halvår 2013, 3. kvartal 2013, juni 2013, ultimo 2013, 30.6.2013 \
                     eller 30. juni 2013";

/// Why a typed date could not be read. The `Display` is the Danish sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateInputError {
    /// Nothing but spaces.
    #[error("Skriv en dato eller en periode, fx {FORMS}")]
    Empty,
    /// Not one of the accepted forms.
    #[error("Datoen kan ikke læses; skriv fx {FORMS}")]
    Form,
    /// A month number outside 1–12.
    #[error("Der er ingen måned {0}; måneder tælles fra 1 til 12")]
    NoSuchMonth(u32),
    /// A day the month does not have ("30.2.2013").
    #[error("Der er kun {days} dage i {month} {year}")]
    NoSuchDay {
        /// The month's name ("februar").
        month: &'static str,
        /// The year.
        year: i32,
        /// How many days the month has.
        days: u8,
    },
    /// A quarter outside 1–4 ("5. kvartal 2013").
    #[error("Der er intet {0}. kvartal; et år har fire kvartaler, fx 3. kvartal 2013")]
    NoSuchQuarter(u32),
    /// A half year outside 1–2 ("3. halvår 2013").
    #[error("Der er intet {0}. halvår; et år har to halvår, fx 2. halvår 2013")]
    NoSuchHalf(u32),
    /// A year outside 1000–9999.
    #[error("Året skal skrives med fire cifre, fx 2013")]
    Year,
    /// A month, quarter or half year without its year ("juni", "2. halvår").
    #[error("Der mangler et årstal; skriv fx «{0} 2013»")]
    NoYear(String),
    /// A time the plan's periods cannot hold exactly ("efteråret 2016", "inden sommeren
    /// 2012", "inden 2013"), with the nearest forms that can.
    #[error("«{typed}» kan ikke placeres præcist i tiden; skriv fx {nearest}")]
    Vague {
        /// What was typed, on one line.
        typed: String,
        /// The nearest forms, quoted: "«2. halvår 2016» eller «september 2016»".
        nearest: String,
    },
    /// Two years ("2013-2014", "2013/14"): a date is one period.
    #[error("«{typed}» er flere år; skriv én periode, fx «{last}» eller «2. halvår {last}»")]
    Range {
        /// What was typed, on one line.
        typed: String,
        /// The last year of the span.
        last: i32,
    },
}

/// One piece of a typed date: a run of digits, a run of letters or a punctuation sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Num(&'a str),
    Word(&'a str),
    Sep(char),
}

/// Splits into digit runs, letter runs and single signs; whitespace only separates.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let run_end = |pred: fn(char) -> bool| rest.find(|c: char| !pred(c)).unwrap_or(rest.len());
        let len = if c.is_ascii_digit() {
            let n = run_end(|c| c.is_ascii_digit());
            out.push(Token::Num(&rest[..n]));
            n
        } else if c.is_alphabetic() {
            let n = run_end(char::is_alphabetic);
            out.push(Token::Word(&rest[..n]));
            n
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sep(c));
            }
            c.len_utf8()
        };
        rest = &rest[len..];
    }
    out
}

/// The month of a (lower-case) Danish month name or its usual abbreviation ("jun", "sept").
fn month_of_word(w: &str) -> Option<u8> {
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return u8::try_from(i + 1).ok();
    }
    if w == "sept" {
        return Some(9);
    }
    if w.chars().count() == 3 {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(w))
            .and_then(|i| u8::try_from(i + 1).ok());
    }
    None
}

/// The month primo, medio and ultimo stand for (plan-format.md, DATE), or a month's name.
fn month_word(w: &str) -> Option<u8> {
    match w {
        "primo" => Some(1),
        "medio" => Some(6),
        "ultimo" => Some(12),
        w => month_of_word(w),
    }
}

/// A year of exactly four digits.
fn year_of(t: &str) -> Result<i32, DateInputError> {
    if t.len() != 4 {
        return Err(DateInputError::Form);
    }
    let y: i32 = t.parse().map_err(|_| DateInputError::Form)?;
    if y < 1000 {
        return Err(DateInputError::Year);
    }
    Ok(y)
}

/// A day or month number of one or two digits.
fn small_of(t: &str) -> Result<u32, DateInputError> {
    if t.is_empty() || t.len() > 2 {
        return Err(DateInputError::Form);
    }
    t.parse().map_err(|_| DateInputError::Form)
}

/// Days in a month of a year, through the model's own calendar.
fn days_in_month(year: i32, month: u8) -> u8 {
    Date::Month { year, month }.last_day().2
}

fn checked_month(year: i32, month: u32) -> Result<Date, DateInputError> {
    let m = u8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or(DateInputError::NoSuchMonth(month))?;
    Date::month(year, m).map_err(|_| DateInputError::Year)
}

fn checked_day(year: i32, month: u32, day: u32) -> Result<Date, DateInputError> {
    let Date::Month { month: m, .. } = checked_month(year, month)? else {
        return Err(DateInputError::Form);
    };
    u8::try_from(day)
        .ok()
        .and_then(|d| Date::day(year, m, d).ok())
        .ok_or(DateInputError::NoSuchDay {
            month: month_name(m),
            year,
            days: days_in_month(year, m),
        })
}

/// A part of a year: a quarter or a half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Quarter,
    Half,
}

impl Part {
    /// The part a word names: "kvartal", "kvt." ("kvt"), "halvår", "halvdel" and their forms.
    fn of_word(w: &str) -> Option<Part> {
        match w {
            "kvartal" | "kvartaler" | "kvartalet" | "kvt" | "kv" => Some(Part::Quarter),
            "halvår" | "halvåret" | "halvdel" | "halvdelen" => Some(Part::Half),
            _ => None,
        }
    }

    /// The part a letter names: "Q3", "H2".
    fn of_letter(w: &str) -> Option<Part> {
        match w {
            "q" => Some(Part::Quarter),
            "h" => Some(Part::Half),
            _ => None,
        }
    }

    /// The number an ordinal word gives this part: "første" 1, "andet" 2, "sidste" the last.
    fn ordinal(self, w: &str) -> Option<u32> {
        match (w, self) {
            ("første", _) => Some(1),
            ("anden" | "andet", _) => Some(2),
            ("tredje", Part::Quarter) => Some(3),
            ("fjerde" | "sidste", Part::Quarter) => Some(4),
            ("sidste", Part::Half) => Some(2),
            _ => None,
        }
    }

    fn date(self, year: i32, n: u32) -> Result<Date, DateInputError> {
        let small = u8::try_from(n).unwrap_or(u8::MAX);
        match self {
            Part::Quarter => Date::quarter(year, small).map_err(|_| {
                if (1..=4).contains(&n) {
                    DateInputError::Year
                } else {
                    DateInputError::NoSuchQuarter(n)
                }
            }),
            Part::Half => Date::half(year, small).map_err(|_| {
                if (1..=2).contains(&n) {
                    DateInputError::Year
                } else {
                    DateInputError::NoSuchHalf(n)
                }
            }),
        }
    }
}

/// A whole number of at most a few digits ("3" in "3. kvartal").
fn ordinal_number(t: &str) -> Result<u32, DateInputError> {
    if t.is_empty() || t.len() > 3 {
        return Err(DateInputError::Form);
    }
    t.parse().map_err(|_| DateInputError::Form)
}

fn is_numeric_sep(t: Token<'_>) -> bool {
    matches!(t, Token::Sep('.' | '/' | '-'))
}

/// A date of digits and signs only: "2013", "30.6.2013", "2013-06", "6/2013"; "2013-2014" and
/// "2013/14" are refused as spans.
fn numeric(toks: &[Token<'_>], typed: &str) -> Result<Date, DateInputError> {
    use Token::{Num, Sep};
    match toks {
        [Num(y)] => Date::whole_year(year_of(y)?).map_err(|_| DateInputError::Year),
        [Num(a), s1, Num(b), s2, Num(c)] if is_numeric_sep(*s1) && is_numeric_sep(*s2) => {
            if a.len() == 4 {
                checked_day(year_of(a)?, small_of(b)?, small_of(c)?)
            } else {
                checked_day(year_of(c)?, small_of(b)?, small_of(a)?)
            }
        }
        [Num(a), Sep(sep), Num(b)] if a.len() == 4 => {
            let first = year_of(a)?;
            // "2013/14" and "2013-2014" are the periods of plans ("Virksomhedsplan
            // 2013/14"), not a month: a two-digit end only when it is a later year.
            let last = match b.len() {
                4 => b.parse::<i32>().ok(),
                2 if *sep != '-' => b.parse::<i32>().ok().map(|b| first - first % 100 + b),
                _ => None,
            };
            match last {
                Some(last) if last > first => Err(DateInputError::Range {
                    typed: typed.to_owned(),
                    last,
                }),
                _ if is_numeric_sep(Sep(*sep)) => checked_month(first, small_of(b)?),
                _ => Err(DateInputError::Form),
            }
        }
        [Num(a), s1, Num(b)] if is_numeric_sep(*s1) => checked_month(year_of(b)?, small_of(a)?),
        _ => Err(DateInputError::Form),
    }
}

/// What a phrase says about the period it names: in it, or just before or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    In,
    Before,
    After,
}

/// Words before a period that do not change it: "i 2013", "inden udgangen af 2013" (the "af"
/// is gone by now), "senest ultimo 2013". Longest first.
const SAME_PERIOD: [&[&str]; 8] = [
    &["inden", "udgangen"],
    &["ved", "udgangen"],
    &["med", "udgangen"],
    &["i", "løbet"],
    &["inden", "for"],
    &["udgangen"],
    &["senest"],
    &["i"],
];

/// Strips the leading words of a phrase and says what they mean.
fn relation<'a, 't>(mut toks: &'a [Token<'t>]) -> (Relation, &'a [Token<'t>]) {
    let words = |toks: &[Token<'_>], phrase: &[&str]| {
        toks.len() >= phrase.len()
            && toks
                .iter()
                .zip(phrase)
                .all(|(t, w)| matches!(t, Token::Word(x) if x == w))
    };
    let mut relation = Relation::In;
    loop {
        if let Some(p) = SAME_PERIOD.iter().find(|p| words(toks, p)) {
            toks = &toks[p.len()..];
            continue;
        }
        if let Some(Token::Word(w)) = toks.first() {
            let r = match *w {
                "inden" | "før" => Some(Relation::Before),
                "efter" => Some(Relation::After),
                _ => None,
            };
            if let Some(r) = r {
                relation = r;
                toks = &toks[1..];
                continue;
            }
        }
        return (relation, toks);
    }
}

/// The seasons and holidays officers write, which no period holds exactly, and the nearest
/// periods that do, for the year `y`: in it, before it, after it.
fn season(word: &str, relation: Relation, y: i32) -> Option<[Date; 2]> {
    let month = |year: i32, month: u8| Date::Month { year, month };
    let q = |year: i32, quarter: u8| Date::Quarter { year, quarter };
    let h = |year: i32, half: u8| Date::Half { year, half };
    let kind = if word.starts_with("forår") {
        0
    } else if word.starts_with("sommer") {
        1
    } else if word.starts_with("efterår") || word.starts_with("høst") {
        2
    } else if word.starts_with("vinter") {
        3
    } else if matches!(word, "jul" | "julen" | "juleferien") {
        4
    } else if word.starts_with("påske") {
        5
    } else {
        return None;
    };
    use Relation::{After, Before, In};
    Some(match (kind, relation) {
        (0, In) => [h(y, 1), month(y, 5)],
        (0, Before) => [q(y, 1), month(y, 2)],
        (0, After) => [h(y, 2), month(y, 6)],
        (1, In) => [q(y, 3), month(y, 8)],
        (1, Before) => [h(y, 1), month(y, 6)],
        (1, After) => [h(y, 2), month(y, 9)],
        (2, In) => [h(y, 2), month(y, 9)],
        (2, Before) => [q(y, 3), month(y, 8)],
        (2, After) => [q(y, 4), month(y, 12)],
        (3, In) => [q(y, 4), q(y + 1, 1)],
        (3, Before) => [h(y, 2), month(y, 11)],
        (3, After) => [h(y + 1, 1), month(y + 1, 3)],
        (4, In) => [month(y, 12), q(y, 4)],
        (4, Before) => [month(y, 11), month(y, 12)],
        (4, After) => [month(y + 1, 1), q(y + 1, 1)],
        (_, In) => [month(y, 4), h(y, 1)],
        (_, Before) => [month(y, 3), q(y, 1)],
        (_, After) => [month(y, 4), q(y, 2)],
    })
}

/// The period of the same kind just before (`step` = -1) or after (+1) `d`.
fn neighbour(d: Date, step: i32) -> Option<Date> {
    let shift = |year: i32, n: u8, count: u8| {
        let index = year * i32::from(count) + i32::from(n) - 1 + step;
        let n = u8::try_from(index.rem_euclid(i32::from(count)) + 1).ok()?;
        Some((index.div_euclid(i32::from(count)), n))
    };
    match d {
        Date::Year { year } => Date::whole_year(year + step).ok(),
        Date::Half { year, half } => shift(year, half, 2).and_then(|(y, n)| Date::half(y, n).ok()),
        Date::Quarter { year, quarter } => {
            shift(year, quarter, 4).and_then(|(y, n)| Date::quarter(y, n).ok())
        }
        Date::Month { year, month } => {
            shift(year, month, 12).and_then(|(y, n)| Date::month(y, n).ok())
        }
        Date::Day { year, month, day } => {
            let last = days_in_month(year, month);
            if step < 0 && day == 1 {
                let (y, m) = shift(year, month, 12)?;
                Date::day(y, m, days_in_month(y, m)).ok()
            } else if step > 0 && day == last {
                let (y, m) = shift(year, month, 12)?;
                Date::day(y, m, 1).ok()
            } else {
                let day = u8::try_from(i32::from(day) + step).ok()?;
                Date::day(year, month, day).ok()
            }
        }
    }
}

/// "«a» eller «b»", each printed in Danish, without the year when none was typed.
fn quoted(dates: &[Date], with_year: bool) -> String {
    let text = |d: Date| {
        let full = format_date(d);
        if with_year {
            full
        } else {
            full.trim_end_matches(|c: char| c.is_ascii_digit())
                .trim_end()
                .to_owned()
        }
    };
    let mut out = String::new();
    let mut seen: Vec<String> = Vec::new();
    for d in dates {
        let t = text(*d);
        if seen.contains(&t) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" eller ");
        }
        out.push('«');
        out.push_str(&t);
        out.push('»');
        seen.push(t);
    }
    out
}

/// A period named with words: "i 2013", "2. halvår 2013", "første halvdel af 2013", "Q3 2013",
/// "primo 2013", "1. juni 2012".
fn with_words(toks: &[Token<'_>], typed: &str) -> Result<Date, DateInputError> {
    use Token::{Num, Word};
    // Dots end abbreviations and ordinals ("3. kvt."), dashes and slashes join a letter to
    // its number ("Q3-2013"), and "af" only joins words ("første halvdel af 2013").
    let toks: Vec<Token<'_>> = toks
        .iter()
        .copied()
        .filter(|t| !matches!(t, Token::Sep('.' | ',' | '-' | '/') | Word("af")))
        .collect();
    let (relation, rest) = relation(&toks);
    let year = rest.iter().find_map(|t| match t {
        Num(n) if n.len() == 4 => n.parse::<i32>().ok(),
        _ => None,
    });
    let vague = |nearest: &[Date], with_year: bool| {
        let nearest = quoted(nearest, with_year);
        if with_year {
            DateInputError::Vague {
                typed: typed.to_owned(),
                nearest,
            }
        } else {
            DateInputError::Vague {
                typed: typed.to_owned(),
                nearest: format!("{nearest} med årstallet"),
            }
        }
    };
    for t in rest {
        if let Word(w) = t
            && let Some(nearest) = season(w, relation, year.unwrap_or(2013))
        {
            return Err(vague(&nearest, year.is_some()));
        }
    }
    let date = period(rest)?;
    match relation {
        Relation::In => Ok(date),
        Relation::Before | Relation::After => {
            let step = if relation == Relation::Before { -1 } else { 1 };
            let mut nearest: Vec<Date> = neighbour(date, step).into_iter().collect();
            // A year before or after is also its last or first month.
            if let (Some(Date::Year { year }), true) = (nearest.first().copied(), step < 0) {
                nearest.push(Date::Month { year, month: 12 });
            }
            if nearest.is_empty() {
                return Err(DateInputError::Form);
            }
            Err(vague(&nearest, true))
        }
    }
}

/// The period the words name, once the leading phrase is gone.
fn period(toks: &[Token<'_>]) -> Result<Date, DateInputError> {
    use Token::{Num, Word};
    let no_year = |toks: &[Token<'_>]| {
        let words: Vec<String> = toks
            .iter()
            .map(|t| match t {
                Num(n) => format!("{n}."),
                Word(w) => match Part::of_word(w) {
                    Some(Part::Quarter) => "kvartal".to_owned(),
                    Some(Part::Half) => "halvår".to_owned(),
                    None => (*w).to_owned(),
                },
                Token::Sep(c) => c.to_string(),
            })
            .collect();
        DateInputError::NoYear(words.join(" "))
    };
    match toks {
        [Num(y)] if y.len() == 4 => Date::whole_year(year_of(y)?).map_err(|_| DateInputError::Year),
        [Word(w), Num(y)] => {
            let month = month_word(w).ok_or(DateInputError::Form)?;
            checked_month(year_of(y)?, u32::from(month))
        }
        [Word(w)] if month_word(w).is_some() => Err(no_year(toks)),
        [Word(l), Num(n), Num(y)] | [Num(y), Word(l), Num(n)]
            if y.len() == 4 && Part::of_letter(l).is_some() =>
        {
            let part = Part::of_letter(l).ok_or(DateInputError::Form)?;
            part.date(year_of(y)?, ordinal_number(n)?)
        }
        [Num(n), Word(w), Num(y)] => match Part::of_word(w) {
            Some(part) => part.date(year_of(y)?, ordinal_number(n)?),
            None => {
                let month = month_of_word(w).ok_or(DateInputError::Form)?;
                checked_day(year_of(y)?, u32::from(month), small_of(n)?)
            }
        },
        [Num(n), Word(w)] if n.len() <= 2 && Part::of_word(w).is_some() => Err(no_year(toks)),
        [Word(o), Word(w), Num(y)] => {
            let part = Part::of_word(w).ok_or(DateInputError::Form)?;
            let n = part.ordinal(o).ok_or(DateInputError::Form)?;
            part.date(year_of(y)?, n)
        }
        [Word(o), Word(w)] if Part::of_word(w).is_some_and(|part| part.ordinal(o).is_some()) => {
            Err(no_year(toks))
        }
        _ => Err(DateInputError::Form),
    }
}

/// Reads a date as an officer types it, giving one of the five periods of plan-format.md's
/// DATE (version 2). Any case and spacing; a dot after an ordinal or an abbreviation may be
/// left out.
///
/// - a year: "2013", "i 2013", "inden udgangen af 2013", "ved udgangen af 2013";
/// - a half year: "1. halvår 2013", "første halvår 2013", "første halvdel af 2013", "2. halvår
///   2013", "andet halvår 2013", "sidste halvdel af 2013", "anden halvdel af 2013", "H2 2013";
/// - a quarter: "3. kvartal 2013", "tredje kvartal 2013", "Q3 2013", "3. kvt. 2013";
/// - a month: "primo 2013", "medio 2013", "ultimo 2012" (January, June, December, as in
///   version 1), "juni 2013", "jun. 2013", "sept. 2013", "6/2013", "06.2013";
/// - a day: "1. juni 2012", "30.6.2013", "30/6-2013", "30-06-2013";
/// - the stored forms: "2013-06-30", "2013-06", "2013-Q3", "2013-H2", "2013".
///
/// "i", "i løbet af", "inden udgangen af", "ved udgangen af" and "senest" before any of these
/// keep its meaning ("senest ultimo 2013"). What no period holds exactly is refused with the
/// nearest forms that do: a season or a holiday ("efteråret 2016" → «2. halvår 2016» eller
/// «september 2016», "inden sommeren 2012" → «1. halvår 2012» eller «juni 2012»), a time
/// before or after a period ("inden 2013" → «2012» eller «december 2012»), a span of years
/// ("2013-2014"). Years have four digits; impossible dates ("30.2.2013", "5. kvartal 2013")
/// are refused with a sentence that says why.
pub fn parse_date_input(s: &str) -> Result<Date, DateInputError> {
    let typed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if typed.is_empty() {
        return Err(DateInputError::Empty);
    }
    let lower = typed.to_lowercase();
    let toks = tokens(&lower);
    if toks.iter().any(|t| matches!(t, Token::Word(_))) {
        with_words(&toks, &typed)
    } else {
        numeric(&toks, &typed)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_moment_reads_as_a_day_and_a_time_of_day() {
        let m = Moment::new(2013, 3, 12, 14, 5).unwrap();
        assert_eq!(format_moment(m), "12. marts 2013 kl. 14.05");
        let m = Moment::new(2013, 12, 1, 9, 30).unwrap();
        assert_eq!(format_moment(m), "1. december 2013 kl. 09.30");
    }

    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::Day {
            year: y,
            month: m,
            day: d,
        }
    }

    fn month(y: i32, m: u8) -> Date {
        Date::Month { year: y, month: m }
    }

    #[test]
    fn months_have_danish_names() {
        assert_eq!(month_name(1), "januar");
        assert_eq!(month_name(3), "marts");
        assert_eq!(month_name(5), "maj");
        assert_eq!(month_name(12), "december");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
    }

    #[test]
    fn dates_are_written_as_danes_write_them() {
        assert_eq!(format_date(day(2012, 6, 1)), "1. juni 2012");
        assert_eq!(format_date(day(2013, 12, 31)), "31. december 2013");
        assert_eq!(format_date(month(2010, 5)), "maj 2010");
        assert_eq!(format_date_capitalised(month(2010, 5)), "Maj 2010");
        assert_eq!(format_date_capitalised(day(2012, 6, 1)), "1. juni 2012");
    }

    #[test]
    fn typed_dates_are_read_in_every_usual_form() {
        let ok = [
            ("2013-06", month(2013, 6)),
            ("2013-06-30", day(2013, 6, 30)),
            ("2013-6-30", day(2013, 6, 30)),
            ("primo 2013", month(2013, 1)),
            ("medio 2013", month(2013, 6)),
            ("ultimo 2012", month(2012, 12)),
            ("Ultimo 2012", month(2012, 12)),
            ("  MEDIO   2013 ", month(2013, 6)),
            ("juni 2013", month(2013, 6)),
            ("Juni 2013", month(2013, 6)),
            ("jun. 2013", month(2013, 6)),
            ("jun 2013", month(2013, 6)),
            ("maj 2010", month(2010, 5)),
            ("sept. 2013", month(2013, 9)),
            ("okt. 2013", month(2013, 10)),
            ("marts 2014", month(2014, 3)),
            ("mar 2014", month(2014, 3)),
            ("30.6.2013", day(2013, 6, 30)),
            ("30.06.2013", day(2013, 6, 30)),
            ("30/6-2013", day(2013, 6, 30)),
            ("30-06-2013", day(2013, 6, 30)),
            ("30/6/2013", day(2013, 6, 30)),
            ("30. 6. 2013", day(2013, 6, 30)),
            ("1. juni 2012", day(2012, 6, 1)),
            ("1.juni 2012", day(2012, 6, 1)),
            ("1 juni 2012", day(2012, 6, 1)),
            ("1. jun. 2012", day(2012, 6, 1)),
            ("29. februar 2012", day(2012, 2, 29)),
            ("6/2013", month(2013, 6)),
            ("06.2013", month(2013, 6)),
            ("6-2013", month(2013, 6)),
        ];
        for (text, want) in ok {
            assert_eq!(parse_date_input(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn typed_dates_that_do_not_exist_are_rejected_with_a_reason() {
        use DateInputError::*;
        let bad = [
            ("", Empty),
            ("  ", Empty),
            ("snart", Form),
            ("13", Form),
            ("20133", Form),
            ("juni", NoYear("juni".into())),
            ("primo", NoYear("primo".into())),
            ("primo 13", Form),
            ("30.6.13", Form),
            ("30.6.2013.", Form),
            ("juno 2013", Form),
            ("ju 2013", Form),
            ("primo juni 2013", Form),
            ("100.6.2013", Form),
            ("1. primo 2013", Form),
            ("13/2013", NoSuchMonth(13)),
            ("0.2013", NoSuchMonth(0)),
            ("2013-13", NoSuchMonth(13)),
            ("1.13.2013", NoSuchMonth(13)),
            (
                "30.2.2013",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "2013-02-30",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "29. februar 2013",
                NoSuchDay {
                    month: "februar",
                    year: 2013,
                    days: 28,
                },
            ),
            (
                "31/4-2013",
                NoSuchDay {
                    month: "april",
                    year: 2013,
                    days: 30,
                },
            ),
            (
                "0.6.2013",
                NoSuchDay {
                    month: "juni",
                    year: 2013,
                    days: 30,
                },
            ),
            ("juni 0999", Year),
        ];
        for (text, want) in bad {
            assert_eq!(parse_date_input(text), Err(want), "{text:?}");
        }
    }

    #[test]
    fn date_errors_speak_danish_and_name_the_forms() {
        let form = DateInputError::Form.to_string();
        for example in [
            "30.6.2013",
            "juni 2013",
            "ultimo 2013",
            "2. halvår 2013",
            "3. kvartal",
        ] {
            assert!(form.contains(example), "{form}");
        }
        let no_day = DateInputError::NoSuchDay {
            month: "februar",
            year: 2013,
            days: 28,
        };
        assert_eq!(no_day.to_string(), "Der er kun 28 dage i februar 2013");
    }

    #[test]
    fn formatted_dates_read_back() {
        for y in [1999, 2012, 2024] {
            for m in 1..=12u8 {
                let mo = month(y, m);
                assert_eq!(parse_date_input(&format_date(mo)), Ok(mo));
                assert_eq!(parse_date_input(&format_date_capitalised(mo)), Ok(mo));
                assert_eq!(parse_date_input(&mo.to_string()), Ok(mo));
                for d in 1..=days_in_month(y, m) {
                    let da = day(y, m, d);
                    assert_eq!(parse_date_input(&format_date(da)), Ok(da));
                    assert_eq!(parse_date_input(&da.to_string()), Ok(da));
                }
            }
        }
    }

    #[test]
    fn the_period_next_to_a_period_crosses_years_and_months() {
        let iso = |t: &str| Date::parse_iso(t).unwrap();
        let pairs = [
            ("2013", "2012"),
            ("2013-H1", "2012-H2"),
            ("2013-H2", "2013-H1"),
            ("2013-Q1", "2012-Q4"),
            ("2013-Q3", "2013-Q2"),
            ("2013-01", "2012-12"),
            ("2013-06", "2013-05"),
            ("2013-01-01", "2012-12-31"),
            ("2012-03-01", "2012-02-29"),
            ("2013-06-15", "2013-06-14"),
        ];
        for (date, before) in pairs {
            assert_eq!(neighbour(iso(date), -1), Some(iso(before)), "{date}");
            assert_eq!(neighbour(iso(before), 1), Some(iso(date)), "{before}");
        }
        assert_eq!(neighbour(iso("1000"), -1), None);
        assert_eq!(neighbour(iso("9999-12-31"), 1), None);
    }

    #[test]
    fn every_season_has_two_nearest_periods_in_each_relation() {
        for word in [
            "foråret",
            "sommeren",
            "sommerferien",
            "efteråret",
            "vinteren",
            "julen",
            "påsken",
        ] {
            for relation in [Relation::In, Relation::Before, Relation::After] {
                let nearest = season(word, relation, 2013).unwrap();
                assert_ne!(nearest[0], nearest[1], "{word} {relation:?}");
            }
        }
        assert_eq!(season("juli", Relation::In, 2013), None);
        assert_eq!(season("juni", Relation::Before, 2013), None);
    }
}
