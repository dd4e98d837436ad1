//! Files to [`Document`]s: read, check size, decode (UTF-8, BOM, or a detected
//! legacy encoding such as windows-1251), take the main text out of HTML,
//! and mark which lines are article body and which are page boilerplate.
//!
//! The entry point is [`read_path`]; [`from_bytes`] does the same for bytes
//! already in memory.

mod boilerplate;

pub use boilerplate::{classify, Block, BlockKind};

use crate::dates::{self, PartialDate};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no news article is 16 MiB of text.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One article, decoded, with its body blocks marked.
#[derive(Debug, Clone)]
pub struct Document {
    /// The input's base name (`doc` in FACTS.md), or `name#line` for a JSON Lines record.
    pub id: String,
    pub path: Option<PathBuf>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<jiff::civil::Date>,
    /// A day and month without a year, when that is all the page gives.
    pub partial_date: Option<PartialDate>,
    /// The decoded text; every span in the pipeline is a byte range into it.
    pub text: String,
    /// Body blocks (prose, headings, list items) in text order; boilerplate is left out.
    pub blocks: Vec<Block>,
    /// SHA-256 of the input bytes, hex.
    pub hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: file is empty")]
    Empty { path: String },
    #[error("{path}: file too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: binary data, not text")]
    Binary { path: String },
    #[error("{path}: not HTML (no markup found in a .html file)")]
    NotHtml { path: String },
    #[error("{path}: no article text found")]
    NoText { path: String },
    #[error("{path}:{line}: {message}")]
    Record { path: String, line: usize, message: String },
    #[error("{path}: is a directory")]
    Directory { path: String },
}

/// What kind of input a file is, from its extension (or sniffed content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    JsonLines,
}

impl Kind {
    pub fn of(path: &Path) -> Kind {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm" | "xhtml") => Kind::Html,
            Some("jsonl" | "ndjson") => Kind::JsonLines,
            _ => Kind::Text,
        }
    }
}

