//! Classifying other people's posts in a feed: labels, a risk score that grows with reach, and a
//! one-line hint for the reader.

use crate::date::Date;
use crate::engine::{clip, Engine, MAX_TEXT_BYTES};
use crate::finding::{Bilingual, Category, Finding};
use crate::lexicon::Lex;
use crate::model;
use crate::draft::{Draft, Role};
use crate::rules::{self, FeedLabel};
use crate::settings::Context;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A post seen in a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default, flatten)]
    pub counts: Counts,
    /// The site marks it as an ad ("Promoted", "Sponsored"): its promotion is disclosed.
    #[serde(default)]
    pub promoted: bool,
}

/// Engagement counts, as the site shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    pub replies: u64,
    pub reposts: u64,
    pub likes: u64,
    pub views: u64,
}

/// Feed labels (product.md); names are stable. Declared from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    CrisisSignal,
    PossibleLeak,
    Hostile,
    MediaInquiry,
    Complaint,
    UndisclosedPromotion,
    BrandMention,
}

impl Label {
    /// Every label, most serious first.
    pub const ALL: [Label; 7] = [
        Label::CrisisSignal,
        Label::PossibleLeak,
        Label::Hostile,
        Label::MediaInquiry,
        Label::Complaint,
        Label::UndisclosedPromotion,
        Label::BrandMention,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::CrisisSignal => "crisis-signal",
            Label::PossibleLeak => "possible-leak",
            Label::Hostile => "hostile",
            Label::MediaInquiry => "media-inquiry",
            Label::Complaint => "complaint",
            Label::UndisclosedPromotion => "undisclosed-promotion",
            Label::BrandMention => "brand-mention",
        }
    }

    /// The label named `name`.
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// How much the label alone contributes to risk, before reach.
    fn weight(self) -> f64 {
        match self {
            Label::CrisisSignal => 60.0,
            Label::PossibleLeak => 55.0,
            Label::Hostile => 45.0,
            Label::MediaInquiry => 40.0,
            Label::Complaint => 35.0,
            Label::UndisclosedPromotion => 30.0,
            Label::BrandMention => 10.0,
        }
    }

    /// What the reader should do.
    pub(crate) fn hint(self, risk: u8) -> Bilingual {
        match self {
            Label::CrisisSignal if risk >= 60 => Bilingual::fixed("Likely crisis: escalate", "위기 가능성: 즉시 보고"),
            Label::CrisisSignal => Bilingual::fixed("Crisis signal: watch closely", "위기 신호: 주시"),
            Label::PossibleLeak => Bilingual::fixed("Possible leak: report to security", "유출 의심: 보안팀에 알리기"),
            Label::Hostile => Bilingual::fixed("Don't engage", "대응하지 마세요"),
            Label::MediaInquiry => Bilingual::fixed("Route to PR", "홍보팀에 전달"),
            Label::Complaint => Bilingual::fixed("Unhappy customer: route to customer care", "불만 고객: 고객 응대팀에 전달"),
            Label::UndisclosedPromotion => Bilingual::fixed("Undisclosed promotion: don't amplify", "광고 표시 없음: 공유 자제"),
            Label::BrandMention => Bilingual::fixed("Mentions us: monitor", "자사 언급: 모니터링"),
        }
    }
}

/// The words behind a label, for highlighting in the post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub label: Label,
    /// Byte range in the post's text.
    pub range: Range<usize>,
}

/// What riskhint says about one post.
#[derive(Debug, Clone)]
pub struct PostReport {
    pub id: String,
    /// Most serious first; empty when nothing stands out.
    pub labels: Vec<Label>,
    /// 0–100: label weight grown by reach.
    pub risk: u8,
    /// What to do, for the top label.
    pub hint: Option<Bilingual>,
    /// Draft-rule findings in the post (tone, leaks).
    pub findings: Vec<Finding>,
    /// The words behind each label.
    pub evidence: Vec<Evidence>,
    /// What kinds of personal data or secrets the post leaks ("card-number", "phone-number", the
    /// code of a custom rule), in text order without repeats.
    pub leaks: Vec<&'static str>,
    /// The post's text with every leaked number or secret masked ([`mask`]), for whatever keeps or
    /// exports it; `None` when nothing is masked.
    pub masked: Option<String>,
}

