# Lisp objects as Python objects: the data model shared by the reader, printer, Tier 1 and the bridges to Tier 2.
# Immutable singletons (NIL, T, UNBOUND, interned characters) are module constants; everything mutable is per engine.
from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

LispObject = Any  # any Python object that stands for a Lisp value


class Symbol:
    """A Lisp symbol. Symbols other than NIL and T belong to one engine (through their package)."""

    __slots__ = ("name", "package", "value", "function", "macro", "plist", "special", "constant", "setf_expander")

    def __init__(self, name: str, package: Package | None = None) -> None:
        self.name = name
        self.package = package
        self.value: LispObject = UNBOUND
        self.function: Callable[..., Any] | None = None
        self.macro: Callable[..., Any] | None = None  # expander (form, env) -> expansion
        self.plist: LispObject = None  # None until first use; then a Lisp plist (NIL-terminated)
        self.special = False
        self.constant = False
        self.setf_expander: Any = None

    def __repr__(self) -> str:
        return f"<Symbol {self.name}>"

    @property
    def is_keyword(self) -> bool:
        return self.package is not None and self.package.name == "KEYWORD"


class Package:
    """A namespace of symbols. `uses` are searched after the package's own symbols. `exports` is the set of
    external symbol names, or None for the engine's own packages, which do not track exports (every symbol of
    COMMON-LISP and KEYWORD is external; a used package's symbols are all inherited)."""

    __slots__ = ("name", "symbols", "uses", "nicknames", "exports")

    def __init__(self, name: str, uses: list[Package] | None = None, nicknames: tuple[str, ...] = (),
                 exports: set[str] | None = None) -> None:
        self.name = name
        self.symbols: dict[str, Symbol] = {}
        self.uses = uses or []
        self.nicknames = nicknames
        self.exports = exports

    def find(self, name: str) -> Symbol | None:
        sym = self.symbols.get(name)
        if sym is not None:
            return sym
        for used in self.uses:
            sym = used.symbols.get(name)
            if sym is not None and (used.exports is None or name in used.exports):
                return sym
        return None

    def intern(self, name: str) -> Symbol:
        sym = self.find(name)
        if sym is None:
            sym = Symbol(name, self)
            self.symbols[name] = sym
            if self.name == "KEYWORD":
                sym.value = sym
                sym.constant = True
        return sym


class _Unbound:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unbound>"


UNBOUND = _Unbound()

NIL = Symbol("NIL")
NIL.value = NIL
NIL.constant = True
T = Symbol("T")
T.value = T
T.constant = True


class Cons:
    """A cons cell. Tier 2 proxies subclass it (their car/cdr are properties that call into Wasm)."""

    __slots__ = ("car", "cdr")
    # Tier 2 proxies (compiler/proxies.py WasmCons) define a method: LENGTH of the rest of the list, counted in Wasm
    wasm_length: Any = None

    def __init__(self, car: LispObject, cdr: LispObject) -> None:
        self.car = car
        self.cdr = cdr

    def __repr__(self) -> str:
        return f"<Cons {self.car!r} . {self.cdr!r}>"


class Char:
    """A character. Interned: use `char(code)`, never the constructor, so `eq` works."""

    __slots__ = ("code",)

    def __init__(self, code: int) -> None:
        self.code = code

    def __repr__(self) -> str:
        return f"<Char {chr(self.code)!r}>"


_CHARS: dict[int, Char] = {}  # immutable interned objects, a cache shared by all engines


def char(code: int) -> Char:
    c = _CHARS.get(code)
    if c is None:
        c = _CHARS[code] = Char(code)
    return c


class LispVector:
    """A one-dimensional array: general vector, or adjustable string when element_type == 'character'."""

    __slots__ = ("items", "fill_pointer", "element_type", "adjustable")

    def __init__(
        self,
        items: list[LispObject],
        fill_pointer: int | None = None,
        element_type: str = "t",
        adjustable: bool = False,
    ) -> None:
        self.items = items
        self.fill_pointer = fill_pointer
        self.element_type = element_type
        self.adjustable = adjustable

    def active(self) -> list[LispObject]:
        return self.items if self.fill_pointer is None else self.items[: self.fill_pointer]

    def __len__(self) -> int:
        return len(self.items) if self.fill_pointer is None else self.fill_pointer


class LispArray:
    """An array of rank 0 or >= 2 (rank 1 is always a LispVector): `dims` is the tuple of dimensions, `items` the
    elements in row-major order (len(items) == product of dims). Never a vector, never a sequence; Tier 2 reaches
    it only through Tier 1's built-ins (it never migrates into Wasm, docs/ABI.md "Simple vectors")."""

    __slots__ = ("items", "dims", "element_type", "adjustable")

    def __init__(self, items: list[LispObject], dims: tuple[int, ...], element_type: str = "t",
                 adjustable: bool = False) -> None:
        self.items = items
        self.dims = dims
        self.element_type = element_type
        self.adjustable = adjustable

    def __repr__(self) -> str:
        return f"<LispArray {self.dims} {self.element_type}>"


class HashTable:
    """A hash table. `test` is one of 'EQ', 'EQL', 'EQUAL', 'EQUALP'; keys are mapped by `key_of`."""

    __slots__ = ("test", "data", "key_of")

    def __init__(self, test: str, key_of: Callable[[LispObject], Any]) -> None:
        self.test = test
        self.data: dict[Any, tuple[LispObject, LispObject]] = {}  # hash key -> (lisp key, value)
        self.key_of = key_of


