//! Korean particles (조사) fitted to the word before them, as a native writes them: “오해”는,
//! “Nova X1”을, “3조”를, “이메일”로 — never the placeholder forms 은(는), 을(를), (으)로.
//!
//! The form depends on how the word ends when read aloud: after a final consonant (받침) 은, 이,
//! 을, 과, 으로; after a vowel 는, 가, 를, 와, 로; and after ㄹ, 로 (but 은, 이, 을, 과). Hangul says
//! its final consonant itself. Latin letters, digits and symbols are read the way Koreans read
//! them: an acronym letter by letter (IBM → 아이비엠), a word as its loanword (Intel → 인텔,
//! Google → 구글, Facebook → 페이스북), a model number in English (X1 → 엑스원), other numbers in
//! Korean (3 → 삼, 20 → 이십, 1,000 → 천, 3조 → 조), % as 퍼센트.

/// A particle whose form depends on the sound before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particle {
    /// 은/는: the topic.
    Topic,
    /// 이/가: the subject.
    Subject,
    /// 을/를: the object.
    Object,
    /// 과/와: "and", "with".
    With,
    /// 으로/로: "as", "into", "to".
    Toward,
}

/// How a word ends when read aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// No final consonant: 바, 노바, 조, 퍼센트.
    Vowel,
    /// The final consonant ㄹ: 글, 일, 엘.
    Rieul,
    /// Any other final consonant: 삼, 원, 북, 엠.
    Consonant,
}

use Ending::{Consonant, Rieul, Vowel};

/// The form of `particle` that follows `word`.
pub fn particle(word: &str, particle: Particle) -> &'static str {
    let ending = ending(word);
    match particle {
        Particle::Topic => if ending == Vowel { "는" } else { "은" },
        Particle::Subject => if ending == Vowel { "가" } else { "이" },
        Particle::Object => if ending == Vowel { "를" } else { "을" },
        Particle::With => if ending == Vowel { "와" } else { "과" },
        Particle::Toward => if ending == Consonant { "으로" } else { "로" },
    }
}

/// `word` in quotation marks, followed by its particle: `quoted("오해", Topic)` is “오해”는.
pub fn quoted(word: &str, with: Particle) -> String {
    format!("“{word}”{}", particle(word, with))
}

/// How `word` ends: by its last character that is read aloud (closing punctuation, brackets,
/// quotes and emoji are silent).
fn ending(word: &str) -> Ending {
    let mut rest = word;
    while let Some(last) = rest.chars().next_back() {
        let before = &rest[..rest.len() - last.len_utf8()];
        match last {
            '가'..='힣' => return hangul(last),
            'ㄱ'..='ㆎ' => return if last == 'ㅇ' { Consonant } else { Vowel }, // ㅇㅇ is 응응; ㅋㅋ is 크크
            '0'..='9' => return number(rest),
            'a'..='z' | 'A'..='Z' => return latin(rest),
            '%' | '°' | '℃' => return Vowel, // 퍼센트, 도
            _ => rest = before,
        }
    }
    Vowel
}

/// Where the run of characters that `belongs` at the end of `text` starts.
fn trailing_run(text: &str, belongs: impl Fn(char) -> bool) -> usize {
    text.char_indices().rev().take_while(|&(_, c)| belongs(c)).last().map_or(text.len(), |(i, _)| i)
}

/// A Hangul syllable's final consonant (종성): none, ㄹ, or another.
fn hangul(syllable: char) -> Ending {
    match (syllable as u32 - 0xAC00) % 28 {
        0 => Vowel,
        8 => Rieul,
        _ => Consonant,
    }
}

/// A number at the end of `text`, read in Korean (일, 이십, 천, 삼조), or in English after a letter
/// when it is one digit (X1 엑스원, A4 에이포): Koreans read model numbers that way.
fn number(text: &str) -> Ending {
    let start = trailing_run(text, |c| c.is_ascii_digit() || c == ',' || c == '.');
    let run = text[start..].trim_start_matches([',', '.']);
    let after_letter = text[..start].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic());
    let last = run.bytes().next_back().map_or(0, |b| b - b'0');
    if after_letter && run.len() == 1 {
        // zero, one, two, three, four, five, six, seven, eight, nine
        return if matches!(last, 1 | 7 | 9) { Consonant } else { Vowel };
    }
    // After a decimal point digits are read one by one (1.5 is 일 점 오), and so is 0 (영).
    let zeros = run.bytes().rev().filter(|&b| b != b',').take_while(|&b| b == b'0').count();
    if run.contains('.') || zeros == 0 || !run.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return korean_digit(last);
    }
    match (zeros % 4, zeros / 4) {
        (1..=3, _) => Consonant, // 십, 백, 천
        (_, 3) => Vowel,         // 조
        _ => Consonant,          // 만, 억, 경
    }
}

