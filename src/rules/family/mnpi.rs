//! What the MNPI rules share: the sentences that name a financial metric, and whether a sentence
//! speaks of the writer's own figures.

use crate::lexicon::{Hit, Lex};
use crate::rules::{hits_in, Draft};
use std::ops::Range;

/// Each sentence that names a financial metric (revenue, 영업이익), with its first metric.
pub(crate) fn metric_sentences<'d>(draft: &'d Draft) -> impl Iterator<Item = (&'d Range<usize>, &'d Hit)> + 'd {
    draft.sentences().iter().filter_map(move |sentence| hits_in(draft, Lex::FinancialMetrics, sentence).next().map(|metric| (sentence, metric)))
}

/// Whether `sentence` speaks of the writer's own figures: as "we", by the company's names, or as
/// internal ("잠정", "not yet announced").
pub(crate) fn own_figures(draft: &Draft, sentence: &Range<usize>) -> bool {
    draft.own_company_in(sentence) || draft.has_in(Lex::InternalCues, sentence)
}
