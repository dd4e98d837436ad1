//! `diplograph serve`: the SPARQL 1.1 Protocol, the Graph Store Protocol and
//! article ingest over HTTP, with Fuseki's safe defaults rather than
//! Oxigraph's.
//!
//! | path | methods | what |
//! |---|---|---|
//! | `/` | GET, HEAD | query page (browsers) or service description (`sd:`, by `Accept`) |
//! | `/query` | GET, POST | SPARQL query (`?query=`, form, `application/sparql-query`); without a query: as `/` |
//! | `/update` | POST, with `--update` | SPARQL update (form `update=`, `application/sparql-update`) |
//! | `/store` | GET, HEAD; PUT, POST, DELETE with `--update` | Graph Store Protocol, `?graph=IRI` or `?default` |
//! | `/articles` | GET; POST with `--update` | list of article graphs; ingest one article (text or HTML body, `?name=`) |
//! | `/query-page/…` | GET | the page's files (YASGUI, vendored) |
//!
//! Guards: loopback bind by default and a Host check against DNS rebinding
//! while bound to loopback; read-only unless `--update`; writes refused from
//! other web origins; a per-query timeout that cancels evaluation; a result
//! cap announced in `result-limit`/`result-truncated` headers; body limits; a
//! concurrent-query limit answering 503; no SERVICE and no `LOAD <url>`
//! (oxigraph's HTTP client is not compiled in); the store's exclusive lock
//! for as long as the server runs. One access-log line per request on stderr.
//!
//! [`Service::handle`] is the whole server as a function from request to
//! response; [`run`] binds it to a socket.

mod articles;
mod gsp;
pub mod negotiate;
mod page;
pub mod params;
mod sparql;

pub use page::{title_and_description, QUERIES};
pub use sparql::{LIMIT_HEADER, TRUNCATED_HEADER};

use crate::lexicon::Lexicon;
use crate::store::{Access, Store, StoreError};
use oxhttp::model::{header, Body, Method, Request, Response, StatusCode};
use sparql::{QueryRequest, Slots, UpdateRequest};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Options of `diplograph serve` (see `cli.rs` for their meaning).
#[derive(Debug, Clone)]
pub struct Options {
    pub store: PathBuf,
    pub bind: String,
    pub update: bool,
    pub timeout: String,
    pub max_results: usize,
    pub cors: Option<String>,
    /// More Host names to answer (e.g. the name a reverse proxy passes on).
    pub allow_hosts: Vec<String>,
    pub quiet: bool,
}

/// Largest SPARQL query or update body (form or direct).
pub const MAX_QUERY_BYTES: u64 = 1024 * 1024;
/// Largest update, Graph Store upload or posted article (the same limit as an input file of `build`).
pub const MAX_DATA_BYTES: u64 = crate::source::MAX_BYTES;

/// How the server behaves; [`Config::default`] is what `serve` does without flags.
#[derive(Debug, Clone)]
pub struct Config {
    /// Allow `/update`, Graph Store writes and `POST /articles`.
    pub update: bool,
    /// Per-query (and per-update) time limit.
    pub timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in one answer.
    pub max_results: usize,
    /// Origin allowed to call from a browser page elsewhere (`*` for any).
    pub cors: Option<String>,
    /// Queries evaluated at once; more get 503.
    pub max_concurrent: usize,
    /// Largest query body.
    pub max_query_bytes: u64,
    /// Largest update, Graph Store upload or posted article.
    pub max_data_bytes: u64,
    /// Host names (without port) accepted in the Host header, compared exactly (ASCII case
    /// aside); `None` accepts any.
    pub allowed_hosts: Option<Vec<String>>,
    /// The port a Host header may name (the listening port); `None`: any.
    pub port: Option<u16>,
    /// Access log on stderr.
    pub log: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            update: false,
            timeout: Duration::from_secs(30),
            max_results: 10_000,
            cors: None,
            max_concurrent: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .max(2),
            max_query_bytes: MAX_QUERY_BYTES,
            max_data_bytes: MAX_DATA_BYTES,
            allowed_hosts: Some(loopback_hosts()),
            port: None,
            log: false,
        }
    }
}

