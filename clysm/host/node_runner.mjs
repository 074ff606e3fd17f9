// clysm host: run a Python file (or the JSON-lines test server) inside Pyodide on Node 24.
//
//   node node_runner.mjs [--mount DIR]... [--server] [--] FILE.py [ARGS...]
//
// - Loads Pyodide from <repo>/node_modules/pyodide (or $CLYSM_PYODIDE_DIR).
// - Mounts host directories into Pyodide's FS with NODEFS *at the same absolute paths* (the repo root, the
//   current directory, the script's directory and every --mount DIR), so the live working tree is importable
//   (no copy, no stale files) and paths mean the same thing inside and outside. The repo root goes first on
//   sys.path, so `import clysm` sees the current working tree.
// - Runs FILE.py as __main__ with sys.argv = [FILE.py, ARGS...] through `eval_code_async` under
//   `runPythonAsync` (top-level await works), streams stdout/stderr as they are written (line buffered, like
//   CPython on a terminal) and exits with the script's exit code (SystemExit honoured; an uncaught exception
//   prints a traceback trimmed to the user's frames and exits 1).
// - --server: instead of a file, serve JSON lines: one request per stdin line, one reply per stdout line,
//   handled by clysm.host.node_server.handle(line) -> str. Python's own stdout goes to stderr in this mode so
//   it can never corrupt the protocol.
// - If Pyodide itself dies (fatal error, JS stack exhausted outside Python's reach) the runner prints a short
//   diagnostic and exits 70 (server mode: after replying to the request that killed it), so callers restart it.
//
// Error.stackTraceLimit: left at V8's default (10) unless $CLYSM_JS_STACK_TRACE_LIMIT is set. The clysm ABI never
// passes GC structs to Python (only wire numbers), so the struct->JsProxy saving from a limit of 0 does not apply
// and JS stack traces stay useful for diagnostics; see clysm/host/README.md for the measurements.

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXIT_FATAL = 70;
const EXIT_USAGE = 64;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");

function usage(msg) {
  if (msg) process.stderr.write(`pyodide-run: ${msg}\n`);
  process.stderr.write("usage: pyodide-run [--mount DIR]... [--server] [--] FILE.py [ARGS...]\n");
  process.exit(EXIT_USAGE);
}

function parseArgs(argv) {
  const opts = { mounts: [], server: false, file: null, args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (a === "--server") opts.server = true;
    else if (a === "--mount") { if (i + 1 >= argv.length) usage("--mount needs a directory"); opts.mounts.push(argv[++i]); }
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else break;
  }
  if (!opts.server) {
    if (i >= argv.length) usage("no Python file given");
    opts.file = path.resolve(argv[i]);
    opts.args = argv.slice(i + 1);
    if (!fs.existsSync(opts.file)) usage(`no such file: ${argv[i]}`);
  }
  return opts;
}

// Directories to mount: unique, existing, outermost only (a NODEFS mount already shows its subdirectories), never
// "/" or anything that would shadow Pyodide's own /lib, /dev, /proc.
function mountPlan(dirs) {
  const reserved = ["/lib", "/dev", "/proc", "/sys", "/bin", "/usr"];
  const ok = [];
  for (const d of dirs) {
    let real;
    try { real = fs.realpathSync(path.resolve(d)); } catch { continue; }
    if (!fs.statSync(real).isDirectory()) continue;
    if (real === "/" || reserved.some((r) => real === r || real.startsWith(r + "/"))) continue;
    ok.push(real);
  }
  ok.sort((a, b) => a.length - b.length);
  const out = [];
  for (const d of ok) if (!out.some((o) => d === o || d.startsWith(o + "/"))) out.push(d);
  return out;
}

function writer(fd) {
  // Node's writes to pipes, files and TTYs are synchronous on Linux, so nothing is lost at exit.
  const stream = fd === 1 ? process.stdout : process.stderr;
  return { write: (buf) => { stream.write(buf); return buf.length; } };
}

function shortError(e) {
  if (e && e.constructor && e.constructor.name === "PythonError") return String(e.message);
  const s = e && e.stack ? String(e.stack) : String(e);
  return s.split("\n").slice(0, 8).join("\n");
}