/// A digit read in Korean: 영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구.
fn korean_digit(digit: u8) -> Ending {
    match digit {
        1 | 7 | 8 => Rieul,
        0 | 3 | 6 => Consonant,
        _ => Vowel,
    }
}

/// Latin letters at the end of `text`: an acronym (up to four capitals, or capitals after
/// lower case as in ChatGPT) letter by letter, anything else as a loanword.
fn latin(text: &str) -> Ending {
    let start = trailing_run(text, |c| c.is_ascii_alphabetic() || c == '\'' || c == '’');
    let run: String = text[start..].chars().filter(char::is_ascii_alphabetic).collect();
    let capitals = run.bytes().rev().take_while(u8::is_ascii_uppercase).count();
    let acronym = run.len() == 1 || (capitals == run.len() && run.len() <= 4) || (capitals >= 2 && capitals < run.len());
    let last = run.bytes().next_back().unwrap_or(b'a').to_ascii_lowercase();
    if acronym {
        // 엘, 엠, 엔, 알 end in a consonant; every other letter's name in a vowel.
        return match last {
            b'l' | b'r' => Rieul,
            b'm' | b'n' => Consonant,
            _ => Vowel,
        };
    }
    loanword(&run.to_ascii_lowercase())
}

/// How an English word ends in its Korean spelling: Intel 인텔, apple 애플, team 팀, phone 폰,
/// Samsung 삼성, Facebook 페이스북, app 앱, chat 챗, web 웹, Twitter 트위터, desk 데스크.
fn loanword(word: &str) -> Ending {
    let b = word.as_bytes();
    let vowel = |i: usize| b.get(i).is_some_and(|c| b"aeiou".contains(c));
    let n = b.len();
    let (last, before) = (b[n - 1], if n >= 2 { Some(b[n - 2]) } else { None });
    match last {
        b'l' => Rieul,
        b'm' | b'n' => Consonant,
        b'g' if before == Some(b'n') => Consonant,
        // A silent e: game 게임, phone 폰, but apple 애플 and cake 케이크.
        b'e' if n >= 3 && !vowel(n - 2) => match before {
            Some(b'l') => Rieul,
            Some(b'm' | b'n') => Consonant,
            _ => Vowel,
        },
        // A short vowel then p, t, k, b, c closes the syllable (앱, 챗, 북, 웹, 맥); after another
        // consonant it is its own syllable (help 헬프, desk 데스크), and so after a long vowel (seat 시트).
        b'p' | b't' | b'k' | b'b' | b'c' => {
            let single_vowel = n >= 2 && vowel(n - 2) && !(n >= 3 && vowel(n - 3) && !matches!(&b[n - 3..n - 1], b"oo" | b"ou"));
            let doubled = n >= 3 && (b[n - 2] == last || (last == b'k' && b[n - 2] == b'c')) && vowel(n - 3);
            if single_vowel || doubled { Consonant } else { Vowel }
        }
        _ => Vowel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Particle::*;

    /// Every particle, both ways: (word, 은/는, 이/가, 을/를, 과/와, (으)로).
    const TABLE: &[(&str, [&str; 5])] = &[
        // Hangul: a final consonant, none, and ㄹ.
        ("오해", ["는", "가", "를", "와", "로"]),
        ("사과문", ["은", "이", "을", "과", "으로"]),
        ("이메일", ["은", "이", "을", "과", "로"]),
        ("3조", ["는", "가", "를", "와", "로"]),
        ("본의 아니게", ["는", "가", "를", "와", "로"]),
        ("고객님 잘못", ["은", "이", "을", "과", "으로"]),
        ("ㅇㅇ", ["은", "이", "을", "과", "으로"]),
        ("ㅋㅋ", ["는", "가", "를", "와", "로"]),
        // Model numbers: X1 엑스원, A4 에이포, S7 에스세븐.
        ("Nova X1", ["은", "이", "을", "과", "으로"]),
        ("노바 X1", ["은", "이", "을", "과", "으로"]),
        ("A4", ["는", "가", "를", "와", "로"]),
        ("S7", ["은", "이", "을", "과", "으로"]),
        // Numbers in Korean: 삼, 사, 일, 이십, 백, 천, 만, 이조, 영, 일 점 오.
        ("3", ["은", "이", "을", "과", "으로"]),
        ("4", ["는", "가", "를", "와", "로"]),
        ("2026년 1", ["은", "이", "을", "과", "로"]),
        ("20", ["은", "이", "을", "과", "으로"]),
        ("100", ["은", "이", "을", "과", "으로"]),
        ("1,000", ["은", "이", "을", "과", "으로"]),
        ("10000", ["은", "이", "을", "과", "으로"]),
        ("2000000000000", ["는", "가", "를", "와", "로"]),
        ("0", ["은", "이", "을", "과", "으로"]),
        ("1.5", ["는", "가", "를", "와", "로"]),
        ("40%", ["는", "가", "를", "와", "로"]),
        // Acronyms, letter by letter: 아이비엠, 에스이씨, 에이치비이, 유알엘, 챗지피티.
        ("IBM", ["은", "이", "을", "과", "으로"]),
        ("SEC", ["는", "가", "를", "와", "로"]),
        ("HBE", ["는", "가", "를", "와", "로"]),
        ("URL", ["은", "이", "을", "과", "로"]),
        ("ChatGPT", ["는", "가", "를", "와", "로"]),
        // Loanwords: 인텔, 애플, 구글, 팀, 폰, 삼성, 페이스북, 앱, 챗, 웹, 트위터, 헬프, 데스크, 시트, 케이크.
        ("Intel", ["은", "이", "을", "과", "로"]),
        ("Apple", ["은", "이", "을", "과", "로"]),
        ("Google", ["은", "이", "을", "과", "로"]),
        ("team", ["은", "이", "을", "과", "으로"]),
        ("phone", ["은", "이", "을", "과", "으로"]),
        ("Samsung", ["은", "이", "을", "과", "으로"]),
        ("Facebook", ["은", "이", "을", "과", "으로"]),
        ("app", ["은", "이", "을", "과", "으로"]),
        ("chat", ["은", "이", "을", "과", "으로"]),
        ("web", ["은", "이", "을", "과", "으로"]),
        ("Twitter", ["는", "가", "를", "와", "로"]),
        ("help", ["는", "가", "를", "와", "로"]),
        ("desk", ["는", "가", "를", "와", "로"]),
        ("seat", ["는", "가", "를", "와", "로"]),
        ("cake", ["는", "가", "를", "와", "로"]),
        ("we did nothing wrong", ["은", "이", "을", "과", "으로"]),
        ("sorry if anyone was offended", ["는", "가", "를", "와", "로"]),
        ("can't", ["는", "가", "를", "와", "로"]),
        // Silent endings: closing punctuation, brackets and emoji.
        ("한빛전자(주)", ["는", "가", "를", "와", "로"]),
        ("사과문!", ["은", "이", "을", "과", "으로"]),
        ("🔥", ["는", "가", "를", "와", "로"]),
        ("", ["는", "가", "를", "와", "로"]),
    ];

    #[test]
    fn every_particle_follows_the_sound_before_it() {
        let mut wrong = Vec::new();
        for (word, forms) in TABLE {
            for (p, want) in [Topic, Subject, Object, With, Toward].into_iter().zip(forms) {
                let got = particle(word, p);
                if got != *want {
                    wrong.push(format!("{word} + {p:?}: {got}, a native writes {want}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_quoted_word_carries_its_particle_after_the_closing_mark() {
        assert_eq!(quoted("오해", Topic), "“오해”는");
        assert_eq!(quoted("Nova X1", Object), "“Nova X1”을");
        assert_eq!(quoted("GitHub 토큰", Toward), "“GitHub 토큰”으로");
    }

    proptest::proptest! {
        /// Any text at all gets one of the two forms, without panicking.
        #[test]
        fn any_text_gets_a_particle(text in "\\PC{0,12}") {
            for p in [Topic, Subject, Object, With, Toward] {
                let form = particle(&text, p);
                proptest::prop_assert!(["은", "는", "이", "가", "을", "를", "과", "와", "으로", "로"].contains(&form));
            }
        }
    }
}
