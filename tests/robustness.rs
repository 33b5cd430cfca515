//! Robustness: any policy an administrator or user can write compiles, any draft or post is
//! checked under it without a panic, every offset the extension (UTF-16) or the CLI (chars) gets
//! selects exactly the flagged text, and no input costs more than linear time.
//!
//! The checks of what a caller sees are the fuzz targets' own (`fuzz/src/checks.rs`), so a
//! property here and a fuzz run fail on the same thing.

use proptest::prelude::*;
use riskhint::json::{self, DraftRequest, Offsets};
use riskhint_text::text::{char_offset, utf16_offset};
use riskhint::{Date, Engine, MAX_TEXT_BYTES};
use serde_json::{json, Value};

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

// ---------------------------------------------------------------------------------------------
// Arbitrary text and arbitrary policies

/// Pieces of text that exercise the rules and the folding: words in both languages, numbers,
/// emoji and ZWJ sequences, combining marks, zero-width, bidi and control characters.
const FRAGMENTS: &[&str] = &[
    "Project Falcon", "Falcon", "팰컨", "은", "이", "Nova X1", "노바 X1", "Hanbit", "한빛전자", "#ad", "#HanbitEmployee",
    "fuck", "f***", "시발", "ㅅㅂ", "ㅋㅋㅋ", "lol", "sorry if", "오해가 있었다면", "revenue $2B", "매출 2조", "password=hunter2",
    "AKIAIOSFODNN7EXAMPLE", "010-1234-5678", "4111 1111 1111 1111", "900101-1234567", "a@corp.hanbit.example",
    "https://hanbit.example/notice", "battery fire", "배터리 화재", "recall", "기자입니다", "😀", "👍🏽", "🔥",
    "👨\u{200D}👩\u{200D}👧", "🏳️\u{200D}🌈", "🇰🇷", "1️⃣", "e\u{301}", "\u{301}\u{308}", "\u{200B}", "\u{200D}", "\u{FEFF}",
    "\u{202E}", "\u{2066}", "\u{0}", "\u{7}", "\u{1b}[31m", "\r\n", "\t", "ＦＡＬＣＯＮ", "\u{3000}", " ", ". ", "!", "?", "@", "*",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => proptest::char::range(' ', '~').prop_map(String::from),
        2 => proptest::char::range('\u{AC00}', '\u{D7A3}').prop_map(String::from),
        1 => proptest::char::range('\u{0}', '\u{1F}').prop_map(String::from),
        1 => proptest::char::range('\u{1F300}', '\u{1FAFF}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..max).prop_map(|parts| parts.concat())
}

/// A term an organisation might list: a word or two, or something odd (one letter, one emoji,
/// punctuation that folds to nothing, invisible characters).
fn term() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec!["Acme", "Globex", "Bluebird", "Project Falcon", "에이크미", "팰컨", "Nova X1", "HBE", "123450"]).prop_map(str::to_string),
        2 => text(3),
        1 => proptest::sample::select(vec!["", " ", "a", "ㅋ", "😀", "!!!", "\u{200B}", "e\u{301}", "Ａ", "#"]).prop_map(str::to_string),
    ]
}

fn terms() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(term(), 0..4)
}

fn codes() -> Vec<&'static str> {
    riskhint::rules::all().iter().map(|r| r.doc().code).collect()
}

/// A valid policy's JSON text, every field drawn at random (`locked` only when `admin`).
fn policy(admin: bool) -> impl Strategy<Value = String> {
    let lists = (terms(), terms(), terms(), terms(), terms(), terms(), terms(), terms(), terms());
    let periods = proptest::collection::vec((19_000i64..21_000, 0i64..400, text(3)), 0..3);
    let crisis = (any::<bool>(), terms(), proptest::collection::vec("[a-z]{1,8}", 0..3));
    let levels = proptest::collection::vec((proptest::sample::select(codes()), proptest::sample::select(vec!["off", "info", "warn", "block"])), 0..6);
    let locked = proptest::collection::vec(
        proptest::sample::select(vec!["*", "crisis", "crisis.active", "rules", "rules.CONF001", "organization.names", "confidential"]),
        0..3,
    );
    (lists, periods, crisis, levels, locked).prop_map(move |(l, periods, crisis, levels, locked)| {
        let periods: Vec<Value> = periods
            .into_iter()
            .map(|(start, days, reason)| {
                json!({"start": Date::from_unix_days(start).to_string(), "end": Date::from_unix_days(start + days).to_string(), "reason": reason})
            })
            .collect();
        let links: Vec<String> = crisis.2.iter().map(|host| format!("https://{host}.example/notice")).collect();
        let rules: serde_json::Map<String, Value> = levels.into_iter().map(|(code, level)| (code.to_string(), json!(level))).collect();
        let mut policy = json!({
            "organization": {"names": l.0, "products": l.1, "executives": l.2, "tickers": l.3, "competitors": l.4},
            "confidential": {"codenames": l.5, "terms": l.6, "internal_domains": l.7},
            "disclosure": {"employee_tags": l.8},
            "quiet_periods": periods,
            "crisis": {"active": crisis.0, "topics": crisis.1, "official_links": links},
            "rules": rules,
        });
        if admin {
            policy["locked"] = json!(locked);
        }
        policy.to_string()
    })
}

