// The engine's Web Worker: loads Pyodide and the clysm wheel, then runs Lisp for the page so the page never
// freezes. All work happens in the Python glue (playground.py, a PlaygroundSession); this file only moves JSON
// strings between the page and Python and reports load progress; the start-up it shares with the Benchmarks
// page's worker is in worker-boot.js. The page ends a runaway program by terminating this worker and starting a
// new one.
import { BUILD, JSPI, post, serve, started, startPython } from "./worker-boot.js";

// Sizes are only for the progress bar before the first response tells the real Content-Length.
const TRACKED = {
  "pyodide.asm.wasm": 9.6e6,
  "python_stdlib.zip": 2.5e6,
  "pyodide.asm.mjs": 1.25e6,
  [BUILD.wheel]: 0.2e6,
};
const loaded = Object.fromEntries(Object.keys(TRACKED).map((k) => [k, 0]));
const totals = { ...TRACKED };

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

let session = null; // the PlaygroundSession (a PyProxy)

async function boot() {
  progress("download", "pyodide");
  const pyodide = await startPython({ "clysm_playground.py": BUILD.glue }, progress);
  progress("clysm", "loading clysm");
  const mod = pyodide.pyimport("clysm_playground");
  progress("session", "starting a session");
  session = mod.PlaygroundSession.callKwargs({ post: (text) => post({ type: "live", data: text }) });
  const info = JSON.parse(session.info());
  stages.ready = Math.round(performance.now() - started);
  info.jspi = JSPI;
  post({ type: "ready", ms: performance.now() - started, info, build: BUILD, stages });
}

// Requests: {id, op: "run"|"eval"|"wat"|"watch", ...}. Replies: {type: "reply", id, data (JSON text)}.
serve(boot, async (req) => {
  if (req.op === "run") {
    return JSPI ? await session.run.callPromising(req.code, req.threshold, req.mode, req.watch || "")
      : session.run(req.code, req.threshold, req.mode, req.watch || "");
  }
  if (req.op === "eval") return JSPI ? await session.eval_repl.callPromising(req.code) : session.eval_repl(req.code);
  if (req.op === "wat") return session.wat(req.name);
  if (req.op === "watch") return session.watch(req.name || "");
  throw new Error(`unknown request ${req.op}`);
});
