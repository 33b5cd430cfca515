//! MNPI002 deal-talk: a merger, acquisition or sale in negotiation.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI002",
    name: "deal-talk",
    category: Cat::Mnpi,
    severity: Block,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "An acquisition, merger, sale or joint venture described as in talks or close to signing.",
        "협상 중이거나 마무리 단계인 인수·합병·매각·합작.",
    ),
    why: Bilingual::fixed(
        "A deal in negotiation is material non-public information; an insider's hint moves the share price and breaks Regulation FD and insider-trading law.",
        "협상 중인 거래는 미공개중요정보입니다. 내부자의 암시는 주가를 움직이고 공정공시·내부자거래 규정(자본시장법 §174)을 위반합니다.",
    ),
    source: Bilingual::fixed(
        "SEC v. Musk settlement, 2019 amendment (M&A, tender offers, joint ventures); SEC Regulation FD; Korea's Capital Markets Act art. 174",
        "SEC v. Musk 합의 2019년 수정안(인수·합병, 공개매수, 합작); 미국 SEC Regulation FD; 자본시장법 제174조",
    ),
    example: Bilingual::for_docs("We're in final talks to acquire a chip startup.", "인수 협상 마무리 단계라 이번 주 야근 확정입니다 ㅠ"),
    fix: Bilingual::for_docs("Remove the deal; wait for the official announcement.", "거래 내용을 지우고 공식 발표를 기다리세요."),
};

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    // A post is short: the deal, its stage and who is dealing may sit in different sentences.
    let Some(stage) = draft.hits(Lex::DealStages).first().or(draft.hits(Lex::InternalCues).first()) else { return };
    if let Some(deal) = draft.hits(Lex::DealTerms).first() {
        let ours = draft.has(Lex::FirstPerson) || draft.names_org() || draft.has(Lex::Competitors);
        let span = cover(&deal.range, &stage.range);
        let finding = out.add(&DOC, span.clone(), bi(
            format!("Deal talk before an announcement: “{}”.", &draft.text[span.clone()]),
            format!("발표 전 거래 언급: “{}”.", &draft.text[span.clone()]),
        ));
        // Without "we" or a company name it may be public news about others: a quiet hint only.
        if !ours && cx.role != Role::Executive {
            finding.severity(Info);
        }
    }
}
