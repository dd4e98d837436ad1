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
fn talks_with_a_dateline_give_place_and_offices_but_no_day() {
    let f = check(
        "NAIROBI, April 17, 2024 - President William Ruto held talks with Ugandan President Yoweri Museveni at State House, officials said.\n",
    );
    assert!(has_pair(&f, "Ruto", "Museveni"), "{f:?}");
    let m = &f.meetings[0];
    assert_eq!(m.kind, "talks");
    // The dateline says when the story was filed; the talks have no day of their own
    // (ANNOTATION.md: "a dateline alone does not date a meeting").
    assert_eq!(m.date, None);
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

#[test]
fn attendees_listed_after_a_session_join_it() {
    // West African communiqué style: the chair is named with the session, the rest in a list.
    let f = check(
        "FINAL COMMUNIQUE\n\nAccra, 12th March 2024\n\n\
         1. The Extraordinary Session of the Authority of Heads of State and Government was held on 12th March 2024 in Accra under the chairmanship of H.E. Nana Addo Dankwa AKUFO-ADDO, President of the Republic of Ghana.\n\n\
         2. The following Heads of State were present:\n\
         - H.E. Bassirou Diomaye FAYE, President of the Republic of Senegal;\n\
         - H.E. Joseph Nyuma BOAKAI, President of the Republic of Liberia.\n\n\
         3. The Authority congratulated H.E. Faure Essozimna GNASSINGBE on his re-election.\n",
    );
    assert!(has_pair(&f, "Akufo-Addo", "Faye"), "{f:?}");
    assert!(has_pair(&f, "Faye", "Boakai"), "{f:?}");
    assert!(
        !pairs(&f)
            .iter()
            .any(|(a, b)| a.contains("Gnassingb") || b.contains("Gnassingb")),
        "{f:?}"
    );
    // The article's fuller forms of dictionary names, in title case.
    assert!(
        f.persons
            .iter()
            .any(|p| p.name == "Nana Addo Dankwa Akufo-Addo"),
        "{f:?}"
    );
}

#[test]
fn a_telephone_conversation_paragraph_is_kept() {
    let f = check(
        "BISHKEK, 11 June 2025 (Kabar) - Also today, President Sadyr Japarov held a telephone conversation with President of Tajikistan Emomali Rahmon.\n",
    );
    assert!(has_pair(&f, "Japarov", "Rahmon"), "{f:?}");
}

#[test]
fn credentials_are_one_envoy_at_a_time() {
    let f = check(
        "HANOI, March 12, 2025 - State President Luong Cuong received the credentials of newly appointed ambassadors on Wednesday.\n\n\
         Presenting their credentials to the President were Ambassador Anna Kowalska of Poland, Ambassador Jorge Medina of Chile and Ambassador Tomas Berg of Sweden.\n",
    );
    assert!(has_pair(&f, "Luong Cuong", "Kowalska"), "{f:?}");
    assert!(has_pair(&f, "Luong Cuong", "Berg"), "{f:?}");
    assert!(!has_pair(&f, "Kowalska", "Berg"), "{f:?}");
}

#[test]
fn negated_and_expected_encounters_are_not_meetings() {
    let f = check(
        "BRASILIA, April 22, 2025 (AFP) - Brazilian President Luiz Inacio Lula da Silva has not held a bilateral meeting with Argentine President Javier Milei since December 2023. Lula is also expected to meet Chilean President Gabriel Boric in June.\n",
    );
    assert!(f.meetings.is_empty(), "{f:?}");
}

#[test]
fn the_visiting_minister_is_the_guest_and_called_on_is_a_visit() {
    let f = check(
        "ISLAMABAD, Apr 16 (APP): Foreign Minister Ishaq Dar held talks with Saudi Foreign Minister Prince Faisal bin Farhan Al Saud on Monday.\n\n\
         The visiting minister also called on Chief of Army Staff General Syed Asim Munir at the GHQ in Rawalpindi.\n",
    );
    assert!(has_pair(&f, "Faisal", "Munir"), "{f:?}");
    assert!(!has_pair(&f, "Dar", "Munir"), "{f:?}");
}

#[test]
fn documents_in_html_lists_and_after_among_them() {
    let html = "<html><head><title>UAE, Indonesia exchange agreements</title></head><body><nav><a href='/'>Home</a></nav><article>\
        <p>President Sheikh Mohamed bin Zayed received Indonesian President Prabowo Subianto in Abu Dhabi on Tuesday, and the two leaders held talks on economic ties.</p>\
        <p>The leaders witnessed the exchange of the following documents:</p>\
        <ul><li>Memorandum of understanding on co-operation in renewable energy</li><li>Agreement on mutual legal assistance in criminal matters</li></ul>\
        <p>They also witnessed the exchange of eight documents. Among them were a memorandum of understanding on higher education and a letter of intent on the halal industry.</p>\
        </article><footer>Copyright 2025</footer></body></html>";
    let doc = from_bytes("t.html", html.as_bytes(), Kind::Html).expect("document");
    let ex = super::extract(&doc, &LEX);
    let f = Resolver::default().resolve(&doc, &ex, &LEX).contract();
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    for t in [
        "renewable energy",
        "legal assistance",
        "higher education",
        "halal industry",
    ] {
        assert!(titles.iter().any(|x| x.contains(t)), "{t}: {titles:?}");
    }
}

#[test]
fn offsets_survive_letters_whose_lower_case_changes_length() {
    // "İ" lower-cases to two characters; a year after "in" looks back over it.
    let f = check(
        "İSTANBUL, 3 May 2025 - President Recep Tayyip Erdoğan recalled the agreement signed in 2019 with President İlham Aliyev.\n",
    );
    assert!(f.agreements.is_empty(), "{f:?}");
}

#[test]
fn documents_named_in_capitals_and_beside_future_signings() {
    let f = check(
        "ACCRA, May 6, 2025 (GNA) - Ministers of Trade of Ghana and Cote d'Ivoire signed the Bilateral Trade and Investment Framework Agreement (TIFA) in the presence of the two Presidents.\n\n\
         A Cultural Exchange Programme for 2025-2028 was also signed, while an Air Services Agreement is expected to be signed later this year.\n",
    );
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Trade and Investment Framework Agreement (TIFA)")),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Cultural Exchange Programme")),
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.contains("Air Services")),
        "{titles:?}"
    );
}

