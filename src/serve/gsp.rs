//! SPARQL 1.1 Graph Store HTTP Protocol at `/store?graph=IRI` and `/store?default`.
//!
//! GET and HEAD always; PUT (replace), POST (merge) and DELETE only with
//! `--update`. 201 when a write creates the graph, 204 on other successful
//! writes, 404 for a graph that is not in the store. Every write is one
//! transaction. Deleting an article graph also drops its entry in the article
//! index, so a later `build` re-extracts that article.

use super::negotiate;
use super::params::{self, BodyError};
use super::{error, Service};
use oxhttp::model::{header, Body, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Quad, TripleRef};

/// Which graph a request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Default,
    Named(NamedNode),
    /// No parameter: the whole store.
    All,
}

// An error is a ready answer; it is built once per request, so its size does not matter.
#[allow(clippy::result_large_err)]
fn target(req: &Request<Body>) -> Result<Target, Response<Body>> {
    let ps = params::url_params(req);
    let graphs: Vec<&String> = ps
        .iter()
        .filter(|(k, _)| k == "graph")
        .map(|(_, v)| v)
        .collect();
    let default = ps.iter().any(|(k, _)| k == "default");
    match (graphs.as_slice(), default) {
        ([], false) => Ok(Target::All),
        ([], true) => Ok(Target::Default),
        ([g], false) => NamedNode::new(g.as_str()).map(Target::Named).map_err(|e| {
            error(
                StatusCode::BAD_REQUEST,
                format!("graph={g:?} is not an absolute IRI: {e}"),
            )
        }),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            "give exactly one of ?graph=IRI or ?default".into(),
        )),
    }
}

impl Service {
    pub(super) fn graph_store(&self, req: &mut Request<Body>) -> Response<Body> {
        let target = match target(req) {
            Ok(t) => t,
            Err(r) => return r,
        };
        let method = req.method().clone();
        match method {
            Method::GET | Method::HEAD => self.gsp_read(req, &target, method == Method::HEAD),
            Method::PUT | Method::POST | Method::DELETE => {
                if !self.config.update {
                    return super::read_only();
                }
                if method == Method::DELETE {
                    self.gsp_delete(&target)
                } else {
                    self.gsp_write(req, &target, method == Method::PUT)
                }
            }
            _ => super::method_not_allowed(if self.config.update {
                "GET, HEAD, PUT, POST, DELETE"
            } else {
                "GET, HEAD"
            }),
        }
    }

    #[allow(clippy::result_large_err)]
    fn exists(&self, g: &NamedNode) -> Result<bool, Response<Body>> {
        self.store
            .inner()
            .contains_named_graph(g)
            .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")))
    }

