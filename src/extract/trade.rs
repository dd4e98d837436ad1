//! Bilateral trade turnover in US dollars: amounts ("$1.5bn", "USD 10
//! billion", "ten billion dollars"), whether reached, expected or targeted,
//! and the year. One-way exports, investment, loans, deal values and other
//! currencies are not turnover.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// Byte range of the amount in the text it was found in.
    pub start: usize,
    pub end: usize,
    pub usd: f64,
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("half a", 0.5),
];

static DOLLAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:US\s?\$|\$|\bUSD|\bUS dollars?)\s?(\d{1,3}(?:[,\s]\d{3})+\b|\d+,\d{1,2}\b|\d+(?:\.\d+)?)(?:\s*(trillion|billion|bln|bn|million|mln|mn|thousand|tn|m|b|k)\b)?").expect("money regex")
});
static DOLLAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}(?:,\d{3})+\b|\d+,\d{1,2}\b|\d+(?:\.\d+)?)\s*(trillion|billion|bln|bn|million|mln|mn|thousand)?\s*(?:US\s|U\.S\.\s|American\s)?(?:dollars|USD)\b").expect("money regex")
});
static WORDS_DOLLARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(half a|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\s+(trillion|billion|million)\s+(?:US\s)?dollars\b").expect("money regex")
});

fn scale(unit: Option<&str>) -> f64 {
    match unit.map(str::to_lowercase).as_deref() {
        Some("trillion" | "tn") => 1e12,
        Some("billion" | "bln" | "bn" | "b") => 1e9,
        Some("million" | "mln" | "mn" | "m") => 1e6,
        Some("thousand" | "k") => 1e3,
        _ => 1.0,
    }
}

fn number(s: &str) -> Option<f64> {
    // "63,4" (one or two digits after a comma) is a decimal comma; "5,000" groups thousands.
    let decimal_comma = s
        .rsplit_once(',')
        .is_some_and(|(_, t)| (1..=2).contains(&t.len()) && !s.contains('.'));
    let cleaned: String = if decimal_comma {
        s.chars()
            .map(|c| if c == ',' { '.' } else { c })
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect()
    } else {
        s.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect()
    };
    cleaned.parse().ok()
}

/// "1 billion 455 million US dollars", "one thousand 185 million dollars".
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(billion|thousand)\s+(\d+(?:[.,]\d+)?)\s+million\s+(?:US\s|U\.S\.\s)?dollars\b").expect("money regex")
});

/// Every US-dollar amount in `s`.
pub fn amounts(s: &str) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    for c in COMPOUND.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        let w = c[1].to_lowercase();
        let head = w
            .parse::<f64>()
            .ok()
            .or_else(|| NUMBER_WORDS.iter().find(|(k, _)| *k == w).map(|&(_, n)| n));
        let (Some(head), Some(millions)) = (head, number(&c[3])) else {
            continue;
        };
        let usd = if c[2].eq_ignore_ascii_case("billion") {
            head * 1e9 + millions * 1e6
        } else {
            (head * 1000.0 + millions) * 1e6
        };
        out.push(Amount {
            start: m.start(),
            end: m.end(),
            usd,
        });
    }
    for c in DOLLAR_FIRST.captures_iter(s) {
        let (Some(m), Some(n)) = (c.get(0), number(&c[1])) else {
            continue;
        };
        if out.iter().any(|a| a.start < m.end() && m.start() < a.end) {
            continue;
        }
        out.push(Amount {
            start: m.start(),
            end: m.end(),
            usd: n * scale(c.get(2).map(|u| u.as_str())),
        });
    }
    for c in DOLLAR_AFTER.captures_iter(s) {
        let (Some(m), Some(n)) = (c.get(0), number(&c[1])) else {
            continue;
        };
        if out.iter().any(|a| a.start < m.end() && m.start() < a.end) {
            continue;
        }
        out.push(Amount {
            start: m.start(),
            end: m.end(),
            usd: n * scale(c.get(2).map(|u| u.as_str())),
        });
    }
    for c in WORDS_DOLLARS.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        if out.iter().any(|a| a.start < m.end() && m.start() < a.end) {
            continue;
        }
        let w = c[1].to_lowercase();
        let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(k, _)| *k == w) else {
            continue;
        };
        out.push(Amount {
            start: m.start(),
            end: m.end(),
            usd: n * scale(Some(&c[2])),
        });
    }
    out.sort_by_key(|a| a.start);
    out
}

