//! Fixes a user can accept without re-reading them: every suggested edit is made clean here, once,
//! for the CLI, the WASM engine and every site adapter alike.
//!
//! A rule says what to change (remove "$2B", replace 직원의 실수 by 저희의 잘못); [`tidy`] widens
//! that edit so that making it verbatim leaves well-formed text: one space where two words meet,
//! no space before punctuation, no sentence left as a lone ". ", no empty brackets, no particle or
//! ending left behind by a removed Korean word ("쓰레기임" goes whole, not to "임"), and a sentence
//! that loses its first word starts with a capital again. [`flaws`] is the other half: the checks a
//! fixed text must pass (used by the tests over every rule case, and by [`crate::rules`] to fall
//! back to removing a whole sentence where a word cannot go alone: "taking the company private at
//! $420." loses the sentence, not the price, which would leave "at" dangling).
//!
//! Writing assistants that users trust (Grammarly, LanguageTool, Harper) work the same way: the
//! replacement they show is the replacement they make, and their removals carry the space with them.

use std::ops::Range;

/// Spaces within a line (a line break is never absorbed: it separates paragraphs).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// Punctuation that closes onto the word before it: no space goes before it.
fn closes(c: char) -> bool {
    matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | ')' | ']' | '}' | '…' | '。' | '、' | '，' | '！' | '？' | '”' | '’')
}

/// Punctuation that ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…')
}

/// A Hangul syllable (not the jamo of ㅋㅋ, which stand on their own).
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// The byte length of the run of `pred` chars at the start of `s`.
fn lead(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.len() - s.trim_start_matches(|c| pred(c)).len()
}

/// The byte length of the run of `pred` chars at the end of `s`.
fn trail(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.len() - s.trim_end_matches(|c| pred(c)).len()
}

/// Whether `at` starts a sentence of `text`: nothing but spaces since the start, a line break or a
/// sentence's closing punctuation.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(is_space);
    before.is_empty() || before.ends_with('\n') || (at > before.len() && before.ends_with(ends_sentence))
}

