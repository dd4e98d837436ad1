//! Which lines of a page are the article. Scraped pages carry menus, phone
//! numbers, addresses, slider captions, disclaimers and lists of other
//! stories; none of that may yield facts.

use crate::dates::{self, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text: sentences.
    Prose,
    /// A short line without final punctuation: a headline or subheading.
    Heading,
    /// A line that starts with a bullet or a dash.
    ListItem,
}

/// A byte range of the document text that belongs to the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// Lines after which the article is over (only once some body has been seen).
const TAIL_MARKERS: &[&str] = &[
    "legal disclaimer",
    "disclaimer",
    "most popular",
    "most popular stories",
    "most read",
    "most viewed",
    "related news",
    "related articles",
    "related stories",
    "related",
    "read also",
    "read more",
    "also read",
    "see also",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "latest news",
    "more news",
    "more stories",
    "top stories",
    "trending",
    "trending now",
    "popular news",
    "other news",
    "comments",
    "no comment",
    "no comments",
    "leave a comment",
    "share this",
    "share",
    "tags",
    "subscribe",
    "follow us",
    "news feed",
    "also on",
    "more from",
    "editor's picks",
    "popular",
];

/// Words that mark a line as page furniture wherever it is.
const FURNITURE: &[&str] = &[
    "copyright",
    "all rights reserved",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "sign in",
    "log in",
    "login",
    "subscribe to",
    "newsletter",
    "operating mode",
    "working hours",
    "opening hours",
    "hot line",
    "hotline",
    "tel.",
    "e-mail:",
    "email:",
    "photo:",
    "photo by",
    "photo credit",
    "image:",
    "source:",
    "credit:",
    "click here",
    "follow us",
    "share on",
    "download app",
    "your privacy",
    "accept all",
    "we use cookies",
    "javascript",
    "advertisement",
    "reproduction",
    "©",
];

const MENU_WORDS: &[&str] = &[
    "home",
    "news",
    "about",
    "contact",
    "contacts",
    "gallery",
    "events",
    "search",
    "menu",
    "login",
    "slide",
    "video",
    "photo",
    "archive",
    "press-releases",
    "mission",
    "links",
    "sitemap",
    "english",
];

/// FURNITURE as whole words: "sign in" is not "design in".
static FURNITURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = FURNITURE
        .iter()
        .map(|f| {
            let e = regex::escape(f);
            let a = if f.starts_with(|c: char| c.is_alphanumeric()) {
                r"\b"
            } else {
                ""
            };
            let b = if f.ends_with(|c: char| c.is_alphanumeric()) {
                r"\b"
            } else {
                ""
            };
            format!("{a}{e}{b}")
        })
        .collect();
    Regex::new(&alts.join("|")).expect("furniture regex")
});
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:telephone|phone|fax|mobile|whatsapp)\s*(?:no\.?|number|numbers)?\s*[:.]?\s*[+(\d]",
    )
    .expect("contact regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d\s\-()]{6,}\d").expect("phone regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-–—•*·▪●]|\d{1,2}[.)]\s)\s*").expect("bullet regex"));

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '»', '“', ';', ':', ')', '…'])
}

/// Is this line page furniture?
pub fn is_furniture(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    let ws = words(l);
    if ws.is_empty() {
        return true;
    }
    if (FURNITURE_RE.is_match(&lower) || lower.trim_start().starts_with("written by"))
        && ws.len() < 25
    {
        return true;
    }
    // "Telephone: +998 71 ...", "Fax (+7) ...": a contact line, not "a telephone conversation".
    if CONTACT.is_match(&lower) && ws.len() < 25 {
        return true;
    }
    // Menus and breadcrumbs: "Home | Politics | Economy", "News › World".
    if l.matches(['|', '›', '»', '•']).count() >= 2 {
        return true;
    }
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
    if PHONE.is_match(l) && letters * 2 < l.chars().count() {
        return true;
    }
    if digits * 5 > l.chars().count() && ws.len() < 12 {
        return true; // addresses, opening hours, bare dates
    }
    // Postal addresses: "Kopyl, Lenin square, 6", "12 Main Road, Nairobi".
    let address_word = [
        "square", "street", "str.", "avenue", "ave.", "road", "building", "floor", "p.o. box",
        "office", "blvd", "prospekt", "ulitsa",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if address_word && digits > 0 && ws.len() < 10 && !ends_sentence(l) {
        return true;
    }
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        return ws.len() < 8;
    }
    if ws.len() <= 2 && !ends_sentence(l) {
        return true; // agency signatures, "Comments", "Written by"
    }
    if !ends_sentence(l) {
        let menu = ws
            .iter()
            .filter(|w| MENU_WORDS.contains(&w.to_lowercase().as_str()))
            .count();
        // A long line of mostly capitalised words is a menu; prose has lower-case words.
        let caps = ws
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        // A sentence cut off by a truncated page ("On the French side, the meeting was
        // attended by Minister ... Catherine Colonna; ...") still reads as prose: menus have
        // next to no function words.
        let function_words = ws
            .iter()
            .filter(|w| {
                [
                    "the", "of", "and", "by", "was", "were", "to", "with", "in", "on", "for",
                ]
                .contains(&w.to_lowercase().as_str())
            })
            .count();
        // (A caption that runs on into a credit has full sentences inside: "... at the
        // Diplomatic Centre. Parrilla paid a courtesy call ... PHOTO Courtesy X on Twitter".)
        let capitalised_menu = ws.len() > 25
            && caps * 2 > ws.len()
            && function_words * 6 < ws.len()
            && !l.contains(". ");
        if menu >= 3 || capitalised_menu || repeats(&ws) {
            return true;
        }
    }
    false
}

