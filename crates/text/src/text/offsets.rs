//! Byte offsets converted to the units the CLI (characters) and JavaScript (UTF-16) count in.


/// Byte offsets of one text as counts of characters, or of UTF-16 code units (JavaScript's string
/// indices), each in constant time after one pass: the count before every 64th byte is kept and
/// the rest counted from there. Counting from the start for each offset was quadratic, and took
/// most of a 25,000-character check with many findings.
pub struct OffsetMap<'t> {
    bytes: &'t [u8],
    utf16: bool,
    /// The units before each 64-byte chunk, and after the last; empty for ASCII, where units are bytes.
    before: Vec<usize>,
}

impl<'t> OffsetMap<'t> {
    const STEP: usize = 64;

    pub fn new(text: &'t str, utf16: bool) -> Self {
        let bytes = text.as_bytes();
        let mut before = Vec::new();
        if !text.is_ascii() {
            let mut units = 0;
            for chunk in bytes.chunks(Self::STEP) {
                before.push(units);
                units += Self::units(chunk, utf16);
            }
            before.push(units);
        }
        OffsetMap { bytes, utf16, before }
    }

    /// The units before byte `at`, a character boundary.
    pub fn of(&self, at: usize) -> usize {
        if self.before.is_empty() {
            return at;
        }
        let chunk = at / Self::STEP;
        self.before[chunk] + Self::units(&self.bytes[chunk * Self::STEP..at], self.utf16)
    }

    /// A character counts at its first byte (any but 0b10xxxxxx); UTF-16 writes one beyond the
    /// Basic Multilingual Plane (first byte 0b11110xxx) as two units.
    fn units(bytes: &[u8], utf16: bool) -> usize {
        bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(utf16 && b >= 0xF0)).sum()
    }
}

/// Converts a byte offset of `text` into a count of Unicode scalar values.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Converts a byte offset of `text` into UTF-16 code units, as JavaScript counts.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().map(char::len_utf16).sum()
}
