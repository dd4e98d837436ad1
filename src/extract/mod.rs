//! Document + Lexicon -> Extraction: sentences, persons with their offices,
//! encounters, signed documents, trade figures and places, each with the
//! sentence it came from.
//!
//! The entry point is [`extract`]. It never fails and never does I/O: odd
//! text gives fewer facts, not an error.

pub mod agreements;
pub mod cues;
mod encounters;
pub mod meetings;
pub mod persons;
pub mod quotes;
pub mod roster;
pub mod text;
pub mod trade;

use crate::dates::{self, PartialDate};
use crate::lexicon::{Lexicon, Place};
use crate::source::{BlockKind, Document};
pub use meetings::MeetingKind;
pub use persons::Entity;
use persons::Referent;
use std::collections::{HashMap, HashSet};
pub use text::Sentence;

/// Where an encounter happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    City(usize),
    Country(usize),
}

#[derive(Debug, Clone)]
pub struct Meeting {
    /// Indices into `Extraction::entities`, in order of first mention.
    pub participants: Vec<usize>,
    pub host: Option<usize>,
    pub kind: MeetingKind,
    pub date: Option<PartialDate>,
    pub place: Option<Location>,
    /// The sentence that reports it (the first, when several were merged).
    pub sentence: usize,
    pub(crate) date_explicit: bool,
}

#[derive(Debug, Clone)]
pub struct Agreement {
    pub title: String,
    pub kind: &'static str,
    pub parties: Vec<String>,
    pub sentence: usize,
    /// Index into `meetings` of the encounter it was signed at, if the article reports one.
    pub signed_at: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct TradeFigure {
    pub countries: [String; 2],
    pub usd: f64,
    pub year: Option<i16>,
    pub kind: &'static str,
    pub sentence: usize,
}

/// Everything found in one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub meetings: Vec<Meeting>,
    pub agreements: Vec<Agreement>,
    pub trade: Vec<TradeFigure>,
    /// Cities mentioned in the body (lexicon indices) with their first sentence.
    pub cities: Vec<(usize, usize)>,
    /// Countries mentioned in the body (ISO codes) with mention counts.
    pub countries: Vec<(String, usize)>,
}

/// Reusable per-lexicon state for extraction (word lists built once).
pub struct Extractor<'a> {
    pub lex: &'a Lexicon,
    non_name: HashSet<String>,
}

impl<'a> Extractor<'a> {
    pub fn new(lex: &'a Lexicon) -> Self {
        Extractor {
            lex,
            non_name: persons::non_name_words(lex),
        }
    }

    /// Never fails: a defect that panics on some text costs that document's facts, not the run.
    pub fn extract(&self, doc: &Document) -> Extraction {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_with(self, doc)))
            .unwrap_or_else(|_| Extraction {
                sentences: Vec::new(),
                entities: Vec::new(),
                meetings: Vec::new(),
                agreements: Vec::new(),
                trade: Vec::new(),
                cities: Vec::new(),
                countries: Vec::new(),
            })
    }
}

/// Extracts with a one-off [`Extractor`].
pub fn extract(doc: &Document, lex: &Lexicon) -> Extraction {
    Extractor::new(lex).extract(doc)
}

