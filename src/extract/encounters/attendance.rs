//! Attendance: sentences that add people to an encounter already reported ("The meeting was
//! also attended by ...", "Present at the Summit were:", "During the talks, ...").

use super::clause::Clause;
use super::{add_all, merge, Scene, Tracker};
use crate::dates;
use crate::extract::{meetings, text, Location, Meeting, MeetingKind};
use crate::lexicon::Place;

/// "The session was held under the chairmanship of X" names one person; those said to
/// attend next join that encounter.
pub(super) fn joins_pending(tr: &mut Tracker, c: &mut Clause) -> bool {
    let waiting = tr
        .pending
        .as_ref()
        .is_some_and(|p| tr.last_touched.is_none_or(|_| p.sentence > tr.touched_at));
    if !(c.previous && waiting) {
        return false;
    }
    if let Some(p) = tr.pending.as_mut() {
        add_all(&mut p.participants, std::mem::take(&mut c.participants));
        if p.participants.len() >= 2 {
            let m = tr.pending.take().expect("pending");
            let i = merge::merge_meeting(&mut tr.out, m);
            tr.touch(i, c.si);
        }
    }
    true
}

/// "the trilateral meeting held in Seoul on May 27, which was attended by A, B and C": that
/// earlier encounter, with its own date, is recorded; the rest of the sentence goes on.
/// Without a date of its own ("led a bilateral meeting, which was also attended by ...")
/// the attendees join this sentence's encounter.
pub(super) fn split_earlier(sc: &Scene, tr: &mut Tracker, c: &mut Clause) {
    let Some(w) = meetings::which_attended(&c.lower) else {
        return;
    };
    let (later, earlier): (Vec<(usize, usize)>, Vec<(usize, usize)>) =
        c.parts.iter().partition(|&&(p, _)| p - c.start > w);
    let when = dates::find_dates(&c.st[..w])
        .last()
        .map(|h| h.date.with_year_from(sc.doc.date));
    if later.len() >= 2 && when.is_some() {
        tr.out.push(Meeting {
            participants: later.iter().map(|x| x.1).collect(),
            host: None,
            kind: MeetingKind::Meeting,
            date: when,
            place: None,
            sentence: c.si,
            date_explicit: when.is_some(),
        });
        c.participants.retain(|e| earlier.iter().any(|x| x.1 == *e));
    }
}

/// "The talks were also attended by ...": the people the attendance phrases speak of join
/// the latest encounter of that kind (or in the city named), else the last one; "during
/// each of the audiences", every reception of the group just reported. With nothing
/// reported yet, they float until an encounter comes.
pub(super) fn joins_reported(sc: &Scene, tr: &mut Tracker, c: &mut Clause) -> bool {
    // Only the people the attendance phrases speak of.
    let zones = meetings::attendance_zones(&c.lower);
    let (parts, start) = (&c.parts, c.start);
    c.participants.retain(|&e| {
        let here: Vec<usize> = parts.iter().filter(|x| x.1 == e).map(|x| x.0).collect();
        here.is_empty()
            || here
                .iter()
                .any(|&p| zones.iter().any(|&(a, b)| p - start >= a && p - start < b))
    });
    let target = target(sc, tr, c);
    // The latest group: receptions reported in one sentence (or list).
    let out = &mut tr.out;
    let group_of = out.iter().enumerate().rev().find_map(|(i, m)| {
        (out.iter().filter(|o| o.sentence == m.sentence).count() >= 2).then_some(i)
    });
    if let Some(t) = group_of.filter(|_| meetings::at_each_reception(&c.lower)) {
        let group = out[t].sentence;
        for m in out.iter_mut().filter(|m| m.sentence == group) {
            add_all(&mut m.participants, c.participants.iter().copied());
        }
        tr.touched_at = c.si;
        return true;
    }
    let Some(target) = target else {
        tr.floating = Some((c.si, c.participants.clone()));
        return false;
    };
    let Some(last) = out.get_mut(target) else {
        return false;
    };
    // "During the meeting, held ... on Friday afternoon": the day of that meeting.
    if c.explicit && c.date.is_some() && !last.date_explicit {
        last.date = c.date;
        last.date_explicit = true;
    }
    add_all(&mut last.participants, std::mem::take(&mut c.participants));
    tr.touched_at = c.si;
    true
}

/// The encounter an attendance sentence speaks of: the latest of its kind that is not one
/// recalled in passing ("Lavrov recalled ... talks with Putin on June 10, 2022"), the one in
/// the city it names ("... at the Abu Dhabi meeting"), else the last one touched.
fn target(sc: &Scene, tr: &Tracker, c: &Clause) -> Option<usize> {
    let background = |m: &Meeting| {
        let s = &sc.sentences[m.sentence];
        meetings::recalled(&text::lower_keep_offsets(&sc.text[s.start..s.end]))
    };
    let same_kind = (c.kind != MeetingKind::Meeting)
        .then(|| {
            tr.out
                .iter()
                .rposition(|m| m.kind == c.kind && !background(m))
        })
        .flatten();
    let same_city = sc.places[c.si].iter().find_map(|&(_, _, p)| match p {
        Place::City(city) => tr
            .out
            .iter()
            .rposition(|m| matches!(m.place, Some(Location::City(x)) if x == city)),
        _ => None,
    });
    same_city.or(same_kind).or(tr.last_touched)
}
