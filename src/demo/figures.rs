//! The demo plan's figures and steps: two indicators per goal with unit, baseline, target and
//! direction, a measurement of each in every follow-up (some on course, some behind the line),
//! two milestones, and periods of every form for their dates.

use super::rng::Rng;
use crate::model::{
    Date, Direction, Figure, FollowUp, Indicator, IndicatorId, Measurement, Milestone, MilestoneId,
    Number,
};

/// What an indicator counts and how its figures look: the baseline lies in `low..=high`, the
/// target `change` percent from it (none for `Keep`), with `decimals` decimals.
struct Template {
    name: &'static str,
    unit: &'static str,
    low: i64,
    high: i64,
    change: i64,
    decimals: u32,
    direction: Direction,
}

const fn t(
    name: &'static str,
    unit: &'static str,
    (low, high): (i64, i64),
    change: i64,
    decimals: u32,
    direction: Direction,
) -> Template {
    Template {
        name,
        unit,
        low,
        high,
        change,
        decimals,
        direction,
    }
}

const TEMPLATES: [Template; 15] = [
    t(
        "Andel af nye borgere i hjemmeplejen, der får tilbud om rehabilitering",
        "%",
        (40, 70),
        20,
        1,
        Direction::Increase,
    ),
    t(
        "Genindlæggelser inden for 30 dage",
        "antal",
        (150, 400),
        -15,
        0,
        Direction::Decrease,
    ),
    t(
        "Gennemsnitlig sagsbehandlingstid på handicapområdet",
        "dage",
        (30, 90),
        -25,
        0,
        Direction::Decrease,
    ),
    t(
        "Borgernes tilfredshed med den praktiske hjælp",
        "%",
        (70, 88),
        8,
        1,
        Direction::Increase,
    ),
    t(
        "Sygefravær blandt medarbejderne",
        "%",
        (4, 9),
        -20,
        1,
        Direction::Decrease,
    ),
    t(
        "Forebyggende hjemmebesøg",
        "antal",
        (500, 1500),
        20,
        0,
        Direction::Increase,
    ),
    t(
        "Udgifter til hjælpemidler pr. borger",
        "kr.",
        (1500, 6000),
        -10,
        0,
        Direction::Decrease,
    ),
    t(
        "Mestringskonsulenter i hjemmeplejen",
        "mestringskonsulenter",
        (2, 6),
        50,
        0,
        Direction::Increase,
    ),
    t(
        "Andel ansøgninger modtaget digitalt",
        "%",
        (35, 70),
        30,
        0,
        Direction::Increase,
    ),
    t(
        "Ventetid på genoptræning",
        "dage",
        (14, 45),
        -30,
        0,
        Direction::Decrease,
    ),
    t(
        "Frivillige i besøgstjenesten",
        "antal",
        (40, 160),
        25,
        0,
        Direction::Increase,
    ),
    t(
        "Andel medarbejdere med en plan for kompetenceudvikling",
        "%",
        (50, 80),
        25,
        0,
        Direction::Increase,
    ),
    t(
        "Andel borgere i job eller uddannelse efter et år",
        "%",
        (20, 45),
        20,
        1,
        Direction::Increase,
    ),
    t(
        "Trivsel i medarbejderundersøgelsen (skala 1–5)",
        "point",
        (3, 4),
        0,
        2,
        Direction::Keep,
    ),
    t(
        "Klager over afgørelser",
        "klager",
        (10, 60),
        -30,
        0,
        Direction::Decrease,
    ),
];

const MILESTONE_TEXTS: [&str; 12] = [
    "Projektbeskrivelsen er godkendt i direktionen",
    "Der er nedsat en arbejdsgruppe med deltagelse fra alle afdelinger",
    "Alle fire afdelinger har en mestringskonsulent",
    "Evalueringen er fremlagt i chefgruppen",
    "Medarbejderne har gennemført kompetenceudviklingen",
    "Den nye arbejdsgang er beskrevet i kvalitetsstandarden",
    "Pilotprojektet er afprøvet i ét distrikt",
    "Indsatsen er udbredt til hele kommunen",
    "Der er indgået en samarbejdsaftale med almen praksis",
    "Nøgletallene indgår i den kvartalsvise ledelsesinformation",
    "Resultaterne er forelagt Sundheds- og Socialudvalget",
    "Ældrerådet er inddraget i udformningen",
];

/// `scaled` / 10^`decimals` as an exact figure ("625", 1 → 62,5).
fn number(scaled: i64, decimals: u32) -> Number {
    let sign = if scaled < 0 { "-" } else { "" };
    let digits = format!(
        "{:0>width$}",
        scaled.unsigned_abs(),
        width = decimals as usize + 1
    );
    let (whole, fraction) = digits.split_at(digits.len() - decimals as usize);
    let text = if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    };
    // Our own digits, at most 15 of them: the parse cannot fail.
    Number::parse(&text).unwrap_or_default()
}

/// A quarter or a half year of `year`.
pub(super) fn part_of_year(rng: &mut Rng, year: i32) -> Date {
    if rng.chance(60) {
        Date::Quarter {
            year,
            quarter: rng.range(1, 4) as u8,
        }
    } else {
        Date::Half {
            year,
            half: rng.range(1, 2) as u8,
        }
    }
}

/// When a baseline was counted, in the year before the plan: often a year or a half year, as
/// the statistics give them; sometimes not said.
fn baseline_date(rng: &mut Rng, year: i32) -> Option<Date> {
    match rng.below(20) {
        0..=7 => Some(Date::Year { year }),
        8..=11 => Some(Date::Half { year, half: 2 }),
        12..=14 => Some(Date::Quarter { year, quarter: 4 }),
        15..=16 => Some(Date::Month { year, month: 12 }),
        _ => None,
    }
}

