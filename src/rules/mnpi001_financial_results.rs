//! MNPI001 unpublished-financials: a figure next to a financial metric, about the writer's own company.
//!
//! Example: "Q3 revenue already beat $2B internally" / "3분기 매출 가집계 2조 돌파".
//! Fix: remove the figure, or wait for the official release and link to it.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI001",
    name: "unpublished-financials",
    category: Cat::Mnpi,
    severity: Block,
    what: Bilingual::fixed(
        "A figure next to revenue, profit, earnings or another financial metric of your own company.",
        "자사 매출·이익·실적 같은 재무 지표와 함께 쓴 수치.",
    ),
    why: Bilingual::fixed(
        "Unpublished results are material non-public information: telling them selectively breaks Regulation FD, and a personal post is not a disclosure channel (SEC, Netflix 2013).",
        "공시 전 실적은 미공개중요정보입니다. 선별적으로 알리면 공정공시 위반이고(자본시장법 §174), 개인 계정은 공시 채널이 아닙니다.",
    ),
    source: "SEC Regulation FD (33-7815); SEC Report 34-69279 (Netflix); 자본시장법 §174; KRX 공정공시 (가집계 실적)",
    example: "Q3 revenue already beat $2B internally 🎉",
    fix: Bilingual::fixed("Remove the figure; share results only after they are published, with a link.", "수치를 지우고, 실적은 공시 후 링크와 함께 공유하세요."),
};

/// An amount: optional currency, digits, optional unit ("$2B", "2조", "15%", "3.5 billion").
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[$₩€£¥]\s?)?[0-9][0-9,.]*\s?(?:%|percent|퍼센트|bn|billion|million|trillion|[kmb](?-u:\b)|조|억|만|천|원|달러|배|x(?-u:\b))?")
        .expect("amount pattern")
});

/// Amounts in `range` of the draft that are figures, not years or labels like "Q3" or "Nova X1".
pub(crate) fn amounts(draft: &Draft, range: &Range<usize>) -> Vec<Range<usize>> {
    let folded = &draft.views.folded;
    AMOUNT
        .find_iter(&folded.text)
        .filter(|m| {
            let glued_to_word = folded.text[..m.start()].chars().next_back().is_some_and(|c| c.is_alphabetic());
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let bare = m.as_str().trim().chars().all(|c| c.is_ascii_digit());
            let year = bare && digits.len() == 4 && ("1900".."2100").contains(&digits.as_str());
            // "$40 profit at the bake sale": company results come with units or four digits.
            let pocket_money = !has_unit(m.as_str()) && digits.len() < 4 && m.as_str().starts_with(['$', '₩', '€', '£', '¥']);
            !glued_to_word && !year && !pocket_money
        })
        .map(|m| folded.to_original(m.start()..m.end()))
        .filter(|r| range.start <= r.start && r.end <= range.end)
        .collect()
}

/// Whether an amount carries a unit or percentage ("2B", "15%", "2조").
fn has_unit(amount: &str) -> bool {
    amount.trim_end().chars().next_back().is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != ',')
}

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        for sentence in draft.sentences() {
            let Some(metric) = hits_in(draft, Lex::FinancialMetrics, sentence).next() else { continue };
            let ours = draft.own_company_in(sentence) || draft.has_in(Lex::InternalCues, sentence);
            let Some(amount) = amounts(draft, sentence).into_iter().min_by_key(|a| a.start.abs_diff(metric.range.start)) else { continue };
            if !ours {
                continue;
            }
            let span = cover(&metric.range, &amount);
            let figure = &draft.text[span.clone()];
            out.add(&DOC, span, bi(format!("Unpublished financial figure: “{figure}”."), format!("공시 전 재무 수치: “{figure}”.")))
            .suggest(bi("Remove the figure", "수치 삭제"), amount.clone(), "");
        }
    }
}
