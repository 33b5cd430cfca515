//! What the disclosure rules and the feed share: whether a text pitches something, and which
//! vague labels stand as a disclosure.

use crate::lexicon::Lex;
use crate::rules::{with_label_marks, Draft};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What makes a promotion cue a real pitch: a link, a code, a discount.
static PITCH_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://|www\.|(?-u:\b)[0-9]{1,3}\s?%|할인|off(?-u:\b)|쿠폰|특가|최저가").expect("pitch pattern")
});

/// A promo code: four or more capitals and digits with at least one digit ("NOVA20", not "X1").
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]{3,}(?-u:\b)").expect("code pattern"));

/// Whether the text pitches something: a promotion cue backed by a link, code, discount or praise.
pub(crate) fn is_pitch(draft: &Draft) -> bool {
    let code = || CODE.find_iter(draft.text).any(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()));
    let asking = draft.text.trim_end().ends_with('?');
    // The lexicon tests first: the patterns are searched only in texts that could be a pitch.
    draft.has(Lex::PromotionCues) && !asking && (draft.has(Lex::Praise) || PITCH_EVIDENCE.is_match(draft.text) || code())
}

/// Words of a review or recommendation: "try it", "다들 한번 써보세요", 후기, unboxing.
static ENDORSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:\breview|\brecommend|\btry it|\bcheck (?:it|them) out|\bunboxing|\bgifted\b)|써\s?보|사용해\s?보|후기|리뷰|추천|강추|언박싱|제공받|선물 받")
        .expect("endorsing pattern")
});

/// A sentence that labels the post itself ("이 글은 …", "this post …"), or an English phrase that
/// is used as a label ("in partnership with").
static LABELS_THE_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:\bthis (?:post|video|review)\b|\bin (?:partnership|collaboration) with\b|\bpartnered with\b)|(?:이|본)\s?(?:글|포스팅|게시물|게시글|영상|리뷰|콘텐츠)(?:은|는|도|\s)")
        .expect("post label pattern")
});

/// The vague labels (`vague-labels`: #partner, #thanks, 파트너십, 협업, 콜라보, 서포터즈) that stand as
/// a disclosure: a hashtag in a post that endorses something, or a word in a sentence that labels
/// the post. Elsewhere they are everyday words ("우리 회사와 협업하는 파트너십 구조는…"). Each
/// comes with whether it is a hashtag.
pub(crate) fn vague_labels(draft: &Draft) -> Vec<(Range<usize>, bool)> {
    let hits = draft.hits(Lex::VagueLabels);
    if hits.is_empty() {
        return Vec::new();
    }
    let endorsing = draft.has(Lex::Praise) || draft.has(Lex::PromotionCues) || draft.has(Lex::Products) || ENDORSING.is_match(draft.text);
    if !endorsing {
        return Vec::new();
    }
    let mut found = Vec::new();
    for hit in hits {
        let span = with_label_marks(draft.text, &hit.range);
        let hashtag = draft.text[span.clone()].starts_with('#');
        let in_label = || {
            let sentence = draft.sentence_at(hit.range.start);
            // "thanks" is only ever a label as "#thanks".
            &*hit.entry != "thanks" && LABELS_THE_POST.is_match(&draft.text[sentence])
        };
        if hashtag || in_label() {
            found.push((span, hashtag));
        }
    }
    found
}
