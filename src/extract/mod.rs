//! Document + Lexicon -> Extraction: sentences, persons with their offices,
//! encounters, signed documents, trade figures and places, each with the
//! sentence it came from.
//!
//! The entry point is [`extract`]. It never fails and never does I/O: odd
//! text gives fewer facts, not an error.

pub mod agreements;
pub mod cues;
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
use std::collections::{BTreeSet, HashMap, HashSet};
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
    date_explicit: bool,
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
    // Dictionary places once per sentence; every later step reads these.
    let hits: Vec<Vec<crate::lexicon::Hit<Place>>> = sentences
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
        .collect();
    let scan = persons::scan(lex, &ex.non_name, text, &sentences, &hits);
    if std::env::var_os("DIPLOGRAPH_DEBUG").is_some() {
        for s in &sentences {
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
    let doc_countries: HashSet<String> = hits
        .iter()
        .flatten()
        .filter_map(|h| match h.what {
            Place::Country(c) | Place::Demonym(c) => Some(lex.countries[c].iso.clone()),
            Place::City(c) => lex.cities[c].country.clone(),
        })
        .collect();
    let mut entities = persons::cluster(lex, &scan.names, doc.date, &doc_countries);

    // Which entities each sentence names.
    let mut in_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
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
    // Descriptions resolve to a named person, or to the dictionary's office holder.
    let mut known_entity: HashMap<usize, usize> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.known.map(|k| (k, i)))
        .collect();
    let mut described: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
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
        let r = persons::resolve_description(lex, d, &entities, &here, doc.date, home.as_deref());
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

    // Places and countries of the body.
    let mut cities: Vec<(usize, usize)> = Vec::new();
    let mut country_counts: HashMap<String, usize> = HashMap::new();
    let mut sentence_places: Vec<Vec<(usize, usize, Place)>> = Vec::with_capacity(sentences.len());
    for (si, s) in sentences.iter().enumerate() {
        let here: Vec<(usize, usize, Place)> =
            hits[si].iter().map(|h| (h.start, h.end, h.what)).collect();
        let _ = s;
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
    for e in &entities {
        if let Some(c) = &e.country {
            *country_counts.entry(c.clone()).or_default() += e.sentences.len().max(1);
        }
    }
    let mut countries: Vec<(String, usize)> = country_counts.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    // Officials named without a state are, in a filed report, most often the host's.
    if let Some(host) = dateline_city.and_then(|c| lex.cities[c].country.clone()) {
        for e in entities.iter_mut() {
            if e.country.is_none() && e.known.is_none() && e.role.is_some() {
                e.country = Some(host.clone());
            }
        }
    }
    let meetings = find_meetings(
        doc,
        lex,
        text,
        &sentences,
        &entities,
        &in_sentence,
        &described,
        &mention_pos,
        &sentence_places,
        dateline_city,
    );
    // The two states the article is about: the participants' states, else the most mentioned.
    let mut main_pair: Vec<String> = Vec::new();
    for m in &meetings {
        for &p in &m.participants {
            if let Some(c) = &entities[p].country {
                if !main_pair.contains(c) {
                    main_pair.push(c.clone());
                }
            }
        }
    }
    for (c, _) in &countries {
        if main_pair.len() >= 2 {
            break;
        }
        if !main_pair.contains(c) {
            main_pair.push(c.clone());
        }
    }
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

#[allow(clippy::too_many_arguments)]
fn find_meetings(
    doc: &Document,
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
    entities: &[Entity],
    named: &[Vec<usize>],
    described: &[Vec<usize>],
    mention_pos: &HashMap<(usize, usize), usize>,
    places: &[Vec<(usize, usize, Place)>],
    dateline_city: Option<usize>,
) -> Vec<Meeting> {
    let mut out: Vec<Meeting> = Vec::new();
    // The meeting the text spoke of last: "The meeting was also attended by ..." adds to it.
    let mut last_touched: Option<usize> = None;
    let mut touched_at = 0;
    let mut same_day_as: Option<PartialDate> = None;
    // An encounter reported with one person so far, waiting for attendees.
    let mut pending: Option<Meeting> = None;
    // Attendees said to be at a ceremony before any encounter of it is reported ("The Minister
    // attended the ceremony. The President received the credentials of: ...").
    let mut floating: Option<(usize, Vec<usize>)> = None;
    // The city where the article's encounter took place, when a sentence with a cue names one.
    let mut context_city: Option<usize> = None;
    // Encounters reported with a day of their own: (participants, day).
    let mut dated: Vec<(Vec<usize>, PartialDate)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let lower = text::lower_keep_offsets(&text[s.start..s.end]);
        if meetings::positive_cue(&lower).is_some() {
            if let Some(c) = places[si].iter().find_map(|&(a, b, p)| match p {
                Place::City(c) if preceded_by_in(text, a) && !names_a_building(text, b) => Some(c),
                _ => None,
            }) {
                context_city = Some(c);
                break;
            }
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        // Quoted speech reports nothing: its cues, names and days are blanked out.
        // ("I spoke with Jan Lipavský to thank Czechia," the minister wrote: the speaker's
        // own encounter, told in the first person, stays.)
        let mut quoted = quotes::spans(&text[s.start..s.end]);
        quoted.retain(|&(a, b)| {
            !meetings::first_person_encounter(&text[s.start + a..s.start + b].to_lowercase())
        });
        let masked = quotes::mask(&text[s.start..s.end], &quoted);
        let st = masked.as_str();
        let lower = text::lower_keep_offsets(st);
        let (kind, negated) = meetings::positive_cue_and_negated(&lower);
        // "The following Heads of State were present:", "was signed by ...": no cue of its
        // own, but it adds people to the encounter just reported.
        // "He recalled the summit he attended in Baghdad on 27 June 2021 with ...": an earlier
        // encounter with a date of its own, not attendance at this one.
        let recalled_dated = meetings::recalled(&lower)
            && dates::find_dates(st).iter().any(|h| {
                let d = h.date.with_year_from(doc.date);
                d.year.is_some() && doc.date.is_some_and(|a| d.to_date() != Some(a))
            });
        let previous = meetings::refers_to_previous(&lower) && !recalled_dated;
        let adds_only = kind.is_none() && previous;
        let Some(kind) = kind.or(adds_only.then_some(MeetingKind::Meeting)) else {
            continue;
        };
        let mut senders = meetings::sender_zones(&lower);
        senders.extend(negated);
        senders.extend(quoted.iter().copied());
        let mut parts: Vec<(usize, usize)> = named[si]
            .iter()
            .chain(described[si].iter())
            .filter_map(|&e| mention_pos.get(&(si, e)).map(|&p| (p, e)))
            .filter(|&(p, _)| {
                let rel = p - s.start;
                !senders.iter().any(|&(a, b)| rel >= a && rel < b)
            })
            .collect();
        // "the late King Hussein" is remembered, not met.
        // ("the late founding President António Agostinho Neto" too.)
        parts.retain(|&(p, _)| !LATE.is_match(text[s.start..p].trim_end()));
        // Spokespersons report an encounter and analysts comment on it; they are not in it.
        parts.retain(|&(_, e)| !entities[e].commentator);
        parts.retain(|&(_, e)| {
            let r = entities[e].role.as_deref().unwrap_or("").to_lowercase();
            !(r.contains("spokes")
                || r.contains("press secretary")
                || r.contains("press service")
                || r.starts_with("late "))
        });
        parts.sort();
        parts.dedup_by_key(|x| x.1);
        // "He held talks with ...": a subject pronoun before everyone named is the person the
        // previous sentences were about (the first named in the nearest one naming someone).
        if let Some(pr) = meetings::subject_pronoun(&lower)
            // "HE the Prime Minister" is His Excellency, not a pronoun.
            .filter(|&pr| {
                !st.get(pr..)
                    .is_some_and(|x| x.starts_with("HE") || x.starts_with("SHE"))
            })
        {
            if parts.first().is_none_or(|&(p, _)| p - s.start > pr) {
                // ("The Prime Minister was accompanied by Finance Minister X. Earlier, he also
                // held meetings with ...": the description is the subject, not X.)
                let referent = (si.saturating_sub(3)..si).rev().find_map(|j| {
                    named[j]
                        .iter()
                        .chain(described[j].iter())
                        .filter_map(|&e| mention_pos.get(&(j, e)).map(|&p| (p, e)))
                        .filter(|&(_, e)| !entities[e].commentator && entities[e].role.is_some())
                        .min()
                        .map(|x| x.1)
                });
                if let Some(r) = referent.filter(|r| !parts.iter().any(|x| x.1 == *r)) {
                    parts.insert(0, (s.start + pr, r));
                }
            }
        }
        let mut participants: Vec<usize> = parts.iter().map(|x| x.1).collect();
        // "The King received the participating ministers": everyone at the latest gathering.
        if !previous && meetings::names_the_gathering(&lower) {
            if let Some(g) = out.iter().rev().find(|m| m.participants.len() >= 3) {
                for &e in &g.participants {
                    if !participants.contains(&e) {
                        participants.push(e);
                    }
                }
            }
        }
        // "The two presidents then held a private meeting": the pair of the latest encounter
        // whose two people hold such offices.
        if participants.len() < 2 && !previous {
            if let Some(class) = meetings::pair_reference(&lower) {
                let pair = out.iter().rev().find_map(|m| {
                    let of: Vec<usize> = m
                        .participants
                        .iter()
                        .copied()
                        .filter(|&e| {
                            // The role as written, or the office the dictionary gives
                            // ("Prince Faisal" is a foreign minister).
                            meetings::role_in_class(entities[e].role.as_deref(), class)
                                || entities[e]
                                    .known
                                    .and_then(|k| lex.position_at(k, doc.date))
                                    .and_then(|h| lex.office(&h.office))
                                    .is_some_and(|o| meetings::role_in_class(Some(&o.label), class))
                        })
                        .collect();
                    (of.len() >= 2).then(|| [of[0], of[1]])
                });
                if let Some(pair) = pair {
                    for e in pair {
                        if !participants.contains(&e) {
                            participants.push(e);
                        }
                    }
                }
            }
        }
        // "... were present:" followed by a list: the listed people attended.
        if previous && st.trim_end().ends_with(':') {
            let first_mention = |j: usize| {
                named[j]
                    .iter()
                    .filter_map(|&e| mention_pos.get(&(j, e)).copied())
                    .min()
            };
            let has_cue = |j: usize| {
                let item = text[sentences[j].start..sentences[j].end].to_lowercase();
                meetings::positive_cue(&item).is_some()
            };
            for e in roster::listed_after(text, sentences, named, si, first_mention, has_cue) {
                if !participants.contains(&e) {
                    participants.push(e);
                }
            }
        }
        // One named person who visits a state or talks with its side: the other party is
        // that state's highest-ranking person named in the article.
        if participants.len() == 1 {
            let me = participants[0];
            let mine = entities[me].country.clone();
            let dest = places[si].iter().find_map(|&(a, _, p)| {
                let before = text[s.start..a].trim_end().to_lowercase();
                let destination = [
                    "visit to",
                    "visits to",
                    "trip to",
                    "arrived in",
                    "arrives in",
                    "tour of",
                    "talks with",
                    "talks in",
                    "visiting",
                    "visit of",
                ]
                .iter()
                .any(|w| before.ends_with(w) || before.ends_with(&format!("{w} the")));
                match p {
                    Place::Country(c) | Place::Demonym(c) if destination => {
                        Some(lex.countries[c].iso.clone())
                    }
                    Place::City(c) if destination => lex.cities[c].country.clone(),
                    _ => None,
                }
            });
            if let Some(oc) = dest.filter(|d| Some(d) != mine.as_ref()) {
                let mut cands: Vec<(usize, usize)> = entities
                    .iter()
                    .enumerate()
                    .filter(|(i, e)| {
                        *i != me
                            && e.country.as_deref() == Some(oc.as_str())
                            && !e.mentions.is_empty()
                    })
                    .map(|(i, e)| {
                        (
                            lex.office_rank(
                                e.office.map(|o| lex.offices[o].slug.as_str()).unwrap_or(""),
                            ) as usize,
                            i,
                        )
                    })
                    .collect();
                cands.sort_by_key(|&(rank, i)| {
                    (rank, std::cmp::Reverse(entities[i].mentions.len()))
                });
                if let Some(&(_, other)) = cands.first() {
                    participants.push(other);
                }
            }
        }
        let host = meetings::hosting_verb(&lower)
            .and_then(|v| parts.iter().find(|(p, _)| p - s.start < v).map(|x| x.1))
            // "Four envoys presented their credentials to the Governor-General, Sir Patrick
            // Allen": the one they presented them to.
            .or_else(|| {
                meetings::presented_to(&lower)
                    .and_then(|v| parts.iter().find(|(p, _)| p - s.start > v).map(|x| x.1))
            });
        // Date: in the sentence, else a relative day, else the article's date.
        // A dateline's stamp ("ACCRA, July 9, 2025 - ... on Tuesday hosted") is when the story
        // was filed, not when the encounter happened.
        let stamp = |h: &&dates::DateHit| {
            h.start < 60
                && st[h.end..]
                    .trim_start_matches([')', ' '])
                    .starts_with(['-', '–', '—', '(', '/', ':'])
        };
        let found = dates::find_dates(st);
        let relative = doc.date.and_then(|d| dates::find_relative(st, d));
        let first = found.iter().find(|h| !stamp(h));
        // "held on Friday afternoon, X congratulated Y on taking up the post on November 13":
        // the earlier of a weekday and a date, unless they name one day ("Wednesday,
        // September 10, 2025").
        let first =
            first.filter(|h| relative.is_none_or(|(a, b, _)| h.start < a || h.start <= b + 3));
        let (date, explicit) = match first {
            Some(h) => (Some(h.date.with_year_from(doc.date)), true),
            None => match relative {
                Some((_, _, d)) => (Some(PartialDate::full(d)), true),
                // "last month", "in March": some other day, which the text does not give.
                None if meetings::vague_past(&lower) => (None, true),
                None => (doc.date.map(PartialDate::full).or(doc.partial_date), false),
            },
        };
        // "On the same day": the day the previous encounter's sentence gave.
        let (date, explicit) = match same_day_as {
            Some(d) if lower.contains("same day") && !explicit => (Some(d), true),
            _ => (date, explicit),
        };
        if explicit && date.is_some() {
            same_day_as = date;
        }
        // A call has no one place ("spoke by phone, according to Seoul").
        let place = if kind == MeetingKind::Call {
            None
        } else {
            places[si]
                .iter()
                .find_map(|&(a, b, p)| match p {
                    Place::City(c)
                        if preceded_by_in(text, a)
                            && !names_a_building(text, b)
                            && !tail_lower(text, a, 24).ends_with("according to") =>
                    {
                        Some(Location::City(c))
                    }
                    _ => None,
                })
                .or(dateline_city.or(context_city).map(Location::City))
        };
        // One host, one guest: the separate meetings of receptions, credentials and tours.
        let pair = |a: usize, b: usize, host: Option<usize>, place: Option<Location>| Meeting {
            participants: vec![a, b],
            host,
            kind,
            date,
            place,
            sentence: si,
            date_explicit: explicit,
        };
        // "X received separately the credentials of three ambassadors. They are: A, B and C."
        // "..., in the presence of the Foreign Minister X": X sat in on every reception.
        // Fronted ("In the presence of the Crown Prince, Sheikh Mohammed received ..."), the
        // phrase ends before the subject of the main clause: the last person named before
        // the encounter's verb.
        let mut presence: Vec<usize> = lower
            .find("in the presence of")
            .map(|at| {
                let verb = meetings::hosting_verb(&lower).filter(|&v| at < 5 && v > at);
                let subject = verb.and_then(|v| {
                    parts
                        .iter()
                        .filter(|&&(p, _)| p - s.start < v && p - s.start > at)
                        .map(|x| x.0 - s.start)
                        .max()
                });
                parts
                    .iter()
                    .filter(|&&(p, _)| p - s.start > at && subject.is_none_or(|e| p - s.start < e))
                    .map(|x| x.1)
                    .collect()
            })
            .unwrap_or_default();
        if let Some((_, fl)) = floating.as_ref().filter(|(fi, _)| si <= fi + 3) {
            for &e in fl {
                if !presence.contains(&e) {
                    presence.push(e);
                }
            }
        }
        let hosts: Vec<usize> = participants
            .iter()
            .copied()
            .filter(|e| !presence.contains(e))
            .collect();
        if hosts.len() == 1 && host.is_some() && meetings::separate_receptions(&lower) {
            let participants = hosts;
            // The guests follow: in the next sentence, or in the list items after this one.
            let mut guests: Vec<usize> = Vec::new();
            let mut j = si + 1;
            while j < sentences.len() {
                let list = sentences[j].kind == BlockKind::ListItem;
                if !list && j > si + 1 {
                    break;
                }
                // A prose sentence gives the guests when it lists them ("They are: A, B");
                // otherwise only the envoys it names ("The King asked the ambassador to
                // convey greetings to Prime Minister X": X was not received).
                let next = text[sentences[j].start..sentences[j].end].to_lowercase();
                let lists = list
                    || st.trim_end().ends_with(':')
                    || meetings::introduces_guests(next.trim_start());
                let envoy = |e: &usize| {
                    entities[*e]
                        .office
                        .is_some_and(|o| lex.offices[o].category.ends_with("Diplomat"))
                };
                guests.extend(
                    named[j]
                        .iter()
                        .chain(described[j].iter())
                        .copied()
                        .filter(|e| lists || envoy(e)),
                );
                if !list
                    && !sentences[j..]
                        .get(1)
                        .is_some_and(|n| n.kind == BlockKind::ListItem)
                {
                    break;
                }
                j += 1;
            }
            // Guests left unnamed ("received the credentials of ambassadors of Norway, ...")
            // with officials present: one encounter of the host and those present.
            if guests.is_empty() && !presence.is_empty() {
                let mut m = pair(participants[0], presence[0], host, place);
                m.participants.extend(presence[1..].iter().copied());
                last_touched = Some(merge_meeting(&mut out, m));
                touched_at = si;
                continue;
            }
            for g in guests {
                if g != participants[0]
                    && !presence.contains(&g)
                    && !out
                        .iter()
                        .any(|m| m.participants[..2] == [participants[0], g])
                {
                    let mut m = pair(participants[0], g, host, place);
                    m.participants.extend(presence.iter().copied());
                    out.push(m);
                    last_touched = Some(out.len() - 1);
                    touched_at = si;
                }
            }
            continue;
        }
        // Credentials are presented one envoy at a time: the host met each of them.
        if participants.len() >= 3 && (lower.contains("credentials") || lower.contains("credence"))
        {
            let envoy = |e: usize| {
                entities[e]
                    .office
                    .is_some_and(|o| lex.offices[o].category.ends_with("Diplomat"))
                    || entities[e].role.as_deref().is_some_and(|r| {
                        let r = r.to_lowercase();
                        r.contains("ambassador") || r.contains("envoy") || r.contains("chargé")
                    })
            };
            // The host is the one named person who is no envoy and holds an office; with
            // none ("During the ceremony, the ambassadors of A - X, B - Y ... presented their
            // credentials"), the host of the reception just reported.
            let office_holder = participants
                .iter()
                .copied()
                .find(|&e| !envoy(e) && !presence.contains(&e) && entities[e].role.is_some());
            let earlier_host = last_touched
                .and_then(|i| out.get(i))
                .and_then(|m| m.host)
                .filter(|h| !participants.contains(h));
            let any_other = participants
                .iter()
                .copied()
                .find(|&e| !envoy(e) && !presence.contains(&e));
            if let Some(h) = office_holder.or(earlier_host).or(any_other) {
                for &g in participants
                    .iter()
                    .filter(|&&g| g != h && !presence.contains(&g))
                {
                    let met =
                        |m: &Meeting| m.participants.len() >= 2 && m.participants[..2] == [h, g];
                    if !out.iter().any(met) {
                        let mut m = pair(h, g, Some(h), place);
                        m.participants.extend(presence.iter().copied());
                        out.push(m);
                    }
                }
                last_touched = Some(out.len() - 1);
                touched_at = si;
                continue;
            }
        }
        // "held talks with A in Bamako, B in Ouagadougou and C in Niamey": one meeting each.
        if parts.len() >= 3 {
            let cities: Vec<Option<usize>> = parts
                .iter()
                .skip(1)
                .map(|&(p, _)| {
                    places[si].iter().find_map(|&(a, _, pl)| match pl {
                        Place::City(c)
                            if a > p
                                && a - p <= 60
                                && text[p..a].trim_end().ends_with(" in")
                                && !text[p..a].contains(',') =>
                        {
                            Some(c)
                        }
                        _ => None,
                    })
                })
                .collect();
            let distinct: std::collections::BTreeSet<usize> =
                cities.iter().flatten().copied().collect();
            if cities.iter().all(Option::is_some) && distinct.len() == cities.len() {
                let visitor = parts[0].1;
                for (&(_, g), c) in parts.iter().skip(1).zip(&cities) {
                    out.push(pair(visitor, g, Some(g), c.map(Location::City)));
                }
                last_touched = Some(out.len() - 1);
                touched_at = si;
                continue;
            }
        }
        // "the Thai PM paid courtesy calls on A, B and C": the first named met each of the others.
        if participants.len() >= 3 && meetings::one_by_one(&lower) {
            let visitor = participants[0];
            for &g in &participants[1..] {
                out.push(pair(visitor, g, Some(g), place));
            }
            last_touched = Some(out.len() - 1);
            touched_at = si;
            continue;
        }
        // "The session was held under the chairmanship of X" names one person; those said
        // to attend next join that encounter.
        if previous
            && pending
                .as_ref()
                .is_some_and(|p| last_touched.is_none_or(|_| p.sentence > touched_at))
        {
            if let Some(p) = pending.as_mut() {
                for e in participants {
                    if !p.participants.contains(&e) {
                        p.participants.push(e);
                    }
                }
                if p.participants.len() >= 2 {
                    let m = pending.take().expect("pending");
                    last_touched = Some(merge_meeting(&mut out, m));
                    touched_at = si;
                }
            }
            continue;
        }
        // "The meeting was also attended by ...", "During the talks, ...": the encounter just reported.
        // "the trilateral meeting held in Seoul on May 27, which was attended by A, B and C":
        // that earlier encounter, with its own date; the rest of the sentence goes on.
        if let Some(w) = meetings::which_attended(&lower) {
            let (later, earlier): (Vec<(usize, usize)>, Vec<(usize, usize)>) =
                parts.iter().partition(|&&(p, _)| p - s.start > w);
            let when = dates::find_dates(&st[..w])
                .last()
                .map(|h| h.date.with_year_from(doc.date));
            // Without a date of its own ("led a bilateral meeting, which was also attended
            // by ...") the attendees join this sentence's encounter.
            if later.len() >= 2 && when.is_some() {
                out.push(Meeting {
                    participants: later.iter().map(|x| x.1).collect(),
                    host: None,
                    kind: MeetingKind::Meeting,
                    date: when,
                    place: None,
                    sentence: si,
                    date_explicit: when.is_some(),
                });
                participants.retain(|e| earlier.iter().any(|x| x.1 == *e));
            }
        }
        if previous {
            // Only the people the attendance phrases speak of.
            let zones = meetings::attendance_zones(&lower);
            participants.retain(|&e| {
                let here: Vec<usize> = parts.iter().filter(|x| x.1 == e).map(|x| x.0).collect();
                here.is_empty()
                    || here.iter().any(|&p| {
                        zones
                            .iter()
                            .any(|&(a, b)| p - s.start >= a && p - s.start < b)
                    })
            });
            // "The talks were also attended by ...": the latest encounter of that kind, else the last one.
            // Not an encounter recalled in passing ("Lavrov recalled ... talks with Putin on
            // June 10, 2022"): those attending now attend this one.
            let background = |m: &Meeting| {
                let st = &text[sentences[m.sentence].start..sentences[m.sentence].end];
                meetings::recalled(&text::lower_keep_offsets(st))
            };
            let same_kind = (kind != MeetingKind::Meeting)
                .then(|| out.iter().rposition(|m| m.kind == kind && !background(m)))
                .flatten();
            // "... at the Abu Dhabi meeting": the encounter in the city the sentence names.
            let same_city = places[si].iter().find_map(|&(_, _, p)| match p {
                Place::City(c) => out
                    .iter()
                    .rposition(|m| matches!(m.place, Some(Location::City(x)) if x == c)),
                _ => None,
            });
            let target = same_city.or(same_kind).or(last_touched);
            // "..., who sat beside the Head of State during each of the audiences": every
            // reception of the group just reported.
            let each = meetings::at_each_reception(&lower);
            // The latest group: receptions reported in one sentence (or list).
            let group_of = out.iter().enumerate().rev().find_map(|(i, m)| {
                (out.iter().filter(|o| o.sentence == m.sentence).count() >= 2).then_some(i)
            });
            if let Some(t) = group_of.filter(|_| each) {
                let group = out[t].sentence;
                for m in out.iter_mut().filter(|m| m.sentence == group) {
                    for &p in &participants {
                        if !m.participants.contains(&p) {
                            m.participants.push(p);
                        }
                    }
                }
                touched_at = si;
                continue;
            }
            if target.is_none() {
                floating = Some((si, participants.clone()));
            }
            if let Some(last) = target.and_then(|i| out.get_mut(i)) {
                // "During the meeting, held ... on Friday afternoon": the day of that meeting.
                if explicit && date.is_some() && !last.date_explicit {
                    last.date = date;
                    last.date_explicit = true;
                }
                for p in participants {
                    if !last.participants.contains(&p) {
                        last.participants.push(p);
                    }
                }
                touched_at = si;
                continue;
            }
        }
        if adds_only {
            continue;
        }
        if explicit && !meetings::recalled(&lower) {
            if let Some(d) = date {
                dated.push((participants.clone(), d));
            }
        }
        let m = Meeting {
            participants,
            host,
            kind,
            date,
            place,
            sentence: si,
            date_explicit: explicit,
        };
        if m.participants.len() < 2 {
            // "The King welcomed his guest": one person of the encounter just reported
            // speaks of that encounter, not a new one.
            let continues = m.participants.len() == 1
                && last_touched
                    .and_then(|i| out.get(i))
                    .is_some_and(|o| o.participants.contains(&m.participants[0]));
            if continues {
                touched_at = si;
                continue;
            }
            // ("The Summit was convened to review ..." names no one: the summit whose chair
            // was just named is still the one waiting for its attendees.)
            let keeps_waiting =
                m.participants.is_empty() && pending.as_ref().is_some_and(|p| p.kind == m.kind);
            if (m.participants.len() == 1 || kind == MeetingKind::Summit)
                && !meetings::recalled(&lower)
                && !keeps_waiting
            {
                pending = Some(m);
            }
            continue;
        }
        let i = merge_meeting(&mut out, m);
        if !meetings::recalled(&lower) {
            last_touched = Some(i);
            touched_at = si;
        }
    }
    // A meeting with no time reference of its own is undated: the article's date (or a
    // dateline) only helped to tell its reports apart (ANNOTATION.md, "date").
    // One exception: the day given for an encounter of the same person ("held, Wednesday in
    // Cairo, a series of talks ... Bourita met with X").
    for m in &mut out {
        if !m.date_explicit {
            m.date = dated
                .iter()
                .find(|(ps, _)| ps.len() == 1 && m.participants.contains(&ps[0]))
                .map(|x| x.1);
        }
    }
    out
}

static LATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    // Between "the late" and the name only a title's words: "the late founding President".
    regex::Regex::new(r"(?i:\b(?:the|his|her|their) late)(?:\s+(?:founding|former|\p{Lu}[\w-]*)){0,3}$|(?i:\blate)$").expect("re")
});

