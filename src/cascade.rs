//! The cascade: the fast tier's report first, then the semantic tier's heads refine it in place.
//! They add what the rules' wordings missed (span: the sentence; reason and source: the rule
//! documentation of the category; with the head's confidence), never a second finding where a
//! rule of the same family already points, and take back a learned guess of the fast tier
//! (TONE007, a complaint read from words) where the encoder is confident it is wrong.

use crate::engine::{CheckContext, Engine, Report};
use crate::feed::{risk, Evidence, Label, Post, PostReport};
use crate::finding::{Bilingual, Finding, Severity, Suggestion, Verdict};
use crate::draft::Draft;
use crate::lexicon::Lex;
use crate::policy::Level;
use crate::semantic::{Semantic, TextScores};
use riskhint_text::text::{sentences, Language};
use std::ops::Range;

/// What each semantic head means to drafts and to feeds: one row per head of
/// models/semantic/heads.json (see models/semantic/README.md for what each learned from).
struct Meaning {
    head: &'static str,
    /// The rule whose documentation explains a draft finding (its family's findings already on
    /// the sentence make this one redundant); `None`: the head reads feeds only.
    rule: Option<&'static str>,
    /// What the draft finding says.
    message: Bilingual,
    /// Whether the fix is to take the sentence out (else the rule's documented fix stands alone).
    remove: bool,
    /// The label a feed post gets.
    label: Option<Label>,
    /// Whether a draft finding fits the sentence (`range`) at all, beyond what the head read.
    fits: fn(&Engine, &Draft, &Range<usize>) -> bool,
}

fn always(_: &Engine, _: &Draft, _: &Range<usize>) -> bool {
    true
}

/// A competitor finding needs an organisation to compete with (the policy names it), and a
/// sentence that names neither it nor its products: a complaint about one's own company reads
/// much like a jab at a rival, but it is no competitor finding.
fn about_another_company(engine: &Engine, draft: &Draft, range: &Range<usize>) -> bool {
    let own = [Lex::OrgNames, Lex::Products].iter().any(|&lexicon| draft.hits(lexicon).iter().any(|hit| overlaps(&hit.range, range)));
    !engine.policy().organization.names.is_empty() && !own
}

const fn meaning(head: &'static str, rule: Option<&'static str>, en: &'static str, ko: &'static str, remove: bool, label: Option<Label>) -> Meaning {
    Meaning { head, rule, message: Bilingual::fixed(en, ko), remove, label, fits: always }
}

const MEANINGS: &[Meaning] = &[
    meaning(
        "mnpi",
        Some("MNPI006"),
        "This reads like material news the company has not announced (results, a deal, financing, layoffs).",
        "회사가 아직 발표하지 않은 중요한 소식(실적, 인수·합병, 자금 조달, 감원)처럼 읽히는 문장입니다.",
        true,
        None,
    ),
    meaning(
        "promissory",
        Some("PROM001"),
        "This promises returns, a share price or a safety no one can guarantee.",
        "누구도 장담할 수 없는 수익이나 주가, 절대적인 안전을 약속하는 문장입니다.",
        true,
        None,
    ),
    meaning(
        "apology",
        Some("APOL003"),
        "This apology shifts the blame, denies, or apologises only on a condition.",
        "책임을 남에게 돌리거나, 잘못을 부인하거나, 조건을 단 사과로 읽힙니다.",
        false,
        None,
    ),
    meaning(
        "tone",
        Some("TONE007"),
        "This reads as a veiled threat, condescension or an attack on who someone is.",
        "은근한 위협이나 무시, 또는 출신이나 정체성을 겨냥한 공격으로 읽힐 수 있는 문장입니다.",
        false,
        Some(Label::Hostile),
    ),
    meaning(
        "sensitive",
        Some("SENS001"),
        "This attacks people for their politics or their religion.",
        "정치 성향이나 종교를 이유로 사람들을 공격하는 문장입니다.",
        true,
        None,
    ),
    Meaning {
        head: "competitor",
        rule: Some("COMP001"),
        message: Bilingual::fixed("This runs down a competitor.", "경쟁사를 깎아내리는 문장입니다."),
        remove: false,
        label: None,
        fits: about_another_company,
    },
    meaning(
        "disclosure",
        Some("DISC001"),
        "This praises or sells the company's own product without saying you work there.",
        "회사 직원이라는 사실을 밝히지 않고 자사 제품을 칭찬하거나 구매를 권하는 문장입니다.",
        false,
        None,
    ),
    meaning("complaint", None, "", "", false, Some(Label::Complaint)),
    meaning("media-inquiry", None, "", "", false, Some(Label::MediaInquiry)),
    meaning("undisclosed-promotion", None, "", "", false, Some(Label::UndisclosedPromotion)),
    meaning("crisis-signal", None, "", "", false, Some(Label::CrisisSignal)),
    meaning("possible-leak", None, "", "", false, Some(Label::PossibleLeak)),
];

