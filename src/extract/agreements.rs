//! Signed or adopted documents, in prose ("the sides signed an agreement on
//! ...", "a protocol ... was signed") and in lists after a heading such as
//! "Signed documents:". Counts of unnamed documents give nothing.

use regex::Regex;
use std::sync::LazyLock;

/// Document type words, longest first, and the FACTS.md kind each gives.
const KINDS: &[(&str, &str)] = &[
    ("memorandum of understanding", "memorandum"),
    ("joint communique", "joint_statement"),
    ("joint communiqué", "joint_statement"),
    ("joint statement", "joint_statement"),
    ("final communique", "joint_statement"),
    ("final communiqué", "joint_statement"),
    ("communique", "joint_statement"),
    ("communiqué", "joint_statement"),
    ("addendum", "other"),
    ("joint declaration", "declaration"),
    ("action plan", "action_plan"),
    ("plan of action", "action_plan"),
    ("road map", "roadmap"),
    ("road-map", "roadmap"),
    ("roadmap", "roadmap"),
    ("memorandum", "memorandum"),
    ("mou", "memorandum"),
    ("agreement", "agreement"),
    ("accord", "agreement"),
    ("treaty", "treaty"),
    ("convention", "treaty"),
    ("protocol", "protocol"),
    ("programme", "program"),
    ("program", "program"),
    ("declaration", "declaration"),
    ("statement", "joint_statement"),
    ("schedule", "schedule"),
    ("contract", "contract"),
    ("plan", "plan"),
    ("charter", "other"),
    ("minutes", "other"),
    ("letter of intent", "other"),
];

/// The kind of the first document word in `s` (looked for within the first `within` words).
pub fn kind_of(s: &str, within: usize) -> Option<(&'static str, usize, usize)> {
    // Quotes become spaces of the same width (all are one or three bytes: pad to keep offsets).
    let lower: String = super::text::lower_keep_offsets(s)
        .chars()
        .map(|c| match c {
            '“' | '”' => '\u{2002}',
            '«' | '»' => '\u{a0}',
            '"' => ' ',
            c => c,
        })
        .collect();
    let words: Vec<(usize, &str)> = word_positions(&lower);
    for (wi, &(pos, _)) in words.iter().enumerate().take(within) {
        for (k, kind) in KINDS {
            if lower[pos..].starts_with(k)
                && crate::lexicon::on_word_boundary(&lower, pos, pos + k.len())
            {
                // "statement" alone is a document only as a joint one.
                if *k == "statement" && !(wi > 0 && words[wi - 1].1 == "joint") {
                    continue;
                }
                return Some((kind, pos, pos + k.len()));
            }
            // Plurals are not single documents.
        }
    }
    None
}

fn word_positions(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '-' {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push((st, &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(sign|signed|signing|documents?|adopted|package|agreements|inked|exchanged|concluded|following|among them|include[sd]?)\b").expect("re")
});

/// "... seven Memoranda of Understanding were exchanged. They are:": a heading whose
/// words are in the sentence before it.
pub fn is_list_heading_after(line: &str, before: &str) -> bool {
    let t = line.trim_end();
    is_list_heading(line)
        || (t.ends_with(':') && t.split_whitespace().count() <= 4 && LIST_HEADING.is_match(before))
}

/// Is this line the heading of a list of documents?
pub fn is_list_heading(line: &str) -> bool {
    let t = line.trim_end();
    (t.ends_with(':') || t.ends_with(":-")) && LIST_HEADING.is_match(t)
}

static SIGNED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:signed|exchanged|inked|initialled|initialed) by\b").expect("re")
});

static PLURAL_TOPICS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(agreements|memoranda of understanding|memorandums of understanding|mous|memoranda|protocols|programmes|programs) (?:on|in the fields? of) ((?:[a-z-]+ ){0,3}?[a-z-]+(?:, (?:[a-z-]+ ){0,3}?[a-z-]+)*,? and (?:[a-z-]+ ){0,3}?[a-z-]+?)( cooperation)?\b(?: and [^.;]{0,80}?)? (?:were|have been) (?:also )?(?:signed|exchanged|inked|concluded)").expect("re")
});

