// The tier view: one row per function (name, tier badge, calls with a bar toward the threshold, the call at
// which it was promoted, compile/instantiate time, module size, why Tier 2 could not take it), the promotion
// timeline, and the function pickers of the chart and the WAT view. Rows are keyed by name and updated in place,
// so live snapshots arriving many times a second cost little and never steal focus.
import { formatBytes, formatCount, formatMs, h } from "./dom.js";

export class TierView {
  constructor({ table, body, empty, summary, timeline, onSelect }) {
    this.table = table;
    this.body = body;
    this.empty = empty;
    this.summary = summary;
    this.timeline = timeline;
    this.onSelect = onSelect;
    this.rows = new Map();
    this.eventCount = 0;
    this.threshold = 10;
    this.mode = "auto";
    this.selected = "";
  }

  clear() {
    this.rows.clear();
    this.body.replaceChildren();
    this.timeline.replaceChildren();
    this.eventCount = 0;
    this.empty.hidden = false;
    this.table.hidden = true;
    this.summary.textContent = "";
  }

  /** Apply a snapshot: {functions, events, threshold, mode}. Events are cumulative for the session. */
  update({ functions = {}, events = [], threshold, mode }) {
    if (threshold !== undefined) this.threshold = threshold;
    if (mode !== undefined) this.mode = mode;
    const names = Object.keys(functions);
    for (const name of names) this._row(name, functions[name]);
    this.empty.hidden = this.rows.size > 0;
    this.table.hidden = this.rows.size === 0;
    const promoted = names.filter((n) => functions[n].tier === 2).length;
    if (names.length) {
      this.summary.textContent = `${names.length} function${names.length === 1 ? "" : "s"}, ${promoted} in Tier 2`;
    }
    if (events.length < this.eventCount) {
      this.timeline.replaceChildren();
      this.eventCount = 0;
    }
    for (const ev of events.slice(this.eventCount)) this.timeline.append(timelineItem(ev));
    this.eventCount = events.length;
  }

  select(name) {
    this.selected = name;
    for (const [n, r] of this.rows) r.tr.classList.toggle("selected", n === name);
  }

  _row(name, fn) {
    let r = this.rows.get(name);
    if (!r) {
      const nameButton = h("button", {
        class: "fn-name",
        type: "button",
        title: `Show ${name} in the chart and the WAT view`,
        onclick: () => this.onSelect(name),
      }, name);
      r = {
        tr: h("tr", { "data-test-id": `fn-${name}`, "data-name": name }),
        badge: h("span", { class: "badge" }),
        calls: h("span", { class: "calls-n" }),
        bar: h("span", { class: "bar-fill" }),
        promoted: h("td", { class: "num" }),
        compile: h("td", { class: "num" }),
        inst: h("td", { class: "num" }),
        size: h("td", { class: "num" }),
        note: h("div", { class: "fn-note", "data-test-id": `note-${name}` }),
      };
      const meter = h("span", { class: "meter", role: "progressbar", "aria-label": `${name} calls toward threshold` },
        r.bar);
      r.meter = meter;
      r.tr.append(
        h("td", { class: "name" }, nameButton, r.note),
        h("td", {}, r.badge),
        h("td", { class: "calls" }, r.calls, meter),
        r.promoted, r.compile, r.inst, r.size,
      );
      r.tr.classList.toggle("selected", name === this.selected);
      this.rows.set(name, r);
      this.body.append(r.tr);
    }
    const tier = fn.tier === 2 ? 2 : 1;
    r.tr.dataset.tier = String(tier);
    r.badge.className = `badge t${tier}`;
    r.badge.textContent = tier === 2 ? "Tier 2 · Wasm" : "Tier 1";
    r.calls.textContent = formatCount(fn.calls);
    const limit = Math.max(1, this.threshold);
    const frac = tier === 2 ? 1 : this.mode === "1" ? 0 : Math.min(1, (fn.calls || 0) / limit);
    r.bar.style.width = `${(frac * 100).toFixed(1)}%`;
    r.meter.classList.toggle("done", tier === 2);
    r.meter.classList.toggle("failed", Boolean(fn.tier2_error));
    r.meter.setAttribute("aria-valuenow", String(Math.round(frac * 100)));
    r.promoted.textContent = fn.promoted_at_call ? `call ${formatCount(fn.promoted_at_call)}` : "—";
    r.compile.textContent = fn.compile_ms !== undefined && fn.compile_ms !== null ? formatMs(fn.compile_ms) : "—";
    r.inst.textContent =
      fn.instantiate_ms !== undefined && fn.instantiate_ms !== null ? formatMs(fn.instantiate_ms) : "—";
    r.size.textContent = fn.module_bytes ? formatBytes(fn.module_bytes) : "—";
    const demoted = /^demoted: /.test(fn.tier2_error || "");
    const note = !fn.tier2_error ? "" : demoted
      ? `Back in Tier 1: ${fn.tier2_error.replace(/^demoted: /, "")}, so Tier 2 would be slower`
      : `Stays in Tier 1: ${fn.tier2_error}`;
    r.note.textContent = note;
    r.note.hidden = !note;
  }
}

// One promotion event of the engine's log ({function, call, compile_ms, instantiate_ms, module_bytes, ok, reason})
// plus the page's t_ms (when it happened, from the start of the run).
function timelineItem(ev) {
  const name = ev.function || "(anonymous)";
  const at = h("span", { class: "when" }, ev.t_ms === null || ev.t_ms === undefined ? "" : formatMs(ev.t_ms));
  let text;
  let kind;
  if (ev.ok) {
    kind = "promoted";
    const bits = [];
    if (ev.compile_ms !== undefined && ev.compile_ms !== null) bits.push(`compiled in ${formatMs(ev.compile_ms)}`);
    if (ev.instantiate_ms !== undefined && ev.instantiate_ms !== null) {
      bits.push(`instantiated in ${formatMs(ev.instantiate_ms)}`);
    }
    if (ev.module_bytes) bits.push(formatBytes(ev.module_bytes));
    text = [
      h("strong", {}, name),
      ` → Tier 2${ev.call ? ` at call ${formatCount(ev.call)}` : ""}`,
      bits.length ? h("span", { class: "detail" }, ` (${bits.join(", ")})`) : null,
    ];
  } else if (ev.demoted) {
    kind = "failed demoted";
    const why = (ev.reason || "").replace(/^demoted: /, "");
    text = [h("strong", {}, name), ` → back to Tier 1${ev.call ? ` after ${formatCount(ev.call)} calls` : ""}`,
      h("span", { class: "detail" }, why ? `: ${why} (Tier 2 would be slower)` : "")];
  } else {
    kind = "failed";
    text = [h("strong", {}, name), ` stays in Tier 1${ev.call ? ` (call ${formatCount(ev.call)})` : ""}`,
      h("span", { class: "detail" }, `: ${ev.reason || "unknown reason"}`)];
  }
  return h("li", { class: `ev ${kind}`, "data-test-id": `event-${name}` }, at, h("span", { class: "what" }, ...text));
}
