# Standard classes and their instances: the installer CLYSM::%DEFCLASS (slots with initargs, initforms,
# :allocation :class, accessors/readers/writers as generic function methods), MAKE-INSTANCE through the generic
# INITIALIZE-INSTANCE (default method: slot filling from initargs, default initargs and initforms), SLOT-VALUE
# and (SETF SLOT-VALUE) (on structure instances too), SLOT-BOUNDP, SLOT-MAKUNBOUND, SLOT-EXISTS-P, and the
# engine's default PRINT-OBJECT methods and PRINT-UNREADABLE-OBJECT.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.clos import LispClass, StandardObject, builtin_class, class_of, find_class_named
from clysm.eval.generic import add_builtin_method, ensure_generic
from clysm.eval.objstate import state
from clysm.lisp.printer import object_id
from clysm.lisp.types import NIL, Cons, Symbol, T


class SlotDef:
    __slots__ = ("name", "initargs", "initfunction", "allocation", "cell")

    def __init__(self, name: Symbol, initargs: list[Symbol], initfunction: Any, allocation: str) -> None:
        self.name = name
        self.initargs = initargs
        self.initfunction = initfunction  # a Lisp function of no arguments, or None
        self.allocation = allocation  # "INSTANCE" or "CLASS"
        self.cell: list[Any] = []  # the shared value of a class slot ([] while unbound)


def _items(x: Any) -> list[Any]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


def _show(x: Any) -> str:
    from clysm.lisp.printer import prin1_to_string

    return prin1_to_string(x)


def compute_slots(cls: LispClass) -> None:
    """Effective slots: merged by name over the precedence list (most specific initform wins, initargs unite)."""
    merged: dict[str, SlotDef] = {}
    order: list[str] = []
    for c in reversed(cls.cpl):
        for d in c.direct_slots:
            key = d.name.name
            old = merged.get(key)
            if old is None:
                order.append(key)
                merged[key] = d
            else:
                initargs = list(d.initargs) + [a for a in old.initargs if a not in d.initargs]
                init = d.initfunction if d.initfunction is not None else old.initfunction
                slot = d if d.allocation == "CLASS" else SlotDef(d.name, initargs, init, d.allocation)
                if slot is not d:
                    slot.initargs = initargs
                merged[key] = slot
    cls.slots = [merged[k] for k in order]


@builtin("%DEFCLASS", package="CLYSM", engine=True)
def defclass(engine: Any, name: Any, supers: Any, slot_specs: Any, default_initargs: Any) -> Any:
    """slot_specs: a list of (name initargs initfunction-or-NIL readers writers allocation); writers are
    symbols or (SETF symbol); default_initargs a plist of initarg and value function."""
    st = state(engine)
    super_classes = [find_class_named(engine, s) for s in _items(supers)]
    if not super_classes:
        super_classes = [builtin_class(engine, "STANDARD-OBJECT")]
    cls = st.classes.get(name)
    if cls is None or cls.kind != "standard":
        cls = LispClass(engine, name, "standard", super_classes)
        st.classes[name] = cls
    else:
        cls.supers = super_classes
    slots: list[SlotDef] = []
    accessors: list[tuple[Any, Symbol, bool]] = []
    for spec in _items(slot_specs):
        sname, initargs, initfn, readers, writers, allocation = _items(spec)
        slots.append(SlotDef(sname, _items(initargs), None if initfn is NIL else initfn, allocation.name))
        accessors.extend((r, sname, False) for r in _items(readers))
        accessors.extend((w, sname, True) for w in _items(writers))
    cls.direct_slots = slots
    plist = _items(default_initargs)
    cls.default_initargs = list(zip(plist[::2], plist[1::2], strict=False))
    _refinalize(cls)
    for fname, sname, writer in accessors:
        _define_accessor(engine, cls, fname, sname, writer)
    for sup in super_classes:
        if cls not in sup.subclasses:
            sup.subclasses.append(cls)
    return cls


def _refinalize(cls: LispClass) -> None:
    cls.finalize()
    compute_slots(cls)
    for sub in list(cls.subclasses):
        if cls in sub.supers:
            _refinalize(sub)
    from clysm.eval.generic import GenericFunction

    for gf in state(cls.engine).generics.values():
        if isinstance(gf, GenericFunction):
            gf.cache.clear()


