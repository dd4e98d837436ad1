//! Sentences and tokens. Spans are byte ranges into `Document.text`.

use crate::source::{Block, BlockKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// Index of the block it belongs to.
    pub block: usize,
}

/// Lower case that keeps every byte offset: a character whose lower case is longer or
/// shorter in UTF-8 ("İ", "ẞ") stays as it is, so offsets found in the result slice the
/// original text.
pub fn lower_keep_offsets(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt", "maj",
    "gov", "sen", "rep", "no", "nos", "co", "corp", "inc", "ltd", "vs", "etc", "e.g", "i.e", "u.s",
    "u.k", "u.n", "h.e", "h.h", "h.m", "h.r.h", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "mt", "ft", "adm", "amb",
    "hon", "rt", "messrs", "eng", "engr", "ing", "lic", "arq", "dra", "sra", "srta", "brig", "cdr",
    "cmdr", "supt", "asst", "dep", "sec", "pres", "rev", "fr", "hj", "smt", "dott", "mme", "mlle",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // A single letter is an initial ("M. Enkhbold"), not a sentence end.
    w.chars().count() == 1 && w.chars().all(char::is_alphabetic)
        || ABBREVIATIONS.contains(&w.as_str())
}

/// Splits body blocks into sentences. A list item or heading is one sentence.
pub fn sentences(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        if b.kind == BlockKind::Heading {
            out.push(Sentence {
                start: b.start,
                end: b.end,
                kind: b.kind,
                block: bi,
            });
            continue;
        }
        let s = &text[b.start..b.end];
        let mut start = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        // "1. Treaty on ...": a list number is not a sentence.
        if b.kind == BlockKind::ListItem {
            while i < chars.len()
                && (chars[i].1.is_ascii_digit()
                    || matches!(
                        chars[i].1,
                        '.' | ')' | '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '●'
                    )
                    || chars[i].1.is_whitespace())
            {
                i += 1;
            }
        }
        while i < chars.len() {
            let (pos, c) = chars[i];
            if matches!(c, '.' | '!' | '?' | '…') {
                // Swallow closing quotes and brackets after the stop.
                let mut j = i + 1;
                while j < chars.len()
                    && matches!(chars[j].1, '"' | '”' | '»' | '\'' | '’' | ')' | ']')
                {
                    j += 1;
                }
                let at_space = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next = chars.get(k).map(|x| x.1);
                let starts_new = next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '«' | '‘' | '(' | '[' | '-' | '–' | '—')
                });
                let word_before = s[start..pos]
                    .rsplit(|ch: char| ch.is_whitespace())
                    .next()
                    .unwrap_or("");
                let decimal = c == '.'
                    && word_before
                        .chars()
                        .last()
                        .is_some_and(|x| x.is_ascii_digit())
                    && next.is_some_and(|x| x.is_ascii_digit())
                    && !at_space;
                // "with Deputy Prime Minister Andrei Nastase.After the reception": scraping
                // glued two sentences; a lower-case word, a stop, then a capitalised word.
                let glued = c == '.'
                    && !at_space
                    && j == i + 1
                    && word_before.chars().count() >= 3
                    && word_before.chars().all(char::is_alphabetic)
                    && word_before.chars().last().is_some_and(char::is_lowercase)
                    && next.is_some_and(char::is_uppercase)
                    && chars.get(k + 1).is_some_and(|x| x.1.is_lowercase());
                if (at_space && starts_new || glued)
                    && !decimal
                    && !(c == '.' && is_abbreviation(word_before))
                {
                    let end = chars.get(j).map(|x| x.0).unwrap_or(s.len());
                    push(&mut out, b, bi, s, start, end);
                    start = chars.get(k).map(|x| x.0).unwrap_or(s.len());
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        push(&mut out, b, bi, s, start, s.len());
    }
    out
}

fn push(out: &mut Vec<Sentence>, b: &Block, bi: usize, s: &str, start: usize, end: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    // Only the first sentence of a list item is the item; the rest is prose.
    let kind = if b.kind == BlockKind::ListItem && start > 0 {
        BlockKind::Prose
    } else {
        b.kind
    };
    out.push(Sentence {
        start: b.start + start + lead,
        end: b.start + end - trail,
        kind,
        block: bi,
    });
}

/// A word or a punctuation mark; `start..end` are absolute byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    pub s: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        self.s.chars().next().is_some_and(char::is_alphanumeric)
    }
    pub fn is_capitalised(&self) -> bool {
        self.s.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn lower(&self) -> String {
        self.s.to_lowercase()
    }
}

fn joins(prev: char, c: char, next: Option<char>) -> bool {
    // Keep "Kassym-Jomart", "O'Brien", "Lukashenko’s", "620.1", "5,000" in one token.
    match c {
        '-' | '\'' | '’' | '‑' => {
            prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric)
        }
        '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    }
}

/// Tokens of `text[start..end]`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                // "IlhamAliyev", "KyrgyzstanLesslie": words glued by scraping split where a
                // lower-case run of four or more letters meets a capital followed by lower
                // case ("McDonald", "MacKenzie", "DeSantis" stay whole).
                let glued = cj.is_uppercase()
                    && j - i >= 4
                    && chars[i].1.is_uppercase()
                    && chars[i + 1..j].iter().all(|x| x.1.is_lowercase())
                    && chars.get(j + 1).is_some_and(|x| x.1.is_lowercase());
                if glued {
                    break;
                }
                if cj.is_alphanumeric() || cj == '\u{301}' {
                    j += 1;
                } else if joins(chars[j - 1].1, cj, chars.get(j + 1).map(|x| x.1)) {
                    j += 2;
                } else {
                    break;
                }
            }
            let e = chars.get(j).map(|x| x.0).unwrap_or(s.len());
            out.push(Tok {
                s: &s[pos..e],
                start: start + pos,
                end: start + e,
            });
            i = j;
        } else {
            let e = pos + c.len_utf8();
            out.push(Tok {
                s: &s[pos..e],
                start: start + pos,
                end: start + e,
            });
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let blocks = vec![Block {
            start: 0,
            end: text.len(),
            kind: BlockKind::Prose,
        }];
        sentences(text, &blocks)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn sentences_respect_abbreviations_initials_and_decimals() {
        let s = split("Mr. Ruto met M. Enkhbold in Nairobi. Trade reached $1.5 billion. “We agree,” he said. Next.");
        assert_eq!(
            s,
            vec![
                "Mr. Ruto met M. Enkhbold in Nairobi.",
                "Trade reached $1.5 billion.",
                "“We agree,” he said.",
                "Next."
            ]
        );
    }

    #[test]
    fn tokens_keep_hyphens_and_numbers() {
        let t = "Kassym-Jomart Tokayev’s $620.1 million, D.Tsogtbaatar";
        let toks: Vec<&str> = tokens(t, 0, t.len()).iter().map(|t| t.s).collect();
        assert_eq!(
            toks,
            vec![
                "Kassym-Jomart",
                "Tokayev’s",
                "$",
                "620.1",
                "million",
                ",",
                "D",
                ".",
                "Tsogtbaatar"
            ]
        );
    }

    #[test]
    fn spans_are_char_boundaries_with_multibyte_text() {
        let t = "Президент Ташкент — Łukašenka.";
        for tok in tokens(t, 0, t.len()) {
            assert_eq!(&t[tok.start..tok.end], tok.s);
        }
    }
}