fn request() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["employee", "executive", "pr"]),
        19_000i64..21_000,
        proptest::sample::select(vec!["other", "x", "facebook", "linkedin"]),
        proptest::option::of(text(8)),
        proptest::sample::select(vec![None, Some("en"), Some("ko")]),
    )
        .prop_map(|(role, day, platform, reply, lang)| {
            let mut r = json!({"role": role, "today": Date::from_unix_days(day).to_string(), "platform": platform});
            if let Some(reply) = reply {
                r["reply_to"] = json!(reply);
            }
            if let Some(lang) = lang {
                r["lang"] = json!(lang);
            }
            r.to_string()
        })
}

/// A draft that also names some of the policy's own terms, so that its lists are matched.
fn draft_naming(policy: &str, noise: &[String]) -> String {
    let policy: Value = serde_json::from_str(policy).unwrap();
    let named: Vec<&str> =
        ["names", "products"].iter().flat_map(|k| policy["organization"][k].as_array().unwrap()).filter_map(Value::as_str).collect();
    let mut out = String::new();
    for (i, piece) in noise.iter().enumerate() {
        out.push_str(piece);
        if let Some(term) = named.get(i % (named.len() + 1)) {
            out.push(' ');
            out.push_str(term);
            out.push(' ');
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any admin and user policy layer as the extension does, any draft and posts, checked through
    /// the very functions the WASM bindings call; and the UTF-16 offsets the extension gets are the
    /// native byte spans converted, with suggestions that apply in JavaScript as they do natively.
    #[test]
    fn any_policy_any_draft_offsets_select_the_flagged_text(
        admin in policy(true), user in policy(false), noise in proptest::collection::vec(text(4), 0..12),
        request in request(), rules_off in proptest::collection::vec(proptest::sample::select(codes()), 0..3),
    ) {
        prop_assert!(riskhint::Policy::parse(&admin).is_ok(), "the generator writes valid policies: {}", admin);
        let rules_off: Vec<String> = rules_off.into_iter().map(String::from).collect();
        let (engine, outcome) = json::configure(Some(&admin), Some(&user), None, &rules_off);
        let engine = engine.unwrap_or_else(|| panic!("valid layers are accepted: {outcome}"));
        let draft = draft_naming(&user, &noise);

        for unit in [Offsets::Utf16, Offsets::Chars] {
            checks::assert_report(&draft, &json::check_draft(&engine, None, &draft, &request, unit), unit);
        }
        // The extension's offsets against the engine's own byte spans.
        let answer: Value = serde_json::from_str(&json::check_draft(&engine, None, &draft, &request, Offsets::Utf16)).unwrap();
        let context = serde_json::from_str::<DraftRequest>(&request).unwrap().context().unwrap();
        let native = engine.check_draft(&draft, &context);
        let findings = answer["findings"].as_array().unwrap();
        prop_assert_eq!(findings.len(), native.findings.len());
        let units = checks::Units::new(&draft, Offsets::Utf16);
        for (f, n) in findings.iter().zip(&native.findings) {
            prop_assert_eq!(f["start"].as_u64(), Some(utf16_offset(&draft, n.range.start) as u64));
            prop_assert_eq!(f["end"].as_u64(), Some(utf16_offset(&draft, n.range.end) as u64));
            for (s, ns) in f["suggestions"].as_array().unwrap().iter().zip(&n.suggestions) {
                let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                let in_javascript = format!("{}{}{}", units.slice(0, start).unwrap(), ns.replacement, units.slice(end, units.len()).unwrap());
                prop_assert_eq!(in_javascript, ns.apply(&draft));
            }
        }
        // The same text as two posts of a feed, with chars as the CLI counts them.
        let posts = vec![("a".to_string(), draft.clone()), ("b".to_string(), noise.concat())];
        let batch = json!([{"id": "a", "text": posts[0].1, "likes": 10}, {"id": "b", "text": posts[1].1, "promoted": true}]);
        for (lang, unit) in [("en", Offsets::Chars), ("ko", Offsets::Utf16)] {
            checks::assert_post_reports(&posts, &json::classify_posts(&engine, None, &batch.to_string(), lang, unit), unit);
        }
        if let Some(f) = native.findings.first() {
            prop_assert_eq!(char_offset(&draft, f.range.start), draft[..f.range.start].chars().count());
        }
    }

    /// Whatever the user's policy says, paths the administrator locked keep the administrator's
    /// value, and a policy written out reads back as the same policy.
    #[test]
    fn locked_paths_hold_and_policies_round_trip(admin in policy(false), user in policy(false)) {
        let locked_admin = {
            let mut v: Value = serde_json::from_str(&admin).unwrap();
            v["locked"] = json!(["*"]);
            v.to_string()
        };
        let (with_user, _) = json::configure(Some(&locked_admin), Some(&user), None, &[]);
        let (alone, _) = json::configure(Some(&locked_admin), None, None, &[]);
        let (with_user, alone) = (with_user.unwrap(), alone.unwrap());
        prop_assert_eq!(with_user.policy(), alone.policy());
        let parsed = riskhint::Policy::parse(&user).unwrap();
        prop_assert_eq!(riskhint::Policy::parse(&serde_json::to_string(&parsed).unwrap()).unwrap(), parsed);
    }
}

// ---------------------------------------------------------------------------------------------
// No input takes more than linear time
//
// How: each input is built at two sizes, n and 8n, and checked a few times each, alternating; the
// fastest run of each size is kept and their ratio asserted under 20. Linear work gives about 8,
// n log n about 10, quadratic 64. Why not a fixed budget: budgets measure the machine, not the
// code. Why not a deterministic count: this VM has no hardware counters (perf_event_open has no
// `cpu` PMU here), and counting allocations misses the quadratic loops found so far, which
// compared or scanned without allocating. What keeps it steady: the time is this thread's CPU
// time (CLOCK_THREAD_CPUTIME_ID), so other processes and parallel tests do not count; the fastest
// of several runs drops cache and scheduling noise; and the margin is wide (2.5× over linear,
// 3× under quadratic). Each of the three super-linear paths this test was written with (a policy
// list merge, the words a model reads around names, and the CLI's report printer) gave over 25.

/// This thread's CPU time in seconds.
#[cfg(target_os = "linux")]
fn cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on 64-bit Linux) into `t`.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    assert!(ok, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// CPU time of this process's finished child processes, in seconds (the tests in this file start no
/// other processes than the one measured).
#[cfg(target_os = "linux")]
fn children_cpu_seconds() -> f64 {
    #[repr(C)]
    struct Rusage {
        /// ru_utime and ru_stime (seconds and microseconds each), then 14 counters.
        times: [i64; 4],
        counters: [i64; 14],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut u = Rusage { times: [0; 4], counters: [0; 14] };
    // SAFETY: getrusage writes one struct rusage (18 longs on 64-bit Linux) into `u`.
    let ok = unsafe { getrusage(RUSAGE_CHILDREN, &mut u) } == 0;
    assert!(ok, "getrusage(RUSAGE_CHILDREN) failed");
    (u.times[0] + u.times[2]) as f64 + (u.times[1] + u.times[3]) as f64 * 1e-6
}

#[cfg(not(target_os = "linux"))]
fn children_cpu_seconds() -> f64 {
    cpu_seconds()
}

#[cfg(not(target_os = "linux"))]
fn cpu_seconds() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64()
}

/// The ratio of the fastest run at size 8n to the fastest at size n.
fn growth<I>(make: impl Fn(usize) -> I, run: impl Fn(&I), n: usize) -> (f64, f64, f64) {
    growth_by(cpu_seconds, make, run, n)
}

fn growth_by<I>(cpu_seconds: fn() -> f64, make: impl Fn(usize) -> I, run: impl Fn(&I), n: usize) -> (f64, f64, f64) {
    let (small, large) = (make(n), make(8 * n));
    let (mut best_small, mut best_large) = (f64::MAX, f64::MAX);
    for _ in 0..4 {
        let t = cpu_seconds();
        run(&small);
        best_small = best_small.min(cpu_seconds() - t);
        let t = cpu_seconds();
        run(&large);
        best_large = best_large.min(cpu_seconds() - t);
    }
    (best_large / best_small.max(1e-6), best_small, best_large)
}

const MAX_GROWTH: f64 = 20.0;

fn assert_linear<I>(what: &str, make: impl Fn(usize) -> I, run: impl Fn(&I), n: usize) {
    report_growth(what, growth(make, run, n));
}

fn report_growth(what: &str, (ratio, small, large): (f64, f64, f64)) {
    println!("{what}: {:.2} ms at n, {:.2} ms at 8n: ×{ratio:.1}", small * 1e3, large * 1e3);
    assert!(ratio < MAX_GROWTH, "{what}: 8× the input took {ratio:.1}× the time ({:.2} ms → {:.2} ms); linear is about 8", small * 1e3, large * 1e3);
}

/// `unit` repeated to about `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Inputs that make many findings, hits or long runs: one per way the engine could go quadratic.
const ADVERSARIAL: &[(&str, &str)] = &[
    ("one letter", "a"),
    ("one syllable", "ㅋ"),
    ("one digit", "1"),
    ("exclamation marks", "!"),
    ("spaces", " "),
    ("codenames", "Falcon "),
    ("Korean codenames with particles", "팰컨은 "),
    ("company names", "한빛전자 Hanbit "),
    ("profanity", "fuck 시발 "),
    ("phone numbers", "010-1234-5678 "),
    ("card numbers", "4111 1111 1111 1111 "),
    ("secrets", "password=hunter2 "),
    ("sentences", "Project Falcon ships. "),
    ("non-apologies", "sorry if anyone was offended. "),
    ("crisis words with names", "시발 recall 한빛전자 ㅋ "),
    ("ZWJ emoji", "👨\u{200D}👩\u{200D}👧"),
    ("combining marks", "\u{301}"),
    ("zero-width spaces", "\u{200B}"),
    ("full-width letters", "Ａ"),
    ("hashtags", "#ad #HanbitEmployee "),
    ("internal links", "https://corp.hanbit.example/x "),
    ("mixed", "가나다 lol ㅋ 010-1234-5678 "),
];

fn hanbit() -> Engine {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hanbit-policy.jsonc");
    Engine::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// 8n stays under MAX_TEXT_BYTES, so that clipping cannot hide growth.
const N: usize = 24 * 1024;

#[test]
fn drafts_take_linear_time_through_the_extensions_entry() {
    assert!(8 * N < MAX_TEXT_BYTES);
    let engine = hanbit();
    // An executive in the quiet period, replying: the most rules at work.
    let request = r#"{"role": "executive", "today": "2026-12-21", "platform": "x", "reply_to": "Hanbit fire recall"}"#;
    for (what, unit) in ADVERSARIAL {
        assert_linear(&format!("draft of {what}"), |n| repeat_to(unit, n), |text| {
            std::hint::black_box(json::check_draft(&engine, None, text, request, Offsets::Utf16));
        }, N);
    }
}

#[test]
fn posts_take_linear_time_through_the_extensions_entry() {
    let engine = hanbit();
    for (what, unit) in ADVERSARIAL {
        let batch = |n| json!([{"id": "1", "text": repeat_to(unit, n), "likes": 100}]).to_string();
        assert_linear(&format!("post of {what}"), batch, |posts| {
            std::hint::black_box(json::classify_posts(&engine, None, posts, "en", Offsets::Utf16));
        }, N);
    }
}

#[test]
fn policies_take_linear_time_to_compile() {
    // Many names in one list (each distinct), many lists, and long comments.
    let names = |n: usize| {
        let names: Vec<String> = (0..n / 24).map(|i| format!("이름{i} Name{i} 😀")).collect();
        json!({"organization": {"names": names}, "confidential": {"codenames": ["Falcon"]}}).to_string()
    };
    assert_linear("policy of many names", names, |text| {
        let (engine, outcome) = json::configure(Some(text), Some(text), None, &[]);
        assert!(engine.is_some(), "{outcome}");
    }, N);
    let comments = |n: usize| format!("// {}\n/* {} */ {{}}", "주석 ".repeat(n / 14), "note ".repeat(n / 10));
    assert_linear("policy of long comments", comments, |text| {
        assert!(json::configure(Some(text), None, None, &[]).0.is_some());
    }, N);
}

#[test]
fn the_clis_readable_report_takes_linear_time() {
    // One line of thousands of findings, and as many short lines: each finding prints its line.
    let policy = format!("{}/examples/hanbit-policy.jsonc", env!("CARGO_MANIFEST_DIR"));
    let cli = |text: &String| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_riskhint"))
            .args(["check", "--policy", &policy, "--now", "2026-06-01"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = text.clone();
        let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
        let output = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success() && (report.starts_with("verdict: ") || report.starts_with("판정: ")), "{:?}", output.status);
    };
    for (what, unit) in [("one line of phone numbers", "010-1234-5678 Falcon "), ("lines of phone numbers", "010-1234-5678 Falcon\n")] {
        report_growth(&format!("CLI report of {what}"), growth_by(children_cpu_seconds, |n| repeat_to(unit, n), cli, N));
    }
}
