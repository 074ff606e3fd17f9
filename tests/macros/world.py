# The engine as the expansion-level macro tests use it: reading, printing, macroexpansion, predictable gensyms,
# and a code walker that fully expands a form and lists every operator it calls.
from __future__ import annotations

from typing import Any

from clysm.engine import Engine
from clysm.lisp.types import NIL, Cons, Symbol

SPECIAL_FORMS = frozenset(
    "QUOTE IF PROGN LET LET* LAMBDA SETQ BLOCK RETURN-FROM TAGBODY GO FLET LABELS FUNCTION CATCH THROW "
    "UNWIND-PROTECT MULTIPLE-VALUE-CALL MULTIPLE-VALUE-PROG1 MACROLET SYMBOL-MACROLET THE LOCALLY EVAL-WHEN "
    "LOAD-TIME-VALUE PROGV".split()
)


class MacroWorld:
    """A real Engine (Tier 1) with helpers to read, expand and walk forms."""

    def __init__(self) -> None:
        self.engine = Engine(tier="1")

    def sym(self, name: str) -> Symbol:
        return self.engine.sym(name)

    def macroexpand_1(self, form: Any, env: Any) -> tuple[Any, bool]:
        return self.engine.macroexpand_1(form, env)

    def reset_gensyms(self) -> None:
        """Make the next gensym #:<prefix>1, so tests can spell expansions out."""
        self.engine.sym("*GENSYM-COUNTER*").value = 1

    # -- conveniences for tests

    def read(self, text: str) -> Any:
        forms = self.engine.read_all(text)
        assert len(forms) == 1, forms
        return forms[0]

    def prin1(self, x: Any) -> str:
        return self.engine.prin1(x)

    def expand1(self, text: str) -> Any:
        form, changed = self.macroexpand_1(self.read(text), None)
        assert changed
        return form

    def expand_all(self, form: Any) -> tuple[Any, set[str]]:
        """Fully macroexpand form (walking special forms); return it and the names of all called operators."""
        ops: set[str] = set()
        return self._walk(form, ops, set()), ops

    def _walk(self, form: Any, ops: set[str], local_macros: set[Symbol]) -> Any:
        while True:
            if not isinstance(form, Cons):
                return form
            if isinstance(form.car, Symbol) and form.car in local_macros:
                return form
            new, changed = self.macroexpand_1(form, None)
            if not changed:
                break
            form = new
        op = form.car
        if not isinstance(op, (Symbol, Cons)):  # data inside an unknown (user) macro call: leave it alone
            return form
        if isinstance(op, Cons):  # ((lambda ...) args)
            return Cons(self._walk_lambda(op, ops, local_macros), self._walk_list(form.cdr, ops, local_macros))
        name = op.name
        ops.add(name if op.package is None or op.package.name == "COMMON-LISP" else f"{op.package.name}::{name}")
        if name == "QUOTE" or name == "GO" or name == "DECLARE":
            return form
        if name == "FUNCTION":
            arg = form.cdr.car
            if isinstance(arg, Cons) and arg.car is self.sym("LAMBDA"):
                return Cons(op, Cons(self._walk_lambda(arg, ops, local_macros), NIL))
            return form
        if name == "LAMBDA":
            return self._walk_lambda(form, ops, local_macros)
        if name in ("LET", "LET*"):
            bindings = []
            for b in iter_list(form.cdr.car):
                if isinstance(b, Cons):
                    bindings.append(Cons(b.car, self._walk_list(b.cdr, ops, local_macros)))
                else:
                    bindings.append(b)
            return Cons(op, Cons(from_py(bindings), self._walk_list(form.cdr.cdr, ops, local_macros)))
        if name in ("FLET", "LABELS", "MACROLET"):
            defs = list(iter_list(form.cdr.car))
            inner = set(local_macros)
            if name == "MACROLET":
                inner |= {d.car for d in defs}
                return Cons(op, Cons(form.cdr.car, self._walk_list(form.cdr.cdr, ops, inner)))
            walked = [Cons(d.car, self._walk_lambda(Cons(self.sym("LAMBDA"), d.cdr), ops, inner).cdr) for d in defs]
            return Cons(op, Cons(from_py(walked), self._walk_list(form.cdr.cdr, ops, inner)))
        if name == "TAGBODY":
            items = [x if not isinstance(x, Cons) else self._walk(x, ops, local_macros) for x in iter_list(form.cdr)]
            return Cons(op, from_py(items))
        if name in ("BLOCK", "RETURN-FROM", "THE", "EVAL-WHEN", "SETQ", "LOCALLY", "SYMBOL-MACROLET"):
            if name == "SETQ":
                items = list(iter_list(form.cdr))
                return Cons(op, from_py([x if i % 2 == 0 else self._walk(x, ops, local_macros)
                                         for i, x in enumerate(items)]))
            return Cons(op, Cons(form.cdr.car, self._walk_list(form.cdr.cdr, ops, local_macros)))
        return Cons(op, self._walk_list(form.cdr, ops, local_macros))

    def _walk_list(self, forms: Any, ops: set[str], local_macros: set[Symbol]) -> Any:
        return from_py([self._walk(x, ops, local_macros) for x in iter_list(forms)])

    def _walk_lambda(self, form: Any, ops: set[str], local_macros: set[Symbol]) -> Any:
        ll = form.cdr.car
        new_ll = []
        for p in iter_list(ll):
            if isinstance(p, Cons) and isinstance(p.cdr, Cons):
                new_ll.append(Cons(p.car, Cons(self._walk(p.cdr.car, ops, local_macros), p.cdr.cdr)))
            else:
                new_ll.append(p)
        return Cons(form.car, Cons(from_py(new_ll), self._walk_list(form.cdr.cdr, ops, local_macros)))


def iter_list(x: Any) -> Any:
    while isinstance(x, Cons):
        yield x.car
        x = x.cdr


def from_py(items: list[Any]) -> Any:
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result
