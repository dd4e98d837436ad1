//! Several guests, one host, one at a time: receptions, credentials, tours of capitals,
//! courtesy calls. Each guest met the host; the guests did not meet each other.

use super::clause::Clause;
use super::{merge, Scene, Tracker};
use crate::extract::{meetings, Location, Meeting};
use crate::lexicon::Place;
use crate::source::BlockKind;

/// Whether entity `e` is an envoy (by the dictionary's office or the role as written).
fn envoy(sc: &Scene, e: usize, role_too: bool) -> bool {
    let en = &sc.entities[e];
    en.office
        .is_some_and(|o| sc.lex.offices[o].category.ends_with("Diplomat"))
        || role_too
            && en.role.as_deref().is_some_and(|r| {
                let r = r.to_lowercase();
                r.contains("ambassador") || r.contains("envoy") || r.contains("chargé")
            })
}

/// "X received separately the credentials of three ambassadors. They are: A, B and C.":
/// the guests follow, in the next sentence or in the list items after this one.
pub(super) fn receptions(sc: &Scene, tr: &mut Tracker, c: &Clause) -> bool {
    let hosts: Vec<usize> = c
        .participants
        .iter()
        .copied()
        .filter(|e| !c.presence.contains(e))
        .collect();
    if !(hosts.len() == 1 && c.host.is_some() && meetings::separate_receptions(&c.lower)) {
        return false;
    }
    let host = hosts[0];
    // The reception's own day dates each guest's meeting told after it.
    if c.explicit && !c.recalled {
        if let Some(d) = c.date {
            tr.dated.push((vec![host], d));
        }
    }
    let guests = guests_after(sc, c);
    // Guests left unnamed ("received the credentials of ambassadors of Norway, ...") with
    // officials present: one encounter of the host and those present.
    if guests.is_empty() && !c.presence.is_empty() {
        let mut m = c.pair(host, c.presence[0], c.host, c.place);
        m.participants.extend(c.presence[1..].iter().copied());
        let i = merge::merge_meeting(&mut tr.out, m);
        tr.touch(i, c.si);
        return true;
    }
    for g in guests {
        if g != host
            && !c.presence.contains(&g)
            && !tr.out.iter().any(|m| m.participants[..2] == [host, g])
        {
            let mut m = c.pair(host, g, c.host, c.place);
            m.participants.extend(c.presence.iter().copied());
            tr.out.push(m);
            tr.touch(tr.out.len() - 1, c.si);
        }
    }
    true
}

/// The guests named after a reception: a prose sentence gives them when it lists them
/// ("They are: A, B", "The envoys included A, B"); otherwise only the envoys it names ("The
/// King asked the ambassador to convey greetings to Prime Minister X": X was not received).
fn guests_after(sc: &Scene, c: &Clause) -> Vec<usize> {
    let sentences = sc.sentences;
    let mut guests: Vec<usize> = Vec::new();
    let mut j = c.si + 1;
    while j < sentences.len() {
        let list = sentences[j].kind == BlockKind::ListItem;
        if !list && j > c.si + 1 {
            break;
        }
        let next = sc.text[sentences[j].start..sentences[j].end].to_lowercase();
        let lists = list
            || c.st.trim_end().ends_with(':')
            || meetings::introduces_guests(next.trim_start());
        guests.extend(
            sc.named[j]
                .iter()
                .chain(sc.described[j].iter())
                .copied()
                .filter(|&e| lists || envoy(sc, e, false)),
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
    guests
}

/// Credentials are presented one envoy at a time: the host met each of them. The host is
/// the one named person who is no envoy and holds an office; with none ("During the
/// ceremony, the ambassadors of A - X, B - Y ... presented their credentials"), the host of
/// the reception just reported.
pub(super) fn credentials(sc: &Scene, tr: &mut Tracker, c: &Clause) -> bool {
    let ps = &c.participants;
    if ps.len() < 3 || !(c.lower.contains("credentials") || c.lower.contains("credence")) {
        return false;
    }
    let free = |e: usize| !envoy(sc, e, true) && !c.presence.contains(&e);
    let office_holder = ps
        .iter()
        .copied()
        .find(|&e| free(e) && sc.entities[e].role.is_some());
    let earlier_host = tr
        .last_touched
        .and_then(|i| tr.out.get(i))
        .and_then(|m| m.host)
        .filter(|h| !ps.contains(h));
    let any_other = ps.iter().copied().find(|&e| free(e));
    let Some(h) = office_holder.or(earlier_host).or(any_other) else {
        return false;
    };
    for &g in ps.iter().filter(|&&g| g != h && !c.presence.contains(&g)) {
        let met = |m: &Meeting| m.participants.len() >= 2 && m.participants[..2] == [h, g];
        if !tr.out.iter().any(met) {
            let mut m = c.pair(h, g, Some(h), c.place);
            m.participants.extend(c.presence.iter().copied());
            tr.out.push(m);
        }
    }
    tr.touch(tr.out.len().saturating_sub(1), c.si);
    true
}

/// "held talks with A in Bamako, B in Ouagadougou and C in Niamey": one meeting each.
pub(super) fn per_city(sc: &Scene, tr: &mut Tracker, c: &Clause) -> bool {
    if c.parts.len() < 3 {
        return false;
    }
    let text = sc.text;
    let cities: Vec<Option<usize>> = c
        .parts
        .iter()
        .skip(1)
        .map(|&(p, _)| {
            sc.places[c.si].iter().find_map(|&(a, _, pl)| match pl {
                Place::City(city)
                    if a > p
                        && a - p <= 60
                        && text[p..a].trim_end().ends_with(" in")
                        && !text[p..a].contains(',') =>
                {
                    Some(city)
                }
                _ => None,
            })
        })
        .collect();
    let distinct: std::collections::BTreeSet<usize> = cities.iter().flatten().copied().collect();
    if !(cities.iter().all(Option::is_some) && distinct.len() == cities.len()) {
        return false;
    }
    let visitor = c.parts[0].1;
    for (&(_, g), city) in c.parts.iter().skip(1).zip(&cities) {
        tr.out
            .push(c.pair(visitor, g, Some(g), city.map(Location::City)));
    }
    tr.touch(tr.out.len() - 1, c.si);
    true
}

/// "the Thai PM paid courtesy calls on A, B and C", "held meetings with A, B and C": the
/// first named met each of the others.
pub(super) fn one_by_one(tr: &mut Tracker, c: &Clause) -> bool {
    if c.participants.len() < 3 || !meetings::one_by_one(&c.lower) {
        return false;
    }
    let visitor = c.participants[0];
    for &g in &c.participants[1..] {
        tr.out.push(c.pair(visitor, g, Some(g), c.place));
    }
    tr.touch(tr.out.len() - 1, c.si);
    true
}
