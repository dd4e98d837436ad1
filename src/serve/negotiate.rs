//! HTTP content negotiation: the `Accept` header with `q=` weights, `type/*`
//! and `*/*` ranges, against the formats the server can write.
//!
//! The most specific range that matches a media type decides its weight
//! (RFC 9110 §12.5.1): `text/*;q=0.5, text/csv;q=0` accepts TSV at 0.5 and
//! refuses CSV. Among formats of equal weight the server's order wins, so the
//! first format of each list is the default for `*/*` and for no `Accept`.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    sub: String,
    q: f32,
}

/// Parses an `Accept` header; malformed entries are skipped, a malformed `q` counts as 1.
fn parse(accept: &str) -> Vec<Range> {
    let mut out = Vec::new();
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let Some((kind, sub)) = media.split_once('/') else {
            continue;
        };
        let (kind, sub) = (kind.trim(), sub.trim());
        if kind.is_empty() || sub.is_empty() || (kind == "*" && sub != "*") {
            continue;
        }
        let mut q = 1.0f32;
        for p in parts {
            if let Some((k, v)) = p.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    q = v
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| q.is_finite())
                        .map(|q| q.clamp(0.0, 1.0))
                        .unwrap_or(1.0);
                }
            }
        }
        out.push(Range {
            kind: kind.to_string(),
            sub: sub.to_string(),
            q,
        });
    }
    out
}

/// The weight an `Accept` header gives one media type (0 when nothing matches).
fn weight(ranges: &[Range], media: &str) -> f32 {
    let (kind, sub) = media.split_once('/').unwrap_or((media, ""));
    let mut best: Option<(u8, f32)> = None;
    for r in ranges {
        let specificity = if r.kind == kind && r.sub == sub {
            2
        } else if r.kind == kind && r.sub == "*" {
            1
        } else if r.kind == "*" {
            0
        } else {
            continue;
        };
        match best {
            Some((s, q)) if s > specificity || (s == specificity && q >= r.q) => {}
            _ => best = Some((specificity, r.q)),
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// Picks the candidate the client weighs highest; `None` when every weight is 0.
/// Candidates are (value, media types it is served under), in server preference order.
pub fn choose<T: Copy>(accept: Option<&str>, candidates: &[(T, &[&str])]) -> Option<T> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return candidates.first().map(|c| c.0);
    };
    let ranges = parse(accept);
    if ranges.is_empty() {
        return candidates.first().map(|c| c.0);
    }
    let mut best: Option<(T, f32)> = None;
    for (value, types) in candidates {
        let q = types
            .iter()
            .map(|t| weight(&ranges, t))
            .fold(0.0f32, f32::max);
        if q > 0.0 && best.as_ref().is_none_or(|(_, bq)| q > *bq) {
            best = Some((*value, q));
        }
    }
    best.map(|b| b.0)
}

/// SELECT and ASK result formats, JSON first.
pub const RESULTS: &[(QueryResultsFormat, &[&str])] = &[
    (
        QueryResultsFormat::Json,
        &["application/sparql-results+json", "application/json"],
    ),
    (
        QueryResultsFormat::Xml,
        &[
            "application/sparql-results+xml",
            "application/xml",
            "text/xml",
        ],
    ),
    (QueryResultsFormat::Csv, &["text/csv"]),
    (QueryResultsFormat::Tsv, &["text/tab-separated-values"]),
];

/// CONSTRUCT and DESCRIBE (and Graph Store GET) formats, Turtle first.
pub const GRAPHS: &[(RdfFormat, &[&str])] = &[
    (RdfFormat::Turtle, &["text/turtle", "application/x-turtle"]),
    (
        RdfFormat::NTriples,
        &["application/n-triples", "text/plain"],
    ),
    (RdfFormat::NQuads, &["application/n-quads"]),
    (RdfFormat::TriG, &["application/trig"]),
    (
        RdfFormat::RdfXml,
        &["application/rdf+xml", "application/xml", "text/xml"],
    ),
    (
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        &["application/ld+json", "application/json"],
    ),
];

/// Formats that keep named graphs (a whole-store GET), N-Quads first.
pub const DATASETS: &[(RdfFormat, &[&str])] = &[
    (RdfFormat::NQuads, &["application/n-quads"]),
    (RdfFormat::TriG, &["application/trig"]),
    (
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        &["application/ld+json", "application/json"],
    ),
];

/// Every media type of a list, for 406 messages.
pub fn offered<T>(list: &[(T, &[&str])]) -> String {
    list.iter()
        .flat_map(|(_, t)| t.iter().copied())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the endpoint root answers: the service description in an RDF format, or the query page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    Rdf(RdfFormat),
    Html,
}

/// Browsers (`text/html` first) get the page; RDF clients and `*/*` the service description.
pub fn root(accept: Option<&str>) -> Option<Root> {
    let mut list: Vec<(Root, &[&str])> = GRAPHS.iter().map(|(f, t)| (Root::Rdf(*f), *t)).collect();
    list.push((Root::Html, &["text/html", "application/xhtml+xml"]));
    // A browser's `text/html, ..., application/xml;q=0.9` must give the page: html wins a tie.
    let accept_s = accept.unwrap_or("");
    let ranges = parse(accept_s);
    let html = ["text/html", "application/xhtml+xml"]
        .iter()
        .map(|t| weight(&ranges, t))
        .fold(0.0f32, f32::max);
    let rdf = choose(accept, GRAPHS);
    if html > 0.0 {
        let rdf_q = rdf.map_or(0.0, |f| {
            GRAPHS.iter().find(|(g, _)| *g == f).map_or(0.0, |(_, t)| {
                t.iter().map(|m| weight(&ranges, m)).fold(0.0f32, f32::max)
            })
        });
        // Only an explicit html range (not */*) makes the page win.
        let explicit = ranges.iter().any(|r| {
            (r.kind == "text" && r.sub == "html")
                || (r.kind == "application" && r.sub == "xhtml+xml")
        });
        if explicit && html >= rdf_q {
            return Some(Root::Html);
        }
    }
    rdf.map(Root::Rdf).or_else(|| choose(accept, &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_specificity() {
        assert_eq!(choose(None, RESULTS), Some(QueryResultsFormat::Json));
        assert_eq!(choose(Some("*/*"), RESULTS), Some(QueryResultsFormat::Json));
        assert_eq!(
            choose(Some("text/csv"), RESULTS),
            Some(QueryResultsFormat::Csv)
        );
        assert_eq!(
            choose(Some("text/*;q=0.5, text/csv;q=0"), RESULTS),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(
            choose(
                Some("application/sparql-results+json;q=0.2, text/tab-separated-values"),
                RESULTS
            ),
            Some(QueryResultsFormat::Tsv)
        );
        assert_eq!(choose(Some("image/png"), RESULTS), None);
        assert_eq!(choose(Some("text/csv;q=0"), RESULTS), None);
        assert_eq!(
            choose(Some("application/n-triples"), GRAPHS),
            Some(RdfFormat::NTriples)
        );
    }

    #[test]
    fn browsers_get_the_page() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(root(Some(firefox)), Some(Root::Html));
        assert_eq!(root(Some("*/*")), Some(Root::Rdf(RdfFormat::Turtle)));
        assert_eq!(root(None), Some(Root::Rdf(RdfFormat::Turtle)));
        assert_eq!(
            root(Some("application/rdf+xml")),
            Some(Root::Rdf(RdfFormat::RdfXml))
        );
    }
}
