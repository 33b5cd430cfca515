//! SEC001 credential: an access key, token or private key in a known format (one table below).

use super::*;
use riskhint_text::trie::Trie;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "SEC001",
    name: "credential",
    category: Cat::Secret,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "An AWS, GitHub, Slack, Google or Stripe key, a JWT or a private key block.",
        "AWS·GitHub·Slack·Google·Stripe 키, JWT, 개인 키 블록.",
    ),
    why: Bilingual::fixed(
        "Bots scrape public posts for keys within minutes; a posted key is a breach.",
        "봇은 공개 게시물에서 몇 분 안에 키를 수집합니다. 게시된 키는 곧 침해 사고입니다.",
    ),
    source: Bilingual::fixed(
        "gitleaks default rule set; Yelp detect-secrets",
        "gitleaks 기본 규칙; Yelp detect-secrets",
    ),
    example: Bilingual::for_docs("our CI key is AKIA2E0A8F3B244C9986 lol", "AKIA5QJ7RZ3MXW2LT4NB를 환경변수에 넣으면 돼요"),
    fix: Bilingual::for_docs("Remove it and revoke the key now.", "삭제하고 즉시 키를 폐기하세요."),
};

/// Known credential formats (gitleaks-style): the name shown to the user, words one of which every
/// match contains (so that a text without any is not searched), and the pattern.
const FORMATS: &[(&str, &[&str], &str)] = &[
    ("AWS access key", &["AKIA", "ASIA", "ABIA", "ACCA"], r"(?-u:\b)(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?-u:\b)"),
    ("GitHub token", &["gh", "github_pat_"], r"(?-u:\b)gh[pousr]_[A-Za-z0-9]{36}(?-u:\b)|(?-u:\b)github_pat_[A-Za-z0-9_]{82}"),
    ("Slack token", &["xox"], r"(?-u:\b)xox[baprs]-[A-Za-z0-9-]{10,}"),
    ("private key", &["-----BEGIN"], r"-----BEGIN[A-Z ]{0,20}PRIVATE KEY(?: BLOCK)?-----"),
    ("JSON Web Token", &["eyJ"], r"(?-u:\b)eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ("Google API key", &["AIza"], r"(?-u:\b)AIza[0-9A-Za-z_-]{35}"),
    ("Stripe live key", &["k_live_"], r"(?-u:\b)[rs]k_live_[0-9A-Za-z]{20,}"),
];

/// All formats in one pattern, one capture group each, so a post is scanned once.
static ANY_FORMAT: LazyLock<Regex> = LazyLock::new(|| {
    let groups: Vec<String> = FORMATS.iter().map(|(_, _, pattern)| format!("({pattern})")).collect();
    Regex::new(&groups.join("|")).expect("credential patterns")
});

/// Every format's marker words, found in one pass. A trie: aho-corasick's automaton for them (a DFA)
/// took a third of the first check in a cold worker to build.
static MARKERS: LazyLock<Trie> = LazyLock::new(|| Trie::new(&FORMATS.iter().flat_map(|f| f.1.iter().copied()).collect::<Vec<&str>>()));

/// A format's name in Korean, with the particle 으로/로 that follows it.
fn in_korean_as(name: &str) -> String {
    let korean = match name {
        "AWS access key" => "AWS 액세스 키",
        "GitHub token" => "GitHub 토큰",
        "Slack token" => "Slack 토큰",
        "private key" => "개인 키",
        "JSON Web Token" => "JSON 웹 토큰(JWT)",
        "Google API key" => "Google API 키",
        "Stripe live key" => "Stripe 라이브 키",
        _ => "인증 정보",
    };
    format!("{korean}{}", crate::particle::particle(korean, Particle::Toward))
}

/// Documented example keys that are safe to post.
fn allow_listed(key: &str) -> bool {
    key.contains("EXAMPLE") || key.contains("example")
}

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    // Keys are case-sensitive, so they are searched in the original text, or where it hides
    // them (a zero-width space inside, a Cyrillic А, full-width ＡＫＩＡ…) in its unmasked view.
    let unmasked = if draft.views.masked { riskhint_text::text::unmasked(draft.text) } else { None };
    let text = unmasked.as_ref().map_or(draft.text, |v| v.text.as_str());
    if !MARKERS.is_match(text) {
        return;
    }
    for found in ANY_FORMAT.captures_iter(text) {
        let m = found.get(0).expect("whole match");
        let name = (1..found.len()).find(|&g| found.get(g).is_some()).map_or("credential", |g| FORMATS[g - 1].0);
        if allow_listed(m.as_str()) {
            continue;
        }
        let span = unmasked.as_ref().map_or(m.range(), |v| v.to_original(m.range()));
        out.add(&DOC, span.clone(), bi(format!("Looks like a live {name}."), format!("실제 {} 보입니다.", in_korean_as(name))))
            .suggest(bi("Remove it (and revoke it)", "삭제(키도 폐기)"), span, "");
    }
}
