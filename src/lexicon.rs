//! Word and phrase lists, from the data files in `data/lexicons/` and from the organisation's policy,
//! found in a text in one pass of a byte trie (`riskhint_text::trie`).
//!
//! A lexicon file has one entry per line; `#` starts a comment. Each file is a variant of [`Lex`]
//! (`build.rs` derives them); a header line `# view: tone` matches it with leetspeak undone. A Korean entry must start a word;
//! what may follow it is set by the header comment `# hangul: stem|particle|free`: `stem` (the
//! default for data files) lets any ending follow, as verbs and adjectives need (죄송+합니다);
//! `particle` (the default for names from the policy) allows only particles (팰컨은, not 팰컨스);
//! `free` also drops the start-of-word condition (profanity glued to a noun); `number` is for curses
//! spelled with digits (씨8, 18놈): unspaced, and a number on neither side (see [`number_stands_alone`]).
//! Latin entries must stand as whole words unless they carry a `*` on that edge (`fuck*` matches
//! "fucking"). `!word` lists an innocent longer word: a hit inside it is dropped (`!시발점`).
//! Entries match through the `riskhint_text::text` views, so spacing, full-width forms, invisible
//! characters and (for tone lists) leetspeak do not hide them.

use riskhint_text::text::{
    char_after, char_before, compose_spelled_hangul, is_hangul, is_invisible, is_latin_word_char, leet_skeleton, leet_stands_for, View, Views,
};
use riskhint_text::trie::Trie;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// Which view of the text a lexicon is matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ViewKind {
    Compact,
    Tone,
}

macro_rules! lexicons {
    ($( $id:ident = $file:literal, $view:ident; )*) => {
        /// Every lexicon the rules use. Data lexicons come from `data/lexicons/<file>.txt` (one
        /// variant per file, named after it: `threat.ko` is `ThreatKo`); policy lexicons are
        /// filled from the organisation's policy.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Lex {
            $( $id, )*
            OrgNames, Products, Executives, Tickers, Competitors,
            Codenames, ConfidentialTerms, EmployeeTags, CrisisTopics,
        }

        /// The data lexicons: id, file name, text (without its comments: build.rs) and view.
        const DATA: &[(Lex, &str, &str, ViewKind)] = &[
            $( (Lex::$id, $file, include_str!(concat!(env!("OUT_DIR"), "/lexicons/", $file, ".txt")), ViewKind::$view), )*
        ];

        const COUNT: usize = [$( stringify!($id), )*].len() + 9;
    };
}

// One line per file of data/lexicons/, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));

impl Lex {
    fn index(self) -> usize {
        // Discriminants are dense from 0 in declaration order.
        self as usize
    }

    /// The data lexicon read from `data/lexicons/<file>.txt`.
    pub fn from_file(file: &str) -> Option<Lex> {
        DATA.iter().find(|d| d.1 == file).map(|d| d.0)
    }

    /// The data file behind a data lexicon, for documentation and errors.
    pub fn file(self) -> Option<&'static str> {
        DATA.iter().find(|d| d.0 == self).map(|d| d.1)
    }
}

/// How a Korean edge of an entry must meet the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HangulEdges {
    /// Starts a word and is followed only by particles (names and nouns).
    Particle,
    /// Starts a word; any ending may follow (verb and adjective stems).
    Stem,
    /// Anywhere, also inside a longer word.
    Free,
    /// A curse spelled with digits (씨8, 18놈): written without spaces, touching no letter or digit
    /// before it; one that ends in a digit touches none after it either (18세, 씨 8개, 3시 8분 stay
    /// numbers), one that ends in Hangul takes only particles.
    Number,
}

#[derive(Debug, Clone)]
struct Entry {
    lexicon: Lex,
    /// The entry as written, without edge markers; shared with every hit of it.
    written: Written,
    left_free: bool,
    right_free: bool,
    exclusion: bool,
    hangul: HangulEdges,
}

