# The Sequences chapter, part 1: sequences as wholes over lists, vectors and strings: length, elt, subseq,
# copy-seq, reverse, fill, replace, concatenate, make-sequence, map, map-into, some/every, sort, merge.
# Simple strings are immutable Python str: destructive functions that must mutate (fill, replace, map-into,
# (setf elt)) signal an error on them; nreverse/sort/nsubstitute return a new string instead.
# Searching and filtering (find, position, remove, reduce, ...) is sequences_search.py.
from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, NoReturn

from clysm.eval import errors
from clysm.eval.builtins.common import (
    as_function,
    bounds,
    char_of,
    chars_to_str,
    check_index,
    check_size,
    key_fn,
    parse_keys,
    pylist_to_list,
    seq_list,
    show,
)
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, Cons, LispVector, SingleFloat, Symbol, T, char

_START_END = frozenset({"START", "END"})


def immutable_string(s: Any, op: str) -> NoReturn:
    errors.simple_error(
        f"{op}: cannot modify the literal string {show(s)} (clysm strings are immutable; "
        "use COPY-SEQ or MAKE-STRING for a mutable string)"
    )


def check_sequence(x: Any, fname: str | None = None) -> Any:
    if not (x is NIL or isinstance(x, (Cons, LispVector, str))):
        errors.type_error(x, "SEQUENCE", fname)
    return x


# ---------------------------------------------------------------------------------------------- result types

_CHAR_TYPES = frozenset({"CHARACTER", "BASE-CHAR", "STANDARD-CHAR"})


def result_kind(spec: Any, fname: str, allow_nil: bool = False) -> str:
    """'list', 'vector', 'string' (or 'nil' for MAP) for a sequence type specifier."""
    if spec is NIL:
        if allow_nil:
            return "nil"
    elif isinstance(spec, Symbol):
        name = spec.name
        if name in ("LIST", "CONS", "NULL"):
            return "list"
        if name in ("VECTOR", "SIMPLE-VECTOR", "ARRAY", "SIMPLE-ARRAY", "BIT-VECTOR", "SIMPLE-BIT-VECTOR"):
            return "vector"
        if name in ("STRING", "SIMPLE-STRING", "BASE-STRING", "SIMPLE-BASE-STRING"):
            return "string"
        if name == "SEQUENCE":
            return "list"
    elif isinstance(spec, Cons) and isinstance(spec.car, Symbol):
        head = spec.car.name
        rest = spec.cdr
        if head in ("VECTOR", "ARRAY", "SIMPLE-ARRAY"):
            elt = rest.car if isinstance(rest, Cons) else None
            return "string" if isinstance(elt, Symbol) and elt.name in _CHAR_TYPES else "vector"
        if head in ("STRING", "SIMPLE-STRING", "BASE-STRING", "SIMPLE-BASE-STRING"):
            return "string"
        if head in ("SIMPLE-VECTOR", "BIT-VECTOR", "SIMPLE-BIT-VECTOR"):
            return "vector"
        if head == "CONS":
            return "list"
    errors.signal_error(
        "SIMPLE-TYPE-ERROR", f"{show(spec)} is a bad type specifier for sequences.", DATUM=spec,
        EXPECTED_TYPE="SEQUENCE",
    )


def build(kind: str, items: list[Any]) -> Any:
    if kind == "list":
        return pylist_to_list(items)
    if kind == "string":
        return chars_to_str(items)
    if kind == "vector":
        return LispVector(items)
    return NIL


# ---------------------------------------------------------------------------------------------- basic access

@builtin("LENGTH")
def length(x: Any) -> Any:
    if type(x) is str:
        return len(x)
    if isinstance(x, Cons):
        n = 0
        y = x
        while isinstance(y, Cons):
            if type(y) is not Cons and y.wasm_length is not None:  # Tier-2 conses count the rest in Wasm
                k = y.wasm_length()
                if k >= 0:
                    return n + k
            n += 1
            y = y.cdr
        if y is not NIL:
            errors.type_error(y, "LIST")
        return n
    if x is NIL:
        return 0
    if isinstance(x, LispVector):
        return len(x)
    errors.type_error(x, "SEQUENCE")


