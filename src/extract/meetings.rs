//! Encounters: people the text says met, held talks, called, received or
//! visited someone, or attended together; not invitations, plans or greetings.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    Talks,
    Visit,
    Meeting,
    Summit,
    Call,
    Other,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Talks => "talks",
            MeetingKind::Visit => "visit",
            MeetingKind::Meeting => "meeting",
            MeetingKind::Summit => "summit",
            MeetingKind::Call => "call",
            MeetingKind::Other => "other",
        }
    }
}

static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:tele)?phone (?:call|conversation|talks?)\b|\btelephonic (?:call|conversation|talks?|discussion)\b|\bspoke (?:by|over the|on the) (?:tele)?phone\b|\bvideo ?(?:call|conference|link)\b|\bvideoconference\b|\b(?:virtual|online) (?:meeting|talks|conversation)\b|\bvia video\b|\bphoned\b|\bheld a call\b|\bby (?:tele)?phone\b|\bover the (?:tele)?phone\b|\b(?:tele)?phone (?:call|conversation)\b|\bdialled\b|\bdialed\b").expect("cue")
});
static SUMMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bsummit\b|\bsession of the (?:[a-z-]+ ){1,3}(?:council|assembly|committee|commission|conference|forum)\b|\b(?:ordinary|extraordinary|special|plenary|opening|closing|inaugural|regular|retreat) session\b|\bsession of the (?:assembly|council|summit|conference)\b|\bheads of state and government\b|\bcouncil of (?:the )?heads of (?:state|government)\b|\bheads of state council\b|\bconference of (?:the )?(?:heads|leaders|ministers)\b|\bministerial (?:meeting|conference)\b").expect("cue")
});
static TALKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\btalks\b|\bnegotiations?\b|\bheld consultations\b|\bconsultations\b")
        .expect("cue")
});
static VISIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bvisit(?:s|ed|ing)?\b|\barrived in\b|\barrives in\b|\btour of\b").expect("cue")
});
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bmet\b|\bmeets?\b|\bmeetings?\b|\breceived\b|\breceives\b|\bhosted\b|\bhosts\b|\b(?:is|was|were|are) hosting\b|\bwelcomed\b|\bcourtesy call\b|\baudience\b|\battended\b|\bon the sidelines\b|\bsat down with\b|\bco-?chair(?:ed|s|manship|personship)?\b|\bunder the chair(?:man|woman|person)?ship of\b|\bcredentials\b|\bletters? of credence\b|\bconferred\b|\bexchanged views with\b|\bheld (?:a |an )?(?:bilateral |fruitful |productive |cordial |detailed |wide-ranging |separate )?discussions? with\b|\bencounter\b|\bheld discussions\b|\bdiscussed\b.*\bwith\b").expect("cue")
});
/// Wishes, plans and invitations: the encounter has not happened.
static NOT_YET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\binvit(?:e|ed|es|ing|ation)\b|\b(?:is|are) due (?:in|to|at)\b|\bwill (?:also |on [a-z]+ |later |then |jointly |both |each )?(?:hold|meet|visit|pay|travel|attend|participate|host|receive|take part|have|be|join|chair|co-chair|lead|head|address|open|sign|discuss|welcome|fly|go|leave|depart|arrive|come|embark)\b|\bwould be (?:held|led|conducted|organi[sz]ed)\b|\b(?:is|are|was|were) (?:also |now |still |reportedly )?(?:expected|scheduled|set|due|slated|to) to\b|\b(?:possible|potential|prospective|proposed|likely|eventual|expected|anticipated|planned) (?:state |official |working |return )?(?:visit|trip|meeting|summit|talks|call|arrival)\b|\bin the coming (?:days|weeks|months|year|years)\b|\b(?:did|does|do|has|have|had|is|are|was|were|will|would|could)(?: not|n't| never)\b|\bnever (?:met|held|visited|spoke)\b|\bno (?:bilateral |formal |separate )?(?:meeting|talks)\b|\bhoped\b|\bhope that\b|\b(?:could|might|may|should) be (?:held|organi[sz]ed|convened|arranged)\b|\b(?:is|are) to (?:visit|meet|hold)\b|\bplans? to\b|\bplanned\b|\bupcoming\b|\bforthcoming\b|\bnext (?:week|month|year)\b|\bhopes? to\b|\bhop(?:e|es|ed|ing) for\b|\blook(?:s|ed)? forward\b|\blooking forward\b|\bwould (?:like|be glad|be happy|visit|meet)\b|\bagreed to (?:meet|hold|visit)\b|\bshall\b|\bintends? to\b|\bproposed (?:to|holding)\b|\bpreparations? for\b|\bprepare for\b|\bahead of\b|\bfuture\b|\btomorrow\b|\bwill continue\b").expect("cue")
});
/// Phrases after which a person is only a sender, not a participant.
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:on behalf of|in place of|instead of|standing in for|greetings (?:from|of)|messages? (?:of [a-z]+ )?(?:from|of)|congratulations (?:from|of)|letter (?:from|of)|wishes (?:from|of)|regards (?:from|of)|greetings to|regards to|best wishes to|message to|congratulations to)\b").expect("cue")
});
static CONGRATULATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bcongratulat|\bcondolence|\bsent (?:[\w-]+ ){0,3}?an? (?:message|letter|telegram|note)\b").expect("cue")
});
static HOSTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:received|receives|hosted|hosts|welcomed|welcomes)\b|\b(?:is|was|were|are) hosting\b",
    )
    .expect("cue")
});

