//! Extraction -> ArticleFacts: canonical names and IRIs that are the same
//! for the same person in every document, and evidence with character offsets.
//!
//! The entry point is [`Resolver::resolve`]. Dictionary persons keep their
//! dictionary IRI; other persons are identified across documents by a
//! transliteration-tolerant key of their name, so "Kairat Umarov" and
//! "Qairat Umarov" are one person.

use crate::extract::{Extraction, Location};
use crate::facts::{self, ArticleFacts, Evidence};
use crate::lexicon::{self, Lexicon};
use crate::source::Document;
use crate::vocab;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Names seen so far: key -> (canonical name, IRI).
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    names: HashMap<String, (String, String)>,
}

/// Short stable hash for fact IRIs.
pub fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The IRI of an article: from its URL when known, else from its file name.
pub fn article_iri(doc: &Document) -> String {
    article_iri_as(doc, &doc.id)
}

/// The IRI of an article read as `key` (its path relative to the folder given to `build`):
/// from its URL when known, else from `key`. The slug folds case and punctuation, so two
/// keys can meet on one IRI; `build` refuses such pairs rather than merge them.
pub fn article_iri_as(doc: &Document, key: &str) -> String {
    match &doc.url {
        Some(u) => vocab::resource(
            "article",
            &format!(
                "{}-{}",
                lexicon::slug(u).chars().take(60).collect::<String>(),
                short_hash(&[u])
            ),
        ),
        None => vocab::resource("article", &lexicon::slug(key)),
    }
}

fn evidence(doc: &Document, ex: &Extraction, sentence: usize) -> Evidence {
    let s = &ex.sentences[sentence];
    let text = &doc.text[s.start..s.end];
    let begin = doc.text[..s.start].chars().count();
    Evidence {
        sentence: text.split_whitespace().collect::<Vec<_>>().join(" "),
        begin,
        end: begin + text.chars().count(),
    }
}

impl Resolver {
    /// Remembers a person already in the store, so later runs reuse its IRI and spelling.
    pub fn remember(&mut self, key: String, name: String, iri: String) {
        self.names.entry(key).or_insert((name, iri));
    }

    pub fn resolve(&mut self, doc: &Document, ex: &Extraction, lex: &Lexicon) -> ArticleFacts {
        self.resolve_as(doc, &doc.id, ex, lex)
    }

    /// As [`Resolver::resolve`], with the article's identity `key` (see [`article_iri_as`]).
    pub fn resolve_as(
        &mut self,
        doc: &Document,
        key: &str,
        ex: &Extraction,
        lex: &Lexicon,
    ) -> ArticleFacts {
        let iri = article_iri_as(doc, key);
        let mut persons = Vec::new();
        for e in &ex.entities {
            let key = lexicon::skeleton(&e.name);
            let (name, piri, wikidata) = match e.known {
                Some(k) => {
                    let p = &lex.persons[k];
                    (p.name.clone(), p.iri.clone(), p.wikidata.clone())
                }
                None => {
                    let (n, i) = self
                        .names
                        .entry(key.clone())
                        .or_insert_with(|| {
                            (
                                e.name.clone(),
                                vocab::resource("person", &lexicon::slug(&e.name)),
                            )
                        })
                        .clone();
                    (n, i, None)
                }
            };
            let first = e.sentences.first().copied().unwrap_or(e.first);
            let written = (e.known.is_some() && e.name != name).then(|| e.name.clone());
            let variants = e
                .variants
                .iter()
                .filter(|v| **v != name && v.split_whitespace().count() >= 2)
                .cloned()
                .chain(written.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            persons.push(facts::Person {
                iri: piri,
                name,
                written,
                variants,
                key,
                wikidata,
                role: e.role.clone(),
                office: e.office.map(|o| lex.offices[o].iri.clone()),
                country: e.country.clone(),
                evidence: evidence(doc, ex, first.min(ex.sentences.len().saturating_sub(1))),
            });
        }
        let place = |l: &Location| match *l {
            Location::City(c) => facts::Place {
                iri: lex.cities[c].iri.clone(),
                name: lex.cities[c].name.clone(),
            },
            Location::Country(c) => facts::Place {
                iri: lex.countries[c].iri.clone(),
                name: lex.countries[c].name.clone(),
            },
        };
        let meetings: Vec<facts::Meeting> = ex
            .meetings
            .iter()
            .map(|m| {
                let mut names: Vec<&str> = m
                    .participants
                    .iter()
                    .map(|&p| persons[p].iri.as_str())
                    .collect();
                names.sort_unstable();
                let date = m.date.map(|d| d.to_string()).unwrap_or_default();
                let mut parts = vec![iri.as_str(), m.kind.as_str(), date.as_str()];
                parts.extend(names);
                facts::Meeting {
                    iri: vocab::resource("event", &short_hash(&parts)),
                    participants: m.participants.clone(),
                    host: m.host,
                    kind: m.kind.as_str(),
                    date: m.date,
                    place: m.place.as_ref().map(place),
                    evidence: evidence(doc, ex, m.sentence),
                }
            })
            .collect();
        let documents = ex
            .agreements
            .iter()
            .map(|a| facts::SignedDocument {
                iri: vocab::resource("document", &short_hash(&[&iri, a.kind, &a.title])),
                title: a.title.clone(),
                kind: a.kind,
                parties: a.parties.clone(),
                signed_at: a.signed_at,
                evidence: evidence(doc, ex, a.sentence),
            })
            .collect();
        let trade = ex
            .trade
            .iter()
            .map(|t| facts::Trade {
                iri: vocab::resource(
                    "trade",
                    &short_hash(&[
                        &iri,
                        &t.countries[0],
                        &t.countries[1],
                        t.kind,
                        &format!("{}", t.usd),
                        &format!("{:?}", t.year),
                    ]),
                ),
                countries: t.countries.clone(),
                usd: t.usd,
                year: t.year,
                kind: t.kind,
                evidence: evidence(doc, ex, t.sentence),
            })
            .collect();
        ArticleFacts {
            doc: doc.id.clone(),
            iri,
            url: doc.url.clone(),
            // The file name, not the path: the same article gives the same graph wherever it is read from.
            file: doc
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            title: doc.title.clone(),
            date: doc.date,
            hash: doc.hash.clone(),
            chars: doc.text.chars().count(),
            persons,
            meetings,
            documents,
            trade,
            cities: ex
                .cities
                .iter()
                .map(|&(c, _)| facts::Place {
                    iri: lex.cities[c].iri.clone(),
                    name: lex.cities[c].name.clone(),
                })
                .collect(),
            countries: ex.countries.iter().map(|(c, _)| c.clone()).collect(),
        }
    }
}
