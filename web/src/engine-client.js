// The page's side of the engine worker: starts worker.js, forwards its load progress and live updates, matches
// replies to requests, and ends a runaway program (Stop). When the page is cross-origin isolated it shares an
// interrupt buffer with Pyodide: while a program runs it writes a tick signal every 100 ms (Python then posts a
// live snapshot between bytecodes, at no cost per Lisp call), and Stop first writes SIGINT (the program ends with
// an INTERRUPTED error, the session survives). Whenever that does not end the program quickly (Wasm loops, no
// isolation), Stop terminates the worker and starts a fresh one. A worker that dies on its own (e.g. Pyodide's
// fatal stack overflow) is restarted the same way.

const TICK_MS = 100;
const SIGINT = 2;
const SOFT_STOP_MS = 500; // how long a soft stop may take before the worker is terminated (250 was too short
// for the interrupt to land on a loaded machine: the session was lost although Python would have stopped)

export class EngineStopped extends Error {
  constructor(reason) {
    super(reason);
    this.name = "EngineStopped";
  }
}

export class EngineClient extends EventTarget {
  constructor(url, { ticks = true } = {}) {
    super();
    this.url = url;
    this.ticks = ticks; // live snapshots while running (?ticks=0 turns them off, to measure their cost)
    this.worker = null;
    this.generation = 0;
    this.pending = new Map();
    this.nextId = 1;
    this.readyInfo = null;
    this.start();
  }

  /** Start a worker; `this.ready` resolves with its info once Pyodide and clysm are loaded. */
  start() {
    const generation = ++this.generation;
    this.readyInfo = null;
    this.startedAt = performance.now();
    this.ready = new Promise((resolve, reject) => {
      this._resolveReady = resolve;
      this._rejectReady = reject;
    });
    this.ready.catch(() => {});
    const worker = new Worker(this.url, { type: "module", name: "clysm-engine" });
    this.worker = worker;
    this.interrupt = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function"
      ? new Uint8Array(new SharedArrayBuffer(1)) : null;
    this.tickSignal = null;
    worker.postMessage({ op: "init", interrupt: this.interrupt });
    worker.onmessage = (event) => {
      if (generation === this.generation) this._message(event.data);
    };
    worker.onerror = (event) => {
      if (generation !== this.generation) return;
      event.preventDefault?.();
      this._died(event.message || "the engine worker failed");
    };
    this._emit("starting", { generation });
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  _message(msg) {
    switch (msg.type) {
      case "progress":
        this._emit("progress", msg);
        break;
      case "ready":
        this.readyInfo = { ...msg, pageMs: performance.now() };
        this.tickSignal = msg.info && msg.info.tick_signal ? msg.info.tick_signal : null;
        this._resolveReady(this.readyInfo);
        this._emit("ready", this.readyInfo);
        break;
      case "live":
        this._emit("live", JSON.parse(msg.data));
        break;
      case "log":
        this._emit("log", msg);
        break;
      case "fatal":
        this._rejectReady(new Error(msg.message));
        this._emit("fatal", msg);
        break;
      case "reply": {
        const entry = this.pending.get(msg.id);
        if (!entry) return;
        this.pending.delete(msg.id);
        this._idleIfDone();
        if (msg.failed !== undefined) {
          entry.reject(new Error(msg.failed));
          // A failure at the JS/Python level (not a Lisp error) may mean Pyodide is broken: start afresh.
          if (/fatal error|Pyodide already fatally failed|too much recursion|call stack/i.test(msg.failed)) {
            this.restart("the engine crashed");
          }
        } else {
          entry.resolve(JSON.parse(msg.data));
        }
        break;
      }
      default:
        break;
    }
  }

  _died(reason) {
    this._rejectReady(new Error(reason));
    if (this.readyInfo) {
      this.restart(reason);
    } else {
      // It never came up: restarting would only fail again. Report it and stay down.
      this._emit("fatal", { message: reason });
    }
  }

  /** Send a request; resolves with the Python side's JSON reply. */
  request(op, payload = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...payload });
      this._startTicks();
    });
  }

  _startTicks() {
    if (this.ticker || !this.interrupt || !this.ticks) return;
    this.ticker = setInterval(() => {
      if (this.tickSignal && this.pending.size) Atomics.compareExchange(this.interrupt, 0, 0, this.tickSignal);
    }, TICK_MS);
  }

  _idleIfDone() {
    if (this.pending.size) return;
    clearInterval(this.ticker);
    this.ticker = null;
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
  }

  /** End the running request: SIGINT first when possible (the session survives), else or after a short wait
   * terminate the worker. Resolves with "interrupted" or "restarted". */
  stop() {
    if (!this.pending.size) return Promise.resolve("idle");
    const generation = this.generation;
    if (!this.interrupt || !this.readyInfo) {
      this.restart("stopped");
      return Promise.resolve("restarted");
    }
    Atomics.store(this.interrupt, 0, SIGINT);
    return new Promise((resolve) => {
      const started = performance.now();
      const poll = setInterval(() => {
        if (this.generation !== generation) {
          clearInterval(poll);
          resolve("restarted");
        } else if (!this.pending.size) {
          clearInterval(poll);
          resolve("interrupted");
        } else if (performance.now() - started > SOFT_STOP_MS) {
          clearInterval(poll);
          this.restart("stopped");
          resolve("restarted");
        }
      }, 20);
    });
  }

  get busy() {
    return this.pending.size > 0;
  }

  /** Terminate the worker at once (a runaway program cannot delay this) and start a new one. */
  restart(reason = "stopped") {
    this.worker.terminate();
    clearInterval(this.ticker);
    this.ticker = null;
    const err = new EngineStopped(reason);
    for (const entry of this.pending.values()) entry.reject(err);
    this.pending.clear();
    this._emit("stopped", { reason });
    this.start();
  }
}
