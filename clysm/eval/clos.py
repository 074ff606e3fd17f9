# CLOS classes of one engine: built-in classes (made on demand, with SBCL's precedence lists), structure classes
# (one per DEFSTRUCT type), condition classes and standard classes (DEFCLASS, C3 precedence lists), standard
# instances, CLASS-OF / FIND-CLASS / CLASS-NAME, MAKE-INSTANCE, SLOT-VALUE and friends, and the TYPEP / SUBTYPEP
# hooks that make structure and class names types. Generic functions live in clysm.eval.generic.
from __future__ import annotations

from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.objstate import ObjectState, state
from clysm.lisp.printer import object_id
from clysm.lisp.types import (
    NIL,
    Char,
    Condition,
    Cons,
    HashTable,
    LispArray,
    LispVector,
    Package,
    SingleFloat,
    Symbol,
    T,
)

# Built-in classes: name -> direct superclasses (SBCL's, simplified to single chains where SBCL has several).
BUILTIN_SUPERS: dict[str, tuple[str, ...]] = {
    "T": (), "NUMBER": ("T",), "REAL": ("NUMBER",), "RATIONAL": ("REAL",), "INTEGER": ("RATIONAL",),
    "FIXNUM": ("INTEGER",), "BIGNUM": ("INTEGER",), "RATIO": ("RATIONAL",), "FLOAT": ("REAL",),
    "DOUBLE-FLOAT": ("FLOAT",), "SINGLE-FLOAT": ("FLOAT",), "COMPLEX": ("NUMBER",), "CHARACTER": ("T",),
    "SYMBOL": ("T",),
    "SEQUENCE": ("T",), "LIST": ("SEQUENCE",), "CONS": ("LIST",), "NULL": ("SYMBOL", "LIST"),
    "ARRAY": ("T",), "VECTOR": ("ARRAY", "SEQUENCE"), "STRING": ("VECTOR",), "BIT-VECTOR": ("VECTOR",),
    "SIMPLE-VECTOR": ("VECTOR",), "SIMPLE-ARRAY": ("ARRAY",), "HASH-TABLE": ("T",), "FUNCTION": ("T",),
    "PACKAGE": ("T",),
    "STREAM": ("T",), "STANDARD-OBJECT": ("T",), "STRUCTURE-OBJECT": ("T",), "CONDITION": ("T",),
    "KEYWORD": ("SYMBOL",),
}  # fmt: skip


def qualified_name(engine: Any, name: Any) -> str:
    """The name of a class or generic function as SBCL shows it inside #<...>: printed with *PACKAGE* the keyword
    package, so always with its package prefix (COMMON-LISP-USER::POINT, COMMON-LISP:INTEGER)."""
    from clysm.lisp.printer import prin1_to_string

    if name is T or name is NIL:  # (the shared constants carry no package themselves)
        return f"COMMON-LISP:{name.name}"
    find = getattr(engine, "find_package", None)
    return prin1_to_string(name, package=find("KEYWORD") if find is not None else None)


class LispClass:
    """A class: kind is 'built-in', 'structure', 'condition' or 'standard'."""

    def __init__(self, engine: Any, name: Symbol, kind: str, supers: list[LispClass]) -> None:
        self.engine = engine
        self.name = name
        self.kind = kind
        self.supers = supers
        self.cpl: list[LispClass] = []
        self.direct_slots: list[Any] = []  # SlotDef (standard classes)
        self.slots: list[Any] = []  # effective SlotDefs
        self.default_initargs: list[tuple[Symbol, Any]] = []
        self.struct: Any = None  # the StructType of a structure class
        self.subclasses: list[LispClass] = []
        self.finalize()

    def finalize(self) -> None:
        self.cpl = c3(self)

    def lisp_print(self, sub: Any, escape: bool) -> str:
        meta = {"built-in": "BUILT-IN-CLASS", "structure": "STRUCTURE-CLASS", "condition": "CONDITION-CLASS",
                "standard": "STANDARD-CLASS"}[self.kind]
        return f"#<{meta} {qualified_name(self.engine, self.name)}>"

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.sym({"built-in": "BUILT-IN-CLASS", "structure": "STRUCTURE-CLASS",
                           "condition": "CONDITION-CLASS", "standard": "STANDARD-CLASS"}[self.kind])

    def is_subclass(self, other: LispClass) -> bool:
        return other in self.cpl


