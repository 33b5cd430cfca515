//! The semantic tier as users meet it: the shipped encoder asset (written by ./build.sh) with the
//! committed heads, refining the fast tier's reports. Each case is one the fast tier missed.

mod common;

use common::engines;
use riskhint::semantic::Semantic;
use riskhint::{rules, CheckContext, Date, Engine, Label, Post, Report, Role, Verdict};
use std::sync::OnceLock;

fn semantic() -> &'static Semantic {
    static SEMANTIC: OnceLock<Semantic> = OnceLock::new();
    SEMANTIC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/semantic/encoder.bin");
        let asset = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e} (./build.sh writes it)"));
        let heads = include_str!("../models/semantic/heads.json");
        Semantic::from_bytes(&asset, heads).expect("the committed heads fit the asset")
    })
}

fn context(role: Role) -> CheckContext {
    let mut cx = CheckContext::new(Date::parse("2026-06-01").unwrap());
    cx.role = role;
    cx
}

fn both_tiers(engine: &Engine, text: &str, role: Role) -> Report {
    let cx = context(role);
    let mut report = engine.check_draft(text, &cx);
    engine.refine_draft(semantic(), text, &cx, &mut report);
    report
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code).collect()
}

#[test]
fn drafts_the_rules_miss_are_caught_in_other_words_in_both_languages() {
    let e = &engines().hanbit;
    let cases = [
        ("Our Q4 numbers look insane, can't say more 🚀", Role::Executive, "MNPI"),
        ("Q4 실적 미쳤다 ㅋㅋ 더는 말 못함", Role::Executive, "MNPI"),
        ("Sorry, a few employees made a mistake.", Role::Pr, "APOL"),
        ("keep talking and you'll regret it", Role::Employee, "TONE"),
        ("People like you should never be allowed near a keyboard.", Role::Employee, "TONE"),
    ];
    for (text, role, family) in cases {
        let fast = e.check_draft(text, &context(role));
        assert!(!fast.findings.iter().any(|f| f.code.starts_with(family)), "the fast tier alone now catches {text:?}: pick another case");
        let report = both_tiers(e, text, role);
        let found = report.findings.iter().find(|f| f.code.starts_with(family));
        let found = found.unwrap_or_else(|| panic!("{text:?}: no {family} finding from the semantic tier ({:?})", codes(&report)));
        assert!(found.confidence.is_some(), "{text:?}: a semantic finding carries its confidence");
        assert_ne!(report.verdict, Verdict::Ok, "{text:?}");
        assert!(!found.reason.en.is_empty() && !found.source.ko.is_empty(), "the rule's documentation explains it");
    }
}

#[test]
fn every_rule_example_still_fires_with_both_tiers() {
    let e = &engines().hanbit;
    for doc in rules::all().iter().map(|r| r.doc()) {
        for example in [&doc.example.en, &doc.example.ko] {
            // Examples that need a reply, a crisis or a role are covered by the fast tier's tests;
            // what matters here is that the semantic tier never takes a rule's finding away.
            let role = if doc.code.starts_with("MNPI") || doc.code.starts_with("PROM") { Role::Executive } else { Role::Employee };
            let fast = e.check_draft(example, &context(role));
            let both = both_tiers(e, example, role);
            for code in codes(&fast).into_iter().filter(|c| *c != "TONE007") {
                assert!(codes(&both).contains(&code), "{code} on {example:?} was lost by the semantic tier");
            }
        }
    }
}

#[test]
fn a_rule_finding_is_never_repeated_by_the_semantic_tier_on_the_same_sentence() {
    let e = &engines().hanbit;
    let report = both_tiers(e, "Q3 revenue already beat $2B internally 🎉", Role::Executive);
    let mnpi: Vec<_> = report.findings.iter().filter(|f| f.code.starts_with("MNPI")).collect();
    assert!(mnpi.iter().any(|f| f.code == "MNPI001" && f.confidence.is_none()), "{:?}", codes(&report));
    assert!(mnpi.iter().all(|f| f.confidence.is_none()), "a semantic MNPI finding repeats the rule's: {:?}", codes(&report));
}

#[test]
fn a_rule_the_policy_turned_off_stays_off_in_the_semantic_tier() {
    let text = "Our Q4 numbers look insane, can't say more 🚀";
    let off = Engine::from_json(r#"{"rules": {"MNPI006": "off"}}"#).unwrap();
    assert!(!codes(&both_tiers(&off, text, Role::Executive)).contains(&"MNPI006"));
    assert!(codes(&both_tiers(&Engine::default(), text, Role::Executive)).contains(&"MNPI006"));
}

/// Every text of the semantic corpus (data/semantic/), to keep test cases out of it.
fn corpus_texts() -> std::collections::HashSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/semantic");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.push(format!("{dir}/plain/posts.tsv").into());
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .flat_map(|p| std::fs::read_to_string(p).unwrap().lines().filter_map(|l| l.splitn(3, '\t').nth(2).map(str::to_string)).collect::<Vec<_>>())
        .collect()
}

