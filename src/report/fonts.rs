//! The fonts the PDF embeds (`assets/fonts/`, with their licences) and their metrics, read from
//! the font files themselves with ttf-parser so that [`super::layout`] measures exactly what
//! [`super::render`] will draw (text is drawn without kerning: advances add up to the printed
//! width).
//!
//! Owns the choice of a face for each character: the style's own face when it has the glyph,
//! else the fallback face (DejaVu Sans), else a visible replacement (□) that the PDF maps back
//! to the original text with `/ActualText`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A font face the report can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Carlito Regular: body text.
    Regular,
    /// Carlito Bold: headings, labels, table headers.
    Bold,
    /// Carlito Italic: captions, notes.
    Italic,
    /// DejaVu Sans: characters Carlito lacks, and the replacement box.
    Fallback,
}

impl Face {
    /// Every face, in the order of [`FontSet`]'s tables.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::Fallback];

    /// The font file's bytes (embedded in the binary).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../assets/fonts/Carlito-Regular.ttf"),
            Face::Bold => include_bytes!("../../assets/fonts/Carlito-Bold.ttf"),
            Face::Italic => include_bytes!("../../assets/fonts/Carlito-Italic.ttf"),
            Face::Fallback => include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        }
    }

    /// The family and style, for messages and the PDF's font names.
    pub fn name(self) -> &'static str {
        match self {
            Face::Regular => "Carlito",
            Face::Bold => "Carlito Bold",
            Face::Italic => "Carlito Italic",
            Face::Fallback => "DejaVu Sans",
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
            Face::Fallback => 3,
        }
    }
}

/// What is drawn for one character of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    /// The character itself, from this face.
    Char(Face),
    /// Nothing: a control or formatting character that has no visible form.
    Invisible,
    /// No embedded face has it: [`REPLACEMENT`] from the fallback face, with the original kept
    /// as `/ActualText`.
    Missing,
}

/// The visible stand-in for a character no embedded font has.
pub const REPLACEMENT: char = '\u{25A1}';

/// Metrics of one face: units per em, vertical metrics and advance widths.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advance (in em) of the first 0x250 code points (Latin, Latin-1, Latin Extended), or a
    /// negative number when the face lacks the character.
    table: Vec<f32>,
    /// Glyph ids of the same code points (0 when the face lacks the character).
    gids: Vec<u16>,
    ascender: f32,
    descender: f32,
}

impl Metrics {
    fn new(face_id: Face) -> Metrics {
        // The fonts are ours and checked by a test; a parse failure is a build defect.
        #[allow(clippy::expect_used)]
        let face = ttf_parser::Face::parse(face_id.bytes(), 0).expect("embedded font parses");
        let units_per_em = f32::from(face.units_per_em().max(1));
        let ascender = f32::from(face.ascender()) / units_per_em;
        let descender = f32::from(face.descender()) / units_per_em;
        let mut m = Metrics {
            face,
            units_per_em,
            table: Vec::new(),
            gids: Vec::new(),
            ascender,
            descender,
        };
        m.table = (0u32..0x250)
            .map(|cp| char::from_u32(cp).and_then(|c| m.lookup(c)).unwrap_or(-1.0))
            .collect();
        m.gids = (0u32..0x250)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| m.face.glyph_index(c))
                    .map_or(0, |g| g.0)
            })
            .collect();
        m
    }

    fn gid(&self, c: char) -> u16 {
        match self.gids.get(c as usize) {
            Some(&g) => g,
            None => self.face.glyph_index(c).map_or(0, |g| g.0),
        }
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let gid = self.face.glyph_index(c)?;
        if gid.0 == 0 {
            return None;
        }
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
        Some(f32::from(adv) / self.units_per_em)
    }

    /// Advance in em, or `None` when the face lacks `c`.
    fn advance(&self, c: char) -> Option<f32> {
        match self.table.get(c as usize) {
            Some(&w) if w >= 0.0 => Some(w),
            Some(_) => None,
            None => self.lookup(c),
        }
    }
}

/// The embedded faces with their metrics. Built once per process ([`FontSet::get`]).
pub struct FontSet {
    faces: Vec<Metrics>,
    /// [`FontSet::resolve`] of the first 0x250 code points, per face: the answer for almost
    /// every character of a Danish plan in one look-up (the line breaker asks per character).
    resolved: Vec<Vec<(Glyph, f32)>>,
    /// Advances of characters beyond the tables, per face (filled on first use).
    cache: Mutex<HashMap<(usize, char), Option<f32>>>,
}

