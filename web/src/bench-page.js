// The Benchmarks page: runs bench/programs (copied into the site by scripts/build-site) in the bench worker
// (bench-worker.js: Pyodide + clysm, and the hand-written JS versions), one measurement per request, so the page
// stays responsive; fills the table as results arrive, checks every value, draws the ratios Tier 1 / Tier 2 and
// Tier 2 / JS as a log-scale SVG bar chart, and offers the results as Markdown. URL options: ?quick=1 (quick
// sizes, the default) or ?full=1, ?only=fib,tak (a subset), ?autorun=1. `window.clysmBench` is for tests.
import { $, formatMs, h, svg } from "./dom.js";
import { EngineClient, EngineStopped } from "./engine-client.js";

const BUILD = JSON.parse(__CLYSM_BUILD__);
const params = new URL(location.href).searchParams;
const STEPS = [
  ["tier1", "Tier 1"],
  ["tier2", "Tier 2"],
  ["js", "JavaScript"],
];

const cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});

// Theme: the playground's choice (stored by main.js) is honoured; there is no toggle on this page.
try {
  const theme = localStorage.getItem("clysm.theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
} catch {
  /* storage disabled: follow the system */
}

// ---- state --------------------------------------------------------------------------------------------------
const state = {
  manifest: null, // {name: {size, quick, kind, check}}
  names: [],
  results: {}, // name -> {size, check, tier1, tier2, js}
  scheme: params.get("full") === "1" ? "full" : "quick",
  running: false,
  current: null, // the Promise of the run under way
  outcome: null, // "done" | "failed" | "stopped" | "error" for the last run
  stopping: false,
  finished: null, // ISO date of the last completed run
  info: null,
  browser: browserName(),
};

function browserName() {
  const ua = navigator.userAgent;
  const brands = navigator.userAgentData && navigator.userAgentData.brands;
  let m = ua.match(/Firefox\/([\d.]+)/);
  if (m) return `Firefox ${m[1]}`;
  m = ua.match(/Edg\/([\d.]+)/);
  if (m) return `Edge ${m[1]}`;
  m = ua.match(/(HeadlessChrome|Chromium|Chrome)\/([\d.]+)/);
  if (m) {
    const brand = brands && brands.find((b) => /Chromium|Chrome/.test(b.brand) && !/Not/.test(b.brand));
    return `${m[1] === "HeadlessChrome" ? "Chromium (headless)" : brand ? brand.brand : m[1]} ${m[2]}`;
  }
  m = ua.match(/Version\/([\d.]+).*Safari/);
  if (m) return `Safari ${m[1]}`;
  return ua;
}

// ---- status -------------------------------------------------------------------------------------------------
function setStatus(kind, text, fraction) {
  const el = $("bench-status");
  el.dataset.state = kind;
  $("bench-status-text").textContent = text;
  if (fraction !== undefined) $("bench-bar").style.width = `${Math.max(2, Math.min(100, fraction * 100))}%`;
}

// ---- the table ----------------------------------------------------------------------------------------------
function sizeOf(name) {
  const entry = state.manifest[name];
  return state.scheme === "full" ? entry.size : entry.quick;
}

function fmt(ms) {
  return ms === undefined || ms === null ? "—" : formatMs(ms);
}

function ratio(a, b) {
  return a && b && a > 0 && b > 0 ? a / b : null;
}

function fmtRatio(r) {
  if (r === null) return "—";
  if (r >= 100) return `${r.toFixed(0)}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(2)}×`;
}

function ratios(res) {
  const t1 = res.tier1 && res.tier1.steady_ms;
  const t2 = res.tier2 && res.tier2.steady_ms;
  const js = res.js && res.js.steady_ms;
  return { t1t2: ratio(t1, t2), t2js: ratio(t2, js) };
}

function checkCell(res) {
  const steps = STEPS.map(([key]) => res[key]).filter(Boolean);
  if (!steps.length) return h("td", { class: "check", "data-check": "pending" }, res.check);
  const failed = steps.filter((s) => s.error);
  const verified = steps.filter((s) => s.ok).length;
  const all = verified === STEPS.length;
  const title = failed.length ? failed.map((s) => s.error).join("\n")
    : `${verified} of ${STEPS.length} measurements returned ${res.check} (SBCL's answer)`;
  return h("td", { class: `check ${failed.length ? "bad" : all ? "good" : ""}`, title,
    "data-check": failed.length ? "failed" : all ? "verified" : "partial" },
  `${res.check} ${failed.length ? "✗" : all ? "✓" : "…"}`);
}

function timeCell(step, key, label) {
  if (!step) return h("td", { class: "num" }, "—");
  if (step.error) return h("td", { class: "num bad", title: step.error }, "error");
  const title = `${label}: first run ${fmt(step.first_ms)}, median of ${step.samples_ms.length} samples` +
    (step.k > 1 ? ` of ${step.k} runs` : "");
  return h("td", { class: "num", title, "data-ms": key === "first" ? step.first_with_compile_ms : step.steady_ms },
    fmt(key === "first" ? step.first_with_compile_ms : step.steady_ms));
}

function renderRow(name) {
  const res = state.results[name] || { size: sizeOf(name), check: state.manifest[name].check[String(sizeOf(name))] };
  const r = ratios(res);
  const row = h("tr", { "data-test-id": `bench-row-${name}`, "data-state": res.state || "waiting" },
    h("th", { scope: "row" }, name),
    h("td", { class: "num" }, String(res.size)),
    checkCell(res),
    timeCell(res.tier1, "steady", "Tier 1"),
    timeCell(res.tier2, "first", "Tier 2 load + compile + first run"),
    timeCell(res.tier2, "steady", "Tier 2"),
    timeCell(res.js, "steady", "JavaScript"),
    h("td", { class: `num ratio${r.t1t2 === null ? " none" : ""}` }, fmtRatio(r.t1t2)),
    h("td", { class: `num ratio${r.t2js === null ? " none" : ""}` }, fmtRatio(r.t2js)));
  const old = document.querySelector(`[data-test-id="bench-row-${name}"]`);
  if (old) old.replaceWith(row);
  else $("bench-rows").append(row);
}

function renderTable() {
  $("bench-rows").replaceChildren();
  for (const name of state.names) renderRow(name);
}

// ---- the chart: horizontal bars from 1× on a log axis ---------------------------------------------------------
const SERIES = [
  { key: "t1t2", label: "Tier 1 / Tier 2", cls: "bar-t1t2" },
  { key: "t2js", label: "Tier 2 / JS", cls: "bar-t2js" },
];

function renderChart() {
  const host = $("bench-chart");
  host.replaceChildren();
  const rows = state.names.map((name) => ({ name, r: state.results[name] ? ratios(state.results[name]) : {} }));
  const values = rows.flatMap((row) => SERIES.map((s) => row.r[s.key])).filter((v) => v);
  host.dataset.bars = String(values.length);
  if (!values.length) {
    host.append(h("p", { class: "chart-empty" }, "Press Run: each program's ratios appear here as it finishes."));
    return;
  }
  const lo = Math.min(0.5, ...values) / 1.3;
  const hi = Math.max(2, ...values) * 1.3;
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const W = 720;
  const PAD = { l: 92, r: 56, t: 26, b: 10 };
  const BAR = 9;
  const GROUP = SERIES.length * BAR + 8;
  const H = PAD.t + rows.length * GROUP + PAD.b;
  const sx = (v) => PAD.l + ((Math.log10(v) - e0) / (e1 - e0)) * (W - PAD.l - PAD.r);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "bench-svg",
    "aria-label": "Ratios per program on a log scale: Tier 1 / Tier 2 and Tier 2 / JS" });
  // decades: grid lines and labels
  for (let e = e0; e <= e1; e++) {
    const x = sx(10 ** e);
    root.append(svg("line", { x1: x, x2: x, y1: PAD.t - 6, y2: H - PAD.b, class: e === 0 ? "axis-one" : "grid" }));
    const label = e >= 0 ? `${10 ** e}×` : `${(10 ** e).toFixed(-e)}×`;
    root.append(svg("text", { x, y: PAD.t - 10, "text-anchor": "middle", class: "tick", text: label }));
  }
  const one = sx(1);
  rows.forEach((row, i) => {
    const y0 = PAD.t + i * GROUP;
    root.append(svg("text", { x: PAD.l - 8, y: y0 + GROUP / 2, "text-anchor": "end", "dominant-baseline": "middle",
      class: "name", text: row.name }));
    SERIES.forEach((s, j) => {
      const v = row.r[s.key];
      if (!v) return;
      const x = sx(v);
      const y = y0 + 2 + j * BAR;
      const bar = svg("rect", { x: Math.min(one, x), y, width: Math.max(1, Math.abs(x - one)), height: BAR - 2,
        rx: 2, class: `bar ${s.cls}`, "data-program": row.name, "data-series": s.key, "data-ratio": v.toPrecision(4) });
      bar.append(svg("title", { text: `${row.name}: ${s.label} = ${fmtRatio(v)}` }));
      root.append(bar);
      root.append(svg("text", { x: x >= one ? x + 4 : x - 4, y: y + BAR / 2, "text-anchor": x >= one ? "start" : "end",
        "dominant-baseline": "middle", class: "value", text: fmtRatio(v) }));
    });
  });
  host.append(root);
}

