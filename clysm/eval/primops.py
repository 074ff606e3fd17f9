# Open-coded COMMON-LISP functions for Tier 1 code generation: each template turns operand expressions into a
# Python expression with a fast path for fixnums (Python ints) or conses, falling back to the generic built-in
# (`F`, the function object) for every other type. Operands are given as (first use, later use) pairs so that
# each operand is evaluated exactly once, left to right.
from __future__ import annotations

Operand = tuple[str, str, bool]  # (first use, later use, is an int literal)

_ARITH = {"+": "+", "-": "-", "*": "*"}
_COMPARE = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "=": "==", "/=": "!="}
_SIGN = {"ZEROP": "== 0", "PLUSP": "> 0", "MINUSP": "< 0", "EVENP": "& 1 == 0", "ODDP": "& 1 == 1"}
_TYPEP = {
    "CONSP": "isinstance({a}, Cons)",
    "ATOM": "not isinstance({a}, Cons)",
    "SYMBOLP": "isinstance({a}, Symbol)",
    "NUMBERP": "type({a}) in _NUMT",
    "INTEGERP": "type({a}) is int",
    "NULL": "{a} is NIL",
    "NOT": "{a} is NIL",
}
PREDICATES = frozenset([*_COMPARE, *_SIGN, *_TYPEP, "EQ", "EQL", "LISTP"])


def _int_checks(ops: list[Operand]) -> str:
    checks = [f"(type({first}) is int)" for first, _later, is_int in ops if not is_int]
    return " & ".join(checks) if len(checks) > 1 else (checks[0] if checks else "True")


def _first_uses_all(ops: list[Operand]) -> bool:
    """True when every operand is an int literal (no first use happens inside the checks)."""
    return all(is_int for _f, _l, is_int in ops)


def test_expr(name: str, ops: list[Operand], f: str) -> str | None:
    """A Python bool expression for predicate `name`, or None if `name` is not a predicate."""
    if name in _COMPARE:
        (a1, a2, ai), (b1, b2, bi) = ops
        op = _COMPARE[name]
        if ai and bi:
            return f"({a2} {op} {b2})"
        if ai:
            return f"({a2} {op} {b2} if type({b1}) is int else {f}({a2}, {b2}) is not NIL)"
        if bi:
            return f"({a2} {op} {b2} if type({a1}) is int else {f}({a2}, {b2}) is not NIL)"
        return f"({a2} {op} {b2} if (type({a1}) is int) & (type({b1}) is int) else {f}({a2}, {b2}) is not NIL)"
    if name in _SIGN:
        ((a1, a2, ai),) = ops
        if ai:
            return f"({a2} {_SIGN[name]})"
        return f"({a2} {_SIGN[name]} if type({a1}) is int else {f}({a2}) is not NIL)"
    if name in _TYPEP:
        ((a1, _a2, _ai),) = ops
        return "(" + _TYPEP[name].format(a=a1) + ")"
    if name == "LISTP":
        ((a1, a2, _ai),) = ops
        return f"({a1} is NIL or isinstance({a2}, Cons))"
    if name in ("EQ", "EQL"):
        (a1, a2, ai), (b1, b2, bi) = ops
        if ai or bi:  # comparing with a fixnum literal: never `is` (Python warns), compare the value
            if ai and bi:
                return f"({a2} == {b2})"
            x1, x2, lit = (b1, b2, a2) if ai else (a1, a2, b2)
            return f"(type({x1}) is int and {x2} == {lit})"
        return f"({a1} is {b1} or _{name}({a2}, {b2}))"
    return None


def value_expr(name: str, ops: list[Operand], f: str) -> str:
    """A Python expression computing the Lisp value of open-coded `name`."""
    if name in PREDICATES:
        t = test_expr(name, ops, f)
        return f"(T if {t} else NIL)"
    if name in _ARITH:
        op = _ARITH[name]
        if len(ops) == 1:  # (- x)
            ((a1, a2, ai),) = ops
            if ai:
                return f"(-{a2})"
            return f"(-{a2} if type({a1}) is int else {f}({a2}))"
        (a1, a2, ai), (b1, b2, bi) = ops
        if ai and bi:
            return f"({a2} {op} {b2})"
        return f"({a2} {op} {b2} if {_int_checks(ops)} else {f}({a2}, {b2}))"
    if name in ("1+", "1-"):
        ((a1, a2, ai),) = ops
        op = "+" if name == "1+" else "-"
        if ai:
            return f"({a2} {op} 1)"
        return f"({a2} {op} 1 if type({a1}) is int else {f}({a2}))"
    if name in ("CAR", "FIRST"):
        ((a1, a2, _),) = ops
        return f"(({a2}).car if type({a1}) is Cons else {f}({a2}))"
    if name in ("CDR", "REST"):
        ((a1, a2, _),) = ops
        return f"(({a2}).cdr if type({a1}) is Cons else {f}({a2}))"
    if name in ("CADR", "SECOND"):
        ((a1, a2, _),) = ops
        return f"(({a2}).cdr.car if type({a1}) is Cons and type(({a2}).cdr) is Cons else {f}({a2}))"
    if name == "CDDR":
        ((a1, a2, _),) = ops
        return f"(({a2}).cdr.cdr if type({a1}) is Cons and type(({a2}).cdr) is Cons else {f}({a2}))"
    if name == "CONS":
        (a1, _, _), (b1, _, _) = ops
        return f"Cons({a1}, {b1})"
    raise KeyError(name)


def uses_operand_twice(name: str) -> bool:
    """Whether the template refers to an operand more than once (then it needs a temporary)."""
    return name not in ("CONS", "CONSP", "ATOM", "SYMBOLP", "NUMBERP", "INTEGERP", "NULL", "NOT")
