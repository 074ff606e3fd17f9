# The Sequences chapter, part 2: searching and filtering with :key :test :test-not :start :end :from-end :count:
# reduce, find, position, count, remove, delete, substitute (and -if/-if-not), remove-duplicates,
# delete-duplicates, mismatch, search. Lists are destructively modified by DELETE as in SBCL.
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import (
    as_function,
    bounds,
    fn_pred,
    item_pred,
    key_fn,
    make_like,
    parse_keys,
    pylist_to_list,
    seq_list,
    test2,
)
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, Cons, LispVector

_ITEM_KEYS = frozenset({"FROM-END", "TEST", "TEST-NOT", "START", "END", "COUNT", "KEY"})
_IF_KEYS = frozenset({"FROM-END", "START", "END", "COUNT", "KEY"})


def _sequence_items(seq: Any) -> list[Any]:
    if not (seq is NIL or isinstance(seq, (Cons, LispVector, str))):
        errors.type_error(seq, "SEQUENCE")
    return seq_list(seq)


def _item_args(item: Any, keys: tuple[Any, ...], fname: str) -> tuple[Callable[[Any], bool], dict[str, Any]]:
    kw = parse_keys(keys, _ITEM_KEYS, fname) if keys else {}
    return item_pred(item, kw, fname), kw


def _if_args(pred: Any, keys: tuple[Any, ...], fname: str, negate: bool) -> tuple[Callable[[Any], bool], dict]:
    kw = parse_keys(keys, _IF_KEYS, fname) if keys else {}
    return fn_pred(pred, kw, negate), kw


def _count_limit(kw: dict[str, Any]) -> int | None:
    count = kw.get("COUNT", NIL)
    if count is NIL:
        return None
    if type(count) is not int:
        errors.type_error(count, "INTEGER")
    return max(count, 0)


def _matches(items: list[Any], match: Callable[[Any], bool], kw: dict[str, Any], limit: int | None) -> list[int]:
    """Indices of matching elements within :start/:end, at most `limit` of them (from the end with :from-end);
    returned in increasing order."""
    s, e = bounds(kw.get("START"), kw.get("END"), len(items))
    from_end = kw.get("FROM-END", NIL) is not NIL
    found: list[int] = []
    if limit == 0:
        return found
    rng = range(e - 1, s - 1, -1) if from_end else range(s, e)
    for i in rng:
        if match(items[i]):
            found.append(i)
            if limit is not None and len(found) >= limit:
                break
    if from_end:
        found.reverse()
    return found


# ---------------------------------------------------------------------------------------------- find, position, count

def _find(seq: Any, match: Callable[[Any], bool], kw: dict[str, Any]) -> tuple[int, Any] | None:
    items = _sequence_items(seq)
    hits = _matches(items, match, kw, 1)
    if not hits:
        return None
    return hits[0], items[hits[0]]


@builtin("FIND")
def find(item: Any, seq: Any, *keys: Any) -> Any:
    if not keys and isinstance(seq, Cons):
        match = item_pred(item, {}, "FIND")
        x = seq
        while isinstance(x, Cons):
            if match(x.car):
                return x.car
            x = x.cdr
        if x is not NIL:
            errors.type_error(x, "LIST")
        return NIL
    match, kw = _item_args(item, keys, "FIND")
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[1]


@builtin("FIND-IF")
def find_if(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "FIND-IF", False)
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[1]


@builtin("FIND-IF-NOT")
def find_if_not(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "FIND-IF-NOT", True)
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[1]


@builtin("POSITION")
def position(item: Any, seq: Any, *keys: Any) -> Any:
    if not keys and type(seq) is str and type(item) is Char:
        i = seq.find(chr(item.code))
        return NIL if i < 0 else i
    match, kw = _item_args(item, keys, "POSITION")
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[0]


@builtin("POSITION-IF")
def position_if(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "POSITION-IF", False)
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[0]


@builtin("POSITION-IF-NOT")
def position_if_not(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "POSITION-IF-NOT", True)
    hit = _find(seq, match, kw)
    return NIL if hit is None else hit[0]


def _count(seq: Any, match: Callable[[Any], bool], kw: dict[str, Any]) -> int:
    return len(_matches(_sequence_items(seq), match, kw, None))