// ---- Markdown -------------------------------------------------------------------------------------------------
function metaLine() {
  const info = state.info || {};
  const date = state.finished || new Date().toISOString();
  return `${state.browser} · clysm ${BUILD.clysm} · Pyodide ${BUILD.pyodide} · Python ${info.python || "?"}` +
    ` · ${state.scheme} sizes · ${date.slice(0, 16).replace("T", " ")} UTC`;
}

function markdown() {
  const lines = [`clysm benchmarks in the browser: ${metaLine()}`, "",
    "| program | size | check | Tier 1 | T2 1st+compile | T2 steady | JS steady | T1/T2 | T2/JS |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|"];
  const ms = (step, key) => (step && !step.error && step[key] !== undefined ? step[key].toPrecision(3) : "—");
  for (const name of state.names) {
    const res = state.results[name];
    if (!res) continue;
    const r = ratios(res);
    const bad = STEPS.some(([k]) => res[k] && res[k].error);
    const ok = STEPS.every(([k]) => res[k] && res[k].ok);
    lines.push(`| ${name} | ${res.size} | ${res.check} ${bad ? "✗" : ok ? "✓" : "…"} | ${ms(res.tier1, "steady_ms")} | ` +
      `${ms(res.tier2, "first_with_compile_ms")} | ${ms(res.tier2, "steady_ms")} | ${ms(res.js, "steady_ms")} | ` +
      `${fmtRatio(r.t1t2)} | ${fmtRatio(r.t2js)} |`);
  }
  lines.push("", "Times in ms per run (medians of steady-state samples; T2 1st+compile = loading the file, " +
    "which compiles every function to WebAssembly, plus the first run). Every value checked against SBCL.");
  return lines.join("\n") + "\n";
}

