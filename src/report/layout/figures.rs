//! A goal's indicators (målepunkter) on paper: the table Målepunkt, Udgangspunkt, Seneste, Mål
//! in the goal's value column, figures the Danish way with their unit and period, and, with
//! `--summary`, a small chart per indicator: the measurements as a line of dots over time,
//! the baseline as an open square, the target as a filled one, and a dashed straight line
//! from baseline to target (the line the board's "bagud" rule measures against). Shapes and
//! dash patterns, not colour alone, tell them apart, so the chart reads in grey too; its
//! Figure node's alt text says the same figures in words.

use super::builder::{BODY_W, Builder, Col, LABEL_W, LEADING, style};
use super::flow::Block;
use super::output::{Color, Item, Mark, NodeId, Role, Shape, TextRun};
use super::text::{Span, Style, break_lines, runs_of};
use crate::model::{Date, Goal, Indicator, Number, Reading};
use crate::report::fonts::Face;
use crate::units;

/// The dashed straight line from baseline to target: an orange that prints as a mid grey.
const LINE_COLOR: Color = Color::rgb(0xc0, 0x5a, 0x00);
/// Gridlines.
const GRID: Color = Color::rgb(0xdd, 0xe2, 0xe8);
/// Size of the table's text.
const TABLE_SIZE: f32 = 9.0;
/// Size of the chart's labels.
const SMALL: f32 = 7.5;

/// A number the Danish way: decimal comma, '.' between thousands ("62,5", "1.500",
/// "-0,25"), every digit the user gave and no more. (units has no formatter for the exact
/// `Number` yet; this is the PDF's own.)
fn number(n: Number) -> String {
    let plain = n.plain(',');
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match digits.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::from(sign);
    let len = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// "antal" says what is counted, not a unit to print after a number ("100 antal").
fn is_count(unit: &str) -> bool {
    unit.trim().eq_ignore_ascii_case("antal")
}

/// A figure with its unit: "62,5 %", "100", "1.200 kr.", "12 dage" (a no-break space before
/// the unit, as units::format_percent does).
pub(super) fn figure(value: Number, unit: &str) -> String {
    let unit = unit.trim();
    let mut out = number(value);
    if !unit.is_empty() && !is_count(unit) {
        out.push(units::PERCENT_SPACE);
        out.push_str(unit);
    }
    out
}

/// A period that does not break inside a table cell ("2. halvår 2012" stays on one line).
fn unbroken_date(date: Date) -> String {
    units::format_date(date).replace(' ', "\u{a0}")
}

/// A table cell: "62,5 % (2011)", or "–".
fn cell(value: Option<(Number, Option<Date>)>, unit: &str) -> String {
    match value {
        None => "–".to_owned(),
        Some((v, None)) => figure(v, unit),
        Some((v, Some(d))) => format!("{} ({})", figure(v, unit), unbroken_date(d)),
    }
}

/// The chart's alt text: the figures in words ("Andel …: udgangspunkt 62,5 % i 2011, mål 75 %
/// i 2013, seneste 70,1 % i 2. halvår 2012").
pub(super) fn alt_text(indicator: &Indicator, readings: &[Reading]) -> String {
    let unit = indicator.unit.as_str();
    let said = |v: Number, d: Option<Date>| {
        match d {
            Some(d) => format!("{} i {}", figure(v, unit), units::format_date(d)),
            None => figure(v, unit),
        }
        .replace(units::PERCENT_SPACE, " ")
    };
    let mut parts = Vec::new();
    if let Some(b) = &indicator.baseline {
        parts.push(format!("udgangspunkt {}", said(b.value, b.date)));
    }
    if let Some(t) = &indicator.target {
        parts.push(format!("mål {}", said(t.value, t.date)));
    }
    match readings.last() {
        Some(r) => parts.push(format!("seneste {}", said(r.value, Some(r.date)))),
        None => parts.push("ingen målinger endnu".to_owned()),
    }
    let mut out = format!(
        "Diagram over målepunktet {}: {}",
        indicator.name.trim(),
        parts.join(", ")
    );
    if readings.len() > 1 {
        let all: Vec<String> = readings
            .iter()
            .map(|r| said(r.value, Some(r.date)))
            .collect();
        out.push_str(&format!("; alle målinger: {}", all.join(", ")));
    }
    out.push('.');
    out
}

/// Days since 1 March of year 0 (any fixed origin does): a period's place on the time axis.
fn day_number((y, m, d): (i32, u8, u8)) -> f32 {
    let (y, m) = if m <= 2 {
        (i64::from(y) - 1, i64::from(m) + 12)
    } else {
        (i64::from(y), i64::from(m))
    };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(d);
    days as f32
}

/// A point in time of a period: its last day, as the board's "bagud" rule places it.
fn at(date: Date) -> f32 {
    day_number(date.last_day())
}

/// Gridline values from `lo` to `hi` at a round step, and the decimals their labels need.
fn ticks(lo: f64, hi: f64) -> (Vec<f64>, usize) {
    let range = (hi - lo).max(f64::MIN_POSITIVE);
    let rough = range / 3.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let factor = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|f| f * magnitude >= rough)
        .unwrap_or(10.0);
    let step = factor * magnitude;
    let first = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut k = 0.0;
    while out.len() < 12 {
        let v = first + k * step;
        out.push(v);
        if v >= hi - step * 1e-9 {
            break;
        }
        k += 1.0;
    }
    // A step of 0.5 needs one decimal, of 0.25 two, of 2.5 one, of 25 none.
    let places = -(magnitude.log10().round() as i64) + i64::from(factor == 2.5);
    let decimals = usize::try_from(places).unwrap_or(0);
    (out, decimals)
}

