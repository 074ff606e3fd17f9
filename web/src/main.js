// The playground page: wires the editor, the engine worker, the output pane and REPL, the tier view, chart and
// WAT view, the controls, examples, share links and the theme, and exposes `window.clysm` for tests and embedding.
// Everything a program prints or a link carries is put into the page as text (textContent), never as HTML.
import { renderChart } from "./chart.js";
import { $, formatCount, formatMs, h } from "./dom.js";
import { createEditor } from "./editor.js";
import { EngineClient, EngineStopped } from "./engine-client.js";
import { EXAMPLES, exampleById } from "./examples.js";
import { decodeShare, encodeShare, LONG_URL } from "./share.js";
import { TierView } from "./tierview.js";

const BUILD = JSON.parse(__CLYSM_BUILD__);
const STORE_CODE = "clysm.code";
const STORE_THEME = "clysm.theme";
const MAX_OUTPUT = 1_000_000; // characters of printed output kept in the page

// Record CSP violations so tests (and curious users) can see that the policy holds without breaking the page.
const cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});

function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage may be disabled: the feature just does not persist */
  }
}

function load(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// ---- theme -----------------------------------------------------------------------------------------------
const THEMES = ["auto", "dark", "light"];
const THEME_LABEL = { auto: "Auto", dark: "Dark", light: "Light" };

function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === "auto") delete root.dataset.theme;
  else root.dataset.theme = theme;
  $("theme-label").textContent = THEME_LABEL[theme];
  $("theme").dataset.mode = theme;
  $("theme").setAttribute("aria-label",
    theme === "auto" ? "Colour theme: follow the system (click for dark)" : `Colour theme: ${theme} (click to change)`);
}

let theme = THEMES.includes(load(STORE_THEME)) ? load(STORE_THEME) : "auto";
applyTheme(theme);
$("theme").addEventListener("click", () => {
  theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  store(STORE_THEME, theme === "auto" ? null : theme);
  applyTheme(theme);
});

// ---- toast -------------------------------------------------------------------------------------------------
let toastTimer = 0;
function toast(message, { kind = "info", ms = 4000, extra = null } = {}) {
  const el = $("toast");
  el.replaceChildren(h("span", {}, message), extra);
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(toastTimer);
  if (ms) toastTimer = setTimeout(() => (el.hidden = true), ms);
}

// ---- editor and controls ---------------------------------------------------------------------------------
const thresholdInput = $("threshold");
const modeSelect = $("mode");
const runButton = $("run");
const stopButton = $("stop");
const replInput = $("repl-input");
const output = $("output");

const examplesSelect = $("examples");
let suppressHashClear = false;
let saveTimer = 0;
const editor = createEditor($("editor"), {
  onRun: () => runFromUi(),
  onChange: (text) => {
    const chosen = exampleById(examplesSelect.value);
    if (chosen && chosen.code !== text) examplesSelect.value = "";
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => store(STORE_CODE, text), 300);
    if (!suppressHashClear && location.hash) history.replaceState(null, "", location.pathname + location.search);
  },
});

function setCode(text) {
  suppressHashClear = true;
  try {
    editor.setCode(String(text));
  } finally {
    suppressHashClear = false;
  }
  store(STORE_CODE, String(text));
}

function threshold() {
  const n = Number.parseInt(thresholdInput.value, 10);
  return Number.isFinite(n) && n >= 1 ? n : 10;
}

for (const ex of EXAMPLES) examplesSelect.append(h("option", { value: ex.id }, ex.title));
examplesSelect.addEventListener("change", () => {
  const ex = exampleById(examplesSelect.value);
  if (!ex) return;
  setCode(ex.code);
  history.replaceState(null, "", `#example=${ex.id}`);
  editor.focus();
});

// ---- status bar --------------------------------------------------------------------------------------------
const statusEl = $("status");
const statusText = $("status-text");
const loadBar = $("load-bar");
const STAGE_BASE = { download: 0, python: 0.75, clysm: 0.9 };

