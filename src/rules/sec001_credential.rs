//! SEC001 credential: an access key, token, webhook URL or private key in one of gitleaks' formats.
//! The formats are data: data/secrets/gitleaks.toml, compiled by build/secrets.rs and read by
//! family::credentials (docs/secrets.md).

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "SEC001",
    name: "credential",
    category: Cat::Secret,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A credential in one of gitleaks' ~220 formats: cloud and API keys, tokens, webhook URLs, private keys, passwords in curl commands.",
        "gitleaks의 약 220가지 형식 중 하나에 맞는 인증 정보: 클라우드·API 키, 토큰, 웹훅 URL, 개인 키, curl 명령 속 비밀번호.",
    ),
    why: Bilingual::fixed(
        "Bots scrape public posts for keys within minutes; a posted key is a breach.",
        "봇은 공개 게시물에서 몇 분 안에 키를 수집합니다. 게시된 키는 곧 침해 사고입니다.",
    ),
    source: Bilingual::fixed(
        "gitleaks default rule set (MIT); Yelp detect-secrets",
        "gitleaks 기본 규칙(MIT); Yelp detect-secrets",
    ),
    example: Bilingual::for_docs("our CI key is AKIAZ7QK2MW3ZR4TL6VN lol", "AKIA5QJ7RZ3MXW2LT4NB를 환경변수에 넣으면 돼요"),
    fix: Bilingual::for_docs("Remove it and revoke the key now.", "삭제하고 즉시 키를 폐기하세요."),
};

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    // Keys are case-sensitive, so they are searched in the original text, or where it hides
    // them (a zero-width space inside, a Cyrillic А, full-width ＡＫＩＡ…) in its unmasked view.
    let unmasked = if draft.views.masked { riskhint_text::text::unmasked(draft.text) } else { None };
    let text = unmasked.as_ref().map_or(draft.text, |v| v.text.as_str());
    for (format, secret) in family::credentials::find(text) {
        let (en, ko) = format.name;
        let span = unmasked.as_ref().map_or(secret.clone(), |v| v.to_original(secret));
        let ko = format!("{ko}{}", crate::particle::particle(ko, Particle::Toward));
        out.add(&DOC, span.clone(), bi(format!("Looks like a live {en}."), format!("실제 {ko} 보입니다.")))
            .suggest(bi("Remove it (and revoke it)", "삭제(키도 폐기)"), span, "");
    }
}