/// The summit named at `at` is the occasion of a side meeting ("on the sidelines of the
/// G20 summit", "on the fringes of a NATO summit").
fn beside_summit(lower: &str, at: usize) -> bool {
    let from = lower[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let before = &lower[from..at];
    [
        "sidelines of",
        "fringes of",
        "margins of",
        "sideline of",
        "side of the",
        "side-lines of",
    ]
    .iter()
    .any(|w| before.contains(w))
}

static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^["“«„]?\s*(?:i|we)\s+(?:[a-z]+\s+){0,2}?(?:spoke|met|held|had|talked|received|hosted|visited|called)\b"#)
        .expect("re")
});

/// A quotation in which the speaker tells of an encounter of their own ("I spoke with X").
pub fn first_person_encounter(quote_lower: &str) -> bool {
    FIRST_PERSON.is_match(quote_lower)
}

/// The kind of encounter a sentence reports, if it reports one.
pub fn cue(lower: &str) -> Option<MeetingKind> {
    if CALL.is_match(lower) {
        Some(MeetingKind::Call)
    } else if SUMMIT
        .find_iter(lower)
        .any(|m| !beside_summit(lower, m.start()))
        && !lower.contains("summit talks")
        && !lower.contains("summit-level")
    {
        Some(MeetingKind::Summit)
    } else if TALKS.is_match(lower) {
        Some(MeetingKind::Talks)
    } else if VISIT.is_match(lower) {
        Some(MeetingKind::Visit)
    } else if MEETING.is_match(lower) {
        Some(MeetingKind::Meeting)
    } else {
        // Other languages' cues, as data (ontology/cues.ttl).
        super::cues::built_in()
            .kinds
            .iter()
            .find(|(_, re)| re.is_match(lower))
            .map(|x| x.0)
    }
}

/// The kind of the first encounter cue that is not negated in its own clause
/// ("..., which includes an invitation ..., was received during his meeting today with ...").
pub fn positive_cue(lower: &str) -> Option<MeetingKind> {
    positive_cue_and_negated(lower).0
}

