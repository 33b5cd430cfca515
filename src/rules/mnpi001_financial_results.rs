//! MNPI001 unpublished-financials: a figure next to a financial metric, about the writer's own company.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI001",
    name: "unpublished-financials",
    category: Cat::Mnpi,
    severity: Block,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A figure next to revenue, profit, earnings or another financial metric of your own company.",
        "자사 매출·이익·실적 같은 재무 지표와 함께 쓴 수치.",
    ),
    why: Bilingual::fixed(
        "Unpublished results are material non-public information: telling them selectively breaks Regulation FD, and a personal post is not a disclosure channel (SEC, Netflix 2013).",
        "공시 전 실적은 미공개중요정보입니다. 선별적으로 알리면 공정공시 위반이고(자본시장법 §174), 개인 계정은 공시 채널이 아닙니다.",
    ),
    source: Bilingual::fixed(
        "SEC Regulation FD (Release 33-7815); SEC Report 34-69279 on Netflix (2013); Korea's Capital Markets Act art. 174; KRX fair disclosure rules (preliminary results)",
        "미국 SEC Regulation FD(33-7815); SEC 넷플릭스 조사 보고서(34-69279, 2013); 자본시장법 제174조; 한국거래소 공정공시(가집계 실적)",
    ),
    example: Bilingual::for_docs("Q3 revenue already beat $2B internally 🎉", "3분기 매출 가집계 2조 돌파했습니다. 다들 고생 많으셨어요!"),
    fix: Bilingual::for_docs("Remove the figure; share results only after they are published, with a link.", "수치를 지우고, 실적은 공시 후 링크와 함께 공유하세요."),
};

/// Currency signs an amount may start with.
const CURRENCIES: [char; 5] = ['$', '₩', '€', '£', '¥'];

/// Units that may follow an amount, in the order they are tried, and whether an ASCII word must
/// end with them ("2b" but not "2bar"; "3x" but not "3xl").
const UNITS: [(&str, bool); 18] = [
    ("%", false),
    ("percent", false),
    ("퍼센트", false),
    ("bn", false),
    ("billion", false),
    ("million", false),
    ("trillion", false),
    ("k", true),
    ("m", true),
    ("b", true),
    ("조", false),
    ("억", false),
    ("만", false),
    ("천", false),
    ("원", false),
    ("달러", false),
    ("배", false),
    ("x", true),
];

/// The amounts of `text`: optional currency, digits, optional unit ("$2B", "2조", "15%", "3.5
/// billion"), leftmost first and not overlapping, each as the regex
/// `(?:[$₩€£¥]\s?)?[0-9][0-9,.]*\s?(?:%|percent|…|x\b)?` (the units of [`UNITS`]) would match
/// it; like that regex, an amount takes one whitespace character after its digits even when no
/// unit follows ("40 and" gives "40 ").
///
/// Scanned by hand because in a cold WASM worker, compiling the first regex of a check (the
/// regex crate's parser and compilers run in V8's baseline compiler, compiled on first call) was
/// about 12 of the 17 ms of the first check of a draft about revenue.
pub(crate) fn scan_amounts(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let whitespace_at = |at: usize| text[at..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8);
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let c = text[at..].chars().next().expect("at a character");
        let digits_from = if CURRENCIES.contains(&c) {
            let after = at + c.len_utf8();
            Some(after + whitespace_at(after)).filter(|&d| bytes.get(d).is_some_and(u8::is_ascii_digit))
        } else {
            Some(at).filter(|_| c.is_ascii_digit())
        };
        let Some(digits_from) = digits_from else {
            at += c.len_utf8();
            continue;
        };
        let mut end = digits_from + 1;
        while bytes.get(end).is_some_and(|b| b.is_ascii_digit() || *b == b',' || *b == b'.') {
            end += 1;
        }
        end += whitespace_at(end);
        let rest = &text[end..];
        let unit = UNITS.iter().find(|(unit, word_end)| {
            rest.starts_with(unit) && !(*word_end && rest.as_bytes().get(unit.len()).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_'))
        });
        end += unit.map_or(0, |(unit, _)| unit.len());
        found.push(at..end);
        at = end;
    }
    found
}

