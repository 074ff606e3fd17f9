// The engine's Web Worker: loads Pyodide and the clysm wheel, then runs Lisp for the page so the page never
// freezes. All work happens in the Python glue (playground.py, a PlaygroundSession); this file only moves JSON
// strings between the page and Python and reports load progress. The page ends a runaway program by terminating
// this worker and starting a new one.
const BUILD = JSON.parse(__CLYSM_BUILD__);
const PYODIDE_URL = new URL(BUILD.pyodide_dir, self.location.href).href; // pyodide/VERSION/ (cacheable for good)
// Python runs under JS Promise Integration when the engine has it (as clysm's Node host does): the stack-switched
// stack gives Chromium's workers room for the engine's own depth bound, so deep recursion is a Lisp
// STACK-EXHAUSTED error instead of a fatal "Maximum call stack size exceeded" (?jspi=0 turns it off).
const JSPI = typeof WebAssembly.Suspending === "function" &&
  new URL(self.location.href).searchParams.get("jspi") !== "0";
const started = performance.now();

// Sizes are only for the progress bar before the first response tells the real Content-Length.
const TRACKED = {
  "pyodide.asm.wasm": 9.6e6,
  "python_stdlib.zip": 2.5e6,
  "pyodide.asm.mjs": 1.25e6,
  [BUILD.wheel]: 0.2e6,
};
const loaded = Object.fromEntries(Object.keys(TRACKED).map((k) => [k, 0]));
const totals = { ...TRACKED };

function post(msg) {
  self.postMessage(msg);
}

const stages = {}; // milliseconds since the worker started, per boot stage (reported with "ready")

function progress(stage, detail) {
  if (!(stage in stages)) stages[stage] = Math.round(performance.now() - started);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const done = Object.values(loaded).reduce((a, b) => a + b, 0);
  post({ type: "progress", stage, detail: detail || "", loaded: done, total, ms: performance.now() - started });
}

// Count the bytes of the big downloads without touching the responses Pyodide uses: read a clone (a tee of
// the body), so the original stays a genuine network/cache response (streaming compile, code caching).
const realFetch = self.fetch.bind(self);
let lastProgress = 0;
self.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const url = typeof input === "string" ? input : input.url;
  const name = new URL(url, self.location.href).pathname.split("/").pop();
  if (name in TRACKED && response.ok && response.body) {
    const length = Number(response.headers.get("Content-Length"));
    if (length > 0) totals[name] = length;
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded[name] += value.byteLength;
        const now = performance.now();
        if (now - lastProgress > 100) {
          lastProgress = now;
          progress("download", name);
        }
      }
      loaded[name] = totals[name];
    })().catch(() => {});
  }
  return response;
};

async function fetchBytes(name) {
  const response = await self.fetch(`./${name}?v=${BUILD.build}`);
  if (!response.ok) throw new Error(`cannot load ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let session = null; // the PlaygroundSession (a PyProxy)
let pyodideRef = null;
let interruptBuffer = null; // shared with the page when it is cross-origin isolated (ticks and SIGINT)

async function boot() {
  progress("download", "pyodide");
  const wheelPromise = fetchBytes(BUILD.wheel);
  const gluePromise = fetchBytes(BUILD.glue);
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
  // clysm's JS host evaluates its glue with run_js (eval); the worker's CSP has no 'unsafe-eval', so the glue
  // comes precompiled (scripts/build-site turns js_host.py's _GLUE strings into host-glue.js) and the Python
  // side routes run_js through this table first.
  const glueUrl = new URL(`host-glue.js?v=${BUILD.build}`, self.location.href).href;
  const { PRECOMPILED } = await import(glueUrl);
  pyodide.registerJsModule("clysm_precompiled_js", {
    has: (source) => PRECOMPILED.has(source),
    get: (source) => PRECOMPILED.get(source)(),
  });
  const [wheel, glue] = await Promise.all([wheelPromise, gluePromise]);
  pyodide.unpackArchive(wheel, "wheel");
  pyodide.FS.writeFile("/home/pyodide/clysm_playground.py", glue);
  progress("clysm", "loading clysm");
  const mod = pyodide.pyimport("clysm_playground");
  progress("session", "starting a session");
  session = mod.PlaygroundSession.callKwargs({ post: (text) => post({ type: "live", data: text }) });
  const info = JSON.parse(session.info());
  stages.ready = Math.round(performance.now() - started);
  info.jspi = JSPI;
  post({ type: "ready", ms: performance.now() - started, info, build: BUILD, stages });
}

const booting = boot().catch((err) => {
  post({ type: "fatal", message: String(err && err.message ? err.message : err) });
  throw err;
});

// Requests: {id, op: "run"|"eval"|"wat"|"watch", ...}. Replies: {type: "reply", id, data (JSON text)}.
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
    if (req.op === "run") {
      text = JSPI ? await session.run.callPromising(req.code, req.threshold, req.mode, req.watch || "")
        : session.run(req.code, req.threshold, req.mode, req.watch || "");
    } else if (req.op === "eval") {
      text = JSPI ? await session.eval_repl.callPromising(req.code) : session.eval_repl(req.code);
    } else if (req.op === "wat") {
      text = session.wat(req.name);
    } else if (req.op === "watch") {
      text = session.watch(req.name || "");
    } else {
      throw new Error(`unknown request ${req.op}`);
    }
    post({ type: "reply", id: req.id, data: text });
  } catch (err) {
    post({ type: "reply", id: req.id, failed: String(err && err.message ? err.message : err) });
  }
};