/// The kind of the first standing cue, and the byte ranges of clauses whose cue is negated
/// (people named only there are not participants).
pub fn positive_cue_and_negated(lower: &str) -> (Option<MeetingKind>, Vec<(usize, usize)>) {
    let mut negated: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<(usize, MeetingKind)> = Vec::new();
    for (re, kind) in [
        (&*CALL, MeetingKind::Call),
        (&*SUMMIT, MeetingKind::Summit),
        (&*TALKS, MeetingKind::Talks),
        (&*VISIT, MeetingKind::Visit),
        (&*MEETING, MeetingKind::Meeting),
        (&*CALLED_ON, MeetingKind::Meeting),
        (&*SPOKE_WITH, MeetingKind::Other),
    ]
    .into_iter()
    .chain(super::cues::built_in().kinds.iter().map(|(k, re)| (re, *k)))
    {
        for m in re.find_iter(lower) {
            let (a, b) = clause(lower, m.start(), m.end());
            if std::ptr::eq(re, &*CALLED_ON) && urges(&lower[m.end()..b]) {
                continue;
            }
            // "Following the summit, the ministers signed ...": a time, not an encounter.
            {
                let before = lower[..m.start()].trim_end();
                if [
                    "following the",
                    "after the",
                    "before the",
                    "prior to the",
                    "since the",
                    "at the end of the",
                    "on the eve of the",
                ]
                .iter()
                .any(|w| before.ends_with(w))
                {
                    continue;
                }
            }
            // "the visiting prime minister" names a guest; it reports no encounter.
            if m.as_str() == "visiting" {
                let before = lower[..m.start()].trim_end();
                if ["the", "a", "his", "her", "their", "our"]
                    .iter()
                    .any(|w| before.ends_with(w))
                {
                    continue;
                }
            }
            // "met on the fringes of a NATO summit": a meeting beside the summit, not it.
            let kind = if kind == MeetingKind::Summit && beside_summit(lower, m.start()) {
                MeetingKind::Meeting
            } else {
                kind
            };
            let window = &lower[a..b];
            if !not_yet(window) {
                found.push((m.start(), kind));
            } else {
                negated.push((a, b));
            }
        }
    }
    (standing(lower, &found), negated)
}

static JOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\band\b.{0,160}?\b(?:jointly )?(?:agreed|discussed|noted|signed|exchanged views|reaffirmed|expressed|stressed|underlined|emphasi[sz]ed|reviewed|welcomed|commended|voiced|hailed|held a joint (?:press conference|news conference|press briefing)|issued a joint (?:statement|declaration|communiqu[eé])|addressed a joint)\b")
        .expect("cue")
});

/// "Presidents of Uzbekistan and Kyrgyzstan, Shavkat Mirziyoyev and Sadyr Japarov, noted
/// ...": two people as the joint subject of what only people together do. The offset of
/// that verb; the caller checks who stands before it.
pub fn joint_verb(lower: &str) -> Option<usize> {
    let m = JOINT.find(lower)?;
    JOINT_VERB
        .find(&lower[m.start()..m.end()])
        .map(|v| m.start() + v.start())
}

static JOINT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:jointly )?(?:agreed|discussed|noted|signed|exchanged views|reaffirmed|expressed|stressed|underlined|emphasi[sz]ed|reviewed|welcomed|commended|voiced|hailed|held a joint|issued a joint|addressed a joint)\b")
        .expect("cue")
});

/// "spoke with": a call in readouts, unless a stronger cue says otherwise.
static SPOKE_WITH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:spoke|speaks|speaking|talked) with\b").expect("cue"));

/// "called on him at the palace" is a visit; "called on all parties to end ..." urges.
static CALLED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:called|calls|calling) on\b|\bpaid (?:a |an )?(?:courtesy |farewell |introductory )?call on\b")
        .expect("cue")
});
static URGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bto (?:[a-z]+ )?(?:end|stop|cease|halt|refrain|respect|ensure|take|support|join|comply|implement|abide|release|resume|lift|step|make|adopt|show|exercise|intensify|redouble|provide|protect|allow|avoid|de-escalate|return|reach|pursue|engage|act|withdraw|honou?r|uphold|recogni[sz]e|reconsider|address|help|work|do|be|give|put|stand|unite)\b|\b(?:all|both) (?:parties|sides|countries|states)\b|\binternational community\b")
        .expect("cue")
});

fn urges(rest: &str) -> bool {
    URGE.is_match(rest)
}

static RECALLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\brecall(?:ed|ing|s)?\b|\bhad (?:met|held|spoken|talked|visited)\b|\blast met\b|\b(?:previous|earlier|last|first) (?:meeting|talks|visit|call|conversation|summit)\b|\bremembered\b|\breminisced\b")
        .expect("cue")
});

/// A past encounter brought up in passing ("recalled his meeting with ... on April 7"):
/// later "the meeting was attended by" still speaks of the main one.
pub fn recalled(lower: &str) -> bool {
    RECALLED.is_match(lower)
}

