//! MNPI003 financing-or-going-private: "funding secured", taking the company private, an IPO or a raise.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI003",
    name: "financing-or-going-private",
    category: Cat::Mnpi,
    severity: Block,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "Financing, going private, listing or a funding round of your own company.",
        "자사의 자금 조달, 비상장 전환, 상장, 투자 유치.",
    ),
    why: Bilingual::fixed(
        "“Funding secured.” cost Tesla and Elon Musk $20 million each and put his posts under a lawyer's pre-approval.",
        "“Funding secured.” 한 줄로 테슬라와 머스크는 각각 2천만 달러 제재를 받았고, 이후 게시물은 변호사 사전 승인 대상이 되었습니다.",
    ),
    source: Bilingual::fixed(
        "SEC v. Musk (2018) and the 2019 amendment (securities offerings, financing); Korea's Capital Markets Act art. 174",
        "SEC v. Musk (2018)와 2019년 수정안(증권 발행, 자금 조달); 자본시장법 제174조",
    ),
    example: Bilingual::for_docs("Am considering taking Hanbit private at $420. Funding secured.", "저희 회사 시리즈 C 투자 유치 확정됐습니다! 공식 발표는 다음 주"),
    fix: Bilingual::for_docs("Remove it; financing news comes from the company's official disclosure.", "삭제하세요. 자금 조달 소식은 회사 공시로 나갑니다."),
};

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”' | '「' | '」')
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let news: Vec<(&crate::lexicon::Hit, Range<usize>)> = draft.hits_with_sentence(Lex::Financing).filter(|(hit, sentence)| is_news(draft, cx, hit, sentence)).collect();
    // The sentences that carry the news, when they follow one another: "taking the company private
    // at $420. Funding secured." is one piece of news in two sentences, and goes whole.
    let mut sentences: Vec<Range<usize>> = news.iter().map(|(_, s)| s.clone()).collect();
    // The sentence just before or after that makes it material goes too ("Am considering taking
    // Hanbit private at $420." before "Funding secured.").
    let all = draft.sentences();
    let material = |r: &Range<usize>| {
        let words = draft.text[r.clone()].to_lowercase();
        draft.has_in(Lex::Financing, r) || draft.has_in(Lex::DealTerms, r) || words.contains(" private") || words.contains("비상장")
    };
    for (i, sentence) in all.iter().enumerate() {
        let next_to_news = [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|j| all.get(j)).any(|n| sentences.contains(n));
        if next_to_news && !sentences.contains(sentence) && material(sentence) {
            sentences.push(sentence.clone());
        }
    }
    sentences.sort_by_key(|r| r.start);
    sentences.dedup();
    let adjacent = sentences.windows(2).all(|w| draft.text[w[0].end..w[1].start].trim().is_empty());
    let together = (sentences.len() > 1 && adjacent).then(|| sentences[0].start..sentences[sentences.len() - 1].end);
    for (hit, sentence) in news {
        let words = &draft.text[hit.range.clone()];
        let finding = out.add(&DOC, hit.range.clone(), bi(format!("Financing news before it is announced: “{words}”."), format!("발표 전 자금 조달 소식: “{words}”.")));
        if let Some(all) = &together {
            let n = sentences.len();
            let label = if n == 2 { bi("Remove both sentences", "두 문장 모두 삭제") } else { bi(format!("Remove these {n} sentences"), format!("이 {n}문장 모두 삭제")) };
            finding.suggest(label, all.clone(), "");
        }
        finding.suggest(bi("Remove this sentence", "이 문장 삭제"), sentence, "");
    }
}

/// Whether a financing phrase is news from the company: not quoted ("Musk's 'funding secured'
/// tweet" is talking about it), and decisive ("secured", "private") or about us.
fn is_news(draft: &Draft, cx: &Context, hit: &crate::lexicon::Hit, sentence: &Range<usize>) -> bool {
    let quoted = riskhint_text::text::char_before(draft.text, hit.range.start).is_some_and(is_quote)
        && riskhint_text::text::char_after(draft.text, hit.range.end).is_some_and(is_quote);
    let decisive = ["secured", "private", "확정", "비상장"].iter().any(|w| hit.entry.contains(w));
    let ours = draft.own_company_in(sentence) || cx.role == Role::Executive;
    !quoted && (decisive || ours)
}