static TRADE_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:trade|turnover|commerce|товарооборот)\b").expect("re"));
static NOT_TURNOVER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btrade (?:company|companies|contracts?|deals?|mission|fair|house|centers?|centres?|zone|representation|office|union|route|corridors?|agreement|policy|barriers?|war|finance|financing|credit)\b").expect("re")
});
/// Words right before an amount that make it something other than turnover.
static NOT_TURNOVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:worth|investments?|invest(?:ed|ing)?|loans?|credits?|credit line|grants?|aid|assistance|deals?|projects?|portfolio|exports?|exported|imports?|imported|budget|funds?|funding|financing|subsid\w*|debt|capital|valued|value of|cost|contracts?|tenders?|revenue|profit|GDP|reserves)\b").expect("re")
});
static ANAPHORA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this|that|the) (?:indicator|figure|volume|level|amount|mark|benchmark|number)\b|\b(?:bring|bringing|increase|increasing|raise|raising|grow|growing|take|taking|double|doubling|lift|lifting|boost|boosting)s? (?:it|this|that)\b").expect("re")
});
static EXPECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:expected|forecasts?|forecasted|projected|estimated to|anticipated|likely|is set to|on track to|will (?:reach|exceed|amount|total|surpass|top))\b").expect("re")
});
static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:to bring|bring (?:this|it|the|bilateral|mutual)|bringing|to reach|reaching|to increase|to raise|to boost|to double|raising|increasing|boosting|doubling|to enhance|enhance it|could reach|would reach|reaches|set (?:a|the) goal|the wish|to triple|to expand|to elevate|elevate|to lift|to grow|grow it|target(?:s|ed)?|goal|aim(?:s|ed)? (?:at|to)|task|plan(?:s|ned)? to|intend|seek(?:s|ing)? to|strive|need to|must|should|ambition|objective|directed|instructed|agreed to (?:bring|increase|raise|double))\b").expect("re")
});
static LAST_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:last|past|previous) year\b").expect("re"));
static THIS_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:this|the current|current) year\b").expect("re"));

static MULTILATERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:three|four|five|six|seven|eight|nine|ten|member) (?:countries|states|nations)\b|\btrilateral\b|\bintra-\w+ trade\b|\bglobal trade\b|\bworld trade\b|\bwith the (?:world|rest of the world)\b").expect("re")
});

/// Does the sentence speak of trade turnover (not trade companies or deals)?
pub fn is_trade_sentence(s: &str) -> bool {
    if MULTILATERAL.is_match(s) {
        return false;
    }
    TRADE_CUE.find_iter(s).any(|m| {
        let rest = &s[m.start()..];
        !NOT_TURNOVER_CUE.find(rest).is_some_and(|n| n.start() == 0)
    })
}

/// Does the sentence refer back to the previous figure ("this indicator")?
pub fn refers_back(s: &str) -> bool {
    ANAPHORA.is_match(s)
}

/// Is the amount at `a` in `s` something other than turnover?
pub fn excluded(s: &str, a: &Amount) -> bool {
    // Look at the few words before the amount, back to the previous trade cue.
    let before = &s[..a.start];
    let from = TRADE_CUE
        .find_iter(before)
        .last()
        .map(|m| m.end())
        .unwrap_or(0);
    let window_start = before.len().saturating_sub(60).max(from);
    let window_start = (0..=window_start)
        .rev()
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(0);
    // "trade ... was valued at": the copula makes the trade the thing valued.
    NOT_TURNOVER.find_iter(&before[window_start..]).any(|m| {
        let w = m.as_str().to_lowercase();
        let pre = before[window_start..window_start + m.start()]
            .trim_end()
            .to_lowercase();
        !(w == "valued"
            && ["was", "is", "were", "are", "been"]
                .iter()
                .any(|c| pre.ends_with(c)))
    })
}

/// actual / expected / target, from the words of the clause around the amount.
pub fn kind(s: &str, a: &Amount) -> &'static str {
    let clause_start = s[..a.start].rfind(['.', ';']).map(|i| i + 1).unwrap_or(0);
    // "a $5 billion target", "$3bn by 2027": a few words after the amount count too.
    let tail_end = (a.end..=s.len().min(a.end + 24))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(a.end);
    let tail = &s[a.end..tail_end];
    let tail = tail.split([',', ';']).next().unwrap_or("");
    if TARGET.is_match(tail)
        || BY_YEAR.captures(tail).is_some_and(|c| {
            !c[0].to_lowercase().contains(" in ")
                && !c[0].trim_start().to_lowercase().starts_with("in ")
        })
    {
        return if EXPECTED.is_match(&s[clause_start..a.end]) {
            "expected"
        } else {
            "target"
        };
    }
    let clause = &s[clause_start..a.end];
    if EXPECTED.is_match(clause) {
        "expected"
    } else if TARGET.is_match(clause) {
        "target"
    } else {
        "actual"
    }
}

static BY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\w+\s+){0,2}?(?:by|until|till|in)\s+(?:the\s+end\s+of\s+)?(?:the\s+year\s+)?(20\d\d)\b").expect("re")
});
static FISCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:FY|fiscal(?: year)?|financial year)\s*$").expect("re"));