#[test]
fn us_dollars_are_no_party_and_a_later_targets_year_is_not_the_figures() {
    let f = check(
        "ASTANA, 5 March 2024 (Kazinform) - The volume of mutual trade between Kazakhstan and Uzbekistan reached 1.2 billion US dollars in 2023.\n\n\
         Two-way trade between Kazakhstan and Uzbekistan stood at about 550 million dollars in January, the minister said, adding that the goal is to reach $10 billion by 2030.\n",
    );
    assert!(
        f.trade
            .iter()
            .all(|t| !t.countries.contains(&"US".to_string())),
        "{f:?}"
    );
    let small = f
        .trade
        .iter()
        .find(|t| t.usd == 550_000_000)
        .expect("550 million");
    assert_ne!(small.year, Some(2030), "{f:?}");
}

#[test]
fn leaders_by_surname_in_an_encounter_and_family_names_first() {
    let f = check(
        "MOSCOW, Jan 21, 2025 (TASS) - Russia and China reviewed their ties. Putin and Xi held a video conference on January 21, the Kremlin said.\n",
    );
    assert!(has_pair(&f, "Putin", "Xi Jinping"), "{f:?}");
}

#[test]
fn reported_meetings_are_not_the_speakers_and_delegation_leaders_are_persons() {
    let f = check(
        "BEIJING, March 10, 2025 (Xinhua) - Chinese Foreign Minister Wang Yi on Monday held talks with his Egyptian counterpart Badr Abdelatty in Beijing.\n\n\
         Wang said China appreciates Egypt's support. He noted that President Xi Jinping and President Abdel Fattah al-Sisi reached important consensus during their meeting in Kazan last October.\n\n\
         Also on Monday, Chinese Vice Premier Ding Xuexiang met with a delegation of U.S. business leaders led by Stephen Schwarzman.\n",
    );
    assert!(has_pair(&f, "Xi Jinping", "Sisi"), "{f:?}");
    assert!(!has_pair(&f, "Wang Yi", "Xi Jinping"), "{f:?}");
    assert!(has_pair(&f, "Ding Xuexiang", "Schwarzman"), "{f:?}");
    let kazan = f
        .meetings
        .iter()
        .find(|m| m.place.as_deref() == Some("Kazan"))
        .expect("Kazan");
    assert_eq!(kazan.date, None, "'last October' gives no day: {f:?}");
}