/// Reads one input file into documents (one, or one per line of a `.jsonl`).
pub fn read_path(path: &Path) -> Result<Vec<Document>, SourceError> {
    let p = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| SourceError::Io { path: p.clone(), source: e })?;
    if meta.is_dir() {
        return Err(SourceError::Directory { path: p });
    }
    if meta.len() > MAX_BYTES {
        return Err(SourceError::TooLarge { path: p, size: meta.len(), limit: MAX_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|e| SourceError::Io { path: p.clone(), source: e })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(p.clone());
    match Kind::of(path) {
        Kind::JsonLines => from_jsonl(&p, &name, &bytes, path),
        kind => {
            let mut d = from_bytes(&name, &bytes, kind).map_err(|e| e.with_path(&p))?;
            d.path = Some(path.to_path_buf());
            Ok(vec![d])
        }
    }
}

impl SourceError {
    fn with_path(self, p: &str) -> Self {
        let p = p.to_string();
        match self {
            SourceError::Empty { .. } => SourceError::Empty { path: p },
            SourceError::Binary { .. } => SourceError::Binary { path: p },
            SourceError::NotHtml { .. } => SourceError::NotHtml { path: p },
            SourceError::NoText { .. } => SourceError::NoText { path: p },
            other => other,
        }
    }
}

#[derive(serde::Deserialize)]
struct Record {
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

fn from_jsonl(p: &str, name: &str, bytes: &[u8], path: &Path) -> Result<Vec<Document>, SourceError> {
    let text = decode(bytes).ok_or_else(|| SourceError::Binary { path: p.to_string() })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(line)
            .map_err(|e| SourceError::Record { path: p.to_string(), line: line_no, message: format!("not a JSON article: {e}") })?;
        let id = rec.id.clone().unwrap_or_else(|| format!("{name}#{line_no}"));
        let (body, kind) = match (rec.text, rec.html) {
            (Some(t), _) => (t, Kind::Text),
            (None, Some(h)) => (h, Kind::Html),
            _ => {
                return Err(SourceError::Record {
                    path: p.to_string(),
                    line: line_no,
                    message: "record has neither \"text\" nor \"html\"".into(),
                })
            }
        };
        let mut d = from_bytes(&id, body.as_bytes(), kind)
            .map_err(|e| SourceError::Record { path: p.to_string(), line: line_no, message: e.to_string() })?;
        d.url = rec.url.or(d.url);
        if rec.title.is_some() {
            d.title = rec.title;
        }
        if let Some(pd) = rec.published.as_deref().and_then(|s| dates::find_dates(s).first().map(|h| h.date)) {
            d.date = pd.to_date().or(d.date);
        }
        d.path = Some(path.to_path_buf());
        out.push(d);
    }
    Ok(out)
}

/// Decodes bytes: BOM, then UTF-8, then a detected legacy encoding. `None` for binary data.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) && encoding_rs::Encoding::for_bom(bytes).is_none() {
        return None;
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Some(s.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    let (s, _, _) = enc.decode(bytes);
    let s = s.into_owned();
    // Control characters other than whitespace mean this was never text.
    let controls = s.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if controls * 20 > s.chars().count().max(1) {
        return None;
    }
    Some(s)
}

/// Builds a document from bytes in memory. `name` becomes its id.
pub fn from_bytes(name: &str, bytes: &[u8], kind: Kind) -> Result<Document, SourceError> {
    let path = name.to_string();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty { path });
    }
    let hash = hex(&Sha256::digest(bytes));
    let decoded = decode(bytes).ok_or_else(|| SourceError::Binary { path: path.clone() })?;
    let looks_html = {
        let t = decoded.trim_start().get(..512.min(decoded.trim_start().len())).unwrap_or("").to_ascii_lowercase();
        t.starts_with("<!doctype html") || t.starts_with("<html") || t.contains("<body") || t.contains("<head")
    };
    let (text, mut title, mut date, url) = match kind {
        Kind::Html | Kind::JsonLines if looks_html || decoded.contains("</p>") || decoded.contains("<div") => {
            html_to_text(&decoded)
        }
        Kind::Html => return Err(SourceError::NotHtml { path }),
        _ if looks_html => html_to_text(&decoded),
        _ => (decoded.replace("\r\n", "\n"), None, None, None),
    };
    if text.trim().is_empty() {
        return Err(SourceError::NoText { path });
    }
    let text = text.replace('\u{0}', "");
    let blocks = classify(&text);
    let (found_title, found_date, partial) = boilerplate::title_and_date(&text, &blocks);
    if title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        title = found_title;
    }
    date = date.or(found_date);
    Ok(Document {
        id: name.to_string(),
        path: None,
        url,
        title,
        date,
        partial_date: if date.is_some() { None } else { partial },
        text,
        blocks,
        hash,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Main text of an HTML page (Readability), one paragraph per line, with title, date and URL.
fn html_to_text(html: &str) -> (String, Option<String>, Option<jiff::civil::Date>, Option<String>) {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let parsed = dom_smoothie::Readability::new(html, None, Some(cfg)).ok().and_then(|mut r| r.parse().ok());
    match parsed {
        Some(a) if a.text_content.trim().len() > 80 => {
            let date = a
                .published_time
                .as_deref()
                .and_then(|s| dates::find_dates(s).first().and_then(|h| h.date.to_date()));
            let title = Some(a.title.trim().to_string()).filter(|t| !t.is_empty());
            let text = a
                .text_content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            (text, title, date, a.url.clone())
        }
        _ => (strip_tags(html), None, None, None),
    }
}

/// Last resort for pages Readability cannot read: drop tags, scripts and styles.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            for skip in ["<script", "<style"] {
                if lower[i..].starts_with(skip) {
                    let close = format!("</{}", &skip[1..]);
                    i = lower[i..].find(&close).map(|j| i + j).unwrap_or(b.len());
                    break;
                }
            }
            let end = html[i..].find('>').map(|j| i + j + 1).unwrap_or(b.len());
            let tag = &lower[i..end];
            if tag.starts_with("<p") || tag.starts_with("<br") || tag.starts_with("<div") || tag.starts_with("<li")
                || tag.starts_with("<h") || tag.starts_with("</p") || tag.starts_with("<tr")
            {
                out.push('\n');
            }
            i = end;
        } else {
            let next = html[i..].find('<').map(|j| i + j).unwrap_or(b.len());
            out.push_str(&unescape(&html[i..next]));
            i = next;
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Президент Республики Беларусь провёл переговоры в Ташкенте с президентом Узбекистана.");
        let s = decode(&bytes).unwrap();
        assert!(s.contains("Президент"), "{s}");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(from_bytes("x.txt", b"\x00\x01\x02PNG\x00", Kind::Text), Err(SourceError::Binary { .. })));
        assert!(matches!(from_bytes("x.txt", b"  \n ", Kind::Text), Err(SourceError::Empty { .. })));
        assert!(matches!(from_bytes("x.html", b"just words, no markup", Kind::Html), Err(SourceError::NotHtml { .. })));
    }

    #[test]
    fn html_main_text_and_title() {
        let html = r#"<html><head><title>Leaders meet in Accra</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Leaders meet in Accra</h1>
<p>President John Mahama of Ghana held talks with President Bola Tinubu of Nigeria in Accra on Tuesday, officials said.</p>
<p>The two leaders discussed trade, energy and security cooperation across the West African region and beyond.</p>
</article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"#;
        let d = from_bytes("a.html", html.as_bytes(), Kind::Html).unwrap();
        assert!(d.text.contains("held talks with President Bola Tinubu"));
        assert!(!d.text.contains("All rights reserved"));
        assert_eq!(d.title.as_deref(), Some("Leaders meet in Accra"));
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"text\": \"President A met President B in Rome on Monday.\"}\n{broken\n").unwrap();
        let e = read_path(&p).unwrap_err().to_string();
        assert!(e.contains("a.jsonl:2:"), "{e}");
    }
}
