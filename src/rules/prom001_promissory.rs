//! PROM001 promised-returns: promises about money: guaranteed returns, risk-free, 원금 보장.
//!
//! Example: "Guaranteed returns, you can't lose!" / "원금 보장에 확정 수익".
//! Fix: remove the promise; say what is known, with the risks.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "PROM001",
    name: "promised-returns",
    category: Cat::Promissory,
    severity: Warn,
    what: Bilingual::for_docs(
        "Promises about money: guaranteed returns, risk-free, can't lose, will double your money, 원금 보장, 확정 수익, 대박 종목.",
        "돈에 대한 단정: 원금 보장, 확정 수익, 고수익 보장, 대박 종목, guaranteed returns, risk-free.",
    ),
    why: Bilingual::fixed(
        "FINRA Rule 2210 forbids promissory and exaggerated claims; Korea's Capital Markets Act forbids 단정적 판단.",
        "자본시장법 §49는 단정적 판단 제공을 금지하고, 금감원은 “고수익 보장”·“대박 종목” 표현을 금지합니다(FINRA 2210도 같음).",
    ),
    source: Bilingual::fixed(
        "FINRA Rule 2210; Korea's Capital Markets Act art. 49; Financial Supervisory Service advertising review standards (2024)",
        "FINRA Rule 2210; 자본시장법 제49조; 금융감독원 금융광고 심의 기준 (2024)",
    ),
    example: Bilingual::for_docs("Guaranteed returns, you can't lose!", "원금 보장에 확정 수익 월 5%! 문의 주세요"),
    fix: Bilingual::for_docs("Remove the promise.", "단정적 표현을 지우세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::Promissory], &DOC, out, |m| bi(
            format!("“{m}” promises a financial result."),
            format!("{} 수익을 장담하는 표현입니다.", quoted(m, Particle::Topic)),
        ), Some(bi("Remove the promise", "표현 삭제")));
    }
}
