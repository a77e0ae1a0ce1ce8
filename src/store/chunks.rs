//! How a version's content is kept compactly (schema 4): cut into content-defined chunks
//! (FastCDC, ~16 KB on average), each deflated and stored once under the SHA-256 of its
//! bytes. A cut depends only on the bytes around it, so an edit in one goal changes the
//! chunk around that goal and leaves the others (and their rows) as they were. A changed
//! chunk is deflated against the chunk it replaces (deflate's preset dictionary), so it costs
//! about what changed in it. Twenty versions of a plan cost little more than one and the
//! changes between them (README, "Versioner"). The one home of fastcdc, flate2 and sha2 in the
//! store (tests/architecture.rs).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use sha2::{Digest, Sha256};

/// Smallest chunk (but the last).
const MIN_CHUNK: usize = 4 * 1024;
/// The average chunk the cut points aim at.
const AVG_CHUNK: usize = 16 * 1024;
/// Largest chunk: a stored chunk that inflates to more is damaged. At most deflate's window
/// (32 KB), so that a chunk deflated against the one it replaces (its base) still reaches the
/// same place in the base from anywhere in itself.
pub(super) const MAX_CHUNK: usize = 28 * 1024;

/// The SHA-256 of `bytes`, in lowercase hex (how the file stores every digest).
pub(super) fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in hash.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The content-defined pieces of `payload`, in order; together they are `payload`.
pub(super) fn cut(payload: &[u8]) -> Vec<&[u8]> {
    fastcdc::v2020::FastCDC::new(payload, MIN_CHUNK, AVG_CHUNK, MAX_CHUNK)
        .map(|c| &payload[c.offset..c.offset + c.length])
        .collect()
}

/// A chunk deflated (raw deflate) for storing, against `base` when given: deflate's preset
/// dictionary, so that what the chunk shares with its base (the same part of the plan in the
/// version before) costs a few bytes.
pub(super) fn deflate(chunk: &[u8], base: Option<&[u8]>) -> std::io::Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
    let mut c = Compress::new(Compression::best(), false);
    if let Some(base) = base {
        c.set_dictionary(base).map_err(|e| failed(&e))?;
    }
    let mut out = Vec::with_capacity(chunk.len() / 2 + 1024);
    loop {
        let done = usize::try_from(c.total_in()).map_err(|e| failed(&e))?;
        if out.len() == out.capacity() {
            out.reserve(chunk.len() / 2 + 1024);
        }
        let status = c
            .compress_vec(
                &chunk[done.min(chunk.len())..],
                &mut out,
                FlushCompress::Finish,
            )
            .map_err(|e| failed(&e))?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
    }
}

/// A stored chunk inflated (against `base` when it was deflated against one), or `None` when
/// it is not a deflate stream, needs another base, or inflates to more than a chunk can hold
/// (another program wrote it).
pub(super) fn inflate(stored: &[u8], base: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut d = Decompress::new(false);
    if let Some(base) = base {
        d.set_dictionary(base).ok()?;
    }
    let mut out = Vec::with_capacity(MAX_CHUNK + 1);
    loop {
        let done = usize::try_from(d.total_in()).ok()?;
        let before = (d.total_in(), out.len());
        let status = d
            .decompress_vec(stored.get(done..)?, &mut out, FlushDecompress::Finish)
            .ok()?;
        if out.len() > MAX_CHUNK {
            return None;
        }
        match status {
            Status::StreamEnd => return Some(out),
            // No progress with all the input given and room left: the stream is cut short.
            _ if before == (d.total_in(), out.len()) => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap here is a failed test
    use super::*;

    #[test]
    fn chunks_put_together_are_the_payload_and_an_edit_keeps_most_of_them() {
        // Text that does not repeat (a counter through a mixing step), as a plan's text does
        // not: 400 KB.
        let mut x: u64 = 1;
        let text: Vec<u8> = (0..400_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                b'a' + ((x >> 33) % 26) as u8
            })
            .collect();
        let chunks = cut(&text);
        assert_eq!(chunks.concat(), text);
        assert!(chunks.iter().all(|c| c.len() <= MAX_CHUNK));
        assert!(chunks.len() > 10, "{} chunks", chunks.len());
        let mut edited = text.clone();
        edited.splice(200_000..200_000, b"en ny opfolgning".iter().copied());
        let after = cut(&edited);
        let same = after.iter().filter(|c| chunks.contains(c)).count();
        assert!(same + 3 >= after.len(), "{same} of {} kept", after.len());
        for c in &chunks {
            assert_eq!(inflate(&deflate(c, None).unwrap(), None).unwrap(), *c);
        }
        // A chunk against the one it replaces: small, and only that base reads it back.
        let mut start = 0;
        let old = *chunks
            .iter()
            .find(|c| {
                start += c.len();
                start > 200_000
            })
            .unwrap();
        let new = after.iter().find(|c| !chunks.contains(c)).unwrap();
        let delta = deflate(new, Some(old)).unwrap();
        assert!(delta.len() < 200, "{} bytes", delta.len());
        assert_eq!(inflate(&delta, Some(old)).unwrap(), *new);
        assert_ne!(inflate(&delta, Some(chunks[0])), Some(new.to_vec()));
        assert_eq!(inflate(b"\xff\xfe not deflate", None), None);
        assert_eq!(inflate(&delta[..delta.len() / 2], Some(old)), None);
        assert_eq!(digest(b"").len(), 64);
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