/// Items of one chart, relative to its block.
struct Canvas {
    items: Vec<Item<super::flow::Dest>>,
    mark: Mark,
    /// Text stays between these (the value column): a label that cannot is left out (the
    /// table and the alt text still give the figure).
    left: f32,
    right: f32,
}

impl Canvas {
    fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32, color: Color) {
        self.items.push(Item {
            shape: Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dotted: false,
            },
            mark: self.mark,
        });
    }

    /// A dashed line, as dashes of `on` points with `off` between (drawn as segments: the
    /// preview and the PDF then show the same pattern).
    fn dashed(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
        let (on, off) = (4.0, 2.5);
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let length = (dx * dx + dy * dy).sqrt();
        if length <= 0.0 {
            return;
        }
        let mut s = 0.0;
        while s < length {
            let e = (s + on).min(length);
            let p = |t: f32| (from.0 + dx * t / length, from.1 + dy * t / length);
            self.line(p(s), p(e), width, color);
            s += on + off;
        }
    }

    /// A round dot of diameter `size` (a zero-length dotted line: round caps draw a disc).
    fn dot(&mut self, (x, y): (f32, f32), size: f32, color: Color) {
        self.items.push(Item {
            shape: Shape::Line {
                x1: x,
                y1: y,
                x2: x + 0.01,
                y2: y,
                width: size,
                color,
                dotted: true,
            },
            mark: self.mark,
        });
    }

    /// A square of side `size` centred on the point.
    fn square(&mut self, (x, y): (f32, f32), size: f32, fill: Option<Color>, stroke: Color) {
        self.items.push(Item {
            shape: Shape::Rect {
                x: x - size / 2.0,
                y: y - size / 2.0,
                w: size,
                h: size,
                fill,
                stroke: Some((stroke, 1.0)),
            },
            mark: self.mark,
        });
    }

    /// Text with its baseline at `y`, starting at `x` (or ending there, `right`; centred
    /// on it, `centre`).
    fn text(&mut self, text: &str, st: Style, x: f32, y: f32, anchor: Anchor) {
        let fonts = crate::report::fonts::FontSet::get();
        let w = fonts.text_width(st.face, text) * st.size;
        if w > self.right - self.left {
            return;
        }
        let x = match anchor {
            Anchor::Left => x,
            Anchor::Right => x - w,
            Anchor::Centre => x - w / 2.0,
        }
        .clamp(self.left, self.right - w);
        let mut runs: Vec<TextRun> = Vec::new();
        runs_of(text, st, x, fonts, &mut runs);
        for r in runs {
            self.items.push(Item {
                shape: Shape::Text(TextRun { y, ..r }),
                mark: self.mark,
            });
        }
    }
}

#[derive(Clone, Copy)]
enum Anchor {
    Left,
    Right,
    Centre,
}