#[test]
fn documents_listed_after_among() {
    let f = check(
        "HANOI, July 2, 2025 (VNA) - Prime Minister Pham Minh Chinh held talks with Thai Prime Minister Paetongtarn Shinawatra.\n\n\
         Among the signed documents were an MoU between the State Bank of Vietnam and the Bank of Thailand on payment connectivity and an agreement on avoidance of double taxation.\n\n\
         The two leaders signed 19 bilateral instruments, among them the Agreement on Mutual Recognition of University Degrees and a Memorandum of Understanding on Antarctic Cooperation.\n",
    );
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    for t in [
        "payment connectivity",
        "double taxation",
        "University Degrees",
        "Antarctic",
    ] {
        assert!(titles.iter().any(|x| x.contains(t)), "{t}: {titles:?}");
    }
}

#[test]
fn documents_in_inline_lists_and_after_the_following_documents() {
    let f = check(
        "Tashkent, 5 March 2025 (UzA) - Presidents Shavkat Mirziyoyev and Sadyr Japarov held talks in Tashkent on Wednesday.\n\nFollowing the talks, the sides signed the following documents: an Agreement on the Demarcation of the State Border, a Memorandum of Understanding on Water Management and a Programme of Cultural Cooperation for 2025-2027.\n\nDocuments signed: Agreement on Transit of Goods; Protocol on Amendments to the Free Trade Agreement; Roadmap for Industrial Cooperation.\n",
    );
    let kinds: Vec<&str> = f.agreements.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "agreement",
            "memorandum",
            "program",
            "agreement",
            "protocol",
            "roadmap"
        ],
        "{f:?}"
    );
}

#[test]
fn a_list_heading_gives_its_items_their_type() {
    let f = check(
        "Addis Ababa, 22 January 2025 (ENA) - Prime Minister Abiy Ahmed and President William Ruto presided over the signing ceremony at the National Palace.\n\nThe agreements are on:\n- Cooperation in the Energy Sector\n- Avoidance of Double Taxation\n- Tourism Development\n",
    );
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Agreement on Cooperation in the Energy Sector",
            "Agreement on Avoidance of Double Taxation",
            "Agreement on Tourism Development"
        ],
        "{f:?}"
    );
}

#[test]
fn attendees_named_later_join_the_talks_in_translated_styles() {
    // Latin American and Polish wire styles: "were joined by", "participated also".
    let f = check(
        "Buenos Aires, 14 de noviembre de 2024 - President Javier Milei met with his Paraguayan counterpart Santiago Peña at the Casa Rosada.\n\nBoth presidents were joined by their foreign ministers, Gerardo Werthein and Rubén Ramírez Lezcano.\n\nIn the talks participated also Undersecretary Tomás Aguirre.\n",
    );
    assert_eq!(f.meetings.len(), 1, "{f:?}");
    assert_eq!(f.meetings[0].date, None, "a dateline alone dates nothing");
    for p in ["Werthein", "Ramírez Lezcano", "Aguirre"] {
        assert!(has_pair(&f, "Milei", p), "{p}: {f:?}");
    }
    let w = f
        .persons
        .iter()
        .find(|p| p.name.contains("Werthein"))
        .unwrap();
    assert_eq!(
        w.role.as_deref().map(str::to_lowercase).as_deref(),
        Some("foreign minister")
    );
}

#[test]
fn a_side_meeting_is_not_the_summit_and_a_recalled_one_stays_apart() {
    let f = check(
        "WASHINGTON, July 11, 2024 - Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol met on the fringes of a NATO summit in Washington.\n\nThe two last held a trilateral summit with U.S. President Joe Biden at Camp David in August 2023.\n",
    );
    let now = f
        .meetings
        .iter()
        .find(|m| m.participants.len() == 2)
        .expect("the side meeting");
    assert_ne!(now.kind, "summit", "{f:?}");
    assert!(
        !now.participants.iter().any(|p| p.contains("Biden")),
        "{f:?}"
    );
}

