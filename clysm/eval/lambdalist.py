# Lambda lists: parsing ordinary and macro lambda lists into plain data, and binding argument tuples to them.
# Used by the Tier 1 analyzer (which generates inline binding code from the parsed structure), by the Tier 2
# compiler, and by anything that needs DESTRUCTURING-BIND semantics at run time (`bind_arguments`).
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union

from clysm.eval import errors
from clysm.lisp.types import NIL, Cons, Symbol

Var = Union[Symbol, "LambdaList"]  # a variable, or (macro lambda lists only) a nested lambda list to destructure

LAMBDA_LIST_KEYWORDS = frozenset(
    ["&OPTIONAL", "&REST", "&BODY", "&KEY", "&ALLOW-OTHER-KEYS", "&AUX", "&WHOLE", "&ENVIRONMENT"]
)


class _Unsupplied:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unsupplied>"


UNSUPPLIED = _Unsupplied()  # marks an optional or keyword argument the caller did not pass


@dataclass
class OptionalParam:
    var: Var
    default: Any = NIL  # a form
    supplied_p: Symbol | None = None


@dataclass
class KeyParam:
    keyword: Symbol  # the keyword that names the argument (usually :VAR)
    var: Var
    default: Any = NIL
    supplied_p: Symbol | None = None


@dataclass
class AuxParam:
    var: Symbol
    init: Any = NIL


@dataclass
class LambdaList:
    """A parsed lambda list. `keys` is None when there is no &KEY (so `(&key)` and no &key differ)."""

    required: list[Var] = field(default_factory=list)
    optional: list[OptionalParam] = field(default_factory=list)
    rest: Var | None = None
    body: bool = False  # the rest parameter was introduced by &BODY
    keys: list[KeyParam] | None = None
    allow_other_keys: bool = False
    aux: list[AuxParam] = field(default_factory=list)
    whole: Var | None = None
    environment: Symbol | None = None
    dotted: bool = False  # (a b . rest) in a macro lambda list

    @property
    def is_simple(self) -> bool:
        """Only required variables (the fast path: no argument parsing at all)."""
        return (
            not self.optional and self.rest is None and self.keys is None and not self.aux and self.whole is None
            and self.environment is None and all(isinstance(v, Symbol) for v in self.required)
        )

    @property
    def min_args(self) -> int:
        return len(self.required)

    @property
    def max_args(self) -> int | None:
        """None when unbounded (&rest or &key)."""
        if self.rest is not None or self.keys is not None:
            return None
        return len(self.required) + len(self.optional)

    def variables(self) -> list[Symbol]:
        """Every variable the lambda list binds, in binding order."""
        out: list[Symbol] = []

        def add(v: Var | None) -> None:
            if isinstance(v, LambdaList):
                out.extend(v.variables())
            elif v is not None:
                out.append(v)

        add(self.whole)
        if self.environment is not None:
            out.append(self.environment)
        for v in self.required:
            add(v)
        for o in self.optional:
            add(o.var)
            if o.supplied_p is not None:
                out.append(o.supplied_p)
        add(self.rest)
        for k in self.keys or []:
            add(k.var)
            if k.supplied_p is not None:
                out.append(k.supplied_p)
        for a in self.aux:
            out.append(a.var)
        return out


def _show(x: Any) -> str:
    try:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(x)
    except Exception:  # noqa: BLE001  (printing must never hide the real error)
        return repr(x)


def _bad(ll: Any, why: str) -> None:
    errors.program_error(f"malformed lambda list {_show(ll)}: {why}")


def _is_var(x: Any) -> bool:
    return isinstance(x, Symbol) and x is not NIL and not x.constant and not x.is_keyword


