# DEFSTRUCT at run time: structure types (one Python class per structure type and engine, subclassing the
# included type's class), instances that print as #S(NAME :SLOT value ...), are EQUALP slot-wise and know their
# TYPE-OF; the installer CLYSM::%DEFSTRUCT that defines the accessors (and their SETF functions), predicate and
# copier as Python functions on the engine's symbols; %MAKE-STRUCT for the constructors DEFSTRUCT expands into
# (clysm.eval.macros.structs); COPY-STRUCTURE.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.objstate import state
from clysm.lisp.types import NIL, Cons, Symbol, T


class StructSlot:
    __slots__ = ("name", "initform", "type", "read_only")

    def __init__(self, name: Symbol, initform: Any, type_: Any, read_only: bool) -> None:
        self.name = name
        self.initform = initform  # a form (used by constructors of this type and of including types)
        self.type = type_
        self.read_only = read_only


class StructType:
    """A structure type made by DEFSTRUCT in one engine."""

    def __init__(self, engine: Any, name: Symbol, parent: StructType | None, slots: list[StructSlot],
                 printer: Any) -> None:
        self.engine = engine
        self.name = name
        self.parent = parent
        self.slots = slots  # all slots, inherited ones first
        self.index = {s.name.name: i for i, s in enumerate(slots)}
        self.printer = printer  # None, or (kind, function): kind "function" (obj stream depth) or "object"
        base = parent.pyclass if parent is not None else StructureObject
        self.pyclass: type = type(f"Struct_{name.name}", (base,), {"__slots__": (), "stype": self})

    def is_a(self, other: StructType) -> bool:
        t: StructType | None = self
        while t is not None:
            if t is other:
                return True
            t = t.parent
        return False


class StructureObject:
    """An instance of a DEFSTRUCT type: `values` holds the slot values in StructType.slots order."""

    __slots__ = ("values",)
    stype: StructType

    def __init__(self, values: list[Any]) -> None:
        self.values = values

    def lisp_type_of(self, engine: Any) -> Any:
        return self.stype.name

    def lisp_equalp(self, other: Any, equalp: Any) -> bool:
        return type(other) is type(self) and all(equalp(a, b) for a, b in zip(self.values, other.values,
                                                                                 strict=True))

    def lisp_equalp_key(self, key: Any) -> Any:
        return (type(self), *[key(v) for v in self.values])

    def lisp_print(self, sub: Any, escape: bool) -> str:
        custom = custom_print(self, escape)
        if custom is not None:
            return custom
        return self.default_text(sub, escape)

    def default_text(self, sub: Any, escape: bool) -> str:
        parts = [sub(self.stype.name)]
        for slot, value in zip(self.stype.slots, self.values, strict=True):
            key = sub(self.stype.engine.keyword(slot.name.name))
            parts.append(key if escape else ":" + key)
            parts.append(sub(value))
        return "#S(" + " ".join(parts) + ")"


def custom_print(obj: Any, escape: bool) -> str | None:
    """The text a :PRINT-FUNCTION / :PRINT-OBJECT option or a PRINT-OBJECT method makes for obj, or None."""
    stype = getattr(obj, "stype", None)
    engine = stype.engine if stype is not None else getattr(getattr(obj, "lisp_class", None), "engine", None)
    if engine is None:
        return None
    t = stype
    while t is not None:
        if t.printer is not None:
            return _print_with(engine, t.printer, obj, escape)
        t = t.parent
    from clysm.eval.clos import print_object_text

    return print_object_text(engine, obj, escape)


def _print_with(engine: Any, printer: tuple[str, Any], obj: Any, escape: bool) -> str:
    from clysm.eval.builtins.streams import StringOutputStream

    stream = StringOutputStream()
    escape_sym = engine.sym("*PRINT-ESCAPE*")
    old = escape_sym.value
    escape_sym.value = T if escape else NIL
    try:
        kind, fn = printer
        if kind == "function":
            fn(obj, stream, 0)
        else:
            fn(obj, stream)
    finally:
        escape_sym.value = old
    return stream.take()


# ---------------------------------------------------------------------------------------------- checks

def _check_type(engine: Any, slot: StructSlot, value: Any) -> None:
    if slot.type is T or slot.type is NIL:
        return
    from clysm.eval.builtins.predicates import typep_impl

    try:
        ok = typep_impl(engine, value, slot.type)
    except errors.LispError:  # an unknown type: not checked
        return
    if not ok:
        from clysm.lisp.printer import prin1_to_string

        errors.type_error(value, prin1_to_string(slot.type))