fn extract_with(ex: &Extractor, doc: &Document) -> Extraction {
    let lex = ex.lex;
    let text = &doc.text;
    let sentences = text::sentences(text, &doc.blocks);
    let hits = places_by_sentence(lex, text, &sentences);
    let scan = persons::scan(lex, &ex.non_name, text, &sentences, &hits);
    if std::env::var_os("DIPLOGRAPH_DEBUG").is_some() {
        debug_dump(lex, text, &sentences, &scan);
    }
    let doc_countries: HashSet<String> = hits
        .iter()
        .flatten()
        .filter_map(|h| match h.what {
            Place::Country(c) | Place::Demonym(c) => Some(lex.countries[c].iso.clone()),
            Place::City(c) => lex.cities[c].country.clone(),
        })
        .collect();
    let mut entities = persons::cluster(lex, &scan.names, doc.date, &doc_countries);
    let (in_sentence, mut mention_pos) = mentions_by_sentence(&entities, &scan, sentences.len());
    let (dateline_city, home) = dateline_and_home(lex, text, &sentences, &hits);
    let described = resolve_descriptions(
        Known {
            lex,
            doc,
            text,
            scan: &scan,
            home: home.as_deref(),
        },
        &mut entities,
        &in_sentence,
        &mut mention_pos,
    );
    let (cities, sentence_places, countries) = places_and_countries(lex, &hits, &entities);
    // Officials named without a state are, in a filed report, most often the host's.
    if let Some(host) = dateline_city.and_then(|c| lex.cities[c].country.clone()) {
        for e in entities.iter_mut() {
            if e.country.is_none() && e.known.is_none() && e.role.is_some() {
                e.country = Some(host.clone());
            }
        }
    }
    let scene = encounters::Scene {
        doc,
        lex,
        text,
        sentences: &sentences,
        entities: &entities,
        named: &in_sentence,
        described: &described,
        mention_pos: &mention_pos,
        places: &sentence_places,
        dateline_city,
        context_city: encounters::context_city(text, &sentences, &sentence_places),
    };
    let meetings = encounters::find_meetings(&scene);
    let main_pair = main_pair(&meetings, &entities, &countries);
    let agreements = find_agreements(
        doc,
        lex,
        text,
        &sentences,
        &sentence_places,
        &main_pair,
        &meetings,
    );
    let trade = find_trade(doc, lex, text, &sentences, &sentence_places, &main_pair);
    Extraction {
        sentences,
        entities,
        meetings,
        agreements,
        trade,
        cities,
        countries,
    }
}

/// Dictionary places once per sentence, at article offsets; every later step reads these.
fn places_by_sentence(
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
) -> Vec<Vec<crate::lexicon::Hit<Place>>> {
    sentences
        .iter()
        .map(|s| {
            lex.find_places(&text[s.start..s.end])
                .into_iter()
                .map(|h| crate::lexicon::Hit {
                    start: h.start + s.start,
                    end: h.end + s.start,
                    what: h.what,
                })
                .collect()
        })
        .collect()
}

/// `DIPLOGRAPH_DEBUG=1`: the sentences, names and descriptions found, on stderr.
fn debug_dump(lex: &Lexicon, text: &str, sentences: &[Sentence], scan: &persons::Scan) {
    for s in sentences {
        eprintln!(
            "sentence {:?} block={} {:?}",
            s.kind,
            s.block,
            &text[s.start..s.end]
        );
    }
    for m in &scan.names {
        eprintln!(
            "name {:?} strong={} cue={} enc={} role={:?} country={:?} known={:?}",
            m.name,
            m.strong,
            m.cue,
            m.in_encounter,
            m.role,
            m.country,
            m.known.map(|k| &lex.persons[k].name)
        );
    }
    for d in &scan.descriptions {
        eprintln!(
            "desc {:?} office={:?} country={:?}",
            &text[d.start..d.end],
            d.office.map(|o| &lex.offices[o].slug),
            d.country
        );
    }
}

type MentionIndex = (Vec<Vec<usize>>, HashMap<(usize, usize), usize>);

/// Which entities each sentence names, and where: (sentence, entity) -> byte offset.
fn mentions_by_sentence(entities: &[Entity], scan: &persons::Scan, n: usize) -> MentionIndex {
    let mut in_sentence: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut mention_pos: HashMap<(usize, usize), usize> = HashMap::new(); // (sentence, entity) -> byte offset
    for (ei, e) in entities.iter().enumerate() {
        for &mi in &e.mentions {
            let m = &scan.names[mi];
            if !in_sentence[m.sentence].contains(&ei) {
                in_sentence[m.sentence].push(ei);
            }
            mention_pos.entry((m.sentence, ei)).or_insert(m.start);
        }
    }
    (in_sentence, mention_pos)
}

