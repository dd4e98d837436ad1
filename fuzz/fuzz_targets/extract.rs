//! Text in, facts and quads out: sentence splitting, persons, offices,
//! encounters, agreements, trade, dates; then resolve and RDF. Invariants: no
//! panic (libFuzzer's hook aborts even on panics `Extractor::extract` would
//! catch), sentence spans on char boundaries, evidence offsets inside the text
//! and matching it, every IRI valid, the quads survive N-Quads and back.
#![no_main]

use diplograph::extract::Extractor;
use diplograph::lexicon::Lexicon;
use diplograph::resolve::Resolver;
use diplograph::source::{self, Kind};
use libfuzzer_sys::fuzz_target;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::embedded);
static EXTRACTOR: LazyLock<Extractor<'static>> = LazyLock::new(|| Extractor::new(&LEX));

fn iri_ok(s: &str) {
    NamedNode::new(s).unwrap_or_else(|e| panic!("invalid IRI {s:?}: {e}"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = source::from_bytes("fuzz.txt", text.as_bytes(), Kind::Text) else {
        return;
    };
    let ex = EXTRACTOR.extract(&doc);
    for s in &ex.sentences {
        assert!(s.start <= s.end && s.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
    }
    let facts = Resolver::default().resolve(&doc, &ex, &LEX);
    let chars: Vec<char> = doc.text.chars().collect();
    let evidences = facts
        .persons
        .iter()
        .map(|p| &p.evidence)
        .chain(facts.meetings.iter().map(|m| &m.evidence))
        .chain(facts.documents.iter().map(|d| &d.evidence))
        .chain(facts.trade.iter().map(|t| &t.evidence));
    for e in evidences {
        assert!(
            e.begin <= e.end && e.end <= chars.len(),
            "evidence {}..{} outside {} chars",
            e.begin,
            e.end,
            chars.len()
        );
        let span: String = chars[e.begin..e.end].iter().collect();
        assert_eq!(
            span.split_whitespace().collect::<Vec<_>>().join(" "),
            e.sentence,
            "evidence text differs from its span"
        );
    }
    let _ = serde_json::to_string(&facts.contract()).expect("facts serialise");
    let quads = diplograph::rdf::article_quads(&facts, "2024-01-01T00:00:00Z");
    for q in &quads {
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            iri_ok(n.as_str());
        }
        iri_ok(q.predicate.as_str());
        if let Term::NamedNode(n) = &q.object {
            iri_ok(n.as_str());
        }
        if let Term::Literal(l) = &q.object {
            iri_ok(l.datatype().as_str());
        }
        if let GraphName::NamedNode(n) = &q.graph_name {
            iri_ok(n.as_str());
        }
    }
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in &quads {
        w.serialize_quad(q).expect("serialise");
    }
    let bytes = w.finish().expect("finish");
    let back = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .expect("N-Quads parse back");
    assert_eq!(back.len(), quads.len());
});
