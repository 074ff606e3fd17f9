# Tiering: every DEFUN / COMPILE makes a TieredFunction whose entry (generated Tier 1 code with a counting
# prologue, see clysm.eval.codegen_forms.tier_prologue) counts calls; when the count exceeds
# *COMPILATION-THRESHOLD* (read at each call) the engine's Tier 2 backend is asked for a compiled callable, which
# is hot-patched into the symbol's function cell. A failure is recorded and never retried. Also the seed's tier
# API (compile*, compile-with-tier, record-invocation, ...) as Lisp functions and Python methods.
#
# The backend contract (clysm.compiler.backend implements it):
#   backend.promote(engine, tf) -> callable   or raise Tier2Unsupported(reason). It reads tf.name (Symbol or None),
#       tf.definition (the lambda expression) and tf.lexenv (clysm.eval.lexenv.LexEnv: lookup_variable /
#       lookup_function give shared FrameCells, lookup_symbol_macro, lookup_macro, is_special); it may set
#       tf.compile_ms, tf.instantiate_ms, tf.module_size / tf.wasm_bytes (for the event log) and tf.tier2_counter
#       (a callable returning the calls counted inside Tier 2, so tf.calls stays exact). The callable follows the
#       Lisp-function rule of clysm.eval.values (primary value returned; engine.mv set for other than one value).
#   backend.function_changed(engine, symbol)   optional: a global function was (re)defined or promoted.
from __future__ import annotations

import time
import weakref
from typing import Any

from clysm.eval import errors
from clysm.eval.lexenv import LexEnv
from clysm.lisp.types import NIL, Cons, LispError, Symbol, T

try:  # the compiler's exception is THE Tier2Unsupported (clysm.compiler may not import this module)
    from clysm.compiler.ir import Tier2Unsupported
except ImportError:  # pragma: no cover  (a build without the Tier 2 compiler)
    class Tier2Unsupported(Exception):  # type: ignore[no-redef]  # noqa: N818
        """The function uses something Tier 2 cannot compile; it stays in Tier 1 with this reason."""

        def __init__(self, reason: str) -> None:
            super().__init__(reason)
            self.reason = reason


NO_BACKEND = "no Tier 2 backend in this host (Tier 2 runs in a JS engine: use --host node or the playground)"


class _Continue:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<continue in Tier 1>"


CONTINUE = _Continue()  # the slow path's answer "run the Tier 1 body"
# a function demoted by the safety net is promoted again (at its next call) when a function that calls it is
# promoted, at most this many times (docs/ABI.md "Demotion": its data then comes from Tier 2 code)
MAX_REVIVALS = 1
REVIVE_SCAN_LIMIT = 20000  # conses of a definition scanned for the names it calls


class TieredFunction:
    """A function that starts in Tier 1 and may be promoted to Tier 2.

    `n1` counts calls of the Tier 1 entry; after promotion the backend may set `tier2_counter` (a callable giving
    the calls counted inside Tier 2) so that `calls` stays exact. `live` is False once the function can neither
    promote nor dispatch (failed promotion, Tier 1 only), which keeps the entry's hot path to one comparison."""

    __slots__ = ("engine", "name", "definition", "lexenv", "tier", "tier1", "entry", "tier2", "n1", "live",
                 "promoted_at_call", "tier2_error", "compile_ms", "instantiate_ms", "module_size", "wasm_bytes",
                 "tier2_counter", "revivals", "bonus", "__weakref__")

    def __init__(self, engine: Any, name: Symbol | None, definition: Any, lexenv: LexEnv) -> None:
        self.engine = engine
        self.name = name
        self.definition = definition  # the lambda expression (Lisp data)
        self.lexenv = lexenv
        self.tier = 1
        self.tier1: Any = None
        self.entry: Any = None
        self.tier2: Any = None
        self.n1 = 0
        self.live = True
        self.promoted_at_call: int | None = None
        self.tier2_error: str | None = None
        self.compile_ms: float | None = None
        self.instantiate_ms: float | None = None
        self.module_size: int | None = None
        self.wasm_bytes: bytes | None = None
        self.tier2_counter: Any = None
        self.revivals = 0  # times a demotion was lifted (Tiering.revive_callees)
        self.bonus = 0  # added to n1 so that the next call promotes (Tiering.hasten_callers); not a call

    @property
    def calls(self) -> int:
        extra = 0
        if self.tier2_counter is not None:
            try:
                extra = int(self.tier2_counter())
            except Exception:  # noqa: BLE001
                extra = 0
        return self.n1 - self.bonus + extra

    @property
    def implementation(self) -> Any:
        return self.tier2 if self.tier2 is not None else self.tier1

    def slow(self, args: tuple[Any, ...]) -> Any:
        """The entry's slow path: the count passed the threshold (or the threshold is not a number)."""
        if self.tier2 is not None:  # promoted; this call came through an old reference to the Tier 1 entry
            if self.tier2_counter is not None:
                self.n1 -= 1
            return self.tier2(*args)
        tiering: Tiering = self.engine.tiering
        threshold = tiering.threshold()
        if self.n1 <= threshold or not self.live:
            return CONTINUE
        if self.engine.tier == "1":  # Tier 1 only: the threshold was checked once; never promote
            self.live = False
            return CONTINUE
        fn = tiering.promote(self)
        if fn is None:
            return CONTINUE
        if self.tier2_counter is not None:  # this call is counted again by Tier 2
            self.n1 -= 1
        return fn(*args)

    def __repr__(self) -> str:
        return f"<TieredFunction {getattr(self.name, 'name', self.name)} tier {self.tier} calls {self.calls}>"