#[test]
fn a_sitting_in_minister_joins_each_credentials_audience() {
    let f = check(
        "Sakhir, Oct. 16, 2024 (BNA) -- His Majesty King Hamad bin Isa Al Khalifa today received the credentials of new ambassadors, in the presence of Foreign Minister Dr Abdullatif bin Rashid Al Zayani.\n\nHM the King received, separately, the credentials of:\n- Kenji Morita, Ambassador of Japan;\n- Siobhán Carey, Ambassador of Ireland.\n\nHM the King asked the Japanese ambassador to convey his greetings to Prime Minister Shigeru Ishiba.\n",
    );
    assert!(has_pair(&f, "Hamad", "Morita"), "{f:?}");
    assert!(has_pair(&f, "Hamad", "Carey"), "{f:?}");
    assert!(has_pair(&f, "Zayani", "Carey"), "{f:?}");
    assert!(
        !has_pair(&f, "Morita", "Carey"),
        "separate audiences: {f:?}"
    );
    assert!(
        !pairs(&f)
            .iter()
            .any(|(a, b)| a.contains("Ishiba") || b.contains("Ishiba")),
        "{f:?}"
    );
}

#[test]
fn documents_named_by_topic_in_the_plural_are_one_each() {
    let f = check(
        "ANKARA, May 8, 2025 (AA) - Türkiye and Iraq signed agreements on Thursday after talks between President Recep Tayyip Erdogan and Prime Minister Mohammed Shia al-Sudani.\n\nAgreements on health, education and media cooperation and an executive program on tourism were also signed.\n",
    );
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    for t in [
        "Agreement on health cooperation",
        "Agreement on education cooperation",
        "Agreement on media cooperation",
    ] {
        assert!(titles.contains(&t), "{t}: {titles:?}");
    }
}

#[test]
fn unbulleted_numbered_documents_after_namely() {
    let f = check(
        "Cairo, 12 January 2025 - President Abdel Fattah El-Sisi held talks with President Hassan Sheikh Mohamud, during which the two Presidents witnessed the signing of three documents, namely:\n\n1- A memorandum of understanding between the Egyptian Ministry of Health and Population and the Somali Ministry of Health and Human Services;\n\n2- An executive programme for cooperation in the field of higher education for the years 2025-2027;\n\n3- An agreement on air transport between the two governments.\n",
    );
    let kinds: Vec<&str> = f.agreements.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["memorandum", "program", "agreement"], "{f:?}");
}

#[test]
fn people_named_in_quoted_speech_are_not_participants() {
    let f = check(
        "President Cyril Ramaphosa received President Hakainde Hichilema of Zambia at the Union Buildings in Pretoria on 3 March 2025.\n\n\"Last month I also held talks with President Samia Suluhu Hassan and President William Ruto about the corridor,\" Hichilema told reporters after the meeting.\n",
    );
    assert!(has_pair(&f, "Ramaphosa", "Hichilema"), "{f:?}");
    assert!(!has_pair(&f, "Hichilema", "Samia"), "{f:?}");
    assert!(!has_pair(&f, "Ramaphosa", "Ruto"), "{f:?}");
}

#[test]
fn signatories_are_not_participants_but_the_leaders_who_met_are() {
    let f = check(
        "Three agreements were signed on Monday between Rwanda and Guinea-Bissau.\n\nThe signing was held between the foreign ministers, Vincent Biruta and his counterpart Suzi Carla Barbosa, and witnessed by President Paul Kagame and his visiting counterpart Umaro Sissoco Embalo.\n\nBefore the ceremony, President Kagame and President Embalo met for a tete-a-tete at Urugwiro Village.\n",
    );
    assert!(has_pair(&f, "Kagame", "Embal"), "{f:?}");
    assert!(!has_pair(&f, "Biruta", "Barbosa"), "{f:?}");
    assert!(
        !f.persons.iter().any(|p| p.name.contains("Village")),
        "a residence is not a person: {f:?}"
    );
}

#[test]
fn a_plural_of_meetings_with_a_list_is_one_meeting_each() {
    let f = check(
        "Prime Minister Shehbaz Sharif held a bilateral meeting with President Ebrahim Raisi of Iran in New York on 20 September 2022.\n\nThe Prime Minister was accompanied by Finance Minister Miftah Ismail.\n\nEarlier, he also held meetings with French President Emmanuel Macron, Austrian Chancellor Karl Nehammer and Spanish Prime Minister Pedro Sánchez.\n",
    );
    for p in ["Macron", "Nehammer", "Sánchez", "Raisi"] {
        assert!(has_pair(&f, "Sharif", p), "{p}: {f:?}");
    }
    assert!(!has_pair(&f, "Macron", "Nehammer"), "met one by one: {f:?}");
    assert!(!has_pair(&f, "Ismail", "Raisi"), "only accompanied: {f:?}");
}

