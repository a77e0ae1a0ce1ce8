//! The history chart of one indicator (målepunkt) in the goal editor: its measurements over
//! time against the baseline, the target and the straight line between them, drawn with
//! egui's painter. The figures are in the hover text and in the chart's accessible label, so
//! a screen reader hears what a sighted user sees.

use super::theme;
use crate::model::{Date, Indicator, Reading};
use crate::units::{self, format_figure as with_unit};
use egui::{Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

/// The chart's size in screen points (wide enough for a few years, low enough for a form).
const SIZE: egui::Vec2 = vec2(460.0, 150.0);
/// Room for the value labels on the left and the years below.
const MARGIN_LEFT: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 18.0;
const MARGIN_TOP: f32 = 8.0;
const MARGIN_RIGHT: f32 = 12.0;

/// Where a period sits on the time axis: the middle of the period, in years (2013.5 is the
/// middle of 2013), so a year and its second half year are drawn where a reader expects.
pub fn time_of(date: Date) -> f64 {
    let at = |(y, m, d): (i32, u8, u8)| {
        f64::from(y) + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 1.0) / 365.0
    };
    let (first, last) = (at(date.first_day()), at(date.last_day()) + 1.0 / 365.0);
    (first + last) / 2.0
}

/// A point of the chart in data units: (time in years, value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Time in years ([`time_of`]).
    pub time: f64,
    /// The value.
    pub value: f64,
}

/// What the chart shows, in data units: the baseline and target points (when they have a
/// date), the measurements, and the ranges of both axes (never empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Udgangspunkt, when it has a value and a date.
    pub baseline: Option<Point>,
    /// Mål, when it has a value and a date.
    pub target: Option<Point>,
    /// The target value even without a date (a horizontal line).
    pub target_value: Option<f64>,
    /// The measurements, oldest first.
    pub readings: Vec<Point>,
    /// The time axis (years).
    pub times: (f64, f64),
    /// The value axis.
    pub values: (f64, f64),
}

impl Series {
    /// The series of an indicator and its readings; `None` when there is nothing to draw.
    pub fn of(indicator: &Indicator, readings: &[Reading]) -> Option<Series> {
        let point = |date: Option<Date>, value: f64| {
            date.map(|d| Point {
                time: time_of(d),
                value,
            })
        };
        let baseline = indicator
            .baseline
            .as_ref()
            .and_then(|b| point(b.date, b.value.to_f64()));
        let target = indicator
            .target
            .as_ref()
            .and_then(|t| point(t.date, t.value.to_f64()));
        let target_value = indicator.target.as_ref().map(|t| t.value.to_f64());
        let readings: Vec<Point> = readings
            .iter()
            .map(|r| Point {
                time: time_of(r.date),
                value: r.value.to_f64(),
            })
            .collect();
        let all: Vec<Point> = baseline
            .iter()
            .chain(target.iter())
            .chain(readings.iter())
            .copied()
            .collect();
        if all.is_empty() {
            return None;
        }
        let span = |values: &mut dyn Iterator<Item = f64>, pad: f64| {
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for v in values {
                lo = lo.min(v);
                hi = hi.max(v);
            }
            if (hi - lo).abs() < f64::EPSILON {
                let room = if lo.abs() > 1.0 { lo.abs() * 0.1 } else { 1.0 };
                (lo - room, hi + room)
            } else {
                let room = (hi - lo) * pad;
                (lo - room, hi + room)
            }
        };
        let times = span(&mut all.iter().map(|p| p.time), 0.05);
        let mut values_iter = all.iter().map(|p| p.value).chain(target_value);
        let values = span(&mut values_iter, 0.1);
        Some(Series {
            baseline,
            target,
            target_value,
            readings,
            times,
            values,
        })
    }
}

