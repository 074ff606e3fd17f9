# Tier 2 backend: the object the tiering layer calls. `promote(engine, tf)` compiles tf's lambda expression to a
# JIT module, instantiates it against the engine's runtime instance and registry imports (its start function
# hot-patches $fns[slot]) and returns a Python callable; `function_changed` puts the host stub back in a slot.
# Compilation alone (`compile_definition`) needs no JS engine, so it runs (and is tested) on plain CPython.
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from clysm.lisp.types import NIL, Symbol

from .bridge import Bridge
from .emit import emit_unit
from .front import Front, Syms
from .ir import Tier2Unsupported, unsupported
from .prelude import Prelude
from .proxies import Charge, WasmFunction
from .runtime import build_runtime

# the seed's runtime imports and the extra comparisons Tier 2 uses, with the Lisp function each one calls
SEED_IMPORTS = {"add": "+", "sub": "-", "mul": "*", "div": "/", "lt": "<", "gt": ">", "eq": "=", "cons": "CONS",
                "car": "CAR", "cdr": "CDR", "le": "<=", "ge": ">=", "ne": "/=", "mod": "MOD", "floor": "FLOOR"}


# the safety net's limit: more host crossings than this per call of Tier 2 code (over a window) demotes. A crossing
# costs ~0.5 us, about as much as a whole Tier-1 call (~0.3-1 us), so above one per call Tier 2 cannot win; at 2
# promoted readers of Tier-1 lists (~1.5 per call) stayed promoted and made first runs 3-7x slower (bench/NOTES.md)
MAX_CROSSINGS_PER_CALL = 1.0
# Tier-1 walking of a function's Wasm conses is judged only after this many calls of it in Tier 2: a function whose
# result is consumed once (printed at the end) has shown no pattern worth demoting for (docs/ABI.md "Demotion")
PROXY_MIN_CALLS = 16
# a function is judged against at least this many calls per audit window: one charged with a few crossings in a
# window where it was hardly called (a stray sample of $cur charges CHARGE_SAMPLE = 8) is noise, not a pattern
MIN_WINDOW_CALLS = 64
# a watched function that passes an audit with at least one Python -> Wasm entry per this many of its calls (an
# entry costs ~3 us, as much as hundreds of Wasm calls) gets its Tier-1 callers promoted at their next call
# (Tiering.hasten_callers)
HASTEN_ENTRIES = 64


class CompileContext:
    """Engine services the compiler needs for one definition: symbols, macroexpansion, handles, slots, and the
    Tier-1 lexical environment the definition closes over."""

    def __init__(self, engine: Any, syms: Syms, handles: Any, lexenv: Any = None) -> None:
        self.engine = engine
        self.syms = syms
        self.handles = handles
        self.lexenv = lexenv
        self.track_id = 0  # > 0: the Charge id this module sets $cur to (automatic tiering)
        self.prelude: Any = None  # name -> symbol of a Wasm prelude function (prelude.py), when there is one

    def keyword(self, name: str) -> Symbol:
        return self.engine.intern(name, "KEYWORD")

    def macroexpand_1(self, form: Any) -> tuple[bool, Any]:
        """One expansion step in the definition's Tier-1 lexical environment (its MACROLET macros and symbol
        macros, then global macros and DEFINE-SYMBOL-MACRO symbols), as Tier 1 expands the same form."""
        eng = self.engine
        fn = getattr(eng, "macroexpand_1", None)
        if fn is not None:
            result = fn(form, self.lexenv) if self.lexenv is not None else fn(form)
            if isinstance(result, tuple):
                expansion, expanded = result[0], result[1]
                return bool(expanded), expansion
            return result is not form, result
        if isinstance(form, Symbol):
            return False, form
        op = form.car
        if not isinstance(op, Symbol) or op.macro is None:
            return False, form
        return True, op.macro(form, None)

    def is_special_operator(self, sym: Symbol) -> bool:
        check = getattr(self.engine, "is_special_operator", None)
        return bool(check(sym)) if check is not None else False

    def lexenv_variable(self, sym: Symbol) -> Any:
        """The shared cell (`.value`) of a lexical variable of the enclosing Tier-1 environment, or None when
        `sym` is not lexically bound there (a global or special variable)."""
        env = self.lexenv
        if env is None:
            return None
        lookup = getattr(env, "lookup_cell", None) or getattr(env, "variable_cell", None)
        if lookup is not None:
            cell = lookup(sym)
            if cell is None:
                lexical = getattr(env, "is_lexical_variable", None)
                if lexical is not None and lexical(sym):  # bound in Tier 1 but no run-time cell: never guess
                    raise unsupported("a variable of the enclosing Tier-1 environment without a run-time cell")
            return cell
        lookup_var = getattr(env, "lookup_var", None)  # Tier 1's compile-time Env (clysm/eval/ir.py)
        if lookup_var is not None:
            found = lookup_var(sym)
            if found is None or found == "special":  # a global, or special (clysm.eval.ir.SPECIAL)
                return None
            raise unsupported("closing over a variable of the enclosing Tier-1 environment")
        raise unsupported("closing over a Tier-1 lexical environment")

    def lexenv_function(self, sym: Symbol) -> Any:
        """The shared cell holding a local (FLET/LABELS) function of the enclosing Tier-1 environment, or None."""
        env = self.lexenv
        if env is None:
            return None
        lookup = getattr(env, "lookup_function", None) or getattr(env, "lookup_fun", None)
        return lookup(sym) if lookup is not None else None

    def lexenv_has_local_function(self, sym: Symbol) -> bool:
        """Is `sym` a local function (not a macro) of the enclosing Tier-1 environment?"""
        env = getattr(self.lexenv, "env", None)
        if env is None:
            return False
        from clysm.eval.ir import Var as Tier1Var

        return isinstance(env.lookup_fun(sym), Tier1Var)

    def handle_of(self, obj: Any) -> int:
        pin = getattr(self.handles, "pin_handle", None)  # a constant of compiled code: never swept (bridge.py)
        return pin(obj) if pin is not None else self.handles.handle_of(obj)

    def slot_of(self, sym: Any) -> int:
        return self.handles.slot_of(sym)