/// A phrase of one to four words repeated right after itself: "Meetings Meetings".
fn repeats(ws: &[&str]) -> bool {
    for n in 1..=4 {
        if ws.len() < 2 * n {
            break;
        }
        for i in 0..=ws.len() - 2 * n {
            if ws[i..i + n] == ws[i + n..i + 2 * n]
                && ws[i].chars().next().is_some_and(char::is_uppercase)
            {
                return true;
            }
        }
    }
    false
}

/// Page sections that hold other stories or promotions, wherever they are.
fn is_section_marker(line: &str) -> bool {
    let l = line
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    words(&l).len() <= 4
        && [
            "partner news",
            "sponsored",
            "promoted",
            "photo of the day",
            "video of the day",
            "about us",
            "advertisement",
            "in pictures",
            "editor's choice",
            "popular now",
            "headlines",
        ]
        .contains(&l.as_str())
}

fn is_tail_marker(line: &str) -> bool {
    // Bilingual sites: "LO MÁS LEÍDO / MOST READ".
    if line.contains(" / ") || line.contains(" | ") {
        return line.split([' ']).count() <= 10
            && line
                .split(" / ")
                .flat_map(|p| p.split(" | "))
                .any(|p| is_tail_marker_one(p));
    }
    is_tail_marker_one(line)
}

/// Tail markers of pages in the other languages English-language sites keep.
const OTHER_TAIL_MARKERS: &[&str] = &[
    "lo más leído",
    "lo mas leido",
    "más leídas",
    "más leídos",
    "noticias relacionadas",
    "te puede interesar",
    "también te puede interesar",
    "ver también",
    "lea también",
    "mais lidas",
    "leia também",
    "leia mais",
    "notícias relacionadas",
    "les plus lus",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "articles similaires",
    "dans la même rubrique",
    "читайте также",
    "похожие новости",
    "самое читаемое",
];

fn is_tail_marker_one(line: &str) -> bool {
    let l = line
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    if OTHER_TAIL_MARKERS.contains(&l.as_str()) {
        return true;
    }
    let starts = [
        "related ",
        "more from ",
        "more on ",
        "read more",
        "read next",
        "up next",
        "don't miss",
        "do not miss",
        "in case you missed",
        "further reading",
        "more like this",
        "popular now",
        "next article",
        "more in ",
        "read also",
        "also read",
        "see also",
        "most read",
        "most popular",
        "most viewed",
        "latest ",
        "top stories",
        "you may ",
        "you might ",
        "recommended",
        "trending",
        "other news",
        "more news",
        "more stories",
    ];
    words(&l).len() <= 4
        && (TAIL_MARKERS.contains(&l.as_str()) || starts.iter().any(|s| l.starts_with(s)))
}