#[test]
fn plain_drafts_never_seen_in_training_stay_ok_with_both_tiers() {
    let e = &engines().hanbit;
    let seen = corpus_texts();
    for text in [
        "Had a great time at the team offsite today, thanks everyone!",
        "오늘 점심 맛있었다 ㅎㅎ 다들 좋은 주말 보내세요",
        "Our data team is looking for a summer intern in Busan, applications close Friday.",
        "주말에 한강에서 자전거 탔어요. 날씨가 딱 좋았네요.",
        "Just landed in Jeju for a long weekend, phone off until Monday 🌴",
        "다음 주 화요일 사내 세미나 발표 자료 공유드립니다. 질문은 댓글로 남겨주세요!",
        "See everyone at the Friday standup.",
        "어제 산 책 벌써 반이나 읽었네 ㅋㅋ 추천해준 분 감사요",
        "Thanks to everyone who came to our booth at the Seoul AI Expo yesterday!",
        "환불 절차 문의드려요. 영수증 없이도 교환 가능한가요?",
    ] {
        assert!(!seen.contains(text), "{text:?} is in the training corpus: pick an unseen case");
        let report = both_tiers(e, text, Role::Employee);
        assert_eq!(report.verdict, Verdict::Ok, "{text:?}: {:?}", codes(&report));
    }
}

#[test]
fn a_finding_the_user_ignored_does_not_come_back_from_the_semantic_tier() {
    let e = &engines().hanbit;
    let text = "Call me on 010-1234-5678, the fucking roadmap slipped";
    let mut cx = context(Role::Employee);
    for (code, words) in [("TONE001", "fucking"), ("PII004", "010-1234-5678")] {
        cx.dismissed.push(riskhint::Dismissal { code: code.into(), text: words.into() });
    }
    let mut report = e.check_draft(text, &cx);
    assert!(report.findings.is_empty(), "{:?}", codes(&report));
    e.refine_draft(semantic(), text, &cx, &mut report);
    assert_eq!(report.verdict, Verdict::Ok, "the ignored profanity came back as {:?}", codes(&report));
}

#[test]
fn running_down_a_rival_is_a_competitor_finding_and_complaining_about_ones_own_company_is_not() {
    let e = &engines().hanbit;
    let jab = "대성모바일 폰 또 고장났다던데 역시 거기 제품은 믿고 걸러야 함";
    assert!(!codes(&e.check_draft(jab, &context(Role::Employee))).contains(&"COMP001"), "the rule alone now catches it: pick another case");
    assert!(codes(&both_tiers(e, jab, Role::Employee)).contains(&"COMP001"));
    for own in ["환불해주세요 한빛전자", "노바 X1 또 고장났어요. 환불해주세요 한빛전자"] {
        assert!(!codes(&both_tiers(e, own, Role::Employee)).contains(&"COMP001"), "{own:?}");
    }
    // Without an organisation in the policy there is no rival to speak of.
    assert!(!codes(&both_tiers(&Engine::default(), jab, Role::Employee)).contains(&"COMP001"));
}

fn labels(engine: &Engine, text: &str) -> Vec<Label> {
    let posts = [Post { id: "1".into(), text: text.into(), ..Post::default() }];
    let mut reports = engine.classify_posts(&posts);
    engine.refine_posts(semantic(), &posts, &mut reports);
    reports.remove(0).labels
}

#[test]
fn in_the_feed_praise_of_support_is_not_a_complaint_and_complaints_still_are() {
    let e = &engines().hanbit;
    for praise in ["Huge thanks to Hanbit support, my broken phone was fixed in a day. Amazing service!", "한빛전자 고객센터 상담원분 너무 친절하셨어요. 고장 난 폰 하루 만에 고쳐주셨네요 감사합니다!"] {
        assert!(!labels(e, praise).contains(&Label::Complaint), "{praise:?}");
    }
    for complaint in ["Third week waiting for Hanbit to fix my phone and support keeps hanging up on me. Never again.", "한빛전자 AS 3주째 감감무소식이고 상담원은 전화도 안 받네요. 다시는 안 삽니다"] {
        assert!(labels(e, complaint).contains(&Label::Complaint), "{complaint:?}");
    }
}

#[test]
fn odd_and_huge_texts_never_panic() {
    let e = &engines().hanbit;
    let huge = "Our Q4 numbers look insane. ".repeat(40_000);
    let odd = ["", " ", "\u{200B}\u{FEFF}", "🚀🚀🚀", "\u{0301}\u{0301}a\u{0301}", "ㅋ", "\n\n\n", "a.b.c.d.e.f.g.", "\u{10FFFF}\u{E000}", "Ａ\u{3000}Ｂ"];
    for text in odd.iter().copied().chain([huge.as_str()]) {
        let report = both_tiers(e, text, Role::Executive);
        for f in &report.findings {
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end) && f.range.end <= text.len());
        }
        labels(e, text);
    }
}