/// The dateline's city ("ADDIS ABABA, Feb 17 -", "Doha, March 05 (QNA) -": where the article
/// was filed) and the state the article speaks from: the dateline's, else the publisher's
/// masthead ("GOVERNMENT OF SAMOA", "Ministry of Foreign Affairs of Japan").
fn dateline_and_home(
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
    hits: &[Vec<crate::lexicon::Hit<Place>>],
) -> (Option<usize>, Option<String>) {
    // The dateline ("ADDIS ABABA, Feb 17 -", "Doha, March 05 (QNA) -"): where the article was filed.
    let city_first = |si: usize| {
        hits[si].iter().find_map(|h| match h.what {
            Place::City(c)
                if h.start - sentences[si].start <= 3
                    && text[h.end..]
                        .trim_start()
                        .starts_with([',', '(', '-', '–', '—', '/']) =>
            {
                Some(c)
            }
            _ => None,
        })
    };
    let first_prose = sentences.iter().position(|s| s.kind == BlockKind::Prose);
    // Or a dateline on a line of its own above the body: "New Delhi, 14 November 2024".
    let dateline_city = first_prose.and_then(city_first).or_else(|| {
        (0..first_prose.unwrap_or(0)).find_map(|si| {
            let line = &text[sentences[si].start..sentences[si].end];
            (line.split_whitespace().count() <= 8 && !dates::find_dates(line).is_empty())
                .then(|| city_first(si))
                .flatten()
        })
    });
    // Else the publisher's masthead: "GOVERNMENT OF SAMOA", "Ministry of Foreign Affairs of Japan".
    let masthead = || {
        (0..first_prose.unwrap_or(0)).find_map(|si| {
            let line = text[sentences[si].start..sentences[si].end].to_lowercase();
            let official = [
                "government",
                "ministry",
                "presidency",
                "president",
                "office of",
                "embassy",
                "prime minister",
            ]
            .iter()
            .any(|w| line.contains(w));
            if !official {
                return None;
            }
            hits[si].iter().find_map(|h| match h.what {
                Place::Country(c) => Some(lex.countries[c].iso.clone()),
                Place::City(c) => lex.cities[c].country.clone(),
                _ => None,
            })
        })
    };
    let home = dateline_city
        .and_then(|c| lex.cities[c].country.clone())
        .or_else(masthead);
    (dateline_city, home)
}

/// What a description needs to be resolved against.
struct Known<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    text: &'a str,
    scan: &'a persons::Scan,
    home: Option<&'a str>,
}

/// Descriptions ("the Uzbek President", "his Japanese counterpart") resolve to a named
/// person, or to the dictionary's office holder (added as an entity); returns the entities
/// each sentence describes.
fn resolve_descriptions(
    k: Known,
    entities: &mut Vec<Entity>,
    in_sentence: &[Vec<usize>],
    mention_pos: &mut HashMap<(usize, usize), usize>,
) -> Vec<Vec<usize>> {
    let Known {
        lex,
        doc,
        text,
        scan,
        home,
    } = k;
    let mut known_entity: HashMap<usize, usize> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.known.map(|k| (k, i)))
        .collect();
    let mut described: Vec<Vec<usize>> = vec![Vec::new(); in_sentence.len()];
    for d in &scan.descriptions {
        // "his Japanese counterpart, Takeshi Iwaya": the description is the name beside it.
        let beside = scan.names.iter().any(|m| {
            m.sentence == d.sentence
                && (m.start >= d.end
                    && text[d.end..m.start]
                        .chars()
                        .all(|c| c == ',' || c.is_whitespace())
                    && m.start - d.end <= 3
                    || m.end <= d.start
                        && text[m.end..d.start].trim() == ","
                        && d.start - m.end <= 8)
        });
        if beside {
            continue;
        }
        // "his Japanese counterpart": the same office as the person the sentence is about.
        let mut d = d.clone();
        if d.counterpart && d.office.is_none() {
            d.office = in_sentence[d.sentence]
                .iter()
                .filter_map(|&e| mention_pos.get(&(d.sentence, e)).map(|&p| (p, e)))
                .filter(|&(p, _)| p < d.start)
                .min()
                .and_then(|(_, e)| entities[e].office);
        }
        let d = &d;
        // Two descriptions in one sentence ("the Prime Minister recalled his meeting with
        // the Crown Prince") are two people.
        let here: Vec<usize> = in_sentence[d.sentence]
            .iter()
            .chain(described[d.sentence].iter())
            .copied()
            .collect();
        let r = persons::resolve_description(lex, d, entities, &here, doc.date, home);
        let ei = match r {
            Some(Referent::Entity(i)) => i,
            Some(Referent::Known(k)) => *known_entity.entry(k).or_insert_with(|| {
                let p = &lex.persons[k];
                let pos = lex.position_at(k, doc.date);
                entities.push(Entity {
                    name: p.name.clone(),
                    variants: Vec::new(),
                    known: Some(k),
                    role: pos
                        .and_then(|h| lex.office(&h.office))
                        .map(|o| o.label.clone()),
                    office: pos.and_then(|h| lex.office_index(&h.office)),
                    country: pos
                        .and_then(|h| h.country.clone())
                        .filter(|c| crate::lexicon::is_state_code(c)),
                    mentions: Vec::new(),
                    sentences: Vec::new(),
                    first: d.sentence,
                    commentator: false,
                });
                entities.len() - 1
            }),
            None => continue,
        };
        if !described[d.sentence].contains(&ei) && !in_sentence[d.sentence].contains(&ei) {
            described[d.sentence].push(ei);
            mention_pos.entry((d.sentence, ei)).or_insert(d.start);
        }
    }
    described
}

