//! TONE005 identity-attack: slurs and attacks on gender, race, religion, region, orientation, age, disability.
//!
//! Example: "typical 김치녀" / "틀딱들은 빠져".
//! Fix: don't post it.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE005",
    name: "identity-attack",
    category: Cat::Tone,
    severity: Block,
    what: Bilingual::for_docs(
        "Slurs and attacks on a group: gender, race or nationality, religion, region, sexual orientation, age, disability.",
        "집단 비하·혐오 표현: 성별, 인종·국적, 종교, 지역, 성적 지향, 나이, 장애.",
    ),
    why: Bilingual::fixed(
        "Discrimination by gender, race, religion or politics is forbidden by company codes and turns into a boycott overnight.",
        "성별·인종·종교·정치성향 차별은 사규로 금지되며(중앙그룹 가이드라인 등), 하룻밤에 불매운동이 됩니다.",
    ),
    source: Bilingual::fixed(
        "Perspective API attributes (identity attack); Korean hate-speech label schemes (kocohub korean-hate-speech, Smilegate UnSmile, K-MHaS); JoongAng Group social media guidelines",
        "Perspective API 속성(정체성 공격); 한국어 혐오 표현 분류 체계(kocohub korean-hate-speech, 스마일게이트 UnSmile, K-MHaS); 중앙그룹 소셜 미디어 가이드라인",
    ),
    example: Bilingual::for_docs("Go back to your country, nobody wants you here", "틀딱들은 스마트폰 쓰지 마라"),
    fix: Bilingual::for_docs("Don't post it.", "올리지 마세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::IdentityEn, Lex::IdentityKo], &DOC, out, |m| bi(
            format!("Identity attack: “{m}”."),
            format!("혐오 표현: “{m}”."),
        ), Some(bi("Remove it", "삭제")));
    }
}
