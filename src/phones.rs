//! Phone numbers (PII004, and the policy's own numbers) told from order numbers, dates and prices by a compact numbering plan
//! (data/pii/phones.tsv: calling code, trunk prefix, lengths, mobile and fixed leading digits,
//! what is never a person's number, and how each country writes its numbers). A hand-written
//! scanner reads the groups of a number as people write them ("+44 (0)20 7946 0000",
//! "(11) 91234-5678", "06 12 34 56 78"); the plan decides.

use std::ops::Range;
use std::sync::LazyLock;

/// One row of the numbering plan.
struct Plan {
    cc: &'static str,
    trunk: Option<&'static str>,
    lengths: (usize, usize),
    mobile: Vec<Prefix>,
    fixed: Vec<Prefix>,
    skip: Vec<Prefix>,
    trunked: Shapes,
    bare: Shapes,
    compact: bool,
}

/// Leading digits (`?` any digit but 0: Brazil's area codes have none), with the national number's length when it is not the country's.
struct Prefix {
    digits: &'static str,
    lengths: Option<(usize, usize)>,
}

/// How national numbers may be grouped: not recognised, any grouping, or these group lengths.
enum Shapes {
    None,
    Any,
    Listed(Vec<Vec<usize>>),
}

fn range(field: &str) -> (usize, usize) {
    let (a, b) = field.split_once('-').unwrap_or((field, field));
    (a.parse().expect("phone plan length"), b.parse().expect("phone plan length"))
}

fn prefixes(field: &'static str) -> Vec<Prefix> {
    if field == "-" {
        return Vec::new();
    }
    field.split(',').map(|p| match p.split_once(':') {
        Some((digits, lengths)) => Prefix { digits, lengths: Some(range(lengths)) },
        None => Prefix { digits: p, lengths: None },
    }).collect()
}

fn shapes(field: &str) -> Shapes {
    match field {
        "-" => Shapes::None,
        "*" => Shapes::Any,
        _ => Shapes::Listed(field.split(',').map(|s| s.split('-').map(|n| n.parse().expect("phone plan shape")).collect()).collect()),
    }
}

static PLANS: LazyLock<Vec<Plan>> = LazyLock::new(|| {
    include_str!(concat!(env!("OUT_DIR"), "/data/pii/phones.tsv"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&'static str> = line.split('\t').collect();
            Plan {
                cc: f[1],
                trunk: (f[2] != "-").then_some(f[2]),
                lengths: range(f[3]),
                mobile: prefixes(f[4]),
                fixed: prefixes(f[5]),
                skip: prefixes(f[6]),
                trunked: shapes(f[7]),
                bare: shapes(f[8]),
                compact: f[9] == "mobile",
            }
        })
        .collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Mobile,
    Fixed,
    /// Toll-free, premium, shared-cost: an organisation's number, never a person's.
    Skip,
    Invalid,
}

impl Prefix {
    fn matches(&self, nsn: &str) -> bool {
        nsn.len() >= self.digits.len() && self.digits.bytes().zip(nsn.bytes()).all(|(p, d)| (p == b'?' && d != b'0') || p == d)
    }
}

impl Plan {
    fn fits(&self, lengths: Option<(usize, usize)>, n: usize) -> bool {
        let (min, max) = lengths.unwrap_or(self.lengths);
        (min..=max).contains(&n)
    }

    /// What the national significant number `nsn` is in this country: the most specific prefix
    /// decides, a hotline prefix first.
    /// The length of the prefix that decided comes with it.
    fn kind(&self, nsn: &str) -> (Kind, usize) {
        let best = |list: &[Prefix]| list.iter().filter(|p| p.matches(nsn)).max_by_key(|p| p.digits.len()).map(|p| (p.digits.len(), self.fits(p.lengths, nsn.len())));
        if let Some((s, true)) = best(&self.skip) {
            return (Kind::Skip, s);
        }
        match (best(&self.mobile), best(&self.fixed)) {
            (Some((m, fits)), f) if f.is_none_or(|(f, _)| m >= f) => (if fits { Kind::Mobile } else { Kind::Invalid }, m),
            (_, Some((f, true))) => (Kind::Fixed, f),
            _ => (Kind::Invalid, 0),
        }
    }
}

/// A group of digits as written, and whether it was in parentheses.
#[derive(Debug, Clone)]
struct Group {
    range: Range<usize>,
    paren: bool,
    /// The separator written before it (b' ' for none after a parenthesis).
    sep: u8,
}

/// A phone number found: its range in the text, and its national significant number (the digits
/// without the calling code or trunk prefix), by which the policy's own numbers are recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phone {
    pub range: Range<usize>,
    pub national: String,
}

/// Words before a number that make it a reference, not a phone.
const REFERENCE_WORDS: &[&str] = &["order", "invoice", "tracking", "ref", "account", "acct", "serial", "주문", "송장", "계좌", "사업자", "일련"];