impl Builder<'_> {
    /// The goal's indicators: the table, then (with `--summary`) a chart per indicator.
    pub(super) fn indicators(&mut self, body: NodeId, goal: &Goal) {
        let x = LABEL_W;
        let width = BODY_W - LABEL_W;
        let fig_w = 80.0;
        let cols = [
            Col {
                width: width - 3.0 * fig_w,
                right: false,
            },
            Col {
                width: fig_w,
                right: true,
            },
            Col {
                width: fig_w,
                right: true,
            },
            Col {
                width: fig_w,
                right: true,
            },
        ];
        let header: Vec<String> = ["Målepunkt", "Udgangspunkt", "Seneste", "Mål"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let readings: Vec<Vec<Reading>> = goal
            .indicators
            .iter()
            .map(|i| goal.readings(i.id))
            .collect();
        let rows: Vec<Vec<String>> = goal
            .indicators
            .iter()
            .zip(&readings)
            .map(|(ind, readings)| {
                let unit = ind.unit.as_str();
                let name = if is_count(unit) {
                    format!("{} ({})", ind.name.trim(), unit.trim())
                } else {
                    ind.name.trim().to_owned()
                };
                vec![
                    name,
                    cell(ind.baseline.as_ref().map(|b| (b.value, b.date)), unit),
                    cell(readings.last().map(|r| (r.value, Some(r.date))), unit),
                    cell(ind.target.as_ref().map(|t| (t.value, t.date)), unit),
                ]
            })
            .collect();
        self.table_at(body, x, &cols, &header, &rows, None, TABLE_SIZE);
        if self.charts {
            for (ind, readings) in goal.indicators.iter().zip(&readings) {
                self.indicator_chart(body, ind, readings);
            }
        }
    }

    /// One indicator's chart, when it has at least two points in time to draw.
    fn indicator_chart(&mut self, parent: NodeId, ind: &Indicator, readings: &[Reading]) {
        let baseline = ind
            .baseline
            .as_ref()
            .and_then(|b| b.date.map(|d| (at(d), b.value.to_f64(), d)));
        let target = ind
            .target
            .as_ref()
            .and_then(|t| t.date.map(|d| (at(d), t.value.to_f64(), d)));
        let target_level = ind
            .target
            .as_ref()
            .filter(|t| t.date.is_none())
            .map(|t| t.value.to_f64());
        let points: Vec<(f32, f64)> = readings
            .iter()
            .map(|r| (at(r.date), r.value.to_f64()))
            .collect();
        let dated = points.len() + usize::from(baseline.is_some()) + usize::from(target.is_some());
        if dated < 2 {
            return;
        }
        let fig = self.node(Role::Figure, parent);
        if let Some(node) = self.structure.nodes.get_mut(fig.0 as usize) {
            node.alt = Some(alt_text(ind, readings));
        }
        let x0 = LABEL_W;
        let width = BODY_W - LABEL_W;
        let mut c = Canvas {
            items: Vec::new(),
            mark: Mark::Node(fig),
            left: x0,
            right: x0 + width,
        };
        let title_style = style(Face::Bold, 8.5, Color::ACCENT);
        let small = style(Face::Regular, SMALL, Color::BLACK);
        let muted = style(Face::Regular, SMALL, Color::MUTED);
        let mut title = ind.name.trim().to_owned();
        if !ind.unit.trim().is_empty() {
            title.push_str(&format!(" ({})", ind.unit.trim()));
        }
        // At most three lines of title; the plot goes below them.
        let title = units::shorten(&title, 300);
        let lines = break_lines(&[Span::new(title, title_style)], width, width, self.fonts);
        let line_h = 8.5 * LEADING;
        let shown = lines.len().min(3);
        for (i, line) in lines.into_iter().take(shown).enumerate() {
            for r in line.runs {
                c.items.push(Item {
                    shape: Shape::Text(TextRun {
                        x: r.x + x0,
                        y: 10.0 + i as f32 * line_h,
                        ..r
                    }),
                    mark: c.mark,
                });
            }
        }
        let top = (shown.max(1) - 1) as f32 * line_h;

        let (py0, py1) = (top + 24.0, top + 94.0);

        let dates: Vec<Date> = readings
            .iter()
            .map(|r| r.date)
            .chain(baseline.map(|b| b.2))
            .chain(target.map(|t| t.2))
            .collect();
        let (first_year, last_year) = dates.iter().fold((i32::MAX, i32::MIN), |(lo, hi), d| {
            (lo.min(d.year()), hi.max(d.year()))
        });
        let t0 = day_number((first_year, 1, 1));
        let t1 = day_number((last_year, 12, 31)) + 1.0;

        let values: Vec<f64> = points
            .iter()
            .map(|p| p.1)
            .chain(baseline.map(|b| b.1))
            .chain(target.map(|t| t.1))
            .chain(target_level)
            .collect();
        let (lo, hi) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let pad = if hi - lo > 0.0 {
            (hi - lo) * 0.1
        } else {
            (hi.abs() * 0.1).max(1.0)
        };
        let (mut lo_p, hi_p) = (lo - pad, hi + pad);
        if lo >= 0.0 && lo_p < 0.0 {
            lo_p = 0.0;
        }
        let (grid, decimals) = ticks(lo_p, hi_p);
        let g0 = grid.first().copied().unwrap_or(lo_p);
        let g1 = grid
            .last()
            .copied()
            .unwrap_or(hi_p)
            .max(g0 + f64::MIN_POSITIVE);
        let sy = |v: f64| py1 - ((v - g0) / (g1 - g0)) as f32 * (py1 - py0);
        // Room on the left for the gridlines' values (up to a third of the column; wider
        // values, as 30-digit ones, are left out).
        let grid_labels: Vec<String> = grid
            .iter()
            .map(|v| units::format_decimal(*v, decimals))
            .collect();
        let label_w = grid_labels
            .iter()
            .map(|t| self.fonts.text_width(Face::Regular, t) * SMALL)
            .fold(0.0, f32::max);
        let show_grid_labels = label_w <= width / 3.0;
        let px0 = x0
            + if show_grid_labels {
                label_w.max(38.0) + 8.0
            } else {
                8.0
            };
        let px1 = x0 + width - 12.0;
        let sx = |t: f32| px0 + (t - t0) / (t1 - t0).max(1.0) * (px1 - px0);

        // Gridlines with their values, year bands with their years.
        for (v, label) in grid.iter().zip(&grid_labels) {
            let y = sy(*v);
            c.line((px0, y), (px1, y), 0.5, GRID);
            if show_grid_labels {
                c.text(label, muted, px0 - 4.0, y + 2.5, Anchor::Right);
            }
        }
        let band = (px1 - px0) / (last_year - first_year + 1) as f32;
        for year in first_year..=last_year {
            let left = sx(day_number((year, 1, 1)));
            c.line((left, py0), (left, py1 + 3.0), 0.5, GRID);
            if band >= 22.0 || year == first_year || year == last_year {
                c.text(
                    &year.to_string(),
                    muted,
                    left + band / 2.0,
                    py1 + 11.0,
                    Anchor::Centre,
                );
            }
        }
        c.line((px1, py0), (px1, py1 + 3.0), 0.5, GRID);
        c.line((px0, py1), (px1, py1), 0.8, Color::MUTED);

        // The straight line, the measurements, the markers (markers last: on top).
        if let (Some(b), Some(t)) = (baseline, target) {
            c.dashed((sx(b.0), sy(b.1)), (sx(t.0), sy(t.1)), 1.2, LINE_COLOR);
        }
        let mut path: Vec<(f32, f32)> = Vec::new();
        if let Some(b) = baseline
            && points.first().is_some_and(|p| p.0 >= b.0)
        {
            path.push((sx(b.0), sy(b.1)));
        }
        path.extend(points.iter().map(|p| (sx(p.0), sy(p.1))));
        for w in path.windows(2) {
            c.line(w[0], w[1], 1.4, Color::ACCENT);
        }
        for p in &points {
            c.dot((sx(p.0), sy(p.1)), 4.5, Color::BLACK);
        }
        // Beside a marker, a long unit would crowd the plot: the table has it.
        let unit = if ind.unit.trim().chars().count() <= 8 {
            ind.unit.as_str()
        } else {
            ""
        };
        if let Some(b) = baseline {
            let at = (sx(b.0), sy(b.1));
            c.square(at, 6.0, Some(Color::rgb(0xff, 0xff, 0xff)), Color::ACCENT);
            if let Some(f) = &ind.baseline {
                // Left of the marker when there is room: the lines leave it to the right.
                let label = figure(f.value, unit);
                let w = self.fonts.text_width(Face::Regular, &label) * SMALL;
                if at.0 - px0 > w + 8.0 {
                    c.text(&label, small, at.0 - 6.0, at.1 + 2.5, Anchor::Right);
                } else {
                    c.text(&label, small, at.0 + 5.0, at.1 - 5.0, Anchor::Left);
                }
            }
        }
        if let (Some(level), Some(f)) = (target_level, &ind.target) {
            // A target without a date: a level to reach, marked at the right end.
            let y = sy(level);
            c.line((px0, y), (px1, y), 0.8, Color::ACCENT);
            c.square((px1, y), 7.0, Some(Color::ACCENT), Color::BLACK);
            c.text(
                &figure(f.value, unit),
                small,
                px1 - 5.0,
                y - 5.0,
                Anchor::Right,
            );
        }
        if let Some(t) = target {
            let at = (sx(t.0), sy(t.1));
            c.square(at, 7.0, Some(Color::ACCENT), Color::BLACK);
            if let Some(f) = &ind.target {
                c.text(
                    &figure(f.value, unit),
                    small,
                    at.0 - 5.0,
                    at.1 - 5.0,
                    Anchor::Right,
                );
            }
        }
        if let (Some(last), Some(r)) = (points.last(), readings.last()) {
            let at = (sx(last.0), sy(last.1));
            let clear_of_target = target.is_none_or(|t| (sx(t.0) - at.0).abs() > 36.0);
            // On the side away from the straight line.
            let above = match (baseline, target) {
                (Some(b), Some(t)) if t.0 > b.0 => {
                    let share = f64::from((last.0 - b.0) / (t.0 - b.0));
                    last.1 >= b.1 + (t.1 - b.1) * share
                }
                _ => true,
            };
            let y = if above { at.1 - 6.0 } else { at.1 + 11.0 };
            if clear_of_target {
                c.text(&figure(r.value, unit), small, at.0, y, Anchor::Centre);
            }
        }

        // The legend: the shapes drawn, with their words.
        let ly = py1 + 24.0;
        let mut lx = px0;
        let fonts = self.fonts;
        let word_w = |t: &str| fonts.text_width(Face::Regular, t) * SMALL;
        if target.is_some() || target_level.is_some() {
            c.square((lx + 3.5, ly - 2.5), 7.0, Some(Color::ACCENT), Color::BLACK);
            c.text("Mål", small, lx + 10.0, ly, Anchor::Left);
            lx += 10.0 + word_w("Mål") + 14.0;
        }
        if baseline.is_some() {
            c.square(
                (lx + 3.0, ly - 2.5),
                6.0,
                Some(Color::rgb(0xff, 0xff, 0xff)),
                Color::ACCENT,
            );
            c.text("Udgangspunkt", small, lx + 10.0, ly, Anchor::Left);
            lx += 10.0 + word_w("Udgangspunkt") + 14.0;
        }
        if !points.is_empty() {
            c.line((lx, ly - 2.5), (lx + 14.0, ly - 2.5), 1.4, Color::ACCENT);
            c.dot((lx + 7.0, ly - 2.5), 4.5, Color::BLACK);
            c.text("Målt", small, lx + 18.0, ly, Anchor::Left);
            lx += 18.0 + word_w("Målt") + 14.0;
        }
        if baseline.is_some() && target.is_some() {
            c.dashed((lx, ly - 2.5), (lx + 16.0, ly - 2.5), 1.2, LINE_COLOR);
            c.text(
                "Lige linje fra udgangspunkt til mål",
                small,
                lx + 20.0,
                ly,
                Anchor::Left,
            );
        }

        self.blocks.push(Block {
            height: ly + 6.0,
            space_before: 8.0,
            items: c.items,
            ..Block::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse(text).expect("a number")
    }

    #[test]
    fn figures_print_the_danish_way_with_their_unit() {
        assert_eq!(figure(n("62.5"), "%"), "62,5\u{a0}%");
        assert_eq!(figure(n("1500"), "kr."), "1.500\u{a0}kr.");
        assert_eq!(figure(n("100"), "antal"), "100");
        assert_eq!(figure(n("-0.25"), ""), "-0,25");
        assert_eq!(figure(n("1234567.5"), ""), "1.234.567,5");
        assert_eq!(figure(n("75"), " % "), "75\u{a0}%");
    }

    #[test]
    fn gridlines_fall_on_round_values() {
        let (grid, decimals) = ticks(56.25, 81.25);
        assert_eq!(grid, vec![50.0, 60.0, 70.0, 80.0, 90.0]);
        assert_eq!(decimals, 0);
        let (grid, decimals) = ticks(0.1, 0.8);
        assert_eq!(decimals, 2, "{grid:?}");
        let (_, decimals) = ticks(0.0, 1.4);
        assert_eq!(decimals, 1);
        assert_eq!(ticks(0.0, 7.0), (vec![0.0, 2.5, 5.0, 7.5], 1));
        assert_eq!(ticks(0.0, 70.0), (vec![0.0, 25.0, 50.0, 75.0], 0));
    }
}
