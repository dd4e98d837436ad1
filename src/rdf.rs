//! ArticleFacts -> quads in the article's named graph, under the diplograph
//! ontology, with PROV-O provenance and an evidence node on every fact.
//!
//! Pure: no I/O, and the same facts always give the same quads (apart from
//! the extraction activity's timestamps).

use crate::facts::{ArticleFacts, Evidence};
use crate::resolve::short_hash;
use crate::vocab::{self, NIF, OWL, PROV, RDF, SCHEMA, SKOS, XSD};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use unicode_normalization::UnicodeNormalization;

/// Builds quads for one graph.
struct Sink {
    graph: GraphName,
    quads: Vec<Quad>,
}

fn nn(iri: &str) -> NamedNode {
    // Every IRI here is minted from a fixed namespace plus a slug or hash, or read from the ontology.
    NamedNode::new_unchecked(iri)
}

fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s.nfc().collect::<String>()).into()
}

fn typed(s: &str, dt: &str) -> Term {
    Literal::new_typed_literal(s, nn(&format!("{XSD}{dt}"))).into()
}

impl Sink {
    fn add(&mut self, s: &str, p: &str, o: Term) {
        self.quads
            .push(Quad::new(nn(s), nn(p), o, self.graph.clone()));
    }
    fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, nn(o).into());
    }
    fn a(&mut self, s: &str, class: &str) {
        self.iri(s, &format!("{RDF}type"), class);
    }
    fn evidence(&mut self, fact: &str, article: &str, e: &Evidence) {
        let ev = vocab::resource(
            "evidence",
            &short_hash(&[fact, &e.begin.to_string(), &e.end.to_string()]),
        );
        self.iri(fact, &vocab::dg("evidence"), &ev);
        self.iri(fact, &format!("{PROV}wasDerivedFrom"), article);
        self.a(&ev, &vocab::dg("Evidence"));
        self.add(&ev, &format!("{PROV}value"), lit(&e.sentence));
        self.add(
            &ev,
            &format!("{NIF}beginIndex"),
            typed(&e.begin.to_string(), "nonNegativeInteger"),
        );
        self.add(
            &ev,
            &format!("{NIF}endIndex"),
            typed(&e.end.to_string(), "nonNegativeInteger"),
        );
        self.iri(&ev, &format!("{PROV}wasDerivedFrom"), article);
    }
}

fn event_class(kind: &str) -> &'static str {
    match kind {
        "talks" => "Talks",
        "visit" => "Visit",
        "summit" => "Summit",
        "call" => "PhoneCall",
        "meeting" => "Meeting",
        _ => "OtherEncounter",
    }
}

fn document_class(kind: &str) -> &'static str {
    match kind {
        "agreement" => "Agreement",
        "protocol" => "Protocol",
        "memorandum" => "Memorandum",
        "treaty" => "Treaty",
        "roadmap" => "Roadmap",
        "program" => "Programme",
        "action_plan" => "ActionPlan",
        "plan" => "Plan",
        "joint_statement" => "JointStatement",
        "declaration" => "Declaration",
        "schedule" => "Schedule",
        "contract" => "Contract",
        _ => "OtherDocument",
    }
}

fn country_iri(iso: &str) -> String {
    vocab::resource("country", iso)
}