/// Splits `text` into body blocks, dropping furniture and everything after a tail marker.
pub fn classify(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut body_seen = false;
    // After "Most read" and the like, lists and headlines are other stories until prose resumes.
    let mut in_story_list = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + lead + trimmed.len());
        if is_tail_marker(trimmed) || is_section_marker(trimmed) {
            if body_seen && is_tail_marker(trimmed) {
                break;
            }
            in_story_list = true;
            continue;
        }
        let prose_line =
            ends_sentence(trimmed) && words(trimmed).len() >= 8 && !BULLET.is_match(trimmed);
        if in_story_list && !prose_line {
            continue;
        }
        in_story_list = false;
        // Inside the body, after "The agreements are on:" or another kept item, a list goes
        // on even with one- or two-word items ("- Tourism Development").
        let list_goes_on = body_seen
            && blocks.last().is_some_and(|b| {
                b.kind == BlockKind::ListItem || text[b.start..b.end].trim_end().ends_with(':')
            });
        if BULLET.is_match(trimmed) && (words(trimmed).len() >= 2 || list_goes_on) {
            let item = BULLET.replace(trimmed, "");
            let short_item = list_goes_on
                && words(&item).len() <= 2
                && !item
                    .chars()
                    .any(|c| c.is_ascii_digit() || matches!(c, '|' | '›' | '»'));
            if short_item || !is_furniture(item.as_ref()) || ends_sentence(trimmed) {
                blocks.push(Block {
                    start: s,
                    end: e,
                    kind: BlockKind::ListItem,
                });
            }
            continue;
        }
        if is_furniture(trimmed) {
            continue;
        }
        let kind = if !ends_sentence(trimmed) && words(trimmed).len() <= 25 {
            BlockKind::Heading
        } else {
            BlockKind::Prose
        };
        // A hard-wrapped paragraph continues in lower case: join it to the previous block.
        if let Some(prev) = blocks.last_mut() {
            let prev_text = &text[prev.start..prev.end];
            let continues = trimmed.chars().next().is_some_and(char::is_lowercase)
                && !ends_sentence(prev_text)
                && prev.kind != BlockKind::ListItem
                && text[prev.end..s].matches('\n').count() == 1;
            if continues {
                prev.end = e;
                prev.kind = BlockKind::Prose;
                continue;
            }
        }
        // A logo line ("euronews.") is not the article starting.
        if kind == BlockKind::Prose && prose_line {
            body_seen = true;
        }
        blocks.push(Block {
            start: s,
            end: e,
            kind,
        });
    }
    blocks
}

static DATELINE_END: LazyLock<Regex> = LazyLock::new(|| {
    // "(QNA) -", " -", ":" or the line's end; TASS writes "MOSCOW, April 23. /TASS/."
    Regex::new(r"^[\s,]*(?:\((?:[^()]|\([^()]{0,20}\)){1,60}\))?\s*(?:[-–—:…]|$|\.\s*/[^/]{1,20}/|,\s*\p{Lu}{2,8}\s*[-–—])")
        .expect("dateline regex")
});

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // What stands before a page's own date: a label ("Published:", "Updated on", the
    // " date 2024-11-24" of saved pages), a clock ("Xinhua) 16:58, April 26, 2024"), or
    // nothing at all; a weekday may sit between ("Published: Mon 15 Nov 2021").
    Regex::new(r"(?i)(?:^|\b(?:date|dated|published|posted|updated|created|issued|release date|publication date)(?:\s+(?:on|at))?\s*:?|\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*,?)\s*(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s*)?$")
        .expect("date label regex")
});

/// True when `before` (the text of the line before a date) marks that date as the page's own.
fn labelled(before: &str) -> bool {
    before.len() <= 120 && DATE_LABEL.is_match(before.trim_end())
}