/// The edit that makes `replacement` of `range` in `text` leave well-formed text: the range widened
/// over the spaces, punctuation and word remnants the edit would strand, and the replacement adjusted
/// to match. Idempotent: a tidy edit is its own tidy form.
pub fn tidy(text: &str, range: Range<usize>, replacement: &str) -> (Range<usize>, String) {
    let (mut start, mut end) = (range.start, range.end);
    let mut replacement = replacement.to_string();
    if replacement.is_empty() && start < end {
        // A Korean word goes with what is glued to it: its particle or ending (쓰레기|임, 실수|로) and,
        // removed from the end of an 어절, the word it is part of loses nothing it needs.
        let word_start = text[..start].chars().next_back().is_none_or(|c| c.is_whitespace() || closes(c));
        if word_start {
            end += lead(&text[end..], is_hangul);
        }
        // A sentence whose words are all removed takes its closing punctuation along.
        let rest = &text[end..];
        let rest_after_spaces = &rest[lead(rest, is_space)..];
        if starts_sentence(text, start) && rest_after_spaces.starts_with(ends_sentence) {
            end += lead(rest, is_space) + lead(rest_after_spaces, ends_sentence);
        }
        // A list item removed takes one comma along: "A, B, and C" without B is "A, and C".
        let before = text[..start].trim_end_matches(is_space);
        let rest = &text[end..];
        let rest_after_spaces = &rest[lead(rest, is_space)..];
        if (before.ends_with(',') || starts_sentence(text, start)) && rest_after_spaces.starts_with(',') {
            end += lead(rest, is_space) + 1;
        }
        // Brackets emptied by the removal go too.
        let before = text[..start].trim_end_matches(is_space);
        let rest = text[end..].trim_start_matches(is_space);
        for (open, close) in [('(', ')'), ('[', ']'), ('（', '）')] {
            if before.ends_with(open) && rest.starts_with(close) {
                start = before.len() - open.len_utf8();
                end = text.len() - rest.len() + close.len_utf8();
                break;
            }
        }
        // Spaces: the two words that meet keep one between them; nothing is left before
        // punctuation, at the start or the end of a line.
        let spaces_before = trail(&text[..start], is_space);
        let spaces_after = lead(&text[end..], is_space);
        let line_start = text[..start - spaces_before].is_empty() || text[..start - spaces_before].ends_with('\n');
        let rest = &text[end + spaces_after..];
        let line_end = rest.is_empty() || rest.starts_with(['\n', '\r']);
        if line_start || line_end || rest.starts_with(closes) {
            start -= spaces_before;
            end += spaces_after;
        } else if spaces_before > 0 && spaces_after > 0 {
            end += spaces_after;
        }
        // Removed from the start of a sentence: the next word takes the capital the first one had.
        let removed_capital = text[range.clone()].chars().next().is_some_and(char::is_uppercase);
        if removed_capital && starts_sentence(text, start) {
            if let Some(next) = text[end..].chars().next().filter(char::is_ascii_lowercase) {
                replacement.push(next.to_ascii_uppercase());
                end += 1;
            }
        }
    } else if !replacement.is_empty() {
        // A replacement or insertion brings no second space: it drops its own where the text has one.
        let space_before = start == 0 || text[..start].ends_with(|c: char| c.is_whitespace());
        let rest = &text[end..];
        let space_after = rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace()) || rest.starts_with(closes);
        if space_before && replacement.starts_with(is_space) {
            replacement = replacement.trim_start_matches(is_space).to_string();
        }
        if space_after && replacement.ends_with(is_space) {
            replacement = replacement.trim_end_matches(is_space).to_string();
        }
        // A sentence's first word keeps its capital: "A few employees posted" → "We posted".
        let replaced_capital = text[start..end].chars().next().is_some_and(char::is_uppercase);
        if replaced_capital && starts_sentence(text, start) && replacement.starts_with(|c: char| c.is_ascii_lowercase()) {
            replacement[..1].make_ascii_uppercase();
        }
        // The particle or copula glued after a replaced Korean word fits the new word: 실수로 →
        // 잘못으로, 쓰레기임 → 별로임, 병신이네 → 별로네.
        if !start.eq(&end) {
            if let Some((old, new)) = refit_ending(&text[end..], &replacement) {
                end += old.len();
                replacement.push_str(new);
            }
        }
    }
    (start..end, replacement)
}

/// Particles and copula endings in their form after a final consonant and after a vowel; the
/// longer first, so that 이에요 is not read as the particle 이.
const ENDINGS: &[(&str, &str, Option<crate::particle::Particle>)] = {
    use crate::particle::Particle::*;
    &[
        ("이에요", "예요", None),
        ("이었", "였", None),
        ("이네", "네", None),
        ("이다", "다", None),
        ("이라", "라", None),
        ("이고", "고", None),
        ("이며", "며", None),
        ("이야", "야", None),
        ("으로", "로", Some(Toward)),
        ("은", "는", Some(Topic)),
        ("이", "가", Some(Subject)),
        ("을", "를", Some(Object)),
        ("과", "와", Some(With)),
    ]
};

/// The ending glued at the start of `rest` (after a replaced word) and the form it takes after
/// `word`, when that differs.
fn refit_ending<'r>(rest: &'r str, word: &str) -> Option<(&'r str, &'static str)> {
    let glued = &rest[..lead(rest, is_hangul)];
    if glued.is_empty() || !word.ends_with(|c: char| is_hangul(c)) {
        return None;
    }
    let after_vowel = crate::particle::particle(word, crate::particle::Particle::Subject) == "가";
    for &(consonant_form, vowel_form, particle) in ENDINGS {
        for (form, is_vowel_form) in [(consonant_form, false), (vowel_form, true)] {
            if !glued.starts_with(form) {
                continue;
            }
            let fitted = match particle {
                Some(p) => crate::particle::particle(word, p),
                None if after_vowel => vowel_form,
                None => consonant_form,
            };
            // A vowel form is also the start of other words (가, 다, 로): only a one-syllable
            // ending that is the whole remnant, or a particle, is taken for one.
            if is_vowel_form && particle.is_none() && glued != form && !glued.starts_with(&format!("{form}요")) {
                continue;
            }
            return (fitted != form).then(|| (&rest[..form.len()], fitted));
        }
    }
    None
}

