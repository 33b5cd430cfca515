//! Spans point into the text the user typed: flagged text, char and UTF-16 offsets, suggestions
//! that apply cleanly, and no panics on odd or huge input.

use proptest::prelude::*;
use riskhint_text::text::{char_offset, utf16_offset};
use riskhint::{CheckContext, Counts, Date, Engine, Platform, Post, Report, Role, Severity, Verdict, MAX_TEXT_BYTES};

mod common;
use common::engines;

fn hanbit() -> &'static Engine {
    &engines().hanbit
}

fn cx() -> CheckContext {
    CheckContext::new(Date::parse("2026-06-01").unwrap())
}

fn check(text: &str) -> Report {
    hanbit().check_draft(text, &cx())
}

/// Checks every span of a report against `text`; panics with the finding on failure.
fn assert_spans_valid(text: &str, report: &Report) {
    for f in &report.findings {
        let r = &f.range;
        assert!(r.start <= r.end && r.end <= text.len(), "{} range {r:?} outside {} bytes", f.code, text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{} range {r:?} splits a char", f.code);
        for s in &f.suggestions {
            let r = &s.range;
            assert!(r.start <= r.end && r.end <= text.len(), "{} suggestion {r:?} outside {} bytes", f.code, text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{} suggestion {r:?} splits a char", f.code);
        }
    }
}

fn expected_verdict(report: &Report) -> Verdict {
    if report.findings.iter().any(|f| f.severity == Severity::Block) {
        Verdict::Block
    } else if report.findings.iter().any(|f| f.severity == Severity::Warn) {
        Verdict::Review
    } else {
        Verdict::Ok
    }
}

/// The CONF001 span of `prefix + term + suffix`, checked to be exactly `term`, with its offsets.
fn assert_codename_span(prefix: &str, term: &str, suffix: &str) {
    let text = format!("{prefix}{term}{suffix}");
    let report = check(&text);
    assert_spans_valid(&text, &report);
    let conf: Vec<_> = report.findings.iter().filter(|f| f.code == "CONF001").collect();
    assert_eq!(conf.len(), 1, "{text:?}: {:?}", report.findings.iter().map(|f| (f.code, &text[f.range.clone()])).collect::<Vec<_>>());
    let range = conf[0].range.clone();
    assert_eq!(&text[range.clone()], term, "{text:?}");
    assert_eq!(range.start, prefix.len());
    assert_eq!(range.end, prefix.len() + term.len());
    // Offsets as the CLI (chars) and JavaScript (UTF-16) count them, counted here by hand.
    let before = prefix;
    let through = format!("{prefix}{term}");
    assert_eq!(char_offset(&text, range.start), before.chars().count(), "{text:?}");
    assert_eq!(char_offset(&text, range.end), through.chars().count(), "{text:?}");
    assert_eq!(utf16_offset(&text, range.start), before.encode_utf16().count(), "{text:?}");
    assert_eq!(utf16_offset(&text, range.end), through.encode_utf16().count(), "{text:?}");
}

// ---------------------------------------------------------------------------------------------
// The flagged text is what the user typed

#[test]
fn codename_between_emoji() {
    assert_codename_span("😀👍🏽 ", "Project Falcon", " 🚀");
}

#[test]
fn korean_codename_with_particle_and_emoji() {
    assert_codename_span("", "팰컨", "은 다음 달 🎉");
    assert_codename_span("🎉 드디어 ", "팰컨", "이 나온다");
}

#[test]
fn codename_with_a_zero_width_space_inside() {
    assert_codename_span("I love ", "Fal\u{200B}con", "!");
    assert_codename_span("👍🏽", "Project Fal\u{200B}\u{200D}con", " 🚀");
}

#[test]
fn full_width_codename() {
    assert_codename_span("신제품 ", "ＦＡＬＣＯＮ", " 공개");
    assert_codename_span("", "Ｐｒｏｊｅｃｔ　Ｆａｌｃｏｎ", "");
}

#[test]
fn codename_with_a_combining_mark_inside() {
    assert_codename_span("new ", "Fa\u{0301}lcon", " soon");
    assert_codename_span("😀 ", "Project Fa\u{0301}\u{0308}lcon", " 😀");
}

#[test]
fn codename_right_after_a_zwj_family_emoji() {
    assert_codename_span("👨\u{200D}👩\u{200D}👧", "Falcon", " day");
    assert_codename_span("👨\u{200D}👩\u{200D}👧 ", "Project Falcon", "👨\u{200D}👩\u{200D}👧");
    assert_codename_span("👨\u{200D}👩\u{200D}👧", "팰컨", "");
}

#[test]
fn every_occurrence_is_flagged_in_place() {
    let text = "😀 Falcon, 팰컨, and ＦＡＬＣＯＮ 👍🏽";
    let report = check(text);
    assert_spans_valid(text, &report);
    let flagged: Vec<&str> = report.findings.iter().filter(|f| f.code == "CONF001").map(|f| &text[f.range.clone()]).collect();
    assert_eq!(flagged, ["Falcon", "팰컨", "ＦＡＬＣＯＮ"]);
}

#[test]
fn offsets_of_an_emoji_text_count_chars_and_utf16_units() {
    // 😀 is one char and two UTF-16 units; 👍🏽 is two chars and four units; 한 is one and one.
    let text = "😀👍🏽한 Falcon";
    let f = check(text).findings.into_iter().find(|f| f.code == "CONF001").unwrap();
    assert_eq!(char_offset(text, f.range.start), 5);
    assert_eq!(utf16_offset(text, f.range.start), 8);
    assert_eq!(char_offset(text, f.range.end), 11);
    assert_eq!(utf16_offset(text, f.range.end), 14);
}

// ---------------------------------------------------------------------------------------------
// Suggestions apply cleanly

#[test]
fn redaction_removes_the_codename_finding() {
    for text in ["😀👍🏽 Project Falcon 🚀", "팰컨은 다음 달 🎉", "I love Fal\u{200B}con!", "신제품 ＦＡＬＣＯＮ 공개", "new Fa\u{0301}lcon soon"] {
        let report = check(text);
        let f = report.findings.iter().find(|f| f.code == "CONF001").unwrap_or_else(|| panic!("{text:?}"));
        let fix = f.suggestions.first().unwrap_or_else(|| panic!("{text:?}: no suggestion"));
        let fixed = fix.apply(text);
        assert!(!fixed.contains("Falcon") && !fixed.contains("팰컨"), "{fixed:?}");
        // The edit replaces exactly the flagged span and leaves the rest as typed.
        assert!(fixed.starts_with(&text[..f.range.start]) && fixed.ends_with(&text[f.range.end..]), "{fixed:?}");
        let again = check(&fixed);
        assert!(!again.findings.iter().any(|f| f.code == "CONF001"), "{fixed:?}: {:?}", again.findings);
    }
}

#[test]
fn disclosure_tag_appended_removes_the_disclosure_finding() {
    for text in ["Loving the new Nova X1!", "Loving the new Nova X1!  \n", "노바 X1 진짜 최고예요 👍🏽"] {
        let report = check(text);
        let f = report.findings.iter().find(|f| f.code == "DISC001").unwrap_or_else(|| panic!("{text:?}: {:?}", report.findings));
        assert!(["Nova X1", "노바 X1"].contains(&&text[f.range.clone()]), "{:?}", &text[f.range.clone()]);
        let fix = &f.suggestions[0];
        let fixed = fix.apply(text);
        assert!(fixed.contains("#HanbitEmployee") || fixed.contains("#한빛전자직원"), "{fixed:?}");
        assert!(fixed.starts_with(text.trim_end()), "{fixed:?}");
        let again = check(&fixed);
        assert!(!again.findings.iter().any(|f| f.code == "DISC001"), "{fixed:?}: {:?}", again.findings);
    }
    // A PR person speaks for the company and needs no tag.
    let pr = CheckContext { role: Role::Pr, ..cx() };
    assert!(!hanbit().check_draft("Loving the new Nova X1!", &pr).findings.iter().any(|f| f.code == "DISC001"));
}

// ---------------------------------------------------------------------------------------------
// Property tests

const FRAGMENTS: &[&str] = &[
    "Project Falcon", "Project", "Falcon", "Fal", "con", "팰컨", "팰", "컨", "은", "이", "fuck", "fu", "ck", "f***",
    "시발", "시", "발", "ㅅㅂ", "010-1234-5678", "010", "-", "1234", "AKIA", "AKIAIOSFODNN7EXAMPLE", "$2B revenue",
    "$", "2B", "#ad", "#", "lol", "Nova X1", "노바 X1", "#HanbitEmployee", "#한빛전자직원", "Hanbit", "한빛전자",
    "Daesung Mobile", "대성모바일", "corp.hanbit.example", "https://", "password=hunter2", "4111 1111 1111 1111",
    "900101-1234567", "Q4 roadmap", "battery fire", "배터리 화재", "we apologize if", "sorry", "😂", "🔥", " ", "  ",
    "\n", ". ", "!", "?", "*", "@", "[", "]", "\t", "ㅍㅐㄹㅋㅓㄴ", "ㅇㅡㄴ", "ㅗㅏ", "ㄹㄱ", "F a l c o n", " r y", "F4lc0n",
    "p@ssw0rd: ", "ＡＫＩＡ", "\u{0410}KIA", "536 22 8841", "SSN", "4539.1488.0343.6467", "900101 1234567",
];

const EMOJI: &[&str] = &[
    "😀", "👍🏽", "👍🏿", "🚀", "🎉", "👨\u{200D}👩\u{200D}👧", "👩🏽\u{200D}💻", "🏳️\u{200D}🌈", "❤️", "🇰🇷", "1️⃣",
];

const INVISIBLE: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{FE0F}', '\u{3164}'];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => proptest::char::range(' ', '~').prop_map(String::from),
        2 => proptest::char::range('\u{AC00}', '\u{D7A3}').prop_map(String::from),
        1 => proptest::char::range('\u{3131}', '\u{318E}').prop_map(String::from),
        1 => proptest::sample::select(EMOJI).prop_map(str::to_string),
        1 => proptest::char::range('\u{0300}', '\u{036F}').prop_map(String::from),
        1 => proptest::sample::select(INVISIBLE).prop_map(String::from),
        1 => proptest::char::range('\u{FF01}', '\u{FF5E}').prop_map(String::from),
        1 => proptest::char::range('\u{0391}', '\u{044F}').prop_map(String::from),
        1 => proptest::char::range('\u{1F3FB}', '\u{1F3FF}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn draft() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

fn role() -> impl Strategy<Value = Role> {
    proptest::sample::select(vec![Role::Employee, Role::Executive, Role::Pr])
}

fn platform() -> impl Strategy<Value = Platform> {
    proptest::sample::select(vec![Platform::Other, Platform::X, Platform::Facebook, Platform::Linkedin, Platform::Instagram])
}

fn day() -> impl Strategy<Value = Date> {
    // Some days inside the example's quiet period (2026-12-20 – 2027-01-25).
    proptest::sample::select(vec!["2026-06-01", "2026-12-20", "2027-01-10", "2027-01-25"]).prop_map(|d| Date::parse(d).unwrap())
}

fn check_all_ways(text: &str, context: &CheckContext) -> Result<(), TestCaseError> {
    let e = engines();
    for engine in [&e.hanbit, &e.crisis, &e.none] {
        let report = engine.check_draft(text, context);
        assert_spans_valid(text, &report);
        prop_assert_eq!(report.verdict, expected_verdict(&report), "{:?}", text);
        prop_assert!(!report.truncated);
        for f in &report.findings {
            for s in &f.suggestions {
                let fixed = s.apply(text);
                prop_assert_eq!(fixed.len(), text.len() - s.range.len() + s.replacement.len());
                // The fixed text is checkable too.
                let again = engine.check_draft(&fixed, context);
                assert_spans_valid(&fixed, &again);
                // A prompt filled with anything inserts on char boundaries.
                if let Some(prompt) = s.prompt {
                    let values: Vec<(&str, &str)> = prompt.fields.iter().map(|f| (f.name, text)).collect();
                    if let Some(filled) = prompt.fill(report.language, &values) {
                        let (range, replacement) = riskhint::fix::tidy(text, s.range.clone(), &filled);
                        prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end) && range.end <= text.len());
                        riskhint::fix::apply(text, &range, &replacement);
                    }
                }
            }
        }
        if let Some(all) = &report.fix_all {
            let r = &all.edit.range;
            prop_assert!(r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "fix_all {:?} on {:?}", r, text);
            prop_assert!(all.fixes >= 1);
            let fixed = all.edit.apply(text);
            assert_spans_valid(&fixed, &engine.check_draft(&fixed, context));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn drafts_never_panic_and_spans_stay_on_char_boundaries(
        text in draft(), role in role(), platform in platform(), today in day(),
        reply in proptest::option::of(draft()),
    ) {
        let context = CheckContext { role, today, reply_to: reply, platform, dismissed: Vec::new() };
        check_all_ways(&text, &context)?;
    }

    #[test]
    fn any_edit_tidied_stays_on_char_boundaries_and_flaws_never_panic(text in draft(), a in 0usize..200, b in 0usize..200, replacement in draft()) {
        // Any range of the text on char boundaries, as a rule could name it.
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let (x, y) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
        for replacement in [String::new(), replacement] {
            let (range, tidied) = riskhint::fix::tidy(&text, x.min(y)..x.max(y), &replacement);
            prop_assert!(range.start <= x.min(y) && range.end >= x.max(y) && range.end <= text.len(), "{:?} widened to {:?}", x.min(y)..x.max(y), range);
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let fixed = riskhint::fix::apply(&text, &range, &tidied);
            riskhint::fix::flaws(&fixed);
            if tidied.is_empty() {
                riskhint::fix::widen_removal(&text, &range);
            }
            let (diff, inserted) = riskhint::fix::difference(&text, &fixed);
            prop_assert_eq!(riskhint::fix::apply(&text, &diff, &inserted), fixed);
        }
    }

    #[test]
    fn posts_never_panic_and_evidence_stays_on_char_boundaries(texts in proptest::collection::vec(draft(), 1..4), likes in 0u64..1_000_000) {
        let posts: Vec<Post> = texts.iter().enumerate().map(|(i, t)| Post {
            id: i.to_string(), text: t.clone(), author: None, counts: Counts { likes, ..Counts::default() }, promoted: likes % 2 == 0,
        }).collect();
        let e = engines();
        for engine in [&e.hanbit, &e.crisis, &e.none] {
            let reports = engine.classify_posts(&posts);
            prop_assert_eq!(reports.len(), posts.len());
            for (post, report) in posts.iter().zip(&reports) {
                let text = &post.text;
                prop_assert_eq!(&report.id, &post.id);
                prop_assert!(report.risk <= 100);
                for f in &report.findings {
                    let r = &f.range;
                    prop_assert!(r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                        "{} {:?} in {:?}", f.code, r, text);
                }
                for ev in &report.evidence {
                    let r = &ev.range;
                    prop_assert!(r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                        "{:?} {:?} in {:?}", ev.label, r, text);
                    prop_assert!(report.labels.contains(&ev.label));
                }
                prop_assert_eq!(report.labels.is_empty(), report.hint.is_none());
            }
        }
    }

    #[test]
    fn a_codename_inside_noise_is_flagged_as_typed(
        before in draft(), after in draft(),
        term in proptest::sample::select(vec!["Project Falcon", "ＦＡＬＣＯＮ", "Fal\u{200B}con", "Fa\u{0301}lcon"]),
    ) {
        // Separate the term from its neighbours so word boundaries hold whatever the noise is.
        let prefix = format!("{before} ");
        let text = format!("{prefix}{term} {after}");
        let report = check(&text);
        assert_spans_valid(&text, &report);
        let at = prefix.len();
        let hit = report.findings.iter().find(|f| f.code == "CONF001" && f.range.start <= at && at < f.range.end);
        prop_assert!(hit.is_some(), "{:?}: {:?}", text, report.findings.iter().map(|f| (f.code, f.range.clone())).collect::<Vec<_>>());
        let range = hit.unwrap().range.clone();
        // The span covers the whole term (possibly a longer codename around it) and nothing split.
        prop_assert!(range.start <= at && at + term.len() <= range.end, "{:?} {:?}", text, range);
    }
}

// ---------------------------------------------------------------------------------------------
// Large and odd input

#[test]
fn a_draft_over_one_mib_is_truncated_and_spans_stay_in_the_checked_part() {
    // A codename at the start, Hangul filler, and "팰컨" placed so that the limit falls inside 팰;
    // another codename lies wholly beyond the limit.
    let head = "Project Falcon 😀 ";
    let mut text = String::from(head);
    while text.len() + 3 < MAX_TEXT_BYTES - 1 - 8 {
        text.push('가');
    }
    while text.len() < MAX_TEXT_BYTES - 1 {
        text.push(' ');
    }
    let straddling = text.len();
    text.push_str("팰컨 and Project Falcon again");
    assert!(!text.is_char_boundary(MAX_TEXT_BYTES));
    assert!(text.len() > MAX_TEXT_BYTES);

    let report = check(&text);
    assert!(report.truncated);
    assert_spans_valid(&text, &report);
    assert!(report.findings.iter().all(|f| f.range.end <= MAX_TEXT_BYTES), "{:?}", report.findings.iter().map(|f| (f.code, f.range.clone())).collect::<Vec<_>>());
    assert!(report.findings.iter().all(|f| f.suggestions.iter().all(|s| s.range.end <= MAX_TEXT_BYTES)));
    assert!(report.findings.iter().all(|f| f.range.start < straddling), "nothing past the clip is flagged");
    let conf: Vec<_> = report.findings.iter().filter(|f| f.code == "CONF001").collect();
    assert_eq!(conf.len(), 1);
    assert_eq!(conf[0].range, 0.."Project Falcon".len());
    assert_eq!(report.verdict, Verdict::Block);
    // A redaction suggestion still applies to the full text.
    let fixed = conf[0].suggestions[0].apply(&text);
    assert!(!fixed.starts_with("Project Falcon") && fixed.ends_with("Project Falcon again"));

    // Feed posts are clipped the same way.
    let posts = [Post { id: "big".into(), text: text.clone(), ..Post::default() }];
    for r in hanbit().classify_posts(&posts) {
        assert!(r.findings.iter().any(|f| f.code == "CONF001" && f.range == (0.."Project Falcon".len())));
        assert!(r.findings.iter().all(|f| f.range.end <= MAX_TEXT_BYTES && text.is_char_boundary(f.range.end)));
        assert!(r.evidence.iter().all(|e| e.range.end <= MAX_TEXT_BYTES && text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end)));
    }
}

#[test]
fn a_draft_at_the_limit_is_not_truncated() {
    let text = "a".repeat(MAX_TEXT_BYTES);
    assert!(!check(&text).truncated);
    let text = format!("{text}b");
    assert!(check(&text).truncated);
}

#[test]
fn a_long_run_of_one_letter() {
    for text in ["a".repeat(100_000), "가".repeat(100_000), "Ａ".repeat(100_000)] {
        let report = check(&text);
        assert_spans_valid(&text, &report);
        assert!(!report.truncated);
        assert_eq!(report.verdict, expected_verdict(&report));
    }
}

/// Runs `f` and fails if it takes longer than `budget`.
fn within(budget: std::time::Duration, what: &str, f: impl FnOnce()) {
    let started = std::time::Instant::now();
    f();
    let took = started.elapsed();
    assert!(took < budget, "{what} took {took:?} (budget {budget:?})");
}

#[test]
fn many_repeated_terms_are_checked_in_reasonable_time() {
    // Laughter is the commonest run in Korean chat; "lol" in English; both are lexicon terms.
    // A linear check of 300 KB takes well under a second even in a debug build.
    let budget = std::time::Duration::from_secs(5);
    let laughter = "ㅋ".repeat(100_000);
    within(budget, "100,000 ㅋ", || assert_spans_valid(&laughter, &check(&laughter)));
    let lol = "lol ".repeat(75_000);
    within(budget, "75,000 lol", || assert_spans_valid(&lol, &check(&lol)));
    let posts = [Post { id: "x".into(), text: laughter.clone(), ..Post::default() }];
    within(budget, "classifying 100,000 ㅋ", || {
        hanbit().classify_posts(&posts);
    });
}

#[test]
fn fifty_thousand_emoji() {
    for e in ["😀", "👍🏽", "👨\u{200D}👩\u{200D}👧"] {
        let text = e.repeat(50_000);
        let e = engines();
        for engine in [&e.hanbit, &e.crisis] {
            let report = engine.check_draft(&text, &cx());
            assert_spans_valid(&text, &report);
            assert_eq!(report.verdict, expected_verdict(&report));
        }
    }
}

#[test]
fn only_invisible_characters_or_combining_marks() {
    let zero_width: String = INVISIBLE.iter().cycle().take(10_000).collect();
    let marks: String = ('\u{0300}'..='\u{036F}').cycle().take(10_000).collect();
    for text in [zero_width, marks, "\u{0301}Falcon".to_string(), "Falcon\u{0301}".to_string(), "\u{200B}".to_string()] {
        let report = check(&text);
        assert_spans_valid(&text, &report);
        assert_eq!(report.verdict, expected_verdict(&report));
        let posts = [Post { id: "x".into(), text: text.clone(), ..Post::default() }];
        for r in hanbit().classify_posts(&posts) {
            assert!(r.evidence.iter().all(|e| e.range.end <= text.len() && text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end)));
        }
    }
}

#[test]
fn an_empty_draft_is_ok() {
    let e = engines();
    for engine in [&e.hanbit, &e.crisis, &e.none] {
        for role in [Role::Employee, Role::Executive, Role::Pr] {
            let report = engine.check_draft("", &CheckContext { role, ..cx() });
            assert_eq!(report.verdict, Verdict::Ok);
            assert!(report.findings.is_empty());
            assert!(!report.truncated);
        }
        let reports = engine.classify_posts(&[Post::default()]);
        assert!(reports[0].findings.is_empty() && reports[0].evidence.is_empty() && reports[0].labels.is_empty());
        assert_eq!(reports[0].risk, 0);
    }
}