function setStatus(state, text, fraction) {
  statusEl.dataset.state = state;
  statusText.textContent = text;
  if (fraction !== undefined) loadBar.style.width = `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

// ---- engine ------------------------------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
const client = new EngineClient(`worker.js?v=${BUILD.build}${params.get("jspi") === "0" ? "&jspi=0" : ""}`,
  { ticks: params.get("ticks") !== "0" });
let engineInfo = null;
let bootStages = null;
let readyMs = null;
let firstReady = null;
const firstReadyPromise = new Promise((resolve) => (firstReady = resolve));

client.addEventListener("starting", () => {
  setStatus("loading", client.generation > 1 ? "Restarting the engine…" : "Loading the Python runtime…", 0.02);
  replInput.disabled = true;
});
client.addEventListener("progress", (e) => {
  const p = e.detail;
  if (p.stage === "download") {
    const frac = p.total ? p.loaded / p.total : 0;
    setStatus("loading", `Downloading the runtime… ${(p.loaded / 1e6).toFixed(1)} / ${(p.total / 1e6).toFixed(1)} MB`,
      frac * STAGE_BASE.python);
  } else if (p.stage === "python") {
    setStatus("loading", "Starting Python…", STAGE_BASE.python);
  } else if (p.stage === "clysm") {
    setStatus("loading", "Loading clysm…", STAGE_BASE.clysm);
  }
});
client.addEventListener("ready", (e) => {
  const info = e.detail.info;
  engineInfo = info;
  bootStages = { workerCreatedAt: Math.round(client.startedAt), ...e.detail.stages };
  const took = e.detail.pageMs - (client.generation > 1 ? client.startedAt : 0);
  if (readyMs === null) readyMs = e.detail.pageMs; // performance.now() counts from the navigation
  const tier2 = info.tier2 ? "Tier 2: WebAssembly GC" : `Tier 2 unavailable (${info.tier2_reason || "no backend"})`;
  setStatus("ready", `Ready in ${(took / 1000).toFixed(1)} s`, 1);
  $("versions").textContent =
    `clysm ${info.clysm} · Python ${info.python} · Pyodide ${BUILD.pyodide} · ${tier2}`;
  replInput.disabled = false;
  firstReady(true);
});
client.addEventListener("fatal", (e) => {
  setStatus("error", `The engine could not start: ${e.detail.message}`, 0);
});
client.addEventListener("live", (e) => applyLive(e.detail));

// ---- output ------------------------------------------------------------------------------------------------
let currentEntry = null;

function clearOutput() {
  output.replaceChildren();
  currentEntry = null;
}

function newEntry(kind, label) {
  output.querySelector(".placeholder")?.remove();
  const entry = {
    el: h("div", { class: `entry ${kind}` }),
    stdout: h("pre", { class: "stdout", "data-test-id": "stdout" }),
    printed: 0,
  };
  if (label) entry.el.append(h("div", { class: "entry-label" }, label));
  entry.el.append(entry.stdout);
  entry.stdout.hidden = true;
  output.append(entry.el);
  return entry;
}

function appendStdout(entry, text) {
  if (!text) return;
  entry.stdout.hidden = false;
  const room = MAX_OUTPUT - entry.printed;
  if (room <= 0) return;
  const chunk = text.length > room ? `${text.slice(0, room)}\n… (output truncated)` : text;
  entry.printed += text.length;
  entry.stdout.append(document.createTextNode(chunk));
  scrollOutput();
}

function setStdout(entry, text) {
  entry.stdout.replaceChildren();
  entry.printed = 0;
  entry.stdout.hidden = true;
  appendStdout(entry, text);
}

function scrollOutput() {
  output.scrollTop = output.scrollHeight;
}

function finishEntry(entry, result) {
  if (typeof result.stdout === "string") setStdout(entry, result.stdout);
  if (result.error) {
    const err = result.error;
    const reader = err.type === "READER-ERROR";
    const bits = [];
    if (err.function) bits.push(`in ${err.function}`);
    if (err.line) bits.push(reader ? `line ${err.line}, column ${err.column}` : `form at line ${err.line}`);
    const where = bits.length ? ` (${bits.join(", ")})` : "";
    // a reader error's message starts with its place ("editor.lisp:2:8: "), which `where` already says
    const message = reader && err.line ? err.message.replace(/^\S*:\d+:\d+: /, "") : err.message;
    entry.el.append(h("div", { class: "error", "data-test-id": "error", role: "alert" },
      h("span", { class: "error-type" }, err.type || "ERROR"), h("span", { class: "error-message" }, `${message}${where}`)));
  } else if (result.value !== undefined && result.value !== null) {
    entry.el.append(h("div", { class: "value", "data-test-id": "value" }, h("span", { class: "arrow", "aria-hidden": "true" }, "⇒ "),
      h("span", { class: "value-text" }, result.value)));
  }
  scrollOutput();
}

// ---- tier view, chart, WAT -----------------------------------------------------------------------------------
const tierView = new TierView({
  table: $("tier-table"),
  body: $("tier-rows"),
  empty: $("tier-empty"),
  summary: $("tier-summary"),
  timeline: $("timeline"),
  onSelect: (name) => selectFunction(name, { focusWat: false }),
});
const chartSelect = $("chart-fn");
const watSelect = $("wat-fn");
let lastFunctions = {};
let chartSeries = null;
let watchName = ""; // the function the user picked for the chart; kept across runs

function syncPickers(functions) {
  const names = Object.keys(functions);
  const current = [...chartSelect.options].map((o) => o.value).filter(Boolean);
  if (names.join("\n") !== current.join("\n") || !chartSelect.options.length) { // (at start: no placeholder yet)
    const keep = chartSelect.value;
    chartSelect.replaceChildren(...(names.length ? names.map((n) => h("option", { value: n }, n))
      : [h("option", { value: "" }, "No functions")]));
    if (names.includes(keep)) chartSelect.value = keep;
  }
  chartSelect.disabled = names.length === 0;
  const promoted = names.filter((n) => functions[n].tier === 2 && functions[n].has_wat !== false);
  const wcur = [...watSelect.options].map((o) => o.value).filter(Boolean);
  if (promoted.join("\n") !== wcur.join("\n") || !watSelect.options.length) {
    const keep = watSelect.value;
    watSelect.replaceChildren(...(promoted.length ? promoted.map((n) => h("option", { value: n }, n))
      : [h("option", { value: "" }, "No promoted functions")]));
    if (promoted.includes(keep)) watSelect.value = keep;
  }
  watSelect.disabled = promoted.length === 0;
}

function applySnapshot(snap) {
  if (snap.functions) {
    lastFunctions = snap.functions;
    tierView.update({ functions: snap.functions, events: snap.events || [], threshold: snap.threshold, mode: snap.mode });
    syncPickers(snap.functions);
  }
  if (snap.series !== undefined) {
    chartSeries = snap.series;
    if (chartSeries && chartSeries.name && chartSelect.value !== chartSeries.name) chartSelect.value = chartSeries.name;
    tierView.select(chartSelect.value);
    renderChart($("chart"), chartSeries);
  }
}

function applyLive(snap) {
  if (!running) return;
  applySnapshot(snap);
  if (snap.stdout && currentEntry) appendStdout(currentEntry, snap.stdout);
  if (snap.elapsed_ms !== undefined) $("run-info").textContent = `running… ${formatMs(snap.elapsed_ms)}`;
}

async function selectFunction(name, { focusWat = false } = {}) {
  if (!name) return;
  chartSelect.value = name;
  watchName = name;
  tierView.select(name);
  try {
    await client.ready;
    applySnapshot(await client.request("watch", { name })); // answered after a running program ends
    if (lastFunctions[name] && lastFunctions[name].tier === 2) {
      watSelect.value = name;
      await showWat(name);
      if (focusWat) $("wat").focus();
    }
  } catch {
    /* engine restarted: nothing to show */
  }
}

chartSelect.addEventListener("change", () => selectFunction(chartSelect.value));
watSelect.addEventListener("change", () => showWat(watSelect.value));

// The module starts with the ABI's types and imports, the same in every module: open the view at the function
// itself (its `(func $NAME` line; the WAT printer keeps plain Lisp names as they are), the rest is a scroll away.
function scrollToFunction(pre, name) {
  const text = pre.textContent;
  let at = text.indexOf(`(func $${name} `);
  if (at < 0) at = text.indexOf("(func $");
  if (at < 0) return;
  const line = text.slice(0, at).split("\n").length - 1;
  const lineHeight = parseFloat(getComputedStyle(pre).lineHeight) || 18;
  pre.scrollTop = Math.max(0, line - 1) * lineHeight;
}

async function showWat(name) {
  const pre = $("wat");
  if (!name) return;
  if (running) return;
  try {
    const data = await client.request("wat", { name });
    pre.replaceChildren();
    pre.textContent = data.text || data.error || "";
    pre.dataset.fn = name;
    $("wat-info").textContent = data.bytes ? `${formatCount(data.bytes)} bytes` : "";
    scrollToFunction(pre, name);
  } catch {
    /* worker restarted */
  }
}

// ---- running -----------------------------------------------------------------------------------------------
let running = null; // {kind, started}
let chain = Promise.resolve();

function setRunning(kind) {
  running = kind ? { kind, started: performance.now() } : null;
  document.body.classList.toggle("is-running", Boolean(kind));
  runButton.disabled = Boolean(kind);
  stopButton.disabled = !kind;
  replInput.disabled = Boolean(kind) || !client.readyInfo;
  runButton.textContent = kind === "run" ? "Running…" : "Run";
}

function serialize(task) {
  const next = chain.then(task, task);
  chain = next.catch(() => {});
  return next;
}

function stoppedResult(err) {
  return { value: null, stdout: "", error: { type: "STOPPED", message: err.message }, functions: lastFunctions, events: [] };
}

/** Run `code` in a fresh session with the given settings; updates the page; resolves with the result. */
function runProgram(code, { threshold: th, mode } = {}) {
  return serialize(async () => {
    if (th !== undefined) thresholdInput.value = String(th);
    if (mode !== undefined && ["auto", "1", "2"].includes(mode)) modeSelect.value = mode;
    const settings = { threshold: threshold(), mode: modeSelect.value };
    editor.clearError();
    clearOutput();
    tierView.clear();
    renderChart($("chart"), null);
    lastFunctions = {};
    syncPickers({});
    $("wat").replaceChildren(h("span", { class: "placeholder" }, "The module of a promoted function appears here as WebAssembly text (WAT)."));
    $("wat-info").textContent = "";
    setRunning("run");
    currentEntry = newEntry("run");
    $("run-info").textContent = client.readyInfo ? "running…" : "waiting for the engine…";
    let result;
    try {
      await client.ready;
      $("run-info").textContent = "running…";
      result = await client.request("run", { code: String(code), ...settings, watch: watchName });
    } catch (err) {
      const took = performance.now() - (running ? running.started : performance.now());
      setRunning(null);
      const stopped = err instanceof EngineStopped && err.message === "stopped";
      const text = stopped
        ? `Stopped after ${formatMs(took)}. The engine is restarting; your code is still in the editor.`
        : `The engine failed (${err.message}); it is restarting.`;
      currentEntry.el.append(h("div", { class: stopped ? "notice stopped" : "error",
        "data-test-id": stopped ? "stopped" : "error" }, text));
      $("run-info").textContent = stopped ? "stopped" : "failed";
      return stoppedResult(err);
    }
    const took = performance.now() - running.started;
    setRunning(null);
    applySnapshot(result);
    if (result.error && result.error.type === "INTERRUPTED") {
      setStdout(currentEntry, result.stdout || "");
      currentEntry.el.append(h("div", { class: "notice stopped", "data-test-id": "stopped" },
        `Stopped after ${formatMs(took)}. The session is kept: the REPL below still knows your definitions.`));
      $("run-info").textContent = "stopped";
      return publicResult(result);
    }
    finishEntry(currentEntry, result);
    $("run-info").textContent = `${formatMs(result.elapsed_ms)} · ${settings.mode === "1" ? "Tier 1 only" : settings.mode === "2" ? "Tier 2 from the start" : `threshold ${settings.threshold}`}`;
    if (result.error && result.error.line && String(code) === editor.getCode()) {
      editor.markError(result.error.line, result.error.column, { exact: result.error.type === "READER-ERROR" });
    }
    const promoted = Object.keys(result.functions || {}).filter((n) => result.functions[n].tier === 2);
    if (promoted.length) {
      const pick = promoted.includes(watSelect.value) ? watSelect.value : promoted[0];
      watSelect.value = pick;
      await showWat(pick);
    }
    return publicResult(result);
  });
}

function publicResult(r) {
  return { value: r.value, stdout: r.stdout, error: r.error, functions: r.functions, events: r.events,
    elapsed_ms: r.elapsed_ms, series: r.series };
}

function runFromUi() {
  if (running) return;
  runProgram(editor.getCode()).catch(() => {});
}

function evalRepl(text) {
  return serialize(async () => {
    const entry = newEntry("repl", `CL-USER> ${text}`);
    setRunning("eval");
    try {
      await client.ready;
      currentEntry = entry;
      const result = await client.request("eval", { code: text });
      setRunning(null);
      applySnapshot(result);
      finishEntry(entry, result);
      return publicResult(result);
    } catch (err) {
      setRunning(null);
      entry.el.append(h("div", { class: "notice stopped", "data-test-id": "stopped" }, err.message));
      return stoppedResult(err);
    } finally {
      replInput.focus();
    }
  });
}

let lastStop = null; // {how, ms}: how the last Stop ended the program and how long it took (for tests)

function stop() {
  if (!running) return;
  const asked = performance.now();
  stopButton.disabled = true;
  stopButton.textContent = "Stopping…";
  client.stop().then((how) => {
    lastStop = { how, ms: performance.now() - asked };
  }).finally(() => {
    stopButton.textContent = "Stop";
  });
}

runButton.addEventListener("click", runFromUi);
stopButton.addEventListener("click", stop);
$("clear").addEventListener("click", clearOutput);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && running) {
    e.preventDefault();
    stop();
  }
});

const replHistory = [];
let replIndex = 0;
$("repl").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = replInput.value.trim();
  if (!text || running) return;
  replHistory.push(text);
  replIndex = replHistory.length;
  replInput.value = "";
  evalRepl(text);
});
replInput.addEventListener("keydown", (e) => {
  if (e.key === "ArrowUp" && replIndex > 0) {
    replInput.value = replHistory[--replIndex];
    e.preventDefault();
  } else if (e.key === "ArrowDown" && replIndex < replHistory.length) {
    replIndex++;
    replInput.value = replHistory[replIndex] ?? "";
    e.preventDefault();
  }
});

// ---- share links and the URL fragment ----------------------------------------------------------------------
async function shareUrl() {
  const fragment = await encodeShare({ code: editor.getCode(), threshold: threshold(), mode: modeSelect.value });
  return `${location.origin}${location.pathname}#${fragment}`;
}

$("share").addEventListener("click", async () => {
  const url = await shareUrl();
  history.replaceState(null, "", url);
  const long = url.length > LONG_URL;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  const field = h("input", { class: "share-field", "data-test-id": "share-url", readonly: true, value: url, "aria-label": "Share link" });
  const msg = `${copied ? "Link copied" : "Copy this link"} (${formatCount(url.length)} characters).` +
    (long ? ` It is long: some apps cut links over ${formatCount(LONG_URL)} characters.` : "");
  toast(msg, { kind: long ? "warn" : "info", ms: copied && !long ? 4000 : 12000, extra: field });
  if (!copied) {
    field.focus();
    field.select();
  }
});

async function applyFragment() {
  const frag = location.hash.slice(1);
  if (frag.startsWith("example=")) {
    const ex = exampleById(decodeURIComponent(frag.slice(8)));
    if (ex) {
      setCode(ex.code);
      examplesSelect.value = ex.id;
      return true;
    }
    toast("Unknown example in the link.", { kind: "warn" });
    return false;
  }
  if (frag.startsWith("s=")) {
    try {
      const shared = await decodeShare(frag);
      setCode(shared.code);
      thresholdInput.value = String(shared.threshold);
      modeSelect.value = shared.mode;
      examplesSelect.value = "";
      toast("Shared program loaded. Press Run to evaluate it.");
      return true;
    } catch (err) {
      toast(`This share link is damaged (${err.message}).`, { kind: "warn" });
      return false;
    }
  }
  return false;
}

window.addEventListener("hashchange", () => applyFragment());

// ---- start -------------------------------------------------------------------------------------------------
const initial = applyFragment().then((applied) => {
  if (!applied) {
    const saved = load(STORE_CODE);
    const fallback = exampleById("fib");
    setCode(saved !== null && saved.trim() ? saved : fallback.code);
    if (saved === null) examplesSelect.value = "fib";
  }
});
renderChart($("chart"), null);
syncPickers({});

window.clysm = {
  get ready() {
    return initial.then(() => client.ready).then(() => true);
  },
  run: (code, options = {}) => runProgram(code, options),
  eval: (code) => evalRepl(code),
  setCode: (text) => setCode(text),
  getCode: () => editor.getCode(),
  shareUrl,
  stop,
  get running() {
    return Boolean(running);
  },
  get lastStop() {
    return lastStop;
  },
  get readyMs() {
    return readyMs;
  },
  get info() {
    return engineInfo;
  },
  get bootStages() {
    return bootStages;
  },
  cspViolations,
  build: BUILD,
  firstReady: firstReadyPromise,
};