/// The headline, the article date (full) and a day-month date when no year is given.
pub fn title_and_date(
    text: &str,
    blocks: &[Block],
) -> (
    Option<String>,
    Option<jiff::civil::Date>,
    Option<PartialDate>,
) {
    let title = blocks
        .iter()
        .take(6)
        .find(|b| {
            b.kind == BlockKind::Heading && dates::find_dates(&text[b.start..b.end]).is_empty()
        })
        .filter(|b| {
            // Only a heading that comes before the first paragraph is the headline.
            !blocks
                .iter()
                .any(|p| p.kind == BlockKind::Prose && p.start < b.start)
        })
        .map(|b| text[b.start..b.end].trim().to_string());

    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut candidates: Vec<&str> = lines.iter().take(12).copied().collect();
    candidates.extend(lines.iter().rev().take(3).copied());
    // An agency signature at the very end: "... was signed. ///nCa, 9 February 2024".
    if let Some(last) = lines.last() {
        if let Some(h) = dates::find_dates(last).last() {
            let tail = last[h.end..].trim();
            let lead = &last[..h.start];
            let sig_start = lead
                .rfind(['.', '!', '?', '"', '”'])
                .map(|i| i + 1)
                .unwrap_or(0);
            if tail.len() <= 2 && lead.len() - sig_start <= 30 {
                if let Some(d) = h.date.to_date() {
                    return (title, Some(d), None);
                }
            }
        }
    }
    let mut partial = None;
    for line in candidates {
        let ws = words(line).len();
        for h in dates::find_dates(line) {
            // A line that is (almost) only a date, or a dateline: "PLACE, DATE (AGENCY) -".
            let before = &line[..h.start];
            let after = &line[h.end..];
            let dateline =
                before.len() <= 40 && DATELINE_END.is_match(after) && !before.contains(". ");
            if ws <= 8 || dateline || labelled(before) {
                if let Some(d) = h.date.to_date() {
                    return (title, Some(d), None);
                }
                partial.get_or_insert(h.date);
            }
        }
    }
    (title, None, partial)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, BlockKind)> {
        classify(text)
            .into_iter()
            .map(|b| (text[b.start..b.end].to_string(), b.kind))
            .collect()
    }

    #[test]
    fn contact_blocks_and_menus_are_dropped() {
        let page = "12 Main Road, Nairobi, 00100\nTel: +254 20 123 4567\nHome News About Us Contact Gallery Events\n\nKenya and Uganda sign energy deal\n\nPresident William Ruto hosted President Yoweri Museveni at State House on Monday.\n";
        let k = kinds(page);
        assert_eq!(k.len(), 2, "{k:?}");
        assert_eq!(k[0].1, BlockKind::Heading);
        assert_eq!(k[1].1, BlockKind::Prose);
    }

    #[test]
    fn a_short_paragraph_about_a_telephone_conversation_is_prose() {
        let page = "Also today, Sadyr Japarov held a telephone conversation with President Emomali Rahmon.\nTelephone: +996 312 62 55 55\nFax (312) 62-55-56\n";
        let k = kinds(page);
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].1, BlockKind::Prose);
    }

    #[test]
    fn bilingual_and_spanish_tail_markers_end_the_article() {
        let page = "The presidents of Guatemala and Costa Rica met in Guatemala City on Friday.\nLO MÁS LEÍDO / MOST READ\n1. Arévalo meets Mexican president-elect Claudia Sheinbaum in Mexico City\n";
        assert_eq!(kinds(page).len(), 1, "{:?}", kinds(page));
        let page = "Lula received the Colombian president in Brasília on Monday.\nLeia também\n- Lula e Petro discutem a Amazônia\n";
        assert_eq!(kinds(page).len(), 1, "{:?}", kinds(page));
    }

    #[test]
    fn story_lists_after_a_tail_marker_are_dropped() {
        let page = "The foreign ministers of Chile and Peru met in Lima on Thursday.\nMost read\n- Copper Miner Posts Record Profit\n- Acme Holdings Names New Chief Executive\n";
        let k = kinds(page);
        assert_eq!(k.len(), 1, "{k:?}");
    }

    #[test]
    fn document_lists_are_kept() {
        let page = "The following documents were signed:\n- Memorandum of understanding on energy cooperation;\n- Agreement on visa exemption for diplomatic passports.\n";
        let k = kinds(page);
        assert_eq!(
            k.iter()
                .filter(|(_, kd)| *kd == BlockKind::ListItem)
                .count(),
            2,
            "{k:?}"
        );
    }

    #[test]
    fn dateline_and_headline() {
        let text = "Gulf leaders meet in Doha\n\nDoha, 3rd March, 2024 (QNA) -- His Highness the Amir received the Prime Minister of Malaysia today.\n";
        let blocks = classify(text);
        let (t, d, _) = title_and_date(text, &blocks);
        assert_eq!(t.as_deref(), Some("Gulf leaders meet in Doha"));
        assert_eq!(d.unwrap().to_string(), "2024-03-03");
    }

    #[test]
    fn labelled_and_stamped_page_dates() {
        for (page, want) in [
            (" date 2023-12-01 (MENAFN- Kuwait News Agency (KUNA)) DUBAI, Dec 1 (KUNA) -- The minister held talks with his counterpart on the bilateral ties and regional issues of the day.\n\nMore text follows here.", "2023-12-01"),
            ("By Web Desk Published: Mon 15 Nov 2021, 8:29 PM Last updated: Mon 15 Nov 2021, 8:33 PM\n\nThe Prime Minister received the credentials of the new ambassadors at an event held at the airshow.", "2021-11-15"),
            ("U.S. should work with China: Wang Yi  Xinhua) 16:58, April 26, 2024\n\nChinese Foreign Minister Wang Yi met with the visiting Secretary of State in Beijing and discussed many issues.", "2024-04-26"),
            ("Accra, Jan 15, 2019, GNA – The Ambassador of Jamaica has paid a courtesy call on the Minister of Foreign Affairs in Accra to discuss relations.", "2019-01-15"),
        ] {
            let blocks = classify(page);
            let (_, date, _) = title_and_date(page, &blocks);
            assert_eq!(date.map(|d| d.to_string()).as_deref(), Some(want), "{page}");
        }
        // A date in the middle of a long sentence is not labelled.
        assert!(!labelled(
            "The two ministers recalled the talks held in Tashkent on"
        ));
    }

    #[test]
    fn a_date_inside_a_sentence_is_not_the_article_date() {
        let text = "The ministers recalled the treaty signed in Vienna, which entered into force on 3 May 2001 after long talks.\n";
        let (_, d, _) = title_and_date(text, &classify(text));
        assert!(d.is_none());
    }
}
