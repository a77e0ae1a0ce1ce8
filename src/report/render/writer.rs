//! A small PDF file writer: objects go straight into the output bytes as they are made, small
//! dictionaries (structure elements, annotations, outline items) are packed into compressed
//! object streams, and a cross-reference stream ends the file. A 1,000-page tagged plan has
//! some 90,000 objects; an object model (lopdf's) held them all in memory at once and took
//! several times as long to build and save.

use flate2::{Compress, Compression, FlushCompress, Status};

/// An object number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ref(pub u32);

/// Where an object ended up.
#[derive(Clone, Copy)]
enum Loc {
    Free,
    Direct(u64),
    Packed { stream: u32, index: u32 },
}

/// How many objects go into one object stream.
const PACK: usize = 256;

pub struct PdfWriter {
    out: Vec<u8>,
    /// Index = object number (0 is the free list head).
    locs: Vec<Loc>,
    pending: Vec<(Ref, Vec<u8>)>,
}

impl PdfWriter {
    pub fn new(capacity: usize) -> PdfWriter {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfWriter {
            out,
            locs: vec![Loc::Free],
            pending: Vec::new(),
        }
    }

    /// A new object number, to be filled in later.
    pub fn alloc(&mut self) -> Ref {
        self.locs.push(Loc::Free);
        Ref(u32::try_from(self.locs.len() - 1).unwrap_or(u32::MAX))
    }

    fn begin(&mut self, id: Ref) {
        if let Some(loc) = self.locs.get_mut(id.0 as usize) {
            *loc = Loc::Direct(self.out.len() as u64);
        }
        int(&mut self.out, u64::from(id.0));
        self.out.extend_from_slice(b" 0 obj\n");
    }

