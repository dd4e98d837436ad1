//! `diplograph serve` and `push`: the SPARQL 1.1 Protocol and Graph Store
//! Protocol in-process through `serve::Service::handle`, and the real binary on
//! a loopback port for what only a process shows (the store lock, push over
//! HTTP). Every safety default has a test that fails without it.

use diplograph::lexicon::Lexicon;
use diplograph::serve::{Config, Service};
use diplograph::store::{Access, Store};
use oxhttp::model::{Body, HeaderMap, Request, StatusCode};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("diplograph")
}

fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// The seeds built once into a store no test opens (copies are made from it).
fn pristine() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        let p = scratch().join("pristine");
        let out = Command::new(bin())
            .current_dir(root())
            .arg("build")
            .arg("--store")
            .arg(&p)
            .arg("seeds")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        p
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A private copy of the seeds store, for tests that write or lock.
fn copy_of_seeds(name: &str) -> PathBuf {
    let p = scratch().join(name);
    copy_dir(pristine(), &p);
    p
}

fn lexicon() -> Arc<Lexicon> {
    static L: OnceLock<Arc<Lexicon>> = OnceLock::new();
    L.get_or_init(|| Arc::new(Lexicon::load(Some(&root().join("ontology"))).unwrap()))
        .clone()
}

/// One read-only seeds store shared by the tests that only read (one process may open it once).
fn shared() -> Arc<Store> {
    static S: OnceLock<Arc<Store>> = OnceLock::new();
    S.get_or_init(|| Arc::new(Store::open(&copy_of_seeds("shared"), Access::Write).unwrap()))
        .clone()
}

fn reader(config: Config) -> Service {
    Service::new(shared(), lexicon(), config)
}

fn writer(name: &str, config: Config) -> Service {
    let store = Store::open(&copy_of_seeds(name), Access::Write).unwrap();
    Service::new(
        Arc::new(store),
        lexicon(),
        Config {
            update: true,
            ..config
        },
    )
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

fn call(svc: &Service, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("http://localhost:7878{target}"));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut req = b.body(Body::from(body.to_vec())).unwrap();
    let resp = svc.handle(&mut req);
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().to_string().unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

fn enc(s: &str) -> String {
    diplograph::serve::params::encode(s)
}

fn get_query(svc: &Service, q: &str, accept: Option<&str>) -> Reply {
    let h: Vec<(&str, &str)> = accept.map(|a| vec![("accept", a)]).unwrap_or_default();
    call(svc, "GET", &format!("/query?query={}", enc(q)), &h, b"")
}

/// The number in a one-cell JSON result.
fn json_count(body: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    v["results"]["bindings"][0]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn json_rows(body: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    v["results"]["bindings"].as_array().unwrap().len()
}

fn count(svc: &Service, q: &str) -> usize {
    let r = get_query(svc, q, None);
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    json_count(&r.body)
}

const ALL_IN_GRAPHS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
/// Two unrelated patterns: a cartesian product of the store with itself, seconds of work.
const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";

fn triples(body: &str, format: oxigraph::io::RdfFormat) -> usize {
    oxigraph::io::RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| q.unwrap_or_else(|e| panic!("{e}\n{body}")))
        .count()
}

#[test]
fn query_by_get_form_and_direct_post_agree() {
    let svc = reader(Config::default());
    let q = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p";
    let a = get_query(&svc, q, None);
    let b = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/x-www-form-urlencoded")],
        format!("query={}", enc(q)).as_bytes(),
    );
    let c = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/sparql-query")],
        q.as_bytes(),
    );
    for r in [&a, &b, &c] {
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.content_type(), "application/sparql-results+json");
    }
    assert!(json_rows(&a.body) > 10);
    assert_eq!(a.body, b.body);
    assert_eq!(a.body, c.body);
    // The default graph is the union of the article graphs, as in `diplograph query`.
    assert_eq!(
        count(&svc, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        count(&svc, ALL_IN_GRAPHS)
    );
    // default-graph-uri narrows it to one graph.
    let onto = "https://w3id.org/diplograph/graph/ontology";
    let r = call(
        &svc,
        "GET",
        &format!(
            "/query?query={}&default-graph-uri={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
            enc(onto)
        ),
        &[],
        b"",
    );
    assert_eq!(
        json_count(&r.body),
        count(
            &svc,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{onto}> {{ ?s ?p ?o }} }}")
        )
    );
    // Two queries in one request, no query in a POST, a wrong body type.
    let r = call(
        &svc,
        "GET",
        &format!("/query?query={}&query={}", enc("ASK {}"), enc("ASK {}")),
        &[],
        b"",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/x-www-form-urlencoded")],
        b"x=1",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "image/png")],
        b"x",
    );
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = call(&svc, "DELETE", "/query", &[], b"");
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[test]
fn accept_negotiation_with_weights_and_406() {
    let svc = reader(Config::default());
    let select = "SELECT ?s WHERE { ?s a <http://schema.org/Country> } LIMIT 3";
    let cases = [
        (None, "application/sparql-results+json"),
        (Some("*/*"), "application/sparql-results+json"),
        (Some("application/json"), "application/sparql-results+json"),
        (
            Some("application/sparql-results+xml"),
            "application/sparql-results+xml",
        ),
        (Some("text/csv"), "text/csv; charset=utf-8"),
        (
            Some("text/tab-separated-values"),
            "text/tab-separated-values; charset=utf-8",
        ),
        (
            Some("application/sparql-results+json;q=0.1, text/csv;q=0.9"),
            "text/csv; charset=utf-8",
        ),
        (
            Some("text/*;q=0.5, text/csv;q=0"),
            "application/sparql-results+xml",
        ),
        (
            Some("image/png, */*;q=0.1"),
            "application/sparql-results+json",
        ),
    ];
    for (accept, expected) in cases {
        let r = get_query(&svc, select, accept);
        assert_eq!(r.status, StatusCode::OK, "{accept:?}: {}", r.body);
        assert_eq!(r.content_type(), expected, "{accept:?}");
    }
    let csv = get_query(&svc, select, Some("text/csv")).body;
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.starts_with("s\r\n") || csv.starts_with("s\n"), "{csv}");

    for accept in ["image/png", "text/csv;q=0", "text/turtle"] {
        let r = get_query(&svc, select, Some(accept));
        assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE, "{accept}: {}", r.body);
        assert!(
            r.body.contains("application/sparql-results+json"),
            "406 names what is offered: {}",
            r.body
        );
    }
    let r = get_query(&svc, "ASK { ?s ?p ?o }", Some("text/csv"));
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("true"));

    // CONSTRUCT: every RDF format, the same triples in each.
    let construct = "CONSTRUCT { ?c <http://schema.org/name> ?n } WHERE { ?c a <http://schema.org/Country> ; <http://schema.org/name> ?n } LIMIT 20";
    use oxigraph::io::{JsonLdProfileSet, RdfFormat};
    let formats = [
        (None, "text/turtle", RdfFormat::Turtle),
        (
            Some("application/n-triples"),
            "application/n-triples",
            RdfFormat::NTriples,
        ),
        (
            Some("application/rdf+xml"),
            "application/rdf+xml",
            RdfFormat::RdfXml,
        ),
        (
            Some("application/ld+json"),
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        ),
        (
            Some("application/trig"),
            "application/trig",
            RdfFormat::TriG,
        ),
        (
            Some("application/n-quads"),
            "application/n-quads",
            RdfFormat::NQuads,
        ),
        (
            Some("text/html;q=0.9, text/turtle;q=0.2, application/n-triples;q=0.3"),
            "application/n-triples",
            RdfFormat::NTriples,
        ),
    ];
    for (accept, expected, format) in formats {
        let r = get_query(&svc, construct, accept);
        assert_eq!(r.status, StatusCode::OK, "{accept:?}: {}", r.body);
        assert!(
            r.content_type().starts_with(expected),
            "{accept:?}: {}",
            r.content_type()
        );
        assert_eq!(triples(&r.body, format), 20, "{accept:?}");
    }
    let r = get_query(&svc, construct, Some("text/csv"));
    assert_eq!(r.status, StatusCode::NOT_ACCEPTABLE);
    assert!(r.body.contains("text/turtle"), "{}", r.body);
}

