//! A follow-up round (opfølgningsrunde, issue 19): a plan's goals sent to their tovholdere as
//! one workbook each, and the answers taken back in. Plain data: what the plan file records
//! about a round (when, to whom, which goals, what came back), never the workbooks' bytes.

use super::date::Date;
use super::figures::IndicatorId;
use super::plan::{GoalId, PersonId, PlanId, RoundId};

/// One round of follow-up for a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Row id (0 before it is stored).
    pub id: RoundId,
    /// The plan whose goals are followed up.
    pub plan: PlanId,
    /// Its name, e.g. "Opfølgning efterår 2013"; never blank.
    pub name: String,
    /// The reply deadline the workbooks name.
    pub deadline: Date,
    /// The day the round was started (the workbooks written).
    pub started_on: Date,
    /// The day the round was closed; a closed round takes no answers.
    pub closed_on: Option<Date>,
    /// The folder the workbooks were written to, as the user chose it ("Åbn mappen" opens it
    /// again in a later session); empty when not known.
    pub folder: String,
    /// One package per tovholder, in the order they were chosen.
    pub packages: Vec<Package>,
}

/// What one tovholder was sent in a round, and what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The tovholder.
    pub person: PersonId,
    /// The name as it was when the round started (the file name and the workbook show it;
    /// the person may be renamed or deleted since).
    pub person_name: String,
    /// The workbook's file name, e.g. "Opfølgning efterår 2013 - Børge Alstrup.xlsx".
    pub file_name: String,
    /// The goals asked about, in the workbook's order (ids; a goal may be deleted since).
    pub goals: Vec<GoalId>,
    /// The indicators asked about (sheet "Målepunkter"), in the workbook's order.
    pub indicators: Vec<IndicatorId>,
    /// The day the user marked the package as sent.
    pub sent_on: Option<Date>,
    /// Every workbook read back from this tovholder, oldest first.
    pub receipts: Vec<Receipt>,
}

/// One returned workbook that was read into the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The day it was read in.
    pub received_on: Date,
    /// A fingerprint of the answers it held (lowercase hex), so that the same answers read
    /// twice are recognised ("allerede indlæst den …") and nothing is added twice.
    pub digest: String,
    /// How many follow-ups it added.
    pub follow_ups: usize,
}

impl Round {
    /// Whether the round is closed (takes no more answers).
    pub fn is_closed(&self) -> bool {
        self.closed_on.is_some()
    }

    /// The package sent to `person`, if any.
    pub fn package(&self, person: PersonId) -> Option<&Package> {
        self.packages.iter().find(|p| p.person == person)
    }

    /// The goals of the round no answer has come back for yet, in package order.
    pub fn unanswered_goals(&self) -> Vec<GoalId> {
        self.packages
            .iter()
            .filter(|p| !p.has_answered())
            .flat_map(|p| p.goals.iter().copied())
            .collect()
    }
}

impl Package {
    /// Whether any workbook came back from this tovholder.
    pub fn has_answered(&self) -> bool {
        !self.receipts.is_empty()
    }

    /// The day the last workbook came back, if any.
    pub fn last_answer(&self) -> Option<Date> {
        self.receipts.last().map(|r| r.received_on)
    }

    /// The earlier receipt with these answers, if the same answers were read before.
    pub fn receipt_with(&self, digest: &str) -> Option<&Receipt> {
        self.receipts.iter().find(|r| r.digest == digest)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;

    fn package(person: i64, goals: &[i64], receipts: Vec<Receipt>) -> Package {
        Package {
            person: PersonId(person),
            person_name: format!("Person {person}"),
            file_name: format!("Runde - Person {person}.xlsx"),
            goals: goals.iter().map(|g| GoalId(*g)).collect(),
            indicators: Vec::new(),
            sent_on: None,
            receipts,
        }
    }

    #[test]
    fn goals_of_tovholdere_who_have_not_answered_are_unanswered() {
        let answered = Receipt {
            received_on: Date::day(2013, 10, 1).unwrap(),
            digest: "ab".into(),
            follow_ups: 2,
        };
        let round = Round {
            id: RoundId(1),
            plan: PlanId(1),
            name: "Opfølgning efterår 2013".into(),
            deadline: Date::day(2013, 10, 15).unwrap(),
            started_on: Date::day(2013, 9, 20).unwrap(),
            closed_on: None,
            folder: String::new(),
            packages: vec![
                package(1, &[1, 2], vec![answered.clone()]),
                package(2, &[3], vec![]),
            ],
        };
        assert_eq!(round.unanswered_goals(), vec![GoalId(3)]);
        assert!(round.package(PersonId(1)).unwrap().has_answered());
        assert_eq!(
            round.package(PersonId(1)).unwrap().last_answer(),
            Some(answered.received_on)
        );
        assert!(
            round
                .package(PersonId(1))
                .unwrap()
                .receipt_with("ab")
                .is_some()
        );
        assert!(
            round
                .package(PersonId(1))
                .unwrap()
                .receipt_with("cd")
                .is_none()
        );
        assert!(round.package(PersonId(3)).is_none());
        assert!(!round.is_closed());
    }
}
