//! One sentence read for an encounter: its cue, the people it names in the roles that make
//! them participants (not senders, companions, signatories, the dead, speakers or people
//! in quoted speech), the host, the day and the place.

use super::{add_all, when, words, Scene, Tracker};
use crate::dates::{self, PartialDate};
use crate::extract::{meetings, quotes, roster, text, Location, Meeting, MeetingKind};
use crate::lexicon::Place;

/// One sentence's reading.
pub(super) struct Clause {
    pub si: usize,
    /// Byte offset of the sentence in the article.
    pub start: usize,
    /// The sentence with its quoted speech blanked out, and its lower case.
    pub st: String,
    pub lower: String,
    pub kind: MeetingKind,
    /// The sentence adds people to an encounter already reported ("was attended by").
    pub previous: bool,
    /// ... and reports no encounter of its own.
    pub adds_only: bool,
    /// An earlier encounter brought up in passing ("recalled his meeting with").
    pub recalled: bool,
    /// (byte offset, entity) of the people it names who may take part, in text order.
    pub parts: Vec<(usize, usize)>,
    pub participants: Vec<usize>,
    pub host: Option<usize>,
    pub date: Option<PartialDate>,
    /// The day is the sentence's own (or it says the day is unknown).
    pub explicit: bool,
    pub place: Option<Location>,
    /// People "in the presence of" whom the encounter took place.
    pub presence: Vec<usize>,
}

impl Clause {
    /// One host, one guest: the separate meetings of receptions, credentials and tours.
    pub fn pair(
        &self,
        a: usize,
        b: usize,
        host: Option<usize>,
        place: Option<Location>,
    ) -> Meeting {
        Meeting {
            participants: vec![a, b],
            host,
            kind: self.kind,
            date: self.date,
            place,
            sentence: self.si,
            date_explicit: self.explicit,
        }
    }
}

/// Reads sentence `si`; `None` when it reports no encounter and adds to none.
pub(super) fn read(sc: &Scene, tr: &mut Tracker, si: usize) -> Option<Clause> {
    let s = &sc.sentences[si];
    let raw = &sc.text[s.start..s.end];
    // Quoted speech reports nothing: its cues, names and days are blanked out.
    // ("I spoke with Jan Lipavský to thank Czechia," the minister wrote: the speaker's
    // own encounter, told in the first person, stays.)
    let mut quoted = quotes::spans(raw);
    quoted.retain(|&(a, b)| !meetings::first_person_encounter(&raw[a..b].to_lowercase()));
    let st = quotes::mask(raw, &quoted);
    let lower = text::lower_keep_offsets(&st);
    let (kind, negated) = meetings::positive_cue_and_negated(&lower);
    // "The following Heads of State were present:", "was attended by ...": no cue of its
    // own, but it adds people to the encounter just reported.
    // "He recalled the summit he attended in Baghdad on 27 June 2021 with ...": an earlier
    // encounter with a date of its own, not attendance at this one.
    let recalled = meetings::recalled(&lower);
    let recalled_dated = recalled
        && dates::find_dates(&st).iter().any(|h| {
            let d = h.date.with_year_from(sc.doc.date);
            d.year.is_some() && sc.doc.date.is_some_and(|a| d.to_date() != Some(a))
        });
    let previous = meetings::refers_to_previous(&lower) && !recalled_dated;
    let adds_only = kind.is_none() && previous;
    let joint = (kind.is_none() && !adds_only && !meetings::not_yet(&lower))
        .then(|| joint_subject(sc, si, &lower))
        .flatten();
    let kind = kind
        .or(adds_only.then_some(MeetingKind::Meeting))
        .or(joint)?;
    let mut senders = meetings::sender_zones(&lower);
    senders.extend(negated);
    senders.extend(quoted.iter().copied());
    let mut parts = mentions(sc, si, &senders);
    subject_pronoun(sc, si, &st, &lower, &mut parts);
    let mut participants: Vec<usize> = parts.iter().map(|x| x.1).collect();
    if !previous {
        implied(sc, tr, &lower, &mut participants);
    }
    // "... were present:" followed by a list: the listed people attended.
    if previous && st.trim_end().ends_with(':') {
        add_all(&mut participants, listed(sc, si));
    }
    if participants.len() == 1 {
        if let Some(other) = other_party(sc, si, participants[0]) {
            participants.push(other);
        }
    }
    let host = host_of(&lower, &parts, s.start);
    let (date, explicit) = when::date(sc, &st, &lower, tr);
    let place = when::place(sc, si, kind, &lower);
    let presence = when::presence(&lower, &parts, s.start, tr, si);
    Some(Clause {
        si,
        start: s.start,
        st,
        lower,
        kind,
        previous,
        adds_only,
        recalled,
        parts,
        participants,
        host,
        date,
        explicit,
        place,
        presence,
    })
}

