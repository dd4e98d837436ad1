//! Limits on HTML before it reaches the HTML parser and Readability
//! (html5ever + dom_smoothie). Their tree walks recurse per nesting level and
//! some of their steps are quadratic in the nesting depth or in the
//! attributes of one element, so a hostile page (100,000 unclosed `<div>`s,
//! 320,000 attributes on one tag) could overflow the stack or run for
//! minutes. [`check`] measures a page in one linear pass without building a
//! tree; a page over a limit has its text taken by the linear tag stripper
//! instead (fewer niceties, same words).

/// Deepest element nesting handed to the parser. Real news pages nest 20–60 levels
/// (a few hundred at the very worst, in generated table layouts); at 512 levels the
/// quadratic steps cost milliseconds and the recursion a few hundred KiB of stack.
pub const MAX_DEPTH: usize = 512;
/// Most attributes on one element. Real tags carry a dozen at most; html5ever checks
/// each new attribute against the ones before it, so this bounds that work to 256².
pub const MAX_ATTRIBUTES: usize = 256;
/// Largest page handed to the parser (8 MiB: the largest saved news pages, inline
/// scripts and styles included, are a few MiB). Larger pages are stripped linearly.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Why a page is not handed to the HTML parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooComplex {
    Size(usize),
    Depth,
    Attributes,
}

impl std::fmt::Display for TooComplex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TooComplex::Size(n) => write!(f, "{n} bytes of HTML (limit {MAX_HTML_BYTES})"),
            TooComplex::Depth => write!(f, "elements nested deeper than {MAX_DEPTH} levels"),
            TooComplex::Attributes => {
                write!(f, "an element with more than {MAX_ATTRIBUTES} attributes")
            }
        }
    }
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "command",
];
/// Elements a parser closes by itself when the next one of their kind starts (a run of
/// unclosed `<p>` or `<li>` is a sequence, not a nest), so they are not counted.
const SELF_ENDING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "rtc",
    "tbody", "thead", "tfoot", "colgroup",
];
/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Checks a page against the limits in one pass (each byte is looked at a bounded number
/// of times: the open-element stack is at most [`MAX_DEPTH`] long).
pub fn check(html: &str) -> Result<(), TooComplex> {
    if html.len() > MAX_HTML_BYTES {
        return Err(TooComplex::Size(html.len()));
    }
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(j) = memchr(b'<', b, i) {
        i = j + 1;
        match b.get(i) {
            Some(b'!') | Some(b'?') => {
                i = if b[i..].starts_with(b"!--") {
                    find(b, b"-->", i + 3).map_or(b.len(), |k| k + 3)
                } else {
                    memchr(b'>', b, i).map_or(b.len(), |k| k + 1)
                };
            }
            Some(b'/') => {
                let (name, next) = tag_name(b, i + 1);
                i = memchr(b'>', b, next).map_or(b.len(), |k| k + 1);
                // Close up to the nearest open element of that name, as a parser would.
                if let Some(k) = stack.iter().rposition(|n| *n == name) {
                    stack.truncate(k);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, next) = tag_name(b, i);
                let (attributes, end) = attributes(b, next);
                if attributes > MAX_ATTRIBUTES {
                    return Err(TooComplex::Attributes);
                }
                i = end;
                if RAW.contains(&name.as_str()) {
                    let close = format!("</{name}");
                    i = find_ci(b, close.as_bytes(), i).unwrap_or(b.len());
                } else if !VOID.contains(&name.as_str()) && !SELF_ENDING.contains(&name.as_str()) {
                    stack.push(name);
                    if stack.len() > MAX_DEPTH {
                        return Err(TooComplex::Depth);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn memchr(c: u8, b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|k| from + k)
}

fn find(b: &[u8], pat: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|k| from + k)
}

fn find_ci(b: &[u8], pat: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|k| from + k)
}

/// A tag name (lowercased, at most 32 bytes kept) and where it ends.
fn tag_name(b: &[u8], from: usize) -> (String, usize) {
    let mut i = from;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let end = i.min(from + 32);
    let name = String::from_utf8_lossy(&b[from.min(end)..end]).to_ascii_lowercase();
    (name, i)
}

/// Counts the attributes of a start tag from `from`; returns the count and the index after `>`.
fn attributes(b: &[u8], from: usize) -> (usize, usize) {
    let mut i = from;
    let mut n = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return (n, b.len()),
            Some(b'>') => return (n, i + 1),
            _ => {}
        }
        n += 1;
        // The name: up to whitespace, '=', '>' or '/'.
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i = memchr(q, b, i + 1).map_or(b.len(), |k| k + 1);
            }
            _ => {
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = "<!DOCTYPE html><html><head><title>a < b</title><script>if (a<b) {}</script>\
            <meta charset=utf-8></head><body><!-- <div><div> --><ul><li>one<li>two</ul>\
            <p>one<p>two<br><img src=x alt='a > b'><div class=\"x\" id=y data-z>t</div></body></html>";
        assert_eq!(check(page), Ok(()));
        // Many unclosed paragraphs are a sequence, not a nest.
        assert_eq!(check(&"<p>text ".repeat(10_000)), Ok(()));
        // Closed elements do not add up.
        assert_eq!(check(&"<div><span>x</span></div>".repeat(10_000)), Ok(()));
    }

    #[test]
    fn deep_wide_and_huge_pages_are_caught() {
        assert_eq!(
            check(&"<div>".repeat(MAX_DEPTH + 1)),
            Err(TooComplex::Depth)
        );
        assert_eq!(check(&"<div>".repeat(MAX_DEPTH)), Ok(()));
        assert_eq!(check(&"<b/>".repeat(100_000)), Err(TooComplex::Depth));
        let wide = format!("<div {}>x</div>", "a ".repeat(MAX_ATTRIBUTES + 1));
        assert_eq!(check(&wide), Err(TooComplex::Attributes));
        let ok = format!("<div {}>x</div>", "a=\"1 2 3\" ".repeat(MAX_ATTRIBUTES));
        assert_eq!(check(&ok), Ok(()));
        let big = "x".repeat(MAX_HTML_BYTES + 1);
        assert!(matches!(check(&big), Err(TooComplex::Size(_))));
    }
}