/// A lexicon entry found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// The entry as written in its lexicon or policy.
    pub entry: Written,
}

/// An entry's text: in a data lexicon compiled into the engine, or one of the policy's terms
/// (shared with the hits of it). Data entries borrow their text, so that building the first
/// engine allocates nothing for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Data(&'static str),
    Policy(Arc<str>),
}

impl std::ops::Deref for Written {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Written::Data(text) => text,
            Written::Policy(text) => text,
        }
    }
}

/// All lexicons compiled into automata: the data lexicons' two (compact and tone views), built
/// once per process and shared, and one for the policy's names, rebuilt with each policy.
#[derive(Debug, Clone)]
pub struct PhraseIndex {
    data: &'static DataAutomata,
    policy: Automaton,
    /// The codenames and confidential terms again, keyed by their leet skeleton ([`leet_skeleton`]
    /// of the tone view) and matched in the skeletons of the tone and compact views, so leetspeak
    /// does not hide them ("F4lc0n", "Fa1con", "r04dm4p"); each match is checked letter by letter
    /// ([`spells_in_leet`]). Other names are not: "@HanbitElec" would read "ahanbitelec" there.
    policy_leet: Automaton,
}

#[derive(Debug)]
struct DataAutomata {
    compact: Automaton,
    tone: Automaton,
}

/// Built on first use: parsing ~2,200 entries and building their automata is most of an engine's
/// start-up, and it does not depend on the policy.
static DATA_AUTOMATA: LazyLock<DataAutomata> = LazyLock::new(|| {
    let (mut compact, mut tone) = (Vec::new(), Vec::new());
    for &(lexicon, _, text, view) in DATA {
        let out = if view == ViewKind::Tone { &mut tone } else { &mut compact };
        parse(lexicon, text, view, out);
    }
    DataAutomata { compact: Automaton::build(compact), tone: Automaton::build(tone) }
});

#[derive(Debug, Clone)]
struct Automaton {
    trie: Trie,
    /// Key `k` of `trie` is `entries[k]`'s. Entries sharing a key (a word in two lists) are
    /// separate keys: the trie reports each.
    entries: Vec<Entry>,
}

