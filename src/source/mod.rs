//! Files to [`Document`]s: read, check size, decode (UTF-8, BOM, or a detected
//! legacy encoding such as windows-1251), take the main text out of HTML,
//! and mark which lines are article body and which are page boilerplate.
//!
//! The entry point is [`read_input`] (a file's documents and its problems;
//! [`read_path`] is the strict form); [`from_bytes`] does the same for bytes
//! already in memory, [`read_jsonl`] for a JSON Lines stream.
//!
//! Bad input is an error naming the file (and line), never a panic or a
//! mangled text: empty, binary, damaged UTF-8, over [`MAX_BYTES`], not a
//! regular file, a `.html` without markup. Legacy encodings are decoded, and
//! the text is NFC so that spans and IRIs do not depend on the file's form.

mod boilerplate;
pub mod limits;

pub use boilerplate::{classify, Block, BlockKind};

use crate::dates::{self, PartialDate};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Read};
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
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: String },
    #[error("{path}: file too large ({size} bytes; the limit for one article is {limit} bytes = 16 MiB; a .jsonl file is read line by line and may be larger)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: binary data, not text")]
    Binary { path: String },
    #[error("{path}:{line}:{column}: invalid UTF-8 (byte offset {offset}): the text is UTF-8 with damaged bytes; repair the file or save it again as UTF-8")]
    BrokenUtf8 {
        path: String,
        line: usize,
        column: usize,
        offset: usize,
    },
    #[error("{path}: not HTML (no markup found in a .html file)")]
    NotHtml { path: String },
    #[error("{path}: no article text found")]
    NoText { path: String },
    #[error("{path}:{line}: {message}")]
    Record {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: is a directory")]
    Directory { path: String },
    #[error("{path}: not a regular file (a pipe, socket or device)")]
    NotAFile { path: String },
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
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm" | "xhtml") => Kind::Html,
            Some("jsonl" | "ndjson") => Kind::JsonLines,
            _ => Kind::Text,
        }
    }
}

/// What one input file gave: its documents and its problems. A `.jsonl` file can
/// give both (the good records, and one error per broken line).
#[derive(Debug, Default)]
pub struct Input {
    pub docs: Vec<Document>,
    pub errors: Vec<SourceError>,
}

impl Input {
    fn failed(e: SourceError) -> Self {
        Input {
            docs: Vec::new(),
            errors: vec![e],
        }
    }
}

/// Reads one input file into documents (one, or one per line of a `.jsonl`).
/// Strict: the first problem is an error. See [`read_input`] for the lenient form.
pub fn read_path(path: &Path) -> Result<Vec<Document>, SourceError> {
    let mut input = read_input(path);
    if input.errors.is_empty() {
        Ok(input.docs)
    } else {
        Err(input.errors.swap_remove(0))
    }
}

/// Reads one input file: never panics, never blocks on a pipe, never reads more
/// than [`MAX_BYTES`] of a text or HTML file. A `.jsonl` file is streamed line by
/// line; its good records come back with one error per broken line (`FILE:LINE`).
pub fn read_input(path: &Path) -> Input {
    let p = path.display().to_string();
    let io = |e: std::io::Error| SourceError::Io {
        path: p.clone(),
        source: e,
    };
    // Follows symbolic links; a loop or a dangling link is an error here.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Input::failed(io(e)),
    };
    if meta.is_dir() {
        return Input::failed(SourceError::Directory { path: p });
    }
    if !meta.is_file() {
        // Opening a FIFO would block until someone writes to it.
        return Input::failed(SourceError::NotAFile { path: p });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(p.clone());
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Input::failed(io(e)),
    };
    match Kind::of(path) {
        Kind::JsonLines => read_jsonl(&p, &name, std::io::BufReader::new(file), Some(path)),
        kind => {
            if meta.len() > MAX_BYTES {
                return Input::failed(SourceError::TooLarge {
                    path: p,
                    size: meta.len(),
                    limit: MAX_BYTES,
                });
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            // The file may grow while we read it: never take more than the cap.
            if let Err(e) = file.take(MAX_BYTES + 1).read_to_end(&mut bytes) {
                return Input::failed(io(e));
            }
            if bytes.len() as u64 > MAX_BYTES {
                return Input::failed(SourceError::TooLarge {
                    path: p,
                    size: bytes.len() as u64,
                    limit: MAX_BYTES,
                });
            }
            match from_bytes(&name, &bytes, kind) {
                Ok(mut d) => {
                    d.path = Some(path.to_path_buf());
                    Input {
                        docs: vec![d],
                        errors: Vec::new(),
                    }
                }
                Err(e) => Input::failed(e.with_path(&p)),
            }
        }
    }
}

