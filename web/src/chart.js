// The time-per-call chart: for one chosen function, the time of each sampled call (log scale when the times
// span more than a decade) against the call number, Tier 1 and Tier 2 calls in their own colours, and the
// promotion marked with a labelled line. Plain SVG built with createElementNS (no library, no markup strings).
import { formatCount, h, svg } from "./dom.js";

const W = 560;
const H = 190;
const PAD = { l: 52, r: 14, t: 14, b: 30 };

function fmtUs(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 10000 ? 0 : 1)} ms`;
  if (us >= 10) return `${us.toFixed(0)} µs`;
  if (us >= 1) return `${us.toFixed(1)} µs`;
  return `${(us * 1000).toFixed(0)} ns`;
}

/** Render `series` = {name, points: [[call, us, tier], ...], promoted_at} into `host` (an element). */
export function renderChart(host, series) {
  host.replaceChildren();
  const points = series && Array.isArray(series.points) ? series.points.filter((p) => p[1] > 0) : [];
  if (!points.length) {
    host.dataset.points = "0";
    host.append(h("p", { class: "chart-empty" },
      series && series.name ? `No calls of ${series.name} timed yet.` : "Run a program, then pick a function to chart."));
    return;
  }
  host.dataset.points = String(points.length);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(x0 + 1, ...xs);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  const log = y1 / y0 > 10;
  if (!log) {
    y0 = 0;
    y1 *= 1.1;
  } else {
    y0 /= 1.3;
    y1 *= 1.3;
  }
  const fy = log ? (v) => Math.log10(v) : (v) => v;
  const sx = (x) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
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
  for (const v of ticks) {
    const y = sy(v);
    root.append(svg("line", { x1: PAD.l, x2: W - PAD.r, y1: y, y2: y, class: "grid" }));
    root.append(svg("text", { x: PAD.l - 6, y: y + 4, "text-anchor": "end", class: "tick", text: fmtUs(v) }));
  }
  root.append(svg("text", { x: PAD.l, y: H - 8, class: "tick", text: `call ${formatCount(x0)}` }));
  root.append(svg("text", { x: W - PAD.r, y: H - 8, "text-anchor": "end", class: "tick", text: `call ${formatCount(x1)}` }));

  // promotion marker
  if (series.promoted_at && series.promoted_at >= x0 && series.promoted_at <= x1) {
    const x = sx(series.promoted_at);
    root.append(svg("line", { x1: x, x2: x, y1: PAD.t, y2: H - PAD.b, class: "promo-line" }));
    const right = x < W * 0.7;
    root.append(svg("text", {
      x: right ? x + 6 : x - 6, y: PAD.t + 10, "text-anchor": right ? "start" : "end", class: "promo-label",
      text: `→ Tier 2 at call ${formatCount(series.promoted_at)}`,
    }));
  }
  // one path per tier
  for (const tier of [1, 2]) {
    let d = "";
    let last = -2;
    points.forEach((p, i) => {
      if ((p[2] || 1) !== tier) return;
      d += `${i === last + 1 ? "L" : "M"}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`;
      last = i;
    });
    if (d) root.append(svg("path", { d, class: `series t${tier}` }));
    if (points.length <= 120) {
      for (const p of points) {
        if ((p[2] || 1) === tier) root.append(svg("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 2.4, class: `dot t${tier}` }));
      }
    }
  }
  host.append(root);
}