    /// Writes an object (a dictionary or array, given as its bytes) directly into the file.
    pub fn direct(&mut self, id: Ref, body: &[u8]) {
        self.begin(id);
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes a stream; `dict` holds the entries besides `/Length` and `/Filter`.
    pub fn stream(&mut self, id: Ref, dict: &[u8], data: &[u8], deflated: bool) {
        self.begin(id);
        self.out.extend_from_slice(b"<<");
        self.out.extend_from_slice(dict);
        self.out.extend_from_slice(b" /Length ");
        int(&mut self.out, data.len() as u64);
        if deflated {
            self.out.extend_from_slice(b" /Filter /FlateDecode");
        }
        self.out.extend_from_slice(b">>\nstream\n");
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Queues a small non-stream object for an object stream.
    pub fn packed(&mut self, id: Ref, body: Vec<u8>) {
        self.pending.push((id, body));
        if self.pending.len() >= PACK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut packer = Packer::default();
        for (id, bytes) in std::mem::take(&mut self.pending) {
            packer.add(id, |b| b.extend_from_slice(&bytes));
        }
        for stream in packer.finish() {
            self.add_packed(stream);
        }
    }

    /// Writes an object stream a [`Packer`] made (on any thread); its objects are found there.
    pub fn add_packed(&mut self, packed: PackedStream) {
        let stream = self.alloc();
        for (i, id) in packed.ids.iter().enumerate() {
            if let Some(loc) = self.locs.get_mut(id.0 as usize) {
                *loc = Loc::Packed {
                    stream: stream.0,
                    index: i as u32,
                };
            }
        }
        let mut dict = b"/Type /ObjStm /N ".to_vec();
        int(&mut dict, packed.ids.len() as u64);
        dict.extend_from_slice(b" /First ");
        int(&mut dict, packed.first as u64);
        self.stream(stream, &dict, &packed.data, packed.deflated);
    }

    /// Ends the file with a cross-reference stream that names the catalog and the document
    /// information.
    pub fn finish(mut self, root: Ref, info: Ref) -> Vec<u8> {
        self.flush();
        let xref = self.alloc();
        let xref_at = self.out.len() as u64;
        if let Some(loc) = self.locs.get_mut(xref.0 as usize) {
            *loc = Loc::Direct(xref_at);
        }
        let mut rows = Vec::with_capacity(self.locs.len() * 7);
        for (i, loc) in self.locs.iter().enumerate() {
            let (kind, a, b): (u8, u32, u16) = match *loc {
                Loc::Free if i == 0 => (0, 0, 0xFFFF),
                Loc::Free => (0, 0, 0),
                Loc::Direct(at) => (1, u32::try_from(at).unwrap_or(u32::MAX), 0),
                Loc::Packed { stream, index } => {
                    (2, stream, u16::try_from(index).unwrap_or(u16::MAX))
                }
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes());
            rows.extend_from_slice(&b.to_be_bytes());
        }
        let (data, deflated) = deflate(rows);
        let mut dict = b"/Type /XRef /W [1 4 2] /Size ".to_vec();
        int(&mut dict, self.locs.len() as u64);
        dict.extend_from_slice(b" /Root ");
        reference(&mut dict, root);
        dict.extend_from_slice(b" /Info ");
        reference(&mut dict, info);
        self.stream(xref, &dict, &data, deflated);
        self.out.extend_from_slice(b"startxref\n");
        int(&mut self.out, xref_at);
        self.out.extend_from_slice(b"\n%%EOF\n");
        self.out
    }
}

/// A finished object stream: its objects, where their bytes start, and the (compressed) data.
pub struct PackedStream {
    ids: Vec<Ref>,
    first: usize,
    data: Vec<u8>,
    deflated: bool,
}

/// Packs small objects into compressed object streams of [`PACK`] objects each, away from the
/// writer: the 100,000 structure elements of a long plan are packed on all cores, and
/// [`PdfWriter::add_packed`] only copies the results into the file.
#[derive(Default)]
pub struct Packer {
    streams: Vec<PackedStream>,
    ids: Vec<Ref>,
    header: Vec<u8>,
    body: Vec<u8>,
}

impl Packer {
    /// Adds object `id`; `write` appends its bytes (a dictionary or an array).
    pub fn add(&mut self, id: Ref, write: impl FnOnce(&mut Vec<u8>)) {
        int(&mut self.header, u64::from(id.0));
        self.header.push(b' ');
        int(&mut self.header, self.body.len() as u64);
        self.header.push(b' ');
        write(&mut self.body);
        self.body.push(b'\n');
        self.ids.push(id);
        if self.ids.len() >= PACK {
            self.seal();
        }
    }

    fn seal(&mut self) {
        if self.ids.is_empty() {
            return;
        }
        let mut header = std::mem::take(&mut self.header);
        let first = header.len();
        header.extend_from_slice(&self.body);
        self.body.clear();
        let (data, deflated) = deflate(header);
        self.streams.push(PackedStream {
            ids: std::mem::take(&mut self.ids),
            first,
            data,
            deflated,
        });
    }

    /// The object streams, in the order the objects were added.
    pub fn finish(mut self) -> Vec<PackedStream> {
        self.seal();
        self.streams
    }
}

/// Compresses with zlib's fast level (the best level took ten times as long for a file 15 %
/// smaller); keeps the bytes as they are when that does not make them smaller.
///
/// One compressor per thread, reset between streams: a new one per stream (1,700 page streams
/// and their object streams in the demo plan) allocated and zeroed its tables each time, and
/// since they are larger than glibc's mmap threshold every one came fresh from the kernel
/// (a third of the export's time was page faults).
pub fn deflate(bytes: Vec<u8>) -> (Vec<u8>, bool) {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<Compress>> =
            const { std::cell::RefCell::new(None) };
    }
    let packed = COMPRESSOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        let compressor = cell.get_or_insert_with(|| Compress::new(Compression::fast(), true));
        compressor.reset();
        compress_all(compressor, &bytes)
    });
    match packed {
        Some(packed) if packed.len() + 19 < bytes.len() => (packed, true),
        _ => (bytes, false),
    }
}