/// Names a browser uses for this machine; accepted in the Host header while bound to loopback.
pub fn loopback_hosts() -> Vec<String> {
    ["localhost", "127.0.0.1", "[::1]", "::1"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The server: a store, the dictionaries (for ingest) and the guards.
pub struct Service {
    store: Arc<Store>,
    lex: Arc<Lexicon>,
    config: Config,
    slots: Arc<Slots>,
    /// One writer at a time (Oxigraph 0.5 does not detect write-write conflicts).
    writer: Arc<Mutex<()>>,
}

impl Service {
    pub fn new(store: Arc<Store>, lex: Arc<Lexicon>, config: Config) -> Service {
        let slots = Slots::new(config.max_concurrent);
        Service {
            store,
            lex,
            config,
            slots,
            writer: Arc::new(Mutex::new(())),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Queries running now (for tests and diagnostics).
    pub fn running(&self) -> usize {
        self.slots.in_use()
    }

    /// Answers one request; logs it when the config says so.
    pub fn handle(&self, req: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        let method = req.method().clone();
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        let mut resp = self.route(req);
        self.decorate(req, &mut resp);
        if method == Method::HEAD {
            *resp.body_mut() = Body::empty();
        }
        if self.config.log {
            let size = resp
                .body()
                .len()
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".into());
            let shown: String = target
                .chars()
                .take(160)
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
            let cut = if target.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            eprintln!(
                "{} \"{} {}{}\" {} {} {:.1}ms",
                jiff::Timestamp::now()
                    .round(jiff::Unit::Millisecond)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                method,
                shown,
                cut,
                resp.status().as_u16(),
                size,
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        resp
    }

    /// The Host header (oxhttp puts it in the URI's authority) names this server: exactly one
    /// of the allowed names, and the listening port if it gives one. A name that merely starts
    /// like a loopback address (`127.attacker.example`) is someone else's (DNS rebinding).
    fn host_allowed(&self, req: &Request<Body>) -> bool {
        let Some(allowed) = &self.config.allowed_hosts else {
            return true;
        };
        let Some(authority) = req.uri().authority() else {
            return false;
        };
        let host = authority.host();
        let port_ok = match (authority.port_u16(), self.config.port) {
            (Some(p), Some(ours)) => p == ours,
            _ => true,
        };
        port_ok && allowed.iter().any(|a| a.eq_ignore_ascii_case(host))
    }

    /// A browser page on another origin may not write, even though it can send a form.
    fn origin_allowed(&self, req: &Request<Body>) -> bool {
        let Some(origin) = params::header(req, header::ORIGIN) else {
            return true;
        };
        let own = req
            .uri()
            .authority()
            .map(|a| format!("http://{}", a.as_str()));
        own.as_deref() == Some(origin)
            || self
                .config
                .cors
                .as_deref()
                .is_some_and(|c| c == "*" || c == origin)
    }

    fn route(&self, req: &mut Request<Body>) -> Response<Body> {
        if !self.host_allowed(req) {
            return error(
                StatusCode::FORBIDDEN,
                format!("Host {:?} is not this server; it answers only {} (protection against DNS rebinding; add a name with --allow-host)", req.uri().authority().map(|a| a.as_str()).unwrap_or(""), self.config.allowed_hosts.as_deref().unwrap_or_default().join(", ")),
            );
        }
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        if method == Method::OPTIONS {
            return self.preflight();
        }
        let writes = matches!(method, Method::POST | Method::PUT | Method::DELETE)
            && path != "/query"
            && path != "/sparql";
        if writes && !self.origin_allowed(req) {
            return cross_origin();
        }
        let head = method == Method::HEAD;
        match path.as_str() {
            "/" => match method {
                Method::GET | Method::HEAD => self.root(req, head),
                _ => method_not_allowed("GET, HEAD"),
            },
            "/query" | "/sparql" => self.query_route(req),
            "/update" => self.update_route(req),
            "/store" => self.graph_store(req),
            "/articles" => match method {
                Method::GET => self.list_articles(),
                Method::POST => self.post_article(req),
                _ => method_not_allowed(if self.config.update { "GET, POST" } else { "GET" }),
            },
            p if p.starts_with("/query-page/") => match method {
                Method::GET | Method::HEAD => self.page_asset(&p["/query-page/".len()..], head),
                _ => method_not_allowed("GET, HEAD"),
            },
            "/favicon.ico" => Response::builder().status(StatusCode::NO_CONTENT).body(Body::empty()).unwrap_or_else(|_| error(StatusCode::NOT_FOUND, String::new())),
            _ => error(StatusCode::NOT_FOUND, format!("nothing at {path}; the SPARQL endpoint is /query, the Graph Store /store, the query page /")),
        }
    }

    fn query_route(&self, req: &mut Request<Body>) -> Response<Body> {
        let mut q = QueryRequest::default();
        let mut queries = Vec::new();
        let mut updates = Vec::new();
        let url = params::url_params(req);
        let mut form_pairs = Vec::new();
        match *req.method() {
            Method::GET | Method::HEAD => {}
            Method::POST => match params::content_type(req).as_deref() {
                Some("application/x-www-form-urlencoded") => {
                    match params::body(req, self.config.max_query_bytes) {
                        Ok(b) => form_pairs = params::form(&b),
                        Err(e) => return body_error(e),
                    }
                }
                Some("application/sparql-query") => {
                    match params::body(req, self.config.max_query_bytes) {
                        Ok(b) => match String::from_utf8(b) {
                            Ok(s) => queries.push(s),
                            Err(_) => {
                                return error(
                                    StatusCode::BAD_REQUEST,
                                    "the query is not UTF-8".into(),
                                )
                            }
                        },
                        Err(e) => return body_error(e),
                    }
                }
                // YASGUI and Fuseki-style clients send updates to the query URL too.
                Some("application/sparql-update") => return self.update_route(req),
                other => {
                    return error(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                        "{}: send application/sparql-query or application/x-www-form-urlencoded",
                        other.unwrap_or("no Content-Type")
                    ),
                    )
                }
            },
            _ => return method_not_allowed("GET, POST"),
        }
        for (k, v) in url.into_iter().chain(form_pairs) {
            match k.as_str() {
                "query" => queries.push(v),
                "default-graph-uri" => q.default_graphs.push(v),
                "named-graph-uri" => q.named_graphs.push(v),
                "update" | "using-graph-uri" | "using-named-graph-uri" => {
                    if *req.method() != Method::POST {
                        return method_not_allowed("POST");
                    }
                    if !self.config.update {
                        return read_only();
                    }
                    if !self.origin_allowed(req) {
                        return cross_origin();
                    }
                    updates.push((k, v));
                }
                _ => {}
            }
        }
        if !updates.is_empty() {
            if !queries.is_empty() {
                return error(
                    StatusCode::BAD_REQUEST,
                    "a request holds either a query or an update, not both".into(),
                );
            }
            return self.update_pairs(updates, None);
        }
        match queries.len() {
            0 if matches!(*req.method(), Method::GET | Method::HEAD) => {
                self.root(req, *req.method() == Method::HEAD)
            }
            0 => error(
                StatusCode::BAD_REQUEST,
                "no query: give query=... or a body of type application/sparql-query".into(),
            ),
            1 => {
                q.query = queries.remove(0);
                self.query(req, q)
            }
            _ => error(
                StatusCode::BAD_REQUEST,
                "more than one query in the request".into(),
            ),
        }
    }

    fn update_route(&self, req: &mut Request<Body>) -> Response<Body> {
        if *req.method() != Method::POST {
            return method_not_allowed("POST");
        }
        if !self.config.update {
            return read_only();
        }
        if !self.origin_allowed(req) {
            return cross_origin();
        }
        let url = params::url_params(req);
        // Updates carry data (INSERT DATA), so they get the data limit, not the query limit.
        match params::content_type(req).as_deref() {
            Some("application/x-www-form-urlencoded") => {
                match params::body(req, self.config.max_data_bytes) {
                    Ok(b) => {
                        self.update_pairs(url.into_iter().chain(params::form(&b)).collect(), None)
                    }
                    Err(e) => body_error(e),
                }
            }
            Some("application/sparql-update") => {
                match params::body(req, self.config.max_data_bytes) {
                    Ok(b) => match String::from_utf8(b) {
                        Ok(s) => self.update_pairs(url, Some(s)),
                        Err(_) => error(StatusCode::BAD_REQUEST, "the update is not UTF-8".into()),
                    },
                    Err(e) => body_error(e),
                }
            }
            other => error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "{}: send application/sparql-update or application/x-www-form-urlencoded",
                    other.unwrap_or("no Content-Type")
                ),
            ),
        }
    }

    /// An update from request parameters (and the body of an `application/sparql-update` request).
    fn update_pairs(&self, pairs: Vec<(String, String)>, direct: Option<String>) -> Response<Body> {
        let mut u = UpdateRequest::default();
        let mut updates: Vec<String> = direct.into_iter().collect();
        for (k, v) in pairs {
            match k.as_str() {
                "update" => updates.push(v),
                "using-graph-uri" => u.using_graphs.push(v),
                "using-named-graph-uri" => u.using_named_graphs.push(v),
                _ => {}
            }
        }
        match updates.len() {
            0 => error(
                StatusCode::BAD_REQUEST,
                "no update: give update=... or a body of type application/sparql-update".into(),
            ),
            1 => {
                u.update = updates.remove(0);
                self.update(u)
            }
            _ => error(
                StatusCode::BAD_REQUEST,
                "more than one update in the request".into(),
            ),
        }
    }

    fn preflight(&self) -> Response<Body> {
        let methods = if self.config.update {
            "GET, HEAD, POST, PUT, DELETE, OPTIONS"
        } else {
            "GET, HEAD, POST, OPTIONS"
        };
        let mut r = Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header(header::ALLOW, methods);
        if self.config.cors.is_some() {
            r = r
                .header(header::ACCESS_CONTROL_ALLOW_METHODS, methods)
                .header(
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    "Content-Type, Accept, Authorization",
                )
                .header(header::ACCESS_CONTROL_MAX_AGE, "600");
        }
        r.body(Body::empty())
            .unwrap_or_else(|_| error(StatusCode::INTERNAL_SERVER_ERROR, String::new()))
    }

    /// Headers every response gets: CORS when configured, nosniff.
    fn decorate(&self, req: &Request<Body>, resp: &mut Response<Body>) {
        let h = resp.headers_mut();
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            header::HeaderValue::from_static("nosniff"),
        );
        if let Some(cors) = &self.config.cors {
            let origin = params::header(req, header::ORIGIN);
            let allow = if cors == "*" {
                Some("*")
            } else if origin == Some(cors.as_str()) {
                Some(cors.as_str())
            } else {
                None
            };
            if let Some(v) = allow.and_then(|a| header::HeaderValue::from_str(a).ok()) {
                h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
                h.insert(
                    header::ACCESS_CONTROL_EXPOSE_HEADERS,
                    header::HeaderValue::from_static(
                        "result-limit, result-truncated, result-rows, location",
                    ),
                );
            }
            h.append(header::VARY, header::HeaderValue::from_static("Origin"));
        }
    }
}

/// A plain-text error answer.
pub(crate) fn error(status: StatusCode, message: String) -> Response<Body> {
    let mut body = message;
    body.push('\n');
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

pub(crate) fn json(status: StatusCode, value: &serde_json::Value) -> Response<Body> {
    let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
    body.push(b'\n');
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

fn cross_origin() -> Response<Body> {
    error(StatusCode::FORBIDDEN, "requests from another web origin may not change the store (start serve with --cors ORIGIN to allow one)".into())
}

pub(crate) fn read_only() -> Response<Body> {
    error(StatusCode::FORBIDDEN, "this server is read-only; start `diplograph serve --update` to allow SPARQL Update, Graph Store writes and POST /articles".into())
}

pub(crate) fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed here; allowed: {allow}"),
    );
    r.headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static(allow));
    r
}

pub(crate) fn too_large(limit: u64) -> Response<Body> {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("request body larger than {limit} bytes"),
    )
}