type PlacesAndCountries = (
    Vec<(usize, usize)>,
    Vec<Vec<(usize, usize, Place)>>,
    Vec<(String, usize)>,
);

/// Cities of the body with their first sentence, each sentence's places, and the countries
/// by mentions (a person's state counts once per sentence naming them).
fn places_and_countries(
    lex: &Lexicon,
    hits: &[Vec<crate::lexicon::Hit<Place>>],
    entities: &[Entity],
) -> PlacesAndCountries {
    let mut cities: Vec<(usize, usize)> = Vec::new();
    let mut country_counts: HashMap<String, usize> = HashMap::new();
    let mut sentence_places: Vec<Vec<(usize, usize, Place)>> = Vec::with_capacity(hits.len());
    for si in 0..hits.len() {
        let here: Vec<(usize, usize, Place)> =
            hits[si].iter().map(|h| (h.start, h.end, h.what)).collect();
        for &(_, _, p) in &here {
            match p {
                Place::City(c) => {
                    if !cities.iter().any(|(x, _)| *x == c) {
                        cities.push((c, si));
                    }
                }
                Place::Country(c) | Place::Demonym(c) => {
                    *country_counts
                        .entry(lex.countries[c].iso.clone())
                        .or_default() += 1;
                }
            }
        }
        sentence_places.push(here);
    }
    for e in entities {
        if let Some(c) = &e.country {
            *country_counts.entry(c.clone()).or_default() += e.sentences.len().max(1);
        }
    }
    let mut countries: Vec<(String, usize)> = country_counts.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (cities, sentence_places, countries)
}

/// The two states the article is about: the participants' states, else the most mentioned.
fn main_pair(
    meetings: &[Meeting],
    entities: &[Entity],
    countries: &[(String, usize)],
) -> Vec<String> {
    let mut main_pair: Vec<String> = Vec::new();
    for m in meetings {
        for &p in &m.participants {
            if let Some(c) = &entities[p].country {
                if !main_pair.contains(c) {
                    main_pair.push(c.clone());
                }
            }
        }
    }
    for (c, _) in countries {
        if main_pair.len() >= 2 {
            break;
        }
        if !main_pair.contains(c) {
            main_pair.push(c.clone());
        }
    }
    main_pair
}

type Kept = Vec<(agreements::Found, usize, Vec<String>)>;

