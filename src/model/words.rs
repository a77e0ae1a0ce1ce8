//! The plan's own words, numbering and print settings (plan-format.md, version 2, PLAN):
//! [`Labels`] ("Netværksleder" instead of "Tovholder"), [`Numbering`] ("Mål 1", "1.1", "a")
//! and [`PrintSettings`] (empty fields dashed or hidden, owners' mail and stilling). Every
//! place that shows a default word or a number asks these, so one plan reads in its own
//! words on screen and on paper.

use super::extra::Extra;

/// The plan's own words; `None` = the default (plan-format.md). A label is never blank.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// One focus area (default "Indsatsområde").
    pub focus_area: Option<String>,
    /// The chapter of focus areas (default "Indsatsområder").
    pub focus_areas: Option<String>,
    /// One goal (default "Mål").
    pub goal: Option<String>,
    /// A goal's owner (default "Tovholder").
    pub owner: Option<String>,
    /// How achievement is shown (default "Dokumentation").
    pub documentation: Option<String>,
    /// The intro chapter (default "Indledning").
    pub intro: Option<String>,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// Which label of [`Labels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// `focus_area`
    FocusArea,
    /// `focus_areas`
    FocusAreas,
    /// `goal`
    Goal,
    /// `owner`
    Owner,
    /// `documentation`
    Documentation,
    /// `intro`
    Intro,
}

impl Label {
    /// Every label, in the order of plan-format.md.
    pub const ALL: [Label; 6] = [
        Label::FocusArea,
        Label::FocusAreas,
        Label::Goal,
        Label::Owner,
        Label::Documentation,
        Label::Intro,
    ];

    /// The JSON member name.
    pub fn code(self) -> &'static str {
        match self {
            Label::FocusArea => "focus_area",
            Label::FocusAreas => "focus_areas",
            Label::Goal => "goal",
            Label::Owner => "owner",
            Label::Documentation => "documentation",
            Label::Intro => "intro",
        }
    }

    /// The default word.
    pub fn default_word(self) -> &'static str {
        match self {
            Label::FocusArea => "Indsatsområde",
            Label::FocusAreas => "Indsatsområder",
            Label::Goal => "Mål",
            Label::Owner => "Tovholder",
            Label::Documentation => "Dokumentation",
            Label::Intro => "Indledning",
        }
    }
}

impl Labels {
    /// The stored value of a label (`None` = default).
    pub fn get(&self, label: Label) -> Option<&str> {
        match label {
            Label::FocusArea => self.focus_area.as_deref(),
            Label::FocusAreas => self.focus_areas.as_deref(),
            Label::Goal => self.goal.as_deref(),
            Label::Owner => self.owner.as_deref(),
            Label::Documentation => self.documentation.as_deref(),
            Label::Intro => self.intro.as_deref(),
        }
    }

    /// Sets a label (`None` = default).
    pub fn set(&mut self, label: Label, value: Option<String>) {
        let slot = match label {
            Label::FocusArea => &mut self.focus_area,
            Label::FocusAreas => &mut self.focus_areas,
            Label::Goal => &mut self.goal,
            Label::Owner => &mut self.owner,
            Label::Documentation => &mut self.documentation,
            Label::Intro => &mut self.intro,
        };
        *slot = value;
    }

    /// The word to show: the plan's own, or the default.
    pub fn word(&self, label: Label) -> &str {
        self.get(label).unwrap_or(label.default_word())
    }

    /// "Indsatsområde" (or the plan's word).
    pub fn focus_area(&self) -> &str {
        self.word(Label::FocusArea)
    }

    /// "Indsatsområder" (or the plan's word).
    pub fn focus_areas(&self) -> &str {
        self.word(Label::FocusAreas)
    }

    /// "Mål" (or the plan's word).
    pub fn goal(&self) -> &str {
        self.word(Label::Goal)
    }

    /// "Tovholder" (or the plan's word).
    pub fn owner(&self) -> &str {
        self.word(Label::Owner)
    }

    /// "Dokumentation" (or the plan's word).
    pub fn documentation(&self) -> &str {
        self.word(Label::Documentation)
    }

    /// "Indledning" (or the plan's word).
    pub fn intro(&self) -> &str {
        self.word(Label::Intro)
    }
}

/// How focus areas are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AreaNumbering {
    /// "1. Titel" (`"1"`, default)
    #[default]
    Arabic,
    /// "Mål 1: Titel", with the `focus_area` label (`"label"`)
    Label,
    /// "A. Titel" (`"A"`)
    Letter,
    /// "I. Titel" (`"I"`)
    Roman,
    /// no number (`"none"`)
    None,
}

impl AreaNumbering {
    /// Every style, in the order the editor offers them.
    pub const ALL: [AreaNumbering; 5] = [
        AreaNumbering::Arabic,
        AreaNumbering::Label,
        AreaNumbering::Letter,
        AreaNumbering::Roman,
        AreaNumbering::None,
    ];

    /// The JSON code.
    pub fn code(self) -> &'static str {
        match self {
            AreaNumbering::Arabic => "1",
            AreaNumbering::Label => "label",
            AreaNumbering::Letter => "A",
            AreaNumbering::Roman => "I",
            AreaNumbering::None => "none",
        }
    }

    /// The style for a code, if it is one.
    pub fn from_code(code: &str) -> Option<AreaNumbering> {
        AreaNumbering::ALL.into_iter().find(|n| n.code() == code)
    }
}

/// How goals are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GoalNumbering {
    /// "1.1": the focus area's number, a dot, the goal's (`"1.1"`, default)
    #[default]
    Dotted,
    /// "1": the goal's number within its focus area (`"1"`)
    Arabic,
    /// "a": a, b, c within the focus area (`"a"`)
    Letter,
    /// no number (`"none"`)
    None,
}

