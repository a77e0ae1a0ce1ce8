//! The names a round gives things outside the plan file: the workbooks' file names (safe on
//! Windows, so that a person finds their own in the folder) and the `mailto:` links of the
//! editor's "Skriv mail" and "Skriv påmindelse".

use crate::model::Date;
use crate::units::format_date;

/// Characters Windows refuses in a file name.
const FORBIDDEN: [char; 9] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
/// Names Windows keeps for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];
/// At most this many characters of the round's name and of the person's name: the whole
/// name stays far below Windows' 255 per file name and leaves room for the folder in its 260
/// per path.
const ROUND_CHARS: usize = 60;
const PERSON_CHARS: usize = 40;

/// One part of a file name: forbidden and control characters become "-", runs of
/// whitespace one space, at most `max` characters, no dot or space at either end.
fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if FORBIDDEN.contains(&c) || c.is_control() {
            '-'
        } else {
            c
        });
    }
    let cut: String = out.chars().take(max).collect();
    cut.trim_matches(|c: char| c == '.' || c == ' ').to_owned()
}

/// The workbook's file name: "Opfølgning efterår 2013 - Børge Alstrup.xlsx". Safe on
/// Windows: no `<>:"/\|?*` or control characters, no dot or space before ".xlsx", no device
/// name (CON, PRN, …), bounded length. An empty part is left out.
pub fn file_name(round_name: &str, person_name: &str) -> String {
    let round = clean(round_name, ROUND_CHARS);
    let person = clean(person_name, PERSON_CHARS);
    let mut stem = match (round.is_empty(), person.is_empty()) {
        (false, false) => format!("{round} - {person}"),
        (false, true) => round,
        (true, false) => person,
        (true, true) => "Opfølgning".to_owned(),
    };
    let base = stem.split('.').next().unwrap_or("").trim().to_uppercase();
    if RESERVED.contains(&base.as_str()) {
        stem.insert(0, '_');
    }
    format!("{stem}.xlsx")
}

/// Percent-encodes `text` for a `mailto:` link (RFC 6068): everything but the unreserved
/// characters, as UTF-8; a line break is CR LF.
fn encode(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::new();
    for b in normalised.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `mailto:` link to `address` with this subject and body, percent-encoded; the address's
/// own "?" or "&" cannot add fields.
pub fn mailto(address: &str, subject: &str, body: &str) -> String {
    let to: String = address
        .trim()
        .split('@')
        .map(encode)
        .collect::<Vec<_>>()
        .join("@");
    format!(
        "mailto:{to}?subject={}&body={}",
        encode(subject),
        encode(body)
    )
}

/// The mail that sends a tovholder their workbook: the subject names the round and the plan,
/// the body the deadline and the file to attach.
pub fn request_mailto(
    address: &str,
    person_name: &str,
    round_name: &str,
    plan_title: &str,
    deadline: Date,
    file_name: &str,
) -> String {
    let subject = format!("{round_name}: {plan_title}");
    let body = format!(
        "Kære {person_name}\n\n\
         Det er tid til opfølgning på virksomhedsplanen «{plan_title}». Vedhæftet er \
         regnearket «{file_name}» med de mål, du er tovholder for.\n\n\
         Udfyld de gule felter (Ny status, Dato og Opfølgning, og Ny værdi under Målepunkter), \
         gem regnearket, og send det tilbage som vedhæftet fil senest {}.\n\n\
         På forhånd tak.",
        format_date(deadline)
    );
    mailto(address, &subject, &body)
}

/// The reminder for a tovholder who has not answered yet.
pub fn reminder_mailto(
    address: &str,
    person_name: &str,
    round_name: &str,
    plan_title: &str,
    deadline: Date,
    file_name: &str,
) -> String {
    let subject = format!("Påmindelse – {round_name}: {plan_title}");
    let body = format!(
        "Kære {person_name}\n\n\
         Vi mangler stadig dit svar på opfølgningen på virksomhedsplanen «{plan_title}». \
         Svarfristen er {}. Udfyld regnearket «{file_name}», som du fik tilsendt (det er \
         vedhæftet igen), og send det tilbage som vedhæftet fil.\n\n\
         På forhånd tak.",
        format_date(deadline)
    );
    mailto(address, &subject, &body)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;

    #[test]
    fn a_file_name_names_round_and_person_and_is_safe_on_windows() {
        assert_eq!(
            file_name("Opfølgning efterår 2013", "Børge Alstrup"),
            "Opfølgning efterår 2013 - Børge Alstrup.xlsx"
        );
        assert_eq!(
            file_name("Runde 1/2: \"efterår\"?", "A<B>|C*"),
            "Runde 1-2- -efterår-- - A-B--C-.xlsx"
        );
        assert_eq!(file_name("Runde.", "Ib. "), "Runde - Ib.xlsx");
        assert_eq!(file_name("", "con"), "_con.xlsx");
        assert_eq!(file_name("NUL", ""), "_NUL.xlsx");
        assert_eq!(file_name("  ", "\t"), "Opfølgning.xlsx");
        assert_eq!(file_name("a\u{7}\nb", "c"), "a- b - c.xlsx");
        let long = file_name(&"ø".repeat(500), &"æ".repeat(500));
        assert!(
            long.chars().count() <= ROUND_CHARS + PERSON_CHARS + 8,
            "{long}"
        );
    }

    #[test]
    fn a_mailto_link_is_percent_encoded_and_names_deadline_and_file() {
        let deadline = Date::day(2013, 10, 15).unwrap();
        let link = request_mailto(
            "borge@albertslund.dk",
            "Børge Alstrup",
            "Opfølgning efterår 2013",
            "Virksomhedsplan 2012-2013",
            deadline,
            "Opfølgning efterår 2013 - Børge Alstrup.xlsx",
        );
        assert!(link.starts_with("mailto:borge@albertslund.dk?subject=Opf%C3%B8lgning%20"));
        assert!(!link.contains(' '));
        assert!(link.contains("15.%20oktober%202013"), "{link}");
        assert!(link.contains("%0D%0A"));
        assert!(link.contains("B%C3%B8rge%20Alstrup.xlsx"));
        assert_eq!(
            mailto("a@b.dk?cc=x@y.dk", "s&t", "b"),
            "mailto:a@b.dk%3Fcc%3Dx@y.dk?subject=s%26t&body=b"
        );
        let reminder = reminder_mailto("a@b.dk", "Ib", "R", "P", deadline, "R - Ib.xlsx");
        assert!(reminder.contains("subject=P%C3%A5mindelse"));
    }
}
