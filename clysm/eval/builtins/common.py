# Shared helpers for the built-in modules: keyword-argument parsing, function designators, type checks,
# sequence access (lists, vectors, strings) and the :test/:key machinery of the sequence and list functions.
from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.mvalues import may_return_values, primary_only
from clysm.lisp.types import NIL, Char, Cons, HashTable, LispArray, LispVector, SingleFloat, Symbol, T, char

LispFn = Callable[..., Any]


# ---------------------------------------------------------------------------------------------- keyword arguments

def parse_keys(args: tuple[Any, ...], allowed: frozenset[str], fname: str) -> dict[str, Any]:
    """Parse `:key value` pairs (keyword Symbols by name) into {NAME: value}; the first occurrence wins.

    Odd counts and unknown keys signal PROGRAM-ERROR (SBCL's words) unless :ALLOW-OTHER-KEYS is true."""
    n = len(args)
    if n % 2:
        errors.program_error("odd number of &KEY arguments")
    result: dict[str, Any] = {}
    bad: Any = None
    for i in range(0, n, 2):
        k = args[i]
        if not isinstance(k, Symbol) or not k.is_keyword:
            if bad is None:
                bad = k
            continue
        name = k.name
        if name not in result:
            result[name] = args[i + 1]
        if name not in allowed and name != "ALLOW-OTHER-KEYS" and bad is None:
            bad = k
    if bad is not None and result.get("ALLOW-OTHER-KEYS", NIL) is NIL:
        errors.program_error(f"Unknown &KEY argument: {_show(bad)}")
    return result


def _show(obj: Any) -> str:
    try:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(obj)
    except Exception:  # printing must never hide the real error
        if isinstance(obj, Symbol):
            return (":" if obj.is_keyword else "") + obj.name
        return repr(obj)


def show(obj: Any) -> str:
    """PRIN1 text of obj for error messages (never fails)."""
    return _show(obj)


# ---------------------------------------------------------------------------------------------- functions

def as_function(f: Any) -> LispFn:
    """The Python callable for a function designator (a function, or a symbol naming a global function), to be
    called for its primary value (a built-in that may return multiple values is wrapped to return the primary)."""
    if isinstance(f, Symbol):
        fn = f.function
        if fn is None:
            errors.undefined_function(_show(f))
    elif callable(f):
        fn = f
    else:
        errors.type_error(f, "(OR FUNCTION SYMBOL)")
    if may_return_values(fn):
        return primary_only(fn)
    return fn


def truthy(x: Any) -> bool:
    return x is not NIL


def lisp_bool(b: bool) -> Any:
    return T if b else NIL


# ---------------------------------------------------------------------------------------------- equality (core)

def eql(a: Any, b: Any) -> bool:
    """EQL as a Python bool: identity, or same-typed numbers with the same value (0.0 and -0.0 differ)."""
    if a is b:
        return True
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is int or ta is Fraction:
        return a == b
    if ta is float or ta is SingleFloat:
        return a == b and (a != 0.0 or str(a) == str(b))
    if ta is complex:
        return a == b
    return False


def eq(a: Any, b: Any) -> bool:
    """EQ as a Python bool: identity; fixnums and characters are immediates (characters are interned)."""
    if a is b:
        return True
    return type(a) is int and type(b) is int and a == b and -4611686018427387904 <= a <= 4611686018427387903


def lisp_str(x: Any) -> str | None:
    """The Python text of a Lisp string (str or character LispVector), else None."""
    if type(x) is str:
        return x
    if isinstance(x, LispVector) and x.element_type == "character":
        return "".join([chr(c.code) for c in x.active()])
    return None


def equal(a: Any, b: Any) -> bool:
    """EQUAL as a Python bool: conses recursively (iterative along cdrs), strings by content, else EQL."""
    while True:
        if a is b:
            return True
        if isinstance(a, Cons):
            if not isinstance(b, Cons):
                return False
            if not equal(a.car, b.car):
                return False
            a = a.cdr
            b = b.cdr
            continue
        ta = type(a)
        if ta is str or isinstance(a, LispVector):
            sa = lisp_str(a)
            if sa is None:  # bit vectors compare by contents too; other vectors by identity
                return (isinstance(a, LispVector) and a.element_type == "bit" and isinstance(b, LispVector)
                        and b.element_type == "bit" and a.active() == b.active())
            sb = lisp_str(b)
            return sb is not None and sa == sb
        return eql(a, b)


