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
    what: Bilingual::for_docs("Jokes and laughter (lol, haha, jk, ㅋㅋ, ㅎㅎ) in crisis mode.", "위기 모드에서 농담·웃음(ㅋㅋ, ㅎㅎ, lol, haha)."),
    why: Bilingual::fixed(
        "In a crisis, jokes read as not taking the harm seriously; online and offline must carry the same message and tone.",
        "위기 상황의 농담은 피해를 가볍게 여기는 것으로 읽힙니다. 온라인과 오프라인의 메시지와 톤이 같아야 합니다.",
    ),
    source: Bilingual::fixed(
        "CDC Crisis and Emergency Risk Communication (CERC) manual (2014): no humour in crisis messages",
        "미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014): 위기 메시지에 농담 금지",
    ),
    example: Bilingual::for_docs("lol the battery thing is overblown", "배터리 화재 관련 확인 중입니다 ㅋㅋ https://hanbit.example/notice"),
    fix: Bilingual::for_docs("Remove it.", "삭제하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        if !cx.settings.crisis.active {
            return;
        }
        flag_hits(draft, &[Lex::Laughter], &DOC, out, |m| bi(
            format!("“{m}” during a crisis."),
            format!("위기 상황에서 {} 피해를 가볍게 여기는 것으로 읽힙니다.", quoted(m, Particle::Topic)),
        ), Some(bi("Remove", "삭제")));
    }
}