/// "Agreements on health, education and media cooperation were signed": a document per topic.
fn plural_topics(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in PLURAL_TOPICS.captures_iter(s) {
        let (Some(all), Some(head), Some(topics)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let Some(&(_, kind, singular)) = PLURALS
            .iter()
            .find(|(w, _, _)| head.as_str().eq_ignore_ascii_case(w))
        else {
            continue;
        };
        let tail = c.get(3).map_or("", |m| m.as_str());
        let list = topics
            .as_str()
            .replace(", and ", ", ")
            .replace(" and ", ", ");
        let parts: Vec<&str> = list
            .split(", ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 || parts.len() > 6 {
            continue;
        }
        for p in parts {
            out.push(Found {
                title: format!("{singular} on {p}{tail}"),
                kind,
                start: all.start(),
                end: all.end(),
                listed: true,
            });
        }
    }
    out
}

static NAME_SERIES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s(?:\p{Lu}[\p{L}-]*\s){1,3}and\s\p{Lu}").expect("re"));

static FOLLOWING_COLON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:the )?following(?: [a-z]+){0,3}\s*:").expect("re"));

/// "Documents signed: Agreement on A; Protocol on B; Roadmap for C." — items on one line.
pub fn inline_list(s: &str) -> Vec<Found> {
    let Some(colon) = s.find(':') else {
        return Vec::new();
    };
    if !is_list_heading(&s[..=colon]) || !s[colon..].contains(';') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = colon + 1;
    for part in s[colon + 1..].split(';') {
        if let Some(mut f) = from_list_item(part) {
            let lead = part.len() - part.trim_start().len();
            f.start = from + lead;
            f.end = (from + part.trim_end().len()).max(f.start);
            out.push(f);
        }
        from += part.len() + 1;
    }
    out
}

static SIGN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(signed|adopted|concluded|inked|approved|endorsed|issued|exchanged|the signing of|signing of|sign|among them(?: (?:were|are|is))?|among which(?: (?:were|are))?|among (?:the )?(?:signed |adopted )?(?:documents|agreements|instruments|texts|memoranda)(?: (?:signed|adopted|exchanged))?(?: (?:were|are))?|including|included|include|includes)\b").expect("re")
});
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:was|were|has been|have been|had been|is|are|being)\s+(?:also\s+|officially\s+|formally\s+)?(signed|adopted|concluded|inked|initialled|approved|exchanged)\b").expect("re")
});
static SIGNING_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:signed|signing|exchanged|exchange of|inked|witnessed|adopted|concluded)\b",
    )
    .expect("re")
});

/// The document is not (yet) signed here.
static NOT_SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:will|would|shall|to be|plan(?:s|ned)? to|agreed to|expected to|intend(?:s|ed)? to|ready to|aim(?:s|ed)? to|prepare|preparation|draft|negotiat\w*|is to|are to|could|may|might)\s+(?:\w+\s+){0,2}(?:sign|signed|adopt|adopted|conclude|concluded|ink|signing)\b|\bagreement (?:was|has been|had been) reached\b|\breached (?:an|the) agreement\b|\bno (?:memorandums|agreements)\b").expect("re")
});
/// A place or day after a title: " in Warsaw", " on Monday", " on 12 May".
static WHERE_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:in|at) (?:[A-Z][\p{L}'-]+)(?:\s|$)|\s(?:on|last|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month)\b|\son \d{1,2}(?:st|nd|rd|th)? [A-Z]|\son (?:January|February|March|April|May|June|July|August|September|October|November|December) \d")
        .expect("re")
});

/// Ends of a document title inside a sentence.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;.:!?()]|(?-i:\s[–—-]\s[a-z])|\s(?:in the presence|during|following|after|at the|by the|adopted at|issued at|published at|released at|which|that|who|as well as|was|were|has been|have been|had been|is|are|within the framework|on the sidelines|between the two (?:leaders|presidents|ministers)|and (?:a|an|the|also)\s|and\s(?:signed|adopted|agreed|discussed|held|witnessed|exchanged|reviewed|noted|welcomed|expressed|called|stressed|approved)|with the aim|aimed at|to\s(?:develop|strengthen|promote|expand|boost|enhance))\b").expect("re")
});

#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub title: String,
    pub kind: &'static str,
    /// Byte range of the title within the sentence.
    pub start: usize,
    pub end: usize,
    pub listed: bool,
}

