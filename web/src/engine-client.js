// The page's side of the engine worker: starts worker.js, forwards its load progress and live updates, matches
// replies to requests, and ends a runaway program by terminating the worker and starting a fresh one (Stop).
// A worker that dies on its own (e.g. Pyodide's fatal stack overflow) is restarted the same way.

export class EngineStopped extends Error {
  constructor(reason) {
    super(reason);
    this.name = "EngineStopped";
  }
}

export class EngineClient extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
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
    });
  }

  get busy() {
    return this.pending.size > 0;
  }

  /** Terminate the worker at once (a runaway program cannot delay this) and start a new one. */
  restart(reason = "stopped") {
    this.worker.terminate();
    const err = new EngineStopped(reason);
    for (const entry of this.pending.values()) entry.reject(err);
    this.pending.clear();
    this._emit("stopped", { reason });
    this.start();
  }
}