/// The hostility heads, by the language of the sentence they read.
const HOSTILE_EN: &str = "hostile-en";
const HOSTILE_KO: &str = "hostile-ko";

/// The semantic tier reads a text's first this many bytes (at a char boundary): a LinkedIn post's
/// 3,000 characters in English, and most of one in Korean. Encoding costs tens of milliseconds a
/// window of ~250 tokens, so a pasted book would hold the worker for a minute.
pub const SEMANTIC_MAX_BYTES: usize = 6_000;

/// `text` cut to [`SEMANTIC_MAX_BYTES`] at a char boundary.
fn semantic_part(text: &str) -> &str {
    let mut end = text.len().min(SEMANTIC_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Below this a head is confident a text is not of its kind: a fast-tier guess it contradicts
/// is taken back.
const CONFIDENTLY_NOT: f32 = 0.1;

/// Whether two byte ranges share a byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The language a sentence is written in, by its letters (Hangul against Latin).
fn language_of(text: &str) -> Language {
    let hangul = text.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c) || ('\u{3131}'..='\u{318E}').contains(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if hangul * 2 >= latin && hangul > 0 { Language::Ko } else { Language::En }
}

impl Engine {
    /// The severity the policy gives `code` for `role`; `None` when the policy turned it off.
    fn semantic_severity(&self, code: &str, role: crate::draft::Role) -> Option<Severity> {
        match self.settings().level(code) {
            Some(Level::Off) => None,
            Some(Level::Info) => Some(Severity::Info),
            Some(Level::Warn) => Some(Severity::Warn),
            Some(_) => Some(Severity::Block),
            None => crate::rules::doc(code).map(|d| d.severity_for(role)),
        }
    }

    /// Refines a draft's fast-tier `report` with the semantic tier, in place.
    pub fn refine_draft(&self, semantic: &Semantic, text: &str, context: &CheckContext, report: &mut Report) {
        let checked = semantic_part(text);
        let units = sentences(checked);
        if units.is_empty() {
            return;
        }
        let scores = semantic.score(checked, &units);
        let index = |name: &str| semantic.heads().iter().position(|h| h.name == name);
        let draft = self.analyse(checked);
        let mut added = Vec::new();
        for m in MEANINGS {
            let (Some(code), Some(i)) = (m.rule, index(m.head)) else { continue };
            let Some((range, probability)) = scores.flagged(i, semantic.heads()[i].threshold) else { continue };
            let family = &code[..4];
            if report.findings.iter().any(|f| f.code.starts_with(family) && overlaps(&f.range, &range)) {
                continue;
            }
            if !(m.fits)(self, &draft, &range) {
                continue;
            }
            if let Some(finding) = self.semantic_finding(code, m, range, probability, checked, context) {
                added.push(finding);
            }
        }
        self.refine_hostility(semantic, &scores, checked, context, report, &mut added);
        report.findings.extend(added);
        report.findings.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.code.cmp(b.code)));
        report.verdict = Verdict::of(&report.findings);
        self.finish_fixes(crate::engine::clip(text, crate::MAX_TEXT_BYTES), context, report);
    }

    /// The hostility heads on each sentence: a hostile sentence no tone rule flagged becomes a
    /// TONE007 finding; a TONE007 guess of the fast tier both heads call calm is taken back.
    fn refine_hostility(&self, semantic: &Semantic, scores: &TextScores, text: &str, context: &CheckContext, report: &mut Report, added: &mut Vec<Finding>) {
        let head = |language: Language| semantic.heads().iter().position(|h| h.name == if language == Language::Ko { HOSTILE_KO } else { HOSTILE_EN });
        let tone = semantic.heads().iter().position(|h| h.name == "tone");
        let hostile = MEANINGS.iter().find(|m| m.head == "tone").expect("tone is a meaning");
        for sentence in &scores.sentences {
            let Some(i) = head(language_of(&text[sentence.range.clone()])) else { continue };
            let p = sentence.probabilities[i];
            let calm = p < CONFIDENTLY_NOT && tone.is_none_or(|t| sentence.probabilities[t] < CONFIDENTLY_NOT);
            if calm {
                report.findings.retain(|f| !(f.code == "TONE007" && f.confidence.is_none() && overlaps(&f.range, &sentence.range)));
                continue;
            }
            let flagged_here = |f: &Finding| f.code.starts_with("TONE") && overlaps(&f.range, &sentence.range);
            if p < semantic.heads()[i].threshold || report.findings.iter().chain(added.iter()).any(flagged_here) {
                continue;
            }
            let message = Bilingual::fixed("This reads as hostile.", "적대적으로 읽히는 문장입니다.");
            let reading = Meaning { message, ..meaning(hostile.head, hostile.rule, "", "", false, None) };
            if let Some(finding) = self.semantic_finding("TONE007", &reading, sentence.range.clone(), p, text, context) {
                added.push(finding);
            }
        }
    }

    fn semantic_finding(&self, code: &'static str, m: &Meaning, range: Range<usize>, probability: f32, text: &str, context: &CheckContext) -> Option<Finding> {
        let doc = crate::rules::doc(code)?;
        let severity = self.semantic_severity(code, context.role)?;
        let words = &text[range.clone()];
        // Ignored by the user: this finding, or one of its family in this sentence (ignoring
        // "fucking" must not bring the sentence back as hostile a moment later).
        let family = &code[..4];
        let ignored = context.dismissed.iter().any(|d| {
            (d.code == code && d.text == words) || (d.code.starts_with(family) && !d.text.is_empty() && words.contains(d.text.as_str()))
        });
        if ignored && !self.settings().is_locked_rule(code) {
            return None;
        }
        let mut suggestions = Vec::new();
        if m.remove {
            // The sentence and the space after it, so the rest closes up.
            let end = range.end + text[range.end..].len() - text[range.end..].trim_start().len();
            suggestions.push(Suggestion::new(Bilingual::fixed("Remove this sentence", "이 문장 삭제"), range.start..end, ""));
        }
        Some(Finding {
            code: doc.code,
            category: doc.category,
            severity,
            range,
            message: m.message.clone(),
            reason: doc.why.clone(),
            source: doc.source.clone(),
            suggestions,
            locked: self.settings().is_locked_rule(code),
            confidence: Some((probability.clamp(0.0, 1.0) * 1000.0).round() as u16),
        })
    }

    /// Refines the fast tier's reports of `posts` (in the same order) in place: labels the
    /// rules missed are added with the likeliest sentence as evidence, and a complaint read from
    /// words alone is taken back where the encoder is confident the post is no complaint
    /// (thanks to support, praise).
    pub fn refine_posts(&self, semantic: &Semantic, posts: &[Post], reports: &mut [PostReport]) {
        for (post, report) in posts.iter().zip(reports.iter_mut()) {
            let text = semantic_part(&post.text);
            let units = sentences(text);
            if units.is_empty() {
                continue;
            }
            let scores = semantic.score(text, &units);
            self.refine_post(semantic, &scores, text, post, report);
        }
    }

    fn refine_post(&self, semantic: &Semantic, scores: &TextScores, text: &str, post: &Post, report: &mut PostReport) {
        let heads = semantic.heads();
        let index = |name: &str| heads.iter().position(|h| h.name == name);
        if let Some(i) = index("complaint") {
            if report.labels.contains(&Label::Complaint) && scores.highest(i) < CONFIDENTLY_NOT {
                report.labels.retain(|l| *l != Label::Complaint);
                report.evidence.retain(|e| e.label != Label::Complaint);
            }
        }
        let mut found: Vec<(Label, Range<usize>)> = Vec::new();
        for m in MEANINGS {
            let (Some(label), Some(i)) = (m.label, index(m.head)) else { continue };
            if let Some((range, _)) = scores.flagged_whole(i, heads[i].threshold) {
                found.push((label, range));
            }
        }
        let language = language_of(text);
        if let Some(i) = index(if language == Language::Ko { HOSTILE_KO } else { HOSTILE_EN }) {
            if let Some((range, _)) = scores.flagged_whole(i, heads[i].threshold) {
                found.push((Label::Hostile, range));
            }
        }
        for (label, range) in found {
            if !report.labels.contains(&label) {
                report.labels.push(label);
                report.evidence.push(Evidence { label, range });
            }
        }
        report.labels.sort();
        report.risk = risk(&report.labels, &post.counts);
        report.hint = report.labels.first().map(|l| l.hint(report.risk));
    }
}
