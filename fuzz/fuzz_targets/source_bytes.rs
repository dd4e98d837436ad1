//! Bytes in, `Document` out (or a clean error): decoding (BOM, UTF-16, UTF-8,
//! damaged UTF-8, legacy encodings), HTML main text, boilerplate marking,
//! headline and date, JSON Lines records. The first byte picks the input kind.
#![no_main]

use diplograph::source::{self, Kind};
use libfuzzer_sys::fuzz_target;

fn check(d: &source::Document) {
    for b in &d.blocks {
        assert!(
            b.start <= b.end && b.end <= d.text.len(),
            "block out of range"
        );
        assert!(
            d.text.is_char_boundary(b.start) && d.text.is_char_boundary(b.end),
            "block not on char boundaries"
        );
    }
    assert!(!d.text.contains('\u{0}'));
    if let Some(date) = d.date {
        let _ = date.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    match sel % 4 {
        0 => {
            if let Ok(d) = source::from_bytes("f.txt", bytes, Kind::Text) {
                check(&d);
            }
        }
        1 => {
            if let Ok(d) = source::from_bytes("f.html", bytes, Kind::Html) {
                check(&d);
            }
        }
        2 => {
            let input = source::read_jsonl("f.jsonl", "f.jsonl", std::io::Cursor::new(bytes), None);
            for d in &input.docs {
                check(d);
            }
            for e in &input.errors {
                let _ = e.to_string();
            }
        }
        _ => {
            if let Ok(s) = source::decode_text(bytes, None) {
                assert!(
                    !s.is_empty() || bytes.is_empty() || bytes.len() <= 4,
                    "non-empty bytes decoded to nothing"
                );
            }
        }
    }
});
