# The Conses chapter, part 2: membership (member, -if, -if-not), association lists (assoc, rassoc and variants,
# acons, pairlis), lists as sets (adjoin, union, intersection, set-difference, set-exclusive-or, subsetp and the
# n- variants, with SBCL's result order) and the mapping functions (mapcar, mapc, mapcan, maplist, mapl, mapcon).
from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import (
    as_function,
    eql,
    fn_pred,
    item_pred,
    key_fn,
    list_to_pylist,
    parse_keys,
    pylist_to_list,
    test2,
)
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Cons, SingleFloat, T

_TEST_KEYS = frozenset({"KEY", "TEST", "TEST-NOT"})
_KEY_ONLY = frozenset({"KEY"})
_NUMS = (int, float, Fraction, complex, SingleFloat)


def _bad_tail(x: Any) -> None:
    if x is not NIL:
        errors.type_error(x, "LIST")


def _item_matcher(item: Any, keys: tuple[Any, ...], fname: str) -> Callable[[Any], bool]:
    """Predicate on an element: (test item (key element)), default EQL."""
    return item_pred(item, parse_keys(keys, _TEST_KEYS, fname) if keys else {}, fname)


def _pred_matcher(pred: Any, keys: tuple[Any, ...], fname: str, negate: bool) -> Callable[[Any], bool]:
    return fn_pred(pred, parse_keys(keys, _KEY_ONLY, fname) if keys else {}, negate)


# ---------------------------------------------------------------------------------------------- member

def _member_with(match: Callable[[Any], bool], lst: Any) -> Any:
    x = lst
    while isinstance(x, Cons):
        if match(x.car):
            return x
        x = x.cdr
    _bad_tail(x)
    return NIL


@builtin("MEMBER")
def member(item: Any, lst: Any, *keys: Any) -> Any:
    if not keys:
        t = type(item)
        x = lst
        if t not in _NUMS:
            while isinstance(x, Cons):
                if x.car is item:
                    return x
                x = x.cdr
        elif t is int or t is Fraction:
            while isinstance(x, Cons):
                e = x.car
                if e is item or (type(e) is t and e == item):
                    return x
                x = x.cdr
        else:
            while isinstance(x, Cons):
                if eql(item, x.car):
                    return x
                x = x.cdr
        _bad_tail(x)
        return NIL
    return _member_with(_item_matcher(item, keys, "MEMBER"), lst)


@builtin("MEMBER-IF")
def member_if(pred: Any, lst: Any, *keys: Any) -> Any:
    return _member_with(_pred_matcher(pred, keys, "MEMBER-IF", False), lst)


@builtin("MEMBER-IF-NOT")
def member_if_not(pred: Any, lst: Any, *keys: Any) -> Any:
    return _member_with(_pred_matcher(pred, keys, "MEMBER-IF-NOT", True), lst)


# ---------------------------------------------------------------------------------------------- association lists

def _assoc_with(match: Callable[[Any], bool], alist: Any, use_cdr: bool) -> Any:
    x = alist
    while isinstance(x, Cons):
        pair = x.car
        if isinstance(pair, Cons):
            if match(pair.cdr if use_cdr else pair.car):
                return pair
        elif pair is not NIL:
            errors.type_error(pair, "LIST")
        x = x.cdr
    _bad_tail(x)
    return NIL


@builtin("ASSOC")
def assoc(item: Any, alist: Any, *keys: Any) -> Any:
    if not keys and type(item) not in _NUMS:
        x = alist
        while isinstance(x, Cons):
            pair = x.car
            if isinstance(pair, Cons):
                if pair.car is item:
                    return pair
            elif pair is not NIL:
                errors.type_error(pair, "LIST")
            x = x.cdr
        _bad_tail(x)
        return NIL
    return _assoc_with(_item_matcher(item, keys, "ASSOC"), alist, False)


@builtin("ASSOC-IF")
def assoc_if(pred: Any, alist: Any, *keys: Any) -> Any:
    return _assoc_with(_pred_matcher(pred, keys, "ASSOC-IF", False), alist, False)


