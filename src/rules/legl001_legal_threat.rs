//! LEGL001 legal-threat: threats to sue, cease-and-desist tone (법적 대응, 고소하겠다).
//!
//! Example: "Take that down or we will sue." / "법적 대응하겠습니다".
//! Fix: route legal matters to the legal team, not a post.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "LEGL001",
    name: "legal-threat",
    category: Cat::Legal,
    severity: Warn,
    what: Bilingual::for_docs(
        "Threats to sue or cease-and-desist language: “we will sue”, “legal action”, 법적 대응, 고소하겠다.",
        "소송·법적 조치 위협: 법적 대응, 고소하겠다, 내용증명, “we will sue”.",
    ),
    why: Bilingual::fixed(
        "A cease-and-desist tone toward fans or customers becomes the story: Ford's letter to the Ranger Station fan site blew up within hours.",
        "팬이나 고객을 향한 법적 위협은 그 자체가 뉴스가 됩니다. 포드가 팬사이트에 보낸 경고장은 몇 시간 만에 역풍을 맞았습니다.",
    ),
    source: Bilingual::fixed(
        "Ford's cease-and-desist letter to the Ranger Station fan site, withdrawn within a day (2008)",
        "포드의 레인저 스테이션 팬사이트 경고장과 하루 만의 철회 (2008)",
    ),
    example: Bilingual::for_docs("Take that down or we will sue.", "악플 다는 분들 전부 고소하겠습니다"),
    fix: Bilingual::for_docs("Leave legal steps to the legal team.", "법적 조치는 법무팀에 맡기세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::LegalThreats], &DOC, out, |m| bi(
            format!("Legal threat: “{m}”."),
            format!("법적 위협: “{m}”."),
        ), None);
    }
}
