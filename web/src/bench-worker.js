// The Benchmarks page's Web Worker: loads Pyodide and the clysm wheel as the playground's worker does (worker-boot.js), then
// measures one benchmark step per request so the page never freezes and shows progress between steps. Lisp is
// timed by the Python side (bench.py, a BenchSession: Tier 1 and forced Tier 2); the hand-written JavaScript
// versions (bench/programs/programs.js, served as the module bench/programs.mjs, so no eval is needed) are timed
// here by a JS loop on the same engine. Speaks the protocol of engine-client.js: "progress", "ready", "reply".
import { BUILD, JSPI, errorText, post, serve, siteUrl, started, startPython } from "./worker-boot.js";

const BENCH_GLUE = "bench.py"; // web/py/clysm_bench.py, copied by scripts/build-site

function medianOf(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function progress(stage, detail) {
  post({ type: "progress", stage, detail: detail || "", loaded: 0, total: 0, ms: performance.now() - started });
}

let session = null; // the BenchSession (a PyProxy)
let programs = null; // the hand-written JS versions: {name: run(n)}

async function boot() {
  progress("download", "Python runtime");
  const pyodide = await startPython({ "clysm_playground.py": BUILD.glue, "clysm_bench.py": BENCH_GLUE }, progress);
  progress("clysm", "loading clysm");
  const mod = pyodide.pyimport("clysm_bench");
  session = mod.BenchSession();
  programs = (await import(siteUrl("bench/programs.mjs"))).default;
  const info = JSON.parse(session.info());
  info.jspi = JSPI;
  post({ type: "ready", ms: performance.now() - started, info, build: BUILD, stages: {} });
}

// ---- the hand-written JS, timed by a JS loop (bench/suite.py's scheme: cold run, warm-up, median of samples)
function timeJs(fn, n, k) {
  const t0 = performance.now();
  let v;
  for (let i = 0; i < k; i++) v = fn(n);
  return [performance.now() - t0, String(v)];
}

function measureJs(name, size, expected, t) {
  const fn = programs[name];
  if (typeof fn !== "function") return { error: `no JavaScript version of ${name}` };
  const check = (v) => {
    if (v !== expected) throw new Error(`JS: check value ${v}, expected ${expected}`);
    return v;
  };
  let [first, value] = timeJs(fn, size, 1);
  const printed = check(value);
  let spent = first;
  let est = first;
  let tWarm = 0;
  for (let n = 0; n < 2 || tWarm < t.warmup_ms; n++) {
    const [dt, v] = timeJs(fn, size, 1);
    tWarm += dt;
    est = Math.min(est, dt); // the fastest warm-up run: one GC pause must not make k tiny
    value = v;
    if (tWarm > t.budget_ms / 3) break;
  }
  spent += tWarm;
  check(value);
  // (a JS run can be faster than the timer's resolution: est 0 means "very fast", so k gets large but bounded)
  const k = Math.max(1, Math.min(1e6, Math.ceil(t.min_sample_ms / Math.max(est, 1e-3))));
  const samples = [];
  while (samples.length < t.runs && (!samples.length || spent < t.budget_ms)) {
    const [dt, v] = timeJs(fn, size, k);
    spent += dt;
    samples.push(dt / k);
    value = v;
  }
  check(value);
  return { first_ms: first, steady_ms: medianOf(samples), samples_ms: samples, k, value: printed, ok: true };
}

// Requests: {id, op: "tier1"|"tier2"|"js", name, size, expected, scheme}. Replies carry JSON text.
serve(boot, async (req) => {
  if (req.op === "tier1" || req.op === "tier2") {
    const method = session[req.op];
    const args = [req.name, req.text, req.size, req.expected, req.scheme];
    return JSPI ? await method.callPromising(...args) : method(...args);
  }
  if (req.op === "js") {
    let result;
    try {
      result = measureJs(req.name, req.size, req.expected, JSON.parse(session.timing())[req.scheme]);
    } catch (err) {
      result = { error: errorText(err) };
    }
    return JSON.stringify(result);
  }
  throw new Error(`unknown request ${req.op}`);
});
