//! When and where a sentence's encounter took place, and who sat in on it.

use super::{add_all, words, Scene, Tracker};
use crate::dates::{self, PartialDate};
use crate::extract::{meetings, Location, MeetingKind};
use crate::lexicon::Place;

static REPORTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\b(?:said|says|reported|reports|announced|stated|added|noted|told (?:reporters|journalists|the press))\s*$")
        .expect("re")
});

/// The day of the sentence's encounter and whether the sentence gives it: a date in the
/// sentence, else a relative day against the article's date, else (not explicit) the
/// article's date, which only helps to tell reports apart.
pub(super) fn date(
    sc: &Scene,
    st: &str,
    lower: &str,
    tr: &mut Tracker,
) -> (Option<PartialDate>, bool) {
    let doc = sc.doc;
    // A dateline's stamp ("ACCRA, July 9, 2025 - ... on Tuesday hosted") is when the story
    // was filed, not when the encounter happened.
    let stamp = |h: &&dates::DateHit| {
        h.start < 60
            && st[h.end..]
                .trim_start_matches([')', ' '])
                .starts_with(['-', '–', '—', '(', '/', ':'])
    };
    let found = dates::find_dates(st);
    // "..., the president's press service said on Tuesday": the day of the report, not of
    // the encounter.
    let relative = doc
        .date
        .and_then(|d| dates::find_relative(st, d))
        .filter(|&(a, _, _)| !REPORTED.is_match(&lower[..a]));
    // "held on Friday afternoon, X congratulated Y on taking up the post on November 13":
    // the earlier of a weekday and a date, unless they name one day ("Wednesday,
    // September 10, 2025").
    let first = found
        .iter()
        .find(|h| !stamp(h))
        .filter(|h| relative.is_none_or(|(a, b, _)| h.start < a || h.start <= b + 3));
    let (date, explicit) = match first {
        Some(h) => (Some(h.date.with_year_from(doc.date)), true),
        None => match relative {
            Some((_, _, d)) => (Some(PartialDate::full(d)), true),
            // "last month", "in March": some other day, which the text does not give.
            None if meetings::vague_past(lower) => (None, true),
            None => (doc.date.map(PartialDate::full).or(doc.partial_date), false),
        },
    };
    // "On the same day": the day the previous encounter's sentence gave.
    let (date, explicit) = match tr.same_day_as {
        Some(d) if lower.contains("same day") && !explicit => (Some(d), true),
        _ => (date, explicit),
    };
    if explicit && date.is_some() {
        tr.same_day_as = date;
    }
    (date, explicit)
}

/// The city the sentence places its encounter in ("in Tashkent"), else the dateline's or
/// the article's encounter city. A call has no one place ("spoke by phone, according to
/// Seoul").
pub(super) fn place(sc: &Scene, si: usize, kind: MeetingKind, lower: &str) -> Option<Location> {
    if kind == MeetingKind::Call {
        return None;
    }
    let text = sc.text;
    let cities: Vec<(usize, usize)> = sc.places[si]
        .iter()
        .filter_map(|&(a, b, p)| match p {
            Place::City(c)
                if words::preceded_by_in(text, a)
                    && !words::names_a_building(text, b)
                    && !words::tail_lower(text, a, 24).ends_with("according to") =>
            {
                Some((a, c))
            }
            _ => None,
        })
        .collect();
    // "Deputy Chief of Mission at the US Embassy in Kampala X met Y at State House Entebbe":
    // the city after the encounter's verb, before one inside someone's title.
    let cue = meetings::cue_position(lower).map(|p| sc.sentences[si].start + p);
    cities
        .iter()
        .find(|&&(a, _)| cue.is_some_and(|p| a > p))
        .or(cities.first())
        .map(|&(_, c)| Location::City(c))
        .or(sc.dateline_city.or(sc.context_city).map(Location::City))
}

/// People "in the presence of" whom the encounter took place ("..., in the presence of the
/// Foreign Minister X": X sat in on every reception), and those said to attend a ceremony
/// just before it was reported. Fronted ("In the presence of the Crown Prince, Sheikh
/// Mohammed received ..."), the phrase ends before the subject of the main clause: the last
/// person named before the encounter's verb.
pub(super) fn presence(
    lower: &str,
    parts: &[(usize, usize)],
    start: usize,
    tr: &Tracker,
    si: usize,
) -> Vec<usize> {
    let mut presence: Vec<usize> = lower
        .find("in the presence of")
        .map(|at| {
            let verb = meetings::hosting_verb(lower).filter(|&v| at < 5 && v > at);
            let subject = verb.and_then(|v| {
                parts
                    .iter()
                    .filter(|&&(p, _)| p - start < v && p - start > at)
                    .map(|x| x.0 - start)
                    .max()
            });
            parts
                .iter()
                .filter(|&&(p, _)| p - start > at && subject.is_none_or(|e| p - start < e))
                .map(|x| x.1)
                .collect()
        })
        .unwrap_or_default();
    if let Some((_, fl)) = tr.floating.as_ref().filter(|(fi, _)| si <= fi + 3) {
        add_all(&mut presence, fl.iter().copied());
    }
    presence
}
