//! A deterministic layout: stress majorization per connected component, started
//! from a pivot-MDS embedding, then the components packed in rows, largest first.
//!
//! Drawing distances follow graph (hop) distances, as in Graphviz `neato`: hubs
//! sit among their neighbours, chains stay straight, leaves fan out around
//! their node. Components of more than 2,500 nodes (whose all-pairs distances
//! would not fit the memory budget) fall back to Fruchterman-Reingold.
//!
//! Same graph and radii in, same coordinates out, on every machine: the
//! symmetry-breaking jitter comes from a hash of each node's IRI (no random
//! generator, no clock), nodes are visited in index order, and only `+ - * /`
//! and `sqrt` are used (IEEE 754 exact operations), never `sin`/`cos`/`exp`/`powf`,
//! whose last bits vary between math libraries.
//!
//! References: E. R. Gansner, Y. Koren, S. North, *Graph drawing by stress
//! majorization*, Graph Drawing 2004, LNCS 3383:239-250; U. Brandes, C. Pich,
//! *Eigensolver methods for progressive multidimensional scaling of large data*,
//! Graph Drawing 2006, LNCS 4372:42-53; T. M. J. Fruchterman, E. M. Reingold,
//! *Graph drawing by force-directed placement*, Software: Practice and
//! Experience 21(11):1129-1164, 1991.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// Node positions in pixels, top-left of the drawing at (0, 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Centre of each node, by node index.
    pub pos: Vec<(f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// Tuning of [`force_layout`].
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions {
    /// Ideal edge length in pixels (between node rims).
    pub edge_length: f64,
    /// Free space kept between any two node rims.
    pub gap: f64,
    /// Space between packed components.
    pub component_gap: f64,
    /// Fruchterman-Reingold iterations for a component of up to 300 nodes (fewer above).
    pub iterations: usize,
    /// Target width/height ratio of the packed drawing.
    pub aspect: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            edge_length: 90.0,
            gap: 14.0,
            component_gap: 60.0,
            iterations: 400,
            aspect: 1.5,
        }
    }
}

/// FNV-1a 64 then SplitMix64: a stable pseudo-random stream per key.
fn stream(key: &str) -> impl FnMut() -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    move || {
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Lays out `graph`: node `i` is a disc of radius `radius[i]`, `key(i)` a stable
/// identifier (the IRI) that seeds its start position; `weight` pulls heavier
/// edges shorter.
///
/// # Complexity
/// * Time: **O(|V_c| |E_c| + k |V_c|²)** per component of |V_c| nodes (one BFS per
///   node, then k majorization sweeps; k = 300 up to 500 nodes, fewer above).
/// * Auxiliary space: **O(|V_c|²)** for the distances of the largest component.
pub fn force_layout<N, E>(
    graph: &UnGraph<N, E>,
    radius: &[f64],
    key: impl Fn(usize) -> String,
    weight: impl Fn(&E) -> f64,
    opts: &LayoutOptions,
) -> Layout {
    let n = graph.node_count();
    if n == 0 {
        return Layout {
            pos: Vec::new(),
            width: 0.0,
            height: 0.0,
        };
    }
    let comp = super::metrics::connected_components(graph);
    let ncomp = comp.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ncomp];
    for (i, &c) in comp.iter().enumerate() {
        members[c].push(i);
    }
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        if a != b {
            let w = weight(e.weight()).max(0.0);
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
    }
    let mut pos = vec![(0.0, 0.0); n];
    let mut boxes = Vec::with_capacity(ncomp); // (min_x, min_y, max_x, max_y) per component
    for nodes in &members {
        let local = component_layout(nodes, &adj, radius, &key, opts);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (&i, &(x, y)) in nodes.iter().zip(&local) {
            pos[i] = (x, y);
            x0 = x0.min(x - radius[i]);
            y0 = y0.min(y - radius[i]);
            x1 = x1.max(x + radius[i]);
            y1 = y1.max(y + radius[i]);
        }
        boxes.push((x0, y0, x1, y1));
    }
    // Shelf packing, components in order (0 = largest): rows no wider than a width
    // that makes the whole drawing about `aspect` wide.
    let area: f64 = boxes
        .iter()
        .map(|b| (b.2 - b.0 + opts.component_gap) * (b.3 - b.1 + opts.component_gap))
        .sum();
    let widest = boxes.iter().map(|b| b.2 - b.0).fold(0.0, f64::max);
    let row_width = widest.max((area * opts.aspect).sqrt());
    let (mut x, mut y, mut row_h, mut width) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    let mut offset = vec![(0.0, 0.0); ncomp];
    for (c, b) in boxes.iter().enumerate() {
        let (w, h) = (b.2 - b.0, b.3 - b.1);
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_h + opts.component_gap;
            row_h = 0.0;
        }
        offset[c] = (x - b.0, y - b.1);
        x += w + opts.component_gap;
        row_h = row_h.max(h);
        width = width.max(x - opts.component_gap);
    }
    for (i, p) in pos.iter_mut().enumerate() {
        let o = offset[comp[i]];
        *p = (round(p.0 + o.0), round(p.1 + o.1));
    }
    Layout {
        pos,
        width: round(width),
        height: round(y + row_h),
    }
}

