//! The chapter Statusoverblik (on request): a table of the goals' statuses per focus area (in
//! the plan's words and numbering) and
//! the same figures as a stacked bar chart, drawn with rectangles, with words for a screen
//! reader (the figure's alt text).

use super::builder::{BODY_W, Builder, Col, LEADING, capitalised, status_color, style};
use super::flow::Block;
use super::output::{Color, Item, Mark, NodeId, Role, Shape, Structure, TextRun};
use super::text::{Span, runs_of};
use crate::model::{Plan, Status};
use crate::report::fonts::Face;

/// The statuses in the order of the summary, "ikke vurderet" last.
const SUMMARY_STATUSES: [Option<Status>; 7] = [
    Some(Status::NotStarted),
    Some(Status::OnTrack),
    Some(Status::AtRisk),
    Some(Status::OffTrack),
    Some(Status::Done),
    Some(Status::Dropped),
    None,
];

impl Builder<'_> {
    /// The chapter Statusoverblik: the table, then the chart; returns its node (a section
    /// "Siden sidst" may follow in it).
    pub(super) fn summary(&mut self, plan: &Plan) -> NodeId {
        let sect = self.node(Role::Sect, Structure::ROOT);
        self.heading(sect, 1, "Statusoverblik", true);
        let labels = &plan.labels;
        // Danish inflects the words ("målenes"), which a plan's own words cannot be; with
        // them the sentence names them as they are.
        let default_words = labels.goal.is_none() && labels.focus_area.is_none();
        let intro = if default_words {
            "Målenes status pr. indsatsområde: status er den, målet har nu; \"ikke vurderet\" er mål, der endnu ikke har fået en status.".to_owned()
        } else {
            format!(
                "Status pr. {} for hvert punkt af typen \"{}\": status er den, der gælder nu; \"ikke vurderet\" er dem, der endnu ikke har fået en status.",
                labels.focus_area().to_lowercase(),
                labels.goal()
            )
        };
        self.body_text(sect, &intro, 0.0, 0.0);
        let size = 8.5;
        let mut header = vec![
            crate::units::shorten(labels.focus_area(), 40),
            crate::units::shorten(labels.goal(), 40),
        ];
        header.extend(
            SUMMARY_STATUSES
                .iter()
                .map(|s| capitalised(Status::label_of(*s))),
        );
        let counts: Vec<[usize; 7]> = plan
            .focus_areas
            .iter()
            .map(|a| {
                let mut c = [0usize; 7];
                for g in &a.goals {
                    if let Some(i) = SUMMARY_STATUSES.iter().position(|s| *s == g.status) {
                        c[i] += 1;
                    }
                }
                c
            })
            .collect();
        let rows: Vec<Vec<String>> = plan
            .focus_areas
            .iter()
            .zip(&counts)
            .enumerate()
            .map(|(i, (a, c))| {
                let mut r = vec![
                    plan.numbering.area_heading(&plan.labels, i, &a.title),
                    a.goals.len().to_string(),
                ];
                r.extend(c.iter().map(|n| n.to_string()));
                r
            })
            .collect();
        let mut totals = [0usize; 7];
        for c in &counts {
            for (t, n) in totals.iter_mut().zip(c) {
                *t += n;
            }
        }
        let mut total = vec![
            "I alt".to_string(),
            plan.focus_areas
                .iter()
                .map(|a| a.goals.len())
                .sum::<usize>()
                .to_string(),
        ];
        total.extend(totals.iter().map(|n| n.to_string()));
        let num_w = 44.0;
        let mut cols = vec![Col {
            width: BODY_W - 8.0 * num_w,
            right: false,
        }];
        cols.extend((0..8).map(|_| Col {
            width: num_w,
            right: true,
        }));
        let start = self.blocks.len();
        self.table(sect, &cols, &header, &rows, Some(&total), size);
        if let Some(f) = self.blocks.get_mut(start) {
            f.space_before = 8.0;
        }
        self.chart(sect, plan, &counts);
        sect
    }

    /// The status chart: one stacked bar per focus area, drawn with rectangles.
    fn chart(&mut self, parent: NodeId, plan: &Plan, counts: &[[usize; 7]]) {
        let sub = self.node(Role::Sect, parent);
        let labels = &plan.labels;
        let default_words = labels.goal.is_none() && labels.focus_area.is_none();
        let title = if default_words {
            "Målenes status i et diagram"
        } else {
            "Status i et diagram"
        };
        self.heading(sub, 2, title, true);
        let fig = self.node(Role::Figure, sub);
        let goal_word = labels.goal().to_lowercase();
        let mut alt = format!(
            "Vandret søjlediagram: for hvert af planens {} {} en søjle, hvis længde er antallet af {goal_word}, delt i farver efter status. ",
            plan.focus_areas.len(),
            labels.focus_areas().to_lowercase(),
        );
        for (i, (a, c)) in plan.focus_areas.iter().zip(counts).enumerate() {
            let parts: Vec<String> = SUMMARY_STATUSES
                .iter()
                .zip(c)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{n} {}", Status::label_of(*s)))
                .collect();
            alt.push_str(&format!(
                "{}: {} {goal_word}{}{}. ",
                plan.numbering
                    .area_heading(labels, i, &crate::units::shorten(&a.title, 80)),
                a.goals.len(),
                if parts.is_empty() { "" } else { ", " },
                parts.join(", ")
            ));
        }
        if let Some(node) = self.structure.nodes.get_mut(fig.0 as usize) {
            node.alt = Some(alt.trim_end().to_string());
        }
        let group = self.group();
        let label_w = 150.0;
        let bar_x = label_w + 8.0;
        let max = counts
            .iter()
            .map(|c| c.iter().sum::<usize>())
            .max()
            .unwrap_or(0)
            .max(1);
        let scale = (BODY_W - bar_x - 30.0) / max as f32;
        let small = style(Face::Regular, 8.5, Color::BLACK);
        let start = self.blocks.len();
        for (i, (a, c)) in plan.focus_areas.iter().zip(counts).enumerate() {
            let label =
                plan.numbering
                    .area_heading(&plan.labels, i, &crate::units::shorten(&a.title, 40));
            let mut blocks = self.lines(
                Mark::Node(fig),
                &[Span::new(label, small)],
                0.0,
                label_w,
                None,
            );
            if let Some(first) = blocks.first_mut() {
                first.space_before = 3.0;
                let bar_h = 9.0;
                let y = first.height * 0.76 - bar_h + 1.5;
                let mut x = bar_x;
                for (s, n) in SUMMARY_STATUSES.iter().zip(c) {
                    if *n == 0 {
                        continue;
                    }
                    let w = *n as f32 * scale;
                    first.items.push(Item {
                        shape: Shape::Rect {
                            x,
                            y,
                            w,
                            h: bar_h,
                            fill: Some(status_color(*s)),
                            stroke: Some((Color::rgb(0xff, 0xff, 0xff), 0.5)),
                        },
                        mark: Mark::Node(fig),
                    });
                    x += w;
                }
                let total: usize = c.iter().sum();
                let mut runs = Vec::new();
                runs_of(&total.to_string(), small, x + 4.0, self.fonts, &mut runs);
                for r in runs {
                    first.items.push(Item {
                        shape: Shape::Text(TextRun {
                            y: first.height * 0.76,
                            ..r
                        }),
                        mark: Mark::Node(fig),
                    });
                }
            }
            for b in &mut blocks {
                b.group = Some(group);
            }
            self.blocks.extend(blocks);
        }
        // The legend: swatch and label, four to a row.
        let per_row = 4;
        let cell_w = BODY_W / per_row as f32;
        for (r, chunk) in SUMMARY_STATUSES.chunks(per_row).enumerate() {
            let mut block = Block {
                height: 8.5 * LEADING,
                space_before: if r == 0 { 8.0 } else { 0.0 },
                group: Some(group),
                ..Block::default()
            };
            for (k, s) in chunk.iter().enumerate() {
                let x = k as f32 * cell_w;
                block.items.push(Item {
                    shape: Shape::Rect {
                        x,
                        y: block.height * 0.76 - 7.0,
                        w: 8.0,
                        h: 8.0,
                        fill: Some(status_color(*s)),
                        stroke: Some((Color::MUTED, 0.4)),
                    },
                    mark: Mark::Node(fig),
                });
                let mut runs = Vec::new();
                runs_of(
                    &capitalised(Status::label_of(*s)),
                    small,
                    x + 12.0,
                    self.fonts,
                    &mut runs,
                );
                for run in runs {
                    block.items.push(Item {
                        shape: Shape::Text(TextRun {
                            y: block.height * 0.76,
                            ..run
                        }),
                        mark: Mark::Node(fig),
                    });
                }
            }
            self.blocks.push(block);
        }
        if let Some(b) = self.blocks.get_mut(start) {
            b.space_before = 8.0;
        }
    }
}
