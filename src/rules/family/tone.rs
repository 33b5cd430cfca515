//! The tone family's softer words (data/fixes/softer.tsv): what profanity, insult and put-down
//! findings offer before removal, where a softer word keeps what the user meant.

use crate::draft::Draft;
use crate::finding::Bilingual;
use crate::particle::{quoted, Particle};
use riskhint_text::text::Language;
use std::ops::Range;
use std::sync::LazyLock;

/// English words after which a harsh word is said of something: "phones are junk", "so stupid".
const SAID_OF_SOMETHING: &[&str] = &["is", "are", "was", "were", "so", "really", "pretty", "totally", "kinda", "just"];

/// Words that make a harsh word about a person.
const PEOPLE: &[&str] = &["you", "you're", "youre", "ur", "u", "he", "she", "they", "he's", "she's", "they're", "you’re", "i'm", "im"];

/// (language, harsh, softer) rows of data/fixes/softer.tsv.
static SOFTER: LazyLock<Vec<(Language, &'static str, &'static str)>> = LazyLock::new(|| {
    include_str!(concat!(env!("OUT_DIR"), "/data/fixes/softer.tsv"))
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let language = match fields.next() {
                Some("ko") => Language::Ko,
                _ => Language::En,
            };
            let (Some(harsh), Some(softer)) = (fields.next(), fields.next()) else { panic!("softer.tsv: {line:?} needs three fields") };
            (language, harsh, softer)
        })
        .collect()
});

/// A softer word for the harsh one at `range`, where it fits there: the button's label and the
/// replacement.
pub(crate) fn softer(draft: &Draft, range: &Range<usize>) -> Option<(Bilingual, &'static str)> {
    let words = &draft.text[range.clone()];
    let lower = words.to_lowercase();
    let &(language, _, softer) = SOFTER.iter().find(|(_, harsh, _)| *harsh == lower)?;
    let fits = match language {
        Language::En => {
            let before = draft.text[..range.start].trim_end();
            let previous = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
            // Said of a person ("you're so stupid"), a softer word is still about them.
            let about_a_person = before.rsplit(char::is_whitespace).take(3).any(|w| PEOPLE.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')));
            let said_of = SAID_OF_SOMETHING.contains(&previous.as_str()) || previous.ends_with("'s") || previous.ends_with("’s");
            said_of && !about_a_person
        }
        Language::Ko => crate::fix::copula_follows(&draft.text[range.end..]),
    };
    if !fits {
        return None;
    }
    Some((Bilingual::new(format!("Soften to “{softer}”"), format!("{} 순화하기", quoted(softer, Particle::Toward))), softer))
}

/// What removing the harsh word at `range` takes along: the "the" of "what the fuck" and "the
/// hell", which would otherwise be left before the verb ("What the happened").
pub(crate) fn removal(draft: &Draft, range: &Range<usize>) -> Range<usize> {
    let words = draft.text[range.clone()].to_lowercase();
    let expletive = words.starts_with("fu") || words.starts_with("f*") || words == "hell" || words == "heck";
    let before = &draft.text[..range.start];
    let previous = before.strip_suffix(' ').and_then(|b| b.rsplit(char::is_whitespace).next()).unwrap_or("");
    if expletive && previous.eq_ignore_ascii_case("the") {
        range.start - 1 - previous.len()..range.end
    } else {
        range.clone()
    }
}