fn free_before(b: &[u8], i: usize) -> bool {
    let Some(&p) = i.checked_sub(1).map(|j| &b[j]) else { return true };
    let digit_before = |j: usize| j.checked_sub(2).is_some_and(|k| b[k].is_ascii_digit());
    !(p.is_ascii_alphanumeric() || b"#-_/@+=&%".contains(&p) || (matches!(p, b'.' | b',') && digit_before(i)))
}

/// The groups of the number-like run at `i` (which starts with `+`, `(` or a digit), whether it
/// starts with `+`, and where it ends.
fn scan(b: &[u8], mut i: usize) -> (bool, Vec<Group>, usize) {
    let plus = b[i] == b'+';
    i += usize::from(plus);
    let (mut groups, mut sep, mut end) = (Vec::new(), 0u8, i);
    while groups.len() < 8 {
        let paren = b.get(i) == Some(&b'(');
        let start = i + usize::from(paren);
        let digits_end = start + b[start.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits_end == start || (paren && b.get(digits_end) != Some(&b')')) {
            break;
        }
        groups.push(Group { range: start..digits_end, paren, sep });
        end = digits_end + usize::from(paren);
        i = end;
        // The separator: one space, hyphen or dot before a digit or "("; none next to parentheses.
        let next = |j: usize| b.get(j).is_some_and(|c| c.is_ascii_digit() || *c == b'(');
        match b.get(i) {
            Some(&c @ (b' ' | b'-' | b'.')) if next(i + 1) => {
                sep = c;
                i += 1;
            }
            Some(b'(') => sep = b' ',
            Some(c) if paren && c.is_ascii_digit() => sep = b' ',
            _ => break,
        }
    }
    (plus, groups, end)
}

/// What `groups` (of `text`) read as: the national significant number of a phone, if one.
fn judge(text: &str, plus: bool, groups: &[Group]) -> Option<String> {
    let digits = |g: &Group| &text[g.range.clone()];
    let seps: Vec<u8> = groups.iter().skip(1).map(|g| g.sep).collect();
    // "06.01.2026 10": dots are not mixed with other separators in a phone number.
    if seps.contains(&b'.') && seps.iter().any(|&s| s != b'.') {
        return None;
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.range.len()).collect();
    let year = |g: &Group| matches!(&digits(g)[..2.min(g.range.len())], "19" | "20") && g.range.len() == 4;
    let date = lens.len() == 3 && ((lens[0] <= 2 && lens[1] <= 2 && year(&groups[2])) || (year(&groups[0]) && lens[1] <= 2 && lens[2] <= 2));
    if date {
        return None;
    }
    if plus {
        // "(0)" after the calling code is the trunk prefix, written for callers inside the country.
        let all: String = groups.iter().filter(|g| !(g.paren && digits(g) == "0")).map(digits).collect();
        let plan = PLANS.iter().find(|p| all.starts_with(p.cc))?;
        let mut nsn = &all[plan.cc.len()..];
        if let Some(trunk) = plan.trunk.filter(|t| nsn.starts_with(*t) && plan.fits(None, nsn.len() - t.len())) {
            nsn = &nsn[trunk.len()..];
        }
        return matches!(plan.kind(nsn).0, Kind::Mobile | Kind::Fixed).then(|| nsn.to_string());
    }
    // A national number may be read by several countries: the most specific prefix decides, and
    // a hotline wins a tie (precision first: "080-123-4567" is Korea's toll-free, not a Bavarian line).
    let all: String = groups.iter().map(digits).collect();
    if all.starts_with("00") {
        return None; // the international call prefix, or a reference number
    }
    let (mut phone, mut hotline): (Option<(usize, String)>, usize) = (None, 0);
    for plan in PLANS.iter() {
        match national(plan, &all, groups, &lens) {
            Some((Kind::Skip, n)) => hotline = hotline.max(n),
            Some((Kind::Mobile | Kind::Fixed, n)) if phone.as_ref().is_none_or(|(best, _)| n > *best) => {
                phone = Some((n, all[plan.trunk.filter(|t| all.starts_with(*t)).map_or(0, str::len)..].to_string()));
            }
            _ => {}
        }
    }
    phone.filter(|(n, _)| *n > hotline).map(|(_, national)| national)
}

/// How `plan`'s country reads a number written without a calling code, if it reads it at all.
fn national(plan: &Plan, all: &str, groups: &[Group], lens: &[usize]) -> Option<(Kind, usize)> {
    if let Some(trunk) = plan.trunk.filter(|t| all.starts_with(*t) && !matches!(plan.trunked, Shapes::None)) {
        let nsn = &all[trunk.len()..];
        let kind = plan.kind(nsn);
        if groups.len() == 1 {
            return (plan.compact && kind.0 == Kind::Mobile).then_some(kind);
        }
        let ok = match &plan.trunked {
            Shapes::Any => (2..=5).contains(&lens[0]) && lens[1..].iter().all(|&n| n >= 2),
            Shapes::Listed(shapes) => {
                // A trunk written before a fixed shape stands alone: "1-212-555-0100", "1 (212) …"
                // ("1990 010 1234" is a year and more).
                lens[0] == trunk.len() && shapes.iter().any(|s| s[..] == lens[1..])
            }
            Shapes::None => false,
        };
        return ok.then_some(kind);
    }
    let Shapes::Listed(shapes) = &plan.bare else { return None };
    if !shapes.iter().any(|s| s == lens) {
        return None;
    }
    match plan.kind(all) {
        (Kind::Fixed, _) if !groups[0].paren => None,
        kind => Some(kind),
    }
}

/// The phone numbers in `text` (lower-case, ASCII digits: the folded view), in text order.
pub(crate) fn find(text: &str) -> Vec<Phone> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts = c.is_ascii_digit() || (matches!(c, b'+' | b'(') && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts {
            i += 1;
            continue;
        }
        if !free_before(b, i) {
            i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            continue;
        }
        let (plus, groups, end) = scan(b, i);
        i = end.max(i + 1);
        if groups.is_empty() {
            continue;
        }
        let free_after = |at: usize| {
            let next = b.get(at).copied();
            let beyond = b.get(at + 1).is_some_and(u8::is_ascii_digit);
            !(next.is_some_and(|c| c.is_ascii_alphanumeric()) || (matches!(next, Some(b'-' | b'.' | b',' | b'/')) && beyond))
        };
        let lead = groups[0].range.start - usize::from(groups[0].paren) - usize::from(plus);
        let reference = {
            let mut from = lead.saturating_sub(24);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let window = &text[from..lead];
            REFERENCE_WORDS.iter().any(|w| window.contains(w))
        };
        if reference {
            continue;
        }
        // The whole run first, then shorter runs that a space cuts off at either end ("born 1990
        // 010 1234 5678", "010-1234-5678 3 times").
        let n = groups.len();
        'search: for s in 0..n {
            if s > 0 && groups[s].sep != b' ' {
                continue;
            }
            for e in (s + 1..=n).rev() {
                if e < n && groups[e].sep != b' ' {
                    continue;
                }
                let start = if s == 0 { lead } else { groups[s].range.start - usize::from(groups[s].paren) };
                let stop = groups[e - 1].range.end + usize::from(groups[e - 1].paren);
                if e == n && !free_after(stop) {
                    continue;
                }
                if let Some(national) = judge(text, plus && s == 0, &groups[s..e]) {
                    found.push(Phone { range: start..stop, national });
                    break 'search;
                }
            }
        }
    }
    found
}