/// All quads of one article, in the article's graph. `now` is the extraction time (xsd:dateTime).
pub fn article_quads(f: &ArticleFacts, now: &str) -> Vec<Quad> {
    let art = f.iri.as_str();
    let mut s = Sink {
        graph: GraphName::NamedNode(nn(art)),
        quads: Vec::new(),
    };
    let dg = vocab::dg;
    let sc = vocab::schema;

    s.a(art, &dg("Article"));
    if let Some(t) = &f.title {
        s.add(art, &sc("headline"), lit(t));
    }
    if let Some(d) = f.date {
        s.add(art, &sc("datePublished"), typed(&d.to_string(), "date"));
    }
    if let Some(u) = &f.url {
        s.add(art, &sc("url"), typed(u, "anyURI"));
    }
    s.add(
        art,
        &dg("sourceFile"),
        lit(f.file.as_deref().unwrap_or(&f.doc)),
    );
    s.add(art, &dg("contentHash"), lit(&f.hash));
    s.add(
        art,
        &dg("characterCount"),
        typed(&f.chars.to_string(), "nonNegativeInteger"),
    );
    let act = vocab::resource("extraction", &short_hash(&[art, &f.hash]));
    s.a(&act, &dg("Extraction"));
    s.a(&act, &format!("{PROV}Activity"));
    s.iri(&act, &format!("{PROV}used"), art);
    s.iri(&act, &format!("{PROV}wasAssociatedWith"), vocab::SOFTWARE);
    s.add(
        &act,
        &format!("{PROV}startedAtTime"),
        typed(now, "dateTime"),
    );
    s.a(vocab::SOFTWARE, &format!("{PROV}SoftwareAgent"));
    s.add(vocab::SOFTWARE, &sc("name"), lit("diplograph"));
    s.add(
        vocab::SOFTWARE,
        &sc("softwareVersion"),
        lit(env!("CARGO_PKG_VERSION")),
    );

    for p in &f.persons {
        let iri = p.iri.as_str();
        s.a(iri, &sc("Person"));
        s.add(iri, &sc("name"), lit(&p.name));
        for v in &p.variants {
            s.add(iri, &format!("{SKOS}altLabel"), lit(v));
        }
        s.add(iri, &dg("nameKey"), lit(&p.key));
        if let Some(q) = &p.wikidata {
            s.iri(iri, &format!("{OWL}sameAs"), &format!("{}{q}", vocab::WD));
        }
        s.iri(iri, &dg("mentionedIn"), art);
        if p.role.is_some() || p.country.is_some() {
            let pos = vocab::resource(
                "position",
                &short_hash(&[
                    iri,
                    p.role.as_deref().unwrap_or(""),
                    p.country.as_deref().unwrap_or(""),
                ]),
            );
            s.iri(iri, &dg("holds"), &pos);
            s.a(&pos, &dg("Position"));
            if let Some(r) = &p.role {
                s.add(&pos, &sc("roleName"), lit(r));
            }
            if let Some(o) = &p.office {
                s.iri(&pos, &dg("office"), o);
            }
            if let Some(c) = &p.country {
                s.iri(&pos, &dg("country"), &country_iri(c));
            }
            s.evidence(&pos, art, &p.evidence);
        }
    }
    for m in &f.meetings {
        let iri = m.iri.as_str();
        s.a(iri, &dg(event_class(m.kind)));
        for &i in &m.participants {
            s.iri(iri, &dg("participant"), &f.persons[i].iri);
        }
        if let Some(h) = m.host {
            s.iri(iri, &dg("host"), &f.persons[h].iri);
        }
        if let Some(d) = m.date {
            match d.year {
                Some(_) => s.add(iri, &dg("date"), typed(&d.to_string(), "date")),
                None => s.add(iri, &dg("date"), typed(&d.to_string(), "gMonthDay")),
            }
        }
        if let Some(p) = &m.place {
            s.iri(iri, &dg("place"), &p.iri);
        }
        s.evidence(iri, art, &m.evidence);
    }
    for d in &f.documents {
        let iri = d.iri.as_str();
        s.a(iri, &dg(document_class(d.kind)));
        s.add(iri, &dg("title"), lit(&d.title));
        s.add(iri, &sc("name"), lit(&d.title));
        for c in &d.parties {
            s.iri(iri, &dg("party"), &country_iri(c));
        }
        if let Some(m) = d.signed_at.and_then(|i| f.meetings.get(i)) {
            s.iri(iri, &dg("signedAt"), &m.iri);
        }
        s.evidence(iri, art, &d.evidence);
    }
    for t in &f.trade {
        let iri = t.iri.as_str();
        s.a(iri, &dg("TradeFigure"));
        s.add(
            iri,
            &dg("amount"),
            typed(&format!("{}", t.usd.round() as u64), "decimal"),
        );
        s.add(iri, &dg("currency"), lit("USD"));
        if let Some(y) = t.year {
            s.add(iri, &dg("year"), typed(&format!("{y:04}"), "gYear"));
        }
        s.add(iri, &dg("figureKind"), lit(t.kind));
        for c in &t.countries {
            s.iri(iri, &dg("tradePartner"), &country_iri(c));
        }
        s.evidence(iri, art, &t.evidence);
    }
    for c in &f.cities {
        s.iri(&c.iri, &dg("mentionedIn"), art);
    }
    for c in &f.countries {
        s.iri(&country_iri(c), &dg("mentionedIn"), art);
    }
    let _ = SCHEMA;
    s.quads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Person;

    fn facts() -> ArticleFacts {
        ArticleFacts {
            doc: "a.txt".into(),
            iri: vocab::resource("article", "a-txt"),
            url: None,
            file: None,
            title: Some("Leaders meet".into()),
            date: Some("2024-03-01".parse().unwrap()),
            hash: "00".into(),
            chars: 10,
            persons: vec![Person {
                iri: vocab::resource("person", "jose-ramos-horta"),
                name: "José Ramos-Horta".into(),
                written: None,
                variants: vec![],
                key: "k".into(),
                wikidata: None,
                role: Some("President".into()),
                office: None,
                country: Some("TL".into()),
                evidence: Evidence {
                    sentence: "x".into(),
                    begin: 0,
                    end: 1,
                },
            }],
            meetings: vec![],
            documents: vec![],
            trade: vec![],
            cities: vec![],
            countries: vec![],
        }
    }

    #[test]
    fn every_quad_is_in_the_article_graph_and_stable() {
        let f = facts();
        let a = article_quads(&f, "2024-01-01T00:00:00Z");
        let b = article_quads(&f, "2024-01-01T00:00:00Z");
        assert_eq!(a, b);
        assert!(a
            .iter()
            .all(|q| q.graph_name.to_string() == format!("<{}>", f.iri)));
        assert!(a
            .iter()
            .any(|q| q.predicate.as_str() == vocab::schema("name")
                && q.object.to_string().contains("José")));
    }
}