/// The figures of the chart in words: its accessible label and hover text ("Udgangspunkt 60 %
/// (2011). Målinger: 2. halvår 2012: 65 %. Mål 80 % (2013).").
pub fn describe(indicator: &Indicator, readings: &[Reading]) -> String {
    let unit = indicator.unit.as_str();
    let mut parts = vec![format!("Udvikling for {}", indicator.name.trim())];
    let figure = |word: &str, f: &crate::model::Figure| match f.date {
        Some(d) => format!(
            "{word} {} ({})",
            with_unit(f.value, unit),
            units::format_date(d)
        ),
        None => format!("{word} {}", with_unit(f.value, unit)),
    };
    if let Some(b) = &indicator.baseline {
        parts.push(figure("udgangspunkt", b));
    }
    if readings.is_empty() {
        parts.push("ingen målinger endnu".to_owned());
    } else {
        let list: Vec<String> = readings
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    units::format_date(r.date),
                    with_unit(r.value, unit)
                )
            })
            .collect();
        parts.push(format!("målinger {}", list.join(", ")));
    }
    if let Some(t) = &indicator.target {
        parts.push(figure("mål", t));
    }
    parts.join("; ")
}

/// Draws the chart of `indicator` with its `readings` (oldest first).
pub fn history(ui: &mut egui::Ui, indicator: &Indicator, readings: &[Reading]) {
    let Some(series) = Series::of(indicator, readings) else {
        return;
    };
    let width = SIZE.x.min(ui.available_width().max(200.0));
    let (rect, response) = ui.allocate_exact_size(vec2(width, SIZE.y), Sense::hover());
    let text = describe(indicator, readings);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, &text));
    // The key, in words: the lines differ by dash as well as colour, so it reads in grey too.
    ui.colored_label(
        theme::CHART_AXIS,
        "Blå linje: målinger (ring: udgangspunkt) · grøn stiplet linje og ruder: mål · \
         grå stiplet linje: den lige vej fra udgangspunkt til mål",
    );
    if !ui.is_rect_visible(rect) {
        return;
    }
    let plot = Rect::from_min_max(
        pos2(rect.left() + MARGIN_LEFT, rect.top() + MARGIN_TOP),
        pos2(rect.right() - MARGIN_RIGHT, rect.bottom() - MARGIN_BOTTOM),
    );
    let at = |p: Point| -> Pos2 {
        let (t0, t1) = series.times;
        let (v0, v1) = series.values;
        let x = plot.left() + plot.width() * ((p.time - t0) / (t1 - t0)) as f32;
        let y = plot.bottom() - plot.height() * ((p.value - v0) / (v1 - v0)) as f32;
        pos2(x, y)
    };
    let painter = ui.painter_at(rect);
    let font = egui::FontId::proportional(11.0);
    painter.rect_filled(plot, 0.0, theme::CHART_BACKGROUND);
    painter.rect_stroke(
        plot,
        0.0,
        Stroke::new(1.0, theme::CHART_AXIS),
        egui::StrokeKind::Inside,
    );
    // The value axis: its ends, in the indicator's unit.
    for value in [series.values.0, series.values.1] {
        let y = at(Point {
            time: series.times.0,
            value,
        })
        .y;
        painter.text(
            pos2(plot.left() - 4.0, y),
            egui::Align2::RIGHT_CENTER,
            units::format_decimal(value, decimals_for(series.values)),
            font.clone(),
            theme::CHART_AXIS,
        );
    }
    // The time axis: each year that starts inside it.
    let first_year = series.times.0.ceil() as i32;
    let last_year = series.times.1.floor() as i32;
    let step = ((last_year - first_year) / 6).max(1);
    for year in (first_year..=last_year).step_by(step as usize) {
        let x = at(Point {
            time: f64::from(year),
            value: series.values.0,
        })
        .x;
        painter.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(1.0, theme::CHART_GRID),
        );
        painter.text(
            pos2(x + 2.0, plot.bottom() + 2.0),
            egui::Align2::LEFT_TOP,
            year.to_string(),
            font.clone(),
            theme::CHART_AXIS,
        );
    }
    // The target as a line across, the straight line from baseline to target, the readings.
    if let Some(value) = series.target_value {
        let y = at(Point {
            time: series.times.0,
            value,
        })
        .y;
        painter.extend(Shape::dashed_line(
            &[pos2(plot.left(), y), pos2(plot.right(), y)],
            Stroke::new(1.5, theme::CHART_TARGET),
            6.0,
            4.0,
        ));
    }
    if let (Some(b), Some(t)) = (series.baseline, series.target) {
        painter.extend(Shape::dashed_line(
            &[at(b), at(t)],
            Stroke::new(1.0, theme::CHART_AXIS),
            3.0,
            3.0,
        ));
    }
    let mut line: Vec<Pos2> = series.baseline.iter().map(|b| at(*b)).collect();
    line.extend(series.readings.iter().map(|r| at(*r)));
    if line.len() > 1 {
        painter.add(Shape::line(line, Stroke::new(2.0, theme::CHART_LINE)));
    }
    if let Some(b) = series.baseline {
        painter.circle_stroke(at(b), 4.0, Stroke::new(2.0, theme::CHART_LINE));
    }
    for r in &series.readings {
        painter.circle_filled(at(*r), 4.0, theme::CHART_LINE);
    }
    if let Some(t) = series.target {
        let c = at(t);
        painter.add(Shape::convex_polygon(
            vec![
                pos2(c.x, c.y - 5.0),
                pos2(c.x + 5.0, c.y),
                pos2(c.x, c.y + 5.0),
                pos2(c.x - 5.0, c.y),
            ],
            theme::CHART_TARGET,
            Stroke::NONE,
        ));
    }
    // Hover: the figure nearest the pointer, or all of them.
    if let Some(pointer) = response.hover_pos() {
        let unit = indicator.unit.as_str();
        let nearest = readings
            .iter()
            .zip(&series.readings)
            .map(|(r, p)| (r, at(*p).distance(pointer)))
            .filter(|(_, d)| *d < 12.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let tip = match nearest {
            Some((r, _)) => format!(
                "{}: {}",
                units::format_date_capitalised(r.date),
                with_unit(r.value, unit)
            ),
            None => text,
        };
        response.on_hover_text_at_pointer(tip);
    }
}