impl Automaton {
    fn build(entries: Vec<(Cow<'_, str>, Entry)>) -> Automaton {
        let (keys, entries): (Vec<Cow<str>>, Vec<Entry>) = entries.into_iter().unzip();
        let keys: Vec<&str> = keys.iter().map(|key| &**key).collect();
        Automaton { trie: Trie::new(&keys), entries }
    }

    fn find(&self, original: &str, view: &View, found: &mut [Vec<Hit>], excluded: &mut [Vec<Range<usize>>]) {
        self.find_in(original, view, &view.text, |_, _| true, found, excluded);
    }

    /// Like [`Automaton::find`], searching `searched` (a byte-for-byte rewrite of `view.text`) and
    /// keeping the matches `keep` accepts.
    fn find_in(
        &self,
        original: &str,
        view: &View,
        searched: &str,
        keep: impl Fn(&Range<usize>, &Entry) -> bool,
        found: &mut [Vec<Hit>],
        excluded: &mut [Vec<Range<usize>>],
    ) {
        let mut matches = Vec::new();
        self.trie.find_all(searched, &mut matches);
        for (start, end, key) in matches {
            let range = view.to_original(start as usize..end as usize);
            let entry = &self.entries[key as usize];
            if !fits(original, &range, entry) || !keep(&range, entry) {
                continue;
            }
            let slot = entry.lexicon.index();
            if entry.exclusion {
                excluded[slot].push(range);
            } else {
                found[slot].push(Hit { range, entry: entry.written.clone() });
            }
        }
    }
}

/// Korean particles and endings that may follow a term (팰컨은, 오해가, 한빛전자에서는).
const PARTICLES: &[&str] = &[
    "으로부터", "에게서", "한테서", "이라고", "이라는", "입니다", "이에요", "에서", "에게", "한테", "으로", "까지",
    "부터", "처럼", "보다", "이나", "이랑", "이다", "이야", "이요", "라고", "라는", "께서", "은", "는", "이", "가",
    "을", "를", "의", "에", "와", "과", "도", "로", "만", "나", "랑", "요", "야", "아", "들", "께", "측", "님",
];

/// The longest chain of particles accepted after a term, in characters.
const MAX_PARTICLE_RUN: usize = 9;

fn is_particle_run(run: &str) -> bool {
    fn strip(run: &str, depth: usize) -> bool {
        if run.is_empty() {
            return true;
        }
        depth < 3 && PARTICLES.iter().any(|p| run.strip_prefix(p).is_some_and(|rest| strip(rest, depth + 1)))
    }
    strip(run, 0)
}

/// Whether a match at `range` of the original text meets the entry's boundary rules.
fn fits(original: &str, range: &Range<usize>, entry: &Entry) -> bool {
    if range.is_empty() {
        return false;
    }
    if entry.hangul == HangulEdges::Number && !number_stands_alone(original, range) {
        return false;
    }
    let (first, last) = (char_after(original, range.start), char_before(original, range.end));
    let (before, after) = (char_before(original, range.start), char_after(original, range.end));
    let left_ok = entry.left_free
        || match first {
            Some(c) if is_hangul(c) => entry.hangul == HangulEdges::Free || !before.is_some_and(is_hangul),
            _ => !before.is_some_and(is_latin_word_char),
        };
    let right_ok = entry.right_free
        || match last {
            Some(c) if is_hangul(c) => {
                !matches!(entry.hangul, HangulEdges::Particle | HangulEdges::Number) || {
                    // Particles chain at most three deep (에서는요): a longer run is another word.
                    // Spelled-out jamo (ㅇㅣ for 이) are read as the syllables they spell.
                    let rest = &original[range.end..];
                    let mut run: String = rest.chars().take(MAX_PARTICLE_RUN + 1).take_while(|&c| is_hangul(c)).collect();
                    // Only a jamo vowel can make a syllable: `ㅋㅋ` after a word composes to nothing.
                    if run.chars().any(|c| ('\u{314F}'..='\u{3163}').contains(&c)) {
                        let spelled: String = rest.chars().take(3 * (MAX_PARTICLE_RUN + 1)).take_while(|&c| is_hangul(c)).collect();
                        run = compose_spelled_hangul(&spelled).chars().take(MAX_PARTICLE_RUN + 1).collect();
                    }
                    run.chars().count() <= MAX_PARTICLE_RUN && is_particle_run(&run)
                }
            }
            _ => !after.is_some_and(is_latin_word_char),
        };
    left_ok && right_ok && !spelled_word_continues(original, range)
}

/// Whether the curse-number at `range` is written as one unspaced word that no letter or number
/// continues before it, nor after it when it ends in a digit: "씨8" and "18놈아" but not "3시 8분",
/// "2018년", "씨 8개", "3.18%" or "씨8.5".
fn number_stands_alone(original: &str, range: &Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric() || is_hangul(c);
    let (before, after) = (char_before(original, range.start), char_after(original, range.end));
    // A decimal point, time or thousands separator between digits joins them into one number.
    let joins_digits = |mark: Option<char>, beyond: Option<char>| mark.is_some_and(|c| matches!(c, '.' | ',' | ':')) && beyond.is_some_and(|c| c.is_ascii_digit());
    let before_mark = before.and_then(|c| original[..range.start].rfind(c)).and_then(|at| char_before(original, at));
    let after_mark = after.and_then(|c| original[range.end..].find(c).map(|at| range.end + at + c.len_utf8())).and_then(|at| char_after(original, at));
    let ends_in_digit = char_before(original, range.end).is_some_and(|c| c.is_numeric());
    !original[range.clone()].contains(char::is_whitespace)
        && !before.is_some_and(word)
        && !joins_digits(before, before_mark)
        && !(ends_in_digit && (after.is_some_and(|c| word(c) || c == '%') || joins_digits(after, after_mark)))
}

/// Whether a match written in spaced-out letters ("F a l c o n") is part of a longer word
/// spelled the same way ("F a l c o n r y", "s u p e r f a l c o n"): two or more single letters,
/// each standing alone, carry on from an edge that is itself a single letter. One is not enough:
/// "a" and "I" are words ("only a r e t a r d").
fn spelled_word_continues(original: &str, range: &Range<usize>) -> bool {
    // Most matches end and start inside a written word: two letters or digits in a row at each edge.
    let bytes = original.as_bytes();
    let word_edge = |a: usize, b: usize| bytes[a].is_ascii_alphanumeric() && bytes[b].is_ascii_alphanumeric();
    if range.len() >= 4 && word_edge(range.start, range.start + 1) && word_edge(range.end - 2, range.end - 1) {
        return false;
    }
    // Korean matches, the rest, never start or end in a Latin letter.
    let latin = |c: Option<char>| c.is_some_and(is_latin_word_char);
    if !latin(char_after(original, range.start)) && !latin(char_before(original, range.end)) {
        return false;
    }
    let (inside, before, after) = (&original[range.clone()], &original[..range.start], &original[range.end..]);
    (single_letters(inside.chars().rev()) >= 1 && single_letters(after.chars()) >= 2)
        || (single_letters(inside.chars()) >= 1 && single_letters(before.chars().rev()) >= 2)
}

/// How many Latin letters or digits standing alone (between spaces or punctuation) come first in
/// `chars`, after any spaces or punctuation; invisible characters are passed over.
fn single_letters(chars: impl Iterator<Item = char>) -> usize {
    // Latin letters and Hangul answer without the Unicode tables.
    let separator = |c: &char| !(is_latin_word_char(*c) || is_hangul(*c) || c.is_alphanumeric());
    let mut chars = chars.filter(|&c| !is_invisible(c)).peekable();
    let mut count = 0;
    loop {
        while chars.next_if(separator).is_some() {}
        match (chars.next(), chars.peek()) {
            (Some(c), None) if is_latin_word_char(c) => return count + 1,
            (Some(c), Some(next)) if is_latin_word_char(c) && separator(next) => count += 1,
            _ => return count,
        }
    }
}

/// An entry's text as its view writes it. Most entries skip building the views, which was most of
/// building the first engine in a cold worker (see [`plain_key`]).
fn key(core: &'static str, view: ViewKind) -> Cow<'static, str> {
    if let Some(letters) = plain_key(core) {
        return letters;
    }
    let views = Views::new(core);
    Cow::Owned(match view {
        ViewKind::Compact => views.compact.text,
        ViewKind::Tone => views.tone.text,
    })
}

/// The key of an entry made of lower-case ASCII letters or Hangul syllables, perhaps with spaces
/// or punctuation between them that both views drop and no view reads as a letter: its letters,
/// as every view writes them (a test checks each data entry).
fn plain_key(core: &str) -> Option<Cow<'_, str>> {
    let plain = |c: char| c.is_ascii_lowercase() || ('\u{AC00}'..='\u{D7A3}').contains(&c);
    let dropped = |c: char| matches!(c, ' ' | '-' | '\'' | '.' | ',' | '&' | '/');
    if !core.chars().all(|c| plain(c) || dropped(c)) {
        return None;
    }
    // Most entries are one word: their key is their text.
    let letters = match core.contains(dropped) {
        false => Cow::Borrowed(core),
        true => Cow::Owned(core.chars().filter(|&c| plain(c)).collect()),
    };
    (!has_letter_run(&letters)).then_some(letters)
}

/// Whether a letter repeats three times in a row, which the views shorten ("sooo").
fn has_letter_run(word: &str) -> bool {
    let mut chars = word.chars();
    let (mut before, mut last) = (chars.next(), chars.next());
    for c in chars {
        if before == Some(c) && last == Some(c) {
            return true;
        }
        (before, last) = (last, Some(c));
    }
    false
}

/// Parses one lexicon's text into entries, each keyed by its folded form in the lexicon's view.
///
/// Lines are split and tested byte by byte: in a cold worker, `str::lines` and string prefixes
/// call a byte comparison per line that V8's baseline compiler runs slowly.
fn parse(lexicon: Lex, text: &'static str, view: ViewKind, out: &mut Vec<(Cow<'static, str>, Entry)>) {
    let lines = || text.split('\n').map(str::trim);
    let comment = |line: &str| line.as_bytes().first() == Some(&b'#');
    // The header is among the leading comments: `# hangul: stem`.
    let mode = lines().take_while(|l| l.is_empty() || comment(l)).find_map(|l| l.strip_prefix('#')?.trim_start().strip_prefix("hangul:").map(str::trim));
    let hangul = match mode {
        Some("free") => HangulEdges::Free,
        Some("particle") => HangulEdges::Particle,
        Some("number") => HangulEdges::Number,
        _ => HangulEdges::Stem,
    };
    for line in lines().filter(|l| !l.is_empty() && !comment(l)) {
        out.push(entry(lexicon, line, view, hangul));
    }
}

