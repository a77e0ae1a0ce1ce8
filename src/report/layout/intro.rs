//! The chapter Indledning (or the plan's own word for it): the plan's sections (the first one
//! titled as the chapter is the chapter's own text) and the budget table with its caption and
//! note.

use super::builder::{BODY_W, Builder, CELL_PAD, Col, style};
use super::output::{Color, Mark, NodeId, Role, Structure};
use super::text::Span;
use crate::model::Plan;
use crate::report::fonts::Face;
use crate::units;

impl Builder<'_> {
    /// The chapter Indledning, when the plan has sections or a budget.
    pub(super) fn intro_chapter(&mut self, plan: &Plan) {
        let has_intro = !plan.sections.is_empty();
        let has_budget = !plan.budget.is_empty();
        if !has_intro && !has_budget {
            return;
        }
        let sect = self.node(Role::Sect, Structure::ROOT);
        let mut sections = plan.sections.iter().peekable();
        // The first section titled as the chapter ("Indledning", or the plan's own word) is
        // the chapter's own text.
        let title = plan.labels.intro();
        let chapter_title = match sections.peek() {
            Some(s) if s.title.trim().to_lowercase() == title.trim().to_lowercase() => {
                let s = sections.next();
                self.heading(sect, 1, title, true);
                if let Some(s) = s {
                    self.body_text(sect, &s.body, 0.0, 0.0);
                }
                true
            }
            _ => false,
        };
        if !chapter_title {
            self.heading(sect, 1, title, true);
        }
        for s in sections {
            let sub = self.node(Role::Sect, sect);
            self.heading(sub, 2, &s.title, true);
            self.body_text(sub, &s.body, 0.0, 4.0);
        }
        if has_budget {
            self.budget(sect, plan);
        }
    }

    fn budget(&mut self, parent: NodeId, plan: &Plan) {
        let b = &plan.budget;
        let sect = self.node(Role::Sect, parent);
        let title = if b.title.trim().is_empty() {
            "Budget"
        } else {
            b.title.as_str()
        };
        self.heading(sect, 2, title, true);
        let size = 9.5;
        if let Some(year) = b.year {
            let cap = self.node(Role::Caption, sect);
            let mut blocks = self.lines(
                Mark::Node(cap),
                &[Span::new(
                    format!("Budget {year}, {}, i kr.", plan.organisation.trim()),
                    style(Face::Italic, size, Color::BLACK),
                )],
                0.0,
                BODY_W,
                None,
            );
            for bl in &mut blocks {
                bl.keep_with_next = true;
            }
            if let Some(f) = blocks.first_mut() {
                f.space_before = 4.0;
            }
            self.blocks.extend(blocks);
        }
        let header: Vec<String> = ["Område", "Udgifter", "Indtægter", "Samlet resultat"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let amount = |v: Option<i64>| v.map_or_else(|| "–".to_string(), units::format_amount);
        let rows: Vec<Vec<String>> = b
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.area.clone(),
                    amount(Some(r.expenses)),
                    amount(Some(r.income)),
                    amount(r.result()),
                ]
            })
            .collect();
        let totals = b.totals();
        let total = vec![
            "I alt".to_string(),
            amount(totals.map(|t| t.expenses)),
            amount(totals.map(|t| t.income)),
            amount(totals.map(|t| t.result)),
        ];
        // Figure columns as wide as their widest figure, the area column takes the rest.
        let fonts = self.fonts;
        let widest = |i: usize| -> f32 {
            let mut w = fonts.text_width(Face::Bold, &header[i]) * size;
            for r in rows.iter().chain(std::iter::once(&total)) {
                w = w.max(fonts.text_width(Face::Bold, &r[i]) * size);
            }
            (w + 2.0 * CELL_PAD + 2.0).min(BODY_W * 0.22)
        };
        let fig: Vec<f32> = (1..4).map(widest).collect();
        let fig_total: f32 = fig.iter().sum();
        let cols = [
            Col {
                width: BODY_W - fig_total,
                right: false,
            },
            Col {
                width: fig[0],
                right: true,
            },
            Col {
                width: fig[1],
                right: true,
            },
            Col {
                width: fig[2],
                right: true,
            },
        ];
        if let Some(first) = self.blocks.last_mut() {
            first.keep_with_next = true;
        }
        let start = self.blocks.len();
        self.table(sect, &cols, &header, &rows, Some(&total), size);
        if let Some(f) = self.blocks.get_mut(start) {
            f.space_before = 6.0;
        }
        if !b.note.trim().is_empty() {
            self.body_text(sect, &b.note, 0.0, 8.0);
        }
    }
}