/// The spans of the findings that are leaks, sorted by position.
pub(crate) fn leak_spans(findings: &[Finding]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = findings.iter().filter(|f| is_leak(f)).map(|f| (f.range.start, f.range.end)).collect();
    spans.sort_unstable();
    spans
}

/// Whether a finding's words are personal data or a secret: shown and kept only masked.
pub fn is_leak(finding: &Finding) -> bool {
    matches!(finding.category, Category::Pii | Category::Secret)
}

/// How many letters and digits of a masked span stay visible: the last four, as on a receipt,
/// and only of a span long enough that four of them do not identify it.
pub const MASK_KEEPS: usize = 4;

/// `span` with its letters and digits replaced by `*`, separators kept: "010-1234-5678" becomes
/// "***-****-5678". The last [`MASK_KEEPS`] letters and digits stay when there are at least twice
/// as many; a shorter span is masked whole.
pub fn mask(span: &str) -> String {
    let total = span.chars().filter(|c| c.is_alphanumeric()).count();
    let keep_from = if total >= 2 * MASK_KEEPS { total - MASK_KEEPS } else { usize::MAX };
    let mut seen = 0;
    span.chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > keep_from { c } else { '*' }
        })
        .collect()
}

/// `text` with each of `spans` (start, end; sorted) masked; overlapping spans are masked as one,
/// so no tail of a longer span escapes.
pub fn mask_spans(text: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut spans = spans.iter().copied().peekable();
    while let Some((start, mut end)) = spans.next() {
        let start = start.max(at);
        while let Some(&(next_start, next_end)) = spans.peek() {
            if next_start >= end {
                break;
            }
            end = end.max(next_end);
            spans.next();
        }
        if end <= start {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&mask(&text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The label a policy's custom rule gives a post, by the rule's category: none for the categories
/// that are about one's own drafts (disclosure, apology…).
fn custom_rule_label(category: Category) -> Option<Label> {
    match category {
        Category::Tone => Some(Label::Hostile),
        Category::Confidential | Category::Pii | Category::Secret => Some(Label::PossibleLeak),
        _ => None,
    }
}

/// How far a post travels: 1 with no engagement, about 2 at a thousand, under 3 at a million.
pub fn reach_multiplier(counts: &Counts) -> f64 {
    let engagement = counts.reposts as f64 * 4.0 + counts.replies as f64 * 2.0 + counts.likes as f64 + counts.views as f64 / 200.0;
    1.0 + (1.0 + engagement).log10() * 0.35
}

/// Risk from labels and reach: the top label's weight, 5 more per extra label, times reach.
pub fn risk(labels: &[Label], counts: &Counts) -> u8 {
    let Some(top) = labels.iter().map(|l| l.weight()).reduce(f64::max) else { return 0 };
    let base = top + 5.0 * (labels.len() - 1) as f64;
    (base * reach_multiplier(counts)).round().min(100.0) as u8
}

impl Engine {
    /// Classifies the posts of a feed.
    pub fn classify_posts(&self, posts: &[Post]) -> Vec<PostReport> {
        let feed_rules: Vec<&'static dyn rules::Rule> =
            rules::all().iter().copied().filter(|r| r.doc().feed.is_some()).collect();
        posts.iter().map(|post| self.classify(post, &feed_rules)).collect()
    }

    fn classify(&self, post: &Post, feed_rules: &[&'static dyn rules::Rule]) -> PostReport {
        let draft = self.analyse(clip(&post.text, MAX_TEXT_BYTES));
        // Posts are read, not written: role and date do not matter to the rules run here.
        let cx = Context { role: Role::Employee, today: Date::from_unix_days(0), settings: self.settings(), reply_to: None, platform: Default::default() };
        let findings = self.run(&draft, &cx, feed_rules.iter(), |category| custom_rule_label(category).is_some());
        let mut evidence = Vec::new();
        for f in &findings {
            let label = match rules::doc(f.code).and_then(|d| d.feed) {
                Some(FeedLabel::Hostile) => Label::Hostile,
                Some(FeedLabel::Leak) => Label::PossibleLeak,
                None => custom_rule_label(f.category).unwrap_or(Label::PossibleLeak),
            };
            evidence.push(Evidence { label, range: f.range.clone() });
        }
        self.label_by_words(&draft, post.promoted, &mut evidence);
        let mut labels: Vec<Label> = evidence.iter().map(|e| e.label).collect();
        labels.sort();
        labels.dedup();
        let risk = risk(&labels, &post.counts);
        let hint = labels.first().map(|l| l.hint(risk));
        let mut leaks = Vec::new();
        for f in findings.iter().filter(|f| is_leak(f)) {
            let kind = rules::doc(f.code).map_or(f.code, |d| d.name);
            if !leaks.contains(&kind) {
                leaks.push(kind);
            }
        }
        let masked = (!leaks.is_empty()).then(|| mask_spans(&post.text, &leak_spans(&findings)));
        PostReport { id: post.id.clone(), labels, risk, hint, findings, evidence, leaks, masked }
    }

    /// Labels that come from words rather than rules: brand, complaint, crisis, promotion, media.
    fn label_by_words(&self, draft: &Draft, promoted: bool, evidence: &mut Vec<Evidence>) {
        let mut add = |label: Label, lexicons: &[Lex]| {
            for &l in lexicons {
                evidence.extend(draft.hits(l).iter().map(|h| Evidence { label, range: h.range.clone() }));
            }
        };
        let brand = draft.names_org();
        if brand {
            add(Label::BrandMention, &[Lex::OrgNames, Lex::Products, Lex::Executives, Lex::Tickers]);
        }
        let complaints = draft.hits(Lex::ComplaintEn).len() + draft.hits(Lex::ComplaintKo).len();
        // About us, or about no one named; a complaint about a competitor is not ours to route.
        let ours_or_anyone = brand || !draft.has(Lex::Competitors);
        let listed_complaint = complaints > 0 && ours_or_anyone && draft.hits(Lex::Praise).len() < complaints.max(2);
        if listed_complaint {
            add(Label::Complaint, &[Lex::ComplaintEn, Lex::ComplaintKo]);
        }
        let about_us = brand || draft.has(Lex::CrisisTopics) || self.policy().organization.names.is_empty();
        if about_us && draft.has(Lex::CrisisSignals) {
            add(Label::CrisisSignal, &[Lex::CrisisSignals, Lex::CrisisTopics]);
        }
        let undisclosed = !promoted && !draft.has(Lex::DisclosureLabels) && (rules::family::disclosure::is_pitch(draft) || draft.has(Lex::WeakLabels));
        if undisclosed {
            add(Label::UndisclosedPromotion, &[Lex::PromotionCues, Lex::WeakLabels]);
        }
        add(Label::MediaInquiry, &[Lex::MediaInquiry]);
        // No listed complaint word: the learned model may still hear an unhappy customer. Only
        // about us (or anyone, with no organisation set), and only when nothing graver is said:
        // a hostile post is not for customer care, a crisis or a reporter is not one customer.
        let graver = evidence.iter().any(|e| matches!(e.label, Label::Hostile | Label::CrisisSignal | Label::MediaInquiry));
        if !listed_complaint && !graver && (brand || self.policy().organization.names.is_empty()) && !draft.has(Lex::Competitors) {
            let model = model::builtin(model::Task::Complaint, draft.language);
            let words = draft.model_words();
            if draft.model_may_judge(words) && model.score_words(words).positive {
                // Numbers are not shown as a complaint's words: they may be someone's personal data.
                let shown = model.top_words(words, 3).into_iter().filter(|r| !draft.text[r.clone()].bytes().any(|b| b.is_ascii_digit()));
                evidence.extend(shown.map(|range| Evidence { label: Label::Complaint, range }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_grows_with_reach_and_is_capped() {
        let quiet = Counts::default();
        let viral = Counts { reposts: 5_000, likes: 40_000, views: 2_000_000, replies: 900 };
        assert_eq!(risk(&[], &viral), 0);
        assert_eq!(risk(&[Label::Complaint], &quiet), 35);
        assert!(risk(&[Label::Complaint], &viral) > 80);
        assert_eq!(risk(&[Label::CrisisSignal, Label::BrandMention], &viral), 100);
    }
}
