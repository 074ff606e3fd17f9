# Tier 2 compiler front end, control constructs: BLOCK / RETURN-FROM, TAGBODY / GO (recording each local GO's
# segments for emit_blocks.py's structured lowering), and the dynamic-extent forms CATCH, THROW, UNWIND-PROTECT,
# MULTIPLE-VALUE-PROG1, PROGV and MULTIPLE-VALUE-CALL, which are native in Wasm (emit_dyn.py, docs/ABI.md): no
# host helper is needed. Mixed into front.Front.
"""Converters of the control special forms."""

from __future__ import annotations

from typing import Any

from clysm.lisp.types import NIL, Cons, Symbol

from .ir import Block, Fn, Var, unsupported
from .outer_exits import tier1_exit
from .scope import Scope, from_list, leaves_uwp, lookup, lookup_tag, need


class ControlFront:
    """BLOCK, RETURN-FROM, TAGBODY, GO, CATCH, THROW, UNWIND-PROTECT, MULTIPLE-VALUE-PROG1, PROGV,
    MULTIPLE-VALUE-CALL; relies on Front's convert, c_body, new_fn and ref_var."""

    convert: Any
    c_body: Any
    new_fn: Any
    ref_var: Any

    def c_block(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        blk = Block(args[0], fn)
        return ("block", blk, self.c_body(args[1:], ("b", args[0], blk, scope), fn))

    def c_return_from(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        blk = lookup(scope, "b", args[0])
        if blk is None:  # a BLOCK of the enclosing Tier-1 environment (or unsupported)
            return tier1_exit(self, "block", args, scope, fn)
        val = self.convert(args[1], scope, fn) if len(args) > 1 else ("k", NIL)
        blk.used = True
        if blk.fn is not fn:
            self.nonlocal_exit(blk, fn)
        elif leaves_uwp(scope, blk):  # an UNWIND-PROTECT's cleanup must run: exit by throwing
            self.nonlocal_exit(blk, fn)
            return ("ret", blk, val, True)
        return ("ret", blk, val)

    def c_tagbody(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        blk = Block(None, fn)
        inner = scope
        for item in args:
            if isinstance(item, (Symbol, int)) and not isinstance(item, bool):
                if item in blk.tags:
                    raise unsupported("duplicate tagbody tags")
                blk.tags[item] = len(blk.tags)
                inner = ("t", item, blk, inner)
        segments: list[tuple[int, list[Any]]] = [(-1, [])]
        for item in args:
            if isinstance(item, Cons):
                blk.seg = len(segments) - 1
                segments[-1][1].append(self.convert(item, inner, fn))
            elif item in blk.tags:
                segments.append((blk.tags[item], []))
        return ("tb", blk, segments)

    def c_go(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        blk = lookup_tag(scope, args[0])
        if blk is None:  # a TAGBODY tag of the enclosing Tier-1 environment (or unsupported)
            return tier1_exit(self, "tag", args, scope, fn)
        blk.used = True
        if blk.fn is not fn:
            self.nonlocal_exit(blk, fn)
        elif leaves_uwp(scope, blk):
            self.nonlocal_exit(blk, fn)
            return ("go", blk, blk.tags[args[0]], True)
        blk.edges.add((blk.seg, blk.tags[args[0]] + 1))
        return ("go", blk, blk.tags[args[0]])

    def nonlocal_exit(self, blk: Block, fn: Fn) -> None:
        """A return-from / go from an inner closure: the block gets a unique token the closure captures."""
        blk.nonlocal_ = True
        if blk.var is None:
            blk.var = Var(None, blk.fn)
        self.ref_var(blk.var, fn)

    def thunk(self, forms: list[Any], scope: Scope, fn: Fn) -> Any:
        return ("fn", self.new_fn(None, fn, NIL, from_list(forms), scope))

    def c_catch(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        need(args, 1, "CATCH")
        return ("catch", self.convert(args[0], scope, fn), self.c_body(args[1:], scope, fn))

    def c_throw(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        need(args, 2, "THROW", 2)
        return ("throw", self.convert(args[0], scope, fn), self.convert(args[1], scope, fn))

    def c_uwp(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        """The cleanup is a closure, registered on the catch stack, so it can also run after a trap (ABI.md)."""
        need(args, 1, "UNWIND-PROTECT")
        return ("uwp", self.convert(args[0], ("u", None, None, scope), fn), self.thunk(args[1:], scope, fn))

    def c_mvp1(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        need(args, 1, "MULTIPLE-VALUE-PROG1")
        return ("mvp1", self.convert(args[0], scope, fn), [self.convert(f, scope, fn) for f in args[1:]])

    def c_progv(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        """Bound in the symbols through the host as Tier 1 binds them; unbound on every way out (ABI.md)."""
        need(args, 2, "PROGV")
        return ("progv", self.convert(args[0], scope, fn), self.convert(args[1], scope, fn),
                self.c_body(args[2:], ("u", None, None, scope), fn))

    def c_mvcall(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        need(args, 1, "MULTIPLE-VALUE-CALL")
        return ("mvcall", self.convert(args[0], scope, fn), [self.convert(a, scope, fn) for a in args[1:]])