/// The year a figure refers to. A year right after the amount ("$1.2bn in 2023",
/// "$3bn by 2027") wins; then the nearest year before it in the same clause; then
/// "last/this year" against the article's year. Fiscal years are left alone, and a
/// target without its own year gets none.
pub fn year(s: &str, a: &Amount, doc_year: Option<i16>, kind: &str) -> Option<i16> {
    // "... $1 billion by 2026", up to the end of the amount's clause: a later target's
    // year is not this figure's.
    let tail = &s[a.end..];
    let clause_end = [",", ";", " while ", " whereas "]
        .iter()
        .filter_map(|p| tail.find(p))
        .min()
        .unwrap_or(tail.len());
    if let Some(c) = BY_YEAR.captures(&tail[..clause_end]) {
        return c[1].parse().ok();
    }
    if kind == "target" {
        return None;
    }
    let clause_start = [", while", "; ", ", whereas", ", and "]
        .iter()
        .filter_map(|p| s[..a.start].rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    let years: Vec<(usize, i16)> = crate::dates::find_years(s)
        .into_iter()
        .filter(|&(p, _)| !FISCAL.is_match(&s[..p]))
        .collect();
    let before = years
        .iter()
        .filter(|(p, _)| *p < a.start && *p >= clause_start)
        .last()
        .map(|(_, y)| *y);
    if let Some(y) = before {
        return Some(y);
    }
    let after = years
        .iter()
        .find(|(p, _)| *p >= a.end && *p <= a.end + clause_end)
        .map(|(_, y)| *y);
    let s = &s[clause_start..];
    if LAST_YEAR.is_match(s) {
        return doc_year.map(|y| y - 1);
    }
    if THIS_YEAR.is_match(s) {
        return doc_year;
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Vec<f64> {
        amounts(s).iter().map(|a| a.usd).collect()
    }

    #[test]
    fn money_formats() {
        assert_eq!(usd("reached $600 million"), vec![6e8]);
        assert_eq!(usd("$1.5bn and USD 10 billion"), vec![1.5e9, 1e10]);
        assert_eq!(usd("over $ 1 billion"), vec![1e9]);
        assert_eq!(usd("ten billion dollars"), vec![1e10]);
        assert_eq!(usd("$620.1 million"), vec![620.1e6]);
        assert_eq!(usd("US$2.3 bln"), vec![2.3e9]);
        assert_eq!(usd("1,200 million US dollars"), vec![1.2e9]);
        assert_eq!(usd("amounted to $ 63,4 mln"), vec![63.4e6]);
        assert!(usd("€500 million and 3 billion yuan").is_empty());
    }

    #[test]
    fn compound_amounts_in_translated_styles() {
        assert_eq!(
            usd("amounted to 1 billion 455 million US dollars"),
            vec![1.455e9]
        );
        assert_eq!(
            usd("reached one thousand 185 million dollars in 2023"),
            vec![1.185e9]
        );
    }

    #[test]
    fn raising_and_wishes_are_targets_and_a_valued_trade_is_turnover() {
        let s = "The two prime ministers agreed to work towards raising bilateral trade to $2 billion annually.";
        assert_eq!(kind(s, &amounts(s)[0]), "target");
        let s = "They expressed confidence that this figure could reach 500 million US dollars.";
        assert_eq!(kind(s, &amounts(s)[0]), "target");
        let s = "Trade between the two countries was valued at US$1.03 billion in 2023.";
        assert!(!excluded(s, &amounts(s)[0]));
        let s = "Trade grew, and a railway contract valued at $3 billion was signed.";
        assert!(excluded(s, &amounts(s)[0]));
    }

    #[test]
    fn kinds_of_figures() {
        let s = "Trade is expected to reach $4 billion this year.";
        assert_eq!(kind(s, &amounts(s)[0]), "expected");
        let s = "The leaders set the goal of bringing trade to $10 billion.";
        assert_eq!(kind(s, &amounts(s)[0]), "target");
        let s = "Bilateral trade reached $1.2 billion in 2023.";
        assert_eq!(kind(s, &amounts(s)[0]), "actual");
    }

    #[test]
    fn investment_and_exports_are_not_turnover() {
        let s = "Trade grew, and investment projects worth $2 billion were signed.";
        assert!(excluded(s, &amounts(s)[0]));
        let s = "Trade turnover reached $900 million.";
        assert!(!excluded(s, &amounts(s)[0]));
        assert!(!is_trade_sentence(
            "They agreed to set up a joint trade company."
        ));
    }

    #[test]
    fn years() {
        let s = "By the end of 2024, trade reached $620 million, up from 2023.";
        assert_eq!(year(s, &amounts(s)[0], None, "actual"), Some(2024));
        let s = "Last year trade amounted to $600 million.";
        assert_eq!(year(s, &amounts(s)[0], Some(2024), "actual"), Some(2023));
        let s =
            "Trade stood at $1.5bn in 2023, and the presidents want to grow it to $3bn by 2027.";
        let a = amounts(s);
        assert_eq!(year(s, &a[1], None, "target"), Some(2027));
        assert_eq!(kind(s, &a[1]), "target");
        let s = "Trade was $13 billion in FY 2023-24.";
        assert_eq!(year(s, &amounts(s)[0], None, "actual"), None);
    }
}
