//! Runs tests/lexicons.tsv: for every word list in data/lexicons/, texts it must hit and near-misses
//! it must not, in both languages.

use riskhint::lexicon::{data_lexicons, Lex, PhraseIndex};
use riskhint_text::text::Views;
use std::collections::BTreeSet;

fn hits(index: &PhraseIndex, lexicon: Lex, text: &str) -> Vec<String> {
    index.find(text, &Views::new(text)).of(lexicon).iter().map(|h| text[h.range.clone()].to_string()).collect()
}

#[test]
fn every_list_hits_its_cases_and_passes_over_its_near_misses() {
    let table = include_str!("lexicons.tsv");
    let index = PhraseIndex::new(&Vec::new());
    let (mut failures, mut covered) = (Vec::new(), BTreeSet::new());
    for (n, line) in table.lines().enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#')) {
        let at = format!("tests/lexicons.tsv:{}", n + 1);
        let [list, expect, text] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("{at}: not LIST, EXPECT, TEXT") };
        let lexicon = Lex::from_file(list).unwrap_or_else(|| panic!("{at}: no list data/lexicons/{list}.txt"));
        let korean = text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3131}'..='\u{318E}').contains(&c));
        covered.insert((list.to_string(), expect.to_string(), korean));
        let found = hits(&index, lexicon, text);
        match expect {
            "hit" if found.is_empty() => failures.push(format!("{at}: {list} should hit {text:?}")),
            "miss" if !found.is_empty() => failures.push(format!("{at}: {list} should not hit {text:?}, found {found:?}")),
            "hit" | "miss" => {}
            other => panic!("{at}: EXPECT is hit or miss, not {other:?}"),
        }
    }
    assert!(failures.is_empty(), "{} of the lexicon cases failed:\n{}", failures.len(), failures.join("\n"));
    // Every list has a hit and a near-miss, and a case in each language (a list of one language has
    // its near-miss in the other).
    for (list, _) in data_lexicons() {
        for (what, korean) in [("hit", false), ("hit", true), ("miss", false), ("miss", true)] {
            let has = covered.contains(&(list.to_string(), what.to_string(), korean));
            let one_language_hit = what == "hit" && covered.contains(&(list.to_string(), "hit".to_string(), !korean));
            assert!(has || one_language_hit, "tests/lexicons.tsv has no {} {what} case for {list}", if korean { "Korean" } else { "English" });
        }
    }
}