@builtin("ELT")
def elt(seq: Any, index: Any) -> Any:
    if type(seq) is str:
        return char_of(seq[check_index(index, len(seq), seq)])
    if isinstance(seq, LispVector):
        return seq.items[check_index(index, len(seq), seq)]
    if seq is NIL or isinstance(seq, Cons):
        if type(index) is not int or index < 0:
            errors.type_error(index, "(MOD 4611686018427387901)")
        x = seq
        i = index
        while isinstance(x, Cons):
            if i == 0:
                return x.car
            i -= 1
            x = x.cdr
        errors.signal_error(
            "TYPE-ERROR",
            f"The index {index} is too large for a list of length {index - i}.",
            DATUM=index,
            EXPECTED_TYPE=f"(INTEGER 0 ({index - i}))",
        )
    errors.type_error(seq, "SEQUENCE")


@builtin("%SETELT", package="CLYSM")
def set_elt(seq: Any, index: Any, value: Any) -> Any:
    """(setf (elt seq index) value): returns value."""
    if isinstance(seq, LispVector):
        check_index(index, len(seq), seq)
        if seq.element_type == "character" and type(value) is not Char:
            errors.type_error(value, "CHARACTER")
        seq.items[index] = value
        return value
    if type(seq) is str:
        immutable_string(seq, "(SETF ELT)")
    if isinstance(seq, Cons):
        x = seq
        i = index if type(index) is int and index >= 0 else errors.type_error(index, "(MOD 4611686018427387901)")
        while isinstance(x, Cons):
            if i == 0:
                x.car = value
                return value
            i -= 1
            x = x.cdr
        errors.signal_error(
            "TYPE-ERROR", f"The index {index} is too large for a list of length {index - i}.", DATUM=index,
            EXPECTED_TYPE="INDEX",
        )
    errors.type_error(seq, "SEQUENCE")


@builtin("SUBSEQ")
def subseq(seq: Any, start: Any, end: Any = NIL) -> Any:
    if type(seq) is str:
        s, e = bounds(start, end, len(seq))
        return seq[s:e]
    if isinstance(seq, LispVector):
        s, e = bounds(start, end, len(seq))
        if seq.element_type == "character":
            return chars_to_str(seq.items[s:e])
        return LispVector(seq.items[s:e], None, seq.element_type)
    if seq is NIL or isinstance(seq, Cons):
        if type(start) is not int or start < 0:
            errors.type_error(start, "(MOD 4611686018427387901)")
        x = seq
        n = 0
        while n < start and isinstance(x, Cons):
            x = x.cdr
            n += 1
        if n < start:
            bounds(start, end, n)
        if end is NIL:
            items = []
            while isinstance(x, Cons):
                items.append(x.car)
                x = x.cdr
            if x is not NIL:
                errors.type_error(x, "LIST")
            return pylist_to_list(items)
        if type(end) is not int or end < start:
            bounds(start, end, start + _count_conses(x))
        items = []
        while n < end and isinstance(x, Cons):
            items.append(x.car)
            x = x.cdr
            n += 1
        if n < end:
            bounds(start, end, n)
        return pylist_to_list(items)
    errors.type_error(seq, "SEQUENCE")


def _count_conses(x: Any) -> int:
    n = 0
    while isinstance(x, Cons):
        n += 1
        x = x.cdr
    return n


@builtin("%SET-SUBSEQ", package="CLYSM")
def set_subseq(seq: Any, start: Any, end: Any, new: Any) -> Any:
    """(setf (subseq seq start end) new): replace, returns new."""
    replace_range(seq, new, start, end, None, None)
    return new


