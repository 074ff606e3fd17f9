# Generic functions of one engine: GenericFunction objects (callable, installed in the name's function cell),
# methods with class and EQL specializers, dispatch on the classes of the required arguments (cached per class
# tuple), standard method combination (:around, :before, primary, :after) and CALL-NEXT-METHOD / NEXT-METHOD-P
# through a chain object passed to every method function as (next args-list . args). Installers for DEFGENERIC
# and DEFMETHOD (clysm.eval.macros.clos) and the PRINT-OBJECT protocol the printer uses.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.objstate import state
from clysm.lisp.printer import object_id
from clysm.lisp.types import NIL, Cons, Symbol, T


class EqlSpecializer:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class Method:
    __slots__ = ("gf", "qualifiers", "specializers", "fn", "builtin")

    def __init__(self, gf: GenericFunction | None, qualifiers: tuple[str, ...], specializers: list[Any], fn: Any,
                 builtin: bool = False) -> None:
        self.gf = gf
        self.qualifiers = qualifiers
        self.specializers = specializers
        self.fn = fn  # fn(next, args-list, *args)
        self.builtin = builtin  # a default method of the engine (not the user's)

    def lisp_print(self, sub: Any, escape: bool) -> str:
        if self.gf is None:
            name = "?"
        else:
            from clysm.eval.clos import qualified_name

            name = qualified_name(self.gf.engine, self.gf.name)
        specs = " ".join(_spec_text(s, sub) for s in self.specializers)
        quals = "".join(f":{q} " for q in self.qualifiers)
        return f"#<STANDARD-METHOD {name} {quals}({specs}) {object_id(self)}>"


def _spec_text(spec: Any, sub: Any) -> str:
    if isinstance(spec, EqlSpecializer):
        return f"(EQL {sub(spec.value)})"
    return sub(spec.name)


class GenericFunction:
    """A generic function: called like any Lisp function (returns the primary value, sets engine.mv)."""

    def __init__(self, engine: Any, name: Any, nreq: int) -> None:
        self.engine = engine
        self.name = name  # the symbol, or (SETF symbol)
        self.lisp_name = name
        self.nreq = nreq
        self.methods: list[Method] = []
        self.cache: dict[tuple[Any, ...], Any] = {}
        self.has_eql = False

    def lisp_print(self, sub: Any, escape: bool) -> str:
        from clysm.eval.clos import qualified_name

        return f"#<STANDARD-GENERIC-FUNCTION {qualified_name(self.engine, self.name)} ({len(self.methods)})>"

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.sym("STANDARD-GENERIC-FUNCTION")

    def add_method(self, method: Method) -> None:
        method.gf = self
        for i, old in enumerate(self.methods):
            if old.qualifiers == method.qualifiers and len(old.specializers) == len(method.specializers) and all(
                    _same_spec(a, b) for a, b in zip(old.specializers, method.specializers, strict=True)):
                self.methods[i] = method
                break
        else:
            self.methods.append(method)
        self.nreq = max(self.nreq, len(method.specializers))
        self.has_eql = any(isinstance(s, EqlSpecializer) for m in self.methods for s in m.specializers)
        self.cache.clear()

    def __call__(self, *args: Any) -> Any:
        from clysm.eval.clos import class_of

        if len(args) < self.nreq:
            errors.program_error(f"invalid number of arguments: {len(args)}")
        classes = tuple(class_of(self.engine, a) for a in args[: self.nreq])
        effective = None if self.has_eql else self.cache.get(classes)
        if effective is None:
            effective = self.compute(args, classes)
            if not self.has_eql:
                self.cache[classes] = effective
        return effective(args)

    def applicable(self, args: tuple[Any, ...], classes: tuple[Any, ...]) -> list[Method]:
        from clysm.eval.builtins.common import eql

        found: list[tuple[tuple[int, ...], Method]] = []
        for m in self.methods:
            ranks: list[int] = []
            for spec, arg, cls in zip(m.specializers, args, classes, strict=False):
                if isinstance(spec, EqlSpecializer):
                    if not eql(spec.value, arg):
                        break
                    ranks.append(-1)
                elif spec in cls.cpl:
                    ranks.append(cls.cpl.index(spec))
                else:
                    break
            else:
                found.append((tuple(ranks), m))
        found.sort(key=lambda pair: pair[0])
        return [m for _r, m in found]

    def compute(self, args: tuple[Any, ...], classes: tuple[Any, ...]) -> Any:
        methods = self.applicable(args, classes)
        primary = [m for m in methods if not m.qualifiers]
        before = [m for m in methods if m.qualifiers == ("BEFORE",)]
        after = [m for m in reversed(methods) if m.qualifiers == ("AFTER",)]
        around = [m for m in methods if m.qualifiers == ("AROUND",)]
        engine = self.engine
        gf = self
        if not primary:
            def no_method(call_args: tuple[Any, ...]) -> Any:
                _no_applicable(gf, call_args)

            return no_method
        if not before and not after:
            main = None
        else:
            def main(call_args: tuple[Any, ...]) -> Any:
                lst = _lisp_list(call_args)
                for m in before:
                    m.fn(Next(gf, [], 0, None), lst, *call_args)
                engine.mv = None
                result = Next(gf, primary, 0, None).call(call_args)
                saved = engine.mv
                for m in after:
                    m.fn(Next(gf, [], 0, None), lst, *call_args)
                engine.mv = saved
                return result
        if around:
            final = main if main is not None else (lambda call_args: Next(gf, primary, 0, None).call(call_args))
            return lambda call_args: Next(gf, around, 0, final).call(call_args)
        if main is not None:
            return main
        if len(primary) == 1:
            fn = primary[0].fn
            end = Next(gf, [], 0, None)
            return lambda call_args: fn(end, _lisp_list(call_args), *call_args)
        return lambda call_args: Next(gf, primary, 0, None).call(call_args)


