//! Typed facts of one article, with evidence; and the JSON Lines contract of
//! `diplograph extract` (FACTS.md), which is a projection of them.

use crate::dates::PartialDate;
use serde::{Deserialize, Serialize};

/// The sentence a fact came from: its text and character offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub sentence: String,
    pub begin: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub iri: String,
    pub name: String,
    /// The article's fuller form of a dictionary name ("Bola Ahmed Tinubu" for Bola
    /// Tinubu): the JSON facts give it, the graph keeps `name` and lists it as a variant.
    pub written: Option<String>,
    /// Spellings the article used, other than the canonical name.
    pub variants: Vec<String>,
    pub key: String,
    pub wikidata: Option<String>,
    pub role: Option<String>,
    pub office: Option<String>,
    pub country: Option<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub iri: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub iri: String,
    /// Indices into `ArticleFacts::persons`.
    pub participants: Vec<usize>,
    pub host: Option<usize>,
    pub kind: &'static str,
    pub date: Option<PartialDate>,
    pub place: Option<Place>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone)]
pub struct SignedDocument {
    pub iri: String,
    pub title: String,
    pub kind: &'static str,
    pub parties: Vec<String>,
    /// Index into `ArticleFacts::meetings`.
    pub signed_at: Option<usize>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone)]
pub struct Trade {
    pub iri: String,
    pub countries: [String; 2],
    pub usd: f64,
    pub year: Option<i16>,
    pub kind: &'static str,
    pub evidence: Evidence,
}

/// Everything diplograph states about one article.
#[derive(Debug, Clone)]
pub struct ArticleFacts {
    pub doc: String,
    pub iri: String,
    pub url: Option<String>,
    pub file: Option<String>,
    pub title: Option<String>,
    pub date: Option<jiff::civil::Date>,
    pub hash: String,
    pub chars: usize,
    pub persons: Vec<Person>,
    pub meetings: Vec<Meeting>,
    pub documents: Vec<SignedDocument>,
    pub trade: Vec<Trade>,
    pub cities: Vec<Place>,
    pub countries: Vec<String>,
}

/// One line of `diplograph extract --format jsonl` (FACTS.md).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocFacts {
    pub doc: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub persons: Vec<PersonFact>,
    pub meetings: Vec<MeetingFact>,
    pub agreements: Vec<AgreementFact>,
    pub trade: Vec<TradeFact>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PersonFact {
    pub name: String,
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MeetingFact {
    pub participants: Vec<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AgreementFact {
    pub title: String,
    pub kind: String,
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TradeFact {
    pub countries: Vec<String>,
    pub usd: u64,
    pub year: Option<i16>,
    pub kind: String,
}

impl ArticleFacts {
    /// The FACTS.md projection.
    pub fn contract(&self) -> DocFacts {
        DocFacts {
            doc: self.doc.clone(),
            title: self.title.clone(),
            date: self.date.map(|d| d.to_string()),
            persons: self
                .persons
                .iter()
                .filter(|p| !p.name.is_empty())
                .map(|p| PersonFact {
                    name: p.written.clone().unwrap_or_else(|| p.name.clone()),
                    country: p.country.clone(),
                    role: p.role.clone(),
                })
                .collect(),
            meetings: self
                .meetings
                .iter()
                .map(|m| MeetingFact {
                    participants: m
                        .participants
                        .iter()
                        .map(|&i| {
                            let p = &self.persons[i];
                            p.written.clone().unwrap_or_else(|| p.name.clone())
                        })
                        .collect(),
                    date: m.date.map(|d| d.to_string()),
                    place: m.place.as_ref().map(|p| p.name.clone()),
                    kind: m.kind.to_string(),
                })
                .collect(),
            agreements: self
                .documents
                .iter()
                .map(|d| AgreementFact {
                    title: d.title.clone(),
                    kind: d.kind.to_string(),
                    parties: d.parties.clone(),
                })
                .collect(),
            trade: self
                .trade
                .iter()
                .map(|t| TradeFact {
                    countries: t.countries.to_vec(),
                    usd: t.usd.round() as u64,
                    year: t.year,
                    kind: t.kind.to_string(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_field_names_match_facts_md() {
        let d = DocFacts {
            doc: "a.txt".into(),
            title: None,
            date: Some("2024-02-08".into()),
            persons: vec![PersonFact {
                name: "A B".into(),
                country: Some("UZ".into()),
                role: None,
            }],
            meetings: vec![],
            agreements: vec![],
            trade: vec![TradeFact {
                countries: vec!["UZ".into(), "BY".into()],
                usd: 600_000_000,
                year: None,
                kind: "actual".into(),
            }],
        };
        let v: serde_json::Value = serde_json::to_value(&d).unwrap();
        for k in [
            "doc",
            "title",
            "date",
            "persons",
            "meetings",
            "agreements",
            "trade",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v["trade"][0]["usd"], serde_json::json!(600000000));
        assert!(v["title"].is_null());
    }
}
