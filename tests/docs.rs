//! Generated documentation stays in step with the code, and the rule scaffold writes what
//! docs/adding-a-rule.md promises.

use std::path::{Path, PathBuf};

#[test]
fn docs_rules_md_is_the_generated_reference() {
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md")).unwrap_or_default();
    let generated = riskhint::rules::markdown();
    assert!(committed == generated, "docs/rules.md is out of date with the rules' documentation; regenerate it with\n    {}", riskhint::rules::REGENERATE);
}

#[test]
fn the_reference_lists_every_rule_in_both_languages() {
    let md = riskhint::rules::markdown();
    for code in ["APOL001", "PII002", "TONE007"] {
        assert!(md.contains(&format!("## {code}\n")), "{code} has no section");
    }
    assert!(md.contains("| [TONE001](#tone001) | profanity | tone | warn | hostile |"));
    assert!(md.contains("- 예시: 이거 존나 좋다 ㅋㅋ"));
    // Markdown must show "f\*\*\*" as written, not as emphasis.
    assert!(md.contains(r"f\*\*\*") && !md.contains(" f*** "));
}

/// A scratch copy of the parts of the tree the scaffold edits, under target/.
fn scratch_tree(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root.join("src/rules")).unwrap();
    std::fs::create_dir_all(root.join("tests/cases")).unwrap();
    std::fs::copy(source.join("src/rules/mod.rs"), root.join("src/rules/mod.rs")).unwrap();
    for entry in std::fs::read_dir(source.join("tests/cases")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join("tests/cases").join(path.file_name().unwrap())).unwrap();
    }
    root
}

#[test]
fn new_rule_writes_the_rule_file_its_registry_line_and_its_cases() {
    let root = scratch_tree("scaffold");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let registry_before = read("src/rules/mod.rs");
    let tone_before = read("tests/cases/tone.tsv");

    let planned = riskhint::rules::scaffold(&root, "TONE099", "sarcastic-reply", true).unwrap();
    assert_eq!(planned.len(), 3);
    assert!(!root.join("src/rules/tone099_sarcastic_reply.rs").exists(), "a dry run writes nothing");
    assert_eq!(read("src/rules/mod.rs"), registry_before);

    let written = riskhint::rules::scaffold(&root, "TONE099", "sarcastic-reply", false).unwrap();
    assert_eq!(planned, written);
    let rule = read("src/rules/tone099_sarcastic_reply.rs");
    assert!(rule.contains("code: \"TONE099\"") && rule.contains("name: \"sarcastic-reply\"") && rule.contains("pub fn check("));
    let registry = read("src/rules/mod.rs");
    assert!(registry.contains("    tone007_hostile_model\n    tone099_sarcastic_reply\n}"), "registered after TONE007:\n{registry}");
    assert_eq!(registry.lines().count(), registry_before.lines().count() + 1, "one line registers it");
    let tone = read("tests/cases/tone.tsv");
    assert!(tone.starts_with(&tone_before) && tone.contains("# TONE099 sarcastic-reply"));

    // A new family gets a case file of its own.
    riskhint::rules::scaffold(&root, "BRND001", "off-brand-voice", false).unwrap();
    assert!(read("tests/cases/brnd.tsv").contains("# BRND001 off-brand-voice"));
    assert!(read("src/rules/mod.rs").contains("    apol005_no_corrective_action\n    brnd001_off_brand_voice\n    comp001"));
}

#[test]
fn new_rule_refuses_taken_codes_and_malformed_names() {
    let root = scratch_tree("scaffold-refusals");
    let refuse = |code: &str, name: &str| riskhint::rules::scaffold(&root, code, name, false).unwrap_err();
    assert!(refuse("TONE001", "profanity-again").contains("already a rule"));
    assert!(refuse("TONE08", "short-code").contains("three digits"));
    assert!(refuse("tone008", "lower-code").contains("three digits"));
    assert!(refuse("TONE008", "Not Kebab").contains("kebab-case"));
    assert!(std::fs::read_dir(root.join("src/rules")).unwrap().count() == 1, "nothing written");
}