fn standing(lower: &str, found: &[(usize, MeetingKind)]) -> Option<MeetingKind> {
    if found.is_empty() {
        return None;
    }
    // The most specific kind among the cues that stand.
    let kinds: Vec<MeetingKind> = found.iter().map(|f| f.1).collect();
    // "spoke with" alone (found as Other) reads as a call.
    if kinds.iter().all(|&k| k == MeetingKind::Other) {
        return Some(MeetingKind::Call);
    }
    for k in [
        MeetingKind::Call,
        MeetingKind::Summit,
        MeetingKind::Talks,
        MeetingKind::Visit,
        MeetingKind::Meeting,
    ] {
        if kinds.contains(&k) {
            if k == MeetingKind::Summit
                && (lower.contains("summit talks") || lower.contains("summit-level"))
                && kinds.contains(&MeetingKind::Talks)
            {
                return Some(MeetingKind::Talks);
            }
            return Some(k);
        }
    }
    None
}

/// The clause around `start..end`: between commas, semicolons, dashes and "which/while/who".
fn clause(s: &str, start: usize, end: usize) -> (usize, usize) {
    let seps = [
        ",",
        ";",
        " – ",
        " — ",
        " - ",
        " which ",
        " while ",
        " who ",
        " whereas ",
        " and that ",
    ];
    let a = seps
        .iter()
        .filter_map(|p| s[..start].rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    let b = seps
        .iter()
        .filter_map(|p| s[end..].find(p).map(|i| end + i))
        .min()
        .unwrap_or(s.len());
    (a, b)
}

/// True when the sentence speaks of an encounter that has not happened.
pub fn not_yet(lower: &str) -> bool {
    NOT_YET.is_match(lower)
        || super::cues::built_in()
            .not_yet
            .as_ref()
            .is_some_and(|re| re.is_match(lower))
        || CONGRATULATE.is_match(lower) && !TALKS.is_match(lower) && !lower.contains(" met ")
}

/// Byte ranges (relative to the sentence) where named people are not participants: after
/// "on behalf of" (senders), and inside a ", who accompanied ...," aside
/// ("Sabouri-Nejad, who accompanied Araghchi, met al-Harthi": Araghchi was elsewhere).
pub fn sender_zones(lower: &str) -> Vec<(usize, usize)> {
    // The sender's name follows, up to "by", a comma or the next clause.
    let mut zones: Vec<(usize, usize)> = ON_BEHALF
        .find_iter(lower)
        .map(|m| {
            let rest = &lower[m.end()..];
            let stop = [" by ", ",", ";", " during ", " to ", " and "]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()
                .unwrap_or(rest.len())
                .min(90);
            (m.end(), m.end() + stop)
        })
        .collect();
    // "Ishiba's visit follows a trip by Netanyahu, who met Trump": what comes before
    // "follows" is another event, named for reference.
    for w in [
        " follows ",
        " comes after ",
        " came after ",
        " comes a day after ",
        " came a day after ",
        " coincides with ",
    ] {
        if let Some(i) = lower.find(w) {
            zones.push((0, i));
        }
    }
    // "..., as Secretary of State Marco Rubio did not attend": absent, not a participant.
    for m in ABSENT.find_iter(lower) {
        let a = lower[..m.start()]
            .rfind([',', ';', '('])
            .map_or(0, |i| i + 1);
        let a = [
            " as ",
            " while ",
            " but ",
            " although ",
            " because ",
            " since ",
        ]
        .iter()
        .filter_map(|w| lower[a..m.start()].rfind(w).map(|i| a + i + w.len()))
        .max()
        .unwrap_or(a);
        zones.push((a, m.end()));
    }
    // "the Council, which was established during the visit of Prime Minister Modi in 2023":
    // a background clause about a thing, not about this encounter.
    for m in BACKGROUND_CLAUSE.find_iter(lower) {
        let end = lower[m.end()..]
            .find([',', ';'])
            .map_or(lower.len(), |i| m.end() + i);
        zones.push((m.start(), end));
    }
    // "Lavrov recalled that the Turkmen leader held talks with Putin": the speaker reports
    // an encounter he was not in.
    if let Some(m) = SPEAKER_THAT.find(lower) {
        if cue(&lower[m.end()..]).is_some() && cue(&lower[..m.start()]).is_none() {
            zones.push((0, m.end()));
        }
    }
    // "Accompanying the President on his visit are X and Y", "he was accompanied by X":
    // companions on a trip, not participants (ANNOTATION.md).
    for m in ACCOMPANYING.find_iter(lower) {
        let end = [";", " while ", " and met ", " and held "]
            .iter()
            .filter_map(|w| lower[m.end()..].find(w))
            .min()
            .map_or(lower.len(), |i| m.end() + i);
        zones.push((m.start(), end));
    }
    // "The signing was held between the ministers A and B and witnessed by the Presidents":
    // signatories only signed (ANNOTATION.md); the witnesses are another matter.
    for m in SIGNED_BY.find_iter(lower) {
        let rest = &lower[m.end()..];
        let end = [
            " witnessed",
            " in the presence",
            ";",
            " while ",
            " after ",
            " before ",
        ]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .map_or(lower.len(), |i| m.end() + i);
        zones.push((m.start(), end));
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find(", who ") {
        let a = from + i + 2;
        // The aside ends at the next comma or with the sentence.
        let b = lower[a..].find(',').map_or(lower.len(), |j| a + j);
        let aside = &lower[a..b];
        let elsewhere = format!("{} {}", &lower[..a], &lower[b..]);
        if aside.contains("accompan") && cue(aside).is_none() && cue(&elsewhere).is_some() {
            zones.push((a, b));
        }
        from = b;
    }
    zones
}

static ACCOMPANYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^accompanying\b.*?\b(?:are|were|is|was)\b|\b(?:is|was|were|are) (?:also )?accompanied by\b")
        .expect("re")
});