fn entry(lexicon: Lex, line: &'static str, view: ViewKind, hangul: HangulEdges) -> (Cow<'static, str>, Entry) {
    let (exclusion, line) = match line.as_bytes().first() == Some(&b'!') {
        true => (true, line[1..].trim()),
        false => (false, line),
    };
    // A single `*` on an edge is syntax; a run of them is a masked word ("f***").
    let bytes = line.as_bytes();
    let left_free = bytes.first() == Some(&b'*') && bytes.get(1) != Some(&b'*');
    let right_free = bytes.len() > 1 && bytes[bytes.len() - 1] == b'*' && bytes[bytes.len() - 2] != b'*';
    let core = &line[usize::from(left_free)..line.len() - usize::from(right_free)];
    let key = key(core, view);
    let entry = Entry { lexicon, written: Written::Data(core), left_free, right_free, exclusion, hangul };
    (key, entry)
}

/// Policy lists that become lexicons, by lexicon.
pub type PolicyLists<'a> = Vec<(Lex, &'a [String])>;

impl PhraseIndex {
    /// Compiles the data lexicons together with the policy's lists.
    pub fn new(policy_lists: &PolicyLists<'_>) -> PhraseIndex {
        let (mut names, mut leet) = (Vec::new(), Vec::new());
        for (lexicon, items) in policy_lists {
            for item in items.iter() {
                let item = item.trim();
                if !item.is_empty() {
                    // Policy terms are names, matched literally: no edge syntax, no exclusions.
                    let views = Views::new(item);
                    let entry = Entry {
                        lexicon: *lexicon,
                        written: Written::Policy(item.into()),
                        left_free: false,
                        right_free: false,
                        exclusion: false,
                        hangul: HangulEdges::Particle,
                    };
                    if matches!(lexicon, Lex::Codenames | Lex::ConfidentialTerms) {
                        leet.push((Cow::Owned(leet_skeleton(&views.tone.text)), entry.clone()));
                    }
                    names.push((Cow::Owned(views.compact.text), entry));
                }
            }
        }
        PhraseIndex { data: &DATA_AUTOMATA, policy: Automaton::build(names), policy_leet: Automaton::build(leet) }
    }