impl FontSet {
    /// The process-wide font set (parsing the four faces takes a few milliseconds).
    pub fn get() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let mut set = FontSet {
                faces: Face::ALL.iter().map(|&f| Metrics::new(f)).collect(),
                resolved: Vec::new(),
                cache: Mutex::new(HashMap::new()),
            };
            let mut resolved = vec![Vec::new(); Face::ALL.len()];
            for &face in &Face::ALL {
                resolved[face.index()] = (0u32..0x250)
                    .map(|cp| {
                        char::from_u32(cp)
                            .map_or((Glyph::Missing, 0.0), |c| set.resolve_slow(face, c))
                    })
                    .collect();
            }
            set.resolved = resolved;
            set
        })
    }

    fn advance_of(&self, face: Face, c: char) -> Option<f32> {
        let m = &self.faces[face.index()];
        if (c as usize) < m.table.len() {
            return m.advance(c);
        }
        let mut cache = match self.cache.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *cache
            .entry((face.index(), c))
            .or_insert_with(|| m.lookup(c))
    }

    /// True when `face` has a glyph for `c`.
    pub fn has(&self, face: Face, c: char) -> bool {
        self.advance_of(face, c).is_some()
    }

    /// Which face draws `c` in text styled with `face`, and its advance at size 1 (em): 0 for
    /// an invisible character, the replacement's advance for a missing one. One lookup in the
    /// common case (a Latin character the face has).
    #[inline]
    pub fn resolve(&self, face: Face, c: char) -> (Glyph, f32) {
        match self
            .resolved
            .get(face.index())
            .and_then(|table| table.get(c as usize))
        {
            Some(&known) => known,
            None => self.resolve_slow(face, c),
        }
    }

    fn resolve_slow(&self, face: Face, c: char) -> (Glyph, f32) {
        if is_invisible(c) {
            return (Glyph::Invisible, 0.0);
        }
        if let Some(w) = self.advance_of(face, c) {
            return (Glyph::Char(face), w);
        }
        if let Some(w) = self.advance_of(Face::Fallback, c) {
            return (Glyph::Char(Face::Fallback), w);
        }
        (
            Glyph::Missing,
            self.advance_of(Face::Fallback, REPLACEMENT).unwrap_or(0.6),
        )
    }

    /// Which face draws `c` in text styled with `face`.
    pub fn glyph(&self, face: Face, c: char) -> Glyph {
        self.resolve(face, c).0
    }

    /// The advance of `c` at size 1 (em) as drawn in text styled with `face`.
    pub fn width(&self, face: Face, c: char) -> f32 {
        self.resolve(face, c).1
    }

    /// The width of a text at size 1 (em).
    pub fn text_width(&self, face: Face, text: &str) -> f32 {
        text.chars().map(|c| self.width(face, c)).sum()
    }

    /// The glyph id of `c` in `face` (0, the .notdef glyph, when the face lacks it).
    pub fn glyph_id(&self, face: Face, c: char) -> u16 {
        self.faces[face.index()].gid(c)
    }

    /// What a PDF font descriptor says of a face.
    pub fn descriptor(&self, face: Face) -> Descriptor {
        let m = &self.faces[face.index()];
        let em = |v: i16| f32::from(v) / m.units_per_em * 1000.0;
        let bbox = m.face.global_bounding_box();
        Descriptor {
            bbox: [
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ],
            ascent: m.ascender * 1000.0,
            descent: m.descender * 1000.0,
            cap_height: m.face.capital_height().map_or(m.ascender * 700.0, em),
            italic_angle: m.face.italic_angle(),
            italic: m.face.is_italic(),
            bold: m.face.is_bold(),
        }
    }

    /// Ascender of a face in em (positive, above the baseline).
    pub fn ascender(&self, face: Face) -> f32 {
        self.faces[face.index()].ascender
    }

    /// Descender of a face in em (negative, below the baseline).
    pub fn descender(&self, face: Face) -> f32 {
        self.faces[face.index()].descender
    }
}

/// The metrics a PDF font descriptor needs, in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Descriptor {
    /// Bounding box of all glyphs: left, bottom, right, top.
    pub bbox: [f32; 4],
    /// Ascent (positive).
    pub ascent: f32,
    /// Descent (negative).
    pub descent: f32,
    /// Height of capital letters.
    pub cap_height: f32,
    /// Italic angle in degrees (negative leans right).
    pub italic_angle: f32,
    /// An italic face.
    pub italic: bool,
    /// A bold face.
    pub bold: bool,
}

/// Control and formatting characters: no glyph is drawn and they take no room (C0/C1 controls,
/// soft hyphen, zero-width and bidi controls, the BOM, variation selectors, tag characters).
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x1F | 0x7F..=0x9F | 0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carlito_has_the_danish_letters_and_punctuation() {
        let set = FontSet::get();
        for face in [Face::Regular, Face::Bold, Face::Italic] {
            for c in "æøåÆØÅéü–—“”‘’•…§½€%".chars() {
                assert!(set.has(face, c), "{} lacks {c:?}", face.name());
            }
        }
        assert!(set.has(Face::Fallback, REPLACEMENT));
    }

    #[test]
    fn a_missing_character_falls_back_or_is_replaced() {
        let set = FontSet::get();
        assert_eq!(set.glyph(Face::Regular, 'a'), Glyph::Char(Face::Regular));
        assert_eq!(set.glyph(Face::Regular, '中'), Glyph::Missing);
        assert_eq!(set.glyph(Face::Regular, '\u{7}'), Glyph::Invisible);
        assert!(set.width(Face::Regular, '中') > 0.0);
        // Hebrew: not in Carlito, in DejaVu Sans.
        assert_eq!(set.glyph(Face::Bold, 'א'), Glyph::Char(Face::Fallback));
    }
}