impl GoalNumbering {
    /// Every style, in the order the editor offers them.
    pub const ALL: [GoalNumbering; 4] = [
        GoalNumbering::Dotted,
        GoalNumbering::Arabic,
        GoalNumbering::Letter,
        GoalNumbering::None,
    ];

    /// The JSON code.
    pub fn code(self) -> &'static str {
        match self {
            GoalNumbering::Dotted => "1.1",
            GoalNumbering::Arabic => "1",
            GoalNumbering::Letter => "a",
            GoalNumbering::None => "none",
        }
    }

    /// The style for a code, if it is one.
    pub fn from_code(code: &str) -> Option<GoalNumbering> {
        GoalNumbering::ALL.into_iter().find(|n| n.code() == code)
    }
}

/// The plan's numbering of focus areas and goals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Numbering {
    /// Focus areas.
    pub focus_areas: AreaNumbering,
    /// Goals.
    pub goals: GoalNumbering,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

/// "A", "B", … "Z", "AA", "AB", … for 0, 1, … (upper or lower case).
pub fn letters(index: usize, upper: bool) -> String {
    let base = if upper { b'A' } else { b'a' };
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(base + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Roman numerals for 1, 2, … ("I", "II", … "MMMCMXCIX"); beyond 3999 the Arabic number.
pub fn roman(number: usize) -> String {
    if number == 0 || number > 3999 {
        return number.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = number;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

impl Numbering {
    /// The number of focus area `area` (0-based) on its own: "1", "A", "I"; "" for none.
    /// With the `label` style it is the Arabic number ("1"), the label goes in front of it in
    /// [`Numbering::area_heading`].
    pub fn area_number(&self, area: usize) -> String {
        match self.focus_areas {
            AreaNumbering::Arabic | AreaNumbering::Label => (area + 1).to_string(),
            AreaNumbering::Letter => letters(area, true),
            AreaNumbering::Roman => roman(area + 1),
            AreaNumbering::None => String::new(),
        }
    }

    /// The heading of a focus area: "1. Titel", "Mål 1: Titel", "A. Titel", "I. Titel",
    /// "Titel".
    pub fn area_heading(&self, labels: &Labels, area: usize, title: &str) -> String {
        match self.focus_areas {
            AreaNumbering::None => title.to_owned(),
            AreaNumbering::Label => {
                format!("{} {}: {title}", labels.focus_area(), area + 1)
            }
            _ => format!("{}. {title}", self.area_number(area)),
        }
    }

    /// The number of goal `goal` of focus area `area` (both 0-based): "2.3", "3", "c"; ""
    /// for none. With `"1.1"` and unnumbered focus areas, the goal's number alone.
    pub fn goal_number(&self, area: usize, goal: usize) -> String {
        match self.goals {
            GoalNumbering::Dotted => match self.focus_areas {
                AreaNumbering::None => (goal + 1).to_string(),
                _ => format!("{}.{}", self.area_number(area), goal + 1),
            },
            GoalNumbering::Arabic => (goal + 1).to_string(),
            GoalNumbering::Letter => letters(goal, false),
            GoalNumbering::None => String::new(),
        }
    }
}

/// What an empty field of a goal prints as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EmptyFields {
    /// "Dokumentation: –" (`"dash"`, default)
    #[default]
    Dash,
    /// left out of the goal's block (`"hide"`)
    Hide,
}

impl EmptyFields {
    /// The JSON code.
    pub fn code(self) -> &'static str {
        match self {
            EmptyFields::Dash => "dash",
            EmptyFields::Hide => "hide",
        }
    }

    /// The setting for a code, if it is one.
    pub fn from_code(code: &str) -> Option<EmptyFields> {
        match code {
            "dash" => Some(EmptyFields::Dash),
            "hide" => Some(EmptyFields::Hide),
            _ => None,
        }
    }
}

/// How the plan prints goals' fields and owners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintSettings {
    /// Empty fields dashed or hidden.
    pub empty_fields: EmptyFields,
    /// Each owner's mail as a link after the name (default `false`).
    pub owner_email: bool,
    /// The stilling in brackets after the name (default `true`).
    pub owner_title: bool,
    /// The JSON `extra` object, verbatim.
    pub extra: Extra,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            empty_fields: EmptyFields::Dash,
            owner_email: false,
            owner_title: true,
            extra: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_spec_shows_them() {
        let labels = Labels {
            focus_area: Some("Mål".into()),
            ..Labels::default()
        };
        let mut n = Numbering::default();
        assert_eq!(n.area_heading(&labels, 0, "Sundhed"), "1. Sundhed");
        assert_eq!(n.goal_number(1, 2), "2.3");
        n.focus_areas = AreaNumbering::Label;
        assert_eq!(n.area_heading(&labels, 0, "Sundhed"), "Mål 1: Sundhed");
        assert_eq!(n.goal_number(0, 0), "1.1");
        n.focus_areas = AreaNumbering::Letter;
        n.goals = GoalNumbering::Letter;
        assert_eq!(n.area_heading(&labels, 27, "X"), "AB. X");
        assert_eq!(n.goal_number(0, 0), "a");
        n.focus_areas = AreaNumbering::Roman;
        assert_eq!(n.area_heading(&labels, 3, "X"), "IV. X");
        n.focus_areas = AreaNumbering::None;
        n.goals = GoalNumbering::Dotted;
        assert_eq!(n.area_heading(&labels, 3, "X"), "X");
        assert_eq!(n.goal_number(3, 1), "2");
        n.goals = GoalNumbering::None;
        assert_eq!(n.goal_number(3, 1), "");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(letters(25, true), "Z");
        assert_eq!(letters(26, true), "AA");
    }
}
