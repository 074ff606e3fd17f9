# The development tools a playground user reaches for: TIME (with the tiers that ran), TRACE / UNTRACE (SBCL's
# output; a traced function is called through a wrapper installed in its function cell, so Tier 2 callers and
# self calls see it through the same hot-patching path as a redefinition), DISASSEMBLE (WAT of a Tier 2 function,
# the generated Python of a Tier 1 one), DESCRIBE, DOCUMENTATION, APROPOS, ROOM, BREAK. Per-engine state lives in
# the DevTools object (engine.devtools); the macros that front some of these are in clysm/eval/macros/devtools.py
# and the type part (DEFTYPE, PROCLAIM) in clysm/devtypes.py.
from __future__ import annotations

import time
from typing import Any

from clysm.eval import errors
from clysm.eval.values import as_builtin_result, call_values
from clysm.lisp.types import NIL, Cons, LispError, Symbol, T


class Traced:
    """One traced function: its name, the function it wraps (the cell's content when traced) and the wrapper."""

    __slots__ = ("name", "original", "wrapper")

    def __init__(self, name: Symbol, original: Any, wrapper: Any) -> None:
        self.name = name
        self.original = original
        self.wrapper = wrapper


class DevTools:
    """Per-engine state of the development tools: traced functions, trace depth, documentation strings."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.traced: dict[Symbol, Traced] = {}
        self.depth = 0
        self.printing = False  # inside a trace report: calls of traced functions made by the printer are not traced
        self.deftypes: dict[Symbol, tuple[Any, Any]] = {}  # DEFTYPE name -> (expander (form env), lambda list)
        self.docs: dict[tuple[int, str], tuple[Any, str, Any]] = {}  # (id(name), kind) -> (name, docstring)

    # ------------------------------------------------------------------------------------------ output
    def _trace_out(self) -> Any:
        out = self.engine.sym("*TRACE-OUTPUT*").value
        return out if hasattr(out, "write") else self.engine.output

    def _say(self, text: str) -> None:
        self.printing = True
        try:
            self._trace_out().write(text)
        finally:
            self.printing = False

    def _warn(self, text: str) -> None:
        out = self.engine.sym("*ERROR-OUTPUT*").value
        out = out if hasattr(out, "write") else self.engine.output
        if hasattr(out, "fresh_line"):
            out.fresh_line()
        out.write(f"WARNING: {text}\n")

    # ------------------------------------------------------------------------------------------ TIME
    def time(self, thunk: Any) -> Any:
        """CLYSM::%TIME: call thunk, report on *TRACE-OUTPUT* like SBCL's TIME, return its values."""
        engine = self.engine
        tiering = engine.tiering
        before = {sym: (tf, tf.calls, tf.tier) for sym, tf in tiering.functions.items()}
        n_events = len(tiering.events)
        u0, s0 = _cpu_times()
        r0 = time.perf_counter()
        vals = call_values(engine, thunk)
        real = time.perf_counter() - r0
        u1, s1 = _cpu_times()
        user, system = u1 - u0, s1 - s0
        run = user + system
        lines = ["Evaluation took:", f"  {real:.3f} seconds of real time",
                 f"  {run:.6f} seconds of total run time ({user:.6f} user, {system:.6f} system)"]
        if real >= 0.001:  # below a millisecond the ratio is clock noise
            lines.append(f"  {run / real * 100:.2f}% CPU")
        lines.extend(self._tier_lines(before, tiering, n_events))
        self._say("\n".join(lines) + "\n  \n")
        return as_builtin_result(vals)

    def _tier_lines(self, before: dict[Symbol, Any], tiering: Any, n_events: int) -> list[str]:
        """What ran in which tier: the calls of each named function during the form, and the promotions."""
        out: list[str] = []
        for sym, tf in tiering.functions.items():
            old = before.get(sym)
            calls = tf.calls - (old[1] if old is not None and old[0] is tf else 0)
            if calls <= 0:
                continue
            where = f"Tier {tf.tier}"
            if tf.tier == 2 and tf.promoted_at_call is not None:
                where += f" from call {tf.promoted_at_call}"
            out.append(f"  {calls:,} call{'s' if calls != 1 else ''} of {self.engine.prin1(sym)} ({where})")
        for ev in tiering.events[n_events:]:
            name = ev.get("function") or "an anonymous function"
            if ev.get("demoted"):
                out.append(f"  {name} demoted to Tier 1 ({ev.get('reason')})")
            elif ev.get("ok"):
                out.append(f"  {name} promoted to Tier 2 at call {ev.get('call')} (compiled in "
                           f"{ev.get('compile_ms', 0):.1f} ms, {ev.get('module_bytes', 0):,}-byte module)")
            else:
                out.append(f"  {name} stays in Tier 1: {ev.get('reason')}")
        return out

    # ------------------------------------------------------------------------------------------ TRACE
    def trace(self, names: Any) -> Any:
        """CLYSM::%TRACE: trace each function name (a list); no names: the list of traced names."""
        engine = self.engine
        if names is NIL:
            return _lisp_list(list(self.traced))
        done: list[Any] = []
        x = names
        while isinstance(x, Cons):
            name = x.car
            x = x.cdr
            sym = self._function_symbol(name)
            if sym is None or sym.function is None:
                shown = engine.prin1(name) if sym is None else _qualified(engine, sym)
                kind = "a macro" if sym is not None and sym.macro is not None else "undefined"
                self._warn(f"{shown} is {kind}, not tracing.")
                continue
            if sym in self.traced:
                self._warn(f"{engine.prin1(name)} is already TRACE'd, untracing it first.")
                self._untrace_one(sym)
            self._wrap(sym, name)
            done.append(name)
        return _lisp_list(done)

    def _function_symbol(self, name: Any) -> Symbol | None:
        if isinstance(name, Symbol) and name is not NIL:
            return name
        if isinstance(name, Cons) and isinstance(name.car, Symbol) and name.car.name == "SETF" \
                and isinstance(name.cdr, Cons) and isinstance(name.cdr.car, Symbol):
            return self.engine.setf_function_symbol(name.cdr.car)
        errors.simple_error(f"TRACE: {self.engine.prin1(name)} is not a function name")
        return None

    def _wrap(self, sym: Symbol, label: Any) -> None:
        engine = self.engine
        original = sym.function
        tf = engine.tiering.functions.get(sym)
        if tf is not None and original not in (tf.tier1, tf.tier2, tf.entry):
            tf = None
        tools = self
        package = engine.package_symbol

        def traced(*args: Any) -> Any:
            target = tf.entry if tf is not None else original
            if tools.printing:
                return target(*args)
            depth = tools.depth
            pad = " " * (2 * depth + 2)
            current = package.value
            tools.printing = True  # a traced function the printer calls (PRINT-OBJECT) runs untraced meanwhile
            package.value = engine.user_package  # as SBCL, the call is printed with *PACKAGE* = CL-USER
            try:
                call = " ".join([engine.prin1(label), *(engine.prin1(a) for a in args)])
            finally:
                package.value = current
                tools.printing = False
            tools._say(f"{pad}{depth}: ({call})\n")
            tools.depth = depth + 1
            try:
                vals = call_values(engine, target, *args)
            except BaseException:
                tools.depth = depth
                tools._say(f"{pad}{depth}: {engine.prin1(label)} exited non-locally\n")
                raise
            tools.depth = depth
            tools.printing = True
            try:
                text = " ".join([engine.prin1(label), "returned", *(engine.prin1(v) for v in vals)])
            finally:
                tools.printing = False
            tools._say(f"{pad}{depth}: {text}\n")
            if len(vals) == 1:
                engine.mv = None
                return vals[0]
            engine.mv = vals
            return vals[0] if vals else NIL

        traced.lisp_name = sym  # type: ignore[attr-defined]
        traced.traced_original = original  # type: ignore[attr-defined]
        self.traced[sym] = Traced(sym, original, traced)
        sym.function = traced
        engine.function_changed(sym)  # Tier 2 callers (and self calls) now go through the host stub: the wrapper

    def untrace(self, names: Any) -> Any:
        """CLYSM::%UNTRACE: untrace the named functions (all when names is NIL); returns T."""
        if names is NIL:
            for sym in list(self.traced):
                self._untrace_one(sym)
            return T
        x = names
        while isinstance(x, Cons):
            sym = self._function_symbol(x.car)
            if sym is not None and sym in self.traced:
                self._untrace_one(sym)
            x = x.cdr
        return T

    def _untrace_one(self, sym: Symbol) -> None:
        entry = self.traced.pop(sym)
        if sym.function is entry.wrapper:
            tf = self.engine.tiering.functions.get(sym)
            sym.function = tf.entry if tf is not None and entry.original in (tf.tier1, tf.tier2, tf.entry) \
                else entry.original
            self.engine.function_changed(sym)  # a Tier 2 function goes back into its $fns slot

    def function_changed(self, sym: Symbol) -> None:
        """The engine's hook on every change of a function cell: a traced function that is redefined stays traced
        (as in SBCL); one made unbound is untraced."""
        entry = self.traced.get(sym)
        if entry is None or sym.function is entry.wrapper:
            return
        del self.traced[sym]
        if sym.function is not None and sym.macro is None:
            tf = self.engine.tiering.functions.get(sym)
            if tf is not None and tf.tier == 2 and sym.function is tf.tier2 and entry.original is tf.tier1:
                return  # promoted while traced cannot happen through the cell (the wrapper holds it); be safe
            self._wrap(sym, sym if sym.name[:1] != "(" else _setf_label(self.engine, sym))

    # ------------------------------------------------------------------------------------------ DISASSEMBLE
    def disassemble(self, what: Any) -> Any:
        from clysm.devinspect import disassemble_text

        self.engine.output.write(disassemble_text(self.engine, what))
        return NIL

    # ------------------------------------------------------------------------------------------ DOCUMENTATION
    def _definition(self, name: Any) -> Any:
        """What a function docstring belongs to: the current definition of a function name (a redefinition by
        DEFUN brings its own docstring), or the function object itself."""
        if isinstance(name, Symbol):
            tf = self.engine.tiering.functions.get(name)
            return tf.definition if tf is not None else name.function
        return name

    def set_doc(self, name: Any, kind: str, doc: Any) -> None:
        key = (id(name), kind)
        if doc is NIL or doc is None:
            self.docs.pop(key, None)
        else:
            self.docs[key] = (name, doc, self._definition(name) if kind == "FUNCTION" else None)

    def get_doc(self, name: Any, kind: str) -> Any:
        found = self.docs.get((id(name), kind))
        if found is None or (kind == "FUNCTION" and found[2] is not self._definition(name)):
            return None
        return found[1]

    def documentation(self, x: Any, doc_type: Any) -> Any:
        kind = doc_type.name if isinstance(doc_type, Symbol) else None
        if kind is None:
            errors.type_error(doc_type, "SYMBOL", "DOCUMENTATION")
        if isinstance(x, Symbol):
            if kind in ("FUNCTION", "COMPILER-MACRO", "SETF"):
                doc = self.get_doc(x, "FUNCTION")
                if doc is None and x.function is not None:
                    doc = function_docstring(self.engine, x.function)
                return NIL if doc is None else doc
            if kind in ("VARIABLE", "TYPE", "STRUCTURE", "METHOD-COMBINATION"):
                doc = self.get_doc(x, kind)
                return NIL if doc is None else doc
            return NIL
        if callable(x) and kind in ("T", "FUNCTION"):
            doc = self.get_doc(x, "FUNCTION")
            if doc is None:
                doc = function_docstring(self.engine, x)
            return NIL if doc is None else doc
        if isinstance(x, Cons):  # (SETF name)
            return NIL
        self._warn(f"unsupported DOCUMENTATION: doc-type {kind} for object of type "
                   f"{self.engine.prin1(self.engine.sym('TYPE-OF').function(x))}")
        return NIL

    def set_documentation(self, doc: Any, x: Any, doc_type: Any) -> Any:
        kind = doc_type.name if isinstance(doc_type, Symbol) else "T"
        if not isinstance(x, Symbol) and callable(x):
            kind = "FUNCTION"
        if kind in ("COMPILER-MACRO", "SETF"):
            kind = "FUNCTION"
        if doc is not NIL and not isinstance(doc, str):
            errors.type_error(doc, "(OR STRING NULL)", "(SETF DOCUMENTATION)")
        self.set_doc(x, kind, doc)
        return doc

    # ------------------------------------------------------------------------------------------ BREAK, ROOM
    def break_(self, fmt: Any = "break", *args: Any) -> Any:
        """BREAK without a debugger: as `sbcl --script` (debugger disabled), the program stops with an unhandled
        SIMPLE-CONDITION; handlers do not see it (BREAK invokes the debugger directly, it does not signal)."""
        from clysm.eval.conditions import coerce_to_condition

        cond = coerce_to_condition(self.engine, fmt, args, "SIMPLE-CONDITION", "BREAK")
        exc = LispError(cond)
        exc.signalled = True  # type: ignore[attr-defined]  (so HANDLER-BIND frames let it pass)
        raise exc

    def room(self, _detail: Any = NIL) -> Any:
        import gc

        engine = self.engine
        tiering = engine.tiering
        tier2 = [tf for tf in tiering.functions.values() if tf.tier == 2]
        wasm = sum(tf.module_size or 0 for tf in tier2)
        counts = gc.get_count()
        lines = [f"Python objects tracked by the collector: {len(gc.get_objects()):,}",
                 f"Collections pending (generations 0/1/2): {counts[0]}/{counts[1]}/{counts[2]}",
                 f"Named functions: {len(tiering.functions):,} ({len(tier2):,} in Tier 2, "
                 f"{wasm:,} bytes of JIT modules)",
                 f"Generated Tier 1 code units cached: {len(engine.code_cache):,}"]
        bridge = _bridge(engine)
        if bridge is not None:
            objects = getattr(bridge, "objects", None)
            if objects is not None:
                lines.append(f"Host handles held for Tier 2: {len(objects):,}")
        engine.output.write("\n".join(lines) + "\n")
        return NIL

    # ------------------------------------------------------------------------------------------ Lisp binding
    def lisp_functions(self) -> list[tuple[str, str, Any]]:
        from clysm.devinspect import apropos_functions, describe

        tools = self
        engine = self.engine

        def time_(thunk: Any) -> Any:
            return tools.time(thunk)

        time_.lisp_multiple_values = True  # type: ignore[attr-defined]

        def trace_(names: Any) -> Any:
            return tools.trace(names)

        def untrace_(names: Any) -> Any:
            return tools.untrace(names)

        def disassemble(what: Any) -> Any:
            return tools.disassemble(what)

        def documentation(x: Any, doc_type: Any) -> Any:
            return tools.documentation(x, doc_type)

        def set_doc(name: Any, kind: Any, doc: Any) -> Any:
            tools.set_doc(name, kind.name if isinstance(kind, Symbol) else str(kind), doc)
            return name

        def describe_(x: Any, stream: Any = NIL) -> Any:
            out = engine.output if stream is NIL or stream is T else stream
            out.write(describe(engine, x))
            return NIL

        def break_(fmt: Any = "break", *args: Any) -> Any:
            return tools.break_(fmt, *args)

        def room(detail: Any = NIL) -> Any:
            return tools.room(detail)

        def compiler_macro_function(name: Any, env: Any = NIL) -> Any:
            return NIL

        cl = "COMMON-LISP"
        fns: list[tuple[str, str, Any]] = [
            ("%TIME", "CLYSM", time_), ("%TRACE", "CLYSM", trace_), ("%UNTRACE", "CLYSM", untrace_),
            ("%SET-DOCUMENTATION", "CLYSM", set_doc),
            ("DISASSEMBLE", cl, disassemble), ("DOCUMENTATION", cl, documentation), ("DESCRIBE", cl, describe_),
            ("BREAK", cl, break_), ("ROOM", cl, room), ("COMPILER-MACRO-FUNCTION", cl, compiler_macro_function),
        ]
        fns.extend(apropos_functions(engine))
        return fns

    def install(self) -> None:
        """Bind what is not a plain function: (SETF DOCUMENTATION)."""
        tools = self

        def setf_documentation(doc: Any, x: Any, doc_type: Any) -> Any:
            return tools.set_documentation(doc, x, doc_type)

        self.engine.setf_function_symbol(self.engine.sym("DOCUMENTATION")).function = setf_documentation
        from clysm.eval.macros.devtools import install_type_hooks

        install_type_hooks(self.engine)