class Next:
    """The rest of an effective method: the methods still to run, then `final` (the inner combination)."""

    __slots__ = ("gf", "methods", "i", "final")

    def __init__(self, gf: GenericFunction, methods: list[Method], i: int, final: Any) -> None:
        self.gf = gf
        self.methods = methods
        self.i = i
        self.final = final

    def has_next(self) -> bool:
        return self.i < len(self.methods) or self.final is not None

    def call(self, args: tuple[Any, ...]) -> Any:
        if self.i < len(self.methods):
            m = self.methods[self.i]
            return m.fn(Next(self.gf, self.methods, self.i + 1, self.final), _lisp_list(args), *args)
        if self.final is not None:
            return self.final(args)
        shown = _show(_lisp_list(args))
        errors.signal_error("SIMPLE-ERROR", f"There is no next method for the generic function "
                                            f"{_show(self.gf.name)} when called with arguments {shown}.")


def _same_spec(a: Any, b: Any) -> bool:
    if isinstance(a, EqlSpecializer) and isinstance(b, EqlSpecializer):
        from clysm.eval.builtins.common import eql

        return eql(a.value, b.value)
    return a is b


def _no_applicable(gf: GenericFunction, args: tuple[Any, ...]) -> None:
    errors.signal_error("SIMPLE-ERROR", f"There is no applicable method for the generic function "
                                        f"{_show(gf)} when called with arguments {_show(_lisp_list(args))}.")


def _show(x: Any) -> str:
    from clysm.lisp.printer import prin1_to_string

    return prin1_to_string(x)


def _lisp_list(items: Any) -> Any:
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


def _items(x: Any) -> list[Any]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


# ---------------------------------------------------------------------------------------------- installing