static SIGNED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:signed|inked|initialled|initialed|countersigned)(?: [\w-]+){0,3}? by\b|\bsignatories (?:were|was|are)\b|\bsigning (?:was|were) (?:held|done|conducted|carried out) (?:between|by)\b")
        .expect("re")
});

static BACKGROUND_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r", (?:which|that) (?:was|were|had been|has been) (?:established|set up|created|launched|founded|signed|agreed|adopted|announced|built|opened|inaugurated)\b")
        .expect("re")
});

static ABSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:did not|didn't|could not|couldn't|would not|was unable to|were unable to|declined to|chose not to) (?:attend|travel|come|join|take part|participate)\b|\b(?:was|were) absent\b|\bstayed away\b|\bskipped (?:the|it)\b")
        .expect("re")
});

static SPEAKER_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:said|says|noted|stressed|recalled|recalls|added|stated|pointed out|emphasi[sz]ed|underlined|explained|reminded) that\b|\btold (?:[a-z]+ ){1,3}?that\b")
        .expect("re")
});

static SEPARATELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bseparately\b|\bseparate (?:ceremonies|audiences|meetings)\b|\bone after the other\b|\b(?:ambassadors|envoys|delegations|heads of (?:delegations|missions?)|credentials of|letters of credence|newly (?:appointed|accredited))\b").expect("cue")
});
static PREVIOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:also )?attended\b|\bwas attended by\b|\b(?:was|were) (?:also )?present\b|\bsat in on\b|\balso present\b|\bpresent on the\b|\bin the room\b|\balso (?:attending|taking part)\b|^(?:also )?(?:attending|present) (?:were|was|are|is)\b|^also (?:at|in|during) the (?:talks|meeting|audience|session|ceremony|call|discussions?) (?:were|was)\b|\b(?:was|were) (?:also )?(?:in|at) the (?:meeting|talks|audience|session|discussions?)\b|\bamong (?:those )?(?:attending|present|the participants|the attendees)(?: the (?:talks|meeting|summit))? (?:were|was)\b|\b(?:participants|attendees) included\b|\bin attendance (?:were|was)\b|\baround the table (?:were|was)\b|\b(?:was|were) (?:also )?(?:part|members?) of the (?:[\w’']+ ){0,3}delegation\b|\bassisted (?:the |him\b|her\b)(?:[\w-]+ ){0,4}in the (?:talks|meeting|negotiations)\b|\b(?:also )?participating in the (?:talks|meeting|negotiations|conversation|audience|session|summit)\b|\balso participated\b|\bparticipated also\b|\bin the (?:talks|meeting|negotiations|conversation) (?:also )?participated\b|\bdelegation (?:[\w-]+ ){0,3}?(?:also )?(?:included|includes|comprised|consisted of)\b|\b(?:took place|was held|were held) in the presence of\b|\b(?:was|were) represented by\b|\bwith the participation of\b|\bin (?:an? )?(?:extended|expanded|enlarged|broader|wider) (?:format|composition)\b|^the (?:talks|meeting|negotiations|conversation) (?:then |later )?continued\b|\b(?:was|were) (?:also )?in attendance\b|\bparticipated in the (?:talks|meeting|session|summit|negotiations)\b|\btook part\b|\bjoined (?:the|them)\b|\b(?:was|were) (?:also )?joined (?:[\w’'-]+ ){0,4}?by\b|\bflanked by\b|\bpresent at the\b|\bwitnessed\b|\baddressed the (?:summit|session|meeting|conference|plenary)\b|^(?:during|at|in|in the course of|on the sidelines of) the (?:talks|meeting|visit|call|conversation|negotiations|summit)\b").expect("cue")
});

