//! Small readings of the text around a match: a city named as the place of an encounter
//! ("in Tashkent", not "Tashkent House"), "the late" before a name.

pub(super) static LATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    // Between "the late" and the name only a title's words: "the late founding President".
    regex::Regex::new(r"(?i:\b(?:the|his|her|their) late)(?:\s+(?:founding|former|\p{Lu}[\w-]*)){0,3}$|(?i:\blate)$").expect("re")
});

/// "Hyderabad House", "Lima Convention Centre": a city's name in a building's is not the city.
pub(super) fn names_a_building(text: &str, end: usize) -> bool {
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

pub(super) fn preceded_by_in(text: &str, at: usize) -> bool {
    let before = tail_lower(text, at, 16);
    ["in", "at", "to", "from", "capital", "city of"]
        .iter()
        .any(|w| before.ends_with(w))
        || AFTER_BUILDING.is_match(&tail_lower(text, at, 60))
}

/// "at State House, Nairobi", "at the Presidential Palace, Djibouti": the city after the
/// building it is in.
static AFTER_BUILDING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\bat (?:the )?(?:[\w'’-]+ ){0,4}(?:house|palace|hall|centre|center|building|residence|lodge|village|office|headquarters),?$")
        .expect("re")
});

/// The last `n` bytes or so of `text[..at]`, trimmed and lower-cased: what a cue before a
/// match looks like, in time that does not grow with the length of the article.
pub(super) fn tail_lower(text: &str, at: usize, n: usize) -> String {
    let before = text[..at].trim_end();
    let mut from = before.len().saturating_sub(n);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    before[from..].to_lowercase()
}
