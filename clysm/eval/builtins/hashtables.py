# The Hash Tables chapter: make-hash-table (:test eq/eql/equal/equalp as symbol or function), gethash (2 values)
# and CLYSM::%PUTHASH for setf, remhash, maphash, clrhash, counts; and the Python hash-key function of each test
# (a Python value that is == exactly when the Lisp keys are the same under the test).
from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import (
    as_function,
    char_fold,
    lisp_eq,
    lisp_eql,
    lisp_equal,
    lisp_equalp,
    lisp_str,
    parse_keys,
    show,
)
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, Cons, HashTable, LispArray, LispVector, SingleFloat, Symbol, T

# ---------------------------------------------------------------------------------------------- hash keys
# Tags keep keys of different kinds apart (e.g. the float 1.0 from the integer 1 under EQL).
_FLOAT = "f"
_IDENT = "i"
_COMPLEX = "c"
_SINGLE = "sf"
_CONS = "p"
_STR = "s"
_VEC = "v"
_CHAR = "ch"


def eql_key(x: Any) -> Any:
    """EQL: numbers by type and value (0.0 and -0.0 differ), everything else by identity."""
    t = type(x)
    if t is float:
        return (_FLOAT, x, math.copysign(1.0, x))
    if t is SingleFloat:
        return (_SINGLE, float(x), math.copysign(1.0, x))
    if t is str:
        return (_IDENT, id(x))
    if t is complex:
        return (_COMPLEX, x.real, x.imag)
    return x  # int and Fraction hash by value; Symbol, Cons, Char, vectors, functions by identity


eq_key = eql_key  # EQ on numbers is unspecified; SBCL's EQ tables find fixnums and characters by value too


def equal_key(x: Any) -> Any:
    """EQUAL: conses by structure (iterative along cdrs), strings by contents, else EQL."""
    t = type(x)
    if t is str:
        return x
    if t is Cons or isinstance(x, Cons):
        parts = [_CONS]
        y = x
        while isinstance(y, Cons):
            parts.append(equal_key(y.car))
            y = y.cdr
        parts.append(equal_key(y))
        return tuple(parts)
    if t is LispVector:
        if x.element_type == "character":
            return lisp_str(x)
        if x.element_type == "bit":
            return (_VEC, *x.active())
    return eql_key(x)


def _fold_text(s: str) -> str:
    if s.isascii():
        return s.lower()
    from clysm.lisp.types import char

    return "".join([chr(char_fold(char(ord(c)))) for c in s])


def equalp_key(x: Any) -> Any:
    """EQUALP: numbers by value across types, characters and strings ignoring case, conses and vectors by
    elements."""
    t = type(x)
    if t is int or t is float or t is Fraction or t is complex or t is SingleFloat:
        return x  # Python already hashes 1, 1.0 and 1+0j alike
    if t is Char:
        return (_CHAR, char_fold(x))
    if t is str:
        return (_STR, _fold_text(x))
    if t is Cons or isinstance(x, Cons):
        parts = [_CONS]
        y = x
        while isinstance(y, Cons):
            parts.append(equalp_key(y.car))
            y = y.cdr
        parts.append(equalp_key(y))
        return tuple(parts)
    if isinstance(x, LispVector):
        items = x.active()
        if all(type(c) is Char for c in items):
            return (_STR, "".join([chr(char_fold(c)) for c in items]))
        return (_VEC, *[equalp_key(e) for e in items])
    if t is LispArray:
        return (_VEC, x.dims, *[equalp_key(e) for e in x.items])
    custom = getattr(t, "lisp_equalp_key", None)  # structure instances: by type and slots (clysm.eval.structs)
    if custom is not None:
        return custom(x, equalp_key)
    return x


KEY_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "EQ": eq_key,
    "EQL": eql_key,
    "EQUAL": equal_key,
    "EQUALP": equalp_key,
}

_TEST_FUNCTIONS = {lisp_eq: "EQ", lisp_eql: "EQL", lisp_equal: "EQUAL", lisp_equalp: "EQUALP"}


def _test_name(test: Any) -> str:
    if isinstance(test, Symbol):
        if test.name in KEY_FUNCTIONS:
            return test.name
    elif callable(test):
        try:
            name = _TEST_FUNCTIONS.get(test) or _TEST_FUNCTIONS.get(getattr(test, "__wrapped__", None))
        except TypeError:
            name = None
        if name:
            return name
    errors.simple_error(f"Unknown :TEST for MAKE-HASH-TABLE: {show(test)}")