// The Python side of the runner, evaluated once in __main__; it removes its own names afterwards.
const DRIVER = String.raw`
import os as _os, sys as _sys

def _clysm_setup(repo, cwd, argv0):
    _sys.path[:0] = [p for p in (repo, _os.path.dirname(argv0) if argv0 else None) if p and p not in _sys.path]
    try:
        _os.chdir(cwd)
    except OSError:
        pass

async def _clysm_main(path, args):
    import sys
    import traceback
    from pyodide.code import eval_code_async
    g = sys.modules["__main__"].__dict__
    for name in ("_clysm_setup", "_clysm_main", "_clysm_argv", "_os", "_sys"):
        g.pop(name, None)
    g["__file__"] = path
    sys.argv = [path, *args]
    code = 0
    try:
        with open(path, "rb") as f:
            src = f.read().decode("utf-8")
        await eval_code_async(src, g, filename=path, return_mode="none")
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException as e:
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb if tb is not None else e.__traceback__)
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    return code & 0xFF
`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (process.env.CLYSM_JS_STACK_TRACE_LIMIT !== undefined) {
    Error.stackTraceLimit = Number(process.env.CLYSM_JS_STACK_TRACE_LIMIT);
  }
  const pyodideDir = process.env.CLYSM_PYODIDE_DIR || path.join(REPO, "node_modules", "pyodide");
  const pyodideMjs = path.join(pyodideDir, "pyodide.mjs");
  if (!fs.existsSync(pyodideMjs)) {
    process.stderr.write(`pyodide-run: Pyodide not found at ${pyodideDir} (run scripts/setup / npm ci)\n`);
    process.exit(EXIT_FATAL);
  }
  const { loadPyodide } = await import(pathToFileURL(pyodideMjs).href);
  const env = { HOME: "/home/pyodide" };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith("CLYSM_")) env[k] = v;
  const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", env });

  const cwd = process.cwd();
  const dirs = [REPO, cwd, ...opts.mounts];
  if (opts.file) dirs.push(path.dirname(opts.file));
  for (const d of mountPlan(dirs)) {
    pyodide.FS.mkdirTree(d);
    pyodide.mountNodeFS(d, d);
  }

  if (opts.server) return serve(pyodide, cwd);

  pyodide.setStdout(writer(1));
  pyodide.setStderr(writer(2));
  pyodide.runPython(DRIVER);
  pyodide.globals.get("_clysm_setup")(REPO, cwd, opts.file);
  pyodide.globals.set("_clysm_argv", pyodide.toPy([opts.file, ...opts.args]));
  let code;
  try {
    code = await pyodide.runPythonAsync("await _clysm_main(_clysm_argv[0], _clysm_argv[1:])");
  } catch (e) {
    process.stderr.write(`pyodide-run: Pyodide failed: ${shortError(e)}\n`);
    return EXIT_FATAL;
  }
  return code;
}

async function serve(pyodide, cwd) {
  pyodide.setStdout(writer(2)); // stray prints are diagnostics, never protocol
  pyodide.setStderr(writer(2));
  pyodide.runPython(DRIVER);
  pyodide.globals.get("_clysm_setup")(REPO, cwd, null);
  const server = pyodide.pyimport("clysm.host.node_server");
  const handle = server.handle;
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + "\n");
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let reply;
    try {
      // callPromising runs Python on a JSPI stack exactly like runPythonAsync (same stack budget as
      // pyodide-run and a page that uses runPythonAsync; run_sync works).
      reply = await handle.callPromising(line);
      if (reply && typeof reply.then === "function") reply = await reply;
    } catch (e) {
      // Python-level errors are answered by handle() itself; anything reaching here means Pyodide is broken.
      let id = null;
      try { id = JSON.parse(line).id; } catch { /* ignore */ }
      process.stdout.write(JSON.stringify({ id, ok: false, fatal: true, error: `Pyodide died: ${shortError(e)}` }) + "\n");
      return EXIT_FATAL;
    }
    process.stdout.write(String(reply) + "\n");
  }
  return 0;
}

process.on("unhandledRejection", (e) => {
  process.stderr.write(`pyodide-run: unhandled rejection: ${shortError(e)}\n`);
  process.exit(EXIT_FATAL);
});

main().then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`pyodide-run: ${shortError(e)}\n`); process.exitCode = EXIT_FATAL; },
).finally(() => {
  // Pyodide may leave timers behind; exit explicitly once output (synchronous on Linux) is written.
  setImmediate(() => process.exit(process.exitCode ?? 0));
});
