//! IRIs of the terms diplograph reads and writes, one constant each.
//! The ontology itself is `ontology/diplomacy.ttl`.

/// The diplograph ontology namespace.
pub const DG: &str = "https://w3id.org/diplograph/ontology#";
/// Namespace of minted resources (persons, events, documents ...).
pub const DGR: &str = "https://w3id.org/diplograph/id/";
pub const SCHEMA: &str = "http://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";

/// Named graph holding the ontology and the dictionaries.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/diplograph/graph/ontology";
/// Named graph holding store metadata (format version, article index).
pub const META_GRAPH: &str = "https://w3id.org/diplograph/graph/meta";
/// The consolidated layer: each person, country, event, document once (see `world.rs`).
pub const WORLD_GRAPH: &str = "https://w3id.org/diplograph/graph/world";
/// The software agent of every extraction activity.
pub const SOFTWARE: &str = "https://w3id.org/diplograph/id/software/diplograph";

/// Prefixes used when writing Turtle for people.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", DG),
    ("person", "https://w3id.org/diplograph/id/person/"),
    ("country", "https://w3id.org/diplograph/id/country/"),
    ("city", "https://w3id.org/diplograph/id/city/"),
    ("office", "https://w3id.org/diplograph/id/office/"),
    ("article", "https://w3id.org/diplograph/id/article/"),
    ("event", "https://w3id.org/diplograph/id/event/"),
    ("document", "https://w3id.org/diplograph/id/document/"),
    ("trade", "https://w3id.org/diplograph/id/trade/"),
    ("position", "https://w3id.org/diplograph/id/position/"),
    ("evidence", "https://w3id.org/diplograph/id/evidence/"),
    ("extraction", "https://w3id.org/diplograph/id/extraction/"),
    ("software", "https://w3id.org/diplograph/id/software/"),
    ("graph", "https://w3id.org/diplograph/graph/"),
    ("dgr", DGR),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("prov", PROV),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("nif", NIF),
    ("wd", WD),
    ("sem", SEM),
    ("dcterms", DCTERMS),
];

/// `dg:` term.
pub fn dg(local: &str) -> String {
    format!("{DG}{local}")
}
/// `schema:` term.
pub fn schema(local: &str) -> String {
    format!("{SCHEMA}{local}")
}
/// Minted resource IRI: `dgr:{kind}/{id}`.
pub fn resource(kind: &str, id: &str) -> String {
    format!("{DGR}{kind}/{id}")
}
