//! DISC001 undisclosed-affiliation: an employee praises the company's products, or runs down a
//! competitor, without saying they work there.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC001",
    name: "undisclosed-affiliation",
    category: Cat::Disclosure,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "Praise of your company's products, or criticism of a competitor, with no employee tag or “I work at …”.",
        "직원 태그나 “재직 중” 표시 없이 자사 제품을 칭찬하거나 경쟁사를 비판한 글.",
    ),
    why: Bilingual::fixed(
        "Employment is a material connection: the FTC wants it disclosed in the post itself, and Intel and IBM ask employees to say who they work for (a bio line is not enough).",
        "고용 관계는 중요한 이해관계입니다. 게시물 자체에 밝혀야 하며(FTC, 공정위 추천·보증 심사지침), 프로필 소개로는 부족합니다(Intel, IBM 가이드라인).",
    ),
    source: Bilingual::fixed(
        "FTC Endorsement Guides (16 CFR Part 255, 2023); Intel Social Media Guidelines (#IAMINTEL); IBM Social Computing Guidelines; Korea Fair Trade Commission guidelines on endorsement advertising",
        "미국 FTC 추천·보증 지침(16 CFR Part 255, 2023); Intel 소셜 미디어 가이드라인(#IAMINTEL); IBM 소셜 컴퓨팅 가이드라인; 공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」",
    ),
    example: Bilingual::for_docs("The Nova X1 is the best phone I've ever used!", "대성모바일 폰 쓰다가 노바 X1로 바꿨는데 비교가 안 되네요. 강추!"),
    fix: Bilingual::for_docs("Add your employee tag, e.g. “#HanbitEmployee”.", "직원 태그를 붙이세요. 예: “#한빛전자직원”."),
};

/// The tag to suggest: the first employee tag in the draft's script, else the first one.
fn tag_for<'p>(draft: &Draft, tags: &'p [String]) -> Option<&'p str> {
    let korean = |t: &&String| t.chars().any(riskhint_text::text::is_hangul);
    let wanted = draft.language == crate::Language::Ko;
    tags.iter().find(|t| korean(t) == wanted).or(tags.first()).map(String::as_str)
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    if cx.role == Role::Pr || draft.discloses() {
        return;
    }
    let ours = [Lex::OrgNames, Lex::Products].iter().find_map(|&l| draft.hits(l).first());
    let negative = [Lex::Disparagement, Lex::InsultEn, Lex::InsultKo, Lex::ComplaintEn, Lex::ComplaintKo];
    // Praise of our products anywhere in the post, or a competitor run down or compared with ours.
    let praised = ours.filter(|_| draft.has(Lex::Praise));
    let knocked = draft.hits(Lex::Competitors).iter().find(|h| {
        let sentence = draft.sentence_at(h.range.start);
        let run_down = negative[..3].iter().any(|&l| draft.has_in(l, &sentence));
        let compared = ours.is_some() && (draft.has(Lex::Praise) || negative.iter().any(|&l| draft.has(l)));
        run_down || compared
    });
    let Some(hit) = praised.or(knocked) else { return };
    let name = &draft.text[hit.range.clone()];
    let end = draft.content_end();
    let finding = out.add(&DOC, hit.range.clone(), bi(
        format!("You mention “{name}” without saying you work for the company."),
        format!("직원이라는 사실을 밝히지 않고 {} 언급했습니다.", quoted(name, Particle::Object)),
    ));
    match tag_for(draft, &cx.settings.disclosure.employee_tags) {
        Some(tag) => finding.suggest(bi(format!("Add {tag}"), format!("{tag} 추가")), end..end, format!(" {tag}")),
        None => finding.suggest(
            bi("Add “I work here; views are my own”", "“재직 중, 개인 의견” 추가"),
            end..end,
            draft.in_language(" (I work here; views are my own)", " (재직 중이며 개인 의견입니다)"),
        ),
    };
}