#[test]
fn an_umbrella_report_dates_the_meetings_of_its_series() {
    let f = check(
        " date 2024-03-06 Bourita holds talks in Cairo\n\nThe Minister of Foreign Affairs, Nasser Bourita, held, Wednesday in Cairo, a series of talks with a number of his Arab counterparts.\n\nBourita met with the Minister of Foreign Affairs of Mauritania, Mohamed Salem Ould Merzoug, to discuss cooperation.\n",
    );
    assert!(has_pair(&f, "Bourita", "Merzoug"), "{f:?}");
    assert_eq!(f.meetings[0].date.as_deref(), Some("2024-03-06"), "{f:?}");
}

#[test]
fn a_communique_roster_without_bullets_is_the_summit() {
    let f = check(
        "FINAL COMMUNIQUE\n\n1. The Authority of Heads of State and Government convened an Extraordinary Summit in Accra on 4th June 2022, under the chairmanship of H.E. Nana Addo Dankwa Akufo-Addo, President of the Republic of Ghana.\n2. The Extraordinary Summit was convened to review the recent political developments in the region.\n3. Present at the Summit were the following Heads of State and Government:\nH.E. Patrice TALON, President of the Republic of Benin.\nH.E. Macky SALL, President of the Republic of\nSenegal.\nH.E. George WEAH, President of the Republic of Liberia.\n",
    );
    let summit = f
        .meetings
        .iter()
        .find(|m| m.participants.len() >= 4)
        .expect("one summit of everyone listed");
    assert_eq!(summit.date.as_deref(), Some("2022-06-04"), "{f:?}");
    assert!(has_pair(&f, "Talon", "Weah"), "{f:?}");
    assert!(has_pair(&f, "Akufo-Addo", "Sall"), "{f:?}");
}

#[test]
fn envoys_listed_after_a_reception_each_met_the_host() {
    let f = check(
        "President William Ruto has received letters of credence from three newly appointed ambassadors to Kenya at State House, Nairobi, on 10 September 2025.\nThe envoys included Farid Ouahid Dahmane (Algeria), Katalin Nyirati (Hungary) and Catherine Moe (Norway).\n",
    );
    for p in ["Dahmane", "Nyirati", "Moe"] {
        assert!(has_pair(&f, "Ruto", p), "{p}: {f:?}");
    }
    assert!(
        !has_pair(&f, "Dahmane", "Nyirati"),
        "received one by one: {f:?}"
    );
    let moe = f.persons.iter().find(|p| p.name.contains("Moe")).unwrap();
    assert_eq!(moe.country.as_deref(), Some("NO"));
}

#[test]
fn said_inside_a_name_and_middle_names_that_differ() {
    let f = check(
        "President Ismail Omar Guelleh received President Hassan Sheikh Mohamud in Djibouti on 3 November 2024.\n\nOn the Djiboutian side, attendees included the Head of National Security, Mr. Hassan Said Kaireh, and the Ambassador to Somalia, Mr. Mohamed Ibrahim Youssouf.\n",
    );
    let names: Vec<&str> = f.persons.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Hassan Said Kaireh"), "{names:?}");
    // Not the dictionary's foreign minister Mahmoud Ali Youssouf: the middle names differ.
    assert!(names.contains(&"Mohamed Ibrahim Youssouf"), "{names:?}");
    assert!(has_pair(&f, "Guelleh", "Kaireh"), "{f:?}");
}

#[test]
fn envoys_listed_as_state_dash_name_each_met_the_host_of_the_ceremony() {
    let f = check(
        "On March 9, at the Palace of the Nation, President of the Republic of Tajikistan Emomali Rahmon received credentials from the new Ambassadors of foreign states.\n\nDuring the ceremony, the Ambassadors of Turkey - Umut Acar, the Republic of Moldova - Lilian Darius and the Republic of Chile - Eduardo Escobar presented their credentials.\n",
    );
    for p in ["Acar", "Darius", "Escobar"] {
        assert!(has_pair(&f, "Rahmon", p), "{p}: {f:?}");
    }
    assert!(!has_pair(&f, "Acar", "Darius"), "one by one: {f:?}");
    let darius = f
        .persons
        .iter()
        .find(|p| p.name.contains("Darius"))
        .unwrap();
    assert_eq!(darius.country.as_deref(), Some("MD"));
}