/// One document named twice is one: same kind and the same content words (one contained in
/// the other). List items are distinct documents by construction. A headline's document is
/// the body's: the body's wording comes first, and a headline adds a document only when the
/// body names none of its kind.
fn one_per_document(mut found: Vec<(agreements::Found, usize)>, sentences: &[Sentence]) -> Kept {
    found.sort_by_key(|&(_, si)| (sentences[si].kind == BlockKind::Heading, si));

    let mut out: Vec<(agreements::Found, usize, Vec<String>)> = Vec::new();
    for (f, si) in found {
        let core = agreements::core(&f.title);
        let heading = sentences[si].kind == BlockKind::Heading;
        // A headline's document: the body's document of its kind it shares most words with.
        let headline_match = heading
            .then(|| {
                out.iter()
                    .enumerate()
                    .filter(|(_, (o, osi, _))| {
                        o.kind == f.kind && sentences[*osi].kind != BlockKind::Heading
                    })
                    .map(|(i, (_, _, oc))| (core.iter().filter(|w| oc.contains(w)).count(), i))
                    .filter(|&(n, _)| n >= 1)
                    .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)))
                    .map(|(_, i)| i)
            })
            .flatten();
        if let Some(i) = headline_match {
            let has_year = |t: &str| !crate::dates::find_years(t).is_empty();
            if has_year(&f.title) && !has_year(&out[i].0.title) && !out[i].0.listed {
                out[i].0.title = f.title;
            }
            continue;
        }
        let dup = out.iter().position(|(o, _, oc)| {
            let shared = core.iter().filter(|w| oc.contains(w)).count();
            let union = core.len() + oc.len() - shared;
            o.kind == f.kind
                && !(o.listed && f.listed)
                && (oc == &core
                    || (!core.is_empty()
                        && !oc.is_empty()
                        && (core.iter().all(|w| oc.contains(w))
                            || oc.iter().all(|w| core.contains(w))))
                    || union > 0 && shared * 10 >= union * 6)
        });
        match dup {
            Some(i) => {
                // Keep the more specific wording: one with a year or period, else the longer.
                let better = |t: &str| (!crate::dates::find_years(t).is_empty(), t.len());
                if better(&f.title) > better(&out[i].0.title) && !out[i].0.listed {
                    out[i].0.title = f.title;
                }
            }
            None => out.push((f, si, core)),
        }
    }
    out
}

fn countries_in(
    lex: &Lexicon,
    text: &str,
    range: (usize, usize),
    places: &[(usize, usize, Place)],
) -> Vec<String> {
    let mut v = Vec::new();
    for &(a, b, p) in places {
        // "US dollars", "US$": a currency, not a party.
        let currency = {
            let after = text[b..].trim_start().to_lowercase();
            after.starts_with("dollar") || after.starts_with('$')
        };
        if a >= range.0 && b <= range.1 && !currency {
            if let Place::Country(c) | Place::Demonym(c) = p {
                let iso = lex.countries[c].iso.clone();
                if !v.contains(&iso) {
                    v.push(iso);
                }
            }
        }
    }
    v
}

