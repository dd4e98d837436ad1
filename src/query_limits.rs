//! A bound on how deeply a SPARQL query or update may nest, checked on the text
//! before Oxigraph parses it.
//!
//! Oxigraph's SPARQL parser and its optimizer and evaluator recurse once per
//! level of `{ }`, `( )` and `[ ]`; a 16 KB query of 4,000 nested braces
//! overflows the stack, which is an abort no `catch_unwind` can stop, and so
//! takes the whole server down. [`check`] scans the text once (strings, IRIs
//! and comments skipped) and refuses it, with a position, when it nests deeper
//! than [`MAX_NESTING`].

/// Deepest nesting of brackets accepted. Hand-written and generated queries nest a
/// few levels, rarely more than 10 to 20 (the canned queries here: at most 7); 64
/// leaves room for machine-built queries while every recursion in parsing and
/// evaluation stays far below a 2 MiB thread stack (measured: 64 levels of braces or
/// parentheses parse and run on a 256 KiB stack).
pub const MAX_NESTING: usize = 64;

/// A query nested too deeply, with the 1-based line and column of the first bracket
/// beyond the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: the query nests brackets more than {MAX_NESTING} levels deep ({{ }}, ( ) or [ ]); this endpoint refuses deeper queries because parsing them could exhaust the stack")]
pub struct TooDeep {
    pub line: usize,
    pub column: usize,
}

/// Checks the nesting depth of `{ } ( ) [ ]` outside strings, IRIs and comments.
pub fn check(query: &str) -> Result<(), TooDeep> {
    let b = query.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(position(query, i));
                }
                i += 1;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'#' => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| i + k)
            }
            b'"' | b'\'' => i = string_end(b, i),
            b'<' => i = iri_end(b, i),
            _ => i += 1,
        }
    }
    Ok(())
}

/// The index after a string literal starting at `i` (short or long form, with escapes).
fn string_end(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let long = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
    let mut j = if long { i + 3 } else { i + 1 };
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == q && !long => return j + 1,
            c if c == q && b.len() >= j + 3 && b[j + 1] == q && b[j + 2] == q => return j + 3,
            b'\n' | b'\r' if !long => return j,
            _ => j += 1,
        }
    }
    b.len()
}

/// The index after an IRI `<...>` starting at `i`, or `i + 1` when the `<` is an operator.
/// An IRI holds no spaces, quotes, braces or `<`, so the scan stops at the next one of
/// those and the whole check stays linear.
fn iri_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'>' => return j + 1,
            c if c <= b' '
                || matches!(c, b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\') =>
            {
                return i + 1
            }
            _ => j += 1,
        }
    }
    i + 1
}

fn position(text: &str, offset: usize) -> TooDeep {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    TooDeep { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_queries_pass() {
        for q in [
            "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && (?o > 1)) }",
            "SELECT * WHERE { ?s <http://x/a#b> \"{{{{\" , '((((' , \"\"\"[[[\n]]]\"\"\" } # {{{{",
        ] {
            assert_eq!(check(q), Ok(()), "{q}");
        }
        let deep_enough = format!("ASK {}{}", "{".repeat(MAX_NESTING), "}".repeat(MAX_NESTING));
        assert_eq!(check(&deep_enough), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_with_its_position() {
        let q = format!("ASK\n{}", "{ ".repeat(4000));
        assert_eq!(
            check(&q),
            Err(TooDeep {
                line: 2,
                column: 2 * MAX_NESTING + 1
            })
        );
        let q = format!("SELECT (({}1) AS ?x) {{}}", "(".repeat(5000));
        assert!(check(&q).is_err());
        // Brackets inside strings, IRIs and comments do not count; `<` as an operator does not hide them.
        let hidden = format!("ASK {{ FILTER(1 < 2) \"{}\" }}", "{".repeat(5000));
        assert_eq!(check(&hidden), Ok(()));
        let q = format!("ASK {{ FILTER(1 < {}) }}", "(".repeat(5000));
        assert!(check(&q).is_err());
    }
}
