//! DISC003 misplaced-disclosure: the disclosure only appears deep in a long post, behind "see more".
//!
//! Example: a 300-character review with "#ad" at the very end.
//! Fix: put the label at the start.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC003",
    name: "misplaced-disclosure",
    category: Cat::Disclosure,
    severity: Warn,
    what: Bilingual::fixed(
        "A disclosure that only appears after the first 125 characters of a long post.",
        "긴 게시물에서 앞 125자 이후에만 나오는 광고·직원 표시.",
    ),
    why: Bilingual::fixed(
        "Feeds cut long posts at about 125 characters; a label behind “see more” is not clear and conspicuous (FTC), and Korea requires it in the title or at the start.",
        "피드는 긴 글을 약 125자에서 자릅니다. “더보기” 뒤의 표시는 인정되지 않으며, 제목이나 본문 첫 부분에 있어야 합니다(공정위 심사지침).",
    ),
    source: "FTC “Disclosures 101”; 공정거래위원회 추천·보증 심사지침 (2020: 제목 또는 본문 첫 부분)",
    example: "(a 300-character review) … #ad",
    fix: Bilingual::fixed("Move the label to the start.", "표시를 글 맨 앞으로 옮기세요."),
};

/// Feeds truncate around here ("… see more").
const VISIBLE_CHARS: usize = 125;
/// Posts shorter than this are shown whole.
const LONG_POST_CHARS: usize = 200;

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        if draft.text.chars().count() <= LONG_POST_CHARS {
            return;
        }
        let visible_end = draft.text.char_indices().nth(VISIBLE_CHARS).map_or(draft.text.len(), |(at, _)| at);
        let labels: Vec<_> = draft.hits(Lex::DisclosureLabels).iter().chain(draft.hits(Lex::EmployeeTags)).collect();
        let Some(first) = labels.iter().min_by_key(|h| h.range.start) else { return };
        if first.range.start < visible_end {
            return;
        }
        let span = with_label_marks(draft.text, &first.range);
        let label = draft.text[span.clone()].to_string();
        out.add(&DOC, span, bi(
            format!("“{label}” is hidden after the first {VISIBLE_CHARS} characters."),
            format!("“{label}” 표시가 앞 {VISIBLE_CHARS}자 뒤에 숨어 있습니다."),
        ))
        .suggest(bi("Put the label first", "표시를 맨 앞에"), 0..0, format!("{label} "));
    }
}