/// The national significant number of a phone number written in a policy ("+82 2-1234-5678",
/// "1588-1234"): the number `find` would give, or its digits when it is a hotline.
pub(crate) fn national_digits(written: &str) -> String {
    let folded = written.trim();
    find(folded).into_iter().next().map_or_else(|| folded.chars().filter(char::is_ascii_digit).collect(), |p| p.national)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|p| &text[p.range]).collect()
    }

    #[test]
    fn international_and_national_formats_of_ten_countries() {
        for number in [
            "+44 7700 900123", "+81 90-1234-5678", "+49 151 23456789", "+33 6 12 34 56 78", "+61 412 345 678", "+91 98765 43210",
            "+55 11 91234-5678", "+86 138 0013 8000", "+82 10-1234-5678", "+1 (212) 555-0100", "+44 (0)20 7946 0000", "+821012345678",
            "010-1234-5678", "01012345678", "02-123-4567", "(212) 555-0100", "07700 900123", "020 7946 0000", "0151 23456789",
            "030 12345678", "06 12 34 56 78", "0412 345 678", "(02) 9876 5432", "090-1234-5678", "03-1234-5678", "98765 43210",
            "(11) 91234-5678", "(11) 3456-7890", "138 0013 8000", "1-212-555-0100",
        ] {
            assert_eq!(found(&format!("call {number} today")), [number], "{number}");
        }
    }

    #[test]
    fn hotlines_dates_times_prices_versions_and_references_are_not_phones() {
        for text in [
            "1588-1234", "080-123-4567", "1-800-555-0199", "+44 800 123 4567", "0120-123-456", "2026-06-01", "06.01.2026 10:30",
            "01 02 2024", "2019-2024", "1,234,567", "v2.10.1234", "10.20.30.40", "order 0412 345 678", "#0412 345 678",
            "주문번호 010-1234-5678", "123-456-7890", "11 3456-7890", "+999 1234 5678", "0.12.3456", "12345 67890", "2221 0012 3412 3456",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn a_number_cut_off_by_spaces_is_found_inside_a_longer_run() {
        assert_eq!(found("010-1234-5678 3 times"), ["010-1234-5678"]);
        assert_eq!(found("born 1990 010 1234 5678"), ["010 1234 5678"]);
    }

    #[test]
    fn the_policys_numbers_compare_by_national_number() {
        assert_eq!(national_digits("+82 2-1234-5678"), national_digits("02-1234-5678"));
        assert_eq!(national_digits("1588-1234"), "15881234");
    }
}