class _Handles:
    """Handle/slot numbering without a JS engine (compile-only use): the same numbering a Bridge would give."""

    def __init__(self) -> None:
        self.objects: list[Any] = []
        self.index: dict[int, int] = {}
        self.slots: dict[Any, int] = {}

    def handle_of(self, obj: Any) -> int:
        h = self.index.get(id(obj))
        if h is None:
            h = self.index[id(obj)] = len(self.objects) + 2
            self.objects.append(obj)
        return h

    def slot_of(self, sym: Any) -> int:
        return self.slots.setdefault(sym, len(self.slots))


def compile_definition(engine: Any, name: Any, definition: Any, *, syms: Syms | None = None, handles: Any = None,
                       lexenv: Any = None, prelude: Any = None, track_id: int = 0) -> tuple[bytes, Any]:
    """Compile `definition` (a lambda expression) named `name` (a Symbol or None) to JIT module bytes; with
    `track_id` > 0 the module sets the runtime's $cur to it (charges for the safety net, docs/ABI.md "Demotion").
    Raises Tier2Unsupported. Returns (bytes, the ModuleEmitter) ."""
    if syms is None:  # one Syms per engine (interning its symbols costs as much as compiling a small function)
        syms = getattr(engine, "_tier2_syms", None)
        if syms is None:
            syms = Syms(lambda n: engine.intern(n, "COMMON-LISP"))
            try:
                engine._tier2_syms = syms
            except AttributeError:
                pass
    handles = handles or _Handles()
    ctx = CompileContext(engine, syms, handles, lexenv)
    ctx.prelude = prelude
    ctx.track_id = track_id
    front = Front(ctx, syms)
    unit = front.convert_toplevel(name, definition)
    slot = handles.slot_of(name) if isinstance(name, Symbol) and name is not NIL else -1
    data, me = emit_unit(ctx, unit, name, slot)
    for fn in unit.fns:  # the IR is done with: cut its cycles (Var.fn, Block.fn -> Fn -> body, params, ...) so
        fn.body = fn.params = fn.free = fn.self_var = fn.parent = None  # it is freed at once, not by the collector
    return data, me