def char_fold(c: Char) -> int:
    """Case-folded code of a character as CHAR-EQUAL and CHAR-LESSP see it (SBCL folds to lower case)."""
    code = c.code
    if code < 128:
        return code + 32 if 65 <= code <= 90 else code
    ch = chr(code)
    d = ch.lower()
    if len(d) == 1 and d != ch and d.upper() == ch:
        return ord(d)
    return code


def equalp(a: Any, b: Any) -> bool:
    """EQUALP as a Python bool: numbers by =, characters ignoring case, conses and arrays elementwise,
    hash tables by count and entries."""
    while True:
        if a is b:
            return True
        if isinstance(a, Cons):
            if not isinstance(b, Cons):
                return False
            if not equalp(a.car, b.car):
                return False
            a = a.cdr
            b = b.cdr
            continue
        ta = type(a)
        if ta is int or ta is float or ta is Fraction or ta is complex or ta is SingleFloat:
            tb = type(b)
            return (tb is int or tb is float or tb is Fraction or tb is complex or tb is SingleFloat) and a == b
        if ta is Char:
            return type(b) is Char and char_fold(a) == char_fold(b)
        if ta is str or isinstance(a, LispVector):
            if not (type(b) is str or isinstance(b, LispVector)):
                return False
            if ta is str and type(b) is str:
                return len(a) == len(b) and all(
                    x == y or char_fold(char(ord(x))) == char_fold(char(ord(y))) for x, y in zip(a, b, strict=True)
                )
            ia = seq_list(a)
            ib = seq_list(b)
            return len(ia) == len(ib) and all(equalp(x, y) for x, y in zip(ia, ib, strict=True))
        if ta is LispArray:
            return (type(b) is LispArray and a.dims == b.dims
                    and all(equalp(x, y) for x, y in zip(a.items, b.items, strict=True)))
        if isinstance(a, HashTable):
            if not isinstance(b, HashTable) or a.test != b.test or len(a.data) != len(b.data):
                return False
            for hk, (_k, v) in a.data.items():
                other = b.data.get(hk)
                if other is None or not equalp(v, other[1]):
                    return False
            return True
        custom = getattr(ta, "lisp_equalp", None)  # structure instances compare slot-wise (clysm.eval.structs)
        if custom is not None:
            return custom(a, b, equalp)
        return eql(a, b)


# ---------------------------------------------------------------------------------------------- sequences

def is_sequence(x: Any) -> bool:
    return x is NIL or isinstance(x, (Cons, LispVector, str))


def list_to_pylist(x: Any, fname: str | None = None) -> list[Any]:
    """The elements of a proper list; signals TYPE-ERROR for a non-list or a dotted list."""
    out: list[Any] = []
    append = out.append
    y = x
    while isinstance(y, Cons):
        append(y.car)
        y = y.cdr
    if y is not NIL:
        errors.type_error(x if not out else y, "LIST", fname)
    return out


# The characters of codes below 256 (immutable, interned objects): a fast path for strings.
LATIN1_CHARS: tuple[Char, ...] = tuple(char(i) for i in range(256))


def char_of(c: str) -> Char:
    """The Char of a one-character Python string."""
    code = ord(c)
    return LATIN1_CHARS[code] if code < 256 else char(code)


def str_chars(s: str) -> list[Char]:
    if s.isascii():
        table = LATIN1_CHARS
        return [table[b] for b in s.encode("ascii")]
    return [char_of(c) for c in s]


def seq_list(x: Any, fname: str | None = None) -> list[Any]:
    """The active elements of any sequence as a new Python list (strings give Char objects)."""
    if type(x) is str:
        return str_chars(x)
    if x is NIL or isinstance(x, Cons):
        return list_to_pylist(x, fname)
    if isinstance(x, LispVector):
        return list(x.active())
    errors.type_error(x, "SEQUENCE", fname)


