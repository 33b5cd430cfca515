//! A feed post that leaks a number or a secret is labelled `possible-leak` with the kind of data,
//! and what riskhint keeps or exports of it (the report's texts, the masked post) holds the data
//! only masked: no letter or digit of it beyond the last four.

use proptest::prelude::*;
use riskhint::feed::{mask, MASK_KEEPS};
use riskhint::json::{post_report, Offsets};
use riskhint::{Label, Language, Post};

mod common;

/// The letters and digits of every string in `value`, one entry a string.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.chars().filter(|c| c.is_alphanumeric()).collect()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn alnum(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

proptest! {
    #[test]
    fn a_masked_span_shows_only_its_last_four_letters_and_digits(span in "[0-9a-zA-Z０-９가 .()+-]{0,40}") {
        let masked = mask(&span);
        let (before, after) = (alnum(&span), alnum(&masked));
        let kept = if before.len() >= 2 * MASK_KEEPS { MASK_KEEPS } else { 0 };
        prop_assert_eq!(after.len(), kept, "only the kept characters stay letters or digits: {}", masked);
        prop_assert_eq!(&after[..], &before[before.len() - kept..]);
        // Separators stay where they were, so the shape still reads.
        prop_assert_eq!(masked.chars().filter(|c| !c.is_alphanumeric() && *c != '*').collect::<String>(),
            span.chars().filter(|c| !c.is_alphanumeric()).collect::<String>());
    }

    #[test]
    fn a_feed_report_never_repeats_a_leaked_card_or_phone(
        prefix in "[a-z 가-힣]{0,12}",
        card in prop::sample::select(vec!["4539 1488 0343 6467", "5425-2334-3010-9903", "4917612345678904"]),
        phone in prop::sample::select(vec!["010-9876-5432", "+44 7700 900123", "(11) 91234-5678", "공일공-구팔칠육-오사삼이"]),
    ) {
        let text = format!("{prefix} card {card} call {phone} now");
        let engine = &common::engines().hanbit;
        let reports = engine.classify_posts(&[Post { id: "1".into(), text: text.clone(), ..Default::default() }]);
        let json = serde_json::to_string(&post_report(&text, &reports[0], Language::En, Offsets::Utf16)).unwrap();
        prop_assert!(reports[0].labels.contains(&Label::PossibleLeak));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&value["leaks"], &serde_json::json!(["card-number", "phone-number"]));
        // Every 5-digit window of the card and of the phone (digits, as written) is gone; the
        // masked post keeps the last four of each.
        let mut texts = Vec::new();
        strings(&value, &mut texts);
        for secret in [card, phone] {
            let digits: Vec<char> = secret.chars().filter(|c| c.is_alphanumeric()).collect();
            for window in digits.windows(MASK_KEEPS + 1) {
                let window: String = window.iter().collect();
                prop_assert!(!texts.iter().any(|t| t.contains(&window)), "{} leaks in {}", window, json);
            }
        }
        let masked = value["masked"].as_str().unwrap();
        prop_assert!(masked.starts_with(&prefix) && masked.contains(" card ") && masked.ends_with(" now"));
    }
}

#[test]
fn masks_read_like_a_receipt() {
    assert_eq!(mask("010-1234-5678"), "***-****-5678");
    assert_eq!(mask("4111 1111 1111 1111"), "**** **** **** 1111");
    assert_eq!(mask("DE89 3704 0044 0532 0130 00"), "**** **** **** **** **30 00");
    assert_eq!(mask("공일공-일이삼사-오육칠팔"), "***-****-오육칠팔");
    assert_eq!(mask("1234567"), "*******", "too short to keep four");
}

#[test]
fn a_post_without_a_leak_has_nothing_masked() {
    let engine = &common::engines().hanbit;
    let text = "Loving the new Nova X1 camera";
    let reports = engine.classify_posts(&[Post { id: "1".into(), text: text.into(), ..Default::default() }]);
    assert!(reports[0].masked.is_none() && reports[0].leaks.is_empty());
    let json = serde_json::to_value(post_report(text, &reports[0], Language::En, Offsets::Utf16)).unwrap();
    assert!(json.get("masked").is_none() && json.get("leaks").is_none());
}