    /// Every lexicon's hits in `original`, longest first where hits of one lexicon overlap.
    pub fn find(&self, original: &str, views: &Views) -> Hits {
        let mut found: Vec<Vec<Hit>> = vec![Vec::new(); COUNT];
        let mut excluded: Vec<Vec<Range<usize>>> = vec![Vec::new(); COUNT];
        self.data.compact.find(original, &views.compact, &mut found, &mut excluded);
        self.data.tone.find(original, &views.tone, &mut found, &mut excluded);
        self.policy.find(original, &views.compact, &mut found, &mut excluded);
        if !self.policy_leet.entries.is_empty() {
            let spelled = |range: &Range<usize>, entry: &Entry| spells_in_leet(&original[range.clone()], &entry.written);
            // The tone view reads symbols as letters (F@lcon); the compact view keeps runs of
            // digits, which the tone view drops ("r04dm4p", "M00n").
            if views.tone_rewrites {
                self.policy_leet.find_in(original, &views.tone, &leet_skeleton(&views.tone.text), spelled, &mut found, &mut excluded);
            }
            if digit_touches_letter(&views.compact.text) {
                self.policy_leet.find_in(original, &views.compact, &leet_skeleton(&views.compact.text), spelled, &mut found, &mut excluded);
            }
        }
        for (hits, excluded) in found.iter_mut().zip(excluded.iter_mut()) {
            if hits.len() > 1 || !excluded.is_empty() {
                keep_outermost(hits);
                drop_excluded(hits, excluded);
            }
        }
        Hits { found }
    }

}