@builtin("ASSOC-IF-NOT")
def assoc_if_not(pred: Any, alist: Any, *keys: Any) -> Any:
    return _assoc_with(_pred_matcher(pred, keys, "ASSOC-IF-NOT", True), alist, False)


@builtin("RASSOC")
def rassoc(item: Any, alist: Any, *keys: Any) -> Any:
    return _assoc_with(_item_matcher(item, keys, "RASSOC"), alist, True)


@builtin("RASSOC-IF")
def rassoc_if(pred: Any, alist: Any, *keys: Any) -> Any:
    return _assoc_with(_pred_matcher(pred, keys, "RASSOC-IF", False), alist, True)


@builtin("RASSOC-IF-NOT")
def rassoc_if_not(pred: Any, alist: Any, *keys: Any) -> Any:
    return _assoc_with(_pred_matcher(pred, keys, "RASSOC-IF-NOT", True), alist, True)


@builtin("ACONS")
def acons(key: Any, datum: Any, alist: Any) -> Any:
    return Cons(Cons(key, datum), alist)


@builtin("PAIRLIS")
def pairlis(keys: Any, data: Any, alist: Any = NIL) -> Any:
    ks = list_to_pylist(keys, "PAIRLIS")
    ds = list_to_pylist(data, "PAIRLIS")
    if len(ks) != len(ds):
        errors.simple_error("The lists of keys and data are of unequal length.")
    for k, d in zip(ks, ds, strict=True):
        alist = Cons(Cons(k, d), alist)
    return alist


# ---------------------------------------------------------------------------------------------- sets

class _SetTest:
    """The :key/:test/:test-not of a set function: contains(x, others) is (member (key x) others :key :test)."""

    __slots__ = ("test", "key")

    def __init__(self, keys: tuple[Any, ...], fname: str) -> None:
        kw = parse_keys(keys, _TEST_KEYS, fname) if keys else {}
        self.test = test2(kw, fname)
        self.key = key_fn(kw.get("KEY"))

    def keyed(self, items: list[Any]) -> list[Any]:
        key = self.key
        return items if key is None else [key(e) for e in items]

    def contains(self, x: Any, keyed_others: list[Any], swap: bool = False) -> bool:
        k = x if self.key is None else self.key(x)
        test = self.test
        if test is eql and type(k) not in _NUMS:
            return any(k is o for o in keyed_others)
        if swap:
            return any(test(o, k) for o in keyed_others)
        return any(test(k, o) for o in keyed_others)


@builtin("ADJOIN")
def adjoin(item: Any, lst: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "ADJOIN")
    if st.contains(item, st.keyed(list_to_pylist(lst, "ADJOIN"))):
        return lst
    return Cons(item, lst)


@builtin("UNION", "NUNION")
def union(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "UNION")
    l1 = list_to_pylist(list1, "UNION")
    l2 = list_to_pylist(list2, "UNION")
    if not l1:
        return list2
    if not l2:
        return list1
    if len(l1) < len(l2):
        short, long_, result = l1, l2, list1
    else:
        short, long_, result = l2, l1, list2
    keyed_short = st.keyed(short)
    for elt in long_:
        if not st.contains(elt, keyed_short):
            result = Cons(elt, result)
    return result


@builtin("INTERSECTION", "NINTERSECTION")
def intersection(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "INTERSECTION")
    l1 = list_to_pylist(list1, "INTERSECTION")
    l2 = list_to_pylist(list2, "INTERSECTION")
    if not l1 or not l2:
        return NIL
    keyed2 = st.keyed(l2)
    result: Any = NIL
    for elt in l1:
        if st.contains(elt, keyed2):
            result = Cons(elt, result)
    return result


@builtin("SET-DIFFERENCE", "NSET-DIFFERENCE")
def set_difference(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "SET-DIFFERENCE")
    l1 = list_to_pylist(list1, "SET-DIFFERENCE")
    l2 = list_to_pylist(list2, "SET-DIFFERENCE")
    if not l2:
        return list1
    keyed2 = st.keyed(l2)
    result: Any = NIL
    for elt in l1:
        if not st.contains(elt, keyed2):
            result = Cons(elt, result)
    return result


