//! The semantic corpus (data/semantic/*.tsv, and the plain posts in data/semantic/plain/) is well
//! formed, big enough, bilingual, and its data card (data/semantic/README.md) counts what the
//! files hold. Standard library only.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

const HEADER: &str = "label\tlang\ttext";
const MIN_PER_LABEL: usize = 240;
const MIN_KOREAN_SHARE: f64 = 0.40;

/// What one file holds, as the data card counts it.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    positives: usize,
    negatives: usize,
    korean_positives: usize,
    korean_negatives: usize,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/semantic")
}

fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir())
        .expect("data/semantic is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "data/semantic holds no .tsv file");
    files
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Reads one file, checking every row; panics naming the file and line of the first bad one.
fn check_file(path: &Path) -> Counts {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let body = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some(HEADER),
        "{name}:1: the header must be exactly {HEADER:?}"
    );
    let mut counts = Counts::default();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, line) in lines.enumerate() {
        let at = format!("{name}:{}", index + 2);
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            3,
            "{at}: a row has 3 tab-separated fields, this one has {}: {line:?}",
            fields.len()
        );
        let (label, lang, text) = (fields[0], fields[1], fields[2]);
        assert!(
            label == "0" || label == "1",
            "{at}: the label must be 0 or 1, not {label:?}"
        );
        assert!(
            lang == "en" || lang == "ko",
            "{at}: the lang must be en or ko, not {lang:?}"
        );
        assert!(!text.trim().is_empty(), "{at}: the text is empty");
        assert!(
            !text.contains('\r'),
            "{at}: the text holds a carriage return"
        );
        let hangul = text.chars().filter(|&c| is_hangul_syllable(c)).count();
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        match lang {
            "ko" => assert!(hangul > 0, "{at}: a ko row holds no Hangul syllable: {text:?}"),
            _ => assert!(latin > hangul, "{at}: an en row must be mostly Latin letters ({latin} Latin, {hangul} Hangul): {text:?}"),
        }
        if let Some(first) = seen.insert(text, index + 2) {
            panic!("{at}: the same text as line {first}: {text:?}");
        }
        let korean = lang == "ko";
        if label == "1" {
            counts.positives += 1;
            counts.korean_positives += korean as usize;
        } else {
            counts.negatives += 1;
            counts.korean_negatives += korean as usize;
        }
    }
    counts
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[test]
fn every_file_is_well_formed_big_enough_and_bilingual() {
    for path in files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let c = check_file(&path);
        assert!(
            c.positives >= MIN_PER_LABEL,
            "{name}: {} positives, fewer than {MIN_PER_LABEL}",
            c.positives
        );
        assert!(
            c.negatives >= MIN_PER_LABEL,
            "{name}: {} negatives, fewer than {MIN_PER_LABEL}",
            c.negatives
        );
        for (what, korean, all) in [
            ("positives", c.korean_positives, c.positives),
            ("negatives", c.korean_negatives, c.negatives),
        ] {
            let s = share(korean, all);
            assert!(
                s >= MIN_KOREAN_SHARE,
                "{name}: only {:.1}% of the {what} are Korean ({korean} of {all})",
                s * 100.0
            );
        }
    }
}

/// Parses a cell such as `120 (48.0%)` into the count and the percentage.
fn count_and_percent(cell: &str, at: &str) -> (usize, f64) {
    let (count, rest) = cell
        .split_once(" (")
        .unwrap_or_else(|| panic!("{at}: expected `N (P%)`, found {cell:?}"));
    let percent = rest
        .strip_suffix("%)")
        .unwrap_or_else(|| panic!("{at}: expected `N (P%)`, found {cell:?}"));
    let count = count
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{at}: {count:?} is not a count"));
    let percent = percent
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{at}: {percent:?} is not a percentage"));
    (count, percent)
}

/// The cells of a Markdown table row, after its opening `|` and first cell's start.
fn table_cells(rest: &str) -> Vec<&str> {
    rest.trim_end_matches('|').split('|').map(str::trim).collect()
}