def c3(cls: LispClass) -> list[LispClass]:
    """The C3 linearization (CLOS's class precedence list for consistent hierarchies)."""
    seqs = [list(s.cpl) for s in cls.supers] + [list(cls.supers)]
    out = [cls]
    while True:
        seqs = [s for s in seqs if s]
        if not seqs:
            return out
        for seq in seqs:
            head = seq[0]
            if not any(head in s[1:] for s in seqs):
                break
        else:
            errors.simple_error(f"Inconsistent precedence graph for class {cls.name.name}")
        out.append(head)
        for s in seqs:
            if s and s[0] is head:
                del s[0]


class StandardObject:
    """An instance of a standard class: slot values by slot name symbol."""

    __slots__ = ("lisp_class", "slots")

    def __init__(self, cls: LispClass) -> None:
        self.lisp_class = cls
        self.slots: dict[Symbol, Any] = {}

    def lisp_type_of(self, engine: Any) -> Any:
        return self.lisp_class.name

    def lisp_print(self, sub: Any, escape: bool) -> str:
        custom = print_object_text(self.lisp_class.engine, self, escape)
        if custom is not None:
            return custom
        return f"#<{sub(self.lisp_class.name)} {object_id(self)}>"


# ---------------------------------------------------------------------------------------------- class lookup

def builtin_class(engine: Any, name: str) -> LispClass:
    st = state(engine)
    cls = st.builtin_classes.get(name)
    if cls is None:
        supers = [builtin_class(engine, s) for s in BUILTIN_SUPERS[name]]
        sym = engine.sym(name) if name != "KEYWORD" else engine.sym("KEYWORD")
        cls = LispClass(engine, sym, "built-in", supers)
        st.builtin_classes[name] = cls
    return cls


def condition_class(engine: Any, type_name: str) -> LispClass:
    st = state(engine)
    key = "condition:" + type_name
    cls = st.builtin_classes.get(key)
    if cls is None:
        parents = engine.condition_parents.get(type_name, ("CONDITION",)) if type_name != "CONDITION" else ()
        supers = [condition_class(engine, p) for p in parents] or [builtin_class(engine, "T")]
        from clysm.eval.builtins.predicates import _cl_conditions

        sym = engine.sym(type_name) if type_name in _cl_conditions() else engine.intern(type_name)
        cls = LispClass(engine, sym, "condition", supers)
        st.builtin_classes[key] = cls
    return cls


def find_class_named(engine: Any, name: Any, errorp: bool = True) -> LispClass | None:
    if isinstance(name, LispClass):
        return name
    st = state(engine)
    cls = st.classes.get(name)
    if cls is not None:
        return cls
    if isinstance(name, Symbol) and (name is T or name.package is engine.cl_package) and name.name in BUILTIN_SUPERS:
        return builtin_class(engine, name.name)
    if isinstance(name, Symbol) and name.name in engine.condition_parents:
        return condition_class(engine, name.name)
    if errorp:
        from clysm.lisp.printer import prin1_to_string

        errors.signal_error("CELL-ERROR", f"There is no class named {prin1_to_string(name)}.", NAME=name)
    return None


