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
    source: Bilingual::fixed(
        "FTC “Disclosures 101 for Social Media Influencers” (2023); Korea Fair Trade Commission guidelines on endorsement advertising (revised 2 December 2025)",
        "미국 FTC 「Disclosures 101 for Social Media Influencers」(2023); 공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」(2025. 12. 2. 개정)",
    ),
    example: Bilingual::fixed(
        "Two weeks with the Nova X1 and I'm honestly impressed. The battery easily lasts a full day of calls, maps and photos, the night mode pulls detail out of dark streets that my old phone turned to mush, and the screen stays readable in direct sun. Charging from empty to full takes under an hour. If you've been waiting for a phone that just works, this is it. #ad",
        "노바 X1을 2주 동안 써 봤습니다. 배터리는 통화, 지도, 사진을 하루 종일 써도 저녁까지 넉넉하게 남았고, 야간 모드는 어두운 골목도 디테일을 살려 줘서 예전 폰과는 확실히 달랐습니다. 햇빛 아래에서도 화면이 잘 보이고, 완전히 방전된 상태에서 완충까지 한 시간이 채 걸리지 않았어요. 무게도 가벼워서 한 손으로 쓰기 편했고, 케이스 없이도 그립감이 좋았습니다. 카메라 앱 반응도 빨라서 아이 사진 찍을 때 놓치는 순간이 줄었어요. 오래 쓸 튼튼한 폰을 찾는 분께 추천합니다. 이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.",
    ),
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