fn clean_title(s: &str) -> String {
    // List numbering: "1. ", "2) ".
    let s = s.trim_start();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let s = if digits > 0 && digits <= 2 && s[digits..].starts_with(['.', ')', '-']) {
        &s[digits + 1..]
    } else {
        s
    };
    // Roman numerals: "ii. Memorandum ...".
    let s = match s.split_once(['.', ')']) {
        Some((n, rest))
            if !n.is_empty() && n.len() <= 4 && n.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) =>
        {
            rest
        }
        _ => s,
    };
    let t = s
        .trim()
        .trim_start_matches(|c: char| matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | ' '));
    // "– MoU on Cooperation in the Field of Education; and": the list's joining word.
    let t = t
        .trim_end()
        .strip_suffix(" and")
        .or_else(|| t.trim_end().strip_suffix(" or"))
        .unwrap_or(t)
        .trim_end_matches(|c: char| matches!(c, ';' | '.' | ',' | ' ' | ':'))
        .trim();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // Quotes around a name inside the title: signed the "Tashkent Declaration" on ...
    t.replace(['"', '“', '”'], "")
}

/// Plural type words a list heading may name, with the kind and the singular its items take.
const PLURALS: &[(&str, &str, &str)] = &[
    (
        "memoranda of understanding",
        "memorandum",
        "Memorandum of Understanding",
    ),
    (
        "memorandums of understanding",
        "memorandum",
        "Memorandum of Understanding",
    ),
    ("memoranda", "memorandum", "Memorandum"),
    ("memorandums", "memorandum", "Memorandum"),
    ("mous", "memorandum", "MoU"),
    ("agreements", "agreement", "Agreement"),
    ("treaties", "treaty", "Treaty"),
    ("protocols", "protocol", "Protocol"),
    ("programmes", "program", "Programme"),
    ("programs", "program", "Program"),
    ("conventions", "treaty", "Convention"),
];

/// The one document type a list heading names in the plural ("The agreements are on:",
/// "MoUs signed:"): its items may leave the type word out.
pub fn heading_kind(line: &str) -> Option<(&'static str, &'static str)> {
    let lower = line.to_lowercase();
    let found: Vec<(&'static str, &'static str)> = PLURALS
        .iter()
        .filter(|(w, _, _)| {
            lower
                .match_indices(w)
                .any(|(i, _)| crate::lexicon::on_word_boundary(&lower, i, i + w.len()))
        })
        .map(|&(_, kind, singular)| (kind, singular))
        .collect();
    // One type only: "agreements and memoranda were signed:" leaves the items' type open.
    let first = *found.first()?;
    found.iter().all(|f| f.0 == first.0).then_some(first)
}

/// An item of a list whose heading gave the type ("The agreements are on:" then
/// "- Cooperation in the Energy Sector"): the document is "Agreement on Cooperation in ...".
pub fn from_bare_item(item: &str, heading: (&'static str, &'static str)) -> Option<Found> {
    let title = clean_title(item);
    let n = title.split_whitespace().count();
    if n == 0 || n > 20 || !title.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let first = title.split_whitespace().next().unwrap_or("").to_lowercase();
    let title = if matches!(
        first.as_str(),
        "on" | "in" | "for" | "between" | "of" | "to"
    ) {
        format!("{} {}", heading.1, title)
    } else {
        format!("{} on {}", heading.1, title)
    };
    Some(Found {
        title,
        kind: heading.0,
        start: 0,
        end: item.len(),
        listed: true,
    })
}