def function_symbol(engine: Any, name: Any) -> Symbol:
    """The symbol whose function cell holds the function named `name` (a symbol or (SETF symbol))."""
    if isinstance(name, Symbol):
        return name
    if isinstance(name, Cons) and isinstance(name.cdr, Cons) and isinstance(name.cdr.car, Symbol):
        return engine.setf_function_symbol(name.cdr.car)
    errors.program_error(f"{_show(name)} is not a valid function name")


def ensure_generic(engine: Any, name: Any, nreq: int = 0, notify: bool = True) -> GenericFunction:
    st = state(engine)
    sym = function_symbol(engine, name)
    gf = st.generics.get(sym)
    if gf is not None and sym.function is gf:
        return gf
    gf = GenericFunction(engine, name, nreq)
    st.generics[sym] = gf
    sym.function = gf
    if notify:  # (not for the engine's own generic functions, made while it starts)
        engine.tiering.forget(sym)
        engine.function_changed(sym)
    return gf


def _required_count(ll: Any) -> int:
    n = 0
    for item in _items(ll):
        if isinstance(item, Symbol) and item.name.startswith("&"):
            break
        n += 1
    return n


@builtin("%DEFGENERIC", package="CLYSM", engine=True)
def defgeneric(engine: Any, name: Any, lambda_list: Any) -> Any:
    gf = ensure_generic(engine, name, _required_count(lambda_list))
    gf.nreq = _required_count(lambda_list)
    return gf


def resolve_specializer(engine: Any, spec: Any) -> Any:
    from clysm.eval.clos import LispClass, find_class_named

    if isinstance(spec, Cons) and isinstance(spec.car, Symbol) and spec.car.name == "EQL":
        return EqlSpecializer(spec.cdr.car)
    if isinstance(spec, LispClass):
        return spec
    return find_class_named(engine, spec)


@builtin("%DEFMETHOD", package="CLYSM", engine=True)
def defmethod(engine: Any, name: Any, qualifiers: Any, specializers: Any, fn: Any) -> Any:
    specs = [resolve_specializer(engine, s) for s in _items(specializers)]
    gf = ensure_generic(engine, name, len(specs))
    quals = tuple(q.name if isinstance(q, Symbol) else str(q) for q in _items(qualifiers))
    method = Method(gf, quals, specs, fn)
    gf.add_method(method)
    return method


@builtin("%CALL-NEXT", package="CLYSM", engine=True)
def call_next(engine: Any, nxt: Next, args: Any, new_args: Any) -> Any:
    return nxt.call(tuple(_items(new_args if new_args is not NIL else args)))


@builtin("%NEXT-METHOD-P", package="CLYSM")
def next_method_p(nxt: Next) -> Any:
    return T if nxt.has_next() else NIL


def add_builtin_method(engine: Any, name: Any, qualifiers: tuple[str, ...], specs: list[Any], fn: Any,
                       user: bool = False) -> Method:
    """A method written in Python: an engine default, or (user=True) one DEFCLASS makes for an accessor."""
    gf = ensure_generic(engine, name, len(specs), notify=user)
    method = Method(gf, qualifiers, specs, fn, builtin=not user)
    gf.add_method(method)
    return method


# ---------------------------------------------------------------------------------------------- PRINT-OBJECT

def print_with_method(engine: Any, gf: GenericFunction, obj: Any, escape: bool) -> str | None:
    """Run PRINT-OBJECT on obj and a string stream when a user method applies; else None."""
    from clysm.eval.builtins.streams import StringOutputStream
    from clysm.eval.clos import class_of

    args = (obj, NIL)
    classes = (class_of(engine, obj), class_of(engine, NIL))
    methods = gf.applicable(args, classes)
    if not any(not m.builtin for m in methods):
        return None
    stream = StringOutputStream()
    escape_sym = engine.sym("*PRINT-ESCAPE*")
    old = escape_sym.value
    escape_sym.value = T if escape else NIL
    try:
        gf(obj, stream)
    finally:
        escape_sym.value = old
    return stream.take()