class Tier2Backend:
    """Compiles promoted functions to WebAssembly GC and runs them through `host` (a JsWasmHost)."""

    def __init__(self, host: Any) -> None:
        self.host = host
        self._runtime_bytes: bytes | None = None
        self._bridges: dict[int, tuple[Any, Bridge, Syms]] = {}  # id(engine) -> (engine, bridge, syms)

    # ---- per-engine state -------------------------------------------------------------------------------------
    def runtime_bytes(self) -> bytes:
        if self._runtime_bytes is None:
            self._runtime_bytes = build_runtime()
        return self._runtime_bytes

    def state(self, engine: Any) -> tuple[Bridge, Syms]:
        entry = self._bridges.get(id(engine))
        if entry is None or entry[0] is not engine:
            self.start(engine)
            entry = self._bridges[id(engine)]
        return entry[1], entry[2]

    def start(self, engine: Any) -> None:
        """Attach to an engine: instantiate its runtime module and register the seed runtime imports."""
        bridge = Bridge(engine, self.host)
        bridge.start(self.runtime_bytes())
        syms = Syms(lambda n: engine.intern(n, "COMMON-LISP"))
        self._bridges[id(engine)] = (engine, bridge, syms)
        register = _registry_register(engine)
        if register is not None:
            for name, lisp_name in SEED_IMPORTS.items():
                if _registry_get(engine, name) is None:
                    fn = engine.intern(lisp_name, "COMMON-LISP").function
                    if fn is not None:
                        register(name, fn)

    attach = start  # the name an engine may call at start-up

    def bridge(self, engine: Any) -> Bridge:
        return self.state(engine)[0]

    # ---- the tiering API ----------------------------------------------------------------------------------
    def promote(self, engine: Any, tf: Any) -> Callable[..., Any]:
        if self.host is None or not hasattr(self.host, "instantiate"):
            raise Tier2Unsupported("no JS engine to run Tier 2 code in (run with --host node or in the browser)")
        bridge, syms = self.state(engine)
        t0 = time.perf_counter()
        name = tf.name if isinstance(tf.name, Symbol) and tf.name is not NIL else None
        auto = getattr(engine, "tier", None) == "auto"
        charge = bridge.new_charge(tf) if auto else None  # anonymous ones too: their crossings are theirs
        data, me = compile_definition(engine, name, tf.definition, syms=syms, handles=bridge,
                                      lexenv=getattr(tf, "lexenv", None), prelude=self.prelude(engine).ensure,
                                      track_id=charge.id if charge is not None else 0)
        t1 = time.perf_counter()
        if name is not None:  # its functions' labels (and its lambdas' and local functions') locate errors
            bridge.tier2_names.update(dict.fromkeys((fn.label for fn in me.unit.fns), name))
        inst = self.instantiate(engine, bridge, data, me)
        t2 = time.perf_counter()
        fw = int(inst.exports["self_wire"].value)
        fn = bridge.from_wire(fw)
        if isinstance(fn, WasmFunction):
            fn.lisp_name = name
            if charge is not None:
                fn._o = charge  # calls from Tier 1 are entries charged to it
        _record(tf, data, (t1 - t0) * 1000, (t2 - t1) * 1000)
        calls = _counter(inst.exports["calls"])
        if name is not None and charge is not None:
            self.watch(engine, bridge, tf, charge, calls)
        try:
            tf.tier2_counter = calls  # calls made in Tier 2 are counted in Wasm (docs/ABI.md, "Call counts")
        except AttributeError:
            pass
        return fn

    def instantiate(self, engine: Any, bridge: Bridge, data: bytes, me: Any) -> Any:
        reg = {}
        for rname in me.unit.reg_names:
            fn = _registry_get(engine, rname)
            if fn is None:
                fn = engine.intern(SEED_IMPORTS[rname], "COMMON-LISP").function
            reg[rname] = bridge.reg_wrapper(rname, fn)
        try:
            return self.host.instantiate(data, {"rt": bridge.rt, "reg": reg})
        except Exception as e:  # a bug in the compiler, never the user's: keep the function in Tier 1
            raise Tier2Unsupported(f"the Tier 2 module failed to instantiate: {e}") from e

    def prelude(self, engine: Any) -> Prelude:
        """The engine's Wasm prelude (prelude.py); its functions are compiled on first use."""
        bridge, syms = self.state(engine)
        pre = getattr(bridge, "prelude", None)
        if pre is None:
            def build(sym: Symbol, definition: Any) -> None:
                data, me = compile_definition(engine, sym, definition, syms=syms, handles=bridge)
                inst = self.instantiate(engine, bridge, data, me)
                sym.function = bridge.from_wire(int(inst.exports["self_wire"].value))

            pre = bridge.prelude = Prelude(engine, syms, build)
        return pre

    # ---- safety net: automatic promotion must not make a program slower ---------------------------------------
    def watch(self, engine: Any, bridge: Bridge, tf: Any, charge: Charge, calls: Any) -> None:
        """Watch a promoted function. At every audit (each AUDIT_EVERY crossings, or AUDIT_EVERY proxy accesses
        charged to one function) a watched function whose own charges since the last audit (host crossings made
        while it ran, Python -> Wasm entries into it, and, once it has made PROXY_MIN_CALLS calls, Tier-1 accesses
        to its Wasm conses) exceed MAX_CROSSINGS_PER_CALL per call of it goes back to Tier 1 for good (docs/ABI.md,
        "Demotion"). Other functions are judged on their own charges only."""
        watched = getattr(bridge, "watched", None)
        if watched is None:
            watched = bridge.watched = {}

            def audit() -> None:
                self.audit(engine, bridge)

            bridge.audit = audit
        watched[tf] = [charge, calls, int(calls()), charge.x, charge.p, charge.e, False]

    def audit(self, engine: Any, bridge: Bridge) -> None:
        for tf, rec in list(bridge.watched.items()):
            charge, counter, calls0, x0, p0, e0, hastened = rec
            if tf.tier != 2 or tf.tier2_counter is not counter:  # demoted, redefined or re-promoted meanwhile
                del bridge.watched[tf]
                continue
            calls, x, p, e = int(counter()), charge.x, charge.p, charge.e
            rec[2], rec[3], rec[4], rec[5] = calls, x, p, e
            load = (x - x0) + (p - p0 if calls >= PROXY_MIN_CALLS else 0)
            n = max(calls - calls0, MIN_WINDOW_CALLS)
            if not hastened and HASTEN_ENTRIES * (e - e0) >= n:  # often entered from Python: its callers next
                rec[6] = True  # (also when it is demoted now: promoting its callers then revives it)
                tiering = getattr(engine, "tiering", None)
                if tiering is not None and hasattr(tiering, "hasten_callers"):
                    tiering.hasten_callers(tf)
            if load > MAX_CROSSINGS_PER_CALL * n:
                del bridge.watched[tf]
                self.demote(engine, tf, f"demoted: {load / n:.1f} host calls per call")

    def demote(self, engine: Any, tf: Any, reason: str) -> None:
        """Back to Tier 1 for good (never re-promoted); its calls so far stay counted."""
        name = tf.name
        if not isinstance(name, Symbol) or name.function is not tf.tier2:
            return
        counter = tf.tier2_counter
        tf.n1 += int(counter()) if counter is not None else 0
        tf.tier2_counter = None
        tf.tier2 = None
        tf.tier = 1
        tf.live = False
        tf.tier2_error = reason
        tf.entry = tf.tier1
        name.function = tf.tier1
        engine.function_changed(name)
        events = getattr(getattr(engine, "tiering", None), "events", None)
        if events is not None:
            events.append({"function": name.name, "call": tf.n1 - tf.bonus, "compile_ms": 0.0, "instantiate_ms": 0.0,
                           "module_bytes": 0, "ok": False, "reason": reason, "demoted": True})

    def function_changed(self, engine: Any, symbol: Any) -> None:
        entry = self._bridges.get(id(engine))
        if entry is None:
            return
        bridge = entry[1]
        slot = bridge.slots.get(symbol)
        if slot is None:
            return
        fn = getattr(symbol, "function", None)
        if type(fn) is WasmFunction and fn._b is bridge and getattr(symbol, "macro", None) is None:
            bridge.x_set_slot(slot, fn._w)  # a Tier-2 closure: compiled callers call it without leaving Wasm
        else:
            bridge.x_reset_slot(slot)  # anything else is called through the host stub (and counted by Tier 1)


def _record(tf: Any, data: bytes, compile_ms: float, instantiate_ms: float) -> None:
    for attr, value in (("wasm_bytes", data), ("compile_ms", compile_ms), ("instantiate_ms", instantiate_ms),
                        ("module_size", len(data))):
        try:
            setattr(tf, attr, value)
        except AttributeError:
            pass


def _registry_register(engine: Any) -> Callable[[str, Any], Any] | None:
    tiering = getattr(engine, "tiering", None)
    for obj in (tiering, engine):
        fn = getattr(obj, "register_runtime_import", None)
        if fn is not None:
            return fn
    return None


def _registry_get(engine: Any, name: str) -> Any:
    tiering = getattr(engine, "tiering", None)
    for obj in (tiering, engine):
        fn = getattr(obj, "get_runtime_import", None)
        if fn is not None:
            return fn(name)
    return None


def _counter(glob: Any) -> Callable[[], int]:
    """The tiering layer's Tier-2 call counter: reads a JIT module's exported i64 global `calls` (a JS BigInt,
    a Python int in Pyodide; docs/ABI.md, "Call counts")."""
    def calls() -> int:
        return int(glob.value)

    return calls