def parse_lambda_list(
    ll: Any, *, keyword: Callable[[str], Symbol], macro: bool = False
) -> LambdaList:
    """Parse a lambda list. `keyword(name)` interns a keyword (for &key parameters without an explicit keyword).
    With macro=True, &WHOLE, &ENVIRONMENT, &BODY, dotted rest and nested destructuring are allowed."""
    result = LambdaList()
    state = "required"
    items: list[Any] = []
    x = ll
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    if x is not NIL:
        if not macro or not _is_var(x):
            _bad(ll, "not a proper list")
        result.rest = x
        result.dotted = True
    seen: set[str] = set()
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if isinstance(item, Symbol) and item.name in LAMBDA_LIST_KEYWORDS and item.name.startswith("&"):
            name = item.name
            if name in seen:
                _bad(ll, f"{name} appears twice")
            seen.add(name)
            if name in ("&WHOLE", "&ENVIRONMENT") and not macro:  # as SBCL: an error when the lambda is defined
                _bad(ll, f"{name} is only allowed in a macro lambda list, not in an ordinary one")
            if name == "&WHOLE":
                if i != 1:
                    _bad(ll, "&WHOLE must come first")
                if i >= len(items):
                    _bad(ll, "&WHOLE without a variable")
                result.whole = _param_var(items[i], ll, keyword, macro)
                i += 1
                continue
            if name == "&ENVIRONMENT":
                if i >= len(items) or not _is_var(items[i]):
                    _bad(ll, "&ENVIRONMENT without a variable")
                result.environment = items[i]
                i += 1
                continue
            order = ["required", "&OPTIONAL", "&REST", "&KEY", "&ALLOW-OTHER-KEYS", "&AUX"]
            canonical = "&REST" if name == "&BODY" else name
            if canonical == "&REST" and name == "&BODY" and not macro:
                _bad(ll, "&BODY is only allowed in a macro lambda list")
            if order.index(canonical) <= order.index(state) and canonical != "&ALLOW-OTHER-KEYS":
                _bad(ll, f"{name} is out of order")
            if canonical == "&ALLOW-OTHER-KEYS":
                if state != "&KEY":
                    _bad(ll, "&ALLOW-OTHER-KEYS must follow &KEY")
                result.allow_other_keys = True
                state = "&ALLOW-OTHER-KEYS"
                continue
            if canonical == "&REST":
                if result.dotted:
                    _bad(ll, "both &REST and a dotted tail")
                if i >= len(items):
                    _bad(ll, f"{name} without a variable")
                result.rest = _param_var(items[i], ll, keyword, macro)
                result.body = name == "&BODY"
                i += 1
                state = "&REST"
                continue
            if canonical == "&KEY":
                result.keys = []
            state = canonical
            continue
        if state == "required":
            result.required.append(_param_var(item, ll, keyword, macro))
        elif state == "&OPTIONAL":
            result.optional.append(_optional(item, ll, keyword, macro))
        elif state == "&REST":
            _bad(ll, "more than one variable after &REST")
        elif state == "&KEY":
            assert result.keys is not None
            result.keys.append(_key(item, ll, keyword, macro))
        elif state == "&ALLOW-OTHER-KEYS":
            _bad(ll, "a parameter after &ALLOW-OTHER-KEYS")
        elif state == "&AUX":
            result.aux.append(_aux(item, ll))
    _check_duplicates(result, ll)
    return result


def _param_var(item: Any, ll: Any, keyword: Callable[[str], Symbol], macro: bool) -> Var:
    if _is_var(item):
        return item
    if macro and (isinstance(item, Cons) or item is NIL):
        return parse_lambda_list(item, keyword=keyword, macro=True)
    _bad(ll, f"{_show(item)} is not a variable")
    raise AssertionError  # unreachable


def _list3(item: Any, ll: Any) -> list[Any]:
    parts: list[Any] = []
    x = item
    while isinstance(x, Cons):
        parts.append(x.car)
        x = x.cdr
    if x is not NIL or not 1 <= len(parts) <= 3:
        _bad(ll, f"malformed parameter {_show(item)}")
    return parts


def _supplied(parts: list[Any], ll: Any) -> Symbol | None:
    if len(parts) < 3:
        return None
    if not _is_var(parts[2]):
        _bad(ll, f"{_show(parts[2])} is not a variable")
    return parts[2]


def _optional(item: Any, ll: Any, keyword: Callable[[str], Symbol], macro: bool) -> OptionalParam:
    if isinstance(item, Cons):
        parts = _list3(item, ll)
        return OptionalParam(_param_var(parts[0], ll, keyword, macro), parts[1] if len(parts) > 1 else NIL,
                             _supplied(parts, ll))
    return OptionalParam(_param_var(item, ll, keyword, macro))


def _key(item: Any, ll: Any, keyword: Callable[[str], Symbol], macro: bool) -> KeyParam:
    if isinstance(item, Cons):
        parts = _list3(item, ll)
        spec = parts[0]
        if isinstance(spec, Cons):
            kparts = _list3(spec, ll)
            if len(kparts) != 2 or not isinstance(kparts[0], Symbol):
                _bad(ll, f"malformed keyword parameter {_show(spec)}")
            key, var = kparts[0], _param_var(kparts[1], ll, keyword, macro)
        else:
            var = _param_var(spec, ll, keyword, macro)
            if not isinstance(var, Symbol):
                _bad(ll, f"malformed keyword parameter {_show(spec)}")
            key = keyword(var.name)
        return KeyParam(key, var, parts[1] if len(parts) > 1 else NIL, _supplied(parts, ll))
    var = _param_var(item, ll, keyword, False)
    assert isinstance(var, Symbol)
    return KeyParam(keyword(var.name), var)


def _aux(item: Any, ll: Any) -> AuxParam:
    if isinstance(item, Cons):
        parts = _list3(item, ll)
        if len(parts) > 2 or not _is_var(parts[0]):
            _bad(ll, f"malformed &AUX parameter {_show(item)}")
        return AuxParam(parts[0], parts[1] if len(parts) > 1 else NIL)
    if not _is_var(item):
        _bad(ll, f"{_show(item)} is not a variable")
    return AuxParam(item)


def _check_duplicates(result: LambdaList, ll: Any) -> None:
    seen: set[int] = set()
    for v in result.variables():
        if id(v) in seen:
            _bad(ll, f"the variable {_show(v)} occurs more than once")
        seen.add(id(v))


# ---------------------------------------------------------------------------------------------- run-time binding

