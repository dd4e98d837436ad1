//! Money parsing for trade turnover: "$1.5bn", "USD 10 billion", "ten billion
//! dollars"; and the per-amount classifiers. Invariants: no panic, spans inside
//! the text on char boundaries, amounts finite and not negative.
#![no_main]

use diplograph::extract::trade;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = trade::is_trade_sentence(s);
    let _ = trade::refers_back(s);
    for a in trade::amounts(s) {
        assert!(
            a.start <= a.end && a.end <= s.len(),
            "amount span out of range"
        );
        assert!(
            s.is_char_boundary(a.start) && s.is_char_boundary(a.end),
            "amount span not on char boundaries"
        );
        assert!(
            a.usd.is_finite() && a.usd >= 0.0,
            "amount {} from {:?}",
            a.usd,
            &s[a.start..a.end]
        );
        let _ = trade::excluded(s, &a);
        let kind = trade::kind(s, &a);
        let _ = trade::year(s, &a, Some(2024), kind);
        let _ = trade::year(s, &a, None, kind);
    }
});
