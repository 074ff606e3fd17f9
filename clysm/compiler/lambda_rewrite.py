# Tier 2 compiler: lambda lists that bind special variables. Tier 2's own lambda-list machinery (front.py
# parse_lambda_list, emit.py) binds only lexical variables, so a lambda whose parameters include a special
# variable (proclaimed with DEFVAR/DEFPARAMETER, or declared SPECIAL in the body: a bound declaration) is first
# rewritten into an equivalent lambda whose parameters are all lexical:
#
#   (lambda (a *r* &optional (*x* (f a) xp) (b *x*) &key ((:k k) *x*) &aux (c k)) (declare ...) . body)
#   ->
#   (lambda (a #:r &optional (#:x nil #:xp) (#:b nil #:bp) &key ((:k #:k) nil #:kp))
#     (let ((*r* #:r)) (declare (special *r*))
#       (let ((*x* (if #:xp #:x (f a)))) (declare (special *x*))
#         (let ((xp #:xp))
#           (let ((b (if #:bp #:b *x*)))
#             (let ((k (if #:kp #:k *x*)))
#               (let ((c k))
#                 (locally (declare ...) (block name . body)))))))))
#
# Each parameter is bound by its own LET, in lambda-list order, so every init form is evaluated after (and
# inside) the bindings of the parameters before it, exactly as CL requires (CLHS 3.4.1): later init forms see
# the dynamic bindings of earlier special parameters. The special LETs become PROGV (front.py). Required
# parameters that are not special keep their place (nothing is evaluated before them). The function's BLOCK
# surrounds the body only, not the init forms (as in SBCL); the body's declarations stay on the body (LOCALLY),
# so free SPECIAL declarations do not reach the init forms either.
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.lisp.types import NIL, Cons, Symbol


def _list(items: list[Any]) -> Any:
    result: Any = NIL
    for x in reversed(items):
        result = Cons(x, result)
    return result


def lambda_list_variables(ll: Any, keyword: Callable[[str], Symbol]) -> list[Any] | None:
    """Every variable an ordinary lambda list binds (parameters, supplied-p variables, &aux variables), or None
    when it is not a well-formed ordinary lambda list (then the caller leaves it alone)."""
    from clysm.eval.lambdalist import parse_lambda_list

    try:
        return parse_lambda_list(ll, keyword=keyword).variables()
    except Exception:  # noqa: BLE001  (a malformed list is Tier 1's to report)
        return None


def rewrite_special_parameters(ll: Any, forms: list[Any], specials: list[Any], block_name: Any,
                               by_name: dict[str, Symbol], keyword: Callable[[str], Symbol]) -> tuple[Any, Any] | None:
    """(new lambda list, new body) for a lambda list binding a special variable, or None when none of its
    variables is special. `forms` is the body after the docstring, declarations included; `specials` the
    variables the body declares SPECIAL; `block_name` the name of the function's implicit block (None or NIL:
    none); `by_name` the COMMON-LISP symbols by name (front.Syms.by_name)."""
    from clysm.eval.lambdalist import parse_lambda_list

    def special(sym: Any) -> bool:
        return isinstance(sym, Symbol) and (getattr(sym, "special", False) or sym in specials)

    variables = lambda_list_variables(ll, keyword)
    if variables is None or not any(special(v) for v in variables):
        return None
    parsed = parse_lambda_list(ll, keyword=keyword)
    b = by_name
    new_ll: list[Any] = []
    steps: list[tuple[Any, Any]] = []  # (variable, init form) in binding order

    def temp(sym: Symbol) -> Symbol:
        return Symbol(sym.name)  # uninterned: always lexical

    def defaulted(value: Any, supplied: Any, init: Any) -> Any:
        return value if init is NIL else _list([b["IF"], supplied, value, init])

    for var in parsed.required:
        if special(var):
            t = temp(var)
            new_ll.append(t)
            steps.append((var, t))
        else:
            new_ll.append(var)
    if parsed.optional:
        new_ll.append(b["&OPTIONAL"])
        for o in parsed.optional:
            t, tp = temp(o.var), temp(o.supplied_p or o.var)
            new_ll.append(_list([t, NIL, tp]))
            steps.append((o.var, defaulted(t, tp, o.default)))
            if o.supplied_p is not None:
                steps.append((o.supplied_p, tp))
    if parsed.rest is not None:
        t = temp(parsed.rest)
        new_ll += [b["&REST"], t]
        steps.append((parsed.rest, t))
    if parsed.keys is not None:
        new_ll.append(b["&KEY"])
        for k in parsed.keys:
            t, tp = temp(k.var), temp(k.supplied_p or k.var)
            new_ll.append(_list([_list([k.keyword, t]), NIL, tp]))
            steps.append((k.var, defaulted(t, tp, k.default)))
            if k.supplied_p is not None:
                steps.append((k.supplied_p, tp))
        if parsed.allow_other_keys:
            new_ll.append(b["&ALLOW-OTHER-KEYS"])
    for a in parsed.aux:
        steps.append((a.var, a.init))

    body = list(forms)
    decls = []
    while body and isinstance(body[0], Cons) and body[0].car is b["DECLARE"]:
        decls.append(body.pop(0))
    if block_name is not None and block_name is not NIL:
        body = [_list([b["BLOCK"], block_name, *body])]
    form = _list([b["LOCALLY"], *decls, *body])
    for var, init in reversed(steps):
        decl = [_list([b["DECLARE"], _list([b["SPECIAL"], var])])] if special(var) else []
        form = _list([b["LET"], _list([_list([var, init])]), *decl, form])
    return _list(new_ll), form


Rewritten = tuple[Any, list[Any], list[Any], Any]


def special_parameters(ll: Any, forms: list[Any], body_forms: list[Any], specials: list[Any], block_name: Any,
                       by_name: dict[str, Symbol], keyword: Callable[[str], Symbol]) -> Rewritten:
    """What front.new_fn continues with: (lambda list, body forms without declarations, body SPECIAL
    declarations, block name), after rewriting special parameters away (then the body is one form that has
    the declarations and the block inside, so the last two are [] and NIL). `forms` is the body with its
    declarations, `body_forms` without them."""
    rewritten = rewrite_special_parameters(ll, forms, specials, block_name, by_name, keyword)
    if rewritten is None:
        return ll, body_forms, specials, block_name
    return rewritten[0], [rewritten[1]], [], NIL