def function_docstring(engine: Any, fn: Any) -> str | None:
    """The docstring of a function defined by DEFUN / LAMBDA (kept in its lambda expression), or None."""
    fn = getattr(fn, "traced_original", fn)
    tf = engine.tiering.tiered_of(fn)
    if tf is None:
        name = getattr(fn, "lisp_name", None)
        if isinstance(name, Symbol):
            tf = engine.tiering.functions.get(name)
    if tf is None or not isinstance(tf.definition, Cons) or not isinstance(tf.definition.cdr, Cons):
        return None
    body = tf.definition.cdr.cdr
    if isinstance(body, Cons) and isinstance(body.car, str) and isinstance(body.cdr, Cons):
        return body.car
    # a docstring after declarations
    while isinstance(body, Cons) and isinstance(body.car, Cons) and body.car.car is engine.sym("DECLARE"):
        body = body.cdr
    if isinstance(body, Cons) and isinstance(body.car, str) and isinstance(body.cdr, Cons):
        return body.car
    return None


def _cpu_times() -> tuple[float, float]:
    """(user, system) CPU seconds of this process, at microsecond resolution where the platform has getrusage
    (os.times() counts in 10 ms ticks on Linux); in Pyodide, all of process_time() counts as user time."""
    try:
        import resource

        ru = resource.getrusage(resource.RUSAGE_SELF)
        return ru.ru_utime, ru.ru_stime
    except (ImportError, OSError, AttributeError):
        return time.process_time(), 0.0


def _bridge(engine: Any) -> Any:
    backend = engine.backend
    bridges = getattr(backend, "_bridges", None)
    entry = bridges.get(id(engine)) if bridges is not None else None
    return entry[1] if entry is not None else None


def _qualified(engine: Any, sym: Symbol) -> str:
    pkg = sym.package
    if pkg is None:
        return f"#:{sym.name}"
    return f"{pkg.name}::{engine.prin1(sym).split(':')[-1]}" if pkg.name != "KEYWORD" else engine.prin1(sym)


def _setf_label(engine: Any, sym: Symbol) -> Any:
    base = engine.setf_function_base(sym)
    return _lisp_list([engine.sym("SETF"), base]) if base is not None else sym


def _lisp_list(items: list[Any]) -> Any:
    out: Any = NIL
    for item in reversed(items):
        out = Cons(item, out)
    return out


__all__ = ["DevTools", "function_docstring"]
