//! Rosters: the people listed after an attendance line that ends with a colon ("Present at
//! the Summit were the under-listed Heads of State:", "The meeting was also attended by:"),
//! as bulleted items or, in communiqués that lost their bullets, as lines that each open
//! with a name ("H.E. Patrice TALON, President of the Republic of Benin.").

use super::text::Sentence;
use crate::source::BlockKind;

/// The most words allowed before the name on a roster line ("H.E. Dr", "Mr", "1.").
const LEAD_WORDS: usize = 3;
/// Lines longer than this are prose, not roster entries.
const MAX_LINE: usize = 240;
/// A wrapped line's tail ("Ghana.", "Republic of Nigeria.") has at most this many words.
const WRAP_WORDS: usize = 6;

/// The entities listed after sentence `si`. `first_mention(j)` gives the byte offset of
/// the first person named in sentence `j`, if any; `has_cue(j)` tells whether sentence `j`
/// reports an encounter of its own (it then ends the roster).
pub fn listed_after(
    text: &str,
    sentences: &[Sentence],
    named: &[Vec<usize>],
    si: usize,
    first_mention: impl Fn(usize) -> Option<usize>,
    has_cue: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let marker = |j: usize| {
        text[sentences[j].start..sentences[j].end]
            .trim_start()
            .chars()
            .next()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
    };
    let first_item = (si + 1 < sentences.len()).then(|| marker(si + 1)).flatten();
    let mut last_was_entry = false;
    for j in si + 1..sentences.len() {
        let s = &sentences[j];
        let line = &text[s.start..s.end];
        if has_cue(j) {
            break;
        }
        let entry = if s.kind == BlockKind::ListItem {
            // Items share a marker: a numbered paragraph after a bulleted list is not an item.
            !named[j].is_empty() && marker(j) == first_item
        } else {
            !named[j].is_empty()
                && line.len() <= MAX_LINE
                && first_mention(j).is_some_and(|p| {
                    text[s.start..p.max(s.start)].split_whitespace().count() <= LEAD_WORDS
                })
        };
        if entry {
            for &e in &named[j] {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            last_was_entry = true;
            continue;
        }
        // The tail of an entry wrapped onto a line of its own.
        if last_was_entry && named[j].is_empty() && line.split_whitespace().count() <= WRAP_WORDS {
            continue;
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str, kind: BlockKind) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut at = 0;
        for (i, line) in text.split('\n').enumerate() {
            out.push(Sentence {
                start: at,
                end: at + line.len(),
                block: i,
                kind,
            });
            at += line.len() + 1;
        }
        out
    }

    #[test]
    fn unbulleted_roster_lines_with_wrapped_tails() {
        let text = "Present at the Summit were the following Heads of State:\nH.E. Patrice TALON, President of the Republic of Benin.\nH.E. Nana AKUFO-ADDO, President of the Republic of\nGhana.\nH.E. Macky SALL, President of the Republic of Senegal.\nThe Summit adopted the agenda and discussed the situation at length with all the delegations.";
        let s = sent(text, BlockKind::Prose);
        // Entities 0, 1, 2 are named on lines 1, 2 and 4; each name opens its line after "H.E.".
        let named = vec![vec![], vec![0], vec![1], vec![], vec![2], vec![]];
        let first = |j: usize| (!named[j].is_empty()).then(|| s[j].start + 5);
        let got = listed_after(text, &s, &named, 0, first, |_| false);
        assert_eq!(got, vec![0, 1, 2]);
    }

    #[test]
    fn a_prose_sentence_naming_someone_late_ends_the_roster() {
        let text = "Attending were:\nH.E. Ali BONGO, President of Gabon.\nIn his remarks at the opening of the session the chair thanked Mr Jonathan for his work.";
        let s = sent(text, BlockKind::Prose);
        let named = vec![vec![], vec![0], vec![1]];
        let first = |j: usize| match j {
            1 => Some(s[1].start + 5),
            2 => Some(s[2].start + 70),
            _ => None,
        };
        assert_eq!(listed_after(text, &s, &named, 0, first, |_| false), vec![0]);
    }

    #[test]
    fn a_line_with_an_encounter_of_its_own_ends_the_roster() {
        let text = "Present were:\nMr A B, Minister.\nMr C D met Mr E F later.";
        let s = sent(text, BlockKind::ListItem);
        let named = vec![vec![], vec![0], vec![1, 2]];
        let first = |j: usize| (!named[j].is_empty()).then(|| s[j].start);
        assert_eq!(
            listed_after(text, &s, &named, 0, first, |j| j == 2),
            vec![0]
        );
    }
}
