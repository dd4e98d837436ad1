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

/// Most chained terms accepted: operators (`|| && = != < > <= >= + - * / |`), the
/// keywords `UNION OPTIONAL MINUS FILTER BIND`, and the `.`/`;` between triple patterns.
/// Oxigraph folds a chain into a tree as deep as the chain is long and walks it
/// recursively (measured: 10,000 `+`, `||`, `/`, `OPTIONAL` or triple patterns, or
/// 1,000 `UNION`s, overflow a 2 MiB stack; a `UNION` level takes about 3 KiB). 4,096
/// terms need at most about 12 MiB, a fifth of the 64 MiB stack queries run on.
/// Long lists belong in `VALUES` or `IN (...)`, which are flat and not counted.
pub const MAX_TERMS: usize = 4096;

/// A query refused before parsing, with the 1-based line and column where a limit was passed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooDeep {
    #[error("{line}:{column}: the query nests brackets more than {MAX_NESTING} levels deep ({{ }}, ( ) or [ ]); deeper queries are refused because parsing them could exhaust the stack")]
    Nesting { line: usize, column: usize },
    #[error("{line}:{column}: the query chains more than {MAX_TERMS} operators, UNION/OPTIONAL/MINUS/FILTER/BIND or triple patterns; longer chains are refused because evaluating them could exhaust the stack (put long lists of values in VALUES or IN (...))")]
    Terms { line: usize, column: usize },
}

/// Checks the nesting depth of `{ } ( ) [ ]` and the number of chained terms (see
/// [`MAX_TERMS`]) outside strings, IRIs and comments, in one linear pass.
pub fn check(query: &str) -> Result<(), TooDeep> {
    let b = query.as_bytes();
    let mut depth = 0usize;
    let mut terms = 0usize;
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let term = match b[i] {
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let (line, column) = position(query, i);
                    return Err(TooDeep::Nesting { line, column });
                }
                i += 1;
                false
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
                false
            }
            b'#' => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| i + k);
                false
            }
            b'"' | b'\'' => {
                i = string_end(b, i);
                false
            }
            b'<' => {
                i = iri_end(b, i);
                i == start + 1
            }
            b'|' | b'&' | b'=' | b'!' | b'>' | b'+' | b'*' | b'/' | b';' => {
                // `||`, `&&`, `!=`, `>=` count once.
                let pair = b.get(i + 1).is_some_and(|&n| n == b[start] || n == b'=');
                i += if pair { 2 } else { 1 };
                true
            }
            // A minus or a dot followed by a space or a term, not inside a name or a number.
            b'-' | b'.' => {
                i += 1;
                b.get(i)
                    .is_none_or(|c| c.is_ascii_whitespace() || b"?$<({".contains(c))
            }
            c if c.is_ascii_alphabetic() => {
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b':' | b'-'))
                {
                    i += 1;
                }
                let word = &b[start..i];
                ["union", "optional", "minus", "filter", "bind"]
                    .iter()
                    .any(|k| word.eq_ignore_ascii_case(k.as_bytes()))
            }
            _ => {
                i += 1;
                false
            }
        };
        if term {
            terms += 1;
            if terms > MAX_TERMS {
                let (line, column) = position(query, start);
                return Err(TooDeep::Terms { line, column });
            }
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

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
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
    fn the_deepest_accepted_query_runs_on_a_small_stack() {
        // What MAX_NESTING promises: queries at the limit parse, optimize and run far
        // below the 2 MiB stack of a server thread.
        let queries = [
            format!(
                "ASK {}{}",
                "{ ".repeat(MAX_NESTING),
                "} ".repeat(MAX_NESTING)
            ),
            format!(
                "SELECT ?x WHERE {{ BIND({}1{} AS ?x) }}",
                "(".repeat(MAX_NESTING - 2),
                ")".repeat(MAX_NESTING - 2)
            ),
            format!(
                "SELECT * WHERE {{ ?s ?p {}1{} }}",
                "[ <http://p> ".repeat(MAX_NESTING - 1),
                " ]".repeat(MAX_NESTING - 1)
            ),
        ];
        for q in queries {
            assert_eq!(check(&q), Ok(()), "{q}");
            let ran = std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let store = oxigraph::store::Store::new().unwrap();
                    let p = oxigraph::sparql::SparqlEvaluator::new()
                        .parse_query(&q)
                        .unwrap();
                    if let oxigraph::sparql::QueryResults::Solutions(s) =
                        p.on_store(&store).execute().unwrap()
                    {
                        for row in s {
                            row.unwrap();
                        }
                    }
                })
                .unwrap()
                .join();
            assert!(ran.is_ok());
        }
    }

    #[test]
    fn deep_nesting_is_refused_with_its_position() {
        let q = format!("ASK\n{}", "{ ".repeat(4000));
        assert_eq!(
            check(&q),
            Err(TooDeep::Nesting {
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

    #[test]
    fn long_chains_are_refused_long_lists_are_not() {
        for chain in [
            "1 + ",
            "false || ",
            "<http://p>/",
            "{} UNION ",
            "OPTIONAL {} ",
            "?s <http://p> ?o . ",
        ] {
            let q = format!("SELECT * WHERE {{ {} }}", chain.repeat(MAX_TERMS + 1));
            assert!(matches!(check(&q), Err(TooDeep::Terms { .. })), "{chain}");
            let q = format!("SELECT * WHERE {{ {} }}", chain.repeat(MAX_TERMS / 2));
            assert_eq!(check(&q), Ok(()), "{chain}");
        }
        let values = format!(
            "SELECT * WHERE {{ VALUES ?x {{ {} }} FILTER(?x IN ({}1)) }}",
            "<http://a> \"b\" 3 ".repeat(50_000),
            "1, ".repeat(50_000)
        );
        assert_eq!(check(&values), Ok(()));
        // Names with dashes and numbers with dots are not operators.
        let names = format!(
            "SELECT * WHERE {{ ?s ?p {} }}",
            "dg:foreign-minister , 1.5 , ex:a.b , -2 , ".repeat(5000)
        );
        assert_eq!(check(&names), Ok(()));
    }
}
