//! Line breaking over the fonts' advance widths: styled spans in, lines of positioned runs out.
//!
//! Greedy: words separated by spaces fill a line until the next one would not fit. A word longer
//! than the line (a URL, a 10,000-character word, a pasted base64 image of megabytes) is cut,
//! preferably after `/ - . _ ? & =`, so that nothing ever runs past the width; each cut reads
//! only what its line holds, so breaking is linear in the length of the text (issue 17). Text
//! is drawn without kerning, so the summed advances are the printed width exactly. Characters
//! no embedded face has become a replacement run that carries the original text (see
//! [`crate::report::fonts`]).

use super::output::{Color, TextRun};
use crate::report::fonts::{Face, FontSet, Glyph, REPLACEMENT};
use std::borrow::Cow;

/// How a span of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// The face the text asks for (characters it lacks fall back).
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Text colour.
    pub color: Color,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text; `\n` is not expected here (callers split lines first).
    pub text: String,
    /// Its style.
    pub style: Style,
}

impl Span {
    /// A span.
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

/// One laid-out line: runs with `x` relative to the line start and `y` = 0 (the baseline).
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// Text runs, left to right.
    pub runs: Vec<TextRun>,
    /// Width actually used.
    pub width: f32,
    /// The largest font size on the line (0 for an empty line).
    pub size: f32,
}

/// One unbreakable piece of a word: text in one style with its width. The text is a slice of
/// the span it came from (or a space), so breaking a paragraph allocates per line, not per
/// word.
#[derive(Debug, Clone, Copy)]
struct Piece<'s> {
    text: &'s str,
    style: Style,
    width: f32,
}

/// A word (pieces glued together: `pieces` indexes the shared list), with the space before
/// it (if any).
#[derive(Debug, Clone)]
struct Word {
    pieces: std::ops::Range<usize>,
    width: f32,
    /// Width of the space that precedes the word on a line (0 for the first word of a span
    /// glued to the previous one).
    space: f32,
    space_style: Option<Style>,
}

/// Characters that separate words (drawn as one space).
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The words of `spans`, and the pieces they are made of.
fn words<'s>(spans: &'s [Span], fonts: &FontSet) -> (Vec<Word>, Vec<Piece<'s>>) {
    let mut out: Vec<Word> = Vec::new();
    let mut pieces: Vec<Piece<'s>> = Vec::new();
    // Whether the next text continues the previous word (no space in between).
    let mut glued = false;
    let mut pending_space: Option<Style> = None;
    for span in spans {
        let st = span.style;
        let mut flush = |text: &'s str, glued: &mut bool, pending: &mut Option<Style>| {
            if text.is_empty() {
                return;
            }
            let width = text_width(fonts, st.face, text) * st.size;
            pieces.push(Piece {
                text,
                style: st,
                width,
            });
            let at = pieces.len() - 1;
            match out.last_mut() {
                Some(w) if *glued => {
                    w.width += width;
                    w.pieces.end = at + 1;
                }
                _ => {
                    let (space, space_style) = match pending.take() {
                        Some(s) if !out.is_empty() => (fonts.width(s.face, ' ') * s.size, Some(s)),
                        _ => (0.0, None),
                    };
                    out.push(Word {
                        pieces: at..at + 1,
                        width,
                        space,
                        space_style,
                    });
                }
            }
            *glued = true;
        };
        let text = span.text.as_str();
        let mut word_start = 0;
        for (i, c) in text.char_indices() {
            if is_separator(c) {
                flush(&text[word_start..i], &mut glued, &mut pending_space);
                glued = false;
                pending_space = Some(st);
                word_start = i + c.len_utf8();
            }
        }
        flush(&text[word_start..], &mut glued, &mut pending_space);
    }
    (out, pieces)
}

