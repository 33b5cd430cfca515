//! The `riskhint` command as scripts use it: JSON contracts, readable output, exit statuses.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const POLICY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hanbit-policy.jsonc");

fn riskhint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_riskhint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("riskhint runs");
    // The command may exit before reading (a missing file): a closed pipe is not a failure here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("riskhint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn check_json_reports_verdict_codes_and_char_offsets() {
    let draft = "🚀 팰컨은 다음 달 출시! Funding secured.";
    let out = riskhint(&["check", "--policy", POLICY, "--role", "executive", "--now", "2026-06-01", "--json"], draft);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["verdict"], "block");
    assert_eq!(report["language"], "ko");
    let findings = report["findings"].as_array().unwrap();
    let codename = findings.iter().find(|f| f["code"] == "CONF001").expect("codename flagged");
    // Offsets count Unicode scalar values: the rocket and a space come before 팰컨.
    let chars: Vec<char> = draft.chars().collect();
    let (start, end) = (codename["start"].as_u64().unwrap() as usize, codename["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[start..end].iter().collect::<String>(), "팰컨");
    assert_eq!(codename["text"], "팰컨");
    assert_eq!(codename["severity"], "block");
    assert_eq!(codename["category"], "confidential");
    assert!(!codename["message"].as_str().unwrap().is_empty());
    assert_eq!(codename["suggestions"][0]["replacement"], "[비공개]");
    assert!(findings.iter().any(|f| f["code"] == "MNPI003" && f["text"] == "Funding secured"));
}

#[test]
fn readable_report_puts_carets_under_the_flagged_words() {
    let out = riskhint(&["check", "--policy", POLICY, "--now", "2026-06-01"], "Can't wait for Project Falcon!");
    let text = stdout(&out);
    assert!(text.starts_with("verdict: block"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let draft_line = lines.iter().position(|l| l.contains("| Can't wait for Project Falcon!")).expect("draft shown");
    let carets = lines[draft_line + 1];
    let column = |l: &str, needle: &str| l.find(needle).unwrap();
    assert_eq!(column(carets, "^"), column(lines[draft_line], "Project"));
    assert_eq!(carets.matches('^').count(), "Project Falcon".len());
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

#[test]
fn readable_report_of_a_long_line_shows_the_words_in_context() {
    // A pasted line far longer than a post: each finding shows its words with context, not the
    // whole line again, and the carets still stand under the words.
    let draft = format!("{}Project Falcon{}\nsecond line 010-1234-5678", "lol ".repeat(400), " ok".repeat(400));
    let out = riskhint(&["check", "--policy", POLICY, "--now", "2026-06-01"], &draft);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let shown = lines.iter().position(|l| l.starts_with("    1 | ") && l.contains("Project Falcon")).expect("the codename's line shown");
    let (line, carets) = (lines[shown], lines[shown + 1]);
    assert!(line.starts_with("    1 | …") && line.ends_with('…') && line.contains("lol Project Falcon ok"), "{line}");
    assert!(line.chars().count() < 260, "an excerpt, not the 2,000-character line: {} chars", line.chars().count());
    assert_eq!(carets.find('^'), line.find("Project").map(|at| at - "…".len() + 1), "carets under the words: {line}\n{carets}");
    assert_eq!(carets.matches('^').count(), "Project Falcon".len());
    // A short line is shown whole, with its own number.
    assert!(lines.contains(&"    2 | second line 010-1234-5678"), "{text}");
}

#[test]
fn fail_on_sets_exit_status_for_scripts() {
    let args = ["check", "--policy", POLICY, "--now", "2026-06-01", "--fail-on", "block"];
    assert_eq!(riskhint(&args, "Project Falcon is late").status.code(), Some(1));
    assert_eq!(riskhint(&args, "Lovely weather in Seoul today").status.code(), Some(0));
    let warn = ["check", "--now", "2026-06-01", "--fail-on", "warn"];
    assert_eq!(riskhint(&warn, "this update is fucking broken").status.code(), Some(1));
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let missing = riskhint(&["check", "/no/such/draft.txt"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read /no/such/draft.txt"));

    let broken = temp_file("broken.json", "{\n  \"organization\": {\n    \"nmes\": [\"Hanbit\"]\n  }\n}\n");
    let out = riskhint(&["check", "--policy", broken.to_str().unwrap()], "hello");
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("line 3") && message.contains("organization.nmes") && message.contains("unknown field"), "{message}");

    let bad_role = riskhint(&["check", "--role", "intern"], "hi");
    assert_eq!(bad_role.status.code(), Some(2));
    assert!(stderr(&bad_role).contains("invalid role"));
}

#[test]
fn scan_labels_posts_and_reports_malformed_lines_without_losing_the_rest() {
    let input = concat!(
        r#"{"id":"1","text":"My Nova X1 caught fire, Hanbit please recall it","reposts":1200,"likes":5000,"views":900000}"#, "\n",
        "not json\n",
        r#"{"id":"3","text":"오늘 날씨 좋네요"}"#, "\n",
    );
    let out = riskhint(&["scan", "--policy", POLICY], input);
    assert_eq!(out.status.code(), Some(2), "a malformed line makes the status 2");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "the other lines are still scanned");
    assert_eq!(lines[0]["id"], "1");
    let labels: Vec<&str> = lines[0]["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(labels[0], "crisis-signal");
    assert!(labels.contains(&"brand-mention"));
    assert!(lines[0]["risk"].as_u64().unwrap() >= 80, "reach raises risk: {}", lines[0]["risk"]);
    assert_eq!(lines[0]["hint"], "Likely crisis: escalate");
    assert_eq!(lines[1]["labels"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["risk"], 0);
}

#[test]
fn rules_lists_every_rule_with_its_documentation() {
    let out = riskhint(&["rules", "--json"], "");
    let rules: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rules.len(), riskhint::rules::all().len());
    for rule in &rules {
        for field in ["code", "name", "category", "severity"] {
            assert!(rule[field].as_str().is_some_and(|s| !s.is_empty()), "{rule}");
        }
        for field in ["what", "why", "source", "example", "fix"] {
            for lang in ["en", "ko"] {
                assert!(rule[field][lang].as_str().is_some_and(|s| !s.is_empty()), "{field}.{lang}: {rule}");
            }
        }
    }
    let english = stdout(&riskhint(&["rules", "--lang", "en"], ""));
    assert!(english.contains("MNPI003 financing-or-going-private"));
    assert!(english.contains("  example: Am considering taking Hanbit private at $420. Funding secured."), "{english}");
}

#[test]
fn a_korean_draft_gets_a_korean_report_with_fitted_particles() {
    let text = stdout(&riskhint(&["check", "--policy", POLICY, "--now", "2026-06-01"], "노바 X1 진짜 최고예요 강추!"));
    assert!(text.starts_with("판정: 검토 필요 (지적 1건)"), "{text}");
    assert!(text.contains("“노바 X1”을 언급했습니다"), "{text}");
    assert!(text.contains("  출처: 미국 FTC 추천·보증 지침"), "{text}");
    assert!(text.contains("  고치기: #한빛전자직원 추가 → \" #한빛전자직원\""), "{text}");
    let english = stdout(&riskhint(&["check", "--policy", POLICY, "--now", "2026-06-01", "--lang", "en"], "노바 X1 진짜 최고예요 강추!"));
    assert!(english.starts_with("verdict: review (1 finding)"), "{english}");
}

#[test]
fn rules_speak_korean_when_asked_or_when_the_locale_is_korean() {
    let asked = stdout(&riskhint(&["rules", "--lang", "ko"], ""));
    assert!(asked.contains("  예시: 3분기 매출 가집계 2조 돌파했습니다."), "{asked}");
    assert!(asked.contains("  출처: 형법 제307조(명예훼손)"), "{asked}");
    let from_locale = Command::new(env!("CARGO_BIN_EXE_riskhint")).arg("rules").env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "ko_KR.UTF-8").output().unwrap();
    assert_eq!(stdout(&from_locale), asked);
    let english = Command::new(env!("CARGO_BIN_EXE_riskhint")).arg("rules").env("LC_ALL", "en_US.UTF-8").env("LANG", "ko_KR.UTF-8").output().unwrap();
    assert!(stdout(&english).contains("  example: "));
}

#[test]
fn schema_describes_the_policy_and_rejects_unknown_fields() {
    let schema: Value = serde_json::from_str(&stdout(&riskhint(&["schema"], ""))).unwrap();
    assert!(schema["properties"]["organization"].is_object());
    assert!(schema["properties"]["rules"]["properties"]["MNPI001"].is_object());
    assert_eq!(schema["additionalProperties"], false);
    // Each site's "see more" cut-off, with its default and its range.
    let cut_offs = &schema["$defs"]["SeeMoreChars"];
    assert_eq!(cut_offs["additionalProperties"], false);
    for (site, default) in [("x", 280), ("facebook", 477), ("linkedin", 210), ("instagram", 125), ("other", 125)] {
        assert_eq!(cut_offs["properties"][site]["default"], default, "{site}");
        assert_eq!(cut_offs["properties"][site]["minimum"], 1, "{site}");
    }
}

#[test]
fn the_platform_sets_the_see_more_cut_off() {
    // The issue's 170-character review: its closing disclosure is hidden on Instagram, not on LinkedIn.
    let review = "노바 X1을 한 달 동안 직접 써 봤습니다. 야간 모드는 어두운 골목에서도 디테일을 잘 살려 주었고, 배터리는 하루 종일 촬영해도 넉넉했어요. 화면도 아주 밝아서 낮에 야외에서 보기 편했습니다. 가격 대비 만족도가 높아서 사진 찍는 분들께 추천합니다. 이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.";
    let text = stdout(&riskhint(&["check", "--policy", POLICY, "--platform", "instagram", "--json"], review));
    assert!(text.contains("DISC003"), "{text}");
    let text = stdout(&riskhint(&["check", "--policy", POLICY, "--platform", "linkedin", "--json"], review));
    assert!(!text.contains("DISC003"), "{text}");
}

#[test]
fn eval_prints_precision_recall_and_f1() {
    let tsv = "text\tlabel\n\
               you are a fucking idiot\t1\n\
               \"shit, \"\"quoted\"\" and multi\nline\"\t1\n\
               you people are the worst\t1\n\
               lovely day at the park\t0\n";
    let path = temp_file("eval.tsv", tsv);
    let out = riskhint(&["eval", "--task", "hostile", "--input", path.to_str().unwrap(), "--text-col", "text", "--label-col", "label", "--positive", "1"], "");
    let text = stdout(&out);
    assert!(text.contains("4 rows, 3 positive"), "{text}");
    // "you people are the worst" has no listed word: the learned model finds it.
    assert!(text.contains("precision 1.000  recall 1.000"), "{text}");
    assert!(text.contains("rows/s"));
    let missing_col = riskhint(&["eval", "--task", "hostile", "--input", path.to_str().unwrap(), "--text-col", "tweet", "--label-col", "label", "--positive", "1"], "");
    assert_eq!(missing_col.status.code(), Some(2));
    assert!(stderr(&missing_col).contains("no column \"tweet\""));
}

#[test]
fn eval_counts_secret_and_pii_findings_by_category() {
    // One file, a label column per leak kind: each task counts only its own category's findings.
    let tsv = "text\tsecret\tpii\n\
               staging token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A please\t1\t0\n\
               export GITHUB_TOKEN=$GITHUB_TOKEN before running\t0\t0\n\
               제 번호 010-2345-6789로 연락 주세요\t0\t1\n\
               lovely day at the park\t0\t0\n";
    let path = temp_file("eval-leaks.tsv", tsv);
    for task in ["secret", "pii"] {
        let out = riskhint(&["eval", "--tier", "fast", "--task", task, "--input", path.to_str().unwrap(), "--text-col", "text", "--label-col", task, "--positive", "1"], "");
        let text = stdout(&out);
        assert!(text.contains("4 rows, 1 positive"), "{task}: {text}");
        assert!(text.contains("precision 1.000  recall 1.000"), "{task}: {text}");
    }
    let unknown = riskhint(&["eval", "--task", "password", "--input", path.to_str().unwrap(), "--text-col", "text", "--label-col", "secret", "--positive", "1"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("a finding category (secret, pii)"), "{}", stderr(&unknown));
}

#[test]
fn train_writes_a_model_from_a_data_directory_and_reports_held_out_figures() {
    // A data directory shaped like ../shared/data, small enough to train in a moment.
    let data = std::env::temp_dir().join(format!("riskhint-train-{}", std::process::id()));
    let dir = data.join("ko/korean-hate-speech");
    std::fs::create_dir_all(&dir).unwrap();
    let mut tsv = String::from("comments\tcontain_gender_bias\tbias\thate\n");
    for i in 0..300 {
        tsv += &format!("이 멍청한 인간 {i}번째\tFalse\tnone\toffensive\n진짜 좋은 기사 {i}번째\tFalse\tnone\tnone\n");
    }
    std::fs::write(dir.join("train.tsv"), tsv).unwrap();
    std::fs::create_dir_all(data.join("ko/k-mhas")).unwrap();
    std::fs::write(data.join("ko/k-mhas/valid.tsv"), "document\tlabel\n멍청한 놈\t5\n좋은 하루\t8\n").unwrap();
    let out = data.join("model.rhm");
    let o = riskhint(&["train", "--model", "hostile-ko", "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("test (held out, never seen)"), "{text}");
    let model = riskhint::model::Model::from_vec(&std::fs::read(&out).unwrap()).unwrap();
    assert!(model.score("멍청한 인간").probability > model.score("좋은 기사").probability);

    let o = riskhint(&["train", "--model", "hostile-xx"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hostile-en, hostile-ko, complaint-ko, complaint-en"), "{}", stderr(&o));
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn the_shipped_models_are_what_train_writes_from_the_shared_data() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
    if !std::path::Path::new(data).is_dir() {
        eprintln!("skipped: no {data}");
        return;
    }
    for name in ["hostile-en", "hostile-ko", "complaint-en", "complaint-ko"] {
        let out = temp_file(&format!("{name}.rhm"), "");
        let o = riskhint(&["train", "--model", name, "--data", data, "--out", out.to_str().unwrap()], "");
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let shipped = std::fs::read(format!("{}/models/{name}.rhm", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(std::fs::read(&out).unwrap() == shipped, "models/{name}.rhm differs from a fresh `riskhint train --model {name}`: retrain and commit it");
    }
}

#[test]
fn a_refused_custom_rule_is_a_warning_on_stderr_and_the_other_rules_still_check() {
    let policy = temp_file(
        "custom-rules.jsonc",
        "{\n  \"custom_rules\": [\n    {\"id\": \"ROADMAP\", \"pattern\": \"Roadmap 20[0-9]{2}\", \"level\": \"block\", \"message\": \"Roadmap dates are internal.\"},\n    {\"id\": \"BROKEN\", \"pattern\": \"(fab\", \"message\": \"x\"}\n  ]\n}",
    );
    let out = riskhint(&["check", "--policy", policy.to_str().unwrap(), "--fail-on", "block"], "Our ROADMAP 2027 is out");
    assert!(stderr(&out).contains("line 4, column 33, field custom_rules[1].pattern: unclosed group"), "{}", stderr(&out));
    assert!(stdout(&out).contains("block ROADMAP [confidential] Roadmap dates are internal."), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(1), "the rule that compiled blocks");
}

#[test]
fn a_smoke_training_of_the_semantic_heads_writes_heads_the_engine_loads_and_is_deterministic() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
    let asset_path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/semantic/encoder.bin");
    if !std::path::Path::new(data).is_dir() {
        eprintln!("skipped: no {data}");
        return;
    }
    let asset = std::fs::read(asset_path).unwrap_or_else(|e| panic!("{asset_path}: {e} (./build.sh writes it)"));
    let train = |name: &str| {
        let out = temp_file(name, "");
        let o = riskhint(&["semantic", "train", "--asset", asset_path, "--data", data, "--limit", "6", "--out", out.to_str().unwrap()], "");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("hostile-ko") && stdout(&o).contains("threshold"), "{}", stdout(&o));
        std::fs::read_to_string(out).unwrap()
    };
    let heads = train("heads-a.json");
    let semantic = riskhint::semantic::Semantic::from_bytes(&asset, &heads).expect("the engine loads what train writes");
    assert_eq!(semantic.heads().len(), 14);
    assert!(semantic.heads().iter().all(|h| (0.0..=1.0).contains(&h.threshold) && h.weights.iter().all(|w| w.is_finite())));
    assert_eq!(train("heads-b.json"), heads, "the same data and asset give the same heads");
}