#[test]
fn malformed_query_is_400_with_line_and_column() {
    let svc = reader(Config::default());
    let r = get_query(&svc, "SELECT ?s\nWHERE { ?s ?p }", None);
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        regex::Regex::new(r"\b2:\d+").unwrap().is_match(&r.body),
        "position in {}",
        r.body
    );
    let r = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/sparql-query")],
        b"SELEC * WHERE {}",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("1:"), "{}", r.body);
    let r = get_query(&svc, "SELECT * WHERE { ?s ?p ?o }", None);
    assert_eq!(r.status, StatusCode::OK);
    let r = call(
        &svc,
        "GET",
        &format!(
            "/query?query={}&default-graph-uri=not%20an%20iri",
            enc("ASK {}")
        ),
        &[],
        b"",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[test]
fn writes_are_refused_without_update_and_updates_on_get() {
    let svc = reader(Config::default());
    let before = count(&svc, ALL_IN_GRAPHS);
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }";
    let form = format!("update={}", enc(insert));
    let cases: Vec<(&str, String, Vec<(&str, &str)>, Vec<u8>, StatusCode)> = vec![
        (
            "POST",
            "/update".into(),
            vec![("content-type", "application/x-www-form-urlencoded")],
            form.clone().into_bytes(),
            StatusCode::FORBIDDEN,
        ),
        (
            "POST",
            "/update".into(),
            vec![("content-type", "application/sparql-update")],
            insert.as_bytes().to_vec(),
            StatusCode::FORBIDDEN,
        ),
        (
            "GET",
            format!("/update?update={}", enc(insert)),
            vec![],
            vec![],
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "POST",
            "/query".into(),
            vec![("content-type", "application/x-www-form-urlencoded")],
            form.clone().into_bytes(),
            StatusCode::FORBIDDEN,
        ),
        (
            "GET",
            format!("/query?update={}", enc(insert)),
            vec![],
            vec![],
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "PUT",
            "/store?graph=http://example.org/g".into(),
            vec![("content-type", "text/turtle")],
            b"<http://a/s> <http://a/p> 1 .".to_vec(),
            StatusCode::FORBIDDEN,
        ),
        (
            "POST",
            "/store?graph=http://example.org/g".into(),
            vec![("content-type", "text/turtle")],
            b"<http://a/s> <http://a/p> 1 .".to_vec(),
            StatusCode::FORBIDDEN,
        ),
        (
            "DELETE",
            "/store?graph=https://w3id.org/diplograph/graph/ontology".into(),
            vec![],
            vec![],
            StatusCode::FORBIDDEN,
        ),
        (
            "POST",
            "/articles?name=x".into(),
            vec![("content-type", "text/plain")],
            b"President A met President B in Minsk on Monday.".to_vec(),
            StatusCode::FORBIDDEN,
        ),
    ];
    for (method, target, headers, body, expected) in cases {
        let r = call(&svc, method, &target, &headers, &body);
        assert_eq!(r.status, expected, "{method} {target}: {}", r.body);
    }
    assert_eq!(count(&svc, ALL_IN_GRAPHS), before, "nothing changed");

    // With --update, a GET update is still refused.
    let svc = writer("get-update", Config::default());
    let r = call(
        &svc,
        "GET",
        &format!("/update?update={}", enc(insert)),
        &[],
        b"",
    );
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.header("allow"), Some("POST"));
    let r = call(
        &svc,
        "POST",
        "/update",
        &[("content-type", "application/sparql-update")],
        insert.as_bytes(),
    );
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        count(
            &svc,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
        ),
        1
    );
    // YASGUI sends updates to the query URL as a form.
    let r = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/x-www-form-urlencoded")],
        format!("update={}", enc("DROP GRAPH <http://example.org/g>")).as_bytes(),
    );
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = call(
        &svc,
        "POST",
        "/update",
        &[("content-type", "application/sparql-update")],
        b"DROP GRAPH <http://example.org/g>",
    );
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "dropping a missing graph: {}",
        r.body
    );
    let r = call(
        &svc,
        "POST",
        "/update",
        &[("content-type", "application/sparql-update")],
        b"INSERT DATA { <a> }",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[test]
fn graph_store_protocol_status_codes() {
    let svc = writer("gsp", Config::default());
    let g = "/store?graph=http%3A%2F%2Fexample.org%2Fgraph%2F1";
    let ttl = [("content-type", "text/turtle")];
    assert_eq!(call(&svc, "GET", g, &[], b"").status, StatusCode::NOT_FOUND);
    assert_eq!(
        call(&svc, "HEAD", g, &[], b"").status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&svc, "DELETE", g, &[], b"").status,
        StatusCode::NOT_FOUND
    );
    let r = call(
        &svc,
        "PUT",
        g,
        &ttl,
        b"<http://example.org/s> <http://example.org/p> \"one\" .",
    );
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = call(
        &svc,
        "PUT",
        g,
        &ttl,
        b"<http://example.org/s> <http://example.org/p> \"two\" .",
    );
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = call(&svc, "GET", g, &[], b"");
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "text/turtle");
    assert!(
        r.body.contains("\"two\"") && !r.body.contains("\"one\""),
        "PUT replaces: {}",
        r.body
    );
    let r = call(
        &svc,
        "POST",
        g,
        &[("content-type", "application/n-triples")],
        b"<http://example.org/s> <http://example.org/p> \"three\" .\n",
    );
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = call(&svc, "GET", g, &[("accept", "application/n-triples")], b"");
    assert_eq!(
        triples(&r.body, oxigraph::io::RdfFormat::NTriples),
        2,
        "POST merges: {}",
        r.body
    );
    let r = call(&svc, "HEAD", g, &[], b"");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.is_empty());
    let r = call(
        &svc,
        "POST",
        "/store?graph=http://example.org/graph/2",
        &ttl,
        b"<http://example.org/s> <http://example.org/p> 2 .",
    );
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        call(&svc, "DELETE", g, &[], b"").status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(call(&svc, "GET", g, &[], b"").status, StatusCode::NOT_FOUND);
    // The (empty) default graph.
    let r = call(
        &svc,
        "GET",
        "/store?default",
        &[("accept", "application/n-triples")],
        b"",
    );
    assert_eq!(r.status, StatusCode::OK);
    // Bad requests.
    assert_eq!(
        call(&svc, "PUT", g, &[("content-type", "image/png")], b"x").status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        call(&svc, "PUT", g, &[], b"x").status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let r = call(
        &svc,
        "PUT",
        g,
        &ttl,
        b"<http://example.org/s> <http://example.org/p> .",
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        call(&svc, "GET", g, &[], b"").status,
        StatusCode::NOT_FOUND,
        "a failed PUT changes nothing"
    );
    assert_eq!(
        call(&svc, "GET", "/store?graph=relative", &[], b"").status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(&svc, "PUT", "/store", &ttl, b"").status,
        StatusCode::BAD_REQUEST,
        "never replace the whole store"
    );
    assert_eq!(
        call(&svc, "DELETE", "/store", &[], b"").status,
        StatusCode::BAD_REQUEST,
        "never empty the whole store"
    );
    assert_eq!(
        call(&svc, "GET", g, &[("accept", "text/csv")], b"").status,
        StatusCode::NOT_ACCEPTABLE
    );

    // An article graph: GET parses; DELETE also drops it from the article index.
    let articles: Vec<String> =
        serde_json::from_str(&call(&svc, "GET", "/articles", &[], b"").body).unwrap();
    assert_eq!(articles.len(), 5);
    let a = format!("/store?graph={}", enc(&articles[0]));
    let r = call(&svc, "GET", &a, &[("accept", "text/turtle")], b"");
    assert!(triples(&r.body, oxigraph::io::RdfFormat::Turtle) > 10);
    assert_eq!(
        call(&svc, "DELETE", &a, &[], b"").status,
        StatusCode::NO_CONTENT
    );
    let left: Vec<String> =
        serde_json::from_str(&call(&svc, "GET", "/articles", &[], b"").body).unwrap();
    assert_eq!(left.len(), 4);
    // Whole store as N-Quads.
    let r = call(&svc, "GET", "/store", &[], b"");
    assert_eq!(r.content_type(), "application/n-quads");
    assert!(triples(&r.body, oxigraph::io::RdfFormat::NQuads) > 1000);
}