impl SourceError {
    fn with_path(self, p: &str) -> Self {
        let p = p.to_string();
        match self {
            SourceError::Empty { .. } => SourceError::Empty { path: p },
            SourceError::Binary { .. } => SourceError::Binary { path: p },
            SourceError::BrokenUtf8 {
                line,
                column,
                offset,
                ..
            } => SourceError::BrokenUtf8 {
                path: p,
                line,
                column,
                offset,
            },
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

/// Broken lines reported one by one before the rest are summed up.
const MAX_LINE_ERRORS: usize = 20;

/// JSON Lines, one article per line, streamed: a line may be up to [`MAX_BYTES`],
/// the file any size. Each line must be UTF-8 JSON (a BOM on the first line is allowed).
/// `p` names the file in messages, `name` is the base of record ids (`name#LINE`).
pub fn read_jsonl(p: &str, name: &str, mut r: impl BufRead, path: Option<&Path>) -> Input {
    let mut input = Input::default();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut broken = 0usize;
    let mut blank = true;
    let mut record_error = |input: &mut Input, line: usize, message: String| {
        broken += 1;
        if broken <= MAX_LINE_ERRORS {
            input.errors.push(SourceError::Record {
                path: p.to_string(),
                line,
                message,
            });
        }
        broken
    };
    loop {
        buf.clear();
        let n = match (&mut r).take(MAX_BYTES + 1).read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                input.errors.push(SourceError::Io {
                    path: format!("{p}:{}", line_no + 1),
                    source: e,
                });
                break;
            }
        };
        if n == 0 {
            break;
        }
        line_no += 1;
        if line_no == 1 && buf.contains(&0) {
            // A binary file with a .jsonl name: one error, not one per "line".
            return Input::failed(SourceError::Binary {
                path: p.to_string(),
            });
        }
        if buf.len() as u64 > MAX_BYTES && buf.last() != Some(&b'\n') {
            // Skip the rest of the overlong line.
            loop {
                let chunk = match r.fill_buf() {
                    Ok(c) => c,
                    Err(_) => break,
                };
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        r.consume(i + 1);
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        r.consume(len);
                    }
                }
            }
            record_error(
                &mut input,
                line_no,
                format!("record longer than {MAX_BYTES} bytes (16 MiB)"),
            );
            continue;
        }
        let mut line: &[u8] = &buf;
        if line_no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        while let Some((&last, rest)) = line.split_last() {
            if last == b'\n' || last == b'\r' {
                line = rest;
            } else {
                break;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        blank = false;
        let text = match std::str::from_utf8(line) {
            Ok(t) => t,
            Err(e) => {
                let col = String::from_utf8_lossy(&line[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                record_error(
                    &mut input,
                    line_no,
                    format!("invalid UTF-8 at column {col} (JSON Lines must be UTF-8)"),
                );
                continue;
            }
        };
        match record(text, name, line_no) {
            Ok(mut d) => {
                d.path = path.map(Path::to_path_buf);
                input.docs.push(d);
            }
            Err(message) => {
                let n = record_error(&mut input, line_no, message);
                if input.docs.is_empty() && n >= 5 {
                    // Five broken lines and not one good one: this is not JSON Lines.
                    input.errors.truncate(1);
                    input.errors.push(SourceError::Record {
                        path: p.to_string(),
                        line: line_no,
                        message: "stopped reading: the first lines are not JSON articles, is this really a .jsonl file?".into(),
                    });
                    return input;
                }
            }
        }
    }
    if broken > MAX_LINE_ERRORS {
        input.errors.push(SourceError::Record {
            path: p.to_string(),
            line: line_no,
            message: format!("{} more broken lines not listed", broken - MAX_LINE_ERRORS),
        });
    }
    if blank && input.errors.is_empty() {
        input.errors.push(SourceError::Empty {
            path: p.to_string(),
        });
    }
    input
}

/// One JSON Lines record to a document.
fn record(line: &str, name: &str, line_no: usize) -> Result<Document, String> {
    let rec: Record = serde_json::from_str(line).map_err(|e| format!("not a JSON article: {e}"))?;
    let id = rec
        .id
        .clone()
        .unwrap_or_else(|| format!("{name}#{line_no}"));
    let (body, kind) = match (rec.text, rec.html) {
        (Some(t), _) => (t, Kind::Text),
        (None, Some(h)) => (h, Kind::Html),
        _ => return Err("record has neither \"text\" nor \"html\"".into()),
    };
    let mut d = from_bytes(&id, body.as_bytes(), kind).map_err(|e| e.to_string())?;
    d.url = rec.url.map(|u| nfc(&u)).or(d.url);
    if let Some(t) = rec.title {
        d.title = Some(nfc(&t));
    }
    if let Some(pd) = rec
        .published
        .as_deref()
        .and_then(|s| dates::find_dates(s).first().map(|h| h.date))
    {
        d.date = pd.to_date().or(d.date);
    }
    Ok(d)
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// NUL bytes or control characters: not text in any encoding.
    Binary,
    /// Mostly valid UTF-8 with damaged bytes; the first bad byte's position (1-based line and column).
    BrokenUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
}

/// Decodes bytes: BOM, then UTF-8, then a detected legacy encoding. `None` for binary data
/// or damaged UTF-8 (see [`decode_text`] for which).
pub fn decode(bytes: &[u8]) -> Option<String> {
    decode_text(bytes, None).ok()
}

/// Decodes bytes to text: a byte-order mark decides; then UTF-16 without a BOM (NULs in
/// every other byte); then UTF-8; then `declared` (an HTML page's charset); then, when
/// the bytes are mostly good UTF-8 with a few bad bytes, an error naming the first one
/// (decoding them as windows-1252 would mangle every accented letter); then a legacy
/// encoding (windows-1251, KOI8-R, windows-1252 ...) detected by chardetng.
pub fn decode_text(
    bytes: &[u8],
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<String, NotText> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            return match std::str::from_utf8(&bytes[bom..]) {
                Ok(s) => plausible(s.to_string()),
                Err(e) => Err(broken_at(bytes, bom + e.valid_up_to())),
            };
        }
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return plausible(s.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return match utf16_without_bom(head) {
            Some(enc) => {
                let (s, _) = enc.decode_without_bom_handling(bytes);
                plausible(s.into_owned())
            }
            None => Err(NotText::Binary),
        };
    }
    let e = match std::str::from_utf8(bytes) {
        Ok(s) => return plausible(s.to_string()),
        Err(e) => e,
    };
    if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (s, _) = enc.decode_without_bom_handling(bytes);
        return plausible(s.into_owned());
    }
    if mostly_utf8(bytes) {
        return Err(broken_at(bytes, e.valid_up_to()));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    let (s, _, _) = enc.decode(bytes);
    plausible(s.into_owned())
}

/// Control characters other than whitespace mean this was never text.
fn plausible(s: String) -> Result<String, NotText> {
    let controls = s
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace() && *c != '\u{0}')
        .count();
    let nul = s.chars().filter(|c| *c == '\u{0}').count();
    if (controls + nul) * 20 > s.chars().count().max(1) {
        return Err(NotText::Binary);
    }
    Ok(s)
}

/// UTF-16 text without a byte-order mark: ASCII-range letters leave a NUL in every other byte.
fn utf16_without_bom(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 9 && even * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// At least as many good multi-byte UTF-8 characters as bad sequences: UTF-8 with
/// damaged bytes. Legacy 8-bit text (windows-1251, KOI8-R, latin-1) is the opposite:
/// nearly every high byte is a bad sequence and good ones are coincidences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (ok, tail) = rest.split_at(e.valid_up_to());
                // SAFETY-free: the prefix was just validated.
                good += std::str::from_utf8(ok)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                rest = &tail[e.error_len().unwrap_or(tail.len()).max(1).min(tail.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    good > 0 && good >= bad
}

fn broken_at(bytes: &[u8], offset: usize) -> NotText {
    let offset = offset.min(bytes.len());
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    NotText::BrokenUtf8 {
        offset,
        line,
        column,
    }
}

/// The charset an HTML page declares in its first 2 KiB (`<meta charset=...>` or `content="...; charset=..."`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let i = head.find("charset=")? + "charset=".len();
    let label: String = head[i..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Builds a document from bytes in memory. `name` becomes its id.
pub fn from_bytes(name: &str, bytes: &[u8], kind: Kind) -> Result<Document, SourceError> {
    let path = name.to_string();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty { path });
    }
    let hash = hex(&Sha256::digest(bytes));
    let declared = if kind == Kind::Html {
        declared_charset(bytes)
    } else {
        None
    };
    let decoded = decode_text(bytes, declared).map_err(|e| match e {
        NotText::Binary => SourceError::Binary { path: path.clone() },
        NotText::BrokenUtf8 {
            offset,
            line,
            column,
        } => SourceError::BrokenUtf8 {
            path: path.clone(),
            line,
            column,
            offset,
        },
    })?;
    let looks_html = {
        let t = decoded.trim_start();
        let mut cut = 512.min(t.len());
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        let t = t[..cut].to_ascii_lowercase();
        t.starts_with("<!doctype html")
            || t.starts_with("<html")
            || t.contains("<body")
            || t.contains("<head")
    };
    let (text, title, mut date, url) = match kind {
        Kind::Html | Kind::JsonLines
            if looks_html || decoded.contains("</p>") || decoded.contains("<div") =>
        {
            html_to_text(&decoded)
        }
        Kind::Html => return Err(SourceError::NotHtml { path }),
        _ if looks_html => html_to_text(&decoded),
        _ => (
            decoded.replace("\r\n", "\n").replace('\r', "\n"),
            None,
            None,
            None,
        ),
    };
    // NFC: the same words give the same spans, names and IRIs whether the file was
    // written composed (most systems) or decomposed (macOS file names, some CMSs).
    let text = nfc(&text.replace('\u{0}', ""));
    if text.trim().is_empty() {
        return Err(SourceError::NoText { path });
    }
    let mut title = title.map(|t| nfc(&t));
    let url = url.map(|u| nfc(&u));
    let blocks = classify(&text);
    let (found_title, found_date, partial) = boilerplate::title_and_date(&text, &blocks);
    if title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        title = found_title;
    }
    date = date.or(found_date);
    // "SEOUL, April 25 (Yonhap)" with "... on April 25, 2024." in a caption or the body: the
    // same day written in full gives the year.
    if date.is_none() {
        if let Some(p) = partial {
            date = blocks
                .iter()
                .flat_map(|b| crate::dates::find_dates(&text[b.start..b.end]))
                .map(|h| h.date)
                .find(|d| d.year.is_some() && d.month == p.month && d.day == p.day)
                .and_then(|d| d.to_date());
        }
    }
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

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Main text of an HTML page (Readability), one paragraph per line, with title, date and URL.
static LI_OPEN: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)<li\b[^>]*>").expect("li regex"));

fn html_to_text(
    html: &str,
) -> (
    String,
    Option<String>,
    Option<jiff::civil::Date>,
    Option<String>,
) {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    // A page too deep, too wide or too large for the parser gets the linear stripper (limits.rs).
    if limits::check(html).is_err() {
        return (strip_tags(html), None, None, None);
    }
    // List items keep a bullet, so a list of signed documents stays a list in the text.
    let html = LI_OPEN.replace_all(html, "${0}- ");
    // A defect in the parser costs this page its niceties, not the run.
    let parsed = std::panic::catch_unwind(|| {
        dom_smoothie::Readability::new(html.as_ref(), None, Some(cfg))
            .ok()
            .and_then(|mut r| r.parse().ok())
    })
    .ok()
    .flatten();
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
        _ => (strip_tags(&html), None, None, None),
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
            if tag.starts_with("<p")
                || tag.starts_with("<br")
                || tag.starts_with("<div")
                || tag.starts_with("<li")
                || tag.starts_with("<h")
                || tag.starts_with("</p")
                || tag.starts_with("<tr")
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
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Президент Республики Беларусь провёл переговоры в Ташкенте с президентом Узбекистана.",
        );
        let s = decode(&bytes).unwrap();
        assert!(s.contains("Президент"), "{s}");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            from_bytes("x.txt", b"\x00\x01\x02PNG\x00", Kind::Text),
            Err(SourceError::Binary { .. })
        ));
        assert!(matches!(
            from_bytes("x.txt", b"  \n ", Kind::Text),
            Err(SourceError::Empty { .. })
        ));
        assert!(matches!(
            from_bytes("x.html", b"just words, no markup", Kind::Html),
            Err(SourceError::NotHtml { .. })
        ));
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
    fn decodes_koi8_r_and_utf16_without_bom() {
        let text = "Президент Республики Беларусь провёл переговоры в Ташкенте с президентом Узбекистана. Стороны обсудили торговлю, ещё раз подтвердив курс на сотрудничество.";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        assert_eq!(decode(&bytes).as_deref(), Some(text));
        let le: Vec<u8> = "President A met President B in Rome."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&le).as_deref(),
            Some("President A met President B in Rome.")
        );
    }

    #[test]
    fn damaged_utf8_is_refused_with_its_position_not_mangled() {
        let mut bytes = "Erdoğan met Łukašenka in Ankara.\nThe two presidents — both — spoke."
            .as_bytes()
            .to_vec();
        let at = bytes.iter().position(|&b| b == b'T').unwrap() + 4;
        bytes.insert(at, 0xFF);
        match from_bytes("x.txt", &bytes, Kind::Text) {
            Err(SourceError::BrokenUtf8 {
                line: 2,
                column: 5,
                offset,
                ..
            }) => assert_eq!(offset, at),
            other => panic!("{other:?}"),
        }
        // Latin-1 text is not damaged UTF-8: it is decoded.
        let (latin, _, _) =
            encoding_rs::WINDOWS_1252.encode("Le président a rencontré le ministre à Genève.");
        assert_eq!(
            decode(&latin).as_deref(),
            Some("Le président a rencontré le ministre à Genève.")
        );
    }

    #[test]
    fn text_is_nfc() {
        let d = from_bytes(
            "x.txt",
            "President Recep Tayyip Erdog\u{306}an met the Prime Minister in Ankara.".as_bytes(),
            Kind::Text,
        )
        .unwrap();
        assert!(d.text.contains("Erdoğan"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe.txt");
        let ok = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok {
            assert!(matches!(read_path(&p), Err(SourceError::NotAFile { .. })));
        }
    }

    #[test]
    fn jsonl_keeps_good_lines_and_names_the_broken_one() {
        let input = read_jsonl(
            "a.jsonl",
            "a.jsonl",
            "{\"text\": \"President A met President B in Rome on Monday.\"}\n{broken\n\n{\"text\": \"President C met President D in Paris.\"}\n".as_bytes(),
            None,
        );
        assert_eq!(input.docs.len(), 2);
        assert_eq!(input.docs[1].id, "a.jsonl#4");
        assert_eq!(input.errors.len(), 1);
        assert!(
            input.errors[0].to_string().starts_with("a.jsonl:2: "),
            "{}",
            input.errors[0]
        );
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(
            &p,
            "{\"text\": \"President A met President B in Rome on Monday.\"}\n{broken\n",
        )
        .unwrap();
        let e = read_path(&p).unwrap_err().to_string();
        assert!(e.contains("a.jsonl:2:"), "{e}");
    }
}
