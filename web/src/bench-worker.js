// The Benchmarks page's Web Worker: loads Pyodide and the clysm wheel the way the playground's worker does, then
// measures one benchmark step per request so the page never freezes and shows progress between steps. Lisp is
// timed by the Python side (bench.py, a BenchSession: Tier 1 and forced Tier 2); the hand-written JavaScript
// versions (bench/programs/programs.js, served as the module bench/programs.mjs, so no eval is needed) are timed
// here by a JS loop on the same engine. Speaks the protocol of engine-client.js: "progress", "ready", "reply".
const BUILD = JSON.parse(__CLYSM_BUILD__);
const PYODIDE_URL = new URL(BUILD.pyodide_dir, self.location.href).href;
// Python under JS Promise Integration when the engine has it (as the playground's worker): room for deep recursion.
const JSPI = typeof WebAssembly.Suspending === "function" &&
  new URL(self.location.href).searchParams.get("jspi") !== "0";
const started = performance.now();
const BENCH_GLUE = "bench.py"; // web/py/clysm_bench.py, copied by scripts/build-site

function medianOf(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function post(msg) {
  self.postMessage(msg);
}

function progress(stage, detail) {
  post({ type: "progress", stage, detail: detail || "", loaded: 0, total: 0, ms: performance.now() - started });
}

async function fetchBytes(name) {
  const response = await fetch(`./${name}?v=${BUILD.build}`);
  if (!response.ok) throw new Error(`cannot load ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let session = null; // the BenchSession (a PyProxy)
let pyodideRef = null;
let interruptBuffer = null;
let programs = null; // the hand-written JS versions: {name: run(n)}

async function boot() {
  progress("download", "Python runtime");
  const files = Promise.all([fetchBytes(BUILD.wheel), fetchBytes(BUILD.glue), fetchBytes(BENCH_GLUE)]);
  const { loadPyodide } = await import(`${PYODIDE_URL}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_URL,
    fullStdLib: false,
    stdout: (line) => post({ type: "log", stream: "stdout", text: line }),
    stderr: (line) => post({ type: "log", stream: "stderr", text: line }),
  });
  pyodideRef = pyodide;
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  progress("python", "Python started");
  // clysm's JS host would eval its glue; it comes precompiled (see scripts/build-site and worker.js)
  const { PRECOMPILED } = await import(new URL(`host-glue.js?v=${BUILD.build}`, self.location.href).href);
  pyodide.registerJsModule("clysm_precompiled_js", {
    has: (source) => PRECOMPILED.has(source),
    get: (source) => PRECOMPILED.get(source)(),
  });
  const [wheel, glue, benchGlue] = await files;
  pyodide.unpackArchive(wheel, "wheel");
  pyodide.FS.writeFile("/home/pyodide/clysm_playground.py", glue);
  pyodide.FS.writeFile("/home/pyodide/clysm_bench.py", benchGlue);
  progress("clysm", "loading clysm");
  const mod = pyodide.pyimport("clysm_bench");
  session = mod.BenchSession();
  programs = (await import(new URL(`bench/programs.mjs?v=${BUILD.build}`, self.location.href).href)).default;
  const info = JSON.parse(session.info());
  info.jspi = JSPI;
  post({ type: "ready", ms: performance.now() - started, info, build: BUILD, stages: {} });
}

const booting = boot().catch((err) => {
  post({ type: "fatal", message: String(err && err.message ? err.message : err) });
  throw err;
});

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
self.onmessage = async (event) => {
  const req = event.data;
  if (req.op === "init") {
    interruptBuffer = req.interrupt || null;
    if (interruptBuffer && pyodideRef) pyodideRef.setInterruptBuffer(interruptBuffer);
    return;
  }
  try {
    await booting;
    let text;
    if (req.op === "tier1" || req.op === "tier2") {
      const method = session[req.op];
      const args = [req.name, req.text, req.size, req.expected, req.scheme];
      text = JSPI ? await method.callPromising(...args) : method(...args);
    } else if (req.op === "js") {
      let result;
      try {
        result = measureJs(req.name, req.size, req.expected, JSON.parse(session.timing())[req.scheme]);
      } catch (err) {
        result = { error: String(err && err.message ? err.message : err) };
      }
      text = JSON.stringify(result);
    } else {
      throw new Error(`unknown request ${req.op}`);
    }
    post({ type: "reply", id: req.id, data: text });
  } catch (err) {
    post({ type: "reply", id: req.id, failed: String(err && err.message ? err.message : err) });
  }
};
