# Test helper: a stand-in engine with just what the Tier 2 compiler needs (packages, interning, the reader,
# built-ins bound to symbols), so compiler tests do not depend on the Tier-1 evaluator. Runs on CPython and Pyodide.
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from clysm.eval.builtins.registry import all_builtins
from clysm.lisp.reader import read_all
from clysm.lisp.types import NIL, Package, Symbol, T


class MiniEngine:
    def __init__(self) -> None:
        self.cl = Package("COMMON-LISP")
        self.cl.symbols["NIL"] = NIL
        self.cl.symbols["T"] = T
        NIL.package = NIL.package or self.cl
        self.kw = Package("KEYWORD")
        self.user = Package("COMMON-LISP-USER", uses=[self.cl])
        self.clysm = Package("CLYSM", uses=[self.cl])
        self.packages = {"COMMON-LISP": self.cl, "KEYWORD": self.kw, "COMMON-LISP-USER": self.user,
                         "CLYSM": self.clysm}
        self.gensym_counter = 0
        self.registry: dict[str, Any] = {}
        from clysm.compiler.front import PRIMS, SPECIAL_NAMES

        for name in [*SPECIAL_NAMES, *PRIMS, "LAMBDA", "DEFUN", "FUNCALL", "APPLY"]:
            self.cl.intern(name)
        import importlib
        import pkgutil

        import clysm.eval.builtins as pkg

        for info in pkgutil.iter_modules(pkg.__path__):
            try:
                importlib.import_module(f"clysm.eval.builtins.{info.name}")
            except Exception:  # noqa: BLE001  (a module of the evaluator still being written)
                pass
        for spec in all_builtins():
            sym = self.intern(spec.name, spec.package if spec.package in self.packages else "COMMON-LISP")
            sym.function = (lambda f: (lambda *a: f(self, *a)))(spec.func) if spec.needs_engine else spec.func
        self.bind_macros()
        if self.cl.intern("VALUES").function is None:
            from clysm.eval.builtins.mvalues import values

            self.cl.intern("VALUES").function = values

    def bind_macros(self) -> None:
        import importlib
        import pkgutil

        import clysm.eval.macros as pkg
        from clysm.eval.macros.registry import all_macros

        for info in pkgutil.iter_modules(pkg.__path__):
            try:
                importlib.import_module(f"clysm.eval.macros.{info.name}")
            except Exception:  # noqa: BLE001  (a module of the evaluator still being written)
                pass
        for spec in all_macros():
            sym = self.intern(spec.name, spec.package if spec.package in self.packages else "COMMON-LISP")
            sym.macro = (lambda f: (lambda form, env: f(self, form, env)))(spec.expander)

    def sym(self, name: str) -> Symbol:
        return self.cl.intern(name)

    def gensym(self, prefix: str = "G") -> Symbol:
        self.gensym_counter += 1
        return Symbol(f"{prefix}{self.gensym_counter}")

    def macroexpand_1(self, form: Any, env: Any = None) -> tuple[Any, bool]:
        from clysm.lisp.types import Cons

        if isinstance(form, Cons) and isinstance(form.car, Symbol) and form.car.macro is not None:
            return form.car.macro(form, env), True
        return form, False

    def intern(self, name: str, package: str | None = "COMMON-LISP-USER") -> Symbol:
        return self.packages[package or "COMMON-LISP-USER"].intern(name)

    def read(self, text: str) -> list[Any]:
        return read_all(text, intern=lambda n, p: self.intern(n, p))

    def prin1(self, obj: Any) -> str:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(obj)

    def register_runtime_import(self, name: str, fn: Any) -> None:
        self.registry[name] = fn

    def get_runtime_import(self, name: str) -> Any:
        return self.registry.get(name)


def defun(engine: MiniEngine, backend: Any, text: str) -> Any:
    """Compile `(defun name args . body)` straight to Tier 2 and install it as the symbol's function."""
    (form,) = engine.read(text)
    name = form.cdr.car
    lam = engine.intern("LAMBDA", "COMMON-LISP")
    from clysm.lisp.types import Cons

    definition = Cons(lam, form.cdr.cdr)
    tf = SimpleNamespace(name=name, definition=definition, lexenv=None)
    fn = backend.promote(engine, tf)
    name.function = fn
    return fn, tf


class _Throw(Exception):
    def __init__(self, tag: Any, value: Any) -> None:
        super().__init__("throw")
        self.tag = tag
        self.value = value


class MiniEngineWithEval(MiniEngine):
    """Adds `eval` for exactly the forms the Tier 2 host helpers build (CATCH, THROW, UNWIND-PROTECT, PROGV,
    MULTIPLE-VALUE-CALL, MULTIPLE-VALUE-PROG1 over QUOTE and FUNCALL), with Python semantics."""

    def eval(self, form: Any) -> Any:
        from clysm.eval.builtins.mvalues import values
        from clysm.lisp.types import Cons, iter_list

        if not isinstance(form, Cons):
            return form
        op = form.car.name
        args = list(iter_list(form.cdr))
        if op == "QUOTE":
            return args[0]
        if op == "FUNCALL":
            return self.eval(args[0])(*[self.eval(a) for a in args[1:]])
        if op == "CATCH":
            tag = self.eval(args[0])
            try:
                return self.eval(args[1])
            except _Throw as t:
                if t.tag is tag:
                    return t.value
                raise
        if op == "THROW":
            raise _Throw(self.eval(args[0]), self.eval(args[1]))
        if op == "UNWIND-PROTECT":
            try:
                return self.eval(args[0])
            finally:
                self.eval(args[1])
        if op == "PROGV":
            syms, vals = list(iter_list(self.eval(args[0]))), list(iter_list(self.eval(args[1])))
            saved = [s.value for s in syms]
            for s, v in zip(syms, vals, strict=False):
                s.value = v
            try:
                return self.eval(args[2])
            finally:
                for s, v in zip(syms, saved, strict=True):
                    s.value = v
        if op == "MULTIPLE-VALUE-CALL":
            fn = self.eval(args[0])
            collected: list[Any] = []
            for a in args[1:]:
                r = self.eval(a)
                collected.extend(r if isinstance(r, tuple) else [r])
            return fn(*collected)
        if op == "MULTIPLE-VALUE-PROG1":
            r = self.eval(args[0])
            self.eval(args[1])
            return r if not isinstance(r, tuple) else values(*r)
        raise NotImplementedError(op)
