# Tier 2 compiler front end, the scope chain: linked tuples (kind, key, value, next) for variables, local
# functions, blocks, tags, special declarations and UNWIND-PROTECT marks, and the list helpers of the converters
# (front.py, front_control.py).
"""Scope lookups and small list helpers of the Tier 2 front end."""

from __future__ import annotations

from typing import Any

from clysm.lisp.types import NIL, Cons

from .ir import Block, Var, unsupported

# scope entries: (kind, key, value, next)   kinds: 'v' var, 'f' local fn, 'm' MACROLET macro, 'sm' symbol macro,
# 'b' block, 't' tag, 's' special declaration, 'u' an UNWIND-PROTECT (or PROGV) boundary
Scope = tuple | None


def lookup(scope: Scope, kind: str, key: Any) -> Any:
    while scope is not None:
        if scope[0] == kind and scope[1] is key:
            return scope[2]
        scope = scope[3]
    return None


def lookup_any(scope: Scope, kinds: tuple[str, ...], key: Any) -> tuple[str, Any] | None:
    """The innermost entry of one of `kinds` for `key` (so a local function hides a local macro and a
    variable hides a symbol macro, and the other way round): (kind, value), or None."""
    while scope is not None:
        if scope[1] is key and scope[0] in kinds:
            return scope[0], scope[2]
        scope = scope[3]
    return None


def to_list(x: Any, what: str = "form") -> list[Any]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise unsupported(f"dotted {what}")
    return out


def need(args: list[Any], lo: int, what: str, hi: int = -1) -> None:
    if len(args) < lo or 0 <= hi < len(args):
        raise unsupported(f"a malformed {what}")


def leaves_uwp(scope: Scope, blk: Block) -> bool:
    """Does an exit from `scope` to block/tagbody `blk` (of the same function) leave an UNWIND-PROTECT?"""
    while scope is not None:
        if scope[0] == "u":
            return True
        if scope[0] in ("b", "t") and scope[2] is blk:
            return False
        scope = scope[3]
    return False


def lookup_tag(scope: Scope, tag: Any) -> Block | None:
    while scope is not None:
        if scope[0] == "t" and (scope[1] is tag or (isinstance(tag, int) and scope[1] == tag)):
            return scope[2]
        scope = scope[3]
    return None


def lookup_shadow_special(scope: Scope, sym: Any, var: Var) -> bool:
    """True if the innermost binding/declaration of `sym` is the lexical `var` (not a later special decl)."""
    while scope is not None:
        if scope[1] is sym:
            if scope[0] == "v":
                return scope[2] is var
            if scope[0] == "s":
                return False
        scope = scope[3]
    return True


def from_list(items: list[Any]) -> Any:
    result: Any = NIL
    for x in reversed(items):
        result = Cons(x, result)
    return result
