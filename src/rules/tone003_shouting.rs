//! TONE003 shouting: three or more ALL-CAPS words in a row, or "!!!".

use super::*;
use std::ops::Range;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE003",
    name: "shouting",
    category: Cat::Tone,
    severity: Info,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs("Three or more ALL-CAPS words in a row, or a run of “!!!”.", "대문자 단어 세 개 이상 연속, 또는 “!!!”."),
    why: Bilingual::fixed(
        "Capitals and exclamation runs read as shouting; a PR team would flag it in a reply.",
        "대문자와 느낌표 연속은 고함으로 읽힙니다. 홍보팀이라면 답글에서 지적할 말투입니다.",
    ),
    source: Bilingual::fixed(
        "RFC 1855, Netiquette Guidelines: upper case reads as shouting",
        "RFC 1855 네티켓 지침: 대문자는 고함으로 읽힘",
    ),
    example: Bilingual::for_docs("THIS IS NOT ACCEPTABLE!!!", "진짜 최고!!!"),
    fix: Bilingual::for_docs("Use sentence case and one “!”.", "소문자와 느낌표 하나로 쓰세요."),
};

/// Everyday words: in capitals they are shouting, unlike acronyms.
const SHOUTED_WORDS: &[&str] = &[
    "THE", "THIS", "THAT", "IS", "ARE", "NOT", "NO", "NOW", "YOU", "YOUR", "WE", "OUR", "FIX", "STOP", "WHY", "WHAT",
    "NEVER", "EVER", "WORST", "HATE", "AND", "TO", "OF", "FOR", "IT", "DO", "DONT", "CANT", "WONT", "ME", "MY", "GET",
];

/// Runs of three or more ALL-CAPS words of two letters or more, joined by white space or commas,
/// each run as long as it goes: what `\b[A-Z]{2,}(?:[\s,]+[A-Z]{2,}){2,}\b` (ASCII word
/// boundaries) finds. Scanned by hand: that regex ran on the PikeVM in WASM, a third of the time
/// of checking a long draft.
fn caps_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut runs = Vec::new();
    let mut close = |chain: Option<(usize, usize, usize)>| {
        if let Some((start, end, 3..)) = chain {
            runs.push(start..end);
        }
    };
    let mut chain: Option<(usize, usize, usize)> = None; // start, end of its last word, its words
    let mut joined = false; // only white space and commas since the chain's last word
    let mut at = 0;
    while at < bytes.len() {
        if is_word(bytes[at]) {
            let start = at;
            while at < bytes.len() && is_word(bytes[at]) {
                at += 1;
            }
            let capitals = at - start >= 2 && bytes[start..at].iter().all(u8::is_ascii_uppercase);
            chain = match chain {
                Some((first, _, words)) if capitals && joined => Some((first, at, words + 1)),
                _ => {
                    close(chain);
                    capitals.then_some((start, at, 1))
                }
            };
            joined = true;
        } else if joined && chain.is_some() {
            let c = text[at..].chars().next().expect("after a word or a whole character");
            joined = c.is_whitespace() || c == ',';
            at += c.len_utf8();
        } else {
            at += 1; // no chain to extend: only the next word matters, and words are ASCII
        }
    }
    close(chain);
    runs
}

/// Runs of three or more "!" (or full-width "！"), and runs of six or more "!" and "?" mixed:
/// what `[!！]{3,}|(?:[!?]{2,}[?!]){2,}` finds, scanned by hand like [`caps_runs`].
fn bang_runs(text: &str) -> Vec<Range<usize>> {
    // The end of the run of `of` from `from`, and its length in characters.
    let run = |from: usize, of: fn(char) -> bool| {
        let (mut end, mut chars) = (from, 0);
        for c in text[from..].chars().take_while(|&c| of(c)) {
            end += c.len_utf8();
            chars += 1;
        }
        (end, chars)
    };
    let mut runs = Vec::new();
    let mut at = 0;
    // "！" is the only mark that begins with the byte 0xEF.
    while let Some(next) = text.as_bytes()[at..].iter().position(|&b| matches!(b, b'!' | b'?' | 0xEF)) {
        at += next;
        let (bangs_end, bangs) = run(at, |c| matches!(c, '!' | '！'));
        let (marks_end, marks) = run(at, |c| matches!(c, '!' | '?'));
        if bangs >= 3 {
            runs.push(at..bangs_end);
            at = bangs_end;
        } else if marks >= 6 {
            runs.push(at..marks_end);
            at = marks_end;
        } else {
            at += text[at..].chars().next().expect("at a character").len_utf8();
        }
    }
    runs
}

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for run in caps_runs(draft.text) {
        let shouted = &draft.text[run.clone()];
        let words = shouted.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).count();
        let letters = shouted.chars().filter(char::is_ascii_alphabetic).count();
        let plain_words = shouted.split(|c: char| !c.is_ascii_alphabetic()).any(|w| SHOUTED_WORDS.contains(&w));
        if !plain_words && (words < 4 || letters < 12) {
            continue; // "OLED HDR LCD": a run of acronyms is not shouting
        }
        let calm = shouted.to_lowercase();
        out.add(&DOC, run.clone(), bi("All caps reads as shouting.", "대문자만 쓰면 고함처럼 읽힙니다."))
            .suggest(bi("Use lower case", "소문자로 바꾸기"), run, calm);
    }
    for run in bang_runs(draft.text) {
        out.add(&DOC, run.clone(), bi("A run of “!” reads as shouting.", "느낌표 연속은 고함처럼 읽힙니다."))
            .suggest(bi("Use one “!”", "느낌표 하나로 줄이기"), run, "!");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The patterns the scanners replace: they must find exactly what these find.
    fn by_regex(pattern: &str, text: &str) -> Vec<Range<usize>> {
        Regex::new(pattern).unwrap().find_iter(text).map(|m| m.range()).collect()
    }
    const CAPS: &str = r"(?-u:\b)[A-Z]{2,}(?:[\s,]+[A-Z]{2,}){2,}(?-u:\b)";
    const BANGS: &str = r"[!！]{3,}|(?:[!?]{2,}[?!]){2,}";

    #[test]
    fn the_scanners_find_what_the_patterns_find() {
        for text in [
            "THIS IS NOT ACCEPTABLE!!!",
            "WE, ARE,\u{3000}DONE now",
            "OK GO NOW1 AND THEN STOP",
            "A BB CC DD e FF GG HH_ II JJ KK",
            "한글ABC DEF GHI한글",
            "what?!?!?! no!! really!!!! ？？？ ！！！!",
            "!!?!!!, ?????, ??????",
        ] {
            assert_eq!(caps_runs(text), by_regex(CAPS, text), "{text:?}");
            assert_eq!(bang_runs(text), by_regex(BANGS, text), "{text:?}");
        }
        assert_eq!(caps_runs("stop THIS NOW PLEASE ok"), [5..20]);
        assert_eq!(bang_runs("no!!! really?!?!?!"), [2..5, 12..18]);
    }

    proptest! {
        #[test]
        fn the_scanners_match_the_patterns_on_any_mix(text in proptest::collection::vec(prop_oneof![
            Just("A"), Just("BC"), Just("x"), Just("1"), Just("_"), Just(" "), Just(","), Just("\n"),
            Just("\u{3000}"), Just("-"), Just("!"), Just("?"), Just("！"), Just("한"),
        ], 0..40).prop_map(|parts| parts.concat())) {
            prop_assert_eq!(caps_runs(&text), by_regex(CAPS, &text));
            prop_assert_eq!(bang_runs(&text), by_regex(BANGS, &text));
        }
    }
}
