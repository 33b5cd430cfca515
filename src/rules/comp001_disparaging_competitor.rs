//! COMP001 disparaging-competitor: a competitor named next to words that run it down.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "COMP001",
    name: "disparaging-competitor",
    category: Cat::Competitor,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A competitor (organization.competitors) in the same sentence as junk, worst, scam, 쓰레기, 최악 and the like.",
        "경쟁사(organization.competitors)를 쓰레기·최악·사기 같은 말과 함께 언급.",
    ),
    why: Bilingual::fixed(
        "“Don't slam the competition” (Intel); attacks on competitors invite retaliation and unfair-competition claims.",
        "경쟁사 비방 금지(중앙그룹·Intel 가이드라인). 비방은 보복과 부정경쟁 분쟁을 부릅니다.",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines (don't slam the competition); JoongAng Group social media guidelines",
        "Intel 소셜 미디어 가이드라인(경쟁사 비방 금지); 중앙그룹 소셜 미디어 가이드라인",
    ),
    example: Bilingual::for_docs("Daesung Mobile phones are junk", "대성모바일 폰은 진짜 최악이에요"),
    fix: Bilingual::for_docs("Remove the put-down.", "비방 표현을 지우세요."),
};

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for (competitor, sentence) in draft.hits_with_sentence(Lex::Competitors) {
        let put_down = [Lex::Disparagement, Lex::InsultEn, Lex::InsultKo, Lex::ProfanityEn, Lex::ProfanityKo, Lex::ProfanityNumericKo]
            .iter()
            .find_map(|&l| hits_in(draft, l, &sentence).next());
        let Some(put_down) = put_down else { continue };
        let (name, word) = (&draft.text[competitor.range.clone()], &draft.text[put_down.range.clone()]);
        let finding = out.add(&DOC, cover(&competitor.range, &put_down.range), bi(
            format!("Runs down {name}: “{word}”."),
            format!("경쟁사 {name}{} 비방하는 표현입니다: “{word}”.", crate::particle::particle(name, Particle::Object)),
        ));
        if let Some((softer, replacement)) = family::tone::softer(draft, &put_down.range) {
            finding.suggest(softer, put_down.range.clone(), replacement);
        }
        finding.suggest(bi("Remove the put-down", "비방 표현 삭제"), put_down.range.clone(), "");
    }
}