@builtin("COPY-SEQ")
def copy_seq(seq: Any) -> Any:
    """A fresh copy; copying a string gives a mutable (character vector) string."""
    if type(seq) is str:
        return LispVector([char(ord(c)) for c in seq], None, "character")
    if isinstance(seq, LispVector):
        return LispVector(list(seq.active()), None, seq.element_type)
    if seq is NIL or isinstance(seq, Cons):
        items = []
        x = seq
        while isinstance(x, Cons):
            items.append(x.car)
            x = x.cdr
        if x is not NIL:
            errors.type_error(x, "LIST")
        return pylist_to_list(items)
    errors.type_error(seq, "SEQUENCE")


@builtin("REVERSE")
def reverse(seq: Any) -> Any:
    if isinstance(seq, Cons) or seq is NIL:
        result: Any = NIL
        x = seq
        while isinstance(x, Cons):
            result = Cons(x.car, result)
            x = x.cdr
        if x is not NIL:
            errors.type_error(x, "LIST")
        return result
    if type(seq) is str:
        return seq[::-1]
    if isinstance(seq, LispVector):
        if seq.element_type == "character":
            return chars_to_str(seq.active()[::-1])
        return LispVector(seq.active()[::-1], None, seq.element_type)
    errors.type_error(seq, "SEQUENCE")


@builtin("NREVERSE")
def nreverse(seq: Any) -> Any:
    if isinstance(seq, Cons):
        result: Any = NIL
        x = seq
        while isinstance(x, Cons):
            nxt = x.cdr
            x.cdr = result
            result = x
            x = nxt
        if x is not NIL:
            errors.type_error(x, "LIST")
        return result
    if isinstance(seq, LispVector):
        n = len(seq)
        seq.items[:n] = seq.items[:n][::-1]
        return seq
    if seq is NIL:
        return NIL
    if type(seq) is str:
        return seq[::-1]
    errors.type_error(seq, "SEQUENCE")


# ---------------------------------------------------------------------------------------------- fill, replace

def _store(seq: Any, start: int, items: list[Any], op: str) -> None:
    """Write items into seq from index start (seq is a list or LispVector)."""
    if isinstance(seq, LispVector):
        if seq.element_type == "character":
            for c in items:
                if type(c) is not Char:
                    errors.type_error(c, "CHARACTER")
        seq.items[start:start + len(items)] = items
        return
    if type(seq) is str:
        immutable_string(seq, op)
    x = seq
    for _ in range(start):
        x = x.cdr
    for item in items:
        x.car = item
        x = x.cdr


@builtin("FILL")
def fill(seq: Any, item: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _START_END, "FILL") if keys else {}
    n = len(seq) if isinstance(seq, (LispVector, str)) else len(seq_list(check_sequence(seq)))
    s, e = bounds(kw.get("START"), kw.get("END"), n)
    _store(seq, s, [item] * (e - s), "FILL")
    return seq


def replace_range(seq1: Any, seq2: Any, start1: Any, end1: Any, start2: Any, end2: Any) -> Any:
    items1 = seq_list(check_sequence(seq1))
    items2 = seq_list(check_sequence(seq2))
    s1, e1 = bounds(start1, end1, len(items1))
    s2, e2 = bounds(start2, end2, len(items2))
    n = min(e1 - s1, e2 - s2)
    if n:
        _store(seq1, s1, items2[s2:s2 + n], "REPLACE")
    return seq1


@builtin("REPLACE")
def replace(seq1: Any, seq2: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, frozenset({"START1", "END1", "START2", "END2"}), "REPLACE") if keys else {}
    return replace_range(seq1, seq2, kw.get("START1"), kw.get("END1"), kw.get("START2"), kw.get("END2"))


# ---------------------------------------------------------------------------------------------- construction

@builtin("CONCATENATE")
def concatenate(result_type: Any, *seqs: Any) -> Any:
    kind = result_kind(result_type, "CONCATENATE")
    if kind == "string" and all(type(s) is str for s in seqs):
        return "".join(seqs)
    items: list[Any] = []
    for s in seqs:
        items.extend(seq_list(s))
    return build(kind, items)