/// Rounds to 1/100 px: coordinates printed with two decimals read back equal.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn component_layout(
    nodes: &[usize],
    adj: &[Vec<(usize, f64)>],
    radius: &[f64],
    key: &impl Fn(usize) -> String,
    opts: &LayoutOptions,
) -> Vec<(f64, f64)> {
    let m = nodes.len();
    let r: Vec<f64> = nodes.iter().map(|&i| radius[i]).collect();
    if m == 1 {
        return vec![(0.0, 0.0)];
    }
    if m == 2 {
        let d = opts.edge_length + r[0] + r[1];
        return vec![(0.0, 0.0), (d, 0.0)];
    }
    let mean_r = r.iter().sum::<f64>() / m as f64;
    // Dense components get longer edges, so their labels find room.
    let edges: usize = nodes.iter().map(|&i| adj[i].len()).sum::<usize>() / 2;
    let density = (2.0 * edges as f64 / m as f64 / 3.0).max(1.0).sqrt();
    let unit = (opts.edge_length + 2.0 * mean_r) * density;
    let mut p = if m <= MAX_STRESS_NODES {
        stress_layout(nodes, adj, key, unit)
    } else {
        fr_layout(nodes, adj, &r, key, unit, opts)
    };
    remove_overlaps(&mut p, &r, opts.gap);
    p
}

/// Components above this size use Fruchterman-Reingold: stress needs |V|² distances.
const MAX_STRESS_NODES: usize = 2500;

/// Hop distances from every node of the component (BFS), in local indices.
fn hop_distances(nodes: &[usize], adj: &[Vec<(usize, f64)>]) -> Vec<Vec<f64>> {
    let m = nodes.len();
    let local: std::collections::HashMap<usize, usize> =
        nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let nbrs: Vec<Vec<usize>> = nodes
        .iter()
        .map(|&i| adj[i].iter().map(|&(j, _)| local[&j]).collect())
        .collect();
    let mut out = vec![vec![0.0; m]; m];
    let mut queue = std::collections::VecDeque::new();
    for s in 0..m {
        let mut seen = vec![false; m];
        seen[s] = true;
        queue.push_back((s, 0usize));
        while let Some((u, d)) = queue.pop_front() {
            out[s][u] = d as f64;
            for &v in &nbrs[u] {
                if !seen[v] {
                    seen[v] = true;
                    queue.push_back((v, d + 1));
                }
            }
        }
    }
    out
}

/// Stress majorization from a pivot-MDS start: distances in the drawing follow
/// hop distances in the graph (what Graphviz `neato` does).
fn stress_layout(
    nodes: &[usize],
    adj: &[Vec<(usize, f64)>],
    key: &impl Fn(usize) -> String,
    unit: f64,
) -> Vec<(f64, f64)> {
    let m = nodes.len();
    let hops = hop_distances(nodes, adj);
    let d: Vec<Vec<f64>> = hops
        .iter()
        .map(|row| row.iter().map(|h| h * unit).collect())
        .collect();
    let mut p = pivot_mds(&d);
    // A little deterministic jitter: symmetric starts (paths, stars) leave the line.
    for (k, &i) in nodes.iter().enumerate() {
        let mut s = stream(&key(i));
        p[k].0 += (s() - 0.5) * unit * 0.05;
        p[k].1 += (s() - 0.5) * unit * 0.05;
    }
    // Localized stress majorization (Gansner, Koren, North 2004), weights d^-2.
    let iterations = if m <= 500 {
        300
    } else {
        (300 * 500 * 500 / (m * m)).max(30)
    };
    for _ in 0..iterations {
        let mut moved = 0.0_f64;
        for i in 0..m {
            let (mut nx, mut ny, mut den) = (0.0, 0.0, 0.0);
            for j in 0..m {
                if i == j {
                    continue;
                }
                let dij = d[i][j];
                let w = 1.0 / (dij * dij);
                let (dx, dy) = (p[i].0 - p[j].0, p[i].1 - p[j].1);
                let dist = (dx * dx + dy * dy).sqrt().max(1e-9);
                nx += w * (p[j].0 + dij * dx / dist);
                ny += w * (p[j].1 + dij * dy / dist);
                den += w;
            }
            let q = (nx / den, ny / den);
            moved = moved.max((q.0 - p[i].0).abs() + (q.1 - p[i].1).abs());
            p[i] = q;
        }
        if moved < unit * 1e-3 {
            break;
        }
    }
    p
}

