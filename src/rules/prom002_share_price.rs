//! PROM002 share-price-prediction: a prediction about your own company's share price.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "PROM002",
    name: "share-price-prediction",
    category: Cat::Promissory,
    severity: Warn,
    feed: None,
    by_role: &[(Role::Employee, Info), (Role::Pr, Info)],
    what: Bilingual::for_docs(
        "A prediction that your company's stock will rise: “our stock will soar”, “$HBE to the moon”, 주가 두 배.",
        "자사 주가 상승 예측: “우리 주가 두 배”, “주가 오를 것”, “$HBE to the moon”.",
    ),
    why: Bilingual::fixed(
        "A share-price prediction by an insider is a promissory statement; for an executive it can move the market.",
        "내부자의 주가 예측은 단정적 판단이며, 임원의 말은 시장을 움직일 수 있습니다.",
    ),
    source: Bilingual::fixed(
        "FINRA Rule 2210; Korea's Capital Markets Act art. 49; SEC v. Musk (2018)",
        "FINRA Rule 2210; 자본시장법 제49조; SEC v. Musk (2018)",
    ),
    example: Bilingual::for_docs("Our stock will double by summer 🚀", "우리 주가 오를 일만 남았습니다"),
    fix: Bilingual::for_docs("Don't predict the share price.", "주가 예측을 지우세요."),
};

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    for (rise, sentence) in draft.hits_with_sentence(Lex::PriceRise) {
        let subject = hits_in(draft, Lex::SharePrice, &sentence).chain(hits_in(draft, Lex::Tickers, &sentence)).next();
        let Some(subject) = subject else { continue };
        if !draft.own_company_in(&sentence) {
            continue;
        }
        let span = cover(&subject.range, &rise.range);
        out.add(&DOC, span.clone(), bi(
            format!("Share-price prediction: “{}”.", &draft.text[span.clone()]),
            format!("주가 예측: “{}”.", &draft.text[span.clone()]),
        ))
        .severity(DOC.severity_for(cx.role));
    }
}