/// Whether a copula ending is glued at the start of `rest`: the word before it is said to be
/// something (쓰레기|임, 개판|이네, 쓰레기|예요).
pub fn copula_follows(rest: &str) -> bool {
    let glued = &rest[..lead(rest, is_hangul)];
    glued.starts_with('임')
        || ENDINGS.iter().filter(|(_, _, particle)| particle.is_none()).any(|(consonant, vowel, _)| {
            glued.starts_with(consonant) || glued == *vowel || glued.starts_with(&format!("{vowel}요"))
        })
}

/// Where a removal cannot go alone ("phones are junk" without "junk" leaves "are" dangling): the
/// smallest part of its sentence whose removal leaves no flaw, the clause between commas or the
/// whole sentence, with the label that says so.
pub fn widen_removal(text: &str, range: &Range<usize>) -> Option<(Range<usize>, String, crate::finding::Bilingual)> {
    let around = sentence_around(text, range.start);
    let sentence = around.start.min(range.start)..around.end.max(range.end);
    let clause_start = text[sentence.start..range.start].rfind([',', ';']).map_or(sentence.start, |at| sentence.start + at + 1);
    let clause_start = clause_start + lead(&text[clause_start..], char::is_whitespace);
    let clause_end = text[range.end..sentence.end.max(range.end)].find([',', ';']).map_or(sentence.end, |at| range.end + at + 1);
    let clause = clause_start..clause_end.max(range.end);
    let candidates = [
        (clause.clone(), crate::finding::Bilingual::fixed("Remove this part", "이 부분 삭제")),
        (sentence.start.min(range.start)..sentence.end.max(range.end), crate::finding::Bilingual::fixed("Remove this sentence", "이 문장 삭제")),
    ];
    let clause_is_sentence = clause.start <= sentence.start && clause.end >= sentence.end;
    for (i, (wider, label)) in candidates.into_iter().enumerate() {
        if wider == *range || (i == 0 && clause_is_sentence) {
            continue;
        }
        let (tidied, replacement) = tidy(text, wider, "");
        if introduced_by(text, &tidied, &replacement).is_empty() {
            return Some((tidied, replacement, label));
        }
    }
    None
}

/// A fix that needs the user's own words: what will change, by when. The card shows a small form
/// with its fields; [`Prompt::fill`] builds the sentence from what was filled in (a field left
/// empty drops its words, a required one left empty inserts nothing), with Korean particles
/// fitted to the words typed: never a "[날짜]" that could be posted as it is.
#[derive(Debug, PartialEq, Eq)]
pub struct Prompt {
    /// Stable name, how the extension asks the engine to fill it in.
    pub id: &'static str,
    pub fields: &'static [Field],
    /// The sentence in English and in Korean.
    pub english: &'static [Piece],
    pub korean: &'static [Piece],
}

/// One thing a prompt asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub label: crate::finding::Bilingual,
    /// What a filled-in value looks like, shown greyed in the empty field.
    pub example: crate::finding::Bilingual,
    pub required: bool,
}

/// A piece of a prompt's sentence.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Text(&'static str),
    /// The value of a field with the words around it; left out, words and all, when the field is empty.
    Slot { field: &'static str, before: &'static str, particle: Option<crate::particle::Particle>, after: &'static str },
}

/// The longest value a prompt field takes.
pub const MAX_FIELD_CHARS: usize = 200;

impl Prompt {
    /// The sentence in `language` with `values` (field name, text) put in, ready to insert; `None`
    /// when a required field is empty.
    pub fn fill(&self, language: riskhint_text::text::Language, values: &[(&str, &str)]) -> Option<String> {
        let value = |name: &str| {
            let raw = values.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v);
            // One line, no stray spaces or closing stop (the sentence brings its own).
            let words: Vec<&str> = raw.split_whitespace().collect();
            let joined: String = words.join(" ").chars().take(MAX_FIELD_CHARS).collect();
            joined.trim_end_matches(['.', '。']).to_string()
        };
        for field in self.fields.iter().filter(|f| f.required) {
            if value(field.name).is_empty() {
                return None;
            }
        }
        let pieces = match language {
            riskhint_text::text::Language::Ko => self.korean,
            riskhint_text::text::Language::En => self.english,
        };
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot { field, before, particle, after } => {
                    let filled = value(field);
                    if filled.is_empty() {
                        continue;
                    }
                    out.push_str(before);
                    out.push_str(&filled);
                    if let Some(p) = particle {
                        out.push_str(crate::particle::particle(&filled, *p));
                    }
                    out.push_str(after);
                }
            }
        }
        Some(out)
    }
}

