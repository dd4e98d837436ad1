//! Dates in news text: "8 February 2024", "February 8, 2024", "8 февраля 2024",
//! "8.02.2024", "2024-02-08", "3rd March, 2024", day-month without a year, and
//! relative days ("today", "on Friday") against an anchor date.

use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// A date whose year may be unknown (FACTS.md allows `--MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl PartialDate {
    pub fn full(d: Date) -> Self {
        PartialDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.day(),
        }
    }

    /// The civil date when the year is known and the day exists.
    pub fn to_date(self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }

    /// Fills a missing year from `anchor`: the latest such day not after it,
    /// because news reports what happened, mostly days before publication.
    pub fn with_year_from(self, anchor: Option<Date>) -> Self {
        match (self.year, anchor) {
            (None, Some(a)) => {
                let same = Date::new(a.year(), self.month, self.day).ok();
                let year = match same {
                    Some(d) if d <= a.saturating_add(jiff::Span::new().days(7)) => a.year(),
                    _ => a.year() - 1,
                };
                PartialDate {
                    year: Some(year),
                    ..self
                }
            }
            _ => self,
        }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// A date found in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

const EN_MONTHS: [&[&str]; 12] = [
    &["January", "Jan"],
    &["February", "Feb"],
    &["March", "Mar"],
    &["April", "Apr"],
    &["May"],
    &["June", "Jun"],
    &["July", "Jul"],
    &["August", "Aug"],
    &["September", "Sept", "Sep"],
    &["October", "Oct"],
    &["November", "Nov"],
    &["December", "Dec"],
];
const RU_MONTHS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

/// The month an English month name (full or short, any case) stands for, 1-based.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    EN_MONTHS
        .iter()
        .position(|names| names.iter().any(|n| n.eq_ignore_ascii_case(w)))
        .map(|i| i as u8 + 1)
}

fn month_alternation() -> String {
    let mut v: Vec<String> = Vec::new();
    for names in EN_MONTHS {
        for n in names {
            v.push(n.to_string());
            v.push(n.to_uppercase());
        }
    }
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.join("|")
}

static EN_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m})\b\.?(?:,?\s+(\d{{4}})\b)?",
        m = month_alternation()
    ))
    .expect("date regex")
});
static EN_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({m})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:(?:,?\s+|/\s*)(\d{{4}})\b)?",
        m = month_alternation()
    ))
    .expect("date regex")
});
static RU_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])(?:\s+(\d{4}))?")
        .expect("date regex")
});
/// Month names of the other languages datelines keep in English-language pages (Spanish,
/// Portuguese, French, Italian, German), each with its month number.
const OTHER_MONTHS: &[(&str, i8)] = &[
    ("enero", 1),
    ("janeiro", 1),
    ("janvier", 1),
    ("gennaio", 1),
    ("januar", 1),
    ("febrero", 2),
    ("fevereiro", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febbraio", 2),
    ("februar", 2),
    ("marzo", 3),
    ("março", 3),
    ("mars", 3),
    ("märz", 3),
    ("abril", 4),
    ("avril", 4),
    ("aprile", 4),
    ("mayo", 5),
    ("maio", 5),
    ("mai", 5),
    ("maggio", 5),
    ("junio", 6),
    ("junho", 6),
    ("juin", 6),
    ("giugno", 6),
    ("juni", 6),
    ("julio", 7),
    ("julho", 7),
    ("juillet", 7),
    ("luglio", 7),
    ("juli", 7),
    ("agosto", 8),
    ("août", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("septembre", 9),
    ("settembre", 9),
    ("octubre", 10),
    ("outubro", 10),
    ("octobre", 10),
    ("ottobre", 10),
    ("oktober", 10),
    ("noviembre", 11),
    ("novembro", 11),
    ("novembre", 11),
    ("diciembre", 12),
    ("dezembro", 12),
    ("décembre", 12),
    ("dicembre", 12),
];

fn other_month(s: &str) -> Option<i8> {
    let s = s.to_lowercase();
    OTHER_MONTHS.iter().find(|(n, _)| *n == s).map(|&(_, m)| m)
}

static OTHER_DMY: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = OTHER_MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // "14 de noviembre de 2024", "1er juillet 2025", "1º de maio", "14. Oktober 2024".
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?({})\b(?:,?\s+(?:de\s+|del\s+)?(\d{{4}})\b)?",
        names.join("|")
    ))
    .expect("date regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    // ISO, and day.month.year with dots, slashes or dashes ("15/01/2025 04:52 PM"): world
    // press writes the day first.
    Regex::new(r"\b(?:(\d{4})-(\d{2})-(\d{2})(?:T|\b)|(\d{1,2})(?:\.(\d{1,2})\.|/(\d{1,2})/|-(\d{1,2})-)(\d{4})\b)")
        .expect("date regex")
});

static GLUED_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{1,2}:\d{2}(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("date regex")
});

