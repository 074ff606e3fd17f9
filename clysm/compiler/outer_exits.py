# Tier 2 compiler: RETURN-FROM and GO from a compiled function to a BLOCK or TAGBODY of the enclosing Tier-1
# lexical environment, e.g. (block b (defun f () (return-from b 1)) (f)): F is compiled, the block belongs to the
# Tier-1 code around it. Tier 1 gave that block an exit token (clysm.eval.runtime.ExitToken) in a frame slot
# because F's body exits to it; Tier 2 reads the token through the same shared cell it uses for captured
# variables (clysm.eval.lexenv) and calls a host function that raises Tier 1's own non-local exit with it, so
# the exit is exactly Tier 1's (CONTROL-ERROR once the block has been exited, all the values of RETURN-FROM's
# value form, unwinding through Tier-2 frames as any Python exception does).
from __future__ import annotations

from typing import Any

from clysm.lisp.types import NIL

from .ir import unsupported


def _list(items: list[Any]) -> Any:
    from clysm.lisp.types import Cons

    result: Any = NIL
    for x in reversed(items):
        result = Cons(x, result)
    return result


def _token_cell(front: Any, kind: str, key: Any) -> tuple[Any, int] | None:
    """(the cell holding the exit token, tag index) of the Tier-1 block / tagbody tag `key`, or None."""
    lexenv = front.ctx.lexenv
    env = getattr(lexenv, "env", None)
    cell_of = getattr(lexenv, "_cell", None)
    if env is None or cell_of is None:
        return None
    if kind == "block":
        info, index = env.lookup_block(key), 0
    else:
        found = env.lookup_tag(key)
        info, index = found if found is not None else (None, 0)
    if info is None or info.token_var is None:
        return None
    cell = cell_of(info.token_var)
    return (cell, index) if cell is not None else None


def tier1_exit(front: Any, kind: str, args: list[Any], scope: Any, fn: Any) -> Any:
    """IR for (return-from name [value]) (kind "block") or (go tag) (kind "tag") whose target is not in the
    compiled code: a call of a host function with the Tier-1 exit token (and, for RETURN-FROM, a thunk of the
    value form). Raises Tier2Unsupported when the target is not a block / tag of the Tier-1 environment."""
    found = _token_cell(front, kind, args[0])
    if found is None:
        what = "return-from an unknown block" if kind == "block" else "go to an unknown tag"
        raise unsupported(f"{what} {args[0]!r}")
    cell, index = found
    front.env_uses += 1
    engine = front.ctx.engine
    from clysm.eval.runtime import GoExit, ReturnFromExit, check_token

    if kind == "tag":
        def go(tok: Any) -> Any:
            raise GoExit(check_token(tok, "GO to"), index + 1)

        return ("fcall", ("k", go), [("xv", cell)])

    from clysm.eval.values import call_values

    def return_from(tok: Any, thunk: Any) -> Any:
        values = call_values(engine, thunk)
        check_token(tok, "RETURN-FROM")
        raise ReturnFromExit(tok, values[0] if values else NIL, None if len(values) == 1 else values)

    thunk = front.new_fn(None, fn, NIL, _list(args[1:2]), scope)
    return ("fcall", ("k", return_from), [("xv", cell), ("fn", thunk)])
