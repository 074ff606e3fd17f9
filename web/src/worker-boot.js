// Start-up shared by the engine's Web Workers (the playground's worker.js and the Benchmarks page's
// bench-worker.js; esbuild bundles it into each): the build manifest, loading Pyodide and the clysm wheel with the
// precompiled host glue and the Python glue files, the interrupt buffer the page may share, and the request loop
// of engine-client.js's protocol ("init" first, then requests answered with {type: "reply", id, data | failed}).
export const BUILD = JSON.parse(__CLYSM_BUILD__);
export const PYODIDE_URL = new URL(BUILD.pyodide_dir, self.location.href).href; // pyodide/VERSION/ (cacheable for good)
// Python runs under JS Promise Integration when the engine has it (as clysm's Node host does): the stack-switched
// stack gives Chromium's workers room for the engine's own depth bound, so deep recursion is a Lisp
// STACK-EXHAUSTED error instead of a fatal "Maximum call stack size exceeded" (?jspi=0 turns it off).
export const JSPI = typeof WebAssembly.Suspending === "function" &&
  new URL(self.location.href).searchParams.get("jspi") !== "0";
export const started = performance.now();

export function post(msg) {
  self.postMessage(msg);
}

export function errorText(err) {
  return String(err && err.message ? err.message : err);
}

/** The URL of a file of this build (every URL carries the build id). */
export function siteUrl(name) {
  return new URL(`${name}?v=${BUILD.build}`, self.location.href).href;
}

/** A file of this build as bytes (through self.fetch as it is when called, so a counting wrapper sees it). */
export async function fetchBytes(name) {
  const response = await self.fetch(`./${name}?v=${BUILD.build}`);
  if (!response.ok) throw new Error(`cannot load ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const state = { pyodide: null, interrupt: null }; // set by startPython and the page's "init" message

/**
 * Start Python with clysm: Pyodide from PYODIDE_URL, the wheel unpacked, `glue` ({file name in /home/pyodide:
 * site file}) written next to it. `progress(stage, detail)` hears "python" once the interpreter runs.
 * Returns the pyodide object.
 */
export async function startPython(glue, progress) {
  const names = Object.keys(glue);
  const files = Promise.all([fetchBytes(BUILD.wheel), ...names.map((n) => fetchBytes(glue[n]))]);
  const { loadPyodide } = await import(`${PYODIDE_URL}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_URL,
    fullStdLib: false,
    stdout: (line) => post({ type: "log", stream: "stdout", text: line }),
    stderr: (line) => post({ type: "log", stream: "stderr", text: line }),
  });
  state.pyodide = pyodide;
  if (state.interrupt) pyodide.setInterruptBuffer(state.interrupt);
  progress("python", "Python started");
  // clysm's JS host evaluates its glue with run_js (eval); the workers' CSP has no 'unsafe-eval', so the glue
  // comes precompiled (scripts/build-site turns js_host.py's _GLUE strings into host-glue.js) and the Python
  // side routes run_js through this table first.
  const { PRECOMPILED } = await import(siteUrl("host-glue.js"));
  pyodide.registerJsModule("clysm_precompiled_js", {
    has: (source) => PRECOMPILED.has(source),
    get: (source) => PRECOMPILED.get(source)(),
  });
  const [wheel, ...texts] = await files;
  pyodide.unpackArchive(wheel, "wheel");
  names.forEach((name, i) => pyodide.FS.writeFile(`/home/pyodide/${name}`, texts[i]));
  return pyodide;
}

/**
 * Run `boot()` and answer the page: a failed boot is reported as "fatal"; "init" carries the interrupt buffer
 * (it may come before Python runs); every other request waits for the boot, then `handle(req)` gives the reply's
 * JSON text (or throws: the reply says why).
 */
export function serve(boot, handle) {
  const booting = boot().catch((err) => {
    post({ type: "fatal", message: errorText(err) });
    throw err;
  });
  self.onmessage = async (event) => {
    const req = event.data;
    if (req.op === "init") {
      state.interrupt = req.interrupt || null;
      if (state.interrupt && state.pyodide) state.pyodide.setInterruptBuffer(state.interrupt);
      return;
    }
    try {
      await booting;
      post({ type: "reply", id: req.id, data: await handle(req) });
    } catch (err) {
      post({ type: "reply", id: req.id, failed: errorText(err) });
    }
  };
}