class LispHashTable(HashTable):
    """A hash table that also remembers SBCL's storage slot of each entry, so that iteration after REMHASH
    follows SBCL's order: a new entry takes the most recently freed slot (SBCL's free list), else the next one."""

    __slots__ = ("slot_of", "free", "next_slot", "reordered")

    def __init__(self, test: str, key_of: Any) -> None:
        super().__init__(test, key_of)
        self.slot_of: dict[Any, int] = {}
        self.free: list[int] = []
        self.next_slot = 0
        self.reordered = False  # True once an entry reused a freed slot (iteration must then sort by slot)


def make_table(test_name: str = "EQL") -> HashTable:
    return LispHashTable(test_name, KEY_FUNCTIONS[test_name])


def entries(table: HashTable) -> list[tuple[Any, Any]]:
    """The (key, value) pairs in SBCL's iteration order."""
    pairs = list(table.data.values())
    if isinstance(table, LispHashTable) and table.reordered:
        slot_of = table.slot_of
        order = sorted(zip([slot_of[hk] for hk in table.data], range(len(pairs)), strict=True))
        pairs = [pairs[i] for _slot, i in order]
    return pairs


def _table(x: Any) -> HashTable:
    if not isinstance(x, HashTable):
        errors.type_error(x, "HASH-TABLE")
    return x


# ---------------------------------------------------------------------------------------------- functions

@builtin("MAKE-HASH-TABLE")
def make_hash_table(*keys: Any) -> Any:
    kw = parse_keys(
        keys, frozenset({"TEST", "SIZE", "REHASH-SIZE", "REHASH-THRESHOLD", "WEAKNESS", "SYNCHRONIZED"}),
        "MAKE-HASH-TABLE",
    ) if keys else {}
    test = kw.get("TEST")
    return make_table("EQL" if test is None else _test_name(test))


@builtin("GETHASH")
@returns_values
def gethash(key: Any, table: Any, default: Any = NIL) -> Any:
    try:
        entry = table.data.get(table.key_of(key))
    except AttributeError:
        _table(table)
        raise
    if entry is None:
        return values(default, NIL)
    return values(entry[1], T)


@builtin("%PUTHASH", package="CLYSM")
def puthash(key: Any, table: Any, value: Any) -> Any:
    """(setf (gethash key table [default]) value): returns value."""
    hk = _table(table).key_of(key)
    data = table.data
    if hk not in data and type(table) is LispHashTable:
        if table.free:
            table.slot_of[hk] = table.free.pop()
            table.reordered = True
        else:
            table.slot_of[hk] = table.next_slot
            table.next_slot += 1
    data[hk] = (key, value)
    return value


@builtin("REMHASH")
def remhash(key: Any, table: Any) -> Any:
    hk = _table(table).key_of(key)
    if table.data.pop(hk, None) is None:
        return NIL
    if type(table) is LispHashTable:
        table.free.append(table.slot_of.pop(hk))
    return T


@builtin("CLRHASH")
def clrhash(table: Any) -> Any:
    _table(table).data.clear()
    if type(table) is LispHashTable:
        table.slot_of.clear()
        table.free.clear()
        table.next_slot = 0
        table.reordered = False
    return table


@builtin("MAPHASH")
def maphash(fn: Any, table: Any) -> Any:
    f = as_function(fn)
    for k, v in entries(_table(table)):
        f(k, v)
    return NIL


@builtin("HASH-TABLE-COUNT")
def hash_table_count(table: Any) -> Any:
    return len(_table(table).data)


@builtin("HASH-TABLE-P")
def hash_table_p(x: Any) -> Any:
    return T if isinstance(x, HashTable) else NIL


@builtin("HASH-TABLE-TEST", engine=True)
def hash_table_test(engine: Any, table: Any) -> Any:
    return engine.intern(_table(table).test, "COMMON-LISP")


@builtin("HASH-TABLE-SIZE")
def hash_table_size(table: Any) -> Any:
    n = len(_table(table).data)
    size = 7
    while size < n:
        size = size * 2
    return size


@builtin("HASH-TABLE-REHASH-SIZE")
def hash_table_rehash_size(table: Any) -> Any:
    _table(table)
    return 1.5


@builtin("HASH-TABLE-REHASH-THRESHOLD")
def hash_table_rehash_threshold(table: Any) -> Any:
    _table(table)
    return 1.0


@builtin("SXHASH")
def sxhash(x: Any) -> Any:
    """A non-negative fixnum, equal for EQUAL objects (the values differ from SBCL's)."""
    return hash(equal_key(x)) & 0x3FFFFFFFFFFFFFFF


@builtin("%HASH-TABLE-ENTRIES", package="CLYSM")
def hash_table_entries(table: Any) -> Any:
    """A fresh list of (key . value) conses, in iteration order: for LOOP's hash-keys/hash-values clauses."""
    result: Any = NIL
    for k, v in reversed(entries(_table(table))):
        result = Cons(Cons(k, v), result)
    return result