/// Amounts in `range` of the draft that are figures, not years or labels like "Q3" or "Nova X1".
pub(crate) fn amounts(draft: &Draft, range: &Range<usize>) -> Vec<Range<usize>> {
    let folded = &draft.views.folded;
    scan_amounts(&folded.text)
        .into_iter()
        .filter(|m| {
            let amount = &folded.text[m.clone()];
            let glued_to_word = folded.text[..m.start].chars().next_back().is_some_and(|c| c.is_alphabetic());
            let digits: String = amount.chars().filter(char::is_ascii_digit).collect();
            let bare = amount.trim().chars().all(|c| c.is_ascii_digit());
            let year = bare && digits.len() == 4 && ("1900".."2100").contains(&digits.as_str());
            // "$40 profit at the bake sale": company results come with units or four digits.
            let pocket_money = !has_unit(amount) && digits.len() < 4 && amount.starts_with(CURRENCIES);
            !glued_to_word && !year && !pocket_money
        })
        .map(|m| folded.to_original(m))
        .filter(|r| range.start <= r.start && r.end <= range.end)
        .collect()
}

/// Whether an amount carries a unit or percentage ("2B", "15%", "2조").
fn has_unit(amount: &str) -> bool {
    amount.trim_end().chars().next_back().is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != ',')
}

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for (sentence, metric) in family::mnpi::metric_sentences(draft) {
        let ours = family::mnpi::own_figures(draft, sentence);
        let Some(amount) = amounts(draft, sentence).into_iter().min_by_key(|a| a.start.abs_diff(metric.range.start)) else { continue };
        if !ours {
            continue;
        }
        let span = cover(&metric.range, &amount);
        let figure = &draft.text[span.clone()];
        out.add(&DOC, span, bi(format!("Unpublished financial figure: “{figure}”."), format!("공시 전 재무 수치: “{figure}”.")))
        // The sentence goes: its figures are the news, and one left without them ("came in at
        // won") says nothing and still says too much.
        .suggest(bi("Remove this sentence", "이 문장 삭제"), sentence.clone(), "");
    }
}

#[cfg(test)]
mod tests {
    use super::scan_amounts;
    use proptest::prelude::*;
    use regex::Regex;

    /// The pattern the scanner replaced, as the rule used it.
    fn by_regex(text: &str) -> Vec<std::ops::Range<usize>> {
        let pattern = r"(?:[$₩€£¥]\s?)?[0-9][0-9,.]*\s?(?:%|percent|퍼센트|bn|billion|million|trillion|[kmb](?-u:\b)|조|억|만|천|원|달러|배|x(?-u:\b))?";
        Regex::new(pattern).unwrap().find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn amounts_in_english_and_korean() {
        let found = |text: &str| scan_amounts(text).into_iter().map(|r| text[r].to_string()).collect::<Vec<_>>();
        // "q3" gives "3 ": the rule drops figures glued to a word.
        assert_eq!(found("q3 revenue beat $2b, up 15% on 3.5 billion"), ["3 ", "$2b", "15%", "3.5 billion"]);
        assert_eq!(found("3분기 매출 2조 돌파, 영업이익 40퍼센트 증가"), ["3", "2조", "40퍼센트"]);
        assert_eq!(found("₩ 1,200억 and 3x"), ["₩ 1,200억", "3x"]);
        // Near misses: a unit glued into a longer word is not a unit; a currency needs digits.
        assert_eq!(found("2bar 3xl 5 mobile $ x"), ["2", "3", "5 "]);
        assert_eq!(found("no figures here: $, ₩ 원"), Vec::<String>::new());
    }

    fn fragment() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &["$", "₩", "€", " ", "\u{3000}", "\n", "1", "2", "0", ",", ".", "%", "percent", "퍼센트", "bn", "b", "billion", "m", "million", "trillion", "k", "x", "xl", "조", "억", "만", "천", "원", "달러", "배", "a", "_", "한", "é"];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn scanner_finds_what_the_pattern_found(text in fragment()) {
            prop_assert_eq!(scan_amounts(&text), by_regex(&text));
        }
    }
}