    fn gsp_read(&self, req: &Request<Body>, target: &Target, head: bool) -> Response<Body> {
        let accept = params::header(req, header::ACCEPT);
        let list = if *target == Target::All {
            negotiate::DATASETS
        } else {
            negotiate::GRAPHS
        };
        let Some(format) = negotiate::choose(accept, list) else {
            return super::sparql::not_acceptable("this graph", &negotiate::offered(list));
        };
        if let Target::Named(g) = target {
            match self.exists(g) {
                Ok(true) => {}
                Ok(false) => {
                    return error(StatusCode::NOT_FOUND, format!("no graph {g} in this store"))
                }
                Err(r) => return r,
            }
        }
        let ok = |body: Vec<u8>| {
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, format.media_type())
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
                })
        };
        if head {
            return ok(Vec::new());
        }
        let Some(_permit) = self.slots.try_take() else {
            return error(
                StatusCode::SERVICE_UNAVAILABLE,
                "server busy; retry shortly".into(),
            );
        };
        let mut body = Vec::new();
        let written = match target {
            Target::Named(g) => self
                .store
                .export(format, Some(g.as_str()), &mut body)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Target::All => self
                .store
                .export(format, None, &mut body)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Target::Default => default_graph(self.store.inner(), format, &mut body),
        };
        match written {
            Ok(()) => ok(body),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")),
        }
    }

    fn gsp_write(&self, req: &mut Request<Body>, target: &Target, replace: bool) -> Response<Body> {
        let Some(ct) = params::content_type(req) else {
            return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "a Content-Type is required (text/turtle, application/n-triples, application/rdf+xml, application/ld+json, application/n-quads, application/trig)".into());
        };
        let Some(format) = RdfFormat::from_media_type(&ct) else {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("{ct} is not an RDF format this server reads"),
            );
        };
        if *target == Target::All && (replace || !format.supports_datasets()) {
            return error(
                StatusCode::BAD_REQUEST,
                if replace {
                    "PUT needs ?graph=IRI or ?default; this server never replaces the whole store"
                        .into()
                } else {
                    "POST without ?graph= needs a dataset format (application/n-quads or application/trig)".into()
                },
            );
        }
        let bytes = match params::body(req, self.config.max_data_bytes) {
            Ok(b) => b,
            Err(BodyError::TooLarge(n)) => return super::too_large(n),
            Err(BodyError::Io(e)) => {
                return error(StatusCode::BAD_REQUEST, format!("reading the body: {e}"))
            }
        };
        let graph = match target {
            Target::Named(g) => GraphName::NamedNode(g.clone()),
            _ => GraphName::DefaultGraph,
        };
        let mut quads: Vec<Quad> = Vec::new();
        for q in RdfParser::from_format(format)
            .with_default_graph(graph.clone())
            .for_slice(&bytes)
        {
            match q {
                Ok(q) => {
                    if *target != Target::All && q.graph_name != graph {
                        return error(StatusCode::BAD_REQUEST, format!("the body puts data in graph {}; send only triples to a single graph", q.graph_name));
                    }
                    quads.push(q);
                }
                Err(e) => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        format!("{} syntax error: {e}", format.name()),
                    )
                }
            }
        }
        let _w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let created = match target {
            Target::Named(g) => match self.exists(g) {
                Ok(e) => !e,
                Err(r) => return r,
            },
            _ => false,
        };
        let db = self.store.inner();
        let result = (|| -> Result<(), oxigraph::store::StorageError> {
            let mut t = db.start_transaction()?;
            if replace {
                t.clear_graph(graph.as_ref())?;
            }
            if let GraphName::NamedNode(g) = &graph {
                t.insert_named_graph(g);
            }
            t.extend(quads.iter());
            t.commit()
        })();
        match result {
            Ok(()) => Response::builder()
                .status(if created {
                    StatusCode::CREATED
                } else {
                    StatusCode::NO_CONTENT
                })
                .body(Body::empty())
                .unwrap_or_else(|_| {
                    error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "cannot build the response".into(),
                    )
                }),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")),
        }
    }

    fn gsp_delete(&self, target: &Target) -> Response<Body> {
        let _w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let done = match target {
            Target::All => return error(
                StatusCode::BAD_REQUEST,
                "DELETE needs ?graph=IRI or ?default; this server never empties the whole store"
                    .into(),
            ),
            Target::Default => self
                .store
                .inner()
                .clear_graph(GraphNameRef::DefaultGraph)
                .map_err(|e| e.to_string()),
            Target::Named(g) => {
                match self.exists(g) {
                    Ok(true) => {}
                    Ok(false) => {
                        return error(StatusCode::NOT_FOUND, format!("no graph {g} in this store"))
                    }
                    Err(r) => return r,
                }
                match self.store.article_hash(g.as_str()) {
                    // An indexed article: drop its index entry too, in the store module's way.
                    Ok(Some(_)) => self
                        .store
                        .remove_article(g.as_str())
                        .map_err(|e| e.to_string()),
                    Ok(None) => self
                        .store
                        .inner()
                        .remove_named_graph(g)
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
        };
        match done {
            Ok(()) => Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .unwrap_or_else(|_| {
                    error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "cannot build the response".into(),
                    )
                }),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {e}")),
        }
    }
}

/// The store's real default graph (empty unless someone wrote to it), sorted.
fn default_graph(
    db: &oxigraph::store::Store,
    format: RdfFormat,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let mut quads: Vec<Quad> = db
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    quads.sort_by_cached_key(|q| {
        (
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
    let mut ser = RdfSerializer::from_format(format);
    for (p, iri) in crate::vocab::PREFIXES {
        ser = ser.with_prefix(*p, *iri).map_err(|e| e.to_string())?;
    }
    let mut w = ser.for_writer(out);
    for q in &quads {
        w.serialize_triple(TripleRef::from(q.as_ref()))
            .map_err(|e| e.to_string())?;
    }
    w.finish().map_err(|e| e.to_string())?;
    Ok(())
}