#[test]
fn timeout_stops_the_evaluation_and_answers_an_error() {
    let svc = reader(Config {
        timeout: Duration::from_millis(800),
        max_concurrent: 1,
        ..Config::default()
    });
    let started = Instant::now();
    let r = get_query(&svc, SLOW, None);
    let took = started.elapsed();
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("timed out"), "{}", r.body);
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
    // The evaluation really stopped: its slot comes back, and the next query runs.
    let wait = Instant::now();
    while svc.running() > 0 {
        assert!(
            wait.elapsed() < Duration::from_secs(5),
            "the cancelled query is still running"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = get_query(&svc, "ASK { ?s ?p ?o }", None);
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // An update under the same limit.
    let svc = writer(
        "timeout-update",
        Config {
            timeout: Duration::from_millis(800),
            ..Config::default()
        },
    );
    let r = call(&svc, "POST", "/update", &[("content-type", "application/sparql-update")], b"INSERT { GRAPH <http://example.org/x> { <http://example.org/s> <http://example.org/p> ?n } } WHERE { { SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } } } }");
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert_eq!(
        count(
            &svc,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/x> { ?s ?p ?o } }"
        ),
        0,
        "a timed-out update changes nothing"
    );
}

#[test]
fn result_cap_is_honoured_and_announced() {
    let svc = reader(Config {
        max_results: 7,
        ..Config::default()
    });
    let r = get_query(&svc, "SELECT * WHERE { ?s ?p ?o }", None);
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(json_rows(&r.body), 7);
    assert_eq!(r.header("result-limit"), Some("7"));
    assert_eq!(r.header("result-truncated"), Some("true"));
    let r = get_query(&svc, "SELECT * WHERE { ?s ?p ?o } LIMIT 7", None);
    assert_eq!(json_rows(&r.body), 7);
    assert_eq!(
        r.header("result-truncated"),
        None,
        "exactly the cap is not truncated"
    );
    let r = get_query(
        &svc,
        "CONSTRUCT WHERE { ?s ?p ?o }",
        Some("application/n-triples"),
    );
    assert_eq!(triples(&r.body, oxigraph::io::RdfFormat::NTriples), 7);
    assert_eq!(r.header("result-truncated"), Some("true"));
    let r = get_query(&svc, "SELECT * WHERE { ?s ?p ?o }", Some("text/csv"));
    assert_eq!(r.body.lines().count(), 8);
}

