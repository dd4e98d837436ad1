//! `POST /articles`: one article over HTTP, through the same pipeline as
//! `build` (source -> extract -> resolve -> rdf -> store), stored in one
//! transaction. Re-posting the same article (same `?name=`, or the same bytes
//! without a name) replaces its graph.

use super::params::{self, BodyError};
use super::{error, json, Service};
use crate::extract::Extractor;
use crate::resolve::Resolver;
use crate::source::{self, Kind};
use oxhttp::model::{header, Body, Request, Response, StatusCode};
use sha2::{Digest, Sha256};

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
        let doc = match source::from_bytes(&name, &bytes, kind) {
            Ok(d) => d,
            Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
        };
        // Extraction needs no lock; only the store part is serialized.
        let extraction = Extractor::new(&self.lex).extract(&doc);
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
            let existed = self.store.article_hash(&facts.iri)?.is_some();
            let quads = crate::rdf::article_quads(&facts, &now());
            self.store.replace_article(&facts.iri, &doc.hash, &quads)?;
            Ok((facts, existed, quads.len()))
        })();
        let (facts, existed, quads) = match stored {
            Ok(x) => x,
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

    /// `GET /articles`: the article graphs in the store, as a JSON array of IRIs.
    pub(super) fn list_articles(&self) -> Response<Body> {
        match self.store.articles() {
            Ok(a) => json(StatusCode::OK, &serde_json::json!(a)),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")),
        }
    }
}