def struct_type(engine: Any, name: Any) -> StructType:
    st = state(engine).structs.get(name)
    if st is None:
        errors.simple_error(f"{_show(name)} is not a defined structure type")
    return st


def _show(x: Any) -> str:
    from clysm.lisp.printer import prin1_to_string

    return prin1_to_string(x)


# ---------------------------------------------------------------------------------------------- installers

def _install(engine: Any, name: Symbol, fn: Any) -> None:
    fn.lisp_name = name
    fn.__qualname__ = name.name
    name.function = fn
    engine.tiering.forget(name)
    engine.function_changed(name)


def _install_setf(engine: Any, name: Symbol, fn: Any) -> None:
    sym = engine.setf_function_symbol(name)
    fn.lisp_name = Cons(engine.sym("SETF"), Cons(name, NIL))
    sym.function = fn
    engine.tiering.forget(sym)
    engine.function_changed(sym)


def _items(x: Any) -> list[Any]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


@builtin("%DEFSTRUCT", package="CLYSM", engine=True)
def defstruct(engine: Any, name: Any, parent_name: Any, slot_specs: Any, conc_name: Any, predicate: Any,
              copier: Any, print_kind: Any = NIL, print_fn: Any = NIL) -> Any:
    """Define structure type `name`: slot_specs is a list of (name initform type read-only-p) for the slots
    the type adds or overrides (inherited ones come from `parent_name`); conc_name is a string prefix or NIL for
    none; predicate and copier are symbols or NIL."""
    st_all = state(engine)
    parent = struct_type(engine, parent_name) if parent_name is not NIL else None
    slots: list[StructSlot] = [StructSlot(s.name, s.initform, s.type, s.read_only) for s in parent.slots] \
        if parent is not None else []
    for spec in _items(slot_specs):
        sname, initform, type_, ro = _items(spec)
        slot = StructSlot(sname, initform, type_, ro is not NIL)
        for i, old in enumerate(slots):
            if old.name.name == sname.name:
                slots[i] = slot
                break
        else:
            slots.append(slot)
    printer = None
    if print_kind is not NIL:
        printer = ("function" if print_kind.name == "FUNCTION" else "object", print_fn)
    stype = StructType(engine, name, parent, slots, printer)
    st_all.structs[name] = stype
    from clysm.eval.clos import register_structure_class

    register_structure_class(engine, stype)
    cls = stype.pyclass
    tname = name.name
    if isinstance(conc_name, str):
        for i, slot in enumerate(slots):
            acc = engine.intern(conc_name + slot.name.name)
            _install(engine, acc, _reader(cls, i, tname))
            if not slot.read_only:
                _install_setf(engine, acc, _writer(engine, cls, i, slot, tname))
    if predicate is not NIL:
        _install(engine, predicate, lambda x: T if isinstance(x, cls) else NIL)
    if copier is not NIL:
        def copy(x: Any) -> Any:
            if not isinstance(x, cls):
                errors.type_error(x, tname)
            return type(x)(list(x.values))

        _install(engine, copier, copy)
    return name


def _reader(cls: type, i: int, tname: str) -> Any:
    def read(x: Any) -> Any:
        if not isinstance(x, cls):
            errors.type_error(x, tname)
        return x.values[i]

    return read


def _writer(engine: Any, cls: type, i: int, slot: StructSlot, tname: str) -> Any:
    def write(new: Any, x: Any) -> Any:
        if not isinstance(x, cls):
            errors.type_error(x, tname)
        _check_type(engine, slot, new)
        x.values[i] = new
        return new

    return write


@builtin("%MAKE-STRUCT", package="CLYSM", engine=True)
def make_struct(engine: Any, name: Any, *values: Any) -> Any:
    stype = struct_type(engine, name)
    for slot, value in zip(stype.slots, values, strict=True):
        _check_type(engine, slot, value)
    return stype.pyclass(list(values))


@builtin("COPY-STRUCTURE")
def copy_structure(x: Any) -> Any:
    if not isinstance(x, StructureObject):
        errors.type_error(x, "STRUCTURE-OBJECT")
    return type(x)(list(x.values))


@builtin("%STRUCT-SLOTS", package="CLYSM", engine=True)
def struct_slots(engine: Any, name: Any) -> Any:
    """The slot names of a structure type (for macros)."""
    result: Any = NIL
    for slot in reversed(struct_type(engine, name).slots):
        result = Cons(slot.name, result)
    return result
