//! Reports of one encounter in several sentences of an article become one meeting.

use crate::extract::{Meeting, MeetingKind};
use std::collections::BTreeSet;

/// One encounter reported in several sentences is one meeting: a set of
/// participants that contains or is contained in another's, on a compatible date;
/// and one summit of a report gathers everyone said to be at it.
pub(super) fn merge_meeting(out: &mut Vec<Meeting>, m: Meeting) -> usize {
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