/// The whole of `bytes` through `compressor` as one zlib stream, or `None` when it fails.
fn compress_all(compressor: &mut Compress, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    loop {
        let consumed = usize::try_from(compressor.total_in()).ok()?;
        let (in_before, out_before) = (compressor.total_in(), compressor.total_out());
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(4096));
        }
        match compressor.compress_vec(bytes.get(consumed..)?, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(Status::Ok | Status::BufError) => {
                let stuck = compressor.total_in() == in_before
                    && compressor.total_out() == out_before
                    && out.len() < out.capacity();
                if stuck {
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
}

/// Writes a non-negative integer.
pub fn int(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Writes `v` with at most `decimals` (≤ 4) decimals, without trailing zeros.
pub fn num(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10i64.pow(decimals.min(4));
    let v = if v.is_finite() { f64::from(v) } else { 0.0 };
    let n = (v * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let a = n.unsigned_abs();
    let scale = scale.unsigned_abs();
    int(out, a / scale);
    let mut frac = a % scale;
    if frac != 0 {
        out.push(b'.');
        let mut div = scale / 10;
        while frac != 0 && div != 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
        }
    }
}

/// Writes numbers separated by spaces, inside brackets.
pub fn array(out: &mut Vec<u8>, values: &[f32], decimals: u32) {
    out.push(b'[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(out, *v, decimals);
    }
    out.push(b']');
}

/// Writes `N 0 R`.
pub fn reference(out: &mut Vec<u8>, r: Ref) {
    int(out, u64::from(r.0));
    out.extend_from_slice(b" 0 R");
}

/// Writes a name (`/Abc`), escaping what a name cannot hold.
pub fn name(out: &mut Vec<u8>, s: &str) {
    out.push(b'/');
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'+') {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// Writes a text string: literal for printable ASCII, else UTF-16BE with a byte order mark.
pub fn text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        literal(out, s.as_bytes());
    } else {
        out.push(b'<');
        out.extend_from_slice(b"FEFF");
        for unit in s.encode_utf16() {
            hex16(out, unit);
        }
        out.push(b'>');
    }
}

/// Writes bytes as a literal string, escaped.
pub fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// Writes a 16-bit value as four hex digits.
pub fn hex16(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((v >> shift) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32, d: u32) -> String {
        let mut out = Vec::new();
        num(&mut out, v, d);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_written_short_and_exact() {
        assert_eq!(n(0.0, 2), "0");
        assert_eq!(n(12.5, 2), "12.5");
        assert_eq!(n(-3.456, 2), "-3.46");
        assert_eq!(n(841.8898, 2), "841.89");
        assert_eq!(n(0.004, 2), "0");
        assert_eq!(n(0.1, 3), "0.1");
        assert_eq!(n(0.1234, 4), "0.1234");
        assert_eq!(n(-0.05, 2), "-0.05");
        assert_eq!(n(f32::NAN, 2), "0");
    }

    #[test]
    fn strings_and_names_are_escaped() {
        let mut out = Vec::new();
        text(&mut out, "a(b)\\c");
        out.push(b' ');
        text(&mut out, "æ");
        out.push(b' ');
        name(&mut out, "A B#");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "(a\\(b\\)\\\\c) <FEFF00E6> /A#20B#23"
        );
    }

    #[test]
    fn a_written_file_reads_back() {
        let mut w = PdfWriter::new(1024);
        let catalog = w.alloc();
        let pages = w.alloc();
        let info = w.alloc();
        let page = w.alloc();
        w.packed(catalog, b"<</Type /Catalog /Pages 2 0 R>>".to_vec());
        w.direct(pages, b"<</Type /Pages /Kids [4 0 R] /Count 1>>");
        w.packed(info, b"<</Title (x)>>".to_vec());
        w.direct(
            page,
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100]>>",
        );
        let bytes = w.finish(catalog, info);
        let doc = lopdf::Document::load_mem(&bytes).expect("reads back");
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn one_compressor_per_thread_gives_each_stream_back_whole() {
        use std::io::Read;
        // Streams of different sizes one after another on the same thread: each must be its
        // own zlib stream (the compressor is reset), and a large one must not be cut short.
        let streams: Vec<Vec<u8>> = vec![
            b"BT /F0 10 Tf (Sundhed og forebyggelse) Tj ET ".repeat(200),
            b"q 0 0 1 rg 10 10 m 20 20 l S Q ".repeat(3),
            (0..400_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            b"BT (Mestring af livet) Tj ET ".repeat(5000),
        ];
        for input in streams {
            let (packed, deflated) = deflate(input.clone());
            if !deflated {
                assert_eq!(packed, input);
                continue;
            }
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(packed.as_slice())
                .read_to_end(&mut back)
                .expect("a whole zlib stream");
            assert_eq!(back, input);
        }
    }
}