#[test]
fn concurrent_query_limit_answers_503() {
    let svc = Arc::new(reader(Config {
        max_concurrent: 1,
        timeout: Duration::from_secs(2),
        ..Config::default()
    }));
    let bg = {
        let svc = Arc::clone(&svc);
        std::thread::spawn(move || get_query(&svc, SLOW, None).status)
    };
    let wait = Instant::now();
    while svc.running() == 0 {
        assert!(wait.elapsed() < Duration::from_secs(5));
        std::thread::sleep(Duration::from_millis(5));
    }
    let r = get_query(&svc, "ASK { ?s ?p ?o }", None);
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("busy"), "{}", r.body);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(bg.join().unwrap(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn service_and_load_never_reach_the_network() {
    // A listener that would see any connection the server tried.
    let trap = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    trap.set_nonblocking(true).unwrap();
    let url = format!("http://127.0.0.1:{}/", trap.local_addr().unwrap().port());
    let svc = writer("service-load", Config::default());
    let r = get_query(
        &svc,
        &format!("SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"),
        None,
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("SERVICE"), "{}", r.body);
    // SERVICE SILENT gives no rows from the service (and, below, never a connection).
    let r = get_query(
        &svc,
        &format!("SELECT ?s WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}"),
        None,
    );
    assert!(!r.body.contains("\"s\":"), "{}", r.body);
    for update in [
        format!("LOAD <{url}data.ttl>"),
        format!("LOAD <{url}data.ttl> INTO GRAPH <http://example.org/l>"),
    ] {
        let r = call(
            &svc,
            "POST",
            "/update",
            &[("content-type", "application/sparql-update")],
            update.as_bytes(),
        );
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{update}: {}", r.body);
        assert!(r.body.contains("LOAD"), "{}", r.body);
    }
    std::thread::sleep(Duration::from_millis(100));
    match trap.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the server connected out: {other:?}"),
    }
}

#[test]
fn request_bodies_are_limited() {
    let svc = reader(Config {
        max_query_bytes: 1000,
        ..Config::default()
    });
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(2000));
    let r = call(
        &svc,
        "POST",
        "/query",
        &[("content-type", "application/sparql-query")],
        big.as_bytes(),
    );
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let svc = writer(
        "body-limit",
        Config {
            max_data_bytes: 1000,
            ..Config::default()
        },
    );
    let r = call(
        &svc,
        "POST",
        "/articles",
        &[("content-type", "text/plain")],
        "President A met President B. ".repeat(100).as_bytes(),
    );
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[test]
fn service_description_for_machines_and_the_page_for_browsers() {
    let svc = reader(Config::default());
    let r = call(&svc, "GET", "/", &[("accept", "text/turtle")], b"");
    assert_eq!(r.status, StatusCode::OK);
    assert!(triples(&r.body, oxigraph::io::RdfFormat::Turtle) > 10);
    assert!(
        r.body.contains("sparql-service-description#")
            && r.body.contains("http://localhost:7878/query"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("SPARQL11Update"),
        "read-only: no update service"
    );
    let r = call(
        &svc,
        "GET",
        "/query",
        &[("accept", "application/n-triples")],
        b"",
    );
    assert!(r.body.contains("<http://www.w3.org/ns/sparql-service-description#endpoint> <http://localhost:7878/query>"), "{}", r.body);
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for path in ["/", "/query"] {
        let r = call(&svc, "GET", path, &[("accept", browser)], b"");
        assert_eq!(r.content_type(), "text/html; charset=utf-8");
        assert!(r.body.contains("query-page/yasgui.min.js"));
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("connect-src 'self'"), "{csp}");
    }
    for f in ["yasgui.min.js", "yasgui.min.css", "page.js", "page.css"] {
        let r = call(&svc, "GET", &format!("/query-page/{f}"), &[], b"");
        assert_eq!(r.status, StatusCode::OK, "{f}");
        assert!(r.body.len() > 1000 || f.starts_with("page"), "{f}");
    }
    // Every canned query is offered as an example.
    let info: serde_json::Value =
        serde_json::from_str(&call(&svc, "GET", "/query-page/info.json", &[], b"").body).unwrap();
    let offered: Vec<&str> = info["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["file"].as_str().unwrap())
        .collect();
    for e in std::fs::read_dir(root().join("queries")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".rq") {
            assert!(
                offered.contains(&name.as_str()),
                "queries/{name} is missing from serve::QUERIES (src/serve/page.rs)"
            );
        }
    }
    for q in info["queries"].as_array().unwrap() {
        assert!(!q["title"].as_str().unwrap().is_empty());
        assert_eq!(
            &std::fs::read_to_string(root().join("queries").join(q["file"].as_str().unwrap()))
                .unwrap(),
            q["query"].as_str().unwrap()
        );
    }
    assert_eq!(
        call(&svc, "GET", "/nothing", &[], b"").status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&svc, "GET", "/", &[("accept", "image/png")], b"").status,
        StatusCode::NOT_ACCEPTABLE
    );
}

