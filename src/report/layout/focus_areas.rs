//! The chapter Indsatsområder (or the plan's own word for it): each focus area with its
//! heading in the plan's numbering, its owners and its goals as blocks of labelled fields in
//! the plan's words (Mål, Dokumentation, Tovholder, Frist, Status, Målepunkter, Delmål,
//! Sammenhæng med, Opfølgning with the follow-ups and their measurements). The review chapter
//! lays out the previous plan's focus areas with the same code, in that plan's words.

use super::builder::{BODY, BODY_W, Builder, Entry, LABEL, LABEL_W, LEADING, PARA_GAP, TEXT};
use super::builder::{capitalised, status_color, style};
use super::flow::{Block, Dest};
use super::output::{Artifact, Color, Item, Mark, NodeId, Role, Shape, Structure};
use super::text::Span;
use crate::model::{EmptyFields, FocusArea, FollowUp, Goal, Indicator, Plan, Status};
use crate::report::fonts::Face;
use crate::units;

impl Builder<'_> {
    /// The chapter Indsatsområder: its introduction and every focus area of the plan.
    pub(super) fn focus_areas_chapter(&mut self, plan: &Plan) {
        let areas_sect = self.node(Role::Sect, Structure::ROOT);
        self.heading(areas_sect, 1, plan.labels.focus_areas(), true);
        if !plan.focus_areas_intro.trim().is_empty() {
            self.body_text(areas_sect, &plan.focus_areas_intro, 0.0, 0.0);
        }
        if plan.focus_areas.is_empty() {
            self.paragraph(
                areas_sect,
                &format!(
                    "Planen har endnu ingen {}.",
                    plan.labels.focus_areas().to_lowercase()
                ),
                TEXT,
                0.0,
                0.0,
            );
        }
        self.focus_areas_of(areas_sect, plan, &plan.focus_areas, (0, 0), false);
    }

    /// One focus area of `plan`: its heading (numbered as area `number`, 0-based, in the
    /// plan's style), owners, description and goals (`review`: the previous plan's, whose
    /// empty fields are left out). `index` is its place in `plan`.
    pub(super) fn focus_area(
        &mut self,
        parent: NodeId,
        plan: &Plan,
        area: &FocusArea,
        index: usize,
        number: usize,
        review: bool,
    ) {
        let sect = self.node(Role::Sect, parent);
        let heading = plan
            .numbering
            .area_heading(&plan.labels, number, &area.title);
        self.heading(sect, 2, &heading, true);
        self.area_owners(sect, &area.owners, &plan.print);
        if !area.description.trim().is_empty() {
            self.body_text(sect, &area.description, 0.0, 4.0);
        }
        for (i, goal) in area.goals.iter().enumerate() {
            self.goal(sect, plan, goal, (index, number, i), review);
        }
    }

    /// One field of a goal block: the bold label in the left column, the value beside it.
    /// `value` adds the value's blocks (at x = LABEL_W); the label joins the first of them.
    fn field(
        &mut self,
        list: NodeId,
        label: &str,
        group: u32,
        value: impl FnOnce(&mut Self, NodeId),
    ) {
        let li = self.node(Role::LI, list);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        let start = self.blocks.len();
        value(self, body);
        // A little air between fields (not between the rule and the first one).
        let after_field = start > 0
            && self.blocks[start - 1].group == Some(group)
            && !self.blocks[start - 1]
                .items
                .iter()
                .all(|i| matches!(i.shape, Shape::Line { .. }));
        if after_field && let Some(b) = self.blocks.get_mut(start) {
            b.space_before = b.space_before.max(3.0);
        }
        if self.blocks.len() == start {
            self.blocks.push(Block {
                height: BODY * LEADING,
                ..Block::default()
            });
        }
        let first_baseline = self.blocks[start]
            .items
            .iter()
            .find_map(|i| match &i.shape {
                Shape::Text(r) => Some(r.y),
                _ => None,
            })
            .unwrap_or(BODY * LEADING * 0.76);
        let label_lines = self.lines(
            Mark::Node(lbl),
            &[Span::new(label, LABEL)],
            0.0,
            LABEL_W - 6.0,
            None,
        );
        let n_label = label_lines.len().max(1);
        let more = self.blocks.len() > start + 1;
        // A label of the plan's own words may take more than one line ("Sammenhæng med:"):
        // each line goes beside the value's line of the same rank, or below the value.
        for (k, lb) in label_lines.into_iter().enumerate() {
            let baseline = |b: &Block| {
                b.items
                    .iter()
                    .find_map(|i| match &i.shape {
                        Shape::Text(r) => Some(r.y),
                        _ => None,
                    })
                    .unwrap_or(BODY * LEADING * 0.76)
            };
            let Some(target) = self.blocks.get_mut(start + k) else {
                self.blocks.push(Block {
                    height: lb.height,
                    items: lb.items,
                    ..Block::default()
                });
                continue;
            };
            let shift = if k == 0 {
                first_baseline - BODY * LEADING * 0.76
            } else {
                baseline(target) - BODY * LEADING * 0.76
            };
            let mut items: Vec<Item<Dest>> = lb
                .items
                .into_iter()
                .map(|mut i| {
                    i.shape.shift(0.0, shift);
                    i
                })
                .collect();
            items.append(&mut target.items);
            target.items = items;
        }
        // The label never stays behind without the first line of its value, nor is it split.
        let last = self.blocks.len();
        for (k, b) in self.blocks[start..].iter_mut().enumerate() {
            if k == 0 {
                b.keep_with_next = more || n_label > 1;
            } else if k + 1 < n_label && start + k + 1 < last {
                b.keep_with_next = true;
            }
            b.group = Some(group);
        }
    }

    /// Value: free text in the value column.
    pub(super) fn value_text(&mut self, body: NodeId, text: &str) {
        if text.trim().is_empty() {
            let p = self.node(Role::P, body);
            let blocks = self.lines(
                Mark::Node(p),
                &[Span::new("–", TEXT)],
                LABEL_W,
                BODY_W - LABEL_W,
                None,
            );
            self.push_paragraph(blocks, 0.0);
        } else {
            self.body_text(body, text, LABEL_W, 0.0);
        }
    }

    /// Value: a status as a colour swatch and its label.
    fn value_status(&mut self, body: NodeId, status: Option<Status>) {
        let p = self.node(Role::P, body);
        let swatch = 9.0;
        let mut blocks = self.lines(
            Mark::Node(p),
            &[Span::new(capitalised(Status::label_of(status)), TEXT)],
            LABEL_W + swatch + 5.0,
            BODY_W - LABEL_W - swatch - 5.0,
            None,
        );
        if let Some(first) = blocks.first_mut() {
            let y = first.height * 0.76 - swatch + 1.0;
            first.items.insert(
                0,
                Item {
                    shape: Shape::Rect {
                        x: LABEL_W,
                        y,
                        w: swatch,
                        h: swatch,
                        fill: Some(status_color(status)),
                        stroke: Some((Color::MUTED, 0.5)),
                    },
                    mark: Mark::Artifact(Artifact::Decoration),
                },
            );
        }
        self.push_paragraph(blocks, 0.0);
    }

    /// One goal as a block of labelled fields. `at` = (its focus area's place in `plan`, the
    /// number that area is printed with, the goal's place in the area), all 0-based.
    fn goal(
        &mut self,
        parent: NodeId,
        plan: &Plan,
        goal: &Goal,
        (area, area_number, index): (usize, usize, usize),
        review: bool,
    ) {
        let number = plan.numbering.goal_number(area_number, index);
        let labels = &plan.labels;
        let anchor = match self.goal_anchors.get(&(plan.id, area, index)) {
            Some(a) => *a,
            None => self.anchor(),
        };
        let named = if number.is_empty() {
            labels.goal().to_owned()
        } else {
            format!("{} {number}", labels.goal())
        };
        self.entries.push(Entry {
            level: 3,
            title: format!("{named}: {}", crate::units::shorten(&goal.text, 70)),
            anchor,
            in_toc: false,
        });
        self.context = if number.is_empty() {
            labels.goal().to_lowercase()
        } else {
            format!("{} {number}", labels.goal().to_lowercase())
        };
        // Review blocks and plans that ask for it leave empty fields out.
        let hide = review || plan.print.empty_fields == EmptyFields::Hide;
        let group = self.group();
        let div = self.node(Role::Div, parent);
        let list = self.node(Role::L, div);
        // A thin rule above each goal.
        let start = self.blocks.len();
        self.blocks.push(Block {
            height: 6.0,
            space_before: 10.0,
            keep_with_next: true,
            items: vec![Item {
                shape: Shape::Line {
                    x1: 0.0,
                    y1: 0.0,
                    x2: BODY_W,
                    y2: 0.0,
                    width: 0.5,
                    color: Color::RULE,
                    dotted: false,
                },
                mark: Mark::Artifact(Artifact::Decoration),
            }],
            anchors: vec![anchor],
            group: Some(group),
            ..Block::default()
        });
        let text = goal.text.clone();
        let details = goal.details.clone();
        self.field(list, &format!("{}:", labels.goal()), group, |b, body| {
            b.body_text(body, &text, LABEL_W, 0.0);
            if !details.trim().is_empty() {
                b.body_text(body, &details, LABEL_W, PARA_GAP);
            }
        });
        if !goal.documentation.trim().is_empty() || !hide {
            let doc = goal.documentation.clone();
            self.field(
                list,
                &format!("{}:", labels.documentation()),
                group,
                |b, body| {
                    b.value_text(body, &doc);
                },
            );
        }
        if !goal.owners.is_empty() || !hide {
            let owners = goal.owners.clone();
            let print = plan.print.clone();
            self.field(list, &format!("{}:", labels.owner()), group, |b, body| {
                b.value_owners(body, &owners, &print)
            });
        }
        if let Some(deadline) = goal.deadline {
            // A paragraph, not free text: "2. halvår 2013" is a date, not a numbered list.
            self.field(list, "Frist:", group, |b, body| {
                b.paragraph(body, &units::format_date(deadline), TEXT, LABEL_W, 0.0)
            });
        }
        if goal.status.is_some() || !hide {
            let status = goal.status;
            self.field(list, "Status:", group, |b, body| {
                b.value_status(body, status)
            });
        }
        if !goal.indicators.is_empty() {
            self.field(list, "Målepunkter:", group, |b, body| {
                b.indicators(body, goal)
            });
        }
        if !goal.milestones.is_empty() {
            self.field(list, "Delmål:", group, |b, body| b.milestones(body, goal));
        }
        let related = self.related_of(goal);
        if !related.is_empty() {
            self.field(list, "Sammenhæng med:", group, |b, body| {
                b.related(body, &related)
            });
        }
        if !goal.follow_ups.is_empty() {
            let mut follow_ups = goal.follow_ups.clone();
            follow_ups.sort_by_key(|f| f.date); // stable: equal dates keep their order
            self.field(list, "Opfølgning:", group, |b, body| {
                let l = b.node(Role::L, body);
                for (i, f) in follow_ups.iter().enumerate() {
                    b.follow_up(l, f, &goal.indicators, i > 0);
                }
            });
        }
        for (i, b) in self.blocks[start..].iter_mut().enumerate() {
            if i > 0 {
                b.group = Some(group);
            }
        }
    }

    fn follow_up(&mut self, list: NodeId, f: &FollowUp, indicators: &[Indicator], gap: bool) {
        let li = self.node(Role::LI, list);
        let lbl = self.node(Role::Lbl, li);
        let body = self.node(Role::LBody, li);
        let mut spans = vec![Span::new(
            units::format_date_capitalised(f.date),
            style(Face::Bold, BODY, Color::ACCENT),
        )];
        if let Some(s) = f.status {
            spans.push(Span::new(
                format!(" · status: {}", s.label()),
                style(Face::Italic, BODY, Color::BLACK),
            ));
        }
        let mut blocks = self.lines(Mark::Node(lbl), &spans, LABEL_W, BODY_W - LABEL_W, None);
        for b in &mut blocks {
            b.keep_with_next = true;
        }
        if let Some(first) = blocks.first_mut()
            && gap
        {
            first.space_before = PARA_GAP;
        }
        self.blocks.extend(blocks);
        self.body_text(body, &f.text, LABEL_W, 1.0);
        // The figures given in this follow-up, each with its indicator's name.
        let measured: Vec<String> = f
            .measurements
            .iter()
            .filter_map(|m| {
                let ind = indicators.iter().find(|i| i.id == m.indicator)?;
                Some(format!(
                    "{}: {}",
                    crate::units::shorten(ind.name.trim(), 60),
                    super::figures::figure(m.value, &ind.unit)
                ))
            })
            .collect();
        if !measured.is_empty() {
            let p = self.node(Role::P, body);
            let blocks = self.lines(
                Mark::Node(p),
                &[Span::new(
                    format!("Målt: {}", measured.join("; ")),
                    style(Face::Italic, BODY, Color::BLACK),
                )],
                LABEL_W,
                BODY_W - LABEL_W,
                None,
            );
            self.push_paragraph(blocks, 1.0);
        }
    }
}
