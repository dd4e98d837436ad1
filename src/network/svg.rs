//! The picture: an SVG drawn from the force layout, and a PNG rendered from that
//! SVG in-process (resvg, pure Rust) with the vendored DejaVu Sans, so pictures
//! look the same on machines without fonts.
//!
//! Node area grows with weighted degree, colour is the country (persons) or the
//! region (countries), line width grows with meetings (dashed: a country link
//! with no meeting, only documents or trade). Labels are placed greedily, the
//! most connected nodes first, at the first of eight spots around the node that
//! overlaps no other label or node; a label that fits nowhere is left out (its
//! name stays in the node's tooltip) and the footer says how many were.

use super::render::{edge_summary, Drawing, Options};
use super::xml::xml_escape;
use super::{metrics, Kind, Network};
use anyhow::Context as _;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// DejaVu Sans 2.37 (Bitstream Vera licence, assets/fonts/LICENSE).
pub(crate) static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

fn face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(FONT, 0).ok())
        .as_ref()
}

/// Advance width of `s` at `size` px in DejaVu Sans (no kerning; unknown glyphs
/// count as wide as "M").
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    let Some(f) = face() else {
        return s.chars().count() as f64 * size * 0.62;
    };
    let upem = f64::from(f.units_per_em());
    let wide = f
        .glyph_index('M')
        .and_then(|g| f.glyph_hor_advance(g))
        .map_or(upem * 0.86, f64::from);
    let units: f64 = s
        .chars()
        .map(|c| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map_or(wide, f64::from)
        })
        .sum();
    units / upem * size
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[derive(Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    fn hits_disc(&self, cx: f64, cy: f64, r: f64) -> bool {
        let nx = cx.clamp(self.x, self.x + self.w);
        let ny = cy.clamp(self.y, self.y + self.h);
        (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < r * r
    }
    /// Whether the segment (x1, y1)-(x2, y2) crosses the rectangle (Liang-Barsky clipping).
    fn hits_segment(&self, x1: f64, y1: f64, x2: f64, y2: f64) -> bool {
        let (dx, dy) = (x2 - x1, y2 - y1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, x1 - self.x),
            (dx, self.x + self.w - x1),
            (-dy, y1 - self.y),
            (dy, self.y + self.h - y1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
    fn inside(&self, w: f64, h: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= w && self.y + self.h <= h
    }
}

/// A placed label: text, baseline origin, size.
struct Label {
    i: usize,
    text: String,
    x: f64,
    y: f64,
    size: f64,
}

/// Greedy label placement in drawing coordinates (area `w` x `h`).
fn place_labels(
    net: &Network,
    d: &Drawing,
    pos: &[(f64, f64)],
    w: f64,
    h: f64,
) -> (Vec<Label>, usize) {
    let order = metrics::ranking(net, &d.metrics);
    let max_wd = d
        .metrics
        .weighted_degree
        .iter()
        .copied()
        .fold(1.0, f64::max);
    let mut placed: Vec<Rect> = Vec::new();
    let mut labels = Vec::new();
    let mut hidden = 0;
    let segments: Vec<(f64, f64, f64, f64)> = net
        .graph
        .edge_indices()
        .filter_map(|e| net.graph.edge_endpoints(e))
        .map(|(a, b)| {
            (
                pos[a.index()].0,
                pos[a.index()].1,
                pos[b.index()].0,
                pos[b.index()].1,
            )
        })
        .collect();
    for ni in order {
        let i = ni.index();
        let text = shorten(&net.graph[ni].label, 36);
        let size = (11.0 + 3.0 * (d.metrics.weighted_degree[i] / max_wd).sqrt()).round();
        let tw = text_width(&text, size);
        let (x, y) = pos[i];
        let r = d.style.radius[i];
        let th = size * 1.2;
        let o = r * 0.7071 + 2.0;
        // (box left, box top) of each candidate spot.
        let spots = [
            (x + r + 4.0, y - th / 2.0),
            (x - r - 4.0 - tw, y - th / 2.0),
            (x - tw / 2.0, y - r - 2.0 - th),
            (x - tw / 2.0, y + r + 2.0),
            (x + o, y - o - th),
            (x + o, y + o),
            (x - o - tw, y - o - th),
            (x - o - tw, y + o),
        ];
        let boxes: Vec<Rect> = spots
            .iter()
            .map(|&(bx, by)| Rect {
                x: bx,
                y: by,
                w: tw,
                h: th,
            })
            .collect();
        let free = |b: &Rect| {
            b.inside(w, h)
                && !placed.iter().any(|p| p.overlaps(b))
                && !(0..pos.len()).any(|j| b.hits_disc(pos[j].0, pos[j].1, d.style.radius[j] + 1.0))
        };
        let clear = |b: &Rect| {
            !segments
                .iter()
                .any(|&(x1, y1, x2, y2)| b.hits_segment(x1, y1, x2, y2))
        };
        // A spot that crosses no line, else one that only crosses lines.
        let fits = boxes
            .iter()
            .find(|b| free(b) && clear(b))
            .or_else(|| boxes.iter().find(|b| free(b)))
            .copied();
        match fits {
            Some(b) => {
                placed.push(b);
                // Baseline: the box top plus the ascent (about 0.93 em for DejaVu Sans in a 1.2 em box).
                labels.push(Label {
                    i,
                    text,
                    x: b.x,
                    y: b.y + size * 0.95,
                    size,
                });
            }
            None => hidden += 1,
        }
    }
    (labels, hidden)
}

/// Line width of an edge: 1.2 px for one meeting up to 6 px for the most; 1 px
/// (dashed) for a country link without meetings.
pub(crate) fn edge_width(meetings: usize, max_meetings: usize) -> f64 {
    match (meetings, max_meetings) {
        (0, _) => 1.0,
        (_, 0 | 1) => 1.5,
        (m, max) => 1.2 + 4.8 * ((m - 1) as f64 / (max - 1) as f64).sqrt(),
    }
}

/// Draws the network as a standalone SVG document (deterministic: same network,
/// same bytes).
pub(crate) fn svg(net: &Network, d: &Drawing, opts: &Options) -> String {
    let g = &net.graph;
    // Room around the layout for labels.
    let max_label = g
        .node_weights()
        .map(|n| text_width(&shorten(&n.label, 36), 14.0))
        .fold(0.0, f64::max);
    let pad_x = (max_label + 30.0).min(260.0);
    let pad_y = 30.0;
    let (area_w, area_h) = (d.layout.width + 2.0 * pad_x, d.layout.height + 2.0 * pad_y);
    let pos: Vec<(f64, f64)> = d
        .layout
        .pos
        .iter()
        .map(|&(x, y)| (x + pad_x, y + pad_y))
        .collect();
    let (labels, hidden) = place_labels(net, d, &pos, area_w, area_h);
    // Title, legend and footer grow with big drawings, so they stay readable zoomed out.
    let k = (area_w.max(area_h) / 1400.0).clamp(1.0, 3.0);
    let margin = 24.0 * k;
    let header = 76.0 * k;
    let footer = 34.0 * k;

    // Legend rows.
    let legend_rows: Vec<(String, &str)> = d
        .style
        .legend
        .iter()
        .map(|c| (format!("{} · {}", shorten(&c.label, 30), c.nodes), c.colour))
        .collect();
    let max_meetings = g.edge_weights().map(|e| e.meetings).max().unwrap_or(0);
    let max_wd = d
        .metrics
        .weighted_degree
        .iter()
        .copied()
        .fold(0.0, f64::max);
    let min_wd = d
        .metrics
        .weighted_degree
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let min_wd = if min_wd.is_finite() { min_wd } else { 0.0 };
    let r_min = d.style.radius.iter().copied().fold(f64::INFINITY, f64::min);
    let r_min = if r_min.is_finite() { r_min } else { 6.0 };
    let size_note = match net.kind {
        Kind::Persons => "Size: meetings (weighted degree)",
        Kind::Countries => "Size: weighted degree",
    };
    let legend_w = legend_rows
        .iter()
        .map(|r| text_width(&r.0, 12.0) + 30.0)
        .chain([
            text_width(size_note, 12.0),
            text_width(d.style.legend_title, 14.0),
        ])
        .fold(200.0, f64::max)
        .min(340.0)
        * k;
    let legend_h = (8.0
        + 24.0
        + 20.0 * legend_rows.len() as f64
        + 14.0
        + 22.0
        + 64.0
        + 20.0
        + 16.0
        + if net.kind == Kind::Countries {
            20.0
        } else {
            0.0
        }
        + 8.0)
        * k;

    let title = opts.title(net.kind);
    let (from, to) = net.date_range(&opts.filter);
    let mut sub = vec![
        format!("{} {}", g.node_count(), net.kind.name()),
        format!(
            "{} link{}",
            g.edge_count(),
            if g.edge_count() == 1 { "" } else { "s" }
        ),
        match (&from, &to) {
            (Some(f), Some(t)) if f == t => f.clone(),
            (Some(f), Some(t)) => format!("{f} – {t}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "undated".to_string(),
        },
    ];
    if !opts.filter.countries.is_empty() {
        sub.push(format!(
            "touching {}",
            opts.filter.countries.join(", ").to_uppercase()
        ));
    }
    if opts.filter.min_weight > 1 {
        sub.push(format!("weight ≥ {}", opts.filter.min_weight));
    }
    let subtitle = sub.join(" · ");

    let width = (margin + area_w + margin + legend_w + margin)
        .max(margin * 2.0 + text_width(&title, 22.0 * k))
        .max(margin * 2.0 + text_width(&subtitle, 13.0 * k))
        .max(640.0)
        .ceil();
    let height = (header + area_h.max(legend_h) + footer).ceil();
    let ox = margin;
    let oy = header;

    let mut s = String::new();
    let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\">"
    );
    let _ = writeln!(s, "<title>{}</title>", xml_escape(&title));
    let _ = writeln!(
        s,
        "<desc>{}. Made by diplograph.</desc>",
        xml_escape(&subtitle)
    );
    let _ = writeln!(
        s,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{margin:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"#1a1a1a\">{}</text>",
        38.0 * k,
        22.0 * k,
        xml_escape(&title)
    );
    let _ = writeln!(
        s,
        "<text x=\"{margin:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"#555555\">{}</text>",
        60.0 * k,
        13.0 * k,
        xml_escape(&subtitle)
    );

    // Edges, lightest first so heavy ones stay on top.
    let mut edges: Vec<_> = g.edge_indices().collect();
    edges.sort_by_key(|&e| (g[e].meetings, g[e].weight(), e.index()));
    let _ = writeln!(
        s,
        "<g class=\"edges\" stroke=\"#4d4d4d\" stroke-opacity=\"0.45\" stroke-linecap=\"round\">"
    );
    for e in edges {
        let Some((a, b)) = g.edge_endpoints(e) else {
            continue;
        };
        let w = &g[e];
        let (pa, pb) = (pos[a.index()], pos[b.index()]);
        let dash = if w.meetings == 0 {
            " stroke-dasharray=\"5 4\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<line class=\"edge\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{:.1}\"{dash}><title>{} – {}: {}</title></line>",
            pa.0 + ox,
            pa.1 + oy,
            pb.0 + ox,
            pb.1 + oy,
            edge_width(w.meetings, max_meetings),
            xml_escape(&g[a].label),
            xml_escape(&g[b].label),
            xml_escape(&edge_summary(w))
        );
    }
    s.push_str("</g>\n");

    // Nodes: exactly one <circle class="node"> per node.
    let _ = writeln!(
        s,
        "<g class=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1.5\">"
    );
    for i in g.node_indices() {
        let n = &g[i];
        let i = i.index();
        let mut tip = n.label.clone();
        let place = if net.kind == Kind::Persons {
            n.country_name.as_deref()
        } else {
            n.region.as_deref()
        };
        let what: Vec<&str> = [n.office.as_deref(), place].into_iter().flatten().collect();
        if !what.is_empty() {
            tip.push_str(&format!(" ({})", what.join(", ")));
        }
        tip.push_str(&format!(
            ": {} link{}, weighted degree {}",
            d.metrics.degree[i],
            if d.metrics.degree[i] == 1 { "" } else { "s" },
            d.metrics.weighted_degree[i]
        ));
        let _ = writeln!(
            s,
            "<circle class=\"node\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\"><title>{}</title></circle>",
            pos[i].0 + ox,
            pos[i].1 + oy,
            d.style.radius[i],
            d.style.colour[i],
            xml_escape(&tip)
        );
    }
    s.push_str("</g>\n");

    // Labels with a white halo.
    let _ = writeln!(
        s,
        "<g class=\"labels\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
    );
    for l in &labels {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" data-node=\"{}\">{}</text>",
            l.x + ox,
            l.y + oy,
            l.size,
            l.i,
            xml_escape(&l.text)
        );
    }
    s.push_str("</g>\n");

    // Legend, in unscaled units inside a scaled group.
    let lx = ox + area_w + margin;
    let _ = writeln!(
        s,
        "<g class=\"legend\" font-size=\"12\" fill=\"#333333\" transform=\"translate({lx:.1} {:.1}) scale({k:.3})\">",
        oy + 8.0 * k
    );
    let mut ly = 0.0;
    let _ = writeln!(
        s,
        "<text x=\"0\" y=\"{:.1}\" font-size=\"14\">{}</text>",
        ly + 12.0,
        d.style.legend_title
    );
    ly += 24.0;
    for (text, colour) in &legend_rows {
        let _ = writeln!(
            s,
            "<rect x=\"0\" y=\"{ly:.1}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{colour}\"/><text x=\"20\" y=\"{:.1}\">{}</text>",
            ly + 10.5,
            xml_escape(text)
        );
        ly += 20.0;
    }
    ly += 14.0;
    let _ = writeln!(s, "<text x=\"0\" y=\"{:.1}\">{size_note}</text>", ly + 10.0);
    ly += 22.0;
    let r_big = 24.0;
    let _ = writeln!(
        s,
        "<circle cx=\"{r_big:.1}\" cy=\"{:.1}\" r=\"{r_min:.1}\" fill=\"#cccccc\"/><text x=\"{:.1}\" y=\"{:.1}\">{min_wd}</text>",
        ly + r_big,
        r_big + r_min + 6.0,
        ly + r_big + 4.0
    );
    let _ = writeln!(
        s,
        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r_big:.1}\" fill=\"#cccccc\"/><text x=\"{:.1}\" y=\"{:.1}\">{max_wd}</text>",
        3.0 * r_big + 14.0,
        ly + r_big,
        4.0 * r_big + 20.0,
        ly + r_big + 4.0
    );
    ly += 2.0 * r_big + 16.0;
    let _ = writeln!(
        s,
        "<text x=\"0\" y=\"{:.1}\">Line width: meetings</text>",
        ly + 10.0
    );
    ly += 20.0;
    let sample = |s: &mut String, x: f64, ly: f64, meetings: usize, dash: &str, text: String| {
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#4d4d4d\" stroke-opacity=\"0.45\" stroke-width=\"{:.1}\" stroke-linecap=\"round\"{dash}/><text x=\"{:.1}\" y=\"{:.1}\">{text}</text>",
            ly + 6.0,
            x + 34.0,
            ly + 6.0,
            edge_width(meetings, max_meetings),
            x + 42.0,
            ly + 10.0
        );
    };
    sample(&mut s, 0.0, ly, 1, "", "1".to_string());
    if max_meetings > 1 {
        sample(&mut s, 80.0, ly, max_meetings, "", max_meetings.to_string());
    }
    if net.kind == Kind::Countries {
        ly += 20.0;
        sample(
            &mut s,
            0.0,
            ly,
            0,
            " stroke-dasharray=\"5 4\"",
            "documents/trade only".to_string(),
        );
    }
    s.push_str("</g>\n");

    let mut foot = "diplograph · layout: stress majorization (deterministic)".to_string();
    if hidden > 0 {
        foot.push_str(&format!(
            " · {hidden} label{} left out to avoid overlaps (hover a node, or use --format html)",
            if hidden == 1 { "" } else { "s" }
        ));
    }
    let _ = writeln!(
        s,
        "<text x=\"{margin:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"#888888\">{}</text>",
        height - 12.0 * k,
        11.0 * k,
        xml_escape(&foot)
    );
    s.push_str("</svg>\n");
    s
}

/// Renders an SVG document to PNG at 2x (less for very large drawings: at most
/// 8,000 px a side), text in the vendored DejaVu Sans only.
pub(crate) fn png(svg: &str) -> anyhow::Result<Vec<u8>> {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_font_data(FONT.to_vec());
    opt.font_family = "DejaVu Sans".to_string();
    let tree =
        resvg::usvg::Tree::from_str(svg, &opt).context("parsing the SVG to render it as PNG")?;
    let size = tree.size();
    let longest = size.width().max(size.height()).max(1.0);
    let scale = (8000.0 / longest).min(2.0);
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1)).context("allocating the PNG canvas")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().context("encoding the PNG")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_with_the_font() {
        let narrow = text_width("iiii", 12.0);
        let wide = text_width("WWWW", 12.0);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!(text_width("Лукашенко", 12.0) > 50.0);
    }

    #[test]
    fn rects() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        assert!(r.overlaps(&Rect {
            x: 5.0,
            y: 5.0,
            w: 10.0,
            h: 10.0
        }));
        assert!(!r.overlaps(&Rect {
            x: 10.0,
            y: 0.0,
            w: 10.0,
            h: 10.0
        }));
        assert!(r.hits_disc(12.0, 5.0, 3.0));
        assert!(!r.hits_disc(14.0, 5.0, 3.0));
    }
}
