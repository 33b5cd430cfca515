//! CONF003 internal-domain: a host, URL or email address under an internal domain of the policy.

use super::*;
use riskhint_text::text::{leet_skeleton, leet_stands_for};

pub static DOC: RuleDoc = RuleDoc {
    code: "CONF003",
    name: "internal-domain",
    category: Cat::Confidential,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A link, host name or email address under an internal domain (confidential.internal_domains).",
        "내부 도메인(confidential.internal_domains)의 링크·호스트·이메일.",
    ),
    why: Bilingual::fixed(
        "Internal links reveal systems, project names and people, and invite attackers to the intranet.",
        "내부 링크는 시스템·프로젝트·사람을 드러내고 공격자를 사내망으로 안내합니다.",
    ),
    source: Bilingual::fixed(
        "IBM Social Computing Guidelines; your organisation's policy",
        "IBM 소셜 컴퓨팅 가이드라인; 소속 조직의 정책",
    ),
    example: Bilingual::for_docs("Details on https://wiki.corp.hanbit.example/falcon", "사내 위키 주소는 wiki.corp.hanbit.example 입니다. 로그인해서 확인해 주세요"),
    fix: Bilingual::for_docs("Remove the internal link.", "내부 링크를 지우세요."),
};

/// Characters that can be part of a URL, host or email token.
fn is_token_char(c: char) -> bool {
    // Full-width forms (ｗｉｋｉ．) and invisible characters (han\u{200B}bit) are part of the token the
    // user sees, as the folded view reads them.
    let c = if ('\u{FF01}'..='\u{FF5E}').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c };
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'*+,;=%".contains(c) || riskhint_text::text::is_invisible(c)
}

/// The whole URL, host or email token around `range`, without trailing punctuation.
fn token_around(text: &str, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..range.start].rfind(|c: char| !is_token_char(c)).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[range.end..].find(|c: char| !is_token_char(c)).map_or(text.len(), |i| range.end + i);
    let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    start..start + trimmed.len()
}

/// Whether a digit touches a Latin letter somewhere in `text`: leetspeak may be hiding a host.
fn has_leet_digit(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| (pair[0].is_ascii_digit() && pair[1].is_ascii_alphabetic()) || (pair[0].is_ascii_alphabetic() && pair[1].is_ascii_digit()))
}

/// Whether `written` (ASCII, as long as `domain`) is `domain` with some letters written as
/// leetspeak digits ("c0rp.hanb1t.examp1e"); the domain's own digits stay digits.
fn spells_domain(written: &str, domain: &str) -> bool {
    written.chars().zip(domain.chars()).all(|(w, d)| if d.is_ascii_digit() { w == d } else { leet_stands_for(w, d) })
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let folded = &draft.views.folded;
    // A reader undoes leetspeak in a host name, so "c0rp.hanb1t.example" gives the internal host
    // away: where digits touch letters, domains are searched in a skeleton where both meet, and
    // each match is checked letter by letter.
    let skeleton = has_leet_digit(&folded.text).then(|| leet_skeleton(&folded.text));
    let searched = skeleton.as_deref().unwrap_or(&folded.text);
    // The settings hold the internal domains lower case, without a leading dot, none empty.
    for domain in &cx.settings.confidential.internal_domains {
        let key = match skeleton {
            Some(_) => std::borrow::Cow::Owned(leet_skeleton(domain)),
            None => std::borrow::Cow::Borrowed(domain.as_str()),
        };
        for (at, _) in searched.match_indices(&*key) {
            let end = at + key.len();
            if skeleton.is_some() && !spells_domain(&folded.text[at..end], domain) {
                continue;
            }
            let before = folded.text[..at].chars().next_back();
            let after = folded.text[end..].chars().next();
            let starts_label = before.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'));
            let ends_label = after.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'));
            if !(starts_label && ends_label) {
                continue;
            }
            let span = token_around(draft.text, &folded.to_original(at..end));
            out.add(&DOC, span.clone(), bi(
                format!("Internal address: “{}”.", &draft.text[span.clone()]),
                format!("내부 주소: “{}”.", &draft.text[span.clone()]),
            ))
            .suggest(bi("Remove the link", "링크 삭제"), span.clone(), "");
        }
    }
}