/// Pivot MDS (Brandes and Pich 2006): classical MDS on the distances to up to 50
/// pivots chosen far apart, top two eigenvectors by power iteration.
fn pivot_mds(d: &[Vec<f64>]) -> Vec<(f64, f64)> {
    let m = d.len();
    let k = m.min(50);
    let mut pivots = vec![0usize];
    let mut near: Vec<f64> = d[0].clone();
    while pivots.len() < k {
        let mut best = 0;
        for i in 0..m {
            if near[i] > near[best] {
                best = i;
            }
        }
        if near[best] == 0.0 {
            break;
        }
        pivots.push(best);
        for i in 0..m {
            near[i] = near[i].min(d[best][i]);
        }
    }
    let k = pivots.len();
    // Double-centred squared distances, m x k.
    let mut c = vec![vec![0.0; k]; m];
    for i in 0..m {
        for (b, &pv) in pivots.iter().enumerate() {
            c[i][b] = d[i][pv] * d[i][pv];
        }
    }
    let col_mean: Vec<f64> = (0..k)
        .map(|b| c.iter().map(|row| row[b]).sum::<f64>() / m as f64)
        .collect();
    let row_mean: Vec<f64> = c
        .iter()
        .map(|row| row.iter().sum::<f64>() / k as f64)
        .collect();
    let all = row_mean.iter().sum::<f64>() / m as f64;
    for i in 0..m {
        for b in 0..k {
            c[i][b] = -0.5 * (c[i][b] - row_mean[i] - col_mean[b] + all);
        }
    }
    // B = C^T C (k x k), top two eigenvectors by power iteration with deflation.
    let mut bm = vec![vec![0.0; k]; k];
    for a in 0..k {
        for b in a..k {
            let v: f64 = (0..m).map(|i| c[i][a] * c[i][b]).sum();
            bm[a][b] = v;
            bm[b][a] = v;
        }
    }
    let mut vecs: Vec<Vec<f64>> = Vec::new();
    for e in 0..2 {
        let mut v: Vec<f64> = (0..k)
            .map(|i| 1.0 + ((i * (e + 3)) % 7) as f64 / 7.0)
            .collect();
        for _ in 0..200 {
            // Remove earlier eigenvectors, multiply, normalise.
            for u in &vecs {
                let dot: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
                v.iter_mut().zip(u).for_each(|(a, b)| *a -= dot * b);
            }
            let w: Vec<f64> = (0..k)
                .map(|a| (0..k).map(|b| bm[a][b] * v[b]).sum())
                .collect();
            let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm < 1e-12 {
                break;
            }
            v = w.into_iter().map(|x| x / norm).collect();
        }
        vecs.push(v);
    }
    let mut p: Vec<(f64, f64)> = (0..m)
        .map(|i| {
            let x: f64 = (0..k).map(|b| c[i][b] * vecs[0][b]).sum();
            let y: f64 = (0..k).map(|b| c[i][b] * vecs[1][b]).sum();
            (x, y)
        })
        .collect();
    // Scale to the graph distances (least squares over all pairs).
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..m {
        for j in i + 1..m {
            let (dx, dy) = (p[i].0 - p[j].0, p[i].1 - p[j].1);
            let e = (dx * dx + dy * dy).sqrt();
            num += e * d[i][j];
            den += e * e;
        }
    }
    let s = if den > 0.0 { num / den } else { 1.0 };
    p.iter_mut().for_each(|q| *q = (q.0 * s, q.1 * s));
    p
}