def parse_keyword_args(
    args: tuple[Any, ...] | list[Any], start: int, keys: tuple[Symbol, ...], allow_other: bool, fname: str
) -> list[Any]:
    """The values of keyword arguments args[start:] for `keys` (UNSUPPLIED where absent; the first occurrence
    wins). Odd counts, non-keywords and unknown keywords signal PROGRAM-ERROR unless other keys are allowed
    (&ALLOW-OTHER-KEYS or a true :ALLOW-OTHER-KEYS argument)."""
    n = len(args)
    if (n - start) % 2:
        errors.program_error(f"odd number of &KEY arguments (in {fname})")
    out: list[Any] = [UNSUPPLIED] * len(keys)
    bad: Any = None
    other_ok = allow_other
    for i in range(start, n, 2):
        k = args[i]
        try:
            j = keys.index(k)
        except ValueError:
            j = -1
        if j >= 0:
            if out[j] is UNSUPPLIED:
                out[j] = args[i + 1]
            continue
        if isinstance(k, Symbol) and k.is_keyword and k.name == "ALLOW-OTHER-KEYS":
            if not other_ok and args[i + 1] is not NIL and _first_aok(args, start, i):
                other_ok = True
            continue
        if bad is None:
            bad = k
    if bad is not None and not other_ok:
        if not (isinstance(bad, Symbol) and bad.is_keyword) and not isinstance(bad, Symbol):
            errors.program_error(f"{_show(bad)} is not a keyword (in {fname})")
        errors.program_error(f"unknown &KEY argument: {_show(bad)} (in {fname})")
    return out


def _first_aok(args: Any, start: int, i: int) -> bool:
    """True if position i holds the first :ALLOW-OTHER-KEYS of the argument list (only that one counts)."""
    for j in range(start, i, 2):
        k = args[j]
        if isinstance(k, Symbol) and k.is_keyword and k.name == "ALLOW-OTHER-KEYS":
            return False
    return True


def bind_arguments(
    ll: LambdaList,
    args: list[Any] | tuple[Any, ...],
    eval_default: Callable[[Any, list[tuple[Symbol, Any]]], Any],
    *,
    fname: str = "(LAMBDA)",
    whole: Any = NIL,
    environment: Any = NIL,
) -> list[tuple[Symbol, Any]]:
    """Bind `args` to `ll` (with destructuring for macro lambda lists): the (variable, value) pairs in binding
    order. Defaults and &aux inits are computed by eval_default(form, pairs_so_far). Argument count mismatches
    signal PROGRAM-ERROR naming `fname`."""
    pairs: list[tuple[Symbol, Any]] = []

    def bind(var: Var, value: Any) -> None:
        if isinstance(var, LambdaList):
            items, tail = _spread(value, fname)
            pairs.extend(bind_arguments(var, items, lambda f, p: eval_default(f, pairs + p), fname=fname,
                                        whole=value, environment=environment))
            if tail is not NIL and var.rest is None:
                errors.program_error(f"dotted list given to {fname}: {_show(value)}")
        else:
            pairs.append((var, value))

    if ll.whole is not None:
        bind(ll.whole, whole)
    if ll.environment is not None:
        pairs.append((ll.environment, environment))
    n = len(args)
    nreq = len(ll.required)
    if n < nreq or (ll.max_args is not None and n > ll.max_args):
        expected = str(nreq) if ll.max_args == nreq else (
            f"at least {nreq}" if ll.max_args is None else f"{nreq} to {ll.max_args}")
        errors.arg_count_error(fname, n, expected)
    for i, var in enumerate(ll.required):
        bind(var, args[i])
    pos = nreq
    for o in ll.optional:
        if pos < n:
            bind(o.var, args[pos])
            supplied = True
        else:
            bind(o.var, eval_default(o.default, pairs))
            supplied = False
        if o.supplied_p is not None:
            pairs.append((o.supplied_p, _lisp_bool(supplied)))
        pos += 1
    if ll.rest is not None:
        rest_list: Any = NIL
        for item in reversed(list(args[pos:])):
            rest_list = Cons(item, rest_list)
        bind(ll.rest, rest_list)
    if ll.keys is not None:
        keys = tuple(k.keyword for k in ll.keys)
        vals = parse_keyword_args(args, min(pos, n), keys, ll.allow_other_keys, fname)
        for k, v in zip(ll.keys, vals, strict=True):
            supplied = v is not UNSUPPLIED
            bind(k.var, v if supplied else eval_default(k.default, pairs))
            if k.supplied_p is not None:
                pairs.append((k.supplied_p, _lisp_bool(supplied)))
    for a in ll.aux:
        pairs.append((a.var, eval_default(a.init, pairs)))
    return pairs


def _spread(value: Any, fname: str) -> tuple[list[Any], Any]:
    items: list[Any] = []
    x = value
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    if x is not NIL and not isinstance(x, Cons):
        if not items and x is not NIL:
            errors.program_error(f"{_show(value)} cannot be destructured (in {fname})")
    return items, x


def _lisp_bool(b: bool) -> Any:
    from clysm.lisp.types import T

    return T if b else NIL