class Condition:
    """A condition object. `type_name` is the condition type's symbol name (e.g. 'TYPE-ERROR');
    `slots` holds initargs by keyword name (e.g. {'FORMAT-CONTROL': ..., 'DATUM': ...})."""

    __slots__ = ("type_name", "slots", "message")

    def __init__(self, type_name: str, message: str = "", **slots: LispObject) -> None:
        self.type_name = type_name
        self.message = message
        self.slots = slots

    def __repr__(self) -> str:
        return f"<Condition {self.type_name}: {self.message}>"


class LispError(Exception):
    """A Lisp condition signalled with `error` and not handled: the Python face of a Lisp error."""

    def __init__(self, condition: Condition) -> None:
        super().__init__(condition.message)
        self.condition = condition


class ReaderError(Exception):
    """Malformed source text. Carries the place: file, 1-based line and column."""

    def __init__(self, message: str, filename: str, line: int, column: int) -> None:
        super().__init__(f"{filename}:{line}:{column}: {message}")
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column


def is_list(x: LispObject) -> bool:
    return x is NIL or isinstance(x, Cons)


def lisp_list(*items: LispObject, tail: LispObject = NIL) -> LispObject:
    result = tail
    for item in reversed(items):
        result = Cons(item, result)
    return result


def from_iter(items: Iterator[LispObject] | list[LispObject], tail: LispObject = NIL) -> LispObject:
    items = list(items)
    result = tail
    for item in reversed(items):
        result = Cons(item, result)
    return result


def iter_list(x: LispObject) -> Iterator[LispObject]:
    """Iterate the elements of a proper list (stops at the first non-cons tail)."""
    while isinstance(x, Cons):
        yield x.car
        x = x.cdr


def is_integer(x: LispObject) -> bool:
    return type(x) is int or (isinstance(x, int) and not isinstance(x, bool))


_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
_pack = _F32.pack  # bound methods of an immutable Struct (constants)
_unpack = _F32.unpack


class SingleFloat(float):
    """A single-float: a Python float whose value is always an IEEE binary32 value (a plain `float` is a
    double-float). Arithmetic with another single, an integer or a ratio rounds the result to binary32 (the
    rational is converted to single first, as in SBCL); with a double it gives a double; the caller catches
    OverflowError (a result beyond most-positive-single-float)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"SingleFloat({float.__repr__(self)})"

    __str__ = float.__repr__  # str() is the digits, as for a float (code tests str(x).startswith("-") for -0.0)

    def __add__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):  # exact in binary32: no conversion
            return SingleFloat(_unpack(_pack(float.__add__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(float(self) + single_value(o))
        return float(self) + o if t is float else NotImplemented

    __radd__ = __add__

    def __sub__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):
            return SingleFloat(_unpack(_pack(float.__sub__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(float(self) - single_value(o))
        return float(self) - o if t is float else NotImplemented

    def __rsub__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):
            return SingleFloat(_unpack(_pack(float.__rsub__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(single_value(o) - float(self))
        return o - float(self) if t is float else NotImplemented

    def __mul__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):
            return SingleFloat(_unpack(_pack(float.__mul__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(float(self) * single_value(o))
        return float(self) * o if t is float else NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):
            return SingleFloat(_unpack(_pack(float.__truediv__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(float(self) / single_value(o))
        return float(self) / o if t is float else NotImplemented

    def __rtruediv__(self, o: Any) -> Any:
        t = type(o)
        if t is SingleFloat or (t is int and -16777216 <= o <= 16777216):
            return SingleFloat(_unpack(_pack(float.__rtruediv__(self, o)))[0])
        if t is int or t is Fraction:
            return to_single(single_value(o) / float(self))
        return o / float(self) if t is float else NotImplemented

    def __neg__(self) -> SingleFloat:
        return SingleFloat(-float(self))

    def __pos__(self) -> SingleFloat:
        return self

    def __abs__(self) -> SingleFloat:
        return SingleFloat(abs(float(self)))


def to_single(x: float) -> SingleFloat:
    """Round a double to the nearest single-float (ties to even); OverflowError beyond the single range."""
    return SingleFloat(_unpack(_pack(x))[0])


def single_value(x: Any) -> float:
    """A rational or single as the (double) value of the single-float it converts to."""
    if type(x) is SingleFloat:
        return float(x)
    if type(x) is Fraction:
        return float(to_single_exact(x))
    return _F32.unpack(_F32.pack(float(x)))[0]


def to_single_exact(q: Fraction | int) -> SingleFloat:
    """The single-float nearest to the exact rational q (ties to even), with no double rounding on the way:
    only a double that lands exactly on the midpoint of two singles needs the exact value to decide."""
    d = float(q)
    s = to_single(d)
    if float(s) == d or Fraction(d) == q:
        return s
    (bits,) = _U32.unpack(_F32.pack(s))
    (other,) = _F32.unpack(_U32.pack(bits + 1 if abs(s) < abs(d) else bits - 1))  # the single on d's other side
    mid = (float(s) + other) / 2
    if d != mid:
        return s
    big, small = (s, to_single(other)) if abs(s) > abs(other) else (to_single(other), s)
    exact = abs(Fraction(q))
    return big if exact > abs(Fraction(mid)) else small


def is_number(x: LispObject) -> bool:
    return (isinstance(x, (int, float, Fraction)) and not isinstance(x, bool)) or isinstance(x, complex)


def normalize(x: Fraction | int | float) -> LispObject:
    """Canonical Lisp rational: a whole Fraction becomes an int."""
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x
