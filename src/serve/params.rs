//! Request plumbing: form and query-string decoding, bounded body reads,
//! media types of request bodies.

use oxhttp::model::{header, Body, Request};
use std::io::Read;

/// `application/x-www-form-urlencoded` pairs (also a URL's query string).
pub fn form(encoded: &[u8]) -> Vec<(String, String)> {
    encoded
        .split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let k = decode(it.next().unwrap_or_default());
            let v = decode(it.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

/// Percent-decoding with `+` as a space; invalid UTF-8 is replaced.
pub fn decode(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(s[i + 1]), hex(s[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of a query-string value (RFC 3986 unreserved characters kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL's query-string pairs.
pub fn url_params(req: &Request<Body>) -> Vec<(String, String)> {
    form(req.uri().query().unwrap_or("").as_bytes())
}

/// A header's value as text.
pub fn header(req: &Request<Body>, name: header::HeaderName) -> Option<&str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The request's media type without parameters, lower case (`text/html; charset=x` -> `text/html`).
pub fn content_type(req: &Request<Body>) -> Option<String> {
    header(req, header::CONTENT_TYPE)
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|c| !c.is_empty())
}

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError {
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads the body, refusing more than `limit` bytes (before reading when Content-Length says so).
/// A refused body is not read any further: the request is marked `Connection: close`, so
/// the 413 goes out at once and the connection ends, instead of oxhttp draining (or waiting
/// for) the rest of a body that may never come.
pub fn body(req: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, BodyError> {
    let declared = req.body().len();
    let mut buf = Vec::new();
    if declared.is_none_or(|len| len <= limit) {
        req.body_mut()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(BodyError::Io)?;
        if buf.len() as u64 <= limit {
            return Ok(buf);
        }
    }
    *req.body_mut() = Body::empty();
    req.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    Err(BodyError::TooLarge(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"a+b%20c%3D"), "a b c=");
        assert_eq!(decode(b"100%"), "100%");
        assert_eq!(decode(b"%zz%4"), "%zz%4");
        assert_eq!(
            form(b"query=SELECT+*&x=%C3%A9&flag"),
            vec![
                ("query".into(), "SELECT *".into()),
                ("x".into(), "é".into()),
                ("flag".into(), String::new())
            ]
        );
        assert_eq!(
            decode(encode("GRAPH <http://a/b?c=d&e> é").as_bytes()),
            "GRAPH <http://a/b?c=d&e> é"
        );
    }
}