/// What can be wrong with a text after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flaw {
    /// Two spaces between words.
    DoubleSpace,
    /// A space before closing punctuation: "phones are ." or "sales beat , and".
    SpaceBeforePunctuation,
    /// Space at the start or the end of a line.
    EdgeSpace,
    /// A sentence with no words: ". ." or a line that is only punctuation.
    EmptySentence,
    /// A Korean particle or copula ending standing alone: "폰은 임 ㅋㅋ", "일선 로".
    OrphanParticle,
    /// An English word that needs what follows it, with nothing after it: "private at.", "phones are lol".
    DanglingWord,
    /// Brackets with nothing in them: "()".
    EmptyBrackets,
    /// A placeholder a user could post as it is: "[날짜]", "[date]".
    Placeholder,
    /// An English sentence that starts in lower case: "We apologize. we posted".
    LowercaseStart,
}

/// Korean particles and copula endings that cannot stand as an 어절 of their own (이, 가, 의, 도 can:
/// "이 가격", "도 단위").
const KOREAN_ORPHANS: &[&str] = &[
    "은", "는", "을", "를", "에서", "에게", "으로", "임", "이다", "입니다", "이야", "이고", "이며", "이라", "이라고", "이에요", "예요", "이죠",
    "이네", "이네요", "인데",
];

/// English words that need a word after them in the same sentence: prepositions, articles,
/// possessives, copulas and conjunctions.
const ENGLISH_NEEDS_MORE: &[&str] = &[
    "at", "of", "to", "for", "by", "with", "from", "in", "on", "about", "into", "than", "the", "a", "an", "our", "my", "your", "their", "its", "is",
    "are", "was", "were", "be", "been", "and", "or", "but", "very", "so", "as",
];

/// Korean intensifiers that need a predicate after them.
const KOREAN_INTENSIFIERS: &[&str] = &["진짜", "정말", "너무", "완전", "매우", "아주", "엄청", "존나", "개"];

/// Laughter and other words that close a thought without carrying one: "phones are lol".
const ENGLISH_TAILS: &[&str] = &["lol", "lmao", "haha", "rofl"];

/// Bracketed words a template leaves for the user to fill in.
const PLACEHOLDER_WORDS: &[&str] = &[
    "날짜", "내용", "바꿀 내용", "이름", "링크", "기한", "조치", "date", "name", "link", "details", "what", "when", "action", "deadline", "xx",
];

