//! SENS002 religion: religions and their figures.
//!
//! Example: "Only Christians understand real values" / "교회 다니는 사람들은".
//! Fix: none needed; a reminder that your views may be read as the company's.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "SENS002",
    name: "religion",
    category: Cat::SensitiveTopic,
    severity: Info,
    what: Bilingual::for_docs("Religions and their figures.", "종교와 종교 인물."),
    why: Bilingual::fixed(
        "Guidelines ask for care with religion; discrimination by religion is forbidden.",
        "가이드라인은 종교 언급에 주의를 요청하며, 종교에 따른 차별은 금지됩니다.",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines; BBC guidance on social media use; JoongAng Group social media guidelines (religion)",
        "Intel 소셜 미디어 가이드라인; BBC 소셜 미디어 이용 지침; 중앙그룹 소셜 미디어 가이드라인(종교)",
    ),
    example: Bilingual::for_docs("Church was packed this Easter morning", "교회 수련회 다녀왔어요"),
    fix: Bilingual::for_docs("Consider adding that views are your own.", "개인 의견임을 밝히는 것을 고려하세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::Religion], &DOC, out, |m| bi(
            format!("Religious topic: “{m}”."),
            format!("종교 주제: “{m}”."),
        ), None);
    }
}