/// Decimals for the axis labels: none for a wide range, more for a narrow one.
fn decimals_for((lo, hi): (f64, f64)) -> usize {
    let range = hi - lo;
    if range >= 10.0 {
        0
    } else if range >= 1.0 {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Figure, Number};

    fn n(t: &str) -> Number {
        Number::parse(t).unwrap()
    }

    fn date(t: &str) -> Date {
        Date::parse_iso(t).unwrap()
    }

    fn indicator() -> Indicator {
        Indicator {
            name: "Andel i rehabilitering".into(),
            unit: "%".into(),
            baseline: Some(Figure {
                value: n("62.5"),
                date: Some(date("2011")),
                extra: None,
            }),
            target: Some(Figure {
                value: n("75"),
                date: Some(date("2013")),
                extra: None,
            }),
            direction: Some(Direction::Increase),
            ..Indicator::default()
        }
    }

    #[test]
    fn periods_sit_at_their_middle_on_the_time_axis() {
        assert!((time_of(date("2013")) - 2013.5).abs() < 0.01);
        assert!((time_of(date("2013-H2")) - 2013.75).abs() < 0.01);
        assert!(time_of(date("2013-Q1")) < time_of(date("2013-H1")));
    }

    #[test]
    fn the_series_spans_baseline_readings_and_target() {
        let readings = [Reading {
            date: date("2012-H2"),
            value: n("70.1"),
        }];
        let s = Series::of(&indicator(), &readings).unwrap();
        assert!(s.times.0 < 2011.5 && s.times.1 > 2013.5);
        assert!(s.values.0 < 62.5 && s.values.1 > 75.0);
        assert_eq!(s.readings.len(), 1);
        // Nothing dated and no readings: nothing to draw.
        let bare = Indicator {
            name: "x".into(),
            ..Indicator::default()
        };
        assert!(Series::of(&bare, &[]).is_none());
    }

    #[test]
    fn the_figures_are_said_in_danish_words() {
        let readings = [Reading {
            date: date("2012-H2"),
            value: n("70.1"),
        }];
        assert_eq!(
            describe(&indicator(), &readings),
            "Udvikling for Andel i rehabilitering; udgangspunkt 62,5\u{a0}% (2011); \
             målinger 2. halvår 2012: 70,1\u{a0}%; mål 75\u{a0}% (2013)"
        );
    }
}
