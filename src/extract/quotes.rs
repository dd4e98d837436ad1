//! Quoted speech inside one sentence: what a speaker says ("We held good talks with X
//! yesterday," she said) reports no encounter, names no participant and dates nothing.

/// Byte ranges of quoted speech in `s`. Curly quotes pair by shape; straight quotes pair in
/// order. A closing quote with no opening one in the sentence closes a quotation that began
/// in an earlier sentence: everything before it is quoted. Short quotations (a title, a
/// nickname: "Operation X", the "Abraham Accords") are left alone.
pub fn spans(s: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '«' | '„' => open = Some(i),
            '”' | '»' => match open.take() {
                Some(a) => out.push((a, i + c.len_utf8())),
                None if out.is_empty() && straight.is_none() => out.push((0, i + c.len_utf8())),
                None => {}
            },
            '"' => match straight.take() {
                Some(a) => out.push((a, i + 1)),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    if let Some(a) = open {
        // An opening quote never closed in the sentence runs to its end.
        out.push((a, s.len()));
    }
    if let Some(a) = straight {
        // A lone straight quote after a comma or a full stop closes a quotation begun
        // earlier; otherwise it opens one that runs to the end.
        if s[..a].trim_end().ends_with([',', '.', '!', '?']) {
            out.push((0, a + 1));
        } else {
            out.push((a, s.len()));
        }
    }
    out.retain(|&(a, b)| s[a..b].split_whitespace().count() > 4);
    out
}

/// `s` with its quoted speech blanked out (the same byte length, so offsets still hold).
pub fn mask(s: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if spans.iter().any(|&(a, b)| i >= a && i < b) {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// True when byte offset `at` lies inside one of `spans`.
pub fn inside(spans: &[(usize, usize)], at: usize) -> bool {
    spans.iter().any(|&(a, b)| at >= a && at < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> Vec<&str> {
        spans(s).iter().map(|&(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn curly_and_straight_quotations() {
        let s = "“We held very good talks with President Ramaphosa,” Ruto said on Monday.";
        assert_eq!(
            quoted(s),
            vec!["“We held very good talks with President Ramaphosa,”"]
        );
        let s =
            "\"I met Lavrov in Minsk two days ago and we agreed,\" the minister told reporters.";
        assert_eq!(quoted(s).len(), 1);
        assert!(quoted(s)[0].contains("Lavrov"));
    }

    #[test]
    fn a_quotation_begun_in_an_earlier_sentence() {
        let s = "Your visit and the events held the day before confirm our resolve,” Uzbek President Shavkat Mirziyoyev said.";
        let q = quoted(s);
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("Your visit"));
        assert!(!q[0].contains("Mirziyoyev"));
    }

    #[test]
    fn titles_in_quotes_are_not_speech() {
        assert!(quoted("They signed the “Abraham Accords” in Washington.").is_empty());
        assert!(quoted("No quotation at all here.").is_empty());
    }

    #[test]
    fn masking_keeps_offsets() {
        let s = "“Ми зустрілися з паном Шмигалем у Києві вчора,” he said.";
        let m = mask(s, &spans(s));
        assert_eq!(m.len(), s.len());
        assert!(m.ends_with("he said."));
        assert!(!m.contains("Шмигалем"));
    }
}