def seq_length(x: Any, fname: str | None = None) -> int:
    if type(x) is str:
        return len(x)
    if x is NIL:
        return 0
    if isinstance(x, Cons):
        n = 0
        y = x
        while isinstance(y, Cons):
            n += 1
            y = y.cdr
        if y is not NIL:
            errors.type_error(x, "LIST", fname)
        return n
    if isinstance(x, LispVector):
        return len(x)
    errors.type_error(x, "SEQUENCE", fname)


def is_string_like(x: Any) -> bool:
    return type(x) is str or (isinstance(x, LispVector) and x.element_type == "character")


def make_like(proto: Any, items: list[Any]) -> Any:
    """A fresh sequence of the same kind as `proto` (list, simple vector, or simple string) holding items."""
    if proto is NIL or isinstance(proto, Cons):
        result: Any = NIL
        for item in reversed(items):
            result = Cons(item, result)
        return result
    if is_string_like(proto):
        return chars_to_str(items)
    return LispVector(items, None, proto.element_type if isinstance(proto, LispVector) else "t")


def chars_to_str(items: list[Any]) -> str:
    try:
        return "".join([chr(c.code) for c in items])
    except AttributeError:
        for c in items:
            if type(c) is not Char:
                errors.type_error(c, "CHARACTER")
        raise


def pylist_to_list(items: list[Any], tail: Any = NIL) -> Any:
    result = tail
    for item in reversed(items):
        result = Cons(item, result)
    return result


def array_type_text(obj: Any) -> str:
    """SBCL's printed type of a vector, as in its index errors: (SIMPLE-VECTOR 2), (SIMPLE-ARRAY CHARACTER (2))."""
    if type(obj) is str:
        return f"(SIMPLE-ARRAY CHARACTER ({len(obj)}))"
    if isinstance(obj, LispVector):
        n = len(obj.items)
        if obj.element_type == "character":
            if obj.fill_pointer is None and not obj.adjustable:
                return f"(SIMPLE-ARRAY CHARACTER ({n}))"
            return f"(VECTOR CHARACTER {n})"
        if obj.fill_pointer is None and not obj.adjustable:
            return f"(SIMPLE-VECTOR {n})"
        return f"(VECTOR T {n})"
    if isinstance(obj, LispArray):
        dims = "(" + " ".join(str(d) for d in obj.dims) + ")" if obj.dims else "NIL"
        return f"({'ARRAY' if obj.adjustable else 'SIMPLE-ARRAY'} {obj.element_type.upper()} {dims})"
    return "SEQUENCE"


MAX_ELEMENTS = 1 << 27  # a bigger list, vector or string would exhaust memory: signalled as heap exhaustion


def check_size(n: Any) -> int:
    """A valid length for a new list/vector/string (SBCL's type error for non-indices; STORAGE-CONDITION for sizes
    clysm cannot allocate)."""
    if type(n) is not int or n < 0 or n >= 4611686018427387901:
        errors.type_error(n, "(MOD 4611686018427387901)")
    if n > MAX_ELEMENTS:
        errors.signal_error("STORAGE-CONDITION", f"Heap exhausted: cannot allocate {n} elements.")
    return n


def check_index(i: Any, length: int, obj: Any, fname: str | None = None) -> int:
    """A valid index below `length` into the vector or string `obj`, else SBCL's INDEX-TOO-LARGE error."""
    if type(i) is not int:
        errors.type_error(i, "(MOD 4611686018427387901)", fname)
    if not 0 <= i < length:
        if i < 0:
            errors.type_error(i, "(MOD 4611686018427387901)", fname)
        errors.signal_error(
            "TYPE-ERROR",
            f"Invalid index {i} for {array_type_text(obj)}, should be a non-negative integer below {length}.",
            DATUM=i,
            EXPECTED_TYPE=f"(INTEGER 0 ({length}))",
        )
    return i


