//! What a rule reads: a draft analysed once (its views, word-list hits and sentences), who wrote
//! it and where it will be posted. Below the policy and the rules, so both may name these types.

use crate::lexicon::{Hit, Hits, Lex};
use riskhint_text::text::{language, sentences, Language, Views};
use std::ops::Range;

/// Where the text will be posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    #[default]
    Other,
    X,
    Facebook,
    Linkedin,
    Instagram,
}

/// The author's role: it makes some rules stricter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Posts personally; may talk about the employer.
    #[default]
    Employee,
    /// Speaks for the company whatever they call it.
    Executive,
    /// Posts for the company as its PR or social media staff.
    Pr,
}

/// A text analysed once for every rule: its views, lexicon hits and sentences.
pub struct Draft<'a> {
    pub text: &'a str,
    pub views: Views,
    pub hits: Hits,
    pub language: Language,
    sentences: Vec<Range<usize>>,
    digits: usize,
    /// The words a learned model reads, split once for every model that reads them.
    model_words: std::cell::OnceCell<Vec<crate::model::features::Word>>,
}

impl<'a> Draft<'a> {
    pub(crate) fn new(text: &'a str, views: Views, hits: Hits) -> Self {
        let digits = views.folded.text.bytes().filter(u8::is_ascii_digit).count();
        Draft { text, language: language(text), sentences: sentences(text), views, hits, digits, model_words: Default::default() }
    }

    /// How many digits the text has (full-width ones too). A rule whose pattern needs N digits
    /// skips texts with fewer: most posts have none, and a pattern search is costly in WASM.
    pub fn digits(&self) -> usize {
        self.digits
    }

    /// The hits of a lexicon.
    pub fn hits(&self, lexicon: Lex) -> &[Hit] {
        self.hits.of(lexicon)
    }

    /// Whether a lexicon has a hit.
    pub fn has(&self, lexicon: Lex) -> bool {
        self.hits.any(lexicon)
    }

    /// Whether a lexicon has a hit overlapping `range`.
    pub fn has_in(&self, lexicon: Lex, range: &Range<usize>) -> bool {
        self.hits.within(lexicon, range.clone()).next().is_some()
    }

    /// The sentence containing byte `at`.
    pub fn sentence_at(&self, at: usize) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(i).filter(|s| s.start <= at).cloned().unwrap_or(0..self.text.len())
    }

    /// Each hit of a lexicon with the sentence it stands in: most rules judge a word by its sentence.
    pub fn hits_with_sentence(&self, lexicon: Lex) -> impl Iterator<Item = (&Hit, Range<usize>)> + '_ {
        self.hits(lexicon).iter().map(|hit| (hit, self.sentence_at(hit.range.start)))
    }

    /// The sentences of the text.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Whether the organisation itself (names, products, executives, tickers) is named in `range`.
    pub fn names_org_in(&self, range: &Range<usize>) -> bool {
        [Lex::OrgNames, Lex::Products, Lex::Executives, Lex::Tickers].iter().any(|&l| self.has_in(l, range))
    }

    /// Whether the organisation is named anywhere.
    /// Where the policy's names are (the organisation, its products and people, competitors,
    /// codenames): a learned model reads around them, since a name says nothing of tone.
    pub fn name_ranges(&self) -> Vec<Range<usize>> {
        [Lex::OrgNames, Lex::Products, Lex::Executives, Lex::Tickers, Lex::Competitors, Lex::Codenames]
            .iter()
            .flat_map(|&l| self.hits(l).iter().map(|h| h.range.clone()))
            .collect()
    }

    /// Whether a learned model may judge `words` of this text (see [`crate::model::enough_to_judge`]).
    pub fn model_may_judge(&self, words: &[crate::model::features::Word]) -> bool {
        crate::model::enough_to_judge(self.text, words)
    }

    /// The words of the text outside [`Draft::name_ranges`], as a learned model reads them.
    pub fn model_words(&self) -> &[crate::model::features::Word] {
        self.model_words.get_or_init(|| crate::model::words_outside(self.text, &self.name_ranges()))
    }

    pub fn names_org(&self) -> bool {
        self.names_org_in(&(0..self.text.len()))
    }

    /// Whether `range` speaks of the writer's own company: "we", "our", 저희, or its names.
    pub fn own_company_in(&self, range: &Range<usize>) -> bool {
        self.has_in(Lex::FirstPerson, range) || self.names_org_in(range)
    }

    /// Whether the draft carries a clear disclosure of affiliation or payment.
    pub fn discloses(&self) -> bool {
        self.has(Lex::EmployeeTags) || self.has(Lex::AffiliationStatements) || self.has(Lex::DisclosureLabels)
    }

    /// Picks the English or Korean form for text inserted into this draft.
    pub fn in_language<'s>(&self, en: &'s str, ko: &'s str) -> &'s str {
        match self.language {
            Language::En => en,
            Language::Ko => ko,
        }
    }

    /// The end of the draft before trailing white space: where appended text goes.
    pub fn content_end(&self) -> usize {
        self.text.trim_end().len()
    }
}

