//! Folded views of a draft, each with a map back to the original text.
//!
//! People write "ＦＡＬＣＯＮ", "Fal\u{200B}con", "sh1t", "시1발" and "Project  Falcon"; rules should not
//! have to care. A [`View`] is a rewritten copy of the text in which every byte remembers the byte
//! range of the original character it came from, so a match found in any view is reported as a span
//! of the text the user actually sees.
//!
//! * [`Views::folded`]: NFKC/NFKD compatibility forms, diacritics and invisible characters removed,
//!   lower case, Cyrillic and Greek look-alikes mapped to Latin, and Hangul spelled out in jamo
//!   composed into syllables (`ㅍㅐㄹㅋㅓㄴ` → 팰컨; jamo that form no syllable, like `ㅋㅋ`, stay).
//!   Spaces and punctuation stay, so regular expressions can still see words and numbers.
//! * [`Views::compact`]: `folded` with everything but letters and digits removed, so phrases match
//!   whatever spacing or punctuation sits between their words.
//! * [`Views::tone`]: `compact` plus leetspeak undone inside Latin words (`sh1t`), digits and symbols
//!   between Hangul syllables dropped (`씨@발`), and `*` kept for masked words (`f***`).
//!
//! [`unmasked`] is a fourth, case-keeping view for the patterns that care about case (keys and
//! tokens): invisible characters dropped, full-width ASCII and look-alike letters made ASCII. It is
//! built only when a text has such characters.
//!
//! The code is split by what it knows: [`views`] builds the views from what [`chars`] says of each
//! character and from [`hangul`]'s composition; [`offsets`] converts spans for the caller and
//! [`language`] tells the text's language and sentences.

mod chars;
mod hangul;
mod language;
mod offsets;
mod views;

pub use chars::*;
pub use language::*;
pub use offsets::*;
pub use views::*;

#[cfg(test)]
mod tests {
    use super::hangul::is_hangul_syllable;
    use super::*;

    fn original_of<'a>(text: &'a str, view: &View, needle: &str) -> &'a str {
        let at = view.text.find(needle).expect("needle in view");
        &text[view.to_original(at..at + needle.len())]
    }

    #[test]
    fn full_width_and_zero_width_fold_back_to_what_the_user_wrote() {
        let text = "see ＦＡＬ\u{200B}ＣＯＮ now";
        let views = Views::new(text);
        assert_eq!(original_of(text, &views.compact, "falcon"), "ＦＡＬ\u{200B}ＣＯＮ");
    }

    #[test]
    fn diacritics_and_cyrillic_look_alikes_fold_to_latin() {
        let text = "Prоjеct Fálcon"; // Cyrillic о and е
        assert_eq!(Views::new(text).compact.text, "projectfalcon");
    }

    #[test]
    fn leetspeak_is_undone_inside_words_only() {
        assert_eq!(Views::new("sh1t $hit f***").tone.text, "shitshitf***");
        assert_eq!(Views::new("B2B 3:1 100").tone.text, "b2b31100");
        assert_eq!(Views::new("fuuuuck shiiit good").tone.text, "fuckshitgood");
    }

    #[test]
    fn the_leet_skeleton_keeps_offsets_and_reads_1_as_i_or_l() {
        let text = "Fa1c0n 팰컨 Q4 l";
        let skeleton = leet_skeleton(text);
        assert_eq!(skeleton, "Faicon 팰컨 Qa i");
        assert_eq!(skeleton.len(), text.len());
        assert!(leet_stands_for('1', 'l') && leet_stands_for('1', 'i') && leet_stands_for('@', 'a') && leet_stands_for('a', 'a'));
        assert!(!leet_stands_for('i', 'l') && !leet_stands_for('4', 'e') && !leet_stands_for('8', 'b'));
    }

    #[test]
    fn symbols_between_hangul_are_dropped_in_the_tone_view() {
        let text = "시1발 씨@발";
        let views = Views::new(text);
        assert_eq!(views.tone.text, "시발씨발");
        assert_eq!(original_of(text, &views.tone, "씨발"), "씨@발");
    }

    #[test]
    fn spelled_out_jamo_compose_into_the_syllables_they_spell() {
        let text = "ㅍㅐㄹㅋㅓㄴ은 ㅈㅜㄱㅇㅕㅂㅓㄹㅣㄴㄷㅏ ㄷㅏㄹㄱ ㅎㅗㅣㅅㅏ";
        let views = Views::new(text);
        assert_eq!(views.compact.text, "팰컨은죽여버린다닭회사");
        assert_eq!(original_of(text, &views.compact, "팰컨"), "ㅍㅐㄹㅋㅓㄴ");
        assert_eq!(original_of(text, &views.compact, "여"), "ㅇㅕ");
        // Jamo that spell no syllable stay as they were: laughter, crying, initials.
        assert_eq!(Views::new("ㅋㅋ").folded.text, "\u{110F}\u{110F}", "as compatibility folding writes them");
        for kept in ["ㅋㅋㅋ", "ㅠㅠ", "ㅇㅋ", "ㅏㅏ"] {
            assert!(!Views::new(kept).folded.text.chars().any(is_hangul_syllable), "{kept}");
        }
        assert_eq!(compose_spelled_hangul("ㅇㅣ 팰컨ㅇㅡㄴ"), "이 팰컨은");
    }

    #[test]
    fn unmasked_keeps_case_and_undoes_what_hides_letters() {
        let text = "key \u{0410}KIA\u{200B}5Q ＡＢｃ 한글";
        let view = unmasked(text).expect("something to unmask");
        assert_eq!(view.text, "key AKIA5Q ABc 한글");
        let at = view.text.find("AKIA5Q").unwrap();
        assert_eq!(&text[view.to_original(at..at + 6)], "\u{0410}KIA\u{200B}5Q");
        assert!(unmasked("plain text, 한글, émoji 😀").is_none());
        assert!(unmasked("❤\u{FE0F} 좋아요！ 👩\u{200D}💻").is_none(), "emoji sequences and wide ！ hide no key");
        for text in [text, "plain text, 한글, émoji 😀", "ｘ", "a\u{00AD}b", "Ω", "ㅋㅋ\u{3164}", "приве́т", "❤\u{FE0F} 좋아요！", "👩\u{200D}💻"] {
            assert_eq!(Views::new(text).masked, unmasked(text).is_some(), "{text}");
        }
    }

    #[test]
    fn full_width_letters_continue_a_word() {
        assert!(is_latin_word_char('Ｒ') && is_latin_word_char('９'));
        assert!(!is_latin_word_char('：') && !is_latin_word_char('한'));
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_and_newlines() {
        let text = "Revenue was $2B. We are happy!\n다음 분기에 봐요";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["Revenue was $2B.", " We are happy!", "다음 분기에 봐요"]);
    }

    #[test]
    fn offsets_convert_to_chars_and_utf16() {
        let text = "a😀한b";
        let b = text.find('b').unwrap();
        assert_eq!(char_offset(text, b), 3);
        assert_eq!(utf16_offset(text, b), 4);
    }
}