#[test]
fn every_canned_query_runs_over_http() {
    let svc = reader(Config::default());
    for (file, text) in diplograph::serve::QUERIES {
        let r = call(
            &svc,
            "POST",
            "/query",
            &[
                ("content-type", "application/sparql-query"),
                ("accept", "application/sparql-results+json"),
            ],
            text.as_bytes(),
        );
        assert_eq!(r.status, StatusCode::OK, "{file}: {}", r.body);
        assert!(json_rows(&r.body) > 0, "{file} gave no rows");
    }
}

#[test]
fn posting_an_article_stores_it_and_reposting_replaces() {
    let svc = writer("articles", Config::default());
    let text = std::fs::read(root().join("seeds/000_b3140a01914eafa7.txt")).unwrap();
    let r = call(
        &svc,
        "POST",
        "/articles?name=posted-one",
        &[("content-type", "text/plain; charset=utf-8")],
        &text,
    );
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let graph = v["graph"].as_str().unwrap().to_string();
    assert!(graph.ends_with("/article/posted-one"), "{graph}");
    assert!(
        v["persons"].as_u64().unwrap() >= 2 && v["meetings"].as_u64().unwrap() >= 1,
        "{v}"
    );
    assert_eq!(v["replaced"], false);
    assert_eq!(
        r.header("location"),
        Some(format!("/store?graph={}", enc(&graph)).as_str())
    );
    let in_graph = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let n = count(&svc, &in_graph);
    assert_eq!(n as u64, v["quads"].as_u64().unwrap());
    let articles = call(&svc, "GET", "/articles", &[], b"").body;
    assert!(articles.contains(&graph));

    let r = call(
        &svc,
        "POST",
        "/articles?name=posted-one",
        &[("content-type", "text/plain")],
        &text,
    );
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("\"replaced\": true"));
    assert_eq!(
        count(&svc, &in_graph),
        n,
        "re-posting replaces, never duplicates"
    );

    // HTML, without a name: named after its content, so the same page replaces itself.
    let html = format!("<html><head><title>Talks in Minsk</title></head><body><article><p>{}</p></article></body></html>", String::from_utf8_lossy(&text).replace('\n', "</p><p>"));
    let r1 = call(
        &svc,
        "POST",
        "/articles",
        &[("content-type", "text/html")],
        html.as_bytes(),
    );
    assert_eq!(r1.status, StatusCode::CREATED, "{}", r1.body);
    let r2 = call(
        &svc,
        "POST",
        "/articles",
        &[("content-type", "text/html")],
        html.as_bytes(),
    );
    assert_eq!(r2.status, StatusCode::OK);
    // Refused input.
    assert_eq!(
        call(
            &svc,
            "POST",
            "/articles",
            &[("content-type", "text/plain")],
            b"   "
        )
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(
            &svc,
            "POST",
            "/articles",
            &[("content-type", "image/png")],
            b"\x89PNG"
        )
        .status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        call(&svc, "PUT", "/articles", &[], b"").status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let svc = writer("origins", Config::default());
    // The URI authority is what oxhttp takes from the Host header.
    let mut req = Request::builder()
        .method("GET")
        .uri("http://attacker.example:7878/query?query=ASK%7B%7D")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        svc.handle(&mut req).status(),
        StatusCode::FORBIDDEN,
        "DNS rebinding"
    );
    let mut req = Request::builder()
        .method("GET")
        .uri("http://127.0.0.1:7878/query?query=ASK%7B%7D")
        .body(Body::empty())
        .unwrap();
    assert_eq!(svc.handle(&mut req).status(), StatusCode::OK);
    let upd = [
        ("content-type", "application/sparql-update"),
        ("origin", "http://attacker.example"),
    ];
    let r = call(&svc, "POST", "/update", &upd, b"CLEAR ALL");
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "cross-site write: {}",
        r.body
    );
    let r = call(
        &svc,
        "POST",
        "/articles",
        &[
            ("content-type", "text/plain"),
            ("origin", "http://attacker.example"),
        ],
        b"President A met President B.",
    );
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = call(
        &svc,
        "POST",
        "/update",
        &[
            ("content-type", "application/sparql-update"),
            ("origin", "http://localhost:7878"),
        ],
        b"CLEAR SILENT GRAPH <http://example.org/none>",
    );
    assert_eq!(
        r.status,
        StatusCode::NO_CONTENT,
        "same origin (the query page): {}",
        r.body
    );
    assert!(count(&svc, ALL_IN_GRAPHS) > 1000, "nothing was cleared");
    // Anything goes when bound beyond loopback (the operator's choice), but writes still need the origin.
    let open = Service::new(
        shared(),
        lexicon(),
        Config {
            allowed_hosts: None,
            ..Config::default()
        },
    );
    let mut req = Request::builder()
        .method("GET")
        .uri("http://attacker.example:7878/query?query=ASK%7B%7D")
        .body(Body::empty())
        .unwrap();
    assert_eq!(open.handle(&mut req).status(), StatusCode::OK);
}