fn body_error(e: params::BodyError) -> Response<Body> {
    match e {
        params::BodyError::TooLarge(n) => too_large(n),
        params::BodyError::Io(e) => {
            error(StatusCode::BAD_REQUEST, format!("reading the body: {e}"))
        }
    }
}

/// `30s`, `2m`, `1h`, `500ms`, or seconds without a unit.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit.trim() {
        "" | "s" | "sec" | "secs" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    (secs.is_finite() && secs > 0.0 && secs < 1e9).then(|| Duration::from_secs_f64(secs))
}

/// A duration as people write it: `30s`, `1.5s`, `2m`, `250ms`.
pub fn show_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

/// The Host names `serve` answers: on loopback, the loopback names, the host part of
/// `--bind` and every `--allow-host`; beyond loopback any name unless `--allow-host` is given.
fn allowed_hosts(bind: &str, addrs: &[SocketAddr], extra: &[String]) -> Option<Vec<String>> {
    if !is_loopback(addrs) && extra.is_empty() {
        return None;
    }
    let mut names = if is_loopback(addrs) {
        loopback_hosts()
    } else {
        Vec::new()
    };
    let bind_host = bind.rsplit_once(':').map_or(bind, |(h, _)| h);
    names.push(bind_host.to_ascii_lowercase());
    for a in addrs {
        names.push(match a {
            SocketAddr::V4(v4) => v4.ip().to_string(),
            SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
        });
    }
    names.extend(extra.iter().map(|h| h.trim().to_ascii_lowercase()));
    names.sort();
    names.dedup();
    Some(names)
}

