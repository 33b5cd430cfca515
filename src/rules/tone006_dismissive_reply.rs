//! TONE006 dismissive-reply: brushing off someone's complaint in a reply (read the manual, not our problem).
//!
//! Example (reply to "my Nova X1 is broken"): "Read the manual." / "고객님 잘못입니다".
//! Fix: acknowledge, and offer to help.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE006",
    name: "dismissive-reply",
    category: Cat::Tone,
    severity: Warn,
    what: Bilingual::for_docs(
        "A dismissive answer to a complaint: “read the manual”, “not our problem”, “calm down”, 고객님 잘못.",
        "불만에 대한 무시하는 답: “설명서를 읽으세요”, “저희 책임 아닙니다”, “진정하세요”, “고객님 잘못”.",
    ),
    why: Bilingual::fixed(
        "Replying in anger or sarcasm to a complaint turns one unhappy customer into a public story (Dell Hell).",
        "불만에 화나 비꼬는 답을 하면 한 명의 불만이 공개 이슈가 됩니다(델 헬 사례).",
    ),
    source: Bilingual::fixed(
        "Jeff Jarvis's “Dell Hell” (2005): a complaint ignored becomes a public issue; Canon Korea's 7D response (2009)",
        "제프 자비스의 ‘델 헬(Dell Hell)’ (2005); 캐논 7D 시야율 광고 대응 (2009)",
    ),
    example: Bilingual::for_docs("Read the manual.", "충전기 꽂는 방법이 틀리신 거예요. 고객님 잘못입니다."),
    fix: Bilingual::for_docs("Acknowledge the problem and offer help.", "문제를 인정하고 도움을 제안하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        if cx.reply_to.is_none() {
            return;
        }
        for hit in draft.hits(Lex::Dismissive) {
            let m = &draft.text[hit.range.clone()];
            out.add(&DOC, hit.range.clone(), bi(
                format!("“{m}” brushes off the person you are replying to."),
                format!("{} 상대의 불만을 무시하는 말로 읽힙니다.", quoted(m, Particle::Topic)),
            ))
            .suggest(
                bi("Acknowledge and help", "문제를 인정하고 돕겠다고 답하기"),
                hit.range.clone(),
                draft.in_language("Sorry about this. Let's sort it out; could you send us the details?", "불편을 드려 죄송합니다. 자세한 내용을 알려주시면 바로 확인하겠습니다"),
            );
        }
    }
}
