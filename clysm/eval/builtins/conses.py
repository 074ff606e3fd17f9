# The Conses chapter, part 1: conses and list structure (car/cdr and their compositions, list construction,
# nth/last/butlast/ldiff, copying, trees, substitution, property lists) and the CLYSM:: setf helpers for them.
# Part 2 (membership, association lists, sets, mapping) is conses_search.py.
from __future__ import annotations

import itertools
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import (
    as_function,
    check_size,
    eq,
    eql,
    key_fn,
    list_to_pylist,
    parse_keys,
    pylist_to_list,
    show,
    test2,
)
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Cons, T

# ---------------------------------------------------------------------------------------------- cons, car, cdr


@builtin("CONS")
def cons(a: Any, b: Any) -> Any:
    return Cons(a, b)


@builtin("CAR")
def car(x: Any) -> Any:
    try:
        return x.car
    except AttributeError:
        if x is NIL:
            return NIL
        errors.type_error(x, "LIST")


@builtin("CDR", "REST")
def cdr(x: Any) -> Any:
    try:
        return x.cdr
    except AttributeError:
        if x is NIL:
            return NIL
        errors.type_error(x, "LIST")


@builtin("FIRST")
def first(x: Any) -> Any:
    try:
        return x.car
    except AttributeError:
        if x is NIL:
            return NIL
        errors.type_error(x, "LIST")


def _cxr(path: str) -> Any:
    """The accessor c<path>r: path letters applied right to left ('ad' is car of cdr)."""
    ops = tuple(reversed(path))

    def cxr(x: Any) -> Any:
        for op in ops:
            if isinstance(x, Cons):
                x = x.car if op == "a" else x.cdr
            elif x is not NIL:
                errors.type_error(x, "LIST")
        return x

    cxr.__name__ = f"c{path}r"
    return cxr


@builtin("CADR", "SECOND")
def cadr(x: Any) -> Any:
    try:
        return x.cdr.car
    except AttributeError:
        return _cxr("ad")(x)


@builtin("CDDR")
def cddr(x: Any) -> Any:
    try:
        return x.cdr.cdr
    except AttributeError:
        return _cxr("dd")(x)


@builtin("CADDR", "THIRD")
def caddr(x: Any) -> Any:
    try:
        return x.cdr.cdr.car
    except AttributeError:
        return _cxr("add")(x)


CXR_NAMES = tuple(
    p
    for n in (2, 3, 4)
    for p in ("".join(bits) for bits in itertools.product("ad", repeat=n))
    if p not in ("ad", "dd", "add")
)
for _path in CXR_NAMES:
    builtin(f"C{_path.upper()}R")(_cxr(_path))


def _nth_accessor(name: str, n: int) -> Any:
    def accessor(x: Any) -> Any:
        for _ in range(n):
            if isinstance(x, Cons):
                x = x.cdr
            elif x is NIL:
                return NIL
            else:
                errors.type_error(x, "LIST")
        if isinstance(x, Cons):
            return x.car
        if x is NIL:
            return NIL
        errors.type_error(x, "LIST")

    accessor.__name__ = name.lower()
    return builtin(name)(accessor)


for _i, _name in enumerate(("FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH"), start=3):
    _nth_accessor(_name, _i)


# ---------------------------------------------------------------------------------------------- predicates

@builtin("CONSP")
def consp(x: Any) -> Any:
    return T if isinstance(x, Cons) else NIL


@builtin("LISTP")
def listp(x: Any) -> Any:
    return T if x is NIL or isinstance(x, Cons) else NIL


@builtin("ATOM")
def atom(x: Any) -> Any:
    return NIL if isinstance(x, Cons) else T


@builtin("NULL", "NOT")
def null(x: Any) -> Any:
    return T if x is NIL else NIL


@builtin("ENDP")
def endp(x: Any) -> Any:
    if x is NIL:
        return T
    if isinstance(x, Cons):
        return NIL
    errors.type_error(x, "LIST")


# ---------------------------------------------------------------------------------------------- mutation

def _cons_arg(x: Any) -> Cons:
    if not isinstance(x, Cons):
        errors.type_error(x, "CONS")
    return x


@builtin("RPLACA")
def rplaca(c: Any, v: Any) -> Any:
    _cons_arg(c).car = v
    return c


@builtin("RPLACD")
def rplacd(c: Any, v: Any) -> Any:
    _cons_arg(c).cdr = v
    return c


