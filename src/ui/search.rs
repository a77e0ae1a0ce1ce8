//! Søg (Ctrl+F): every text of the plan shown (metadata, sections, budget, focus areas,
//! goals, målepunkter, delmål, follow-ups) and the names of the file's people,
//! case-insensitive, named in the plan's own words and numbering; each hit is a
//! line with where it is and the words around it, and Enter or "Næste" jumps to the next.

use super::action::{Action, Part, Place};
use super::people::lower_first;
use crate::model::{Person, Plan};

/// One hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Where it is.
    pub place: Place,
    /// "Mål 2.3, Dokumentation".
    pub label: String,
    /// The words around the match.
    pub snippet: String,
}

/// The words around the first case-insensitive occurrence of `needle` (lowercase) in `text`,
/// or `None` when it does not occur.
fn snippet(text: &str, needle: &str) -> Option<String> {
    const AROUND: usize = 30;
    // Lowercase character by character, remembering which original character each lowercase
    // byte came from (lowercasing can change lengths).
    let chars: Vec<char> = text.chars().collect();
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        for l in c.to_lowercase() {
            let before = lower.len();
            lower.push(l);
            origin.extend(std::iter::repeat_n(i, lower.len() - before));
        }
    }
    let at = lower.find(needle)?;
    let first = origin[at];
    let last = origin[at + needle.len() - 1];
    let start = first.saturating_sub(AROUND);
    let end = (last + 1 + AROUND).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(
        chars[start..end]
            .iter()
            .map(|c| if c.is_control() { ' ' } else { *c }),
    );
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

/// Every hit of `query` in `plan` and `people`, in the plan's reading order.
pub fn find(plan: &Plan, people: &[Person], query: &str) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    let mut look = |place: Place, label: &dyn Fn() -> String, text: &str| {
        if let Some(snippet) = snippet(text, &needle) {
            hits.push(Hit {
                place,
                label: label(),
                snippet,
            });
        }
    };
    let cover = Place::Part(Part::Cover);
    for (name, text) in [
        ("Titel", &plan.title),
        ("Forvaltning/afdeling", &plan.organisation),
        ("Kommune", &plan.municipality),
        ("Journalnummer", &plan.journal_number),
        ("Godkendt af", &plan.approved_by),
        ("Adresse", &plan.contact.address),
        ("Telefon", &plan.contact.phone),
        ("Mail", &plan.contact.email),
        ("Web", &plan.contact.web),
    ] {
        look(cover, &|| format!("Forside, {name}"), text);
    }
    let intro = Place::Part(Part::Intro);
    for (i, s) in plan.sections.iter().enumerate() {
        look(intro, &|| format!("Afsnit {}, overskrift", i + 1), &s.title);
        look(intro, &|| format!("Afsnit {}, tekst", i + 1), &s.body);
    }
    look(
        intro,
        &|| "Tekst før indsatsområderne".into(),
        &plan.focus_areas_intro,
    );
    let budget = Place::Part(Part::Budget);
    look(budget, &|| "Budget, overskrift".into(), &plan.budget.title);
    for (i, row) in plan.budget.rows.iter().enumerate() {
        look(budget, &|| format!("Budgetlinje {}", i + 1), &row.area);
    }
    look(
        budget,
        &|| "Tekst under budgettet".into(),
        &plan.budget.note,
    );
    let labels = &plan.labels;
    for (a, area) in plan.focus_areas.iter().enumerate() {
        let n = format!("{} {}", labels.focus_area(), plan.numbering.area_number(a));
        let n = n.trim_end();
        look(Place::Area(area.id), &|| format!("{n}, titel"), &area.title);
        look(
            Place::Area(area.id),
            &|| format!("{n}, beskrivelse"),
            &area.description,
        );
        for (g, goal) in area.goals.iter().enumerate() {
            let place = Place::Goal(area.id, goal.id);
            let m = format!("{} {}", labels.goal(), plan.numbering.goal_number(a, g));
            let m = m.trim_end();
            look(place, &|| m.to_owned(), &goal.text);
            look(place, &|| format!("{m}, uddybning"), &goal.details);
            look(
                place,
                &|| format!("{m}, {}", lower_first(labels.documentation())),
                &goal.documentation,
            );
            for i in &goal.indicators {
                look(place, &|| format!("{m}, målepunkt"), &i.name);
            }
            for d in &goal.milestones {
                look(place, &|| format!("{m}, delmål"), &d.text);
            }
            for f in &goal.follow_ups {
                look(
                    place,
                    &|| format!("{m}, opfølgning {}", crate::units::format_date(f.date)),
                    &f.text,
                );
            }
        }
    }
    for p in people {
        look(Place::Person(p.id), &|| "Person".into(), &p.name);
        look(Place::Person(p.id), &|| "Person, stilling".into(), &p.title);
    }
    hits
}