fn find_agreements(
    doc: &Document,
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
    places: &[Vec<(usize, usize, Place)>],
    main_pair: &[String],
    meetings: &[Meeting],
) -> Vec<Agreement> {
    let mut found: Vec<(agreements::Found, usize)> = Vec::new();
    // Sentences that open a list of documents.
    let mut headings: Vec<usize> = Vec::new();
    let mut in_list = false;
    // The type a list heading names in the plural, for items that leave it out.
    let mut list_kind: Option<(&'static str, &'static str)> = None;
    for (si, s) in sentences.iter().enumerate() {
        let st = &text[s.start..s.end];
        // A plain-text list may lose its bullets: a short line naming a document right
        // after a list heading is an item.
        let bare_item = s.kind == BlockKind::Heading
            && in_list
            && st.split_whitespace().count() <= 30
            && (agreements::kind_of(st, 3).is_some() || list_kind.is_some());
        let item = |found: &mut Vec<(agreements::Found, usize)>| {
            let f = agreements::from_list_item(st)
                .or_else(|| list_kind.and_then(|k| agreements::from_bare_item(st, k)));
            if let Some(f) = f {
                found.push((f, si));
            }
        };
        match s.kind {
            _ if bare_item => {
                item(&mut found);
                continue;
            }
            BlockKind::ListItem => {
                if in_list {
                    item(&mut found);
                    continue;
                }
                // A numbered paragraph of a communiqué is prose: "6. The Authority adopted the ...".
            }
            _ => {
                // A list heading opens a list; the next non-list sentence closes it
                // unless it is itself a heading of the same list.
                let heading = agreements::is_list_heading_after(
                    st,
                    if si > 0 && sentences[si - 1].block == s.block {
                        &text[sentences[si - 1].start..sentences[si - 1].end]
                    } else {
                        ""
                    },
                );
                let inside_item = si > 0 && sentences[si - 1].block == s.block;
                // A list whose items lost their bullets but keep their type word and a closing
                // ";" or ".": "Agreement between the Government of A and ... on road transport;".
                if in_list && !heading && s.kind == BlockKind::Prose && !inside_item {
                    if let Some(f) = agreements::unbulleted_item(st) {
                        found.push((f, si));
                        continue;
                    }
                }
                if heading {
                    in_list = true;
                    headings.push(si);
                    list_kind = agreements::heading_kind(st);
                } else if in_list && s.kind == BlockKind::Prose && !inside_item {
                    in_list = false;
                    list_kind = None;
                }
            }
        }
        // Background: a document "signed in 2019" before the article's year is not this encounter's.
        let lower = st.to_lowercase();
        let recalled = doc.date.is_some_and(|d| {
            dates::find_years(st).iter().any(|&(p, y)| {
                // Offsets are the original text's: lower-casing may change byte lengths.
                let before = st[..p].to_lowercase();
                let b = before.trim_end();
                y < d.year()
                    && (b.ends_with("in")
                        || b.rsplit(' ').nth(1) == Some("in")
                            && dates::month_number(b.rsplit(' ').next().unwrap_or("")).is_some())
            })
        }) || lower.contains("previously signed")
            || lower.contains("signed earlier")
            || lower.contains("signed back in");
        if recalled {
            continue;
        }
        // "... signed 11 agreements. [Who attended.] Among them were ...": a signing in the
        // last few sentences.
        let before = (si.saturating_sub(3)..si)
            .any(|j| agreements::signing_context(&text[sentences[j].start..sentences[j].end]));
        let inline = agreements::inline_list(st);
        if !inline.is_empty() {
            found.extend(inline.into_iter().map(|f| (f, si)));
            continue;
        }
        for f in agreements::from_sentence_after(st, before) {
            found.push((f, si));
        }
    }
    // "We signed a Memorandum of Understanding underpinning four areas:" followed by the
    // four: the heading's document is the list, not one more.
    let itemised = |kind: &str, h: usize| {
        headings.contains(&h)
            && found
                .iter()
                .any(|(f, si)| f.listed && f.kind == kind && *si > h && *si <= h + 12)
    };
    let keep: Vec<bool> = found
        .iter()
        .map(|(f, si)| f.listed || !itemised(f.kind, *si))
        .collect();
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
    let out = one_per_document(found, sentences);
    out.into_iter()
        .map(|(f, si, _)| {
            let s = &sentences[si];
            let title_range = (s.start + f.start, s.start + f.end);
            let mut parties = countries_in(lex, text, title_range, &places[si]);
            if parties.len() < 2 {
                for c in main_pair {
                    if !parties.contains(c) {
                        parties.push(c.clone());
                    }
                }
            }
            parties.truncate(parties.len().max(2));
            Agreement {
                title: f.title,
                kind: f.kind,
                parties,
                sentence: si,
                signed_at: if meetings.len() == 1 { Some(0) } else { None },
            }
        })
        .collect()
}

fn find_trade(
    doc: &Document,
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
    places: &[Vec<(usize, usize, Place)>],
    main_pair: &[String],
) -> Vec<TradeFigure> {
    let mut out: Vec<TradeFigure> = Vec::new();
    let mut prev_trade = false;
    let mut prev_countries: Option<[String; 2]> = None;
    for (si, s) in sentences.iter().enumerate() {
        let st = &text[s.start..s.end];
        let is_trade = trade::is_trade_sentence(st);
        let anaphoric = !is_trade && prev_trade && trade::refers_back(st);
        if !(is_trade || anaphoric) {
            prev_trade = false;
            continue;
        }
        let here = countries_in(lex, text, (s.start, s.end), &places[si]);
        let pair: Option<[String; 2]> = if here.len() >= 2 {
            Some([here[0].clone(), here[1].clone()])
        } else if anaphoric {
            prev_countries.clone()
        } else {
            None
        }
        .or_else(|| (main_pair.len() >= 2).then(|| [main_pair[0].clone(), main_pair[1].clone()]));
        prev_trade = is_trade;
        let Some(pair) = pair else { continue };
        prev_countries = Some(pair.clone());
        for a in trade::amounts(st) {
            if trade::excluded(st, &a) || a.usd < 1e6 {
                continue;
            }
            let kind = trade::kind(st, &a);
            let year = trade::year(st, &a, doc.date.map(|d| d.year()), kind);
            let dup = out
                .iter()
                .any(|t| t.kind == kind && (t.usd - a.usd).abs() <= 0.02 * t.usd);
            if !dup {
                out.push(TradeFigure {
                    countries: pair.clone(),
                    usd: a.usd,
                    year,
                    kind,
                    sentence: si,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