@builtin("%RPLACA", package="CLYSM")
def set_car(c: Any, v: Any) -> Any:
    """(setf (car c) v): returns v."""
    _cons_arg(c).car = v
    return v


@builtin("%RPLACD", package="CLYSM")
def set_cdr(c: Any, v: Any) -> Any:
    """(setf (cdr c) v): returns v."""
    _cons_arg(c).cdr = v
    return v


@builtin("%SETNTH", package="CLYSM")
def set_nth(n: Any, lst: Any, v: Any) -> Any:
    """(setf (nth n list) v): returns v."""
    c = nthcdr(n, lst)
    if not isinstance(c, Cons):
        errors.type_error(c, "CONS")
    c.car = v
    return v


# ---------------------------------------------------------------------------------------------- construction

@builtin("LIST")
def list_(*items: Any) -> Any:
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


@builtin("LIST*")
def list_star(first: Any, *more: Any) -> Any:
    if not more:
        return first
    result = more[-1]
    for item in reversed(more[:-1]):
        result = Cons(item, result)
    return Cons(first, result)


@builtin("MAKE-LIST")
def make_list(size: Any, *keys: Any) -> Any:
    init = NIL
    if keys:
        init = parse_keys(keys, frozenset({"INITIAL-ELEMENT"}), "MAKE-LIST").get("INITIAL-ELEMENT", NIL)
    check_size(size)
    result: Any = NIL
    for _ in range(size):
        result = Cons(init, result)
    return result


@builtin("LIST-LENGTH")
def list_length(x: Any) -> Any:
    n = 0
    fast = slow = x
    while True:
        if fast is NIL:
            return n
        if not isinstance(fast, Cons):
            errors.type_error(fast, "LIST")
        fast = fast.cdr
        n += 1
        if fast is NIL:
            return n
        if not isinstance(fast, Cons):
            errors.type_error(fast, "LIST")
        fast = fast.cdr
        n += 1
        slow = slow.cdr
        if fast is slow:
            return NIL


@builtin("APPEND")
def append(*lists: Any) -> Any:
    if not lists:
        return NIL
    result = lists[-1]
    for lst in reversed(lists[:-1]):
        if lst is NIL:
            continue
        items = list_to_pylist(lst, "APPEND")
        for item in reversed(items):
            result = Cons(item, result)
    return result


@builtin("NCONC")
def nconc(*lists: Any) -> Any:
    result: Any = NIL
    tail: Cons | None = None
    n = len(lists)
    for i, lst in enumerate(lists):
        if lst is NIL:
            continue
        if tail is None:
            result = lst
        else:
            tail.cdr = lst
        if i == n - 1:
            break
        if not isinstance(lst, Cons):
            errors.type_error(lst, "LIST")
        x = lst
        while isinstance(x.cdr, Cons):
            x = x.cdr
        tail = x
    return result


@builtin("REVAPPEND")
def revappend(x: Any, tail: Any) -> Any:
    result = tail
    y = x
    while isinstance(y, Cons):
        result = Cons(y.car, result)
        y = y.cdr
    if y is not NIL:
        errors.type_error(y, "LIST")
    return result


@builtin("NRECONC")
def nreconc(x: Any, tail: Any) -> Any:
    result = tail
    y = x
    while isinstance(y, Cons):
        nxt = y.cdr
        y.cdr = result
        result = y
        y = nxt
    if y is not NIL:
        errors.type_error(y, "LIST")
    return result


# ---------------------------------------------------------------------------------------------- positions

def _index(n: Any) -> int:
    if type(n) is not int or n < 0:
        errors.type_error(n, "UNSIGNED-BYTE")
    return n


@builtin("NTHCDR")
def nthcdr(n: Any, lst: Any) -> Any:
    _index(n)
    x = lst
    for _ in range(n):
        if isinstance(x, Cons):
            x = x.cdr
        elif x is NIL:
            return NIL
        else:
            errors.type_error(x, "LIST")
    return x


@builtin("NTH")
def nth(n: Any, lst: Any) -> Any:
    x = nthcdr(n, lst)
    if isinstance(x, Cons):
        return x.car
    if x is NIL:
        return NIL
    errors.type_error(x, "LIST")


@builtin("LAST")
def last(lst: Any, n: Any = 1) -> Any:
    _index(n)
    if not (lst is NIL or isinstance(lst, Cons)):
        errors.type_error(lst, "LIST")
    conses: list[Any] = []
    x = lst
    while isinstance(x, Cons):
        conses.append(x)
        x = x.cdr
    if n == 0:
        return x
    if n >= len(conses):
        return lst
    return conses[-n]