/// Two office holders of different states as the joint subject of a verb only people
/// together do ("Presidents of Uzbekistan and Kyrgyzstan, Shavkat Mirziyoyev and Sadyr
/// Japarov, noted ..."): an encounter the text does not name.
fn joint_subject(sc: &Scene, si: usize, lower: &str) -> Option<MeetingKind> {
    let v = meetings::joint_verb(lower)?;
    let start = sc.sentences[si].start;
    let before: Vec<usize> = sc.named[si]
        .iter()
        .chain(sc.described[si].iter())
        .copied()
        .filter(|e| {
            sc.mention_pos
                .get(&(si, *e))
                .is_some_and(|&p| p - start < v)
        })
        .collect();
    // The state a person serves: the dictionary's, else as the text gives it.
    let state = |e: usize| {
        let en = &sc.entities[e];
        en.known
            .and_then(|k| sc.lex.position_at(k, sc.doc.date))
            .and_then(|h| h.country.clone())
            .or_else(|| en.role.as_ref().and(en.country.clone()))
    };
    let states: std::collections::BTreeSet<String> =
        before.iter().filter_map(|&e| state(e)).collect();
    (before.len() == 2 && states.len() == 2).then_some(MeetingKind::Other)
}

/// The people sentence `si` names or describes outside the zones where naming someone does
/// not make them a participant, in text order, each once.
fn mentions(sc: &Scene, si: usize, senders: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let s = &sc.sentences[si];
    let mut parts: Vec<(usize, usize)> = sc.named[si]
        .iter()
        .chain(sc.described[si].iter())
        .filter_map(|&e| sc.mention_pos.get(&(si, e)).map(|&p| (p, e)))
        .filter(|&(p, _)| {
            let rel = p - s.start;
            !senders.iter().any(|&(a, b)| rel >= a && rel < b)
        })
        .collect();
    // "the late King Hussein" is remembered, not met.
    // ("the late founding President António Agostinho Neto" too.)
    parts.retain(|&(p, _)| !words::LATE.is_match(sc.text[s.start..p].trim_end()));
    // Spokespersons report an encounter and analysts comment on it; they are not in it.
    parts.retain(|&(_, e)| !sc.entities[e].commentator);
    parts.retain(|&(_, e)| {
        let r = sc.entities[e].role.as_deref().unwrap_or("").to_lowercase();
        !(r.contains("spokes")
            || r.contains("press secretary")
            || r.contains("press service")
            || r.starts_with("late "))
    });
    parts.sort();
    parts.dedup_by_key(|x| x.1);
    parts
}

/// "He held talks with ...": a subject pronoun before everyone named is the person the
/// previous sentences were about (the first named or described in the nearest one).
fn subject_pronoun(sc: &Scene, si: usize, st: &str, lower: &str, parts: &mut Vec<(usize, usize)>) {
    let start = sc.sentences[si].start;
    // "HE the Prime Minister" is His Excellency, not a pronoun.
    let Some(pr) = meetings::subject_pronoun(lower).filter(|&pr| {
        !st.get(pr..)
            .is_some_and(|x| x.starts_with("HE") || x.starts_with("SHE"))
    }) else {
        return;
    };
    if parts.first().is_some_and(|&(p, _)| p - start <= pr) {
        return;
    }
    // ("The Prime Minister was accompanied by Finance Minister X. Earlier, he also held
    // meetings with ...": the description is the subject, not X.)
    let referent = (si.saturating_sub(3)..si).rev().find_map(|j| {
        sc.named[j]
            .iter()
            .chain(sc.described[j].iter())
            .filter_map(|&e| sc.mention_pos.get(&(j, e)).map(|&p| (p, e)))
            .filter(|&(_, e)| !sc.entities[e].commentator && sc.entities[e].role.is_some())
            .min()
            .map(|x| x.1)
    });
    if let Some(r) = referent.filter(|r| !parts.iter().any(|x| x.1 == *r)) {
        parts.insert(0, (start + pr, r));
    }
}