/// Whether an ASCII digit and an ASCII letter touch somewhere in `text` ("Q4", "r04d").
fn digit_touches_letter(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair[0].is_ascii_digit() != pair[1].is_ascii_digit() && pair.iter().all(u8::is_ascii_alphanumeric))
}

/// Whether `span`, which the leet automaton found as the policy term `term`, spells it letter by
/// letter: each character is the term's or stands for it in leetspeak ([`leet_stands_for`]), each
/// digit of the term is that digit ("QA roadmap" is not "Q4 roadmap"), and a space the term does
/// not have sits only between letters written as in the term ("F4 icon" is not "Falcon", "Q 4
/// r0adm4p" is "Q4 roadmap"). Spans whose letters do not pair off one to one (a collapsed run of
/// letters, a digit dropped between Hangul syllables) need only keep the term's digits.
fn spells_in_leet(span: &str, term: &str) -> bool {
    let (span, term) = (leet_letters(span), leet_letters(term));
    if span.len() != term.len() {
        let digits = |letters: &[(char, bool)]| letters.iter().map(|l| l.0).filter(char::is_ascii_digit).collect::<Vec<_>>();
        let (mut written, meant) = (digits(&span).into_iter(), digits(&term));
        return meant.iter().all(|d| written.any(|w| w == *d));
    }
    let exact = |i: usize| span[i].0 == term[i].0;
    span.iter().zip(&term).enumerate().all(|(i, (&(written, spaced), &(meant, term_spaced)))| {
        let letter = if meant.is_ascii_digit() { written == meant } else { leet_stands_for(written, meant) };
        letter && (!spaced || term_spaced || (exact(i) && exact(i - 1)))
    })
}

/// The letters, digits and leetspeak symbols of `text`, folded, each with whether white space
/// comes before it.
fn leet_letters(text: &str) -> Vec<(char, bool)> {
    let mut letters = Vec::with_capacity(text.len());
    let mut spaced = false;
    for c in Views::new(text).folded.text.chars() {
        if c.is_alphanumeric() || matches!(c, '@' | '$' | '!' | '|' | '+') {
            letters.push((c, spaced && !letters.is_empty()));
            spaced = false;
        } else {
            spaced |= c.is_whitespace();
        }
    }
    letters
}

/// Drops hits that lie inside a longer hit of the same lexicon, and duplicates; sorts by position.
/// Afterwards both starts and ends increase strictly, which [`Hits::within`] relies on.
pub(crate) fn keep_outermost(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
    // Every kept hit starts at or before this one: it is inside one of them iff it ends by the
    // furthest end so far. Linear, so a draft of "ㅋㅋㅋ…" costs no more than one of "aaa…".
    let mut furthest_end = 0;
    hits.retain(|hit| {
        let inside = hit.range.end <= furthest_end;
        furthest_end = furthest_end.max(hit.range.end);
        !inside
    });
}

