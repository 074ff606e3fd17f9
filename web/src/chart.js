// The time-per-call chart: for one chosen function, the average time per call in each sampling window (wall time
// between samples divided by the calls made in it; log scale when the values span more than a decade) against
// the call count, Tier 1 and Tier 2 windows in their own colours, and the promotion marked with a labelled line.
// Plain SVG built with createElementNS (no library, no markup strings).
import { formatCount, h, svg } from "./dom.js";

const DEFAULT_W = 560; // when the host has no layout yet (hidden)
const PAD = { l: 52, r: 14, t: 24, b: 30 }; // (the top margin holds the promotion label, above the series)

function fmtUs(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 10000 ? 0 : 1)} ms`;
  if (us >= 10) return `${us.toFixed(0)} µs`;
  if (us >= 1) return `${us.toFixed(1)} µs`;
  return `${(us * 1000).toFixed(0)} ns`;
}

/** Render `series` = {name, points: [[calls at window end, µs per call, tier], ...], promoted_at} into `host`. */
export function renderChart(host, series) {
  host.replaceChildren();
  const points = series && Array.isArray(series.points) ? series.points.filter((p) => p[1] > 0) : [];
  if (!points.length) {
    host.dataset.points = "0";
    host.append(h("p", { class: "chart-empty" },
      series && series.name ? `No calls of ${series.name} measured yet.` : "Run a program, then pick a function to chart."));
    return;
  }
  host.dataset.points = String(points.length);
  // the drawing is as wide as the host in CSS pixels, so its 10-11 px labels stay readable (a fixed 560-unit
  // viewBox in a ~300 px panel shrank them to ~5 px); the height follows, within bounds
  const W = Math.round(Math.min(Math.max(host.clientWidth || DEFAULT_W, 260), 900));
  const H = Math.round(Math.min(Math.max(W * 0.34, 120), 190));
  points.sort((p, q) => p[0] - q[0]);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const promo = series.promoted_at || null;
  let x1 = Math.max(...xs, promo || 0);
  const xmin = Math.max(1, Math.min(...xs, promo || Infinity) / 2);
  const logX = x1 / xmin > 50;
  const x0 = logX ? xmin : 0;
  if (x1 <= x0) x1 = x0 + 1;
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  const log = y1 / y0 > 10;
  if (!log) {
    y0 = 0;
    y1 *= 1.15;
  } else {
    y0 /= 1.5;
    y1 *= 1.5;
  }
  const fx = logX ? (v) => Math.log10(Math.max(v, x0)) : (v) => v;
  const fy = log ? (v) => Math.log10(v) : (v) => v;
  const sx = (x) => PAD.l + ((fx(x) - fx(x0)) / (fx(x1) - fx(x0) || 1)) * (W - PAD.l - PAD.r);
  const sy = (y) => H - PAD.b - ((fy(y) - fy(y0)) / (fy(y1) - fy(y0) || 1)) * (H - PAD.t - PAD.b);

  const root = svg("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": `Time per call of ${series.name}: ${points.length} calls sampled` +
      (series.promoted_at ? `, promoted to Tier 2 at call ${series.promoted_at}` : ""),
  });
  // grid and y labels
  const ticks = [];
  if (log) {
    for (let e = Math.floor(Math.log10(y0)); e <= Math.ceil(Math.log10(y1)); e++) {
      const v = 10 ** e;
      if (v >= y0 && v <= y1) ticks.push(v);
    }
  } else {
    for (let i = 0; i <= 4; i++) ticks.push(y0 + ((y1 - y0) * i) / 4);
  }
  // labels at least ~13 px apart: a short plot keeps every other (or every third) tick
  const step = Math.max(1, Math.ceil((ticks.length * 13) / (H - PAD.t - PAD.b)));
  for (const v of ticks.filter((_, i) => (ticks.length - 1 - i) % step === 0)) {
    const y = sy(v);
    root.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: y, y2: y, class: "grid" }));
    root.append(svg("text", { x: PAD.l - 6, y: y + 4, "text-anchor": "end", class: "tick", text: fmtUs(v) }));
  }
  root.append(svg("text", { x: PAD.l, y: H - 8, class: "tick", text: `${formatCount(Math.round(x0))}` }));
  root.append(svg("text", { x: (PAD.l + W - PAD.r) / 2, y: H - 8, "text-anchor": "middle", class: "tick",
    text: logX ? "calls (log scale)" : "calls" }));
  root.append(svg("text", { x: W - PAD.r, y: H - 8, "text-anchor": "end", class: "tick", text: formatCount(x1) }));

  // promotion marker (its label is drawn last, over the series)
  let label = null;
  if (promo && promo >= x0 && promo <= x1) {
    const x = sx(promo);
    root.append(svg("line", { x1: x, x2: x, y1: PAD.t, y2: H - PAD.b, class: "promo-line" }));
    const right = x < W * 0.7;
    label = svg("text", {
      x: right ? x + 6 : x - 6, y: PAD.t - 8, "text-anchor": right ? "start" : "end", class: "promo-label",
      text: `→ Tier 2 at call ${formatCount(promo)}`,
    });
  }
  // each window is a step: the average over the calls since the previous window
  points.forEach((p, i) => {
    const from = i === 0 ? Math.max(x0, p[0] / 2) : points[i - 1][0];
    const tier = p[2] === 2 ? 2 : 1;
    root.append(svg("line", { x1: sx(from), x2: sx(p[0]), y1: sy(p[1]), y2: sy(p[1]), class: `series t${tier}` }));
    if (i > 0) {
      root.append(svg("line", { x1: sx(from), x2: sx(from), y1: sy(points[i - 1][1]), y2: sy(p[1]),
        class: `series join` }));
    }
    root.append(svg("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 2.6, class: `dot t${tier}` },
      svg("title", { text: `${formatCount(p[0])} calls: ${fmtUs(p[1])} per call (Tier ${tier})` })));
  });
  if (label) root.append(label);
  host.append(root);
}