def _dotted_items(lst: Any) -> list[Any]:
    if not (lst is NIL or isinstance(lst, Cons)):
        errors.type_error(lst, "LIST")
    items = []
    x = lst
    while isinstance(x, Cons):
        items.append(x)
        x = x.cdr
    return items


@builtin("BUTLAST")
def butlast(lst: Any, n: Any = 1) -> Any:
    _index(n)
    conses = _dotted_items(lst)
    keep = len(conses) - n
    if keep <= 0:
        return NIL
    return pylist_to_list([c.car for c in conses[:keep]])


@builtin("NBUTLAST")
def nbutlast(lst: Any, n: Any = 1) -> Any:
    _index(n)
    conses = _dotted_items(lst)
    keep = len(conses) - n
    if keep <= 0:
        return NIL
    conses[keep - 1].cdr = NIL
    return lst


@builtin("LDIFF")
def ldiff(lst: Any, obj: Any) -> Any:
    if not (lst is NIL or isinstance(lst, Cons)):
        errors.type_error(lst, "LIST")
    items: list[Any] = []
    x = lst
    while isinstance(x, Cons):
        if x is obj:
            return pylist_to_list(items)
        items.append(x.car)
        x = x.cdr
    if eql(x, obj):
        return pylist_to_list(items)
    return pylist_to_list(items, x)


@builtin("TAILP")
def tailp(obj: Any, lst: Any) -> Any:
    if not (lst is NIL or isinstance(lst, Cons)):
        errors.type_error(lst, "LIST")
    x = lst
    while isinstance(x, Cons):
        if x is obj:
            return T
        x = x.cdr
    return T if eql(x, obj) else NIL


# ---------------------------------------------------------------------------------------------- copying, trees

@builtin("COPY-LIST")
def copy_list(lst: Any) -> Any:
    if not (lst is NIL or isinstance(lst, Cons)):
        errors.type_error(lst, "LIST")
    items = []
    x = lst
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    return pylist_to_list(items, x)


@builtin("COPY-ALIST")
def copy_alist(alist: Any) -> Any:
    items = list_to_pylist(alist, "COPY-ALIST")
    return pylist_to_list([Cons(e.car, e.cdr) if isinstance(e, Cons) else e for e in items])


@builtin("COPY-TREE")
def copy_tree(x: Any) -> Any:
    if not isinstance(x, Cons):
        return x
    items = []
    y = x
    while isinstance(y, Cons):
        items.append(copy_tree(y.car))
        y = y.cdr
    return pylist_to_list(items, y)


@builtin("TREE-EQUAL")
def tree_equal(a: Any, b: Any, *keys: Any) -> Any:
    test = test2(parse_keys(keys, frozenset({"TEST", "TEST-NOT"}), "TREE-EQUAL"), "TREE-EQUAL") if keys else eql

    def walk(x: Any, y: Any) -> bool:
        while True:
            if isinstance(x, Cons):
                if not isinstance(y, Cons) or not walk(x.car, y.car):
                    return False
                x = x.cdr
                y = y.cdr
                continue
            if isinstance(y, Cons):
                return False
            return test(x, y)

    return T if walk(a, b) else NIL


def _tree_map(tree: Any, replace: Any) -> Any:
    """SUBST's walk: replace(subtree) -> (True, new) or (False, None), tried on every subtree in SBCL's order
    (a cons, then its car's subtrees, then its cdr); unchanged parts are shared. Iterative along cdrs."""
    hit, new = replace(tree)
    if hit:
        return new
    if not isinstance(tree, Cons):
        return tree
    spine: list[Cons] = []
    cars: list[Any] = []
    y = tree
    while True:
        spine.append(y)
        cars.append(_tree_map(y.car, replace))
        nxt = y.cdr
        hit, new = replace(nxt)
        if hit:
            result = new
            break
        if not isinstance(nxt, Cons):
            result = nxt
            break
        y = nxt
    for c, a in zip(reversed(spine), reversed(cars), strict=True):
        result = c if a is c.car and result is c.cdr else Cons(a, result)
    return result


def _subst_matcher(old: Any, kw: dict[str, Any], fname: str) -> Any:
    test = test2(kw, fname)
    key = key_fn(kw.get("KEY"))
    if key is None:
        return lambda x: test(old, x)
    return lambda x: test(old, key(x))


