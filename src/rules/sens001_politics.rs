//! SENS001 politics: elections, parties and politicians.
//!
//! Example: "Everyone should vote for the Democrats" / "이번 대선은 무조건 2번".
//! Fix: none needed; a reminder that your views may be read as the company's.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "SENS001",
    name: "politics",
    category: Cat::SensitiveTopic,
    severity: Info,
    what: Bilingual::for_docs("Elections, parties and politicians.", "선거, 정당, 정치인."),
    why: Bilingual::fixed(
        "Guidelines ask for care with politics: under your real name, your view may be read as your employer's.",
        "가이드라인은 정치 언급에 주의를 요청합니다. 실명 계정의 의견은 회사의 입장으로 읽힐 수 있습니다.",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines; BBC guidance on social media use; JoongAng Group social media guidelines (political views)",
        "Intel 소셜 미디어 가이드라인; BBC 소셜 미디어 이용 지침; 중앙그룹 소셜 미디어 가이드라인(정치 성향)",
    ),
    example: Bilingual::for_docs("Everyone should vote for the Democrats", "대선 토론 보셨어요?"),
    fix: Bilingual::for_docs("Consider adding that views are your own.", "개인 의견임을 밝히는 것을 고려하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::Politics], &DOC, out, |m| bi(
            format!("Political topic: “{m}”."),
            format!("정치 주제: “{m}”."),
        ), None);
    }
}
