//! CRIS004 no-official-link: a post about the crisis or the company, in crisis mode, without a link
//! to the official source.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CRIS004",
    name: "no-official-link",
    category: Cat::Crisis,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "In crisis mode, a post about the crisis or the company with no link to an official source (crisis.official_links).",
        "위기 모드에서 공식 출처 링크(crisis.official_links) 없이 위기나 회사를 언급한 글.",
    ),
    why: Bilingual::fixed(
        "In a crisis, point to facts and official sources rather than ad-libbing; one link keeps every message the same.",
        "위기 때는 즉흥적인 말보다 사실과 공식 출처를 안내해야 합니다. 링크 하나로 메시지가 통일됩니다.",
    ),
    source: Bilingual::fixed(
        "Ford's answer to the Ranger Station fan-site dispute (2008), with facts on the same channel; CDC CERC manual (2014)",
        "포드 레인저 스테이션 팬사이트 대응 (2008); 미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014)",
    ),
    example: Bilingual::for_docs("We're looking into the battery fire reports.", "노바 X1 배터리 화재 관련 사실을 확인하고 있습니다."),
    fix: Bilingual::for_docs("Add the official link.", "공식 링크를 덧붙이세요."),
};

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let crisis = &cx.settings.crisis;
    if !crisis.active || crisis.official_links.is_empty() {
        return;
    }
    let about = draft.hits(Lex::CrisisTopics).first().or_else(|| {
        [Lex::OrgNames, Lex::Products].iter().find_map(|&l| draft.hits(l).first())
    });
    let Some(about) = about else { return };
    let linked = crisis.official_links.iter().any(|l| draft.text.contains(l.0.trim_end_matches('/')));
    if linked {
        return;
    }
    let link = &crisis.official_links[0].0;
    let end = draft.content_end();
    out.add(&DOC, about.range.clone(), bi("No link to the official statement.", "공식 발표 링크가 없습니다."))
        .suggest(bi("Add the official link", "공식 링크 추가"), end..end, format!(" {link}"));
}