/// A host receiving several guests one by one (credentials, courtesy calls).
pub fn separate_receptions(lower: &str) -> bool {
    SEPARATELY.is_match(lower)
}

static ONE_BY_ONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bcourtesy calls on\b|\bpaid calls on\b|\bseparately (?:met|received|held talks with|called on)\b|\bheld separate (?:meetings|talks) with\b|\b(?:held|had) (?:separate |bilateral |several )?meetings with\b|\bmet separately with\b|\bcalled on\b.*\bseparately\b").expect("cue")
});

/// "paid courtesy calls on A, B and C": the visitor met each of them, not all together.
pub fn one_by_one(lower: &str) -> bool {
    ONE_BY_ONE.is_match(lower)
}

/// The sentence adds to the encounter reported just before it.
pub fn refers_to_previous(lower: &str) -> bool {
    let lower = lower.trim_start();
    PREVIOUS.find_iter(lower).any(|m| {
        // "X, accompanied by Y, met Z" and "On the sidelines of the summit, X met Y"
        // report an encounter of their own.
        // "..., which was attended by" speaks of the meeting just named, not the last one.
        let b = lower[..m.start()].trim_end();
        if [
            "which was",
            "which were",
            "which was also",
            "which were also",
            "that was",
        ]
        .iter()
        .any(|w| b.ends_with(w))
        {
            return false;
        }
        // Framing, not attendance: "X, accompanied by Y, met Z", "During the talks, X met Y".
        // ("Also present at the meeting were ..." is attendance, wherever it stands.)
        let framing = m.as_str().starts_with("accompanied by")
            || m.start() == 0
                && ["during", "at ", "in ", "on the sidelines"]
                    .iter()
                    .any(|w| m.as_str().starts_with(w));
        // "In the meeting, which was attended also by ...": attending is no encounter of its own.
        let rest = format!("{} {}", &lower[..m.start()], &lower[m.end()..]).replace("attended", "");
        !(framing && cue(&rest).is_some())
    })
}

/// Byte ranges of the parts of a sentence that say who attended: from the last
/// "but/after/because" before an attendance phrase to the next one ("Ruto also took part,
/// while Ghana was represented by Bawumia after President Akufo-Addo stayed home").
pub fn attendance_zones(lower: &str) -> Vec<(usize, usize)> {
    // Not ";": attendee lists use it ("Sheikh Khaled, Crown Prince; Sheikh Abdullah, ...").
    const BREAKS: [&str; 5] = [" but ", " after ", " although ", " because ", " since "];
    PREVIOUS
        .find_iter(lower)
        .chain(REPRESENTED.find_iter(lower))
        .map(|m| {
            // "Malawi was represented by X": X attended; what comes before stayed away.
            if m.as_str().ends_with("represented by") {
                let e = BREAKS
                    .iter()
                    .filter_map(|b| lower[m.end()..].find(b).map(|i| m.end() + i))
                    .min()
                    .unwrap_or(lower.len());
                return (m.start(), e);
            }
            let a = BREAKS
                .iter()
                .filter_map(|b| lower[..m.start()].rfind(b).map(|i| i + b.len()))
                .max()
                .unwrap_or(0);
            let e = BREAKS
                .iter()
                .filter_map(|b| lower[m.end()..].find(b).map(|i| m.end() + i))
                .min()
                .unwrap_or(lower.len());
            (a, e)
        })
        .collect()
}

static REPRESENTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\brepresented by\b").expect("cue"));

static WHICH_ATTENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:which|that) (?:was|were) (?:also )?attended (?:also )?by\b").expect("cue")
});

/// "... the leaders' meeting held in Seoul on May 27, which was attended by A, B and C":
/// the offset where another encounter's attendees begin.
pub fn which_attended(lower: &str) -> Option<usize> {
    WHICH_ATTENDED.find(lower).map(|m| m.start())
}

static PRONOUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:he|she)\b").expect("re"));

/// Offset of the sentence's first encounter cue.
pub fn cue_position(lower: &str) -> Option<usize> {
    [&*CALL, &*SUMMIT, &*TALKS, &*VISIT, &*MEETING, &*CALLED_ON]
        .iter()
        .filter_map(|re| re.find(lower).map(|m| m.start()))
        .min()
}

/// Offset of a subject pronoun ("he", "she") that comes before the sentence's encounter cue.
pub fn subject_pronoun(lower: &str) -> Option<usize> {
    let c = [&*CALL, &*SUMMIT, &*TALKS, &*VISIT, &*MEETING, &*CALLED_ON]
        .iter()
        .filter_map(|re| re.find(lower).map(|m| m.start()))
        .min()?;
    // The pronoun nearest the cue: "he travelled to the capitals, where he held talks".
    let m = PRONOUN.find_iter(lower).filter(|m| m.start() < c).last()?;
    // "He also met ...", not "He noted that X and Y met ..." (the speaker of reported words).
    let between = lower.get(m.end()..c)?;
    let close = between.split_whitespace().count() <= 4
        && !between.contains(" that ")
        && !REPORTING.is_match(between);
    (m.start() < c && close).then_some(m.start())
}

static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:said|says|noted|stressed|recalled|added|told|stated|pointed|expressed|hoped|believes?|thinks?|wrote)\b")
        .expect("re")
});

static VAGUE_PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\blast (?:month|week|year|summer|autumn|fall|winter|spring|january|february|march|april|may|june|july|august|september|october|november|december)\b|\bearlier (?:this|in the) (?:month|year)\b|\bin (?:january|february|march|april|may|june|july|august|september|october|november|december)\b(?: (?:last|this) year)?(?:[^0-9]|$)|\bin (?:19|20)\d\d\b|\bpreviously\b|\ba (?:week|month|year) ago\b|\b(?:two|three|several|few) (?:weeks|months|years) ago\b")
        .expect("re")
});

/// A past time without a day ("last month", "in March", "in 2023").
pub fn vague_past(lower: &str) -> bool {
    VAGUE_PAST.is_match(lower)
}

static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:the two|both) (presidents|leaders|heads of state|heads of government|dignitaries|prime ministers|premiers|monarchs|ministers|foreign ministers|top diplomats)\b")
        .expect("re")
});

/// Which people "the two presidents" / "both ministers" speak of. ("The two sides" is left
/// alone: it as often means the delegations or the countries.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairClass {
    Leaders,
    Ministers,
}

/// A plural phrase that names the pair of an encounter already reported.
pub fn pair_reference(lower: &str) -> Option<PairClass> {
    let c = PAIR.captures(lower)?;
    Some(match &c[1] {
        "ministers" | "foreign ministers" | "top diplomats" => PairClass::Ministers,
        _ => PairClass::Leaders,
    })
}

