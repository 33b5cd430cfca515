//! MNPI006 material-topic: layoffs, restructuring, recalls, auditors, production numbers of your own company.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "MNPI006",
    name: "material-topic",
    category: Cat::Mnpi,
    severity: Warn,
    feed: None,
    by_role: &[(Role::Employee, Info), (Role::Pr, Info)],
    what: Bilingual::for_docs(
        "A material topic of your own company: layoffs, restructuring, recalls, auditors, production numbers.",
        "자사의 중요 사안: 구조조정, 감원, 리콜, 감사인, 생산량.",
    ),
    why: Bilingual::fixed(
        "These are on the SEC's list of topics an executive's posts need a lawyer for; a CEO speaks for the company whatever they call the account.",
        "SEC가 임원 게시물에 법무 검토를 요구한 주제입니다. 실명으로 글을 쓰는 CEO는 계정 이름과 상관없이 회사를 대변합니다.",
    ),
    source: Bilingual::fixed(
        "SEC v. Musk settlement, 2019 amendment (topics that need a lawyer's review); KRX fair disclosure rules",
        "SEC v. Musk 합의 2019년 수정안(사전 법률 검토 대상 주제); 한국거래소 공정공시",
    ),
    example: Bilingual::for_docs("We're planning layoffs in the mobile unit next month.", "올해 하반기 구조조정은 불가피합니다."),
    fix: Bilingual::for_docs("Remove it, or link to the company's official statement.", "삭제하거나 회사의 공식 발표를 링크하세요."),
};

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    for (hit, sentence) in draft.hits_with_sentence(Lex::MaterialTopics) {
        // Korean drops the subject: unless another company is named, it is the writer's own.
        if !draft.own_company_in(&sentence) && draft.has_in(Lex::Competitors, &sentence) {
            continue;
        }
        if !draft.own_company_in(&sentence) && cx.role != Role::Executive {
            continue;
        }
        out.add(&DOC, hit.range.clone(), bi(
            format!("Material topic: “{}”. Executives' posts on it need review.", &draft.text[hit.range.clone()]),
            format!("중요 사안 언급: “{}”. 임원 게시물은 사전 검토가 필요합니다.", &draft.text[hit.range.clone()]),
        ))
        .severity(DOC.severity_for(cx.role));
    }
}