function refreshMarkdown() {
  $("bench-markdown").value = markdown();
  $("bench-meta").textContent = metaLine();
  $("bench-copy").disabled = !Object.keys(state.results).length;
}

$("bench-copy").addEventListener("click", async () => {
  const text = markdown();
  $("bench-markdown").value = text;
  try {
    await navigator.clipboard.writeText(text);
    $("bench-copy").textContent = "Copied";
  } catch {
    // no clipboard permission: show the text, selected, so Ctrl+C copies it
    const details = document.querySelector(".bench-md");
    details.open = true;
    $("bench-markdown").select();
    $("bench-copy").textContent = "Select and copy below";
  }
  setTimeout(() => ($("bench-copy").textContent = "Copy as Markdown"), 2000);
});

// ---- the worker and the run ---------------------------------------------------------------------------------
const jspiParam = params.get("jspi") === "0" ? "&jspi=0" : ""; // as the playground: ?jspi=0 turns JSPI off
const client = new EngineClient(`bench-worker.js?v=${BUILD.build}${jspiParam}`, { ticks: false });
client.addEventListener("progress", (e) => {
  const stage = e.detail.stage;
  const fraction = { download: 0.15, python: 0.5, clysm: 0.8, session: 0.9 }[stage] || 0.1;
  setStatus("loading", stage === "download" ? "Loading the Python runtime…" : `Starting: ${e.detail.detail}…`, fraction);
});
client.addEventListener("ready", (e) => {
  state.info = e.detail.info;
  $("versions").textContent = `clysm ${BUILD.clysm} · Pyodide ${BUILD.pyodide} · Python ${state.info.python} · ${state.browser}`;
  if (!state.running && state.outcome === "stopped") {
    setStatus("stopped", "Stopped; the engine has restarted. Run measures the suite again.", 0);
    $("bench-run").disabled = !state.manifest;
  } else if (!state.running) {
    setStatus("ready", state.info.tier2 ? "Ready. Press Run to measure the suite in this browser."
      : `Ready, but Tier 2 is unavailable here (${state.info.tier2_reason}): only Tier 1 and JS will run.`, 1);
    $("bench-run").disabled = !state.manifest;
  }
});
client.addEventListener("fatal", (e) => setStatus("error", `The engine could not start: ${e.detail.message}`));

