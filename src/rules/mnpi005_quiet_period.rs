//! MNPI005 quiet-period: a post about the business during a quiet period set in the policy.
//!
//! Example (on 2026-12-22, quiet period 2026-12-20..2027-01-25): "Nova X1 sales are going great!"
//! Fix: wait until the quiet period ends.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI005",
    name: "quiet-period",
    category: Cat::Mnpi,
    severity: Warn,
    what: Bilingual::fixed(
        "A post about the company's business during a quiet period of the policy (before earnings).",
        "정책에 정한 조용한 기간(실적 발표 전)에 회사 사업을 언급한 게시물.",
    ),
    why: Bilingual::fixed(
        "Before earnings any comment on the business can be read as a hint about results; companies forbid it for that window.",
        "실적 발표 전에는 사업에 대한 어떤 언급도 실적 암시로 읽힐 수 있어, 회사가 그 기간에는 금지합니다.",
    ),
    source: "Company quiet-period policy (policy.quiet_periods); SEC Regulation FD",
    example: "Nova X1 sales are going great this month!",
    fix: Bilingual::fixed("Post after the quiet period ends.", "조용한 기간이 끝난 뒤 게시하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        let Some(period) = cx.policy.quiet_period(cx.today) else { return };
        // The company by name or codename, or its financials spoken of as ours or as internal.
        let named = [Lex::OrgNames, Lex::Products, Lex::Executives, Lex::Tickers, Lex::Codenames].iter().flat_map(|&l| draft.hits(l));
        let financials = draft.hits(Lex::FinancialMetrics).iter().filter(|h| {
            let sentence = draft.sentence_at(h.range.start);
            draft.own_company_in(&sentence) || draft.has_in(Lex::InternalCues, &sentence)
        });
        let mention = named.chain(financials).min_by_key(|h| h.range.start);
        let Some(mention) = mention else { return };
        let reason = if period.reason.is_empty() { "quiet period".to_string() } else { period.reason.clone() };
        let finding = out.add(&DOC, mention.range.clone(), bi(
            format!("Quiet period ({reason}) until {}: don't post about the business.", period.end),
            format!("{}까지 조용한 기간({reason})입니다. 사업 관련 게시를 삼가세요.", period.end),
        ));
        if cx.role == Role::Executive {
            finding.severity(Block);
        }
    }
}