def class_of(engine: Any, x: Any) -> LispClass:
    t = type(x)
    if t is StandardObject:
        return x.lisp_class
    st = getattr(x, "stype", None)
    if st is not None:
        return state(engine).classes[st.name]
    if t is int:
        return builtin_class(engine, "FIXNUM" if -(2**62) <= x < 2**62 else "BIGNUM")
    if t is Fraction:
        return builtin_class(engine, "RATIO")
    if t is float:
        return builtin_class(engine, "DOUBLE-FLOAT")
    if t is SingleFloat:
        return builtin_class(engine, "SINGLE-FLOAT")
    if t is complex:
        return builtin_class(engine, "COMPLEX")
    if t is str:
        return builtin_class(engine, "STRING")
    if t is Char:
        return builtin_class(engine, "CHARACTER")
    if isinstance(x, Cons):
        return builtin_class(engine, "CONS")
    if isinstance(x, Symbol):
        if x is NIL:
            return builtin_class(engine, "NULL")
        return builtin_class(engine, "SYMBOL")
    if isinstance(x, LispVector):
        if x.element_type == "character":
            return builtin_class(engine, "STRING")
        if x.element_type == "bit":
            return builtin_class(engine, "BIT-VECTOR")
        return builtin_class(engine, "SIMPLE-VECTOR" if x.fill_pointer is None else "VECTOR")
    if isinstance(x, LispArray):
        return builtin_class(engine, "ARRAY" if x.adjustable else "SIMPLE-ARRAY")
    if isinstance(x, HashTable):
        return builtin_class(engine, "HASH-TABLE")
    if isinstance(x, Condition):
        return condition_class(engine, x.type_name)
    if isinstance(x, Package):
        return builtin_class(engine, "PACKAGE")
    if isinstance(x, LispClass):
        return builtin_class(engine, "T")
    if getattr(x, "lisp_stream", False):
        return builtin_class(engine, "STREAM")
    if callable(x):
        return builtin_class(engine, "FUNCTION")
    return builtin_class(engine, "T")


def register_structure_class(engine: Any, stype: Any) -> None:
    st = state(engine)
    parent = st.classes.get(stype.parent.name) if stype.parent is not None else builtin_class(engine,
                                                                                             "STRUCTURE-OBJECT")
    old = st.classes.get(stype.name)
    if old is not None and old.kind == "structure":
        old.supers = [parent]
        old.finalize()
        old.struct = stype
        return
    cls = LispClass(engine, stype.name, "structure", [parent])
    cls.struct = stype
    st.classes[stype.name] = cls


# ---------------------------------------------------------------------------------------------- type hooks

def install_hooks(engine: Any, st: ObjectState) -> None:
    old_typep = getattr(engine, "typep_hook", None)
    old_subtypep = getattr(engine, "subtypep_hook", None)

    def typep_hook(x: Any, spec: Any) -> Any:
        if isinstance(spec, Symbol):
            cls = st.classes.get(spec)
            if cls is not None:
                return cls in class_of(engine, x).cpl
            if spec.package is engine.cl_package and spec.name in ("STANDARD-OBJECT", "STRUCTURE-OBJECT"):
                return builtin_class(engine, spec.name) in class_of(engine, x).cpl
        elif isinstance(spec, LispClass):
            return spec in class_of(engine, x).cpl
        return old_typep(x, spec) if old_typep is not None else None

    def subtypep_hook(a: Any, b: Any) -> Any:
        ca = find_class_named(engine, a, False)
        cb = find_class_named(engine, b, False)
        if ca is not None and cb is not None and (ca.kind != "built-in" or cb.kind != "built-in"):
            return cb in ca.cpl
        return old_subtypep(a, b) if old_subtypep is not None else None

    engine.typep_hook = typep_hook
    engine.subtypep_hook = subtypep_hook


def print_object_text(engine: Any, obj: Any, escape: bool) -> str | None:
    """What a user's PRINT-OBJECT method prints for obj (None when no user method applies)."""
    gf = state(engine).generics.get(engine.sym("PRINT-OBJECT"))
    if gf is None:
        return None
    from clysm.eval.generic import print_with_method

    return print_with_method(engine, gf, obj, escape)


# ---------------------------------------------------------------------------------------------- functions

@builtin("CLASS-OF", engine=True)
def lisp_class_of(engine: Any, x: Any) -> Any:
    return class_of(engine, x)


@builtin("FIND-CLASS", engine=True)
def find_class(engine: Any, name: Any, errorp: Any = T, env: Any = NIL) -> Any:
    if not isinstance(name, Symbol):
        errors.type_error(name, "SYMBOL")
    cls = find_class_named(engine, name, errorp is not NIL)
    return NIL if cls is None else cls


@builtin("CLASS-NAME")
def class_name(cls: Any) -> Any:
    if not isinstance(cls, LispClass):
        errors.type_error(cls, "CLASS")
    return cls.name
