//! diplograph: diplomacy news to a knowledge graph.
//!
//! Stages, one module each, plain data between them:
//! [`source`] (files -> `Document`) -> [`extract`] (`Document` -> `Extraction`)
//! -> [`resolve`] (-> `ArticleFacts`, the [`facts`] types) -> [`rdf`] (-> quads)
//! -> [`store`] (Oxigraph, the only writer) -> [`network`] (petgraph).
//! Dictionaries come from `ontology/*.ttl` through [`lexicon`].

pub mod check;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod dates;
pub mod extract;
pub mod facts;
pub mod lexicon;
pub mod network;
pub mod push;
pub mod query_limits;
pub mod rdf;
pub mod resolve;
pub mod serve;
pub mod source;
pub mod store;
pub mod vocab;
pub mod world;