/// People a sentence means without naming them: "the participating ministers" (everyone at
/// the latest gathering), "the two presidents" (the pair of the latest encounter whose two
/// people hold such offices).
fn implied(sc: &Scene, tr: &Tracker, lower: &str, participants: &mut Vec<usize>) {
    if meetings::names_the_gathering(lower) {
        if let Some(g) = tr.out.iter().rev().find(|m| m.participants.len() >= 3) {
            add_all(participants, g.participants.iter().copied());
        }
    }
    if participants.len() >= 2 {
        return;
    }
    let Some(class) = meetings::pair_reference(lower) else {
        return;
    };
    let in_class = |e: usize| {
        let en = &sc.entities[e];
        // The role as written, or the office the dictionary gives ("Prince Faisal" is a
        // foreign minister).
        meetings::role_in_class(en.role.as_deref(), class)
            || en
                .known
                .and_then(|k| sc.lex.position_at(k, sc.doc.date))
                .and_then(|h| sc.lex.office(&h.office))
                .is_some_and(|o| meetings::role_in_class(Some(&o.label), class))
    };
    let pair = tr.out.iter().rev().find_map(|m| {
        let of: Vec<usize> = m
            .participants
            .iter()
            .copied()
            .filter(|&e| in_class(e))
            .collect();
        (of.len() >= 2).then(|| [of[0], of[1]])
    });
    if let Some(pair) = pair {
        add_all(participants, pair);
    }
}

/// The roster after an attendance line ending with a colon.
fn listed(sc: &Scene, si: usize) -> Vec<usize> {
    let first_mention = |j: usize| {
        sc.named[j]
            .iter()
            .filter_map(|&e| sc.mention_pos.get(&(j, e)).copied())
            .min()
    };
    let has_cue = |j: usize| {
        let s = &sc.sentences[j];
        meetings::positive_cue(&sc.text[s.start..s.end].to_lowercase()).is_some()
    };
    roster::listed_after(sc.text, sc.sentences, sc.named, si, first_mention, has_cue)
}

/// One named person who visits a state or talks with its side: the other party is that
/// state's highest-ranking person named in the article.
fn other_party(sc: &Scene, si: usize, me: usize) -> Option<usize> {
    const DESTINATION: [&str; 10] = [
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
    ];
    let (lex, s) = (sc.lex, &sc.sentences[si]);
    let mine = sc.entities[me].country.clone();
    let dest = sc.places[si].iter().find_map(|&(a, _, p)| {
        let before = sc.text[s.start..a].trim_end().to_lowercase();
        let destination = DESTINATION
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
    let oc = dest.filter(|d| Some(d) != mine.as_ref())?;
    let mut cands: Vec<(usize, usize)> = sc
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            *i != me && e.country.as_deref() == Some(oc.as_str()) && !e.mentions.is_empty()
        })
        .map(|(i, e)| {
            let slug = e.office.map(|o| lex.offices[o].slug.as_str()).unwrap_or("");
            (lex.office_rank(slug) as usize, i)
        })
        .collect();
    cands.sort_by_key(|&(rank, i)| (rank, std::cmp::Reverse(sc.entities[i].mentions.len())));
    cands.first().map(|&(_, other)| other)
}

/// The host: the person named before a hosting verb ("X received Y"), or the one
/// credentials were presented to ("presented their credentials to the Governor-General").
fn host_of(lower: &str, parts: &[(usize, usize)], start: usize) -> Option<usize> {
    meetings::hosting_verb(lower)
        .and_then(|v| parts.iter().find(|(p, _)| p - start < v).map(|x| x.1))
        .or_else(|| {
            meetings::presented_to(lower)
                .and_then(|v| parts.iter().find(|(p, _)| p - start > v).map(|x| x.1))
        })
}