fn is_loopback(addrs: &[SocketAddr]) -> bool {
    addrs.iter().all(|a| a.ip().is_loopback())
}

/// Serves until interrupted; returns the exit code.
pub fn run(opts: &Options, lex: Lexicon) -> anyhow::Result<u8> {
    use crate::commands::UsageError;
    let Some(timeout) = parse_duration(&opts.timeout) else {
        return Err(UsageError(format!(
            "--timeout {:?}: give a duration such as 30s, 2m or 500ms",
            opts.timeout
        ))
        .into());
    };
    if opts.max_results == 0 {
        return Err(UsageError("--max-results must be at least 1".into()).into());
    }
    let addrs: Vec<SocketAddr> = match opts.bind.to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => {
            return Err(UsageError(format!(
                "--bind {:?}: {e} (give HOST:PORT, e.g. 127.0.0.1:7878)",
                opts.bind
            ))
            .into())
        }
    };
    if addrs.is_empty() {
        return Err(UsageError(format!("--bind {:?}: no address", opts.bind)).into());
    }
    // A read-only server needs an existing store; with --update an empty one is created for POST /articles.
    if !opts.update && !opts.store.join("diplograph.lock").exists() {
        return Err(StoreError::Missing {
            dir: opts.store.display().to_string(),
        }
        .into());
    }
    // The exclusive writer lock, held for as long as the server runs: `build` next to it gets the busy message.
    let store = Store::open(&opts.store, Access::Write)?;
    let loopback = is_loopback(&addrs);
    let config = Config {
        update: opts.update,
        timeout,
        max_results: opts.max_results,
        cors: opts.cors.clone(),
        allowed_hosts: allowed_hosts(&opts.bind, &addrs, &opts.allow_hosts),
        port: addrs.first().map(|a| a.port()),
        log: !opts.quiet,
        ..Config::default()
    };
    let (max_concurrent, update) = (config.max_concurrent, config.update);
    let service = Arc::new(Service::new(Arc::new(store), Arc::new(lex), config));
    let handler = Arc::clone(&service);
    let mut server = oxhttp::Server::new(move |req| handler.handle(req))
        .with_global_timeout(Duration::from_secs(60))
        .with_max_concurrent_connections(64);
    server = server
        .with_server_name(format!("diplograph/{}", env!("CARGO_PKG_VERSION")))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for a in &addrs {
        server = server.bind(*a);
    }
    let listening = server
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.bind))?;
    if !opts.quiet {
        let shown = addrs.first().map(|a| a.to_string()).unwrap_or_default();
        eprintln!(
            "diplograph serve: store {} at http://{shown}/ (query page), SPARQL endpoint http://{shown}/query, Graph Store http://{shown}/store",
            service.store.dir()
        );
        eprintln!(
            "  {}; timeout {}; at most {} results per query; {} queries at once; Ctrl+C to stop",
            if update {
                "updates ENABLED (/update, PUT/POST/DELETE /store, POST /articles)"
            } else {
                "read-only"
            },
            show_duration(timeout),
            opts.max_results,
            max_concurrent
        );
        if !loopback {
            eprintln!(
                "  warning: listening beyond this machine ({}); anyone who can reach it can {} — put a reverse proxy with authentication and TLS in front",
                opts.bind,
                if update { "query AND CHANGE the store" } else { "query the store" }
            );
        }
    }
    listening
        .join()
        .map_err(|e| anyhow::anyhow!("server stopped: {e}"))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("7"), Some(Duration::from_secs(7)));
        assert_eq!(parse_duration("0s"), None);
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(show_duration(Duration::from_secs(30)), "30s");
        assert_eq!(show_duration(Duration::from_secs(120)), "2m");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1.5s");
    }
}