/// Drops hits that lie inside an exclusion (`!시발점`); hits must be sorted by start.
fn drop_excluded(hits: &mut Vec<Hit>, excluded: &mut [Range<usize>]) {
    if excluded.is_empty() {
        return;
    }
    excluded.sort_by_key(|x| x.start);
    let (mut next, mut furthest_end) = (0, 0);
    hits.retain(|hit| {
        while next < excluded.len() && excluded[next].start <= hit.range.start {
            furthest_end = furthest_end.max(excluded[next].end);
            next += 1;
        }
        hit.range.end > furthest_end || next == 0
    });
}

/// The hits of every lexicon in one text.
#[derive(Debug, Clone)]
pub struct Hits {
    found: Vec<Vec<Hit>>,
}

impl Hits {
    /// The hits of one lexicon, in text order.
    pub fn of(&self, lexicon: Lex) -> &[Hit] {
        &self.found[lexicon.index()]
    }

    /// Whether one lexicon has any hit.
    pub fn any(&self, lexicon: Lex) -> bool {
        !self.of(lexicon).is_empty()
    }

    /// The hits of one lexicon that overlap `range`, found by binary search (hits are sorted and
    /// none contains another, so their ends increase too).
    pub fn within(&self, lexicon: Lex, range: Range<usize>) -> impl Iterator<Item = &Hit> {
        let hits = self.of(lexicon);
        let first = hits.partition_point(|h| h.range.end <= range.start);
        hits[first..].iter().take_while(move |h| h.range.start < range.end)
    }
}

