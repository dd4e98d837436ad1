//! Encounter cues of other languages, as data: `ontology/cues.ttl` (SKOS labels with the
//! kind of encounter each reports), read once with rio_turtle from the built-in copy.

use super::meetings::MeetingKind;
use regex::Regex;
use rio_api::model::{Literal, Subject, Term};
use rio_api::parser::TriplesParser;
use rio_turtle::TurtleParser;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const DG: &str = "https://w3id.org/diplograph/ontology#";
const ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const PREF: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The cue phrases of one file, compiled: one matcher per encounter kind, one for plans.
pub struct Cues {
    pub kinds: Vec<(MeetingKind, Regex)>,
    pub not_yet: Option<Regex>,
}

static BUILT_IN: LazyLock<Cues> = LazyLock::new(|| {
    parse(include_str!("../../ontology/cues.ttl")).unwrap_or_else(|_| Cues {
        kinds: Vec::new(),
        not_yet: None,
    })
});

/// The cues shipped in `ontology/cues.ttl`.
pub fn built_in() -> &'static Cues {
    &BUILT_IN
}

fn kind_of(s: &str) -> Option<MeetingKind> {
    Some(match s {
        "talks" => MeetingKind::Talks,
        "visit" => MeetingKind::Visit,
        "meeting" => MeetingKind::Meeting,
        "summit" => MeetingKind::Summit,
        "call" => MeetingKind::Call,
        "other" => MeetingKind::Other,
        _ => return None,
    })
}

/// Reads a cues file. Concepts typed `dg:EncounterCue` give their labels to the kind named
/// by `dg:encounterKind`; concepts typed `dg:NotYetCue` mark plans and invitations.
pub fn parse(ttl: &str) -> Result<Cues, rio_turtle::TurtleError> {
    #[derive(Default)]
    struct Concept {
        kind: Option<String>,
        not_yet: bool,
        labels: Vec<String>,
    }
    let mut concepts: BTreeMap<String, Concept> = BTreeMap::new();
    TurtleParser::new(ttl.as_bytes(), None).parse_all(&mut |t| {
        let Subject::NamedNode(s) = t.subject else {
            return Ok(()) as Result<(), rio_turtle::TurtleError>;
        };
        let c = concepts.entry(s.iri.to_string()).or_default();
        match (t.predicate.iri, t.object) {
            (TYPE, Term::NamedNode(o)) if o.iri == format!("{DG}NotYetCue") => c.not_yet = true,
            (p, Term::Literal(l)) if p == format!("{DG}encounterKind") => {
                c.kind = Some(literal(l).to_string());
            }
            (ALT | PREF, Term::Literal(l)) => c.labels.push(literal(l).to_lowercase()),
            _ => {}
        }
        Ok(())
    })?;
    let mut by_kind: BTreeMap<MeetingKind, Vec<String>> = BTreeMap::new();
    let mut plans: Vec<String> = Vec::new();
    for c in concepts.into_values() {
        if c.not_yet {
            plans.extend(c.labels);
        } else if let Some(k) = c.kind.as_deref().and_then(kind_of) {
            by_kind.entry(k).or_default().extend(c.labels);
        }
    }
    Ok(Cues {
        kinds: by_kind
            .into_iter()
            .filter_map(|(k, ls)| alternation(&ls).map(|re| (k, re)))
            .collect(),
        not_yet: alternation(&plans),
    })
}

fn literal(l: Literal<'_>) -> &str {
    match l {
        Literal::Simple { value }
        | Literal::LanguageTaggedString { value, .. }
        | Literal::Typed { value, .. } => value,
    }
}

/// One matcher for a list of phrases, longest first, on word boundaries.
fn alternation(phrases: &[String]) -> Option<Regex> {
    let mut ps: Vec<&String> = phrases.iter().filter(|p| !p.trim().is_empty()).collect();
    if ps.is_empty() {
        return None;
    }
    ps.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alt: Vec<String> = ps.iter().map(|p| regex::escape(p)).collect();
    Regex::new(&format!(r"\b(?:{})\b", alt.join("|"))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_gives_each_kind_and_plans() {
        let c = built_in();
        let kind = |s: &str| c.kinds.iter().find(|(_, re)| re.is_match(s)).map(|x| x.0);
        assert_eq!(
            kind("el presidente se reunió con su homólogo"),
            Some(MeetingKind::Meeting)
        );
        assert_eq!(
            kind("mantuvieron una conversación telefónica"),
            Some(MeetingKind::Call)
        );
        assert_eq!(kind("a reçu le ministre"), Some(MeetingKind::Meeting));
        assert_eq!(kind("the minister spoke at length"), None);
        assert!(c
            .not_yet
            .as_ref()
            .unwrap()
            .is_match("el canciller visitará madrid"));
    }

    #[test]
    fn a_users_file_is_read_the_same_way() {
        let ttl = r#"@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:meet> a dg:EncounterCue ; dg:encounterKind "meeting" ; skos:altLabel "traf sich mit"@de .
<urn:x:plan> a dg:NotYetCue ; skos:altLabel "wird treffen"@de ."#;
        let c = parse(ttl).unwrap();
        assert_eq!(c.kinds.len(), 1);
        assert!(c.kinds[0].1.is_match("scholz traf sich mit macron"));
        assert!(c.not_yet.unwrap().is_match("er wird treffen"));
    }
}
