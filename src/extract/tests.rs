//! Extraction checked on short hand-written paragraphs in the styles of other
//! regions' press. Each test states one mechanism; none is a seed sentence.

use crate::facts::DocFacts;
use crate::lexicon::Lexicon;
use crate::resolve::Resolver;
use crate::source::{from_bytes, Kind};
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::embedded);

fn check(text: &str) -> DocFacts {
    let doc = from_bytes("t.txt", text.as_bytes(), Kind::Text).expect("document");
    let ex = super::extract(&doc, &LEX);
    Resolver::default().resolve(&doc, &ex, &LEX).contract()
}

fn pairs(f: &DocFacts) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in &f.meetings {
        let mut ps = m.participants.clone();
        ps.sort();
        for i in 0..ps.len() {
            for j in i + 1..ps.len() {
                out.push((ps[i].clone(), ps[j].clone()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn has_pair(f: &DocFacts, a: &str, b: &str) -> bool {
    pairs(f)
        .iter()
        .any(|(x, y)| x.contains(a) && y.contains(b) || x.contains(b) && y.contains(a))
}

#[test]
fn talks_with_a_dateline_give_date_place_and_offices() {
    let f = check(
        "NAIROBI, April 17, 2024 - President William Ruto held talks with Ugandan President Yoweri Museveni at State House, officials said.\n",
    );
    assert!(has_pair(&f, "Ruto", "Museveni"), "{f:?}");
    let m = &f.meetings[0];
    assert_eq!(m.kind, "talks");
    assert_eq!(m.date.as_deref(), Some("2024-04-17"));
    assert_eq!(m.place.as_deref(), Some("Nairobi"));
    let museveni = f
        .persons
        .iter()
        .find(|p| p.name.contains("Museveni"))
        .unwrap();
    assert_eq!(museveni.country.as_deref(), Some("UG"));
    assert_eq!(museveni.role.as_deref(), Some("President"));
}

#[test]
fn invitations_and_planned_visits_are_not_meetings() {
    let f = check(
        "Brasilia, 3 March 2024 - President Luiz Inácio Lula da Silva invited President Gustavo Petro to visit Brazil next year. \
         Lula will travel to Bogota in May, where he is expected to meet Petro.\n",
    );
    assert!(f.meetings.is_empty(), "{:?}", f.meetings);
}

#[test]
fn a_phone_call_has_no_place_and_the_spokesman_is_not_in_it() {
    let f = check(
        "ANKARA, 12 June 2024 - President Recep Tayyip Erdogan held a phone call with Azerbaijani President Ilham Aliyev on Wednesday, presidential spokesman Ibrahim Kalin said.\n",
    );
    assert_eq!(f.meetings.len(), 1, "{:?}", f.meetings);
    let m = &f.meetings[0];
    assert_eq!(m.kind, "call");
    assert_eq!(m.place, None);
    assert!(!m.participants.iter().any(|p| p.contains("Kalin")), "{m:?}");
    assert_eq!(m.date.as_deref(), Some("2024-06-12"));
}

#[test]
fn separate_receptions_are_separate_meetings() {
    let f = check(
        "Abu Dhabi, 5 May 2024 (WAM) -- President His Highness Sheikh Mohamed bin Zayed Al Nahyan received separately today the credentials of new ambassadors.\n\
         They are: Ambassador of Chile Rodrigo Alarcon, Ambassador of Ghana Kwame Mensah and Ambassador of Peru Elena Vargas.\n",
    );
    assert_eq!(f.meetings.len(), 3, "{:?}", f.meetings);
    assert!(
        !has_pair(&f, "Alarcon", "Mensah"),
        "guests did not meet each other"
    );
    assert!(has_pair(&f, "Mohamed bin Zayed", "Vargas"));
}

#[test]
fn greetings_conveyed_on_someones_behalf_do_not_make_them_a_participant() {
    let f = check(
        "Jeddah, 4 July 2024 - Crown Prince Mohammed bin Salman received Pakistani Prime Minister Shehbaz Sharif, who conveyed the greetings of President Asif Ali Zardari.\n",
    );
    assert!(has_pair(&f, "Mohammed bin Salman", "Sharif"), "{f:?}");
    assert!(
        !pairs(&f)
            .iter()
            .any(|(a, b)| a.contains("Zardari") || b.contains("Zardari")),
        "{:?}",
        f.meetings
    );
}

#[test]
fn attendees_join_the_encounter_just_reported() {
    let f = check(
        "Hanoi, 10 October 2024 - Prime Minister Pham Minh Chinh met with Malaysian Prime Minister Anwar Ibrahim. \
         The meeting was also attended by Deputy Minister of Foreign Affairs Ngo Le Van and Malaysian Ambassador Tan Yang Thai.\n",
    );
    assert_eq!(f.meetings.len(), 1, "{:?}", f.meetings);
    assert_eq!(f.meetings[0].participants.len(), 4, "{:?}", f.meetings);
}

#[test]
fn descriptions_resolve_to_the_person_named_in_the_article() {
    let f = check(
        "Astana, 15 March 2024 - President of Kazakhstan Kassym-Jomart Tokayev received Mongolian Prime Minister Luvsannamsrain Oyun-Erdene. \
         Later the same day, the Mongolian prime minister held talks with his Kazakh counterpart Olzhas Bektenov.\n",
    );
    assert!(has_pair(&f, "Tokayev", "Oyun-Erdene"));
    assert!(has_pair(&f, "Oyun-Erdene", "Bektenov"), "{:?}", f.meetings);
}

#[test]
fn transliterations_and_initials_are_one_person() {
    let f = check(
        "Ulaanbaatar, October 11 /MONTSAME/. President of Mongolia U.Khurelsukh received the Foreign Minister of Kazakhstan. \
         President Khurelsukh said relations were at their highest level.\n",
    );
    let khurelsukh: Vec<_> = f
        .persons
        .iter()
        .filter(|p| p.name.to_lowercase().contains("elsukh") || p.name.contains("ürelsükh"))
        .collect();
    assert_eq!(khurelsukh.len(), 1, "{:?}", f.persons);
}

#[test]
fn documents_in_lists_count_and_unnamed_counts_do_not() {
    let f = check(
        "Dhaka, June 22, 2024 - Ten agreements were signed during the visit. The following documents were signed:\n\
         - Memorandum of Understanding on maritime cooperation;\n\
         - Agreement on the avoidance of double taxation;\n\
         - Protocol on railway connectivity.\n",
    );
    let kinds: Vec<&str> = f.agreements.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["memorandum", "agreement", "protocol"],
        "{:?}",
        f.agreements
    );
}

#[test]
fn trade_kinds_years_and_what_is_not_turnover() {
    let f = check(
        "Accra, 10 March 2025 - Bilateral trade between Ghana and Nigeria stood at $1.5bn in 2023, and the two presidents agreed to grow it to $3bn by 2027. \
         Nigerian exports to Ghana alone were worth $900 million, and investment pledges of USD 2 billion were announced. \
         Trade with the EU reached EUR 4 billion.\n",
    );
    let t: Vec<(u64, Option<i16>, &str)> = f
        .trade
        .iter()
        .map(|t| (t.usd, t.year, t.kind.as_str()))
        .collect();
    assert_eq!(
        t,
        vec![
            (1_500_000_000, Some(2023), "actual"),
            (3_000_000_000, Some(2027), "target")
        ],
        "{:?}",
        f.trade
    );
}

#[test]
fn page_furniture_yields_nothing() {
    let f = check(
        "Home | News | Politics | Business | Contact\n\
         Tel: +27 12 345 6789\n\
         Most read\n\
         - President Cyril Ramaphosa meets investors in Cape Town\n\
         - Acme Holdings names new chief executive\n\
         © 2024 Example Media. All rights reserved.\n",
    );
    assert!(f.persons.is_empty() && f.meetings.is_empty(), "{f:?}");
}