#[test]
fn cors_only_when_asked() {
    let svc = reader(Config::default());
    let r = get_query(&svc, "ASK {}", None);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let svc = reader(Config {
        cors: Some("http://app.example".into()),
        ..Config::default()
    });
    let r = call(
        &svc,
        "GET",
        "/query?query=ASK%7B%7D",
        &[("origin", "http://app.example")],
        b"",
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.example")
    );
    assert!(r
        .header("access-control-expose-headers")
        .unwrap()
        .contains("result-truncated"));
    let r = call(
        &svc,
        "GET",
        "/query?query=ASK%7B%7D",
        &[("origin", "http://other.example")],
        b"",
    );
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = call(
        &svc,
        "OPTIONS",
        "/query",
        &[
            ("origin", "http://app.example"),
            ("access-control-request-method", "POST"),
        ],
        b"",
    );
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
}

/// Same rows in any order, or a short report of the first differences.
fn same_rows(what: &str, a: &str, b: &str) {
    // Blank node labels are local to a store: compare them as "some blank node".
    let blank = regex::Regex::new(r"_:[A-Za-z0-9_-]+").unwrap();
    let sorted = |s: &str| {
        let mut l: Vec<String> = s
            .lines()
            .map(|l| blank.replace_all(l, "_:b").into_owned())
            .collect();
        l.sort();
        l
    };
    let (a, b) = (sorted(a), sorted(b));
    if a != b {
        let only_a: Vec<&String> = a.iter().filter(|x| !b.contains(x)).take(3).collect();
        let only_b: Vec<&String> = b.iter().filter(|x| !a.contains(x)).take(3).collect();
        panic!(
            "{what}: {} rows here, {} there\nonly here: {only_a:#?}\nonly there: {only_b:#?}",
            a.len(),
            b.len()
        );
    }
}