// How many advance widths the breaker has looked up on this thread: tests prove with it that
// breaking is linear in the length of a text, without timing anything.
#[cfg(test)]
thread_local! {
    static LOOKUPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many advance widths the breaker has looked up on this thread so far.
#[cfg(test)]
pub(crate) fn lookups() -> u64 {
    LOOKUPS.with(std::cell::Cell::get)
}

/// The advance of `c` at size 1 (em): every width the breaker uses comes through here.
#[inline]
fn advance(fonts: &FontSet, face: Face, c: char) -> f32 {
    #[cfg(test)]
    LOOKUPS.with(|n| n.set(n.get() + 1));
    fonts.width(face, c)
}

/// The width of a text at size 1 (em), summed in the order [`FontSet::text_width`] sums it.
fn text_width(fonts: &FontSet, face: Face, text: &str) -> f32 {
    text.chars().map(|c| advance(fonts, face, c)).sum()
}

/// The width of `text` in `style` when it is at most `limit`, else `None`. Stops measuring as
/// soon as the limit is passed, so that a pasted blob is measured a line at a time and not
/// once per line from the cut to its end (which made breaking quadratic in its length).
fn width_within(text: &str, style: Style, limit: f32, fonts: &FontSet) -> Option<f32> {
    let mut em = 0.0f32;
    for c in text.chars() {
        em += advance(fonts, style.face, c);
        // Advances are never negative: once a prefix is too wide, so is the whole.
        if em * style.size > limit {
            return None;
        }
    }
    Some(em * style.size)
}

/// Where to cut `text` (in `style`), which is wider than `room`: the byte length of a head
/// that fits, and its width. The head holds at least one character, so that every cut makes
/// progress even in a hopelessly narrow column. Reads no further than the cut.
fn cut(text: &str, st: Style, room: f32, fonts: &FontSet) -> (usize, f32) {
    let mut width = 0.0;
    let mut end = 0;
    let mut last_break: Option<(usize, f32)> = None;
    for (i, c) in text.char_indices() {
        let w = advance(fonts, st.face, c) * st.size;
        if width + w > room && end > 0 {
            break;
        }
        width += w;
        end = i + c.len_utf8();
        if matches!(c, '/' | '-' | '.' | '_' | '?' | '&' | '=' | ',' | ';') {
            last_break = Some((end, width));
        }
        // A no-break space keeps a date or a figure with its unit together while they fit
        // a line; when they do not, it is the place to cut ("31. december | 2013"), never
        // inside the year.
        if c == '\u{a0}' {
            last_break = Some((end, width));
        }
    }
    // Prefer a cut after a URL separator or a no-break space when it keeps at least half the
    // line.
    if let Some((b, w)) = last_break
        && b < text.len()
        && w >= room * 0.5
    {
        end = b;
        width = w;
    }
    (end, width)
}

/// Lays out `spans` in lines no wider than `width` (the first line `first_width`, for a
/// hanging label). Always returns at least one line. Linear in the length of the text: a
/// word longer than a line is cut a line at a time, each cut reading only what that line
/// holds.
pub fn break_lines(spans: &[Span], first_width: f32, width: f32, fonts: &FontSet) -> Vec<Line> {
    let (words, pieces) = words(spans, fonts);
    // Every placed piece, with the index in `placed` where each line starts: one list for
    // the paragraph rather than a list per line.
    let mut placed: Vec<(f32, Piece, bool)> = Vec::with_capacity(pieces.len() * 2);
    let mut starts: Vec<usize> = vec![0];
    // Lines that ended at a space (the next word did not fit).
    let mut soft: Vec<usize> = Vec::new();
    let mut x = 0.0f32;
    let room = |starts: &Vec<usize>| {
        if starts.len() == 1 {
            first_width.max(1.0)
        } else {
            width.max(1.0)
        }
    };
    for word in words {
        let line_empty = starts.last() == Some(&placed.len());
        let space = if line_empty { 0.0 } else { word.space };
        if !line_empty && x + space + word.width > room(&starts) {
            soft.push(starts.len() - 1);
            starts.push(placed.len());
            x = 0.0;
        } else if space > 0.0
            && let Some(st) = word.space_style
        {
            // The space is drawn as part of the text so that extraction gets it back.
            placed.push((
                x,
                Piece {
                    text: " ",
                    style: st,
                    width: space,
                },
                true,
            ));
            x += space;
        }
        for piece in &pieces[word.pieces] {
            let Piece {
                text,
                style: st,
                width: whole,
            } = *piece;
            // `text[start..]` is what is not placed yet.
            let mut start = 0;
            loop {
                let r = room(&starts);
                let rest = &text[start..];
                // The rest's width when a line could hold it (measured no further than that).
                let rest_width = if start == 0 {
                    Some(whole).filter(|w| *w <= r + 0.001)
                } else {
                    width_within(rest, st, r + 0.001, fonts)
                };
                if let Some(w) = rest_width
                    && x + w <= r + 0.001
                {
                    placed.push((
                        x,
                        Piece {
                            text: rest,
                            style: st,
                            width: w,
                        },
                        false,
                    ));
                    x += w;
                    break;
                }
                let line_empty = starts.last() == Some(&placed.len());
                if !line_empty && rest_width.is_some_and(|w| w <= r) {
                    // The rest of the word fits on a line of its own.
                    starts.push(placed.len());
                    x = 0.0;
                    continue;
                }
                let (end, head_width) = cut(rest, st, r - x, fonts);
                if end == 0 || (x > 0.0 && head_width > r - x) {
                    starts.push(placed.len());
                    x = 0.0;
                    continue;
                }
                let head = Piece {
                    text: &rest[..end],
                    style: st,
                    width: head_width,
                };
                placed.push((x, head, false));
                starts.push(placed.len());
                x = 0.0;
                start += end;
                if start >= text.len() {
                    break;
                }
            }
        }
    }
    let mut out: Vec<Line> = (0..starts.len())
        .map(|k| {
            let end = starts.get(k + 1).copied().unwrap_or(placed.len());
            to_line(&placed[starts[k]..end], fonts)
        })
        .collect();
    for i in soft {
        if let Some(run) = out.get_mut(i).and_then(|l| l.runs.last_mut()) {
            run.space_after = true;
        }
    }
    out
}

/// Merges neighbouring pieces of one style and splits them by the face that draws each
/// character.
fn to_line(pieces: &[(f32, Piece, bool)], fonts: &FontSet) -> Line {
    // Drop trailing spaces.
    let mut end = pieces.len();
    while end > 0 && pieces[end - 1].2 {
        end -= 1;
    }
    let mut line = Line::default();
    // (x, style, width, the pieces' text joined): one piece is borrowed, more are joined.
    let mut merged: Vec<(f32, Style, f32, Cow<'_, str>)> = Vec::new();
    for (x, p, _) in &pieces[..end] {
        match merged.last_mut() {
            Some((_, style, width, text)) if *style == p.style => {
                text.to_mut().push_str(p.text);
                *width += p.width;
            }
            _ => merged.push((*x, p.style, p.width, Cow::Borrowed(p.text))),
        }
    }
    for (x, style, width, text) in merged {
        line.size = line.size.max(style.size);
        line.width = line.width.max(x + width);
        runs_of_cow(text, style, x, fonts, &mut line.runs);
    }
    line
}

/// Splits text of one style into runs by the face that draws each character.
pub fn runs_of(text: &str, style: Style, x: f32, fonts: &FontSet, out: &mut Vec<TextRun>) {
    runs_of_cow(Cow::Borrowed(text), style, x, fonts, out);
}

/// [`runs_of`] for text the caller owns: when one face draws all of it (nearly every line of
/// a plan), the text becomes the run's text without a copy.
fn runs_of_cow(text: Cow<'_, str>, style: Style, x: f32, fonts: &FontSet, out: &mut Vec<TextRun>) {
    let mut x = x;
    // The open run: (byte start, what draws it, width).
    let mut open: Option<(usize, Glyph, f32)> = None;
    for (i, c) in text.char_indices() {
        #[cfg(test)]
        LOOKUPS.with(|n| n.set(n.get() + 1));
        let (g, w) = fonts.resolve(style.face, c);
        let w = w * style.size;
        match &mut open {
            _ if g == Glyph::Invisible => {
                if let Some((start, g, w)) = open.take() {
                    push_run(out, Cow::Borrowed(&text[start..i]), g, w, style, &mut x);
                }
            }
            Some((_, og, ow)) if *og == g => *ow += w,
            _ => {
                if let Some((start, g, w)) = open.take() {
                    push_run(out, Cow::Borrowed(&text[start..i]), g, w, style, &mut x);
                }
                open = Some((i, g, w));
            }
        }
    }
    if let Some((start, g, w)) = open {
        // A run that starts at 0 and is still open is the whole text.
        let rest = if start == 0 {
            text
        } else {
            Cow::Owned(text[start..].to_owned())
        };
        push_run(out, rest, g, w, style, &mut x);
    }
}

/// Adds the run of `text` drawn as `g`, `w` wide, at `x`, and moves `x` past it.
fn push_run(
    out: &mut Vec<TextRun>,
    text: Cow<'_, str>,
    g: Glyph,
    w: f32,
    style: Style,
    x: &mut f32,
) {
    let (face, drawn, actual) = match g {
        Glyph::Char(f) => (f, text.into_owned(), None),
        _ => (
            Face::Fallback,
            std::iter::repeat_n(REPLACEMENT, text.chars().count()).collect(),
            Some(text.into_owned()),
        ),
    };
    if !drawn.is_empty() {
        out.push(TextRun {
            x: *x,
            y: 0.0,
            size: style.size,
            face,
            color: style.color,
            text: drawn,
            width: w,
            actual,
            angle: 0.0,
            space_after: false,
        });
    }
    *x += w;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style {
            face: Face::Regular,
            size: 10.0,
            color: Color::BLACK,
        }
    }

    fn text_of(line: &Line) -> String {
        line.runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn greedy_lines_never_exceed_the_width() {
        let fonts = FontSet::get();
        let text = "Sundheds- og Socialforvaltningen er karakteriseret ved 4 hovedafdelinger, som \
                    løser opgaver indenfor sundheds-, social-, arbejdsmarkeds- og ældreområdet.";
        let lines = break_lines(&[Span::new(text, style())], 150.0, 150.0, fonts);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.width <= 150.0 + 0.01, "{} > 150", l.width);
            for r in &l.runs {
                assert!(r.x + r.width <= 150.01);
            }
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn a_date_held_together_is_cut_at_its_no_break_space_when_the_column_is_too_narrow() {
        let fonts = FontSet::get();
        let date = "(31.\u{a0}december\u{a0}2013)";
        let full = text_width(fonts, Face::Regular, date) * 10.0;
        let lines = break_lines(&[Span::new(date, style())], full * 0.8, full * 0.8, fonts);
        let texts: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[1] == "2013)", "the year stays whole: {texts:?}");
        assert_eq!(texts.concat(), date);
    }

    #[test]
    fn a_long_word_is_cut_preferably_after_a_slash() {
        let fonts = FontSet::get();
        let url = "https://www.albertslund.dk/politik/virksomhedsplaner/sundheds-og-socialforvaltningen/2012-2013/bilag.pdf";
        let lines = break_lines(&[Span::new(url, style())], 120.0, 120.0, fonts);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 120.01));
        let joined: String = lines.iter().map(text_of).collect();
        assert_eq!(joined, url);
        let word = "x".repeat(10_000);
        let lines = break_lines(&[Span::new(&word, style())], 1.0, 1.0, fonts);
        assert_eq!(lines.iter().map(text_of).collect::<String>(), word);
    }

    #[test]
    fn missing_characters_become_replacements_with_the_original_kept() {
        let fonts = FontSet::get();
        let lines = break_lines(&[Span::new("Glad 中 dag", style())], 500.0, 500.0, fonts);
        let runs = &lines[0].runs;
        let replaced: Vec<_> = runs.iter().filter(|r| r.actual.is_some()).collect();
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced[0].text, "□");
        assert_eq!(replaced[0].actual.as_deref(), Some("中"));
    }
    /// A pasted blob (a base64 image, a URL list) is broken in time linear in its length:
    /// each character's width is looked up a bounded number of times, so twice the text makes
    /// (about) twice the look-ups. Before, every cut measured the rest of the blob again.
    #[test]
    fn an_unbroken_blob_is_broken_with_a_bounded_number_of_lookups_per_character() {
        let fonts = FontSet::get();
        let blob =
            |n: usize| -> String { "iVBORw0KGgo+AAAA/NSUhEUg".chars().cycle().take(n).collect() };
        let lookups_for = |n: usize| -> u64 {
            let text = blob(n);
            let before = lookups();
            let lines = break_lines(&[Span::new(&text, style())], 300.0, 300.0, fonts);
            let after = lookups();
            assert!(lines.len() > n / 100);
            assert!(lines.iter().all(|l| l.width <= 300.01));
            assert_eq!(lines.iter().map(text_of).collect::<String>(), text);
            after - before
        };
        let n = 30_000;
        let (one, two) = (lookups_for(n), lookups_for(2 * n));
        assert!(one <= 6 * n as u64, "{one} look-ups for {n} characters");
        assert!(
            two <= 2 * one + 1_000,
            "{one} look-ups for {n} characters, {two} for twice as many"
        );
    }
}