class Tiering:
    """Per-engine tiering state: the tiered functions by name, the promotion log, the runtime-import registry."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.functions: dict[Symbol, TieredFunction] = {}
        self.events: list[dict[str, Any]] = []
        self.runtime_imports: dict[str, Any] = {}
        self.names_cache: weakref.WeakKeyDictionary[TieredFunction, frozenset[Symbol]] = \
            weakref.WeakKeyDictionary()  # names_of

    # ------------------------------------------------------------------------------------------ threshold
    def threshold(self) -> int:
        """*COMPILATION-THRESHOLD*, checked: a positive fixnum."""
        sym = self.engine.threshold_symbol
        v = sym.value
        if type(v) is not int or v < 1 or v > (1 << 62):
            from clysm.lisp.printer import prin1_to_string

            errors.signal_error("TYPE-ERROR", f"*COMPILATION-THRESHOLD* must be a positive fixnum, not "
                                f"{prin1_to_string(v) if v is not None else v}", DATUM=v,
                                EXPECTED_TYPE="(INTEGER 1 4611686018427387903)")
        return v

    # ------------------------------------------------------------------------------------------ defining
    def codegen_globals(self) -> dict[str, Any]:
        return {"_defun": self.install, "_THR": self.engine.threshold_symbol, "_CONT": CONTINUE}

    def install(self, name: Symbol | None, definition: Any, factory: Any, penv: Any, lexinfo: Any) -> Any:
        """Called by generated code for %DEFUN (and by COMPILE): make the TieredFunction, install its entry.
        Returns the name, or the entry for an anonymous function."""
        engine = self.engine
        if name is not None and name.package is engine.cl_package:
            errors.signal_error("PACKAGE-ERROR", f"Lock on package COMMON-LISP violated when setting fdefinition "
                                f"of {name.name} while in package COMMON-LISP-USER.")
        tf = TieredFunction(engine, name, definition, LexEnv(lexinfo, penv))
        entry = factory(penv, tf)
        entry.tiered = tf
        tf.tier1 = tf.entry = entry
        if name is None:
            if engine.tier == "2":
                self.force(tf)
            return entry
        name.function = entry
        name.macro = None
        self.functions[name] = tf
        engine.function_changed(name)
        if engine.tier == "2":
            self.threshold()  # still checked in tier 2 mode, where definition is when promotion is decided
            self.force(tf)
        return name

    def forget(self, name: Symbol) -> None:
        self.functions.pop(name, None)

    def tiered_of(self, fn: Any) -> TieredFunction | None:
        return getattr(fn, "tiered", None) if fn is not None else None

    def lookup(self, name: Any) -> TieredFunction | None:
        if isinstance(name, Symbol):
            tf = self.functions.get(name)
            if tf is not None:
                return tf
            return self.tiered_of(name.function)
        return self.tiered_of(name)

    # ------------------------------------------------------------------------------------------ promotion
    def promote(self, tf: TieredFunction, log: bool = True) -> Any:
        """Ask the backend for Tier 2 code; hot-patch on success. Returns the Tier 2 callable, or None (the
        reason is recorded in tf.tier2_error and the function stays in Tier 1 for good)."""
        engine = self.engine
        tf.live = False  # no re-entrant or repeated attempts
        call = tf.n1 - tf.bonus
        backend = engine.backend
        t0 = time.perf_counter()
        reason: str | None = None
        fn: Any = None
        if backend is None:
            reason = NO_BACKEND
        else:
            try:
                fn = backend.promote(engine, tf)
            except Tier2Unsupported as e:
                reason = getattr(e, "reason", None) or str(e)
            except LispError as e:
                reason = f"{e.condition.type_name}: {e.condition.message}"
            except Exception as e:  # noqa: BLE001  (a compiler bug keeps the function in Tier 1)
                reason = f"internal error in the Tier 2 compiler: {type(e).__name__}: {e}"
            except RecursionError as e:  # pragma: no cover
                reason = f"internal error in the Tier 2 compiler: {e}"
        total_ms = (time.perf_counter() - t0) * 1000
        if fn is None and reason is None:
            reason = "the Tier 2 backend returned no function"
        event = {
            "function": tf.name.name if isinstance(tf.name, Symbol) else None,
            "call": call,
            "compile_ms": _round(tf.compile_ms if tf.compile_ms is not None else total_ms),
            "instantiate_ms": _round(tf.instantiate_ms if tf.instantiate_ms is not None else 0.0),
            "module_bytes": tf.module_size if tf.module_size is not None else
            (len(tf.wasm_bytes) if tf.wasm_bytes else 0),
            "ok": reason is None,
            "reason": reason,
        }
        if log:
            self.events.append(event)
        if reason is not None:
            tf.tier2_error = reason
            return None
        tf.tier2 = fn
        tf.tier = 2
        tf.promoted_at_call = call
        tf.tier2_error = None  # a revived function's demotion reason (revive_callees)
        tf.live = True  # old references to the entry dispatch to Tier 2 through the slow path
        name = tf.name
        if name is not None and name.function is tf.entry:
            name.function = fn
            engine.function_changed(name)
        elif name is not None:  # the cell holds something else (a TRACE wrapper, a newer definition): the
            engine.function_changed(name)  # module's start function put this closure in $fns[slot]; undo that
        tf.entry = fn
        if engine.tier == "auto":
            self.revive_callees(tf)
        return fn

    def names_of(self, tf: TieredFunction) -> frozenset[Symbol]:
        """The symbols `tf`'s definition mentions (any position, up to REVIVE_SCAN_LIMIT conses), computed once."""
        cache = self.names_cache
        names = cache.get(tf)
        if names is None:
            found: set[Symbol] = set()
            seen: set[int] = set()
            todo = [tf.definition]
            while todo and len(seen) < REVIVE_SCAN_LIMIT:
                x = todo.pop()
                while isinstance(x, Cons) and id(x) not in seen:
                    seen.add(id(x))
                    head = x.car
                    if isinstance(head, Cons):
                        todo.append(head)
                    elif isinstance(head, Symbol):
                        found.add(head)
                    x = x.cdr
                if isinstance(x, Symbol):
                    found.add(x)
            names = cache[tf] = frozenset(found)
        return names

    def hasten_callers(self, tf: TieredFunction) -> list[TieredFunction]:
        """`tf` runs in Tier 2 but is mostly entered from Python (the backend's audit saw it): the Tier-1
        functions that name it and have run are promoted at their next call, so their calls of `tf` stay in Wasm
        (a Tier-1 frame already running keeps entering it: there is no on-stack replacement). Returns them."""
        name = tf.name
        if not isinstance(name, Symbol):
            return []
        thr = self.threshold()
        out = []
        for g in list(self.functions.values()):
            if g is tf or g.tier != 1 or g.tier2 is not None or not g.live or g.bonus or not 1 <= g.n1 <= thr:
                continue
            if name in self.names_of(g):
                g.bonus = thr - g.n1
                g.n1 = thr
                out.append(g)
        return out

    def revive_callees(self, tf: TieredFunction) -> None:
        """`tf` was just promoted: the functions its definition names that the safety net demoted are promoted
        again at their next call (at most MAX_REVIVALS times each). They were demoted for reading or making data
        of the other tier while their callers ran in Tier 1; called from Tier 2 code, their data is Tier 2's."""
        functions = self.functions
        for sym in self.names_of(tf):
            f = functions.get(sym)
            if f is not None and f.tier2 is None and not f.live and f.revivals < MAX_REVIVALS \
                    and (f.tier2_error or "").startswith("demoted"):
                f.revivals += 1
                f.live = True

    def force(self, tf: TieredFunction, log: bool = True) -> Any:
        """Promote now (tier 2 mode, COMPILE-WITH-TIER :TIER-2); signal an error saying why if impossible."""
        if tf.tier2 is not None:
            return tf.tier2
        fn = self.promote(tf, log)
        if fn is None:
            label = tf.name.name if isinstance(tf.name, Symbol) else "an anonymous function"
            errors.simple_error(f"Tier 2 cannot compile {label}: {tf.tier2_error}")
        return fn

    # ------------------------------------------------------------------------------------------ Python API
    def compile(self, name: Symbol | None, definition: Any) -> Any:
        """COMPILE*: a tiered function from a lambda expression (installed under `name` unless None); returns
        the function."""
        engine = self.engine
        _check_lambda(engine, definition)
        result = engine.compile_tiered(name, definition)
        return name.function if name is not None else result

    def compile_with_tier(self, tier: str, definition: Any) -> Any:
        engine = self.engine
        _check_lambda(engine, definition)
        if tier not in ("1", "2"):
            errors.simple_error(f"COMPILE-WITH-TIER: the tier must be :TIER-1 or :TIER-2, not {tier}")
        fn = engine.compile_tiered(None, definition)
        tf = fn.tiered
        if tier == "1":
            tf.live = False
            return fn
        return self.force(tf)

    def function_tier(self, name: Any) -> int | None:
        tf = self.lookup(name)
        if tf is None:
            return None
        return tf.tier

    def invocation_count(self, name: Any) -> int:
        tf = self.lookup(name)
        return tf.calls if tf is not None else 0

    def register_runtime_import(self, name: str, fn: Any) -> Any:
        if not isinstance(name, str):
            errors.type_error(name, "STRING", "REGISTER-RUNTIME-IMPORT")
        self.runtime_imports[name] = fn
        return T

    def get_runtime_import(self, name: str) -> Any:
        return self.runtime_imports.get(name)

    def hotpatch(self, name: Symbol, fn: Any) -> Any:
        if not isinstance(name, Symbol) or name is NIL:
            errors.type_error(name, "SYMBOL", "HOTPATCH-FUNCTION")
        if not callable(fn) or isinstance(fn, Symbol):
            errors.type_error(fn, "FUNCTION", "HOTPATCH-FUNCTION")
        name.function = fn
        tf = self.tiered_of(fn)
        if tf is not None:
            self.functions[name] = tf
        self.engine.function_changed(name)
        return T

    def report(self) -> dict[str, dict[str, Any]]:
        """The `functions` object of `clysm run --json`."""
        out: dict[str, dict[str, Any]] = {}
        for sym, tf in self.functions.items():
            out[sym.name] = {"tier": tf.tier, "calls": tf.calls, "promoted_at_call": tf.promoted_at_call,
                             "tier2_error": tf.tier2_error}
        return out

    # ------------------------------------------------------------------------------------------ Lisp API
    def lisp_compile(self, name: Any, definition: Any = None) -> Any:
        """CL:COMPILE, as SBCL: returns name (or the function when name is NIL), NIL, NIL."""
        from clysm.eval.values import MultipleValues

        engine = self.engine
        if definition is None:
            if not isinstance(name, Symbol) or name is NIL:
                errors.program_error("COMPILE: without a definition the name must be a symbol naming a function")
            if name.function is None and name.macro is None:
                errors.undefined_function(name.name)
            return MultipleValues((name, NIL, NIL))
        if callable(definition) and not isinstance(definition, (Symbol, Cons)):
            if name is NIL:
                return MultipleValues((definition, NIL, NIL))
            self.hotpatch(engine.analyzer.function_name(name), definition)
            return MultipleValues((name, NIL, NIL))
        _check_lambda(engine, definition)
        if name is NIL:
            return MultipleValues((engine.compile_tiered(None, definition), NIL, NIL))
        engine.compile_tiered(engine.analyzer.function_name(name), definition)
        return MultipleValues((name, NIL, NIL))

    def lisp_functions(self) -> list[tuple[str, Any]]:
        engine = self.engine

        def compile_star(name: Any, definition: Any) -> Any:
            sym = None if name is NIL else engine.analyzer.function_name(name)
            return self.compile(sym, definition)

        def compile_with_tier(tier: Any, definition: Any) -> Any:
            label = tier.name if isinstance(tier, Symbol) else str(tier)
            mapping = {"TIER-1": "1", "TIER-2": "2"}
            if label not in mapping:
                errors.simple_error(f"COMPILE-WITH-TIER: the tier must be :TIER-1 or :TIER-2, not "
                                    f"{engine.prin1(tier)}")
            return self.compile_with_tier(mapping[label], definition)

        def record_invocation(name: Any) -> Any:
            tf = self._named(name, "RECORD-INVOCATION")
            tf.n1 += 1
            return tf.calls

        def should_promote(name: Any) -> Any:
            tf = self._named(name, "SHOULD-PROMOTE-TO-TIER-2-P")
            return T if tf.tier == 1 and tf.tier2_error is None and tf.calls > self.threshold() else NIL

        def promote_to_tier_2(name: Any, definition: Any = NIL) -> Any:
            tf = self.functions.get(name) if isinstance(name, Symbol) else None
            if tf is None or (definition is not NIL and definition is not tf.definition):
                if definition is NIL:
                    errors.simple_error(f"PROMOTE-TO-TIER-2: {engine.prin1(name)} is not a tiered function")
                self.compile(name, definition)
                tf = self.functions[name]
            return self.force(tf)

        def jit_compile(expr: Any) -> Any:
            if not (isinstance(expr, Cons) and expr.car is engine.sym("LAMBDA")):
                expr = Cons(engine.sym("LAMBDA"), Cons(NIL, Cons(expr, NIL)))
            return self.compile_with_tier("2", expr)

        def hotpatch_function(name: Any, fn: Any) -> Any:
            return self.hotpatch(name, fn)

        def register_runtime_import(name: Any, fn: Any) -> Any:
            return self.register_runtime_import(name, fn)

        def get_runtime_import(name: Any) -> Any:
            fn = self.get_runtime_import(name)
            return NIL if fn is None else fn

        def function_tier(name: Any) -> Any:
            tier = self.function_tier(name)
            if tier is None:
                if isinstance(name, Symbol) and name.function is None:
                    errors.undefined_function(name.name)
                tier = 1
            return engine.keyword(f"TIER-{tier}")

        def invocation_count(name: Any) -> Any:
            return self.invocation_count(name)

        return [
            ("COMPILE*", compile_star), ("COMPILE-WITH-TIER", compile_with_tier),
            ("RECORD-INVOCATION", record_invocation), ("SHOULD-PROMOTE-TO-TIER-2-P", should_promote),
            ("PROMOTE-TO-TIER-2", promote_to_tier_2), ("JIT-COMPILE", jit_compile),
            ("HOTPATCH-FUNCTION", hotpatch_function), ("REGISTER-RUNTIME-IMPORT", register_runtime_import),
            ("GET-RUNTIME-IMPORT", get_runtime_import), ("FUNCTION-TIER", function_tier),
            ("INVOCATION-COUNT", invocation_count),
        ]

    def _named(self, name: Any, fname: str) -> TieredFunction:
        tf = self.lookup(name)
        if tf is None:
            errors.simple_error(f"{fname}: {self.engine.prin1(name)} does not name a tiered function")
        assert tf is not None
        return tf


def _check_lambda(engine: Any, definition: Any) -> None:
    if not (isinstance(definition, Cons) and definition.car is engine.sym("LAMBDA") and isinstance(definition.cdr,
                                                                                                   Cons)):
        errors.simple_error(f"{engine.prin1(definition)} is not a lambda expression")


def _round(x: float) -> float:
    return round(float(x), 3)


__all__ = ["Tier2Unsupported", "TieredFunction", "Tiering", "NO_BACKEND", "CONTINUE"]
