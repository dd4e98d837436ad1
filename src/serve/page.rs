//! What the endpoint root answers: a SPARQL 1.1 Service Description (`sd:`)
//! for machines and the YASGUI query page for people, plus the page's files.

use super::negotiate::{self, Root};
use super::{error, Service};
use oxhttp::model::{header, Body, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

const INDEX: &str = include_str!("../../assets/query-page/index.html");
const PAGE_JS: &str = include_str!("../../assets/query-page/page.js");
const PAGE_CSS: &str = include_str!("../../assets/query-page/page.css");
const YASGUI_JS: &str = include_str!("../../assets/query-page/yasgui/yasgui.min.js");
const YASGUI_CSS: &str = include_str!("../../assets/query-page/yasgui/yasgui.min.css");
const YASGUI_LICENSE: &str = include_str!("../../assets/query-page/yasgui/LICENSE");

/// The canned queries offered as examples, in this order (file name, text).
pub const QUERIES: &[(&str, &str)] = &[
    (
        "who-met-whom.rq",
        include_str!("../../queries/who-met-whom.rq"),
    ),
    (
        "person-meetings.rq",
        include_str!("../../queries/person-meetings.rq"),
    ),
    (
        "persons-and-offices.rq",
        include_str!("../../queries/persons-and-offices.rq"),
    ),
    ("countries.rq", include_str!("../../queries/countries.rq")),
    (
        "documents-between-countries.rq",
        include_str!("../../queries/documents-between-countries.rq"),
    ),
    (
        "trade-over-time.rq",
        include_str!("../../queries/trade-over-time.rq"),
    ),
    ("evidence.rq", include_str!("../../queries/evidence.rq")),
    (
        "network-persons.rq",
        include_str!("../../queries/network-persons.rq"),
    ),
    (
        "network-countries.rq",
        include_str!("../../queries/network-countries.rq"),
    ),
    (
        "network-person-details.rq",
        include_str!("../../queries/network-person-details.rq"),
    ),
    (
        "network-country-details.rq",
        include_str!("../../queries/network-country-details.rq"),
    ),
    (
        "network-evidence.rq",
        include_str!("../../queries/network-evidence.rq"),
    ),
];

/// `# title:` and `# description:` of a canned query (the file name when missing).
pub fn title_and_description(file: &str, text: &str) -> (String, String) {
    let field = |name: &str| {
        text.lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .find_map(|l| {
                l.trim_start_matches('#')
                    .trim()
                    .strip_prefix(name)
                    .map(|v| v.trim().to_string())
            })
    };
    (
        field("title:").unwrap_or_else(|| file.trim_end_matches(".rq").to_string()),
        field("description:").unwrap_or_default(),
    )
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

fn rdf_type() -> NamedNode {
    NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
}

impl Service {
    /// `GET /` (and `GET /query` without a query): the page for browsers, the service description otherwise.
    pub(super) fn root(&self, req: &Request<Body>, head: bool) -> Response<Body> {
        match negotiate::root(super::params::header(req, header::ACCEPT)) {
            Some(Root::Html) => page_file(INDEX, "text/html; charset=utf-8", head),
            Some(Root::Rdf(f)) => {
                let body = self.service_description(req, f);
                let mut r = Response::builder()
                    .status(StatusCode::OK)
                    .header(header::CONTENT_TYPE, f.media_type())
                    .header(header::VARY, "Accept")
                    .body(if head {
                        Body::empty()
                    } else {
                        Body::from(body)
                    })
                    .unwrap_or_else(|_| {
                        error(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "cannot build the response".into(),
                        )
                    });
                r.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static("no-cache"),
                );
                r
            }
            None => super::sparql::not_acceptable(
                "the service description",
                &format!("text/html, {}", negotiate::offered(negotiate::GRAPHS)),
            ),
        }
    }

    /// The files of the query page under `/query-page/`.
    pub(super) fn page_asset(&self, name: &str, head: bool) -> Response<Body> {
        match name {
            "yasgui.min.js" => page_file(YASGUI_JS, "text/javascript; charset=utf-8", head),
            "yasgui.min.css" => page_file(YASGUI_CSS, "text/css; charset=utf-8", head),
            "page.js" => page_file(PAGE_JS, "text/javascript; charset=utf-8", head),
            "page.css" => page_file(PAGE_CSS, "text/css; charset=utf-8", head),
            "LICENSE-yasgui.txt" => page_file(YASGUI_LICENSE, "text/plain; charset=utf-8", head),
            "info.json" => {
                let queries: Vec<serde_json::Value> = QUERIES
                    .iter()
                    .map(|(file, text)| {
                        let (title, description) = title_and_description(file, text);
                        serde_json::json!({ "file": file, "title": title, "description": description, "query": text })
                    })
                    .collect();
                let info = serde_json::json!({
                    "update": self.config.update,
                    "timeout": super::show_duration(self.config.timeout),
                    "maxResults": self.config.max_results,
                    "queries": queries,
                });
                super::json(StatusCode::OK, &info)
            }
            _ => error(
                StatusCode::NOT_FOUND,
                format!("no file {name} in the query page"),
            ),
        }
    }

    /// The endpoint URL as the client reached it (Host header), for sd:endpoint.
    fn base(&self, req: &Request<Body>) -> String {
        let authority = req
            .uri()
            .authority()
            .map(|a| a.as_str().to_string())
            .unwrap_or_else(|| "127.0.0.1".into());
        format!("http://{authority}")
    }

    fn service_description(&self, req: &Request<Body>, format: RdfFormat) -> Vec<u8> {
        let base = self.base(req);
        let mut triples: Vec<Triple> = Vec::new();
        let mut add = |s: &NamedOrBlankNode, p: NamedNode, o: Term| {
            triples.push(Triple::new(s.clone(), p, o))
        };
        let query: NamedOrBlankNode = BlankNode::new_unchecked("query").into();
        let endpoint = |path: &str| {
            NamedNode::new(format!("{base}/{path}"))
                .unwrap_or_else(|_| NamedNode::new_unchecked(format!("http://127.0.0.1/{path}")))
        };
        add(&query, rdf_type(), sd("Service").into());
        add(&query, sd("endpoint"), endpoint("query").into());
        add(&query, sd("supportedLanguage"), sd("SPARQL10Query").into());
        add(&query, sd("supportedLanguage"), sd("SPARQL11Query").into());
        for f in [
            QueryResultsFormat::Json,
            QueryResultsFormat::Xml,
            QueryResultsFormat::Csv,
            QueryResultsFormat::Tsv,
        ] {
            add(
                &query,
                sd("resultFormat"),
                NamedNode::new_unchecked(f.iri()).into(),
            );
        }
        for (f, _) in negotiate::GRAPHS {
            add(
                &query,
                sd("resultFormat"),
                NamedNode::new_unchecked(f.iri()).into(),
            );
        }
        add(&query, sd("feature"), sd("UnionDefaultGraph").into());
        add(&query, sd("feature"), sd("EmptyGraphs").into());
        add(
            &query,
            sd("defaultEntailmentRegime"),
            NamedNode::new_unchecked("http://www.w3.org/ns/entailment/Simple").into(),
        );
        let title = NamedNode::new_unchecked("http://purl.org/dc/terms/title");
        let comment = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#comment");
        add(
            &query,
            title.clone(),
            Literal::new_simple_literal("diplograph: diplomacy news knowledge graph").into(),
        );
        add(
            &query,
            comment.clone(),
            Literal::new_simple_literal(format!(
                "One named graph per article; the default graph is the union of all graphs. {}; each query stops after {} and returns at most {} rows (header result-limit, and result-truncated: true when cut). SERVICE and LOAD <url> are disabled. Graph Store Protocol at {base}/store.",
                if self.config.update { "Updates enabled" } else { "Read-only" },
                super::show_duration(self.config.timeout),
                self.config.max_results
            ))
            .into(),
        );
        if self.config.update {
            let update: NamedOrBlankNode = BlankNode::new_unchecked("update").into();
            add(&update, rdf_type(), sd("Service").into());
            add(&update, sd("endpoint"), endpoint("update").into());
            add(
                &update,
                sd("supportedLanguage"),
                sd("SPARQL11Update").into(),
            );
            add(&update, sd("feature"), sd("EmptyGraphs").into());
            add(
                &update,
                title,
                Literal::new_simple_literal("diplograph: SPARQL Update").into(),
            );
        }
        let mut out = Vec::new();
        let ser = RdfSerializer::from_format(format)
            .with_prefix("sd", SD)
            .unwrap_or_else(|_| RdfSerializer::from_format(format));
        let mut w = ser.for_writer(&mut out);
        for t in &triples {
            if w.serialize_triple(t).is_err() {
                break;
            }
        }
        let _ = w.finish();
        out
    }
}

fn page_file(text: &'static str, content_type: &'static str, head: bool) -> Response<Body> {
    let mut r = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .body(if head {
            Body::empty()
        } else {
            Body::from(text)
        })
        .unwrap_or_else(|_| {
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot build the response".into(),
            )
        });
    if content_type.starts_with("text/html") {
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            ),
        );
        h.insert(
            header::REFERRER_POLICY,
            header::HeaderValue::from_static("no-referrer"),
        );
        h.insert(
            header::X_FRAME_OPTIONS,
            header::HeaderValue::from_static("DENY"),
        );
    }
    r
}
