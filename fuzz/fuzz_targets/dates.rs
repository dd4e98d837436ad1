//! Date parsing: absolute dates (English, Russian, numeric, ISO), years and
//! relative days against an anchor. Invariants: no panic, spans inside the
//! text on char boundaries, months and days in range, years resolvable.
#![no_main]

use diplograph::dates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (anchor_bytes, rest) = data.split_at(3);
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    for h in dates::find_dates(s) {
        assert!(
            h.start <= h.end
                && h.end <= s.len()
                && s.is_char_boundary(h.start)
                && s.is_char_boundary(h.end)
        );
        assert!((1..=12).contains(&h.date.month), "month {}", h.date.month);
        assert!((1..=31).contains(&h.date.day), "day {}", h.date.day);
        let _ = h.date.to_date();
        let anchor = jiff::civil::Date::new(
            1900 + (anchor_bytes[0] as i16 % 200),
            1 + (anchor_bytes[1] % 12) as i8,
            1 + (anchor_bytes[2] % 28) as i8,
        )
        .ok();
        let filled = h.date.with_year_from(anchor);
        if anchor.is_some() {
            assert!(filled.year.is_some());
        }
    }
    for (at, y) in dates::find_years(s) {
        assert!(at < s.len() && s.is_char_boundary(at));
        assert!((1950..=2099).contains(&y));
    }
    let years = [-9999i16, 1, 1970, 2024, 9999];
    let anchor = jiff::civil::Date::new(
        years[anchor_bytes[0] as usize % years.len()],
        1 + (anchor_bytes[1] % 12) as i8,
        1 + (anchor_bytes[2] % 28) as i8,
    );
    if let Ok(anchor) = anchor {
        if let Some((a, b, _)) = dates::find_relative(s, anchor) {
            assert!(a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
        }
    }
});