/// Every flaw of `text`, with the byte offset where it is. A draft may have some before any fix
/// (people type two spaces); [`introduced`] compares.
pub fn flaws(text: &str) -> Vec<(Flaw, usize)> {
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        let rest = &text[at + c.len_utf8()..];
        if c == ' ' && rest.starts_with(' ') && !text[..at].ends_with(' ') && !(text[..at].is_empty() || text[..at].ends_with('\n')) {
            found.push((Flaw::DoubleSpace, at));
        }
        if is_space(c) && rest.starts_with(closes) && !text[..at].ends_with(is_space) {
            found.push((Flaw::SpaceBeforePunctuation, at));
        }
        if matches!(c, '(' | '[') && rest.trim_start_matches(is_space).starts_with([')', ']']) {
            found.push((Flaw::EmptyBrackets, at));
        }
        if c == '[' {
            if let Some(inside) = rest.split_once(']').map(|(inside, _)| inside.trim().to_lowercase()) {
                if PLACEHOLDER_WORDS.iter().any(|w| inside == *w || inside.ends_with(&format!(" {w}")) || inside.starts_with("바꿀")) {
                    found.push((Flaw::Placeholder, at));
                }
            }
        }
        if ends_sentence(c) && rest.starts_with(' ') && !text[..at].ends_with(['.', '…']) {
            let next_word = rest.trim_start_matches(is_space).split(char::is_whitespace).next().unwrap_or("");
            let is_link = next_word.contains("://") || next_word.starts_with("www.");
            if next_word.starts_with(|n: char| n.is_ascii_lowercase()) && !is_link {
                found.push((Flaw::LowercaseStart, at));
            }
        }
        if ends_sentence(c) || c == ',' {
            let gap = rest.len() - rest.trim_start_matches(is_space).len();
            if gap > 0 && rest[gap..].starts_with(|n: char| ends_sentence(n) || n == ',') {
                found.push((Flaw::EmptySentence, at));
            }
        }
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.starts_with(is_space) && !body.trim().is_empty() || body.ends_with(is_space) && !body.trim().is_empty() {
            found.push((Flaw::EdgeSpace, offset));
        }
        let words = body.trim();
        if !words.is_empty() && words.chars().all(|c| closes(c) || is_space(c)) {
            found.push((Flaw::EmptySentence, offset));
        }
        offset += line.len();
    }
    // Word by word: an 어절 that is only a particle, an English word left with nothing after it.
    let words: Vec<(usize, &str)> = text
        .split_inclusive(|c: char| c.is_whitespace())
        .scan(0, |at, piece| {
            let start = *at;
            *at += piece.len();
            Some((start, piece.trim_end()))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    // A Korean sentence that stops on a topic or object (폰은, 서비스를) or an intensifier (진짜) has
    // lost its predicate: "대성모바일 폰은 ㅋㅋ".
    for sentence in riskhint_text::text::sentences(text) {
        let body = text[sentence.clone()].trim_end_matches(|c: char| c.is_whitespace() || ends_sentence(c) || !(c.is_alphanumeric()) || matches!(c, 'ㄱ'..='ㅣ'));
        let last = body.rsplit(char::is_whitespace).next().unwrap_or("");
        let stops_on_particle = last.chars().count() >= 2 && last.ends_with(['은', '는', '을', '를']);
        if stops_on_particle || KOREAN_INTENSIFIERS.contains(&last) {
            found.push((Flaw::DanglingWord, sentence.start + body.len() - last.len()));
        }
    }
    for (i, &(at, word)) in words.iter().enumerate() {
        let bare = word.trim_matches(|c: char| closes(c) || c == '"' || c == '“');
        if KOREAN_ORPHANS.contains(&bare) && i > 0 {
            found.push((Flaw::OrphanParticle, at));
        }
        let lower = word.to_lowercase();
        let stem = lower.trim_end_matches(|c: char| closes(c));
        if ENGLISH_NEEDS_MORE.contains(&stem) {
            let punctuated = stem.len() < lower.len() && lower[stem.len()..].starts_with(|c: char| ends_sentence(c) || c == ',');
            let next = words.get(i + 1).map(|(_, w)| w.to_lowercase());
            let last = next.is_none() && !text[at + word.len()..].contains(|c: char| c.is_alphanumeric());
            let tail = next.as_deref().is_some_and(|n| ENGLISH_TAILS.contains(&n.trim_end_matches(|c: char| closes(c))));
            if punctuated || last || tail {
                found.push((Flaw::DanglingWord, at));
            }
        }
    }
    found.sort_by_key(|&(flaw, at)| (at, flaw));
    found
}

/// The flaws `after` has that `before` did not: more of a kind than there were.
pub fn introduced(before: &str, after: &str) -> Vec<(Flaw, usize)> {
    let count = |list: &[(Flaw, usize)], flaw: Flaw| list.iter().filter(|(f, _)| *f == flaw).count();
    let had = flaws(before);
    let has = flaws(after);
    has.iter().filter(|(flaw, _)| count(&has, *flaw) > count(&had, *flaw)).copied().collect()
}

/// How far around an edit [`introduced_by`] looks: a sentence or two, so that judging an edit costs
/// the same in a tweet and in a pasted book.
const NEARBY_BYTES: usize = 400;

/// The lines of `text` around `range` (a few hundred bytes each side, cut at line breaks where
/// there are some), and `range` within them: where an edit is judged.
pub fn around(text: &str, range: &Range<usize>) -> (Range<usize>, Range<usize>) {
    let floor = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let from = floor(range.start.saturating_sub(NEARBY_BYTES));
    let from = text[from..range.start].find('\n').map_or(from, |n| if from == 0 { 0 } else { from + n + 1 });
    let to = floor((range.end + NEARBY_BYTES).min(text.len()));
    let to = text[range.end..to].rfind('\n').filter(|_| to < text.len()).map_or(to, |n| range.end + n);
    (from..to, range.start - from..range.end - from)
}

/// The flaws that making `replacement` of `range` would bring to `text`, judged on the lines around
/// the edit only.
pub fn introduced_by(text: &str, range: &Range<usize>, replacement: &str) -> Vec<(Flaw, usize)> {
    let (window, edit) = around(text, range);
    let before = &text[window];
    introduced(before, &apply(before, &edit, replacement))
}

/// The byte range of the sentence of `text` around `at` (its words, without the spaces between it
/// and the next).
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    // Sentences end at line breaks, so the line holding `at` is enough to read; of a line longer
    // than a few paragraphs (a pasted book with no breaks), the part around `at`, so that finding
    // a sentence costs the same in any text.
    let (mut from, mut to) = (at.saturating_sub(NEARBY_BYTES * 5), (at + NEARBY_BYTES * 5).min(text.len()));
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let line_start = text[from..at].rfind('\n').map_or(from, |n| from + n + 1);
    let line_end = text[at..to].find('\n').map_or(to, |n| at + n);
    let units = riskhint_text::text::sentences(&text[line_start..line_end]);
    let unit = units
        .iter()
        .map(|r| line_start + r.start..line_start + r.end)
        .find(|r| r.start <= at && at < r.end.max(r.start + 1))
        .unwrap_or(at..at);
    let words = &text[unit.clone()];
    let start = unit.start + lead(words, char::is_whitespace);
    let end = unit.end - trail(words, char::is_whitespace);
    start..end.max(start)
}

