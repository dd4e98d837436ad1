//! `POST /articles`: one article over HTTP, through the same pipeline as
//! `build` (source -> extract -> resolve -> rdf -> store), stored in one
//! transaction. Re-posting the same article (same `?name=`, or the same bytes
//! without a name) replaces its graph.

use super::params::{self, BodyError};
use super::{error, json, Service};
use crate::extract::{Extraction, Extractor};
use crate::resolve::Resolver;
use crate::source::{self, Kind};
use oxhttp::model::{header, Body, Request, Response, StatusCode};
use sha2::{Digest, Sha256};
use std::sync::mpsc::{self, RecvTimeoutError};

use crate::commands::now;

/// A safe document name: printable, at most 200 characters.
fn clean_name(name: &str) -> Option<String> {
    let n: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    (!n.is_empty()).then_some(n)
}

impl Service {
    pub(super) fn post_article(&self, req: &mut Request<Body>) -> Response<Body> {
        if !self.config.update {
            return super::read_only();
        }
        let kind = match params::content_type(req).as_deref() {
            Some("text/html" | "application/xhtml+xml") => Kind::Html,
            None | Some("text/plain" | "text/markdown" | "application/octet-stream") => Kind::Text,
            Some(other) => {
                return error(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("{other}: send the article as text/plain or text/html"),
                )
            }
        };
        let bytes = match params::body(req, self.config.max_data_bytes) {
            Ok(b) => b,
            Err(BodyError::TooLarge(n)) => return super::too_large(n),
            Err(BodyError::Io(e)) => {
                return error(StatusCode::BAD_REQUEST, format!("reading the body: {e}"))
            }
        };
        let given = params::url_params(req)
            .into_iter()
            .find(|(k, _)| k == "name")
            .and_then(|(_, v)| clean_name(&v));
        let name = given.unwrap_or_else(|| {
            let h: String = Sha256::digest(&bytes)
                .iter()
                .take(6)
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("posted-{h}")
        });
        let (doc, extraction) = match self.read_and_extract(&name, bytes, kind) {
            Ok(x) => x,
            Err(r) => return *r,
        };
        let _w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let stored = (|| -> Result<_, crate::store::StoreError> {
            let ohash = self.lex.content_hash();
            if self
                .store
                .article_hash(crate::vocab::ONTOLOGY_GRAPH)?
                .as_deref()
                != Some(ohash.as_str())
            {
                self.store.replace_ontology(&self.lex.files, &ohash)?;
            }
            let mut resolver = Resolver::default();
            for (k, n, i) in self.store.known_names()? {
                resolver.remember(k, n, i);
            }
            let facts = resolver.resolve(&doc, &extraction, &self.lex);
            if let Some(old) = self.store.article_source(&facts.iri)? {
                if old != name {
                    return Ok(Err(old));
                }
            }
            let existed = self.store.article_hash(&facts.iri)?.is_some();
            let quads = crate::rdf::article_quads(&facts, &now());
            self.store
                .replace_article_from(&facts.iri, &name, &doc.hash, &quads)?;
            Ok(Ok((facts, existed, quads.len())))
        })();
        let (facts, existed, quads) = match stored {
            Ok(Ok(x)) => x,
            Ok(Err(old)) => {
                return error(
                    StatusCode::CONFLICT,
                    format!("the name {name:?} gives the same article IRI as {old:?}, already stored (names equal up to case, accents and punctuation, or the same URL); different articles are never merged: post it under another name, or under {old:?} to replace that one"),
                )
            }
            Err(e) => {
                return error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("storing the article failed, the store is unchanged: {e}"),
                )
            }
        };
        let body = serde_json::json!({
            "graph": facts.iri,
            "name": name,
            "replaced": existed,
            "title": facts.title,
            "date": facts.date.map(|d| d.to_string()),
            "persons": facts.persons.len(),
            "meetings": facts.meetings.len(),
            "documents": facts.documents.len(),
            "trade": facts.trade.len(),
            "countries": facts.countries.len(),
            "cities": facts.cities.len(),
            "quads": quads,
        });
        let mut r = json(
            if existed {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            },
            &body,
        );
        if let Ok(v) =
            header::HeaderValue::from_str(&format!("/store?graph={}", params::encode(&facts.iri)))
        {
            r.headers_mut().insert(header::LOCATION, v);
        }
        r
    }

    /// Decodes and extracts a posted article like a query is run: it takes one of the
    /// concurrent-query slots (503 when none is free), runs on its own thread with a large
    /// stack, and is answered with 503 after `--timeout`. A slow page keeps its slot until
    /// it is done, so slow posts cannot pile up; a panic costs this request only.
    fn read_and_extract(
        &self,
        name: &str,
        bytes: Vec<u8>,
        kind: Kind,
    ) -> Result<(source::Document, Extraction), Box<Response<Body>>> {
        let Some(permit) = self.slots.try_take() else {
            return Err(Box::new(super::sparql::busy(self.slots.max)));
        };
        let lex = std::sync::Arc::clone(&self.lex);
        let owned = name.to_string();
        let (tx, rx) = mpsc::sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("diplograph-article".into())
            .stack_size(crate::commands::WORKER_STACK)
            .spawn(move || {
                let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    source::from_bytes(&owned, &bytes, kind).map(|doc| {
                        let ex = Extractor::new(&lex).extract(&doc);
                        (doc, ex)
                    })
                }));
                drop(permit);
                let _ = tx.send(out);
            });
        if let Err(e) = spawned {
            return Err(Box::new(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot start an extraction thread: {e}"),
            )));
        }
        match rx.recv_timeout(self.config.timeout) {
            Ok(Ok(Ok(x))) => Ok(x),
            Ok(Ok(Err(e))) => Err(Box::new(error(StatusCode::BAD_REQUEST, e.to_string()))),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Box::new(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "extracting the article failed (a defect; see the server log); nothing was stored"
                    .into(),
            ))),
            Err(RecvTimeoutError::Timeout) => Err(Box::new(error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "extracting the article took longer than {}; nothing was stored (its slot stays taken until the extraction ends)",
                    super::show_duration(self.config.timeout)
                ),
            ))),
        }
    }

    /// `GET /articles`: the article graphs in the store, as a JSON array of IRIs.
    pub(super) fn list_articles(&self) -> Response<Body> {
        match self.store.articles() {
            Ok(a) => json(StatusCode::OK, &serde_json::json!(a)),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")),
        }
    }
}
