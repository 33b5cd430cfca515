//! MNPI005 quiet-period: a post about the business during a quiet period set in the policy.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI005",
    name: "quiet-period",
    category: Cat::Mnpi,
    severity: Warn,
    feed: None,
    by_role: &[(Role::Executive, Block)],
    what: Bilingual::for_docs(
        "A post about the company's business during a quiet period of the policy (before earnings).",
        "정책에 정한 조용한 기간(실적 발표 전)에 회사 사업을 언급한 게시물.",
    ),
    why: Bilingual::fixed(
        "Before earnings any comment on the business can be read as a hint about results; companies forbid it for that window.",
        "실적 발표 전에는 사업에 대한 어떤 언급도 실적 암시로 읽힐 수 있어, 회사가 그 기간에는 금지합니다.",
    ),
    source: Bilingual::fixed(
        "Your organisation's quiet-period policy; SEC Regulation FD",
        "소속 조직의 조용한 기간(quiet period) 정책; 미국 SEC Regulation FD",
    ),
    example: Bilingual::for_docs("Nova X1 sales are going great this month!", "노바 X1 새 색상 나왔어요"),
    fix: Bilingual::for_docs("Post after the quiet period ends.", "조용한 기간이 끝난 뒤 게시하세요."),
};

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let Some(period) = cx.settings.quiet_period(cx.today) else { return };
    // The company by name or codename, or its financials spoken of as ours or as internal.
    let named = [Lex::OrgNames, Lex::Products, Lex::Executives, Lex::Tickers, Lex::Codenames].iter().flat_map(|&l| draft.hits(l));
    let financials = draft.hits(Lex::FinancialMetrics).iter().filter(|h| {
        family::mnpi::own_figures(draft, &draft.sentence_at(h.range.start))
    });
    let mention = named.chain(financials).min_by_key(|h| h.range.start);
    let Some(mention) = mention else { return };
    let (until_en, until_ko) = (period.end.english(), period.end.korean());
    let message = if period.reason.is_empty() {
        bi(
            format!("Quiet period until {until_en}: don't post about the business."),
            format!("{until_ko}까지는 실적 발표 전 조용한 기간입니다. 사업 이야기는 그 뒤에 올리세요."),
        )
    } else {
        let reason = &period.reason;
        bi(
            format!("Quiet period ({reason}) until {until_en}: don't post about the business."),
            format!("{until_ko}까지는 조용한 기간({reason})입니다. 사업 이야기는 그 뒤에 올리세요."),
        )
    };
    out.add(&DOC, mention.range.clone(), message).severity(DOC.severity_for(cx.role));
}