/// A line of a list that lost its bullet: it starts with its type word (after a number such
/// as "1-" or "ii.") and reads as a title, not a sentence with a verb of its own.
pub fn unbulleted_item(line: &str) -> Option<Found> {
    let t = clean_title(line);
    let (_, ks, _) = kind_of(&t, 3)?;
    // Before the type word: a determiner and lower-case modifiers only ("An executive").
    let lead: Vec<&str> = t[..ks].split_whitespace().collect();
    let ok = lead.iter().enumerate().all(|(i, w)| {
        i == 0 && matches!(w.to_lowercase().as_str(), "a" | "an" | "the")
            || w.chars().all(|c| c.is_lowercase() || c == '-')
    });
    if !ok || lead.len() > 3 {
        return None;
    }
    let lower = t.to_lowercase();
    // "The agreement was signed by ..." is a sentence about a document, not an item.
    if [
        " was ", " were ", " will ", " is ", " are ", " has ", " have ",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    from_list_item(line)
}

/// A list item that names a document: "– Agreement on scientific cooperation;".
pub fn from_list_item(item: &str) -> Option<Found> {
    let title = clean_title(item);
    // "..., exchanged by Dr. X, Minister of ...": who signed is not the title.
    let title = match SIGNED_BY.find(&title) {
        Some(m) => title[..m.start()].to_string(),
        None => title,
    };
    let (kind, _, _) = kind_of(&title, 4)?;
    // "Agreements on ..." (a plural) or a long sentence is not one document's title.
    let first_doc_word_plural = {
        let lower = title.to_lowercase();
        KINDS.iter().any(|(k, _)| {
            lower.contains(&format!("{k}s ")) && lower.find(&format!("{k}s ")) < Some(40)
        }) && !lower.starts_with(kind)
    };
    if first_doc_word_plural || title.split_whitespace().count() > 45 {
        return None;
    }
    let start = item
        .find(title.get(..title.len().min(8)).unwrap_or(""))
        .unwrap_or(0);
    Some(Found {
        title: title.clone(),
        kind,
        start,
        end: (start + title.len()).min(item.len()),
        listed: true,
    })
}

/// Byte ranges of a sentence's clauses: split at "; ", ", while", ", whereas", ", but".
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    for sep in ["; ", ", while ", ", whereas ", ", but ", " while "] {
        let mut from = 0;
        while let Some(i) = s[from..].find(sep) {
            cuts.push(from + i + 1);
            from += i + sep.len();
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(s.len());
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Does the sentence speak of signing or exchanging documents?
pub fn signing_context(s: &str) -> bool {
    SIGNING_CONTEXT.is_match(s)
}

/// Documents signed or adopted in a prose sentence.
pub fn from_sentence(s: &str) -> Vec<Found> {
    from_sentence_after(s, false)
}

/// Documents in a sentence whose previous sentence may have spoken of the signing
/// ("... witnessed the exchange of eight documents. Among them were ...").
pub fn from_sentence_after(s: &str, signing_before: bool) -> Vec<Found> {
    let mut out = Vec::new();
    // "A programme was signed, while an air services agreement is expected to be signed":
    // blank the clauses that speak of a future signing (same length, so offsets hold).
    let blanked;
    let s = if NOT_SIGNED.is_match(s) {
        let mut t = String::with_capacity(s.len());
        let mut from = 0;
        for (a, b) in clauses(s) {
            t.push_str(&s[from..a]);
            let c = &s[a..b];
            if NOT_SIGNED.is_match(c) {
                t.extend(
                    c.chars()
                        .map(|ch| if ch.len_utf8() == 1 { ' ' } else { ch }),
                );
            } else {
                t.push_str(c);
            }
            from = b;
        }
        t.push_str(&s[from..]);
        blanked = t;
        if NOT_SIGNED.is_match(&blanked) {
            return out;
        }
        blanked.as_str()
    } else {
        s
    };
    // "including", "among them were" list documents only where something was signed or exchanged.
    let signing_context = SIGNING_CONTEXT.is_match(s)
        || signing_before && {
            let l = s.trim_start().to_lowercase();
            l.starts_with("among")
                || l.starts_with("they include")
                || l.starts_with("the documents include")
                || l.starts_with("the package include")
                || l.starts_with("these include")
                || l.starts_with("the agreements include")
        };
    let lower = s.to_lowercase();
    // Active: "signed a roadmap of cooperation for 2024-2025", and what is coordinated
    // with it: "... the Protocol of the 9th meeting and an Agreement on veterinary control".
    for m in SIGN_VERB.find_iter(s) {
        let w = m.as_str().to_lowercase();
        if (w.starts_with("among") || w.starts_with("includ")) && !signing_context {
            continue;
        }
        let mut from = m.end();
        // "signed the following documents: an Agreement on ..., a Memorandum ...".
        if let Some(c) = FOLLOWING_COLON.find(&s[from..]) {
            from += c.end();
        }
        // "signed the South Africa-Nigeria Comprehensive Strategic Partnership Agreement"
        let mut within = 8;
        while let Some(f) = noun_phrase(s, from, within) {
            let end = f.end;
            if out.iter().any(|o: &Found| o.start == f.start) {
                break;
            }
            out.push(f);
            let rest = s[end..].to_lowercase();
            let Some(next) = [
                ", and a ",
                ", and an ",
                ", and the ",
                ", a ",
                ", an ",
                ", the ",
                "and a ",
                "and an ",
                "and the ",
                "as well as a ",
                "as well as an ",
                "as well as the ",
                ", as well as a ",
                ", as well as an ",
                ", as well as the ",
                "; a ",
                "; an ",
                "; the ",
                "; and a ",
                "; and an ",
                "; and the ",
            ]
            .iter()
            .find(|p| {
                rest.trim_start().starts_with(p.trim_start())
                    && (rest.starts_with(*p) || rest.trim_start().starts_with(*p))
            }) else {
                break;
            };
            // Past the determiner ("a", "an", "the"): the next document starts there.
            from = (end + (rest.len() - rest.trim_start().len()) + next.trim_start().len())
                .min(s.len());
            within = 3;
        }
    }
    // Passive: "a schedule of mutual visits ... was signed".
    for m in PASSIVE.find_iter(s) {
        let before = &s[..m.start()];
        // The subject begins at the last determiner before a document word.
        let bl = before.to_lowercase();
        let mut best: Option<usize> = None;
        for (pos, w) in word_positions(&bl) {
            if matches!(w, "a" | "an" | "the" | "this") && kind_of(&bl[pos..], 4).is_some() {
                best = Some(pos);
            }
        }
        if let Some(p) = best {
            if let Some(f) = noun_phrase(before, p, 4) {
                if !out.iter().any(|o: &Found| o.start == f.start) {
                    out.push(f);
                }
            }
        }
    }
    // "Agreements on health, education and media cooperation were also signed": one each.
    if signing_context {
        let topics: Vec<Found> = plural_topics(s)
            .into_iter()
            .filter(|f| {
                !out.iter()
                    .any(|o| o.start <= f.start && f.start < o.end.max(o.start + 1))
            })
            .collect();
        out.extend(topics);
    }
    // "joint statement" without a signing verb still names an adopted text.
    // So does a communiqué "adopted/issued/published at the end of the meeting".
    let issued = |pos: usize, k: &str| {
        let after = lower[pos + k.len()..].trim_start();
        ["adopted", "issued", "published", "released"]
            .iter()
            .any(|v| after.starts_with(v))
    };
    for k in [
        "joint statement",
        "joint declaration",
        "joint communiqué",
        "joint communique",
        "final communiqué",
        "final communique",
        "communiqué",
        "communique",
    ] {
        if let Some(pos) = lower.find(k) {
            if !k.starts_with("joint") && !k.starts_with("final") && !issued(pos, k) {
                continue;
            }
            if !out
                .iter()
                .any(|o| o.start <= pos && pos < o.end.max(o.start + 1))
            {
                if let Some(f) = noun_phrase(s, pos, 1) {
                    if !out.iter().any(|o| o.kind == f.kind) {
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

/// The document noun phrase starting within `within` words after `from`.
fn noun_phrase(s: &str, from: usize, within: usize) -> Option<Found> {
    let rest = &s[from..];
    let (kind, ks, ke) = kind_of(rest, within)?;
    let lower = super::text::lower_keep_offsets(rest);
    // Only determiners and adjectives may stand between the verb and the document word.
    let gap = &lower[..ks];
    // "the Bilateral Trade and Investment Framework Agreement": "and" inside a capitalised name.
    let capital_name = {
        let orig = &rest[..ks];
        let words: Vec<&str> = orig.split_whitespace().collect();
        words.len() >= 2
            && words
                .iter()
                .skip(1)
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || *w == "and" || *w == "of")
    };
    if gap.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if capital_name && (w == "and" || w == "of") {
            return false;
        }
        matches!(
            w,
            "of" | "on"
                | "in"
                | "for"
                | "with"
                | "and"
                | "documents"
                | "package"
                | "number"
                | "series"
                | "set"
        ) || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()
    }) {
        return None;
    }
    // A plural head ("agreements", "memoranda") is a count, not a document.
    let after = &lower[ke..];
    if after.starts_with('s') || after.starts_with("es") || lower[ks..].starts_with("memoranda") {
        return None;
    }
    // Start: keep adjectives between determiner and head ("joint", "intergovernmental").
    let mut start = ks;
    let words = word_positions(gap);
    for &(pos, w) in words.iter().rev() {
        if matches!(w, "a" | "an" | "the" | "this" | "their" | "its" | "his") {
            break;
        }
        if w.chars().all(|c| c.is_alphabetic() || c == '-') {
            start = pos;
        } else {
            break;
        }
    }
    let tail = &rest[ke..];
    let mut end = rest.len();
    let mut at = 0;
    while let Some(m) = TITLE_END.find_at(tail, at) {
        let cut = &tail[m.start()..];
        // "(MoU)", "(CEPA)": an abbreviation inside the title.
        let abbrev = cut.starts_with('(')
            && cut.find(')').is_some_and(|c| {
                c <= 10
                    && cut[1..c]
                        .chars()
                        .all(|ch| ch.is_alphanumeric() || ch == '-')
            });
        // "between the Kyrgyz Republic and the Republic of Tajikistan": one title.
        let between_and = cut.trim_start().starts_with("and the ")
            && tail[..m.start()].contains(" between ")
            && !tail[tail[..m.start()].rfind(" between ").unwrap_or(0)..m.start()]
                .contains(" and ");
        // "the Ministry of Culture, Tourism and Antiquities of ...": a comma inside a name's
        // series of capitalised words.
        let name_series = cut.starts_with(',')
            && tail[..m.start()]
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
            && NAME_SERIES.is_match(&cut[1..]);
        if name_series {
            at = m.end();
        } else if abbrev {
            at = m.start() + cut.find(')').unwrap_or(0) + 1;
        } else if between_and {
            at = m.end();
        } else {
            end = ke + m.start();
            break;
        }
        if at >= tail.len() {
            break;
        }
    }
    // "... security cooperation in Warsaw on Monday": where and when it was signed.
    // Not inside a capitalised title ("Letter of Intent on Cooperation in Critical Minerals").
    let capitalised = rest[ks..].starts_with(|c: char| c.is_uppercase());
    if let Some(m) = WHERE_WHEN.find(&rest[ke..end]) {
        if !(capitalised && m.as_str().trim_start().starts_with("in ")) {
            end = ke + m.start();
        }
    }
    let title = clean_title(&rest[start..end]);
    if title.split_whitespace().count() > 40 || title.is_empty() {
        return None;
    }
    Some(Found {
        title,
        kind,
        start: from + start,
        end: from + end,
        listed: false,
    })
}

const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "for",
    "and",
    "between",
    "to",
    "field",
    "republic",
    "with",
    "at",
    "by",
    "year",
    "years",
    "next",
    "two",
    "coming",
    "period",
    "countries",
    "sides",
    "parties",
    "both",
    "cooperation",
    "mutual",
    "joint",
];

/// Content words for "is this the same document": no years, periods or filler.
pub fn core(title: &str) -> Vec<String> {
    let mut v: Vec<String> = crate::lexicon::fold(title)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(s: &str) -> Vec<(String, &'static str)> {
        from_sentence(s)
            .into_iter()
            .map(|f| (f.title, f.kind))
            .collect()
    }

    #[test]
    fn prose_active_and_passive() {
        assert_eq!(
            titles("The ministers signed an agreement on visa exemption for diplomatic passports in the presence of the presidents."),
            vec![("agreement on visa exemption for diplomatic passports".to_string(), "agreement")]
        );
        assert_eq!(
            titles("A memorandum of understanding on renewable energy was also signed."),
            vec![(
                "memorandum of understanding on renewable energy".to_string(),
                "memorandum"
            )]
        );
    }

    #[test]
    fn counts_plans_and_reached_agreements_give_nothing() {
        assert!(titles("In total, 12 agreements were signed during the visit.").is_empty());
        assert!(titles("The sides will sign a free trade agreement next year.").is_empty());
        assert!(titles("An agreement was reached on opening a trade house.").is_empty());
        assert!(titles("The two countries signed six MoUs.").is_empty());
    }

    #[test]
    fn list_items() {
        let f =
            from_list_item("– The “Road map” in the field of education for 2024-2025;").unwrap();
        assert_eq!(f.kind, "roadmap");
        assert!(
            from_list_item("- Agreements on trade were discussed at length by many people")
                .is_none()
        );
        assert!(is_list_heading("The following documents were signed:"));
    }

    #[test]
    fn core_ignores_periods() {
        assert_eq!(
            core("roadmap of cooperation for 2024-2025 years"),
            core("roadmap of cooperation for the next two years")
        );
    }
}