fn en_month(s: &str) -> Option<i8> {
    let s = s.trim_end_matches('.');
    EN_MONTHS
        .iter()
        .position(|names| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
        .map(|i| i as i8 + 1)
}

fn ru_month(s: &str) -> Option<i8> {
    let s = s.to_lowercase();
    // "ма" (май/мая) is a prefix of nothing else in the list but must be checked last.
    let mut best = None;
    for (i, p) in RU_MONTHS.iter().enumerate() {
        if s.starts_with(p) && best.is_none_or(|(_, l)| p.len() > l) {
            best = Some((i as i8 + 1, p.len()));
        }
    }
    best.map(|(m, _)| m)
}

fn make(year: Option<&str>, month: i8, day: &str) -> Option<PartialDate> {
    let day: i8 = day.parse().ok()?;
    let year: Option<i16> = match year {
        Some(y) => Some(y.parse().ok()?),
        None => None,
    };
    if let Some(y) = year {
        if !(1900..=2100).contains(&y) {
            return None;
        }
        Date::new(y, month, day).ok()?;
    } else {
        Date::new(2024, month, day).ok()?; // leap year: accepts Feb 29
    }
    Some(PartialDate { year, month, day })
}

/// Every absolute date in `s`, in text order, overlapping matches removed.
pub fn find_dates(s: &str) -> Vec<DateHit> {
    let mut hits = Vec::new();
    // Word-month patterns: the regex, its day and month groups, the month reader.
    type MonthOf = fn(&str) -> Option<i8>;
    let word_months: [(&Regex, usize, usize, MonthOf); 4] = [
        (&EN_DMY, 1, 2, en_month),
        (&EN_MDY, 2, 1, en_month),
        (&RU_DMY, 1, 2, ru_month),
        (&OTHER_DMY, 1, 2, other_month),
    ];
    for (re, day, month, month_of) in word_months {
        for c in re.captures_iter(s) {
            let (Some(m0), Some(mon)) = (c.get(0), month_of(&c[month])) else {
                continue;
            };
            // Spanish, Portuguese, French and Italian write months in lower case; a capitalised
            // one without a year names a place: "4 de Fevereiro International Airport".
            if std::ptr::eq(re, &*OTHER_DMY)
                && c[month].starts_with(char::is_uppercase)
                && c.get(3).is_none()
            {
                continue;
            }
            // ("May 2024" is a year, not a day: the day group needs 1-2 digits.)
            if let Some(d) = make(c.get(3).map(|m| m.as_str()), mon, &c[day]) {
                hits.push(DateHit {
                    start: m0.start(),
                    end: m0.end(),
                    date: d,
                });
            }
        }
    }
    for c in NUMERIC.captures_iter(s) {
        let Some(m0) = c.get(0) else { continue };
        let d = if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
            m.as_str()
                .parse()
                .ok()
                .and_then(|m| make(Some(y.as_str()), m, d.as_str()))
        } else if let (Some(d), Some(m), Some(y)) =
            (c.get(4), c.get(5).or(c.get(6)).or(c.get(7)), c.get(8))
        {
            // Day first, as the world's press writes it; "05/25/2023" can only be US order.
            m.as_str()
                .parse()
                .ok()
                .and_then(|m| make(Some(y.as_str()), m, d.as_str()))
                .or_else(|| {
                    let us_month: i8 = d.as_str().parse().ok()?;
                    make(Some(y.as_str()), us_month, m.as_str())
                })
        } else {
            None
        };
        if let Some(d) = d {
            hits.push(DateHit {
                start: m0.start(),
                end: m0.end(),
                date: d,
            });
        }
    }
    // "11:2318.09.2024": a page clock glued to the day it stamps.
    for c in GLUED_CLOCK.captures_iter(s) {
        let (Some(m0), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        if let Some(date) = m
            .as_str()
            .parse()
            .ok()
            .and_then(|m| make(Some(y.as_str()), m, d.as_str()))
        {
            hits.push(DateHit {
                start: d.start(),
                end: m0.end(),
                date,
            });
        }
    }
    // Prefer the longest match where two overlap ("8 February 2024" over "February 2024"...).
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<DateHit> = Vec::new();
    for h in hits {
        if let Some(last) = out.last() {
            if h.start < last.end {
                continue;
            }
        }
        out.push(h);
    }
    out
}

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(today|this morning|this afternoon|this evening|tonight|yesterday|the day before|(?:on |last |this |late on |early on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
        .expect("relative date regex")
});

/// A relative day in `s` resolved against `anchor` (the article's date).
pub fn find_relative(s: &str, anchor: Date) -> Option<(usize, usize, Date)> {
    let c = RELATIVE.captures(s)?;
    let m = c.get(0)?;
    let word = m.as_str().to_lowercase();
    let date = if let Some(wd) = c.get(2) {
        let target = match wd.as_str().to_lowercase().as_str() {
            "monday" => Weekday::Monday,
            "tuesday" => Weekday::Tuesday,
            "wednesday" => Weekday::Wednesday,
            "thursday" => Weekday::Thursday,
            "friday" => Weekday::Friday,
            "saturday" => Weekday::Saturday,
            _ => Weekday::Sunday,
        };
        // The latest such weekday on or before the article's date.
        let back = (anchor.weekday().to_monday_zero_offset() - target.to_monday_zero_offset())
            .rem_euclid(7);
        anchor
            .checked_sub(jiff::Span::new().days(back as i64))
            .ok()?
    } else if word.starts_with("yesterday") || word.starts_with("the day before") {
        anchor.checked_sub(jiff::Span::new().days(1)).ok()?
    } else {
        anchor
    };
    Some((m.start(), m.end(), date))
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("year regex"));

/// Four-digit years (1950-2099) in `s` with their byte offsets.
pub fn find_years(s: &str) -> Vec<(usize, i16)> {
    YEAR.captures_iter(s)
        .filter_map(|c| {
            let m = c.get(1)?;
            Some((m.start(), m.as_str().parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> String {
        find_dates(s)
            .first()
            .map(|h| h.date.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn english_formats() {
        assert_eq!(one("On 8 February 2024, talks were held"), "2024-02-08");
        assert_eq!(one("WASHINGTON, March 3, 2023 - The"), "2023-03-03");
        assert_eq!(one("Abu Dhabi, 3rd March, 2024 (WAM) --"), "2024-03-03");
        assert_eq!(one("New Delhi, June 28 (IANS)"), "--06-28");
        assert_eq!(one("on Sept. 14 the ministers"), "--09-14");
        assert_eq!(one("the 21st of October 2022"), "2022-10-21");
    }

    #[test]
    fn russian_and_numeric() {
        assert_eq!(one("8 февраля 2024"), "2024-02-08");
        assert_eq!(one("15 марта 2024 г."), "2024-03-15");
        assert_eq!(one("Tashkent, 8.02.2024"), "2024-02-08");
        assert_eq!(one("published 2024-11-05T10:00"), "2024-11-05");
        assert_eq!(one("15/01/2025 04:52 PM"), "2025-01-15");
        assert_eq!(one("Updated: 03-06-2024"), "2024-06-03");
        // A month that cannot be one is the US order.
        assert_eq!(one("05/25/2023 | Press release"), "2023-05-25");
        // "January 10/2019", "December 25/ 2019" (agency datelines).
        assert_eq!(one("ENA January 10/2019 Prime Minister"), "2019-01-10");
        // A page clock glued to its day.
        assert_eq!(one("11:2318.09.2024"), "2024-09-18");
        assert_eq!(one("Addis Ababa December 25/ 2019 Prime"), "2019-12-25");
    }

    #[test]
    fn spanish_portuguese_french_german_months() {
        let d = |s: &str| find_dates(s).first().map(|h| h.date.to_string());
        assert_eq!(
            d("Buenos Aires, 14 de noviembre de 2024 -").as_deref(),
            Some("2024-11-14")
        );
        assert_eq!(
            d("Brasília, 3 de março de 2025").as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(
            d("Dakar, le 1er juillet 2025").as_deref(),
            Some("2025-07-01")
        );
        assert_eq!(d("Berlin, 14. Oktober 2024").as_deref(), Some("2024-10-14"));
        assert_eq!(d("Roma, 5 dicembre").as_deref(), Some("--12-05"));
        assert_eq!(
            d("welcomed at the 4 de Fevereiro International Airport"),
            None
        );
        // A name that shares letters with a month is not a date.
        assert_eq!(d("met 14 Marco Rubio"), None);
    }

    #[test]
    fn rejects_impossible_days_and_bare_years() {
        assert_eq!(one("31 February 2024"), "");
        assert_eq!(one("in May 2024 the sides"), "");
        assert_eq!(one("1.5 billion"), "");
    }

    #[test]
    fn relative_days_against_the_article_date() {
        let anchor: Date = "2024-03-08".parse().unwrap(); // a Friday
        assert_eq!(
            find_relative("talks held today in Doha", anchor).unwrap().2,
            anchor
        );
        assert_eq!(
            find_relative("met on Wednesday", anchor)
                .unwrap()
                .2
                .to_string(),
            "2024-03-06"
        );
        assert_eq!(find_relative("Friday night", anchor).unwrap().2, anchor);
        assert_eq!(
            find_relative("yesterday", anchor).unwrap().2.to_string(),
            "2024-03-07"
        );
        assert!(find_relative("no day here", anchor).is_none());
    }

    #[test]
    fn missing_year_comes_from_the_anchor() {
        let d = PartialDate {
            year: None,
            month: 12,
            day: 30,
        };
        let anchor: Date = "2024-01-03".parse().unwrap();
        assert_eq!(d.with_year_from(Some(anchor)).to_string(), "2023-12-30");
        assert_eq!(d.with_year_from(None).to_string(), "--12-30");
    }
}
