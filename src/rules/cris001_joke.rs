//! CRIS001 crisis-joke: jokes and laughter while crisis mode is on.
//!
//! Example (crisis mode): "lol the battery thing is overblown" / "ㅋㅋ 별일 아님".
//! Fix: remove it; stick to facts.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CRIS001",
    name: "crisis-joke",
    category: Cat::Crisis,
    severity: Warn,
    what: Bilingual::fixed("Jokes and laughter (lol, haha, jk, ㅋㅋ, ㅎㅎ) in crisis mode.", "위기 모드에서 농담·웃음(ㅋㅋ, ㅎㅎ, lol, haha)."),
    why: Bilingual::fixed(
        "In a crisis, jokes read as not taking the harm seriously; online and offline must carry the same message and tone.",
        "위기 상황의 농담은 피해를 가볍게 여기는 것으로 읽힙니다. 온라인과 오프라인의 메시지와 톤이 같아야 합니다.",
    ),
    source: "rules.md (crisis); seeds (위기관리 커뮤니케이션)",
    example: "lol the battery thing is overblown",
    fix: Bilingual::fixed("Remove it.", "삭제하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        if !cx.policy.crisis.active {
            return;
        }
        flag_hits(draft, &[Lex::Laughter], &DOC, out, |m| bi(
            format!("“{m}” during a crisis."),
            format!("위기 상황에 “{m}”."),
        ), Some(bi("Remove", "삭제")));
    }
}