def bounds(start: Any, end: Any, length: int, fname: str | None = None) -> tuple[int, int]:
    """Validate :start/:end (start None means 0; end None or NIL means length) as CL's bounding indices."""
    if start is None:
        start = 0
    elif type(start) is not int or start < 0:
        errors.type_error(start, "(MOD 4611686018427387901)", fname)
    given_end = end
    if end is None or end is NIL:
        end = length
    elif type(end) is not int or end < 0:
        errors.type_error(end, "(OR NULL (MOD 4611686018427387901))", fname)
    if not start <= end <= length:
        end_text = "NIL" if given_end is None or given_end is NIL else str(end)
        errors.signal_error(
            "TYPE-ERROR",
            f"The bounding indices {start} and {end_text} are bad for a sequence of length {length}.",
            DATUM=end,
            EXPECTED_TYPE=f"(INTEGER 0 {length})",
        )
    return start, end


# ---------------------------------------------------------------------------------------------- :test / :key

def key_fn(key: Any) -> LispFn | None:
    """The :key function, or None for identity (NIL or absent)."""
    if key is None or key is NIL:
        return None
    return as_function(key)


def test2(kw: dict[str, Any], fname: str) -> Callable[[Any, Any], bool]:
    """A Python predicate (a, b) -> bool from :test / :test-not (default EQL)."""
    test = kw.get("TEST")
    test_not = kw.get("TEST-NOT")
    if test is not None and test is not NIL:
        if test_not is not None and test_not is not NIL:
            errors.simple_error(":TEST and :TEST-NOT were both supplied.")
        fn = as_function(test)
        return _builtin_test(fn) or (lambda a, b: fn(a, b) is not NIL)
    if test_not is not None and test_not is not NIL:
        fn = as_function(test_not)
        return lambda a, b: fn(a, b) is NIL
    return eql


def _builtin_test(fn: LispFn) -> Callable[[Any, Any], bool] | None:
    """Fast paths for the standard equality predicates used as :test."""
    try:
        fast = _FAST_TESTS.get(fn)
    except TypeError:  # an unhashable callable
        return None
    if fast is None:
        inner = getattr(fn, "__wrapped__", None)
        if inner is not None:
            fast = _FAST_TESTS.get(inner)
    return fast


def lisp_eq(a: Any, b: Any) -> Any:
    return lisp_bool(eq(a, b))


def lisp_eql(a: Any, b: Any) -> Any:
    return lisp_bool(eql(a, b))


def lisp_equal(a: Any, b: Any) -> Any:
    return lisp_bool(equal(a, b))


def lisp_equalp(a: Any, b: Any) -> Any:
    return lisp_bool(equalp(a, b))


# The Lisp functions EQ, EQL, EQUAL, EQUALP (registered in predicates.py) and their Python-bool twins.
_FAST_TESTS: dict[Any, Callable[[Any, Any], bool]] = {
    lisp_eq: eq, lisp_eql: eql, lisp_equal: equal, lisp_equalp: equalp,
}


_NUMS = (int, float, Fraction, complex, SingleFloat)


def item_pred(item: Any, kw: dict[str, Any], fname: str) -> Callable[[Any], bool]:
    """Predicate on a sequence element e: (funcall test item (funcall key e)), default test EQL."""
    test = test2(kw, fname)
    key = key_fn(kw.get("KEY"))
    if key is None:
        if test is eql:
            t = type(item)
            if t is int or t is Fraction:
                return lambda e: e is item or (type(e) is t and e == item)
            if t in _NUMS:
                return lambda e: eql(item, e)
            return lambda e: e is item
        return lambda e: test(item, e)
    return lambda e: test(item, key(e))


def fn_pred(pred: Any, kw: dict[str, Any], negate: bool) -> Callable[[Any], bool]:
    """Predicate on an element e from a -IF / -IF-NOT function argument and :key."""
    fn = as_function(pred)
    key = key_fn(kw.get("KEY"))
    if key is None:
        return (lambda e: fn(e) is NIL) if negate else (lambda e: fn(e) is not NIL)
    return (lambda e: fn(key(e)) is NIL) if negate else (lambda e: fn(key(e)) is not NIL)