async function fetchText(path) {
  const response = await fetch(`${path}?v=${BUILD.build}`);
  if (!response.ok) throw new Error(`cannot load ${path}: HTTP ${response.status}`);
  return response.text();
}

async function loadSuite() {
  const manifest = JSON.parse(await fetchText("bench/manifest.json")).programs;
  state.manifest = manifest;
  const only = (params.get("only") || "").split(",").map((s) => s.trim()).filter((s) => s in manifest);
  state.names = only.length ? only : Object.keys(manifest);
  renderTable();
  renderChart();
  if (client.readyInfo) $("bench-run").disabled = false;
}

function run() {
  if (state.running) return state.current;
  state.current = runSuite();
  return state.current;
}

async function runSuite() {
  state.running = true;
  state.stopping = false;
  state.outcome = null;
  state.results = {};
  state.finished = null;
  $("bench-run").disabled = true;
  $("bench-stop").disabled = false;
  $("bench-size").disabled = true;
  renderTable();
  renderChart();
  const total = state.names.length * STEPS.length;
  let done = 0;
  const t0 = performance.now();
  try {
    await client.ready;
    for (const name of state.names) {
      const size = sizeOf(name);
      const res = { size, check: state.manifest[name].check[String(size)], state: "running" };
      state.results[name] = res;
      renderRow(name);
      const text = await fetchText(`bench/${name}.lisp`);
      for (const [op, label] of STEPS) {
        if (state.stopping) throw new EngineStopped("stopped");
        setStatus("running", `Measuring ${name} (${label}) — ${done + 1} of ${total}`, done / total);
        if (op === "tier2" && state.info && !state.info.tier2) {
          res[op] = { error: "Tier 2 is not available in this browser" };
        } else {
          res[op] = await client.request(op, { name, text, size, expected: res.check, scheme: state.scheme });
        }
        done++;
        renderRow(name);
      }
      res.state = STEPS.every(([k]) => res[k].ok) ? "verified" : "failed";
      renderRow(name);
      renderChart();
      refreshMarkdown();
    }
    state.finished = new Date().toISOString();
    const failed = state.names.filter((n) => state.results[n].state !== "verified");
    state.outcome = failed.length ? "failed" : "done";
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    setStatus(failed.length ? "error" : "done", failed.length
      ? `Finished in ${secs} s; ${failed.join(", ")} did not verify (hover the ✗ for why).`
      : `Finished in ${secs} s: all ${state.names.length * STEPS.length} check values verified.`, 1);
  } catch (err) {
    if (err instanceof EngineStopped || state.stopping) {
      state.outcome = "stopped";
      setStatus("stopped", "Stopped. Run measures the suite again.", 0);
    } else {
      state.outcome = "error";
      setStatus("error", `The run failed: ${err.message}`);
    }
  } finally {
    state.running = false;
    $("bench-stop").disabled = true;
    $("bench-size").disabled = false;
    refreshMarkdown();
    renderChart();
    await client.ready.catch(() => {});
    $("bench-run").disabled = false;
  }
  return state.results;
}

$("bench-size").value = state.scheme;
$("bench-size").addEventListener("change", () => {
  state.scheme = $("bench-size").value;
  if (!state.running && state.manifest) {
    state.results = {};
    renderTable();
    renderChart();
    refreshMarkdown();
  }
});
$("bench-run").addEventListener("click", () => run());
$("bench-stop").addEventListener("click", async () => {
  state.stopping = true;
  $("bench-stop").disabled = true;
  const how = await client.stop();
  await state.current;
  state.outcome = "stopped";
  setStatus("stopped", how === "restarted" ? "Stopped; the engine is restarting. Run measures the suite again."
    : "Stopped. Run measures the suite again.", 0);
});

const suiteLoaded = loadSuite().catch((err) => setStatus("error", `Cannot load the suite: ${err.message}`));

window.clysmBench = {
  ready: Promise.all([client.ready, suiteLoaded]).then(() => true),
  run,
  markdown,
  get results() {
    return state.results;
  },
  get names() {
    return state.names;
  },
  get running() {
    return state.running;
  },
  get info() {
    return state.info;
  },
  cspViolations,
};

if (params.get("autorun") === "1") window.clysmBench.ready.then(() => run());