/// Whether a role belongs to the class a pair phrase speaks of.
pub fn role_in_class(role: Option<&str>, class: PairClass) -> bool {
    let r = role.unwrap_or("").to_lowercase();
    let deputy = r.contains("vice") || r.contains("deputy");
    match class {
        PairClass::Leaders => {
            !deputy
                && [
                    "president",
                    "prime minister",
                    "king",
                    "emir",
                    "amir",
                    "sultan",
                    "chancellor",
                    "head of state",
                    "premier",
                    "crown prince",
                    "leader",
                    "general secretary",
                    "monarch",
                ]
                .iter()
                .any(|w| r.contains(w))
                && !r.contains("minister of")
                && !r.contains("president of the national assembly")
        }
        PairClass::Ministers => {
            r.contains("minister") && !r.contains("prime")
                || r.contains("secretary")
                || r.contains("chancellor")
        }
    }
}

static PRESENTED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bpresent(?:ed|s)? (?:their|his|her|the)? ?(?:credentials|letters? of credence|copies of (?:their|his|her) credentials)(?: [a-z]+){0,3}? to\b")
        .expect("re")
});

/// "the participating ministers", "the visiting ministers": everyone at the latest gathering.
pub fn names_the_gathering(lower: &str) -> bool {
    [
        "the participating ",
        "the visiting ministers",
        "the visiting foreign ministers",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A sentence that lists the guests received one by one: "They are: A, B", "The envoys
/// included A (Algeria), B (Hungary)".
pub fn introduces_guests(lower: &str) -> bool {
    GUESTS.is_match(lower)
}

static GUESTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:they|these) (?:are|were)\b|^namely\b|^the (?:new |newly (?:appointed|accredited) )?(?:envoys|ambassadors|diplomats|heads of mission|high commissioners)(?: [a-z]+){0,3}? (?:are|were|included|include)\b")
        .expect("re")
});

/// "present at each of the ceremonies", "during each audience", "The ceremony was attended
/// by": at every reception of a group.
pub fn at_each_reception(lower: &str) -> bool {
    [
        "each of the",
        "during each",
        "at each",
        "each audience",
        "each ceremony",
        "the ceremony",
        "the ceremonies",
        "the audiences",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Offset of "presented their credentials to": the host is named after it.
pub fn presented_to(lower: &str) -> Option<usize> {
    PRESENTED_TO.find(lower).map(|m| m.end())
}

/// Byte offset (relative to the sentence) of a hosting verb, if any.
pub fn hosting_verb(lower: &str) -> Option<usize> {
    HOSTING.find(lower).map(|m| m.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_and_kinds() {
        assert_eq!(
            cue("the two presidents held talks in doha"),
            Some(MeetingKind::Talks)
        );
        assert_eq!(
            cue("ruto spoke by phone with museveni"),
            Some(MeetingKind::Call)
        );
        assert_eq!(
            cue("the emir received the prime minister"),
            Some(MeetingKind::Meeting)
        );
        assert_eq!(
            cue("leaders gathered for the au summit"),
            Some(MeetingKind::Summit)
        );
        assert_eq!(cue("trade reached $1 billion"), None);
    }

    #[test]
    fn a_speaker_reporting_an_encounter_is_not_in_it() {
        let l = "lavrov recalled that the turkmen leader held talks with putin in 2022";
        let z = sender_zones(l);
        let inside = |p: usize| z.iter().any(|&(a, b)| a <= p && p < b);
        assert!(inside(l.find("lavrov").unwrap()));
        assert!(!inside(l.find("putin").unwrap()));
        // A speaker who met someone is in the encounter: "X met Y and said that ...".
        let l = "lavrov met meredov and said that the talks were useful";
        assert!(sender_zones(l).is_empty());
    }

    #[test]
    fn absentees_are_not_in_the_meeting() {
        let l = "the united states was represented by its embassy, as secretary of state marco rubio did not attend.";
        let z = sender_zones(l);
        let p = l.find("marco").unwrap();
        assert!(z.iter().any(|&(a, b)| a <= p && p < b), "{z:?}");
        assert!(!z.iter().any(|&(a, b)| a <= 5 && 5 < b), "{z:?}");
    }

    #[test]
    fn plans_and_invitations_are_not_encounters() {
        assert!(not_yet(
            "the president invited his counterpart to visit belarus"
        ));
        assert!(not_yet("lula will visit beijing next month"));
        assert!(not_yet("the minister is expected to meet his counterpart"));
        assert!(!not_yet("the ministers met in lima on thursday"));
    }
}
