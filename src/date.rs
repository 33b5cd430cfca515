//! Calendar dates (`YYYY-MM-DD`) for quiet periods; no time zones, no dependencies.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The date as Korean writes it: 2027년 1월 25일.
    pub fn korean(&self) -> String {
        format!("{}년 {}월 {}일", self.year, self.month, self.day)
    }

    /// The date as English prose writes it: January 25, 2027.
    pub fn english(&self) -> String {
        const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        format!("{} {}, {}", MONTHS[usize::from(self.month) - 1], self.day, self.year)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<u16>().ok();
        if !text.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
            return None;
        }
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// The date `days` after 1970-01-01 (for "today" from the system clock).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a date (YYYY-MM-DD)", |text| Date::parse(text).ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)")))
    }
}

/// Reads a string through `parse`, refusing it inside serde's visitor: serde_json places an error
/// made there just after the string, so that the error's path names the field (`policy::jsonc::path_at`). An
/// error made once the string is read would be placed after the object or list around it.
pub(crate) fn parse_str<'de, D: serde::Deserializer<'de>, T>(d: D, expecting: &'static str, parse: fn(&str) -> Result<T, String>) -> Result<T, D::Error> {
    struct Parse<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> serde::de::Visitor<'_> for Parse<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.parse)(text).map_err(E::custom)
        }
    }
    d.deserialize_str(Parse { expecting, parse })
}

#[cfg(feature = "cli")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2026-12-20").unwrap().to_string(), "2026-12-20");
        assert!(Date::parse("2028-02-29").is_some());
        for bad in ["2027-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "20261220", "2026-12-2x", "+026-12-20"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn unix_days_convert_to_civil_dates() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_414).to_string(), "2025-11-22");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
    }
}
