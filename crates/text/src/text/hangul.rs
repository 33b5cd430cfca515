//! Hangul syllables and jamo: which characters they are, and jamo spelled out one letter at a time
//! (`ㅍㅐㄹㅋㅓㄴ`) composed back into syllables (팰컨).

use std::ops::Range;

pub(crate) fn is_hangul_syllable(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// Hangul compatibility jamo (ㄱ…ㅣ), as typed one letter at a time.
pub(crate) fn is_compatibility_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{3163}').contains(&c)
}

/// Composes jamo spelled out one by one (`ㅍㅐㄹㅋㅓㄴ`) into syllables (팰컨), the way a Korean
/// keyboard does: a consonant before a vowel starts a syllable, one after it ends the syllable
/// unless a vowel follows. Calls `piece` in text order with the range of `jamo` of each syllable
/// and the syllable, or of each jamo that forms no syllable (`ㅋㅋ`, `ㅠㅠ`) and `None`.
pub(crate) fn compose_jamo(jamo: &[char], mut piece: impl FnMut(Range<usize>, Option<char>)) {
    // Compatibility consonants ㄱ…ㅎ (U+3131…U+314E) as initial and final indices; 0xFF: cannot be.
    const INITIAL: [u8; 30] = [0, 1, 0xFF, 2, 0xFF, 0xFF, 3, 4, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
    const FINAL: [u8; 30] = [1, 2, 3, 4, 5, 6, 7, 0xFF, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0xFF, 18, 19, 20, 21, 22, 0xFF, 23, 24, 25, 26, 27];
    let consonant = |i: usize| jamo.get(i).and_then(|&c| ('\u{3131}'..='\u{314E}').contains(&c).then(|| c as usize - 0x3131));
    let vowel = |i: usize| jamo.get(i).and_then(|&c| ('\u{314F}'..='\u{3163}').contains(&c).then(|| c as u32 - 0x314F));
    let initial = |i: usize| consonant(i).map(|k| INITIAL[k]).filter(|&x| x != 0xFF);
    let final_of = |i: usize| consonant(i).map(|k| FINAL[k]).filter(|&x| x != 0xFF);
    // Two vowels or two finals typed apart that make one (ㅗ+ㅏ → ㅘ, ㄹ+ㄱ → ㄺ).
    let double_vowel = |a: u32, b: u32| match (a, b) {
        (8, 0) => Some(9), (8, 1) => Some(10), (8, 20) => Some(11), (13, 4) => Some(14), (13, 5) => Some(15), (13, 20) => Some(16), (18, 20) => Some(19),
        _ => None,
    };
    let double_final = |a: u8, b: u8| match (a, b) {
        (1, 19) => Some(3), (4, 22) => Some(5), (4, 27) => Some(6), (8, 1) => Some(9), (8, 16) => Some(10), (8, 17) => Some(11),
        (8, 19) => Some(12), (8, 25) => Some(13), (8, 26) => Some(14), (8, 27) => Some(15), (17, 19) => Some(18),
        _ => None,
    };
    let mut i = 0;
    while i < jamo.len() {
        let (Some(lead), Some(mut medial)) = (initial(i), vowel(i + 1)) else {
            piece(i..i + 1, None);
            i += 1;
            continue;
        };
        let start = i;
        i += 2;
        if let Some(v) = vowel(i).and_then(|v| double_vowel(medial, v)) {
            medial = v;
            i += 1;
        }
        let mut tail = 0;
        if let Some(t) = final_of(i).filter(|_| vowel(i + 1).is_none()) {
            tail = t;
            i += 1;
            if let Some(t) = final_of(i).filter(|_| vowel(i + 1).is_none()).and_then(|t2| double_final(tail, t2)) {
                tail = t;
                i += 1;
            }
        }
        let code = 0xAC00 + (u32::from(lead) * 21 + medial) * 28 + u32::from(tail);
        piece(start..i, char::from_u32(code));
    }
}