@builtin("COUNT")
def count(item: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _item_args(item, keys, "COUNT")
    return _count(seq, match, kw)


@builtin("COUNT-IF")
def count_if(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "COUNT-IF", False)
    return _count(seq, match, kw)


@builtin("COUNT-IF-NOT")
def count_if_not(pred: Any, seq: Any, *keys: Any) -> Any:
    match, kw = _if_args(pred, keys, "COUNT-IF-NOT", True)
    return _count(seq, match, kw)


# ---------------------------------------------------------------------------------------------- remove, delete

def _remove(seq: Any, match: Callable[[Any], bool], kw: dict[str, Any], destructive: bool) -> Any:
    items = _sequence_items(seq)
    hits = _matches(items, match, kw, _count_limit(kw))
    if not hits:
        return seq
    drop = set(hits)
    if destructive and isinstance(seq, Cons):
        return _splice_out(seq, drop)
    return make_like(seq, [x for i, x in enumerate(items) if i not in drop])


def _splice_out(lst: Cons, drop: set[int]) -> Any:
    """Destructively unlink the conses at the given indices (DELETE on a list)."""
    head = Cons(NIL, lst)
    prev = head
    x: Any = lst
    i = 0
    while isinstance(x, Cons):
        if i in drop:
            prev.cdr = x.cdr
        else:
            prev = x
        x = x.cdr
        i += 1
    return head.cdr


def _remove_fn(name: str, is_if: bool, negate: bool, destructive: bool) -> Callable[..., Any]:
    def remover(first: Any, seq: Any, *keys: Any) -> Any:
        if is_if:
            match, kw = _if_args(first, keys, name, negate)
        else:
            if not keys and isinstance(seq, Cons) and not destructive:
                return _remove_list_fast(first, seq)
            match, kw = _item_args(first, keys, name)
        return _remove(seq, match, kw, destructive)

    remover.__name__ = name.lower().replace("-", "_")
    return builtin(name)(remover)


def _remove_list_fast(item: Any, lst: Cons) -> Any:
    match = item_pred(item, {}, "REMOVE")
    out = []
    x: Any = lst
    removed = False
    while isinstance(x, Cons):
        if match(x.car):
            removed = True
        else:
            out.append(x.car)
        x = x.cdr
    if x is not NIL:
        errors.type_error(x, "LIST")
    return pylist_to_list(out) if removed else lst


remove = _remove_fn("REMOVE", False, False, False)
remove_if = _remove_fn("REMOVE-IF", True, False, False)
remove_if_not = _remove_fn("REMOVE-IF-NOT", True, True, False)
delete = _remove_fn("DELETE", False, False, True)
delete_if = _remove_fn("DELETE-IF", True, False, True)
delete_if_not = _remove_fn("DELETE-IF-NOT", True, True, True)


# ---------------------------------------------------------------------------------------------- substitute

def _substitute(new: Any, seq: Any, match: Callable[[Any], bool], kw: dict[str, Any], destructive: bool) -> Any:
    items = _sequence_items(seq)
    hits = _matches(items, match, kw, _count_limit(kw))
    if not hits:
        return seq
    if destructive and isinstance(seq, Cons):
        hit_set = set(hits)
        x: Any = seq
        i = 0
        while isinstance(x, Cons):
            if i in hit_set:
                x.car = new
            x = x.cdr
            i += 1
        return seq
    if destructive and isinstance(seq, LispVector):
        for i in hits:
            seq.items[i] = new
        return seq
    for i in hits:
        items[i] = new
    return make_like(seq, items)


def _substitute_fn(name: str, is_if: bool, negate: bool, destructive: bool) -> Callable[..., Any]:
    def substituter(new: Any, first: Any, seq: Any, *keys: Any) -> Any:
        if is_if:
            match, kw = _if_args(first, keys, name, negate)
        else:
            match, kw = _item_args(first, keys, name)
        return _substitute(new, seq, match, kw, destructive)

    substituter.__name__ = name.lower().replace("-", "_")
    return builtin(name)(substituter)


substitute = _substitute_fn("SUBSTITUTE", False, False, False)
substitute_if = _substitute_fn("SUBSTITUTE-IF", True, False, False)
substitute_if_not = _substitute_fn("SUBSTITUTE-IF-NOT", True, True, False)
nsubstitute = _substitute_fn("NSUBSTITUTE", False, False, True)
nsubstitute_if = _substitute_fn("NSUBSTITUTE-IF", True, False, True)
nsubstitute_if_not = _substitute_fn("NSUBSTITUTE-IF-NOT", True, True, True)


# ---------------------------------------------------------------------------------------------- duplicates

_DUP_KEYS = frozenset({"FROM-END", "TEST", "TEST-NOT", "START", "END", "KEY"})


def _duplicate_indices(items: list[Any], kw: dict[str, Any], fname: str) -> set[int]:
    s, e = bounds(kw.get("START"), kw.get("END"), len(items))
    test = test2(kw, fname)
    key = key_fn(kw.get("KEY"))
    keys = [items[i] if key is None else key(items[i]) for i in range(s, e)]
    from_end = kw.get("FROM-END", NIL) is not NIL
    drop: set[int] = set()
    hashed = _hash_for(test)
    if hashed is not None:
        seen: set[Any] = set()
        order = range(len(keys)) if from_end else range(len(keys) - 1, -1, -1)
        for i in order:
            h = hashed(keys[i])
            if h in seen:
                drop.add(s + i)
            else:
                seen.add(h)
        return drop
    if from_end:
        kept: list[Any] = []
        for i, k in enumerate(keys):
            if any(test(kk, k) for kk in kept):
                drop.add(s + i)
            else:
                kept.append(k)
    else:
        for i, k in enumerate(keys):
            if any(test(k, keys[j]) for j in range(i + 1, len(keys))):
                drop.add(s + i)
    return drop


def _hash_for(test: Callable[[Any, Any], bool]) -> Callable[[Any], Any] | None:
    """A hashing function equivalent to the test when it is one of the standard ones."""
    from clysm.eval.builtins import common, hashtables

    if test is common.eql:
        return hashtables.eql_key
    if test is common.eq:
        return hashtables.eq_key
    if test is common.equal:
        return hashtables.equal_key
    if test is common.equalp:
        return hashtables.equalp_key
    return None


def _remove_duplicates(seq: Any, keys: tuple[Any, ...], fname: str, destructive: bool) -> Any:
    kw = parse_keys(keys, _DUP_KEYS, fname) if keys else {}
    items = _sequence_items(seq)
    drop = _duplicate_indices(items, kw, fname)
    if not drop:
        return seq
    if destructive and isinstance(seq, Cons):
        return _splice_out(seq, drop)
    return make_like(seq, [x for i, x in enumerate(items) if i not in drop])


@builtin("REMOVE-DUPLICATES")
def remove_duplicates(seq: Any, *keys: Any) -> Any:
    return _remove_duplicates(seq, keys, "REMOVE-DUPLICATES", False)


@builtin("DELETE-DUPLICATES")
def delete_duplicates(seq: Any, *keys: Any) -> Any:
    return _remove_duplicates(seq, keys, "DELETE-DUPLICATES", True)


# ---------------------------------------------------------------------------------------------- reduce

@builtin("REDUCE")
def reduce(fn: Any, seq: Any, *keys: Any) -> Any:
    f = as_function(fn)
    kw = parse_keys(keys, frozenset({"KEY", "FROM-END", "START", "END", "INITIAL-VALUE"}), "REDUCE") if keys else {}
    items = _sequence_items(seq)
    s, e = bounds(kw.get("START"), kw.get("END"), len(items))
    key = key_fn(kw.get("KEY"))
    part = items[s:e]
    if key is not None:
        part = [key(x) for x in part]
    has_init = "INITIAL-VALUE" in kw
    if not part:
        return kw["INITIAL-VALUE"] if has_init else f()
    if kw.get("FROM-END", NIL) is not NIL:
        if has_init:
            acc = kw["INITIAL-VALUE"]
            rest = part
        else:
            acc = part[-1]
            rest = part[:-1]
        for x in reversed(rest):
            acc = f(x, acc)
        return acc
    if has_init:
        acc = kw["INITIAL-VALUE"]
        rest = part
    else:
        acc = part[0]
        rest = part[1:]
    for x in rest:
        acc = f(acc, x)
    return acc


# ---------------------------------------------------------------------------------------------- mismatch, search

_TWO_SEQ_KEYS = frozenset({"FROM-END", "TEST", "TEST-NOT", "KEY", "START1", "END1", "START2", "END2"})


def _two_seq_args(seq1: Any, seq2: Any, keys: tuple[Any, ...], fname: str) -> tuple[Any, ...]:
    kw = parse_keys(keys, _TWO_SEQ_KEYS, fname) if keys else {}
    a = _sequence_items(seq1)
    b = _sequence_items(seq2)
    s1, e1 = bounds(kw.get("START1"), kw.get("END1"), len(a))
    s2, e2 = bounds(kw.get("START2"), kw.get("END2"), len(b))
    key = key_fn(kw.get("KEY"))
    if key is not None:
        a = [key(x) for x in a[s1:e1]]
        b = [key(x) for x in b[s2:e2]]
    else:
        a = a[s1:e1]
        b = b[s2:e2]
    return a, b, s1, s2, test2(kw, fname), kw.get("FROM-END", NIL) is not NIL


@builtin("MISMATCH")
def mismatch(seq1: Any, seq2: Any, *keys: Any) -> Any:
    a, b, s1, _s2, test, from_end = _two_seq_args(seq1, seq2, keys, "MISMATCH")
    n = min(len(a), len(b))
    if from_end:
        for k in range(1, n + 1):
            if not test(a[-k], b[-k]):
                return s1 + len(a) - k + 1
        return NIL if len(a) == len(b) else s1 + len(a) - n
    for k in range(n):
        if not test(a[k], b[k]):
            return s1 + k
    return NIL if len(a) == len(b) else s1 + n


@builtin("SEARCH")
def search(seq1: Any, seq2: Any, *keys: Any) -> Any:
    if not keys and type(seq1) is str and type(seq2) is str:
        i = seq2.find(seq1)
        return NIL if i < 0 else i
    a, b, _s1, s2, test, from_end = _two_seq_args(seq1, seq2, keys, "SEARCH")
    la = len(a)
    starts = range(len(b) - la, -1, -1) if from_end else range(len(b) - la + 1)
    for j in starts:
        if all(test(a[k], b[j + k]) for k in range(la)):
            return s2 + j
    return NIL