/// The search panel's state.
#[derive(Debug, Default)]
pub struct Search {
    /// The panel is shown.
    pub open: bool,
    query: String,
    hits: Vec<Hit>,
    current: Option<usize>,
    computed: Option<(String, u64)>,
    focus: bool,
}

impl Search {
    /// Shows the panel with the cursor in the search field (Ctrl+F).
    pub fn open_and_focus(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Puts `query` in the search field.
    pub fn set_query(&mut self, query: &str) {
        query.clone_into(&mut self.query);
    }

    /// Draws the panel; `generation` changes whenever the plan was read again.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        out: &mut Vec<Action>,
        plan: &Plan,
        people: &[Person],
        generation: u64,
    ) {
        ui.horizontal(|ui| {
            ui.heading("Søg");
            if ui.button("Luk søgning").clicked() {
                self.open = false;
            }
        });
        let label = ui.label("Søg i planen");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("fx sundhed")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus) {
            response.request_focus();
        }
        if self.computed.as_ref() != Some(&(self.query.clone(), generation)) {
            let same_query = self
                .computed
                .as_ref()
                .is_some_and(|(q, _)| *q == self.query);
            self.hits = find(plan, people, &self.query);
            // The plan was read again (an edit, a jump): keep the place among the same hits.
            if !same_query || self.current.is_some_and(|i| i >= self.hits.len()) {
                self.current = None;
            }
            self.computed = Some((self.query.clone(), generation));
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.open = false;
        }
        let count = self.hits.len();
        let mut go = None;
        ui.horizontal(|ui| {
            match (count, self.current) {
                (0, _) if self.query.trim().is_empty() => ui.label(""),
                (0, _) => ui.label("Ingen fund"),
                (n, Some(i)) => ui.label(format!("Fund {} af {n}", i + 1)),
                (n, None) => ui.label(format!("{n} fund")),
            };
            if ui
                .add_enabled(count > 0, egui::Button::new("Forrige"))
                .clicked()
            {
                go = Some(self.current.map_or(count - 1, |i| (i + count - 1) % count));
            }
            if ui
                .add_enabled(count > 0, egui::Button::new("Næste"))
                .clicked()
                || (enter && count > 0)
            {
                go = Some(self.current.map_or(0, |i| (i + 1) % count));
            }
        });
        if enter {
            response.request_focus();
        }
        ui.separator();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 6.0;
        egui::ScrollArea::vertical()
            .id_salt("fund")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, count, |ui, rows| {
                for i in rows {
                    let hit = &self.hits[i];
                    let text = format!("{}\n{}", hit.label, hit.snippet);
                    if ui.selectable_label(self.current == Some(i), text).clicked() {
                        go = Some(i);
                    }
                }
            });
        if let Some(i) = go {
            self.current = Some(i);
            out.push(Action::GoTo(self.hits[i].place));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_ignore_case_and_keep_danish_letters() {
        assert_eq!(
            snippet("Sundhed og ÆLDRE", "ældre").as_deref(),
            Some("Sundhed og ÆLDRE")
        );
        assert!(snippet("abc", "x").is_none());
        let long = format!("{}nål{}", "a".repeat(100), "b".repeat(100));
        let s = snippet(&long, "nål").unwrap();
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("nål"));
        // Lowercasing that changes length ('İ' becomes two characters) does not break it.
        assert!(snippet("İstanbul", "stanbul").is_some());
    }
}