@builtin("MAKE-SEQUENCE")
def make_sequence(result_type: Any, size: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, frozenset({"INITIAL-ELEMENT"}), "MAKE-SEQUENCE") if keys else {}
    kind = result_kind(result_type, "MAKE-SEQUENCE")
    check_size(size)
    if kind == "string":
        init = kw.get("INITIAL-ELEMENT", char(0))
        if type(init) is not Char:
            errors.type_error(init, "CHARACTER")
        return LispVector([init] * size, None, "character")
    return build(kind, [kw.get("INITIAL-ELEMENT", 0 if kind == "vector" else NIL)] * size)


def _elements(seqs: tuple[Any, ...]) -> list[list[Any]]:
    return [seq_list(check_sequence(s)) for s in seqs]


@builtin("MAP")
def map_(result_type: Any, fn: Any, seq: Any, *more: Any) -> Any:
    kind = result_kind(result_type, "MAP", allow_nil=True)
    f = as_function(fn)
    if not more:
        if isinstance(seq, Cons) and kind != "string":
            out = []
            x = seq
            while isinstance(x, Cons):
                out.append(f(x.car))
                x = x.cdr
        else:
            out = [f(e) for e in seq_list(check_sequence(seq))]
    else:
        cols = _elements((seq, *more))
        out = [f(*args) for args in zip(*cols, strict=False)]
    return build(kind, out)


@builtin("MAP-INTO")
def map_into(result: Any, fn: Any, *seqs: Any) -> Any:
    f = as_function(fn)
    check_sequence(result)
    if type(result) is str:
        immutable_string(result, "MAP-INTO")
    cols = _elements(seqs)
    if isinstance(result, LispVector):
        limit = len(result.items) if result.fill_pointer is not None else len(result)
    else:
        limit = len(seq_list(result))
    n = min([limit, *[len(c) for c in cols]])
    out = [f(*[c[i] for c in cols]) for i in range(n)]
    _store(result, 0, out, "MAP-INTO")
    if isinstance(result, LispVector) and result.fill_pointer is not None:
        result.fill_pointer = n
    return result


def _quantifier(name: str, on_hit: Any, on_miss: Any, want_true: bool) -> Callable[..., Any]:
    def quantifier(pred: Any, seq: Any, *more: Any) -> Any:
        f = as_function(pred)
        if not more and isinstance(seq, Cons):
            x = seq
            while isinstance(x, Cons):
                r = f(x.car)
                if (r is not NIL) == want_true:
                    return r if on_hit is None else on_hit
                x = x.cdr
            return on_miss
        for args in zip(*_elements((seq, *more)), strict=False):
            r = f(*args)
            if (r is not NIL) == want_true:
                return r if on_hit is None else on_hit
        return on_miss

    quantifier.__name__ = name.lower()
    return builtin(name)(quantifier)


some = _quantifier("SOME", None, NIL, True)
every = _quantifier("EVERY", NIL, T, False)
notany = _quantifier("NOTANY", NIL, T, True)
notevery = _quantifier("NOTEVERY", T, NIL, False)


# ---------------------------------------------------------------------------------------------- sorting

def _merge_sort(keys: list[Any], items: list[Any], less: Callable[[Any, Any], Any]) -> list[Any]:
    """Stable bottom-up merge sort of `items` by `keys`, calling the Lisp predicate straight from Python.

    Python's own sort would call the predicate from C (through __lt__), and recursion that goes through C frames
    kills Pyodide at a few hundred levels; here every call is a plain Python call the engine's depth limit sees."""
    n = len(items)
    pairs = list(zip(keys, items, strict=True))
    width = 1
    while width < n:
        merged: list[Any] = []
        for lo in range(0, n, 2 * width):
            left, right = pairs[lo : lo + width], pairs[lo + width : lo + 2 * width]
            i = j = 0
            while i < len(left) and j < len(right):
                if less(right[j][0], left[i][0]) is not NIL:  # strictly less: take right, else keep stable
                    merged.append(right[j])
                    j += 1
                else:
                    merged.append(left[i])
                    i += 1
            merged.extend(left[i:])
            merged.extend(right[j:])
        pairs = merged
        width *= 2
    return [item for _, item in pairs]


