//! Reading a policy's text: JSON with `//` and `/* */` comments, whose errors name the line, the
//! column and the field at fault.

use super::{Policy, PolicyError, RuleCodes, MAX_POLICY_BYTES};
use serde::de::DeserializeSeed;

/// Reads a policy from `text` (comments allowed), naming its rule levels by `codes`. Returns the
/// policy and the text with its comments blanked, read once for the layer that keeps it.
pub(super) fn read(text: &str, codes: RuleCodes) -> Result<(Policy, String), PolicyError> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyError {
            path: String::new(),
            line: 1,
            column: 1,
            message: format!("policy is {} bytes; the limit is {MAX_POLICY_BYTES}", text.len()),
        });
    }
    let json = strip_comments(text);
    // serde would fill a struct from an array by position; a policy names its fields.
    if let Some(at) = json.find(|c: char| !c.is_whitespace()).filter(|&at| !json[at..].starts_with('{')) {
        let (line, column) = line_column(&json, at);
        return Err(PolicyError { path: String::new(), line, column, message: "a policy is a JSON object: { … }".into() });
    }
    let mut de = serde_json::Deserializer::from_str(&json);
    let policy = codes.deserialize(&mut de).map_err(|e| PolicyError {
        // serde_json places a refused value where it starts or just after it, and unexpected
        // text ("[" where a level belongs) just after its first character, not yet read.
        path: path_at(&json, offset(&json, e.line(), e.column()).saturating_sub(usize::from(e.is_syntax()))),
        line: e.line(),
        // serde_json counts column 0 when the text ends at the start of a line; ours are 1-based.
        column: e.column().max(1),
        message: clean_message(&e.to_string()),
    })?;
    de.end().map_err(|e| PolicyError {
        path: String::new(),
        line: e.line(),
        column: e.column().max(1),
        message: clean_message(&e.to_string()),
    })?;
    Ok((policy, json))
}

/// The byte of `text` at serde_json's 1-based `line` and `column` (columns count bytes from 0 at
/// the start of a line, where serde_json says the error is).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    (line_start + column).min(text.len())
}

/// The path of the value that `json` (comments blanked) is inside at byte `at`, as a policy error
/// names it: `organization.names[2]`, or empty at the top. serde_json says where it refused a value
/// (where it starts, just after it, or after a key it did not know), so the keys and indexes still
/// open there are the value's path. A skim, not a parse: serde_json has read the text up to `at`.
fn path_at(json: &str, at: usize) -> String {
    enum Open<'a> {
        Object(Option<&'a str>),
        Array(usize),
    }
    let bytes = json.as_bytes();
    let mut open = Vec::new();
    let mut i = 0;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // A string where an object expects a key is its key (a key's value leaves it set).
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    *key = Some(&json[start..i.min(bytes.len())]);
                }
            }
            b'{' => open.push(Open::Object(None)),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' => drop(open.pop()),
            b',' => match open.last_mut() {
                Some(Open::Object(key)) => *key = None,
                Some(Open::Array(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for segment in &open {
        match segment {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                // An escaped key is named as it reads, not as written ("a\"b" is a"b).
                match key.contains('\\') {
                    true => path.push_str(&serde_json::from_str::<String>(&format!("\"{key}\"")).unwrap_or_else(|_| key.to_string())),
                    false => path.push_str(key),
                }
            }
            Open::Object(None) => {}
            Open::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The 1-based line and column of byte `at` of `text` (columns count bytes, as serde_json's do).
pub(super) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
    (line, column)
}

/// Where custom rule `index`'s `field` (or, failing that, the rule itself) starts in the policy's
/// JSON text `json` (comments blanked), for a warning that names a line; 0 if it is not found.
pub(super) fn custom_rule_site(json: &str, index: usize, field: &str) -> usize {
    let bytes = json.as_bytes();
    // Skims the JSON: strings are skipped whole, so brackets and keys inside them do not count.
    // Depth 1 is the policy, 2 the list of rules, 3 a rule's fields.
    let (mut depth, mut in_rules, mut rule, mut rule_start, mut expect_rule) = (0usize, false, 0usize, None, false);
    let mut last_string = (0, 0);
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if expect_rule && !byte.is_ascii_whitespace() {
            expect_rule = false;
            if rule == index {
                rule_start = Some(at);
            }
        }
        match byte {
            b'"' => {
                let start = at + 1;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                last_string = (start, at.min(bytes.len()));
            }
            b':' => {
                let key = &json[last_string.0..last_string.1];
                if depth == 1 {
                    in_rules = key == "custom_rules";
                } else if in_rules && depth == 3 && rule == index && key == field {
                    return at + 1 + json[at + 1..].len() - json[at + 1..].trim_start().len();
                }
            }
            b'{' | b'[' => {
                depth += 1;
                expect_rule |= in_rules && depth == 2;
            }
            b'}' | b']' => {
                if in_rules && depth == 2 {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if in_rules && depth == 2 => {
                if rule == index {
                    break;
                }
                rule += 1;
                expect_rule = true;
            }
            _ => {}
        }
        at += 1;
    }
    rule_start.unwrap_or(0)
}

/// serde_json appends " at line L column C"; the error carries those as fields already.
fn clean_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// Blanks out `//` and `/* */` comments, keeping every newline so that error positions stay true.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                out.push(' ');
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                    out.push(' ');
                }
            }
            ('/', Some('*')) => {
                chars.next();
                out.push_str("  ");
                let mut last = ' ';
                for c in chars.by_ref() {
                    out.push(if c == '\n' { '\n' } else { ' ' });
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_rule_sites_skip_brackets_commas_and_quotes_inside_strings() {
        let json = r#"{"rules": {}, "x": ["custom_rules", {"a": 1}], "custom_rules": [ {"id": "A", "pattern": "[,\"{]", "message": "}]"}, 7 , {"message": "m", "pattern": "(b"}], "z": {"pattern": 1}}"#;
        let site = |index, field| &json[custom_rule_site(json, index, field)..][..4];
        assert_eq!(site(0, "pattern"), r#""[,\"#);
        assert_eq!(site(1, "pattern"), "7 , ", "a rule that is not an object: the rule itself");
        assert_eq!(site(2, "pattern"), r#""(b""#);
        assert_eq!(site(2, ""), r#"{"me"#);
        assert_eq!(custom_rule_site(json, 3, "pattern"), 0, "no such rule");
    }

    #[test]
    fn comments_are_blanked_without_moving_lines() {
        let text = "{ // note\n \"a\": \"x//y\" /* c\n d */ }";
        let stripped = strip_comments(text);
        assert_eq!(stripped.lines().count(), text.lines().count());
        assert!(stripped.contains("\"x//y\""));
        assert!(!stripped.contains("note"));
    }
}