def _pred_matcher(pred: Any, kw: dict[str, Any], negate: bool) -> Any:
    fn = as_function(pred)
    key = key_fn(kw.get("KEY"))
    if key is None:
        return (lambda x: fn(x) is NIL) if negate else (lambda x: fn(x) is not NIL)
    return (lambda x: fn(key(x)) is NIL) if negate else (lambda x: fn(key(x)) is not NIL)


_SUBST_KEYS = frozenset({"KEY", "TEST", "TEST-NOT"})


def _subst(new: Any, match: Any, tree: Any) -> Any:
    return _tree_map(tree, lambda x: (True, new) if match(x) else (False, None))


@builtin("SUBST", "NSUBST")
def subst(new: Any, old: Any, tree: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _SUBST_KEYS, "SUBST") if keys else {}
    return _subst(new, _subst_matcher(old, kw, "SUBST"), tree)


@builtin("SUBST-IF", "NSUBST-IF")
def subst_if(new: Any, pred: Any, tree: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, frozenset({"KEY"}), "SUBST-IF") if keys else {}
    return _subst(new, _pred_matcher(pred, kw, False), tree)


@builtin("SUBST-IF-NOT", "NSUBST-IF-NOT")
def subst_if_not(new: Any, pred: Any, tree: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, frozenset({"KEY"}), "SUBST-IF-NOT") if keys else {}
    return _subst(new, _pred_matcher(pred, kw, True), tree)


@builtin("SUBLIS", "NSUBLIS")
def sublis(alist: Any, tree: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _SUBST_KEYS, "SUBLIS") if keys else {}
    test = test2(kw, "SUBLIS")
    key = key_fn(kw.get("KEY"))
    pairs = [p for p in list_to_pylist(alist, "SUBLIS") if p is not NIL]
    for p in pairs:
        if not isinstance(p, Cons):
            errors.type_error(p, "LIST")

    def replace(x: Any) -> tuple[bool, Any]:
        k = x if key is None else key(x)
        for p in pairs:
            if test(k, p.car):
                return True, p.cdr
        return False, None

    return _tree_map(tree, replace)


# ---------------------------------------------------------------------------------------------- property lists

def _plist_error(plist: Any) -> None:
    errors.signal_error(
        "SIMPLE-TYPE-ERROR", f"malformed property list: {show(plist)}.", DATUM=plist, EXPECTED_TYPE="LIST"
    )


@builtin("GETF")
def getf(plist: Any, indicator: Any, default: Any = NIL) -> Any:
    x = plist
    while isinstance(x, Cons):
        rest = x.cdr
        if not isinstance(rest, Cons):
            _plist_error(plist)
        if x.car is indicator or eq(x.car, indicator):
            return rest.car
        x = rest.cdr
    if x is not NIL:
        _plist_error(plist)
    return default


@builtin("GET-PROPERTIES")
@returns_values
def get_properties(plist: Any, indicators: Any) -> Any:
    wanted = list_to_pylist(indicators, "GET-PROPERTIES")
    x = plist
    while isinstance(x, Cons):
        rest = x.cdr
        if not isinstance(rest, Cons):
            _plist_error(plist)
        if any(eq(x.car, w) for w in wanted):
            return values(x.car, rest.car, x)
        x = rest.cdr
    if x is not NIL:
        _plist_error(plist)
    return values(NIL, NIL, NIL)


@builtin("%PUTF", package="CLYSM")
def putf(plist: Any, indicator: Any, value: Any) -> Any:
    """(setf (getf place indicator) value): store in place if present, else return a new plist with the
    pair in front. Returns the plist to store back into the place."""
    x = plist
    while isinstance(x, Cons):
        rest = x.cdr
        if not isinstance(rest, Cons):
            _plist_error(plist)
        if x.car is indicator or eq(x.car, indicator):
            rest.car = value
            return plist
        x = rest.cdr
    if x is not NIL:
        _plist_error(plist)
    return Cons(indicator, Cons(value, plist))


@builtin("%REMF", package="CLYSM")
@returns_values
def remf_(plist: Any, indicator: Any) -> Any:
    """(remf place indicator): returns two values, the new plist and T if a pair was removed (else NIL)."""
    prev: Cons | None = None
    x = plist
    while isinstance(x, Cons):
        rest = x.cdr
        if not isinstance(rest, Cons):
            _plist_error(plist)
        if x.car is indicator or eq(x.car, indicator):
            if prev is None:
                return values(rest.cdr, T)
            prev.cdr = rest.cdr
            return values(plist, T)
        prev = rest
        x = rest.cdr
    if x is not NIL:
        _plist_error(plist)
    return values(plist, NIL)