/// `text` with `replacement` put in place of `range`.
pub fn apply(text: &str, range: &Range<usize>, replacement: &str) -> String {
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..range.start]);
    out.push_str(replacement);
    out.push_str(&text[range.end..]);
    out
}

/// The smallest edit that turns `before` into `after`: the range of `before` that differs and
/// what replaces it (char boundaries kept).
pub fn difference(before: &str, after: &str) -> (Range<usize>, String) {
    let prefix = before.char_indices().zip(after.chars()).find(|((_, a), b)| a != b).map_or(before.len().min(after.len()), |((at, _), _)| at);
    let prefix = (0..=prefix).rev().find(|&at| before.is_char_boundary(at) && after.is_char_boundary(at)).unwrap_or(0);
    let (b, a) = (&before[prefix..], &after[prefix..]);
    let mut suffix = b.chars().rev().zip(a.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum::<usize>();
    suffix = suffix.min(b.len()).min(a.len());
    (prefix..before.len() - suffix, a[..a.len() - suffix].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text after the tidy form of removing `word` (its first occurrence) from `text`.
    fn remove(text: &str, word: &str) -> String {
        let at = text.find(word).expect("word in text");
        let (range, replacement) = tidy(text, at..at + word.len(), "");
        apply(text, &range, &replacement)
    }

    #[test]
    fn a_removed_word_takes_one_space_along() {
        assert_eq!(remove("sales beat $2B this quarter", "$2B"), "sales beat this quarter");
        assert_eq!(remove("This is fucking great", "fucking"), "This is great");
        assert_eq!(remove("great fucking product", "great"), "fucking product");
        assert_eq!(remove("Fucking great product", "Fucking"), "Great product");
        assert_eq!(remove("이번 분기 매출 3조 달성", "3조"), "이번 분기 매출 달성");
        assert_eq!(remove("call me\n010-1234-5678 now", "010-1234-5678"), "call me\nnow");
    }

    #[test]
    fn no_space_is_left_before_punctuation_or_at_the_end() {
        assert_eq!(remove("We hit $2B.", "$2B"), "We hit.");
        assert_eq!(remove("Launch soon 🔥", "🔥"), "Launch soon");
        assert_eq!(remove("정말 최고 🔥🔥!", "🔥🔥"), "정말 최고!");
    }

    #[test]
    fn a_sentence_with_no_words_left_loses_its_punctuation() {
        assert_eq!(remove("Taking it private. Funding secured.", "Funding secured"), "Taking it private.");
        assert_eq!(remove("Funding secured. We go private.", "Funding secured"), "We go private.");
        assert_eq!(remove("자금 확보 완료. 곧 발표합니다.", "자금 확보 완료"), "곧 발표합니다.");
    }

    #[test]
    fn a_korean_word_goes_with_its_particle_or_ending() {
        assert_eq!(remove("대성모바일 폰은 쓰레기임 ㅋㅋ", "쓰레기"), "대성모바일 폰은 ㅋㅋ");
        assert_eq!(remove("이 제품은 진짜 병신같네", "병신"), "이 제품은 진짜");
        // Inside an 어절 (a compound), only the word itself goes.
        assert_eq!(remove("한빛전자직원 모임", "직원"), "한빛전자 모임");
    }

    #[test]
    fn lists_and_brackets_close_up() {
        assert_eq!(remove("Apple, Hanbit, and Daesung", "Hanbit"), "Apple, and Daesung");
        assert_eq!(remove("Our revenue ($2B) grew", "$2B"), "Our revenue grew");
    }

    #[test]
    fn a_replacement_or_insertion_brings_no_second_space() {
        let text = "Launch today ";
        let (range, replacement) = tidy(text, text.len()..text.len(), " #ad");
        assert_eq!(apply(text, &range, &replacement), "Launch today #ad");
        let (range, replacement) = tidy("Launch today", 12..12, " #ad");
        assert_eq!(apply("Launch today", &range, &replacement), "Launch today #ad");
    }

    #[test]
    fn tidy_is_idempotent() {
        for (text, word) in [("sales beat $2B this quarter", "$2B"), ("We hit $2B.", "$2B"), ("A. B. C.", "B"), ("대성모바일 폰은 쓰레기임 ㅋㅋ", "쓰레기")] {
            let at = text.find(word).unwrap();
            let (range, replacement) = tidy(text, at..at + word.len(), "");
            assert_eq!(tidy(text, range.clone(), &replacement), (range, replacement), "{text}");
        }
    }

    #[test]
    fn flaws_name_what_a_bad_fix_leaves() {
        let kinds = |text: &str| flaws(text).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(kinds("sales beat  this quarter"), [Flaw::DoubleSpace]);
        assert_eq!(kinds("private at $420. ."), [Flaw::EmptySentence, Flaw::SpaceBeforePunctuation]);
        assert_eq!(kinds("Taking it private at."), [Flaw::DanglingWord]);
        assert_eq!(kinds("Daesung phones are lol"), [Flaw::DanglingWord]);
        assert_eq!(kinds("대성모바일 폰은 임 ㅋㅋ"), [Flaw::OrphanParticle]);
        assert_eq!(kinds("대성모바일 폰은 ㅋㅋ"), [Flaw::DanglingWord]);
        assert_eq!(kinds("대성모바일 서비스는 진짜"), [Flaw::DanglingWord]);
        assert_eq!(kinds("[날짜]까지 [바꿀 내용]을 시행하겠습니다."), [Flaw::Placeholder, Flaw::Placeholder]);
        assert_eq!(kinds("Our revenue () grew"), [Flaw::EmptyBrackets]);
        // Near misses: well-formed text, a real label, an ellipsis, a question, laughter after a word.
        for fine in ["Sales beat expectations.", "[광고] 새 노트북 후기", "Wait... what?!", "Meet us at Hanbit", "이 제품은 정말 좋아요 ㅋㅋ", "Great phones lol", "이 가격에 이 성능"] {
            assert!(kinds(fine).is_empty(), "{fine}: {:?}", kinds(fine));
        }
    }

    #[test]
    fn introduced_counts_only_new_flaws() {
        assert!(introduced("two  spaces typed here", "two  spaces typed").is_empty());
        assert_eq!(introduced("sales beat $2B this quarter", "sales beat  this quarter").len(), 1);
    }

    #[test]
    fn difference_is_the_smallest_edit() {
        assert_eq!(difference("abc def ghi", "abc ghi"), (4..8, String::new()));
        assert_eq!(difference("폰은 쓰레기임", "폰은 별로임"), (7..16, "별로".to_string()));
        assert_eq!(difference("same", "same"), (4..4, String::new()));
    }
}