/// Every data lexicon's name and entry count; for tests that each file parses and is non-empty.
pub fn data_lexicons() -> Vec<(&'static str, usize)> {
    DATA.iter()
        .map(|&(_, name, text, _)| {
            (name, text.lines().filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#')).count())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(lists: &[(Lex, Vec<String>)]) -> PhraseIndex {
        let lists: PolicyLists = lists.iter().map(|(l, v)| (*l, v.as_slice())).collect();
        PhraseIndex::new(&lists)
    }

    fn found(index: &PhraseIndex, lexicon: Lex, text: &str) -> Vec<String> {
        let hits = index.find(text, &Views::new(text));
        hits.of(lexicon).iter().map(|h| text[h.range.clone()].to_string()).collect()
    }

    #[test]
    fn plain_entries_are_keyed_as_their_views_write_them() {
        let mut plain = 0;
        for &(_, name, text, view) in DATA {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let core = line.trim_start_matches('!').trim().trim_matches('*');
                let views = Views::new(core);
                let written = if view == ViewKind::Tone { views.tone.text } else { views.compact.text };
                assert_eq!(key(core, view), written, "{name}: {core:?}");
                plain += usize::from(plain_key(core).is_some());
            }
        }
        assert!(plain > 1900, "most entries take the short way ({plain})");
    }

    #[test]
    fn a_letter_run_is_three_in_a_row() {
        for (word, run) in [("sooo", true), ("ㅋㅋㅋ", true), ("aaa", true), ("soo", false), ("aabaa", false), ("aa", false), ("", false)] {
            assert_eq!(has_letter_run(word), run, "{word:?}");
        }
        // A word with a run is keyed by its views, which shorten the run.
        assert!(plain_key("sooo").is_none());
        assert_eq!(plain_key("so-so").as_deref(), Some("soso"));
        assert!(matches!(plain_key("idiot"), Some(Cow::Borrowed("idiot"))));
    }

    #[test]
    fn korean_terms_take_particles_but_not_other_words() {
        let index = index(&[(Lex::Codenames, vec!["팰컨".into()])]);
        assert_eq!(found(&index, Lex::Codenames, "팰컨은 다음 달 출시"), ["팰컨"]);
        assert_eq!(found(&index, Lex::Codenames, "팰컨에서는 괜찮아"), ["팰컨"]);
        assert!(found(&index, Lex::Codenames, "팰컨스 경기 봤어?").is_empty());
        assert!(found(&index, Lex::Codenames, "슈퍼팰컨 경기").is_empty());
    }

    #[test]
    fn latin_terms_match_whole_words_through_spacing_and_width() {
        let index = index(&[(Lex::Codenames, vec!["Project Falcon".into(), "Falcon".into()])]);
        assert_eq!(found(&index, Lex::Codenames, "Project  Falcon ships"), ["Project  Falcon"]);
        assert_eq!(found(&index, Lex::Codenames, "ＦＡＬＣＯＮ!"), ["ＦＡＬＣＯＮ"]);
        assert!(found(&index, Lex::Codenames, "falconry is fun").is_empty());
    }

    #[test]
    fn leetspeak_spells_policy_terms_but_keeps_their_digits() {
        let index = index(&[
            (Lex::Codenames, vec!["Project Sunset".into(), "Moonlight".into(), "Falcon 프로젝트".into()]),
            (Lex::ConfidentialTerms, vec!["Q4 roadmap".into()]),
        ]);
        for (text, lexicon, span) in [
            ("Pr0j3c7 5un537 is on track", Lex::Codenames, "Pr0j3c7 5un537"),
            ("M00n1ight ships soon", Lex::Codenames, "M00n1ight"),
            ("M0onl!ght ships soon", Lex::Codenames, "M0onl!ght"),
            ("F4lc0n 프로젝트는 다음 달", Lex::Codenames, "F4lc0n 프로젝트"),
            ("Q4 r04dm4p leaked", Lex::ConfidentialTerms, "Q4 r04dm4p"),
            ("Q 4 r0adm4p leaked", Lex::ConfidentialTerms, "Q 4 r0adm4p"),
        ] {
            assert_eq!(found(&index, lexicon, text), [span], "{text}");
        }
        for (text, lexicon) in [
            // The term's own digit must be that digit.
            ("QA r0admap is d0ne", Lex::ConfidentialTerms),
            ("Q5 r0admap is d0ne", Lex::ConfidentialTerms),
            // A space the term does not have, beside a leet letter.
            ("Moon 1ight sh0w", Lex::Codenames),
            // An i is not an l: only 1, ! and | stand for both.
            ("Mooniight sh0w", Lex::Codenames),
            // Numbers stay numbers; a longer word stays longer.
            ("5un5et 2026 Pr0ject 5un5etting", Lex::Codenames),
            ("1000 m00nlights", Lex::Codenames),
        ] {
            assert!(found(&index, lexicon, text).is_empty(), "{text}: {:?}", found(&index, lexicon, text));
        }
    }

    #[test]
    fn curses_in_numbers_stand_alone() {
        let index = index(&[]);
        for (text, span) in [("야 이 18놈아", "18놈"), ("아 씨8 진짜", "씨8"), ("씨8.", "씨8"), ("(ㅅ8)", "ㅅ8"), ("개18!", "개18")] {
            assert_eq!(found(&index, Lex::ProfanityNumericKo, text), [span], "{text}");
        }
        for text in ["2018놈", "a18놈", "씨8개", "씨 8", "씨8.5", "씨8%", "3.18놈", "12:18놈", "18놈팽이", "가씨8", "씨80"] {
            assert!(found(&index, Lex::ProfanityNumericKo, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_data_lexicon_has_entries() {
        for (name, count) in data_lexicons() {
            assert!(count > 0, "{name} is empty");
        }
    }

    #[test]
    fn particle_runs_chain_up_to_three() {
        assert!(is_particle_run("에서는"));
        assert!(is_particle_run(""));
        assert!(!is_particle_run("스"));
    }
}