/// When a target is to be reached, by the end of the plan's last year, in every form.
fn target_date(rng: &mut Rng, year: i32) -> Date {
    match rng.below(20) {
        0..=7 => Date::Year { year },
        8..=12 => Date::Half { year, half: 2 },
        13..=15 => Date::Quarter { year, quarter: 4 },
        16..=17 => Date::Month { year, month: 12 },
        _ => Date::Day {
            year,
            month: 12,
            day: 31,
        },
    }
}

/// A goal's figures as the generator keeps them: the indicator and the pace (in percent of the
/// straight line) at which its measurements go, so that some are behind.
pub(super) struct Drawn {
    /// The indicator.
    pub(super) indicator: Indicator,
    baseline: i64,
    target: i64,
    cap: i64,
    decimals: u32,
    pace: i64,
}

/// Two indicators of different templates with ids from `next_id`, for a plan that runs from
/// `first_year` to `first_year + 1`.
pub(super) fn indicators(rng: &mut Rng, next_id: &mut i64, first_year: i32) -> Vec<Drawn> {
    let first = rng.below(TEMPLATES.len());
    let second = (first + 1 + rng.below(TEMPLATES.len() - 1)) % TEMPLATES.len();
    [first, second]
        .into_iter()
        .map(|i| {
            let t = &TEMPLATES[i];
            let scale = 10i64.pow(t.decimals);
            let baseline = rng.range(
                usize::try_from(t.low * scale).unwrap_or(0),
                usize::try_from(t.high * scale).unwrap_or(0),
            ) as i64;
            let cap = if t.unit == "%" {
                100 * scale
            } else {
                i64::MAX / 4
            };
            let target = match t.direction {
                Direction::Keep => baseline,
                Direction::Increase => {
                    (baseline + (baseline * t.change / 100).max(1)).min(cap.max(baseline + 1))
                }
                Direction::Decrease => (baseline + (baseline * t.change / 100).min(-1)).max(0),
            };
            let id = IndicatorId(*next_id);
            *next_id += 1;
            Drawn {
                indicator: Indicator {
                    id,
                    name: t.name.to_owned(),
                    unit: t.unit.to_owned(),
                    baseline: Some(Figure {
                        value: number(baseline, t.decimals),
                        date: baseline_date(rng, first_year - 1),
                        extra: None,
                    }),
                    target: Some(Figure {
                        value: number(target, t.decimals),
                        date: Some(target_date(rng, first_year + 1)),
                        extra: None,
                    }),
                    direction: Some(t.direction),
                    extra: None,
                },
                baseline,
                target,
                cap,
                decimals: t.decimals,
                pace: rng.range(30, 130) as i64,
            }
        })
        .collect()
}

/// A measurement of every indicator in every follow-up (oldest first): from the baseline
/// towards the target at the indicator's pace, with a little noise.
pub(super) fn measure(rng: &mut Rng, drawn: &[Drawn], follow_ups: &mut [FollowUp]) {
    let n = follow_ups.len() as i64;
    for (k, follow_up) in (1..).zip(follow_ups.iter_mut()) {
        follow_up.measurements = drawn
            .iter()
            .map(|d| {
                let span = d.target - d.baseline;
                let noise_range = span.abs() / 8 + 1;
                let noise = rng.below(usize::try_from(2 * noise_range + 1).unwrap_or(1)) as i64
                    - noise_range;
                let value = (d.baseline + span * d.pace * k / (100 * n) + noise).clamp(0, d.cap);
                Measurement {
                    indicator: d.indicator.id,
                    value: number(value, d.decimals),
                    extra: None,
                }
            })
            .collect();
    }
}

/// Two milestones with ids from `next_id`: one in `first_year`, one in the year after, of
/// different texts; done when the goal is, else the earlier one often and the later seldom.
pub(super) fn milestones(
    rng: &mut Rng,
    next_id: &mut i64,
    first_year: i32,
    goal_done: bool,
) -> Vec<Milestone> {
    let first = rng.below(MILESTONE_TEXTS.len());
    let second = (first + 1 + rng.below(MILESTONE_TEXTS.len() - 1)) % MILESTONE_TEXTS.len();
    [(first, first_year, 50), (second, first_year + 1, 15)]
        .into_iter()
        .map(|(text, year, done_percent)| {
            let date = match rng.below(10) {
                0..=4 => Some(part_of_year(rng, year)),
                5..=7 => Some(Date::Month {
                    year,
                    month: rng.range(1, 12) as u8,
                }),
                8 => Some(Date::Year { year }),
                _ => None,
            };
            let id = MilestoneId(*next_id);
            *next_id += 1;
            Milestone {
                id,
                text: MILESTONE_TEXTS[text].to_owned(),
                date,
                done: goal_done || rng.chance(done_percent),
                extra: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_figures_are_exact() {
        assert_eq!(number(625, 1).to_string(), "62.5");
        assert_eq!(number(5, 2).to_string(), "0.05");
        assert_eq!(number(1250, 0).to_string(), "1250");
        assert_eq!(number(-30, 1).to_string(), "-3");
        assert_eq!(number(0, 2).to_string(), "0");
    }

    #[test]
    fn every_template_has_room_for_its_target() {
        for t in &TEMPLATES {
            assert!(t.low <= t.high && t.low > 0, "{}", t.name);
            assert_eq!(t.change == 0, t.direction == Direction::Keep, "{}", t.name);
            assert_eq!(
                t.change < 0,
                t.direction == Direction::Decrease,
                "{}",
                t.name
            );
        }
    }
}
