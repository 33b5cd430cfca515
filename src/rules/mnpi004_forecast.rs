//! MNPI004 financial-forecast: a prediction of financial results.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI004",
    name: "financial-forecast",
    category: Cat::Mnpi,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A forecast of revenue, profit or another financial metric.",
        "매출·이익 등 재무 지표에 대한 전망.",
    ),
    why: Bilingual::fixed(
        "Forward-looking statements need safe-harbor language a post has no room for, and a forecast told selectively is a Regulation FD problem.",
        "장래 전망은 면책 문구가 필요하고, 선별적으로 알린 경영전망은 공정공시 위반이 될 수 있습니다.",
    ),
    source: Bilingual::fixed(
        "SEC Regulation FD; PSLRA safe harbor for forward-looking statements; KRX fair disclosure rules (business plans and outlook)",
        "미국 SEC Regulation FD; 미국 증권민사소송개혁법(PSLRA)의 예측 정보 면책 조항; 한국거래소 공정공시(장래사업·경영 계획, 경영전망)",
    ),
    example: Bilingual::for_docs("Next year's profit will double.", "내년 영업이익 두 배 예상합니다. 노바 X1 덕분에!"),
    fix: Bilingual::for_docs("Remove the forecast or point to the official guidance.", "전망을 지우거나 공식 가이던스를 인용하세요."),
};

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for (sentence, metric) in family::mnpi::metric_sentences(draft) {
        let Some(forecast) = hits_in(draft, Lex::Forecast, sentence).next() else { continue };
        // "Analysts expect Daesung Mobile's profit to fall" is about someone else.
        if draft.has_in(Lex::Competitors, sentence) && !draft.own_company_in(sentence) {
            continue;
        }
        let span = cover(&forecast.range, &metric.range);
        out.add(&DOC, span.clone(), bi(
            format!("Financial forecast: “{}”.", &draft.text[span.clone()]),
            format!("재무 전망: “{}”.", &draft.text[span.clone()]),
        ));
    }
}