@builtin("SET-EXCLUSIVE-OR")
def set_exclusive_or(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "SET-EXCLUSIVE-OR")
    l1 = list_to_pylist(list1, "SET-EXCLUSIVE-OR")
    l2 = list_to_pylist(list2, "SET-EXCLUSIVE-OR")
    keyed1 = st.keyed(l1)
    keyed2 = st.keyed(l2)
    result: Any = NIL
    for elt in l1:
        if not st.contains(elt, keyed2):
            result = Cons(elt, result)
    for elt in l2:
        if not st.contains(elt, keyed1, swap=True):
            result = Cons(elt, result)
    return result


@builtin("NSET-EXCLUSIVE-OR")
def nset_exclusive_or(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "NSET-EXCLUSIVE-OR")
    l1 = list_to_pylist(list1, "NSET-EXCLUSIVE-OR")
    l2 = list_to_pylist(list2, "NSET-EXCLUSIVE-OR")
    keyed1 = st.keyed(l1)
    keyed2 = st.keyed(l2)
    kept1 = [x for x in l1 if not st.contains(x, keyed2)]
    kept2 = [y for y in l2 if not st.contains(y, keyed1, swap=True)]
    return pylist_to_list(kept1 + kept2)


@builtin("SUBSETP")
def subsetp(list1: Any, list2: Any, *keys: Any) -> Any:
    st = _SetTest(keys, "SUBSETP")
    keyed2 = st.keyed(list_to_pylist(list2, "SUBSETP"))
    for elt in list_to_pylist(list1, "SUBSETP"):
        if not st.contains(elt, keyed2):
            return NIL
    return T


# ---------------------------------------------------------------------------------------------- mapping

def _map_cars(f: Callable[..., Any], lists: tuple[Any, ...]) -> list[Any]:
    """Results of f on successive elements, stopping at the shortest list."""
    out: list[Any] = []
    if len(lists) == 1:
        x = lists[0]
        while isinstance(x, Cons):
            out.append(f(x.car))
            x = x.cdr
        _bad_tail(x)
        return out
    cur = list(lists)
    while True:
        for x in cur:
            if not isinstance(x, Cons):
                _bad_tail(x)
                return out
        out.append(f(*[x.car for x in cur]))
        cur = [x.cdr for x in cur]


def _map_tails(f: Callable[..., Any], lists: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = []
    cur = list(lists)
    while True:
        for x in cur:
            if not isinstance(x, Cons):
                _bad_tail(x)
                return out
        out.append(f(*cur))
        cur = [x.cdr for x in cur]


def _nconc_results(results: list[Any]) -> Any:
    """MAPCAN/MAPCON's accumulation: (setq tail (last (nconc tail result))) for each result."""
    head = Cons(NIL, NIL)
    tail = head
    for r in results:
        tail.cdr = r
        while isinstance(tail.cdr, Cons):
            tail = tail.cdr
    return head.cdr


@builtin("MAPCAR")
def mapcar(fn: Any, lst: Any, *more: Any) -> Any:
    f = as_function(fn)
    if not more:
        out: list[Any] = []
        append = out.append
        x = lst
        while isinstance(x, Cons):
            append(f(x.car))
            x = x.cdr
        _bad_tail(x)
        return pylist_to_list(out)
    return pylist_to_list(_map_cars(f, (lst, *more)))


@builtin("MAPC")
def mapc(fn: Any, lst: Any, *more: Any) -> Any:
    _map_cars(as_function(fn), (lst, *more))
    return lst


@builtin("MAPCAN")
def mapcan(fn: Any, lst: Any, *more: Any) -> Any:
    return _nconc_results(_map_cars(as_function(fn), (lst, *more)))


@builtin("MAPLIST")
def maplist(fn: Any, lst: Any, *more: Any) -> Any:
    return pylist_to_list(_map_tails(as_function(fn), (lst, *more)))


@builtin("MAPL")
def mapl(fn: Any, lst: Any, *more: Any) -> Any:
    _map_tails(as_function(fn), (lst, *more))
    return lst


@builtin("MAPCON")
def mapcon(fn: Any, lst: Any, *more: Any) -> Any:
    return _nconc_results(_map_tails(as_function(fn), (lst, *more)))
