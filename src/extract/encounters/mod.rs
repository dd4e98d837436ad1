//! Encounters of one article: each sentence is read once ([`clause`]: the cue, who takes
//! part and in what role, when and where), then handed to the first component that claims
//! it: guests received one by one ([`groups`]), attendance added to an encounter already
//! reported ([`attendance`]), or a new encounter ([`Tracker::record`]), merged with the
//! reports of the same encounter in other sentences ([`merge`]).

mod attendance;
mod clause;
mod groups;
mod merge;
mod when;
mod words;

use super::{Entity, Meeting, MeetingKind, Sentence};
use crate::dates::PartialDate;
use crate::lexicon::{Lexicon, Place};
use crate::source::Document;
use std::collections::HashMap;

use words::{names_a_building, preceded_by_in};

/// What the article says, read once: the inputs every component reads.
pub(super) struct Scene<'a> {
    pub doc: &'a Document,
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub entities: &'a [Entity],
    /// Entities each sentence names.
    pub named: &'a [Vec<usize>],
    /// Entities each sentence describes ("the Uzbek President").
    pub described: &'a [Vec<usize>],
    /// (sentence, entity) -> byte offset of its mention.
    pub mention_pos: &'a HashMap<(usize, usize), usize>,
    /// Places of each sentence: (start, end, place).
    pub places: &'a [Vec<(usize, usize, Place)>],
    /// The dateline's city ("ADDIS ABABA, Feb 17 -").
    pub dateline_city: Option<usize>,
    /// The city where the article's encounter took place, when a sentence with a cue names one.
    pub context_city: Option<usize>,
}

/// What the reading has found so far, sentence by sentence.
#[derive(Default)]
pub(super) struct Tracker {
    pub out: Vec<Meeting>,
    /// The meeting the text spoke of last: "The meeting was also attended by ..." adds to it.
    pub last_touched: Option<usize>,
    pub touched_at: usize,
    /// The day the last dated encounter was given ("on the same day").
    pub same_day_as: Option<PartialDate>,
    /// An encounter reported with one person so far, waiting for attendees.
    pub pending: Option<Meeting>,
    /// Attendees said to be at a ceremony before any encounter of it is reported ("The
    /// Minister attended the ceremony. The President received the credentials of: ...").
    pub floating: Option<(usize, Vec<usize>)>,
    /// Encounters reported with a day of their own: (participants, day).
    pub dated: Vec<(Vec<usize>, PartialDate)>,
}

impl Tracker {
    /// Marks meeting `i` as the one the text speaks of, as of sentence `si`.
    fn touch(&mut self, i: usize, si: usize) {
        self.last_touched = Some(i);
        self.touched_at = si;
    }

    /// A sentence's own encounter: a new meeting, or one more report of one already found.
    fn record(&mut self, c: clause::Clause) {
        if c.explicit && !c.recalled {
            if let Some(d) = c.date {
                self.dated.push((c.participants.clone(), d));
            }
        }
        let (si, recalled, kind) = (c.si, c.recalled, c.kind);
        let m = Meeting {
            participants: c.participants,
            host: c.host,
            kind,
            date: c.date,
            place: c.place,
            sentence: si,
            date_explicit: c.explicit,
        };
        if m.participants.len() < 2 {
            // "The King welcomed his guest": one person of the encounter just reported
            // speaks of that encounter, not a new one.
            let continues = m.participants.len() == 1
                && self
                    .last_touched
                    .and_then(|i| self.out.get(i))
                    .is_some_and(|o| o.participants.contains(&m.participants[0]));
            if continues {
                self.touched_at = si;
                return;
            }
            // ("The Summit was convened to review ..." names no one: the summit whose chair
            // was just named is still the one waiting for its attendees.)
            let keeps_waiting = m.participants.is_empty()
                && self.pending.as_ref().is_some_and(|p| p.kind == m.kind);
            if (m.participants.len() == 1 || kind == MeetingKind::Summit)
                && !recalled
                && !keeps_waiting
            {
                self.pending = Some(m);
            }
            return;
        }
        let i = merge::merge_meeting(&mut self.out, m);
        if !recalled {
            self.touch(i, si);
        }
    }

    /// A meeting with no time reference of its own is undated: the article's date (or a
    /// dateline) only helped to tell its reports apart (ANNOTATION.md, "date"). One
    /// exception: the day given for an encounter of the same person ("held, Wednesday in
    /// Cairo, a series of talks ... Bourita met with X").
    fn finish(mut self) -> Vec<Meeting> {
        for m in &mut self.out {
            if !m.date_explicit {
                m.date = self
                    .dated
                    .iter()
                    .find(|(ps, _)| ps.len() == 1 && m.participants.contains(&ps[0]))
                    .map(|x| x.1);
            }
        }
        self.out
    }
}

/// The encounters an article reports.
pub(super) fn find_meetings(sc: &Scene) -> Vec<Meeting> {
    let mut tr = Tracker::default();
    for si in 0..sc.sentences.len() {
        let Some(mut c) = clause::read(sc, &mut tr, si) else {
            continue;
        };
        let claimed = groups::receptions(sc, &mut tr, &c)
            || groups::credentials(sc, &mut tr, &c)
            || groups::per_city(sc, &mut tr, &c)
            || groups::one_by_one(&mut tr, &c)
            || attendance::joins_pending(&mut tr, &mut c);
        if claimed {
            continue;
        }
        attendance::split_earlier(sc, &mut tr, &mut c);
        if c.previous && attendance::joins_reported(sc, &mut tr, &mut c) {
            continue;
        }
        if c.adds_only {
            continue;
        }
        tr.record(c);
    }
    tr.finish()
}

/// The city of the first sentence with an encounter cue that names one ("in Tashkent").
pub(super) fn context_city(
    text: &str,
    sentences: &[Sentence],
    places: &[Vec<(usize, usize, Place)>],
) -> Option<usize> {
    for (si, s) in sentences.iter().enumerate() {
        let lower = super::text::lower_keep_offsets(&text[s.start..s.end]);
        if super::meetings::positive_cue(&lower).is_some() {
            if let Some(c) = places[si].iter().find_map(|&(a, b, p)| match p {
                Place::City(c) if preceded_by_in(text, a) && !names_a_building(text, b) => Some(c),
                _ => None,
            }) {
                return Some(c);
            }
        }
    }
    None
}

/// Appends the entities of `add` that `to` does not hold yet.
fn add_all(to: &mut Vec<usize>, add: impl IntoIterator<Item = usize>) {
    for e in add {
        if !to.contains(&e) {
            to.push(e);
        }
    }
}