/// Pushes apart discs closer than their radii plus `gap`.
fn remove_overlaps(p: &mut [(f64, f64)], r: &[f64], gap: f64) {
    let m = p.len();
    for _ in 0..50 {
        let mut moved = false;
        for a in 0..m {
            for b in a + 1..m {
                let (dx, dy) = (p[b].0 - p[a].0, p[b].1 - p[a].1);
                let d = (dx * dx + dy * dy).sqrt();
                let want = r[a] + r[b] + gap;
                if d < want {
                    let (ux, uy) = if d > 1e-9 {
                        (dx / d, dy / d)
                    } else {
                        (1.0, 0.0)
                    };
                    let push = (want - d) / 2.0;
                    p[a].0 -= ux * push;
                    p[a].1 -= uy * push;
                    p[b].0 += ux * push;
                    p[b].1 += uy * push;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Fruchterman-Reingold for very large components.
fn fr_layout(
    nodes: &[usize],
    adj: &[Vec<(usize, f64)>],
    r: &[f64],
    key: &impl Fn(usize) -> String,
    k: f64,
    opts: &LayoutOptions,
) -> Vec<(f64, f64)> {
    let m = nodes.len();
    let local: std::collections::HashMap<usize, usize> =
        nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let side = k * (m as f64).sqrt();
    let mut p: Vec<(f64, f64)> = nodes
        .iter()
        .map(|&i| {
            let mut s = stream(&key(i));
            (s() * side, s() * side)
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = nodes
        .iter()
        .flat_map(|&i| {
            adj[i]
                .iter()
                .filter(move |&&(j, _)| i < j)
                .map(move |&(j, w)| (i, j, w))
        })
        .map(|(i, j, w)| (local[&i], local[&j], w))
        .collect();
    let max_w = edges.iter().map(|e| e.2).fold(1.0, f64::max);
    let iterations = (opts.iterations * 300 / m).max(60);
    let mut t = side / 8.0;
    let cool = t / (iterations as f64 + 1.0);
    let mut disp = vec![(0.0, 0.0); m];
    for _ in 0..iterations {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for a in 0..m {
            for b in a + 1..m {
                let (dx, dy) = (p[a].0 - p[b].0, p[a].1 - p[b].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let rim = (d - r[a] - r[b]).max(d * 0.1).max(0.01);
                let f = k * k / rim / d;
                disp[a].0 += dx * f;
                disp[a].1 += dy * f;
                disp[b].0 -= dx * f;
                disp[b].1 -= dy * f;
            }
        }
        for &(a, b, w) in &edges {
            let (dx, dy) = (p[a].0 - p[b].0, p[a].1 - p[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k * (1.0 + (w / max_w).sqrt());
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        let (cx, cy) = p.iter().fold((0.0, 0.0), |s, q| (s.0 + q.0, s.1 + q.1));
        let (cx, cy) = (cx / m as f64, cy / m as f64);
        for a in 0..m {
            disp[a].0 -= (p[a].0 - cx) * 0.02;
            disp[a].1 -= (p[a].1 - cy) * 0.02;
            let len = (disp[a].0 * disp[a].0 + disp[a].1 * disp[a].1).sqrt();
            if len > 0.0 {
                let step = len.min(t);
                p[a].0 += disp[a].0 / len * step;
                p[a].1 += disp[a].1 / len * step;
            }
        }
        t = (t - cool).max(side / 400.0);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Krackhardt kite (shared with the metrics tests) plus a separate pair.
    fn kite() -> UnGraph<(), f64> {
        UnGraph::from_edges(
            crate::network::metrics::tests::KITE
                .iter()
                .copied()
                .chain([(10, 11)])
                .map(|(a, b)| (a, b, 1.0)),
        )
    }

    #[test]
    fn same_input_same_layout() {
        let g = kite();
        let r = vec![10.0; g.node_count()];
        let a = force_layout(
            &g,
            &r,
            |i| format!("n{i}"),
            |w| *w,
            &LayoutOptions::default(),
        );
        let b = force_layout(
            &g,
            &r,
            |i| format!("n{i}"),
            |w| *w,
            &LayoutOptions::default(),
        );
        assert_eq!(a, b);
    }

    #[test]
    fn discs_do_not_overlap_and_fit_the_box() {
        let g = kite();
        let r: Vec<f64> = (0..g.node_count()).map(|i| 5.0 + i as f64).collect();
        let l = force_layout(
            &g,
            &r,
            |i| format!("n{i}"),
            |w| *w,
            &LayoutOptions::default(),
        );
        for a in 0..r.len() {
            let (x, y) = l.pos[a];
            assert!(
                x - r[a] >= -0.01
                    && y - r[a] >= -0.01
                    && x + r[a] <= l.width + 0.01
                    && y + r[a] <= l.height + 0.01
            );
            for b in a + 1..r.len() {
                let d =
                    ((l.pos[a].0 - l.pos[b].0).powi(2) + (l.pos[a].1 - l.pos[b].1).powi(2)).sqrt();
                assert!(d >= r[a] + r[b], "{a} and {b} overlap");
            }
        }
    }
}
