//! The chapter Opfølgning: the previous plan's focus areas and goals in that plan's own words
//! and numbering style, numbered on from the plan's own focus areas, with the plan's
//! introduction to the review (issue 4; `--no-review` leaves it out).

use super::builder::Builder;
use super::output::{Role, Structure};
use crate::model::Plan;

impl Builder<'_> {
    /// The review of `previous`, the plan that `plan` follows.
    pub(super) fn review_chapter(&mut self, plan: &Plan, previous: &Plan) {
        let sect = self.node(Role::Sect, Structure::ROOT);
        self.heading(sect, 1, &format!("Opfølgning på {}", previous.title), true);
        if !plan.review_intro.trim().is_empty() {
            self.body_text(sect, &plan.review_intro, 0.0, 0.0);
        }
        // Numbered on after the plan's own focus areas, in the previous plan's style.
        let offset = plan.focus_areas.len();
        self.focus_areas_of(sect, previous, &previous.focus_areas, (0, offset), true);
    }
}