def _define_accessor(engine: Any, cls: LispClass, fname: Any, sname: Symbol, writer: bool) -> None:
    if writer:
        add_builtin_method(engine, fname, (), [builtin_class(engine, "T"), cls],
                           lambda _n, _a, new, obj: set_slot(engine, obj, sname, new), user=True)
    else:
        add_builtin_method(engine, fname, (), [cls], lambda _n, _a, obj: slot_value(engine, obj, sname), user=True)


# ---------------------------------------------------------------------------------------------- slots

def _slot_def(obj: StandardObject, name: Symbol) -> SlotDef | None:
    for d in obj.lisp_class.slots:
        if d.name is name:
            return d
    return None


def _plain(obj: Any) -> str:
    """An instance as the default PRINT-OBJECT shows it (error messages must not run user methods)."""
    if type(obj) is StandardObject:
        return f"#<{_show(obj.lisp_class.name)} {object_id(obj)}>"
    return _show(obj)


def _missing(engine: Any, obj: Any, name: Any, op: str) -> None:
    errors.signal_error("SIMPLE-ERROR", f"When attempting to {op}, the slot {_show(name)} is missing from the "
                                        f"object {_plain(obj)}.")


def slot_value(engine: Any, obj: Any, name: Any) -> Any:
    if type(obj) is StandardObject:
        try:
            return obj.slots[name]
        except KeyError:
            pass
        d = _slot_def(obj, name)
        if d is None:
            _missing(engine, obj, name, "read the slot's value (slot-value)")
        if d.allocation == "CLASS" and d.cell:
            return d.cell[0]
        errors.signal_error("UNBOUND-SLOT", f"The slot {_show(name)} is unbound in the object {_plain(obj)}.",
                            NAME=name, INSTANCE=obj)
    st = getattr(obj, "stype", None)
    if st is not None and isinstance(name, Symbol) and name.name in st.index:
        return obj.values[st.index[name.name]]
    _missing(engine, obj, name, "read the slot's value (slot-value)")


def set_slot(engine: Any, obj: Any, name: Any, value: Any) -> Any:
    if type(obj) is StandardObject:
        d = _slot_def(obj, name)
        if d is None:
            _missing(engine, obj, name, "set the slot's value to " + _show(value) + " (SETF of SLOT-VALUE)")
        if d.allocation == "CLASS":
            d.cell[:] = [value]
        else:
            obj.slots[name] = value
        return value
    st = getattr(obj, "stype", None)
    if st is not None and isinstance(name, Symbol) and name.name in st.index:
        obj.values[st.index[name.name]] = value
        return value
    _missing(engine, obj, name, "set the slot's value (SETF of SLOT-VALUE)")


def _bound(obj: Any, name: Any) -> bool:
    if type(obj) is StandardObject:
        if name in obj.slots:
            return True
        d = _slot_def(obj, name)
        return d is not None and d.allocation == "CLASS" and bool(d.cell)
    return getattr(obj, "stype", None) is not None


@builtin("SLOT-VALUE", engine=True)
def lisp_slot_value(engine: Any, obj: Any, name: Any) -> Any:
    return slot_value(engine, obj, name)


@builtin("SLOT-BOUNDP", engine=True)
def slot_boundp(engine: Any, obj: Any, name: Any) -> Any:
    if type(obj) is StandardObject and _slot_def(obj, name) is None:
        _missing(engine, obj, name, "check the slot's boundness (slot-boundp)")
    return T if _bound(obj, name) else NIL


@builtin("SLOT-EXISTS-P")
def slot_exists_p(obj: Any, name: Any) -> Any:
    if type(obj) is StandardObject:
        return T if _slot_def(obj, name) is not None else NIL
    st = getattr(obj, "stype", None)
    return T if st is not None and isinstance(name, Symbol) and name.name in st.index else NIL


@builtin("SLOT-MAKUNBOUND", engine=True)
def slot_makunbound(engine: Any, obj: Any, name: Any) -> Any:
    if type(obj) is StandardObject:
        d = _slot_def(obj, name)
        if d is None:
            _missing(engine, obj, name, "make the slot unbound (slot-makunbound)")
        if d.allocation == "CLASS":
            d.cell.clear()
        obj.slots.pop(name, None)
    return obj


# ---------------------------------------------------------------------------------------------- instances

@builtin("MAKE-INSTANCE", engine=True)
def make_instance(engine: Any, designator: Any, *initargs: Any) -> Any:
    cls = find_class_named(engine, designator)
    if cls.kind != "standard":
        errors.simple_error(f"Cannot allocate an instance of {_show(cls)}.")
    if len(initargs) % 2:
        errors.program_error("odd number of &KEY arguments")
    given = list(initargs)
    present = set(given[::2])
    for c in cls.cpl:
        for key, fn in c.default_initargs:
            if key not in present:
                present.add(key)
                given.extend([key, fn()])
    _check_initargs(engine, cls, given)
    obj = StandardObject(cls)
    gf = ensure_generic(engine, engine.sym("INITIALIZE-INSTANCE"), 1)
    engine.mv = None
    gf(obj, *given)
    return obj