// ---- The binary on a loopback port ----

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `diplograph serve` as a child process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Server {
        Server::start_with(store, &[&["--quiet"], extra].concat())
    }

    fn start_with(store: &Path, extra: &[&str]) -> Server {
        let port = free_port();
        let child = Command::new(bin())
            .current_dir(root())
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--store"])
            .arg(store)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> (StatusCode, String) {
    let mut b = Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let resp = oxhttp::Client::new()
        .with_global_timeout(Duration::from_secs(30))
        .request(b.body(body.to_vec()).unwrap())
        .unwrap();
    let status = resp.status();
    (status, resp.into_body().to_string().unwrap())
}

fn remote_count(url: &str, q: &str) -> usize {
    let (status, body) = http(
        "POST",
        &format!("{url}/query"),
        &[
            ("content-type", "application/sparql-query"),
            ("accept", "application/sparql-results+json"),
        ],
        q.as_bytes(),
    );
    assert_eq!(status, StatusCode::OK, "{body}");
    json_count(&body)
}

#[test]
fn serve_holds_the_store_so_build_gets_the_busy_message() {
    let store = copy_of_seeds("locked");
    let mut server = Server::start_with(&store, &[]);
    let (status, body) = http(
        "GET",
        &format!(
            "{}/query?query={}",
            server.url,
            enc("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        ),
        &[],
        b"",
    );
    assert_eq!(status, StatusCode::OK, "{body}");
    let out = Command::new(bin())
        .current_dir(root())
        .args(["build", "--store"])
        .arg(&store)
        .arg("seeds")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("busy") || err.contains("in use"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    // Readers are refused too (a read-only open next to a live writer is undefined behaviour).
    let out = Command::new(bin())
        .args(["query", "--store"])
        .arg(&store)
        .arg("ASK {}")
        .output()
        .unwrap();
    assert!(!out.status.success());
    // One access-log line per request on stderr.
    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut log = String::new();
    std::io::Read::read_to_string(server.child.stderr.as_mut().unwrap(), &mut log).unwrap();
    assert!(
        regex::Regex::new(r#""GET /query\?query=[^"]*" 200 \d+ [0-9.]+ms"#)
            .unwrap()
            .is_match(&log),
        "{log}"
    );
    assert!(log.contains("read-only"), "{log}");
}

#[test]
fn serve_refuses_bad_flags_and_a_missing_store() {
    // Loopback by default.
    let help = Command::new(bin())
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("[default: 127.0.0.1:7878]"));
    let missing = scratch().join("no-such-store");
    let out = Command::new(bin())
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no store"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!missing.exists(), "a read-only serve creates nothing");
    let out = Command::new(bin())
        .args(["serve", "--timeout", "soon", "--store"])
        .arg(pristine())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(bin())
        .args(["serve", "--max-results", "0", "--store"])
        .arg(pristine())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn push_into_a_server_replaces_and_never_duplicates() {
    // The target: an empty store served with --update (a stand-in for a remote Oxigraph; scripts/serve_check.py pushes into the real one).
    let target = scratch().join("push-target");
    let server = Server::start(&target, &["--update"]);
    let source = copy_of_seeds("push-source");
    let local = Service::new(
        Arc::new(Store::open(&source, Access::Read).unwrap()),
        lexicon(),
        Config::default(),
    );
    let not_meta = "FILTER(?g != <https://w3id.org/diplograph/graph/meta>)";
    let expected = count(
        &local,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"),
    );
    let graphs = count(
        &local,
        &format!(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"
        ),
    );
    let push = |args: &[&str]| {
        let out = Command::new(bin())
            .arg("push")
            .arg("--store")
            .arg(&source)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let remote_quads = || {
        remote_count(
            &server.url,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"),
        )
    };
    // The canned queries give the same rows remotely.
    let same_answers = |how: &str| {
        for (file, text) in diplograph::serve::QUERIES {
            let tsv = [
                ("content-type", "application/sparql-query"),
                ("accept", "text/tab-separated-values"),
            ];
            let a = call(&local, "POST", "/query", &tsv, text.as_bytes());
            let (status, b) = http(
                "POST",
                &format!("{}/query", server.url),
                &tsv,
                text.as_bytes(),
            );
            assert_eq!(status, StatusCode::OK, "{b}");
            same_rows(&format!("{file} after {how}"), &a.body, &b);
        }
    };
    for round in 0..2 {
        let summary = push(&["--endpoint", &format!("{}/store", server.url)]);
        assert!(
            summary.contains(&format!("pushed {graphs} of {graphs} graphs")),
            "{summary}"
        );
        assert_eq!(remote_quads(), expected, "GSP round {round}");
    }
    same_answers("GSP");
    for round in 0..2 {
        push(&[
            "--update",
            "--batch",
            "2",
            "--endpoint",
            &format!("{}/update", server.url),
        ]);
        assert_eq!(remote_quads(), expected, "SPARQL Update round {round}");
    }
    same_answers("SPARQL Update");
    drop(server);
    let server = Server::start(&target, &[]);
    // Failures are reported with the exit code; retries give up.
    let out = Command::new(bin())
        .arg("push")
        .arg("--store")
        .arg(&source)
        .args([
            "--retries",
            "1",
            "--timeout",
            "2s",
            "--endpoint",
            &format!("http://127.0.0.1:{}/store", free_port()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("failed"));
    // The read-only server refuses writes: push says so.
    let out = Command::new(bin())
        .arg("push")
        .arg("--store")
        .arg(&source)
        .args(["--endpoint", &format!("{}/store", server.url)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("403"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(bin())
        .arg("push")
        .arg("--store")
        .arg(&source)
        .args(["--endpoint", "https://example.org/store"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// Issue 13: hostile input must not take the server down.

#[test]
fn deeply_nested_queries_get_400_not_a_crash() {
    let svc = writer("nesting", Config::default());
    let braces = format!("SELECT * WHERE {}{}", "{".repeat(4000), "}".repeat(4000));
    let parens = format!(
        "SELECT ({}1{} AS ?x) {{}}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    for q in [&braces, &parens] {
        // As a plain HTML form would send it: no CORS preflight, no --update needed.
        let body = format!("query={}", enc(q));
        let r = call(
            &svc,
            "POST",
            "/query",
            &[("content-type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        );
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(r.body.contains("nests brackets more than 64"), "{}", r.body);
        let r = get_query(&svc, q, None);
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    }
    let update = format!(
        "INSERT DATA {{ <http://a> <http://b> {}<http://c>{} }}",
        "[ <http://p> ".repeat(3000),
        " ]".repeat(3000)
    );
    let r = call(
        &svc,
        "POST",
        "/update",
        &[("content-type", "application/sparql-update")],
        update.as_bytes(),
    );
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("update refused"), "{}", r.body);
    // A chain just under the term limit runs (on the worker's large stack; 1,000 UNIONs
    // overflowed the 2 MiB handler thread before), one over it is refused.
    let unions = |n: usize| {
        format!(
            "SELECT * WHERE {{ {} {{}} }} LIMIT 1",
            "{ ?s ?p ?o } UNION ".repeat(n)
        )
    };
    let direct = [("content-type", "application/sparql-query")];
    let r = call(&svc, "POST", "/query", &direct, unions(4000).as_bytes());
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = call(&svc, "POST", "/query", &direct, unions(5000).as_bytes());
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("chains more than 4096"), "{}", r.body);
    // Ordinary nesting still works.
    let ok = format!("ASK {}{}", "{ ".repeat(60), "} ".repeat(60));
    assert_eq!(get_query(&svc, &ok, None).status, StatusCode::OK);
}

fn with_host(
    svc: &Service,
    method: &str,
    host: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> StatusCode {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("http://{host}{target}"));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut req = b.body(Body::from(body.to_vec())).unwrap();
    svc.handle(&mut req).status()
}

#[test]
fn host_must_be_exactly_a_loopback_name_and_port() {
    let svc = writer(
        "rebinding",
        Config {
            port: Some(7878),
            ..Config::default()
        },
    );
    let ask = "/query?query=ASK%7B%7D";
    for host in [
        "localhost:7878",
        "127.0.0.1:7878",
        "[::1]:7878",
        "LOCALHOST:7878",
        "localhost",
    ] {
        assert_eq!(
            with_host(&svc, "GET", host, ask, &[], b""),
            StatusCode::OK,
            "{host}"
        );
    }
    for host in [
        "127.attacker.example:7878",
        "127.0.0.1.attacker.example:7878",
        "localhost.attacker.example:7878",
        "127.0.0.2:7878",
        "localhost:8080",
    ] {
        assert_eq!(
            with_host(&svc, "GET", host, ask, &[], b""),
            StatusCode::FORBIDDEN,
            "{host}"
        );
    }
    // The rebinding attack of the issue: a write with Origin equal to the foreign Host, and a dump.
    let host = "127.attacker.example:7878";
    let origin = format!("http://{host}");
    let h = [
        ("content-type", "application/sparql-update"),
        ("origin", origin.as_str()),
    ];
    let st = with_host(
        &svc,
        "POST",
        host,
        "/update",
        &h,
        b"INSERT DATA { <http://a> <http://b> <http://c> }",
    );
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        with_host(&svc, "GET", host, "/store", &[], b""),
        StatusCode::FORBIDDEN
    );
    // A name given with --allow-host is answered.
    let named = Service::new(
        shared(),
        lexicon(),
        Config {
            allowed_hosts: Some(vec!["localhost".into(), "graph.internal".into()]),
            ..Config::default()
        },
    );
    assert_eq!(
        with_host(&named, "GET", "graph.internal", ask, &[], b""),
        StatusCode::OK
    );
    assert_eq!(
        with_host(&named, "GET", "graph.internal.evil", ask, &[], b""),
        StatusCode::FORBIDDEN
    );
}

#[test]
fn posted_articles_take_a_slot_and_a_timeout() {
    // A deadline no extraction meets: the answer is 503, nothing is stored, and the slot
    // is given back when the extraction ends.
    let svc = writer(
        "article-timeout",
        Config {
            timeout: Duration::from_nanos(1),
            max_concurrent: 1,
            ..Config::default()
        },
    );
    let text = std::fs::read(root().join("seeds/000_b3140a01914eafa7.txt")).unwrap();
    let h = [("content-type", "text/plain")];
    let r = call(&svc, "POST", "/articles?name=too-slow", &h, &text);
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("nothing was stored"), "{}", r.body);
    let guard = Instant::now();
    while svc.running() > 0 {
        assert!(
            guard.elapsed() < Duration::from_secs(120),
            "the slot was never given back"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let list = call(&svc, "GET", "/articles", &[], b"");
    assert!(!list.body.contains("too-slow"), "{}", list.body);
    // A page of 100,000 unclosed nested tags is read (by the linear stripper), not a crash.
    let svc = writer("article-deep", Config::default());
    let deep = format!(
        "<html><body>{}<p>President Emmanuel Macron met President Joe Biden in Paris on Monday.</p></body></html>",
        "<div><em>x".repeat(100_000)
    );
    let r = call(
        &svc,
        "POST",
        "/articles?name=deep",
        &[("content-type", "text/html")],
        deep.as_bytes(),
    );
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