_REALS = (int, float, Fraction, SingleFloat)


def sort_items(items: list[Any], pred: Any, key: Any) -> list[Any]:
    """Stable sort by a Lisp predicate, with fast paths for #'< and #'> on reals."""
    p = as_function(pred)
    kf = key_fn(key)
    if kf is None:
        from clysm.eval.builtins.numbers import num_gt, num_lt

        if (p is num_lt or p is num_gt) and all(type(x) in _REALS for x in items):
            return sorted(items, reverse=p is num_gt)
        return _merge_sort(items, items, p)
    return _merge_sort([kf(x) for x in items], items, p)


def heapsort_items(items: list[Any], pred: Any, key: Any) -> list[Any]:
    """SBCL's SORT of a vector: an (unstable) heapsort, so that equal elements end up where SBCL puts them."""
    p = as_function(pred)
    kf = key_fn(key) or (lambda x: x)
    a = [None, *items]  # 1-based, as SBCL's heap
    size = len(items)

    def heapify(i: int) -> None:
        while True:
            left = 2 * i
            if left > size:
                return
            i_elt = a[i]
            i_key = kf(i_elt)
            left_elt = a[left]
            left_key = kf(left_elt)
            if p(i_key, left_key) is not NIL:
                large, large_elt, large_key = left, left_elt, left_key
            else:
                large, large_elt, large_key = i, i_elt, i_key
            right = left + 1
            largest, largest_elt = large, large_elt
            if right <= size:
                right_elt = a[right]
                if p(large_key, kf(right_elt)) is not NIL:
                    largest, largest_elt = right, right_elt
            if largest == i:
                return
            a[i] = largest_elt
            a[largest] = i_elt
            i = largest

    for i in range(size // 2, 0, -1):
        heapify(i)
    while size >= 2:
        a[1], a[size] = a[size], a[1]
        size -= 1
        heapify(1)
    return a[1:]


def _sort(seq: Any, pred: Any, keys: tuple[Any, ...], fname: str) -> Any:
    key = parse_keys(keys, frozenset({"KEY"}), fname).get("KEY") if keys else None
    vector_sort = sort_items if fname == "STABLE-SORT" else heapsort_items
    if isinstance(seq, Cons):
        items = sort_items(seq_list(seq), pred, key)
        x = seq
        for item in items:
            x.car = item
            x = x.cdr
        return seq
    if isinstance(seq, LispVector):
        n = len(seq)
        seq.items[:n] = vector_sort(seq.items[:n], pred, key)
        return seq
    if type(seq) is str:
        return chars_to_str(vector_sort(seq_list(seq), pred, key))
    if seq is NIL:
        return NIL
    errors.type_error(seq, "SEQUENCE")


@builtin("SORT")
def sort(seq: Any, pred: Any, *keys: Any) -> Any:
    return _sort(seq, pred, keys, "SORT")


@builtin("STABLE-SORT")
def stable_sort(seq: Any, pred: Any, *keys: Any) -> Any:
    return _sort(seq, pred, keys, "STABLE-SORT")


@builtin("MERGE")
def merge(result_type: Any, seq1: Any, seq2: Any, pred: Any, *keys: Any) -> Any:
    kind = result_kind(result_type, "MERGE")
    kf = key_fn(parse_keys(keys, frozenset({"KEY"}), "MERGE").get("KEY") if keys else None)
    p = as_function(pred)
    a = seq_list(check_sequence(seq1))
    b = seq_list(check_sequence(seq2))
    out: list[Any] = []
    i = j = 0
    while i < len(a) and j < len(b):
        ka = a[i] if kf is None else kf(a[i])
        kb = b[j] if kf is None else kf(b[j])
        if p(kb, ka) is not NIL:
            out.append(b[j])
            j += 1
        else:
            out.append(a[i])
            i += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return build(kind, out)