/// "Hyderabad House", "Lima Convention Centre": a city's name in a building's is not the city.
fn names_a_building(text: &str, end: usize) -> bool {
    let next = text[end..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    [
        "House",
        "Palace",
        "Hall",
        "Hotel",
        "Centre",
        "Center",
        "Airport",
        "Stadium",
        "Street",
        "Avenue",
        "Road",
        "University",
        "Square",
        "Tower",
        "Towers",
        "Club",
        "Park",
    ]
    .contains(&next)
}

fn preceded_by_in(text: &str, at: usize) -> bool {
    let before = tail_lower(text, at, 16);
    ["in", "at", "to", "from", "capital", "city of"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// The last `n` bytes or so of `text[..at]`, trimmed and lower-cased: what a cue before a
/// match looks like, in time that does not grow with the length of the article.
fn tail_lower(text: &str, at: usize, n: usize) -> String {
    let before = text[..at].trim_end();
    let mut from = before.len().saturating_sub(n);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    before[from..].to_lowercase()
}

/// One encounter reported in several sentences is one meeting: a set of
/// participants that contains or is contained in another's, on a compatible date;
/// and one summit of a report gathers everyone said to be at it.
fn merge_meeting(out: &mut Vec<Meeting>, m: Meeting) -> usize {
    // "in August 2023", "last month": an earlier encounter on a day the text does not give
    // is not one of the dated ones.
    let undated_past = |x: &Meeting| x.date_explicit && x.date.is_none();
    if m.kind == MeetingKind::Summit {
        if let Some(i) = out.iter().position(|o| {
            o.kind == MeetingKind::Summit
                && !(o.date_explicit && m.date_explicit && o.date != m.date)
                && undated_past(o) == undated_past(&m)
        }) {
            let o = &mut out[i];
            for p in &m.participants {
                if !o.participants.contains(p) {
                    o.participants.push(*p);
                }
            }
            return i;
        }
    }
    let set: BTreeSet<usize> = m.participants.iter().copied().collect();
    for (i, o) in out.iter_mut().enumerate() {
        let oset: BTreeSet<usize> = o.participants.iter().copied().collect();
        let nested = set.is_subset(&oset) || oset.is_subset(&set);
        let dates_clash = o.date_explicit
            && m.date_explicit
            && o.date.is_some()
            && m.date.is_some()
            && o.date != m.date
            || undated_past(o) != undated_past(&m) && (o.date.is_some() || m.date.is_some());
        // A bilateral on the sidelines of a summit is its own meeting, not the summit.
        let side_meeting = (o.kind == MeetingKind::Summit) != (m.kind == MeetingKind::Summit)
            && oset.len().min(set.len()) == 2
            && oset.len().max(set.len()) >= 3;
        if nested && !dates_clash && !side_meeting {
            for p in &m.participants {
                if !o.participants.contains(p) {
                    o.participants.push(*p);
                }
            }
            if !o.date_explicit && m.date_explicit {
                o.date = m.date;
                o.date_explicit = true;
            }
            if o.place.is_none() {
                o.place = m.place;
            }
            if o.host.is_none() {
                o.host = m.host;
            }
            // The more specific kind wins: a summit or call over a generic meeting.
            if o.kind == MeetingKind::Meeting
                || o.kind == MeetingKind::Visit && m.kind == MeetingKind::Talks
            {
                o.kind = m.kind;
            }
            return i;
        }
    }
    out.push(m);
    out.len() - 1
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
    // One document named twice is one: same kind and the same content words
    // (one contained in the other). List items are distinct documents by construction.
    // A headline's document is the body's: the body's wording comes first, and a headline
    // adds a document only when the body names none of its kind.
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