def _check_initargs(engine: Any, cls: LispClass, initargs: list[Any]) -> None:
    keys = initargs[::2]
    allow = engine.keyword("ALLOW-OTHER-KEYS")
    for k, v in zip(keys, initargs[1::2], strict=False):
        if k is allow and v is not NIL:
            return
    valid = {a for d in cls.slots for a in d.initargs}
    valid.add(allow)
    gf = state(engine).generics.get(engine.sym("INITIALIZE-INSTANCE"))
    if gf is not None and any(not m.builtin for m in gf.methods):
        return  # user methods may take further keys
    bad = [k for k in keys if k not in valid]
    if bad:
        errors.program_error(f"Invalid initialization argument: {_show(bad[0])} in call for class {_show(cls)}.")


def _initialize(engine: Any, obj: Any, initargs: tuple[Any, ...]) -> Any:
    if type(obj) is not StandardObject:
        return obj
    for d in obj.lisp_class.slots:
        found = False
        for k, v in zip(initargs[::2], initargs[1::2], strict=False):
            if k in d.initargs:
                set_slot(engine, obj, d.name, v)
                found = True
                break
        if not found and not _bound(obj, d.name) and d.initfunction is not None:
            set_slot(engine, obj, d.name, d.initfunction())
    return obj


# ---------------------------------------------------------------------------------------------- printing

def _default_print(engine: Any, obj: Any, stream: Any) -> Any:
    from clysm.eval.builtins.printer_io import to_text

    escape = engine.sym("*PRINT-ESCAPE*").value is not NIL
    if type(obj) is StandardObject:
        text = f"#<{to_text(engine, obj.lisp_class.name)} {object_id(obj)}>"
    elif getattr(obj, "stype", None) is not None:
        text = obj.default_text(lambda x: to_text(engine, x, escape=escape), escape)
    else:
        text = to_text(engine, obj, escape=escape)
    stream.write(text)
    return obj


@builtin("%PRINT-UNREADABLE", package="CLYSM", engine=True)
def print_unreadable(engine: Any, obj: Any, stream: Any, type_p: Any, identity: Any, body: Any) -> Any:
    """PRINT-UNREADABLE-OBJECT as SBCL writes it: #<TYPE body {id}>."""
    from clysm.eval.builtins.printer_io import to_text
    from clysm.eval.builtins.streams import output_stream

    out = output_stream(engine, stream)
    out.write("#<")
    if type_p is not NIL:
        from clysm.eval.builtins.predicates import type_of_impl

        out.write(to_text(engine, type_of_impl(engine, obj)))
        if body is not NIL or identity is not NIL:
            out.write(" ")
    if body is not NIL:
        body()
    if identity is not NIL:
        if body is not NIL:
            out.write(" ")
        out.write(object_id(obj))
    out.write(">")
    return NIL


def install_defaults(engine: Any) -> None:
    """The engine's INITIALIZE-INSTANCE and PRINT-OBJECT default methods and (SETF SLOT-VALUE)."""
    t = builtin_class(engine, "T")
    add_builtin_method(engine, engine.sym("INITIALIZE-INSTANCE"), (), [builtin_class(engine, "STANDARD-OBJECT")],
                       lambda _n, _a, obj, *initargs: _initialize(engine, obj, initargs))
    for base in ("STANDARD-OBJECT", "STRUCTURE-OBJECT"):
        add_builtin_method(engine, engine.sym("PRINT-OBJECT"), (), [builtin_class(engine, base), t],
                           lambda _n, _a, obj, stream: _default_print(engine, obj, stream))

    def setf_slot_value(new: Any, obj: Any, name: Any) -> Any:
        return set_slot(engine, obj, name, new)

    sym = engine.setf_function_symbol(engine.sym("SLOT-VALUE"))
    setf_slot_value.lisp_name = Cons(engine.sym("SETF"), Cons(engine.sym("SLOT-VALUE"), NIL))  # type: ignore[attr-defined]
    sym.function = setf_slot_value
    engine.condition_parents.setdefault("UNBOUND-SLOT", ("CELL-ERROR",))


__all__ = ["SlotDef", "class_of", "install_defaults"]