/// The counts table of the data card: rows like
/// `| `crisis-signal.tsv` | 250 | 250 | 120 (48.0%) | 125 (50.0%) |`.
fn readme_table() -> BTreeMap<String, (Counts, f64, f64)> {
    let path = dir().join("README.md");
    let body = fs::read_to_string(&path).expect("data/semantic/README.md is readable");
    let mut table = BTreeMap::new();
    for (index, line) in body.lines().enumerate() {
        let at = format!("README.md:{}", index + 1);
        let Some(rest) = line.trim().strip_prefix("| `") else {
            continue;
        };
        let cells = table_cells(rest);
        assert_eq!(cells.len(), 5, "{at}: a counts row has 5 cells: {line:?}");
        let file = cells[0].trim_end_matches('`').to_string();
        let number = |cell: &str| -> usize {
            cell.parse()
                .unwrap_or_else(|_| panic!("{at}: {cell:?} is not a count"))
        };
        let (korean_positives, pos_percent) = count_and_percent(cells[3], &at);
        let (korean_negatives, neg_percent) = count_and_percent(cells[4], &at);
        let counts = Counts {
            positives: number(cells[1]),
            negatives: number(cells[2]),
            korean_positives,
            korean_negatives,
        };
        assert!(
            table
                .insert(file.clone(), (counts, pos_percent, neg_percent))
                .is_none(),
            "{at}: {file} is listed twice"
        );
    }
    table
}

#[test]
fn the_data_card_counts_match_the_files() {
    let mut table = readme_table();
    for path in files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let actual = check_file(&path);
        let (listed, pos_percent, neg_percent) = table
            .remove(&name)
            .unwrap_or_else(|| panic!("README.md: the counts table has no row for {name}"));
        assert_eq!(
            listed, actual,
            "README.md: the counts for {name} differ from the file (listed, then actual)"
        );
        for (what, percent, korean, all) in [
            (
                "positives",
                pos_percent,
                actual.korean_positives,
                actual.positives,
            ),
            (
                "negatives",
                neg_percent,
                actual.korean_negatives,
                actual.negatives,
            ),
        ] {
            let expected = share(korean, all) * 100.0;
            assert!((percent - expected).abs() <= 0.051, "README.md: {name}: Korean share of {what} is {expected:.1}%, the card says {percent}%");
        }
    }
    assert!(
        table.is_empty(),
        "README.md: rows for files that do not exist: {:?}",
        table.keys().collect::<Vec<_>>()
    );
}

const PLAIN_MIN_ROWS: usize = 500;
const PLAIN_MIN_KOREAN_SHARE: f64 = 0.45;

/// The plain posts' row of the data card, in the section "## Plain posts (negatives for every
/// head)": `| posts.tsv | 546 | 267 (48.9%) |`, as (rows, Korean rows, Korean percentage).
fn readme_plain_row() -> (usize, usize, f64) {
    let body =
        fs::read_to_string(dir().join("README.md")).expect("data/semantic/README.md is readable");
    let mut in_section = false;
    let mut found = None;
    for (index, line) in body.lines().enumerate() {
        let at = format!("README.md:{}", index + 1);
        if line.starts_with("## ") {
            in_section = line.trim() == "## Plain posts (negatives for every head)";
            continue;
        }
        if !in_section {
            continue;
        }
        let Some(rest) = line.trim().strip_prefix("| posts.tsv |") else {
            continue;
        };
        let cells = table_cells(rest);
        assert_eq!(
            cells.len(),
            2,
            "{at}: the plain posts' row has 3 cells: {line:?}"
        );
        let rows = cells[0]
            .parse()
            .unwrap_or_else(|_| panic!("{at}: {:?} is not a count", cells[0]));
        let (korean, percent) = count_and_percent(cells[1], &at);
        assert!(found.is_none(), "{at}: posts.tsv is listed twice");
        found = Some((rows, korean, percent));
    }
    found.expect("README.md: the section \"## Plain posts (negatives for every head)\" has no `| posts.tsv | N | K (P%) |` row")
}

#[test]
fn plain_posts_are_well_formed_all_negative_and_bilingual() {
    let path = dir().join("plain/posts.tsv");
    // Header, 3 fields, label 0|1, lang en|ko, non-empty text, Hangul in ko rows, mostly Latin in
    // en rows, no duplicate text.
    let c = check_file(&path);
    assert_eq!(
        c.positives, 0,
        "plain/posts.tsv: every label must be 0, {} rows are 1",
        c.positives
    );
    assert!(
        c.negatives >= PLAIN_MIN_ROWS,
        "plain/posts.tsv: {} rows, fewer than {PLAIN_MIN_ROWS}",
        c.negatives
    );
    let s = share(c.korean_negatives, c.negatives);
    assert!(
        s >= PLAIN_MIN_KOREAN_SHARE,
        "plain/posts.tsv: only {:.1}% of the rows are Korean ({} of {})",
        s * 100.0,
        c.korean_negatives,
        c.negatives
    );
    let (rows, korean, percent) = readme_plain_row();
    assert_eq!(
        (rows, korean),
        (c.negatives, c.korean_negatives),
        "README.md: the plain posts' counts (rows, Korean rows) differ from the file (listed, then actual)"
    );
    assert!(
        (percent - s * 100.0).abs() <= 0.051,
        "README.md: plain posts: Korean share is {:.1}%, the card says {percent}%",
        s * 100.0
    );
}