#[test]
fn glued_sentences_and_companions_on_a_trip() {
    let f = check(
        "President Klaus Iohannis received Prime Minister Maia Sandu at the Cotroceni Palace in Bucharest on 11 June 2019.Maia Sandu came to the palace with Deputy Prime Minister Andrei Nastase.After the reception, the Moldovan Prime Minister will meet with her Romanian counterpart, Viorica Dancila.\n\nAccompanying the Prime Minister on her visit are Foreign Minister Nicu Popescu and adviser Ion Manole.\n",
    );
    assert!(has_pair(&f, "Iohannis", "Sandu"), "{f:?}");
    assert!(!has_pair(&f, "Sandu", "Dancila"), "only planned: {f:?}");
    assert!(!has_pair(&f, "Sandu", "Popescu"), "only accompanied: {f:?}");
}

#[test]
fn two_leaders_as_the_joint_subject_met_and_a_host_who_was_hosting() {
    let f = check(
        "Presidents of Uzbekistan and Kyrgyzstan, Shavkat Mirziyoyev and Sadyr Japarov, noted the positive dynamics of bilateral cooperation, the press service said on Tuesday.\n",
    );
    assert!(has_pair(&f, "Mirziyoyev", "Japarov"), "{f:?}");
    let f = check(
        "President Cyril Ramaphosa was hosting the President of China, Xi Jinping, who began his state visit at the Union Buildings in Pretoria.\n",
    );
    assert!(has_pair(&f, "Ramaphosa", "Xi Jinping"), "{f:?}");
    // One person of each state, but only one of them named: no pair.
    let f = check("Kazakh President Kassym-Jomart Tokayev and the Turkish side noted the importance of trade.\n");
    assert!(f.meetings.is_empty(), "{f:?}");
}

#[test]
fn a_heading_naming_one_memorandum_over_its_items_gives_the_items() {
    let f = check(
        "Prime Minister James Marape held talks with President Joko Widodo in Jakarta on 10 October 2024.\n\nWe were able to sign a Memorandum of Understanding underpinning four main focus areas:\n\n– MoU on Cross Border Movement for Commercial Buses and Coaches;\n\n– MoU on Cooperation in the Field of Education; and\n\n– Renewed MoU on Cooperation in the Field of Health.\n",
    );
    let titles: Vec<&str> = f.agreements.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "MoU on Cross Border Movement for Commercial Buses and Coaches",
            "MoU on Cooperation in the Field of Education",
            "Renewed MoU on Cooperation in the Field of Health"
        ],
        "{f:?}"
    );
}

#[test]
fn a_city_after_the_building_and_the_receptions_day() {
    let f = check(
        "President William Ruto has received letters of credence from two newly appointed ambassadors in a ceremony held on Wednesday, September 10, 2025, at State House, Nairobi.\nThe envoys included Katalin Nyirati (Hungary) and Catherine Moe (Norway).\n",
    );
    assert_eq!(f.meetings.len(), 2, "{f:?}");
    for m in &f.meetings {
        assert_eq!(m.place.as_deref(), Some("Nairobi"), "{f:?}");
        assert_eq!(m.date.as_deref(), Some("2025-09-10"), "{f:?}");
    }
}

#[test]
fn the_day_a_statement_was_made_is_not_the_meetings() {
    let f = check(
        " date 2019-01-29 Economy\n\nPresident of Belarus Alexander Lukashenko has met with Ukrainian envoy Yevhen Marchuk, the president's press service said on Tuesday.\n",
    );
    assert!(has_pair(&f, "Lukashenko", "Marchuk"), "{f:?}");
    assert_eq!(f.meetings[0].date, None, "{f:?}");
}

#[test]
fn encounters_worded_outside_the_usual_cues() {
    let f = check("Prime Minister Shehbaz Sharif had a telephonic conversation with President Recep Tayyip Erdoğan on 3 April 2024.\n");
    assert!(has_pair(&f, "Sharif", "Erdoğan"), "{f:?}");
    assert_eq!(f.meetings[0].kind, "call", "{f:?}");
    let f = check("External Affairs Minister S. Jaishankar held a bilateral discussion with Foreign Minister Penny Wong in Canberra on 5 March 2024.\n");
    assert!(has_pair(&f, "Jaishankar", "Wong"), "{f:?}");
    let f = check("Following their talks in Tashkent on 8 February 2024, President Alexander Lukashenko and President Shavkat Mirziyoyev signed a roadmap.\n");
    assert!(has_pair(&f, "Lukashenko", "Mirziyoyev"), "{f:?}");
}
