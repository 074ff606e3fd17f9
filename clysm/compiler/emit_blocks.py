# Tier 2 emitter, BLOCK / RETURN-FROM and TAGBODY / GO: local exits are `br`s; a TAGBODY whose GOs are all local
# is plain Wasm blocks and loops when their labels nest (else a dispatch loop over an i32 local); exits from inner
# closures throw $unwind to a try_table holding the block's unique token (docs/ABI.md, "Non-local exits").
# Mixed into emit.FnEmitter.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, HT, I32

from . import abi
from .abi import T_CONS
from .emit_prims import BLOCK_TYPES, MV_TAIL, B, E, V
from .ir import Block


class BlockEmitter:
    """BLOCK, RETURN-FROM, TAGBODY, GO; relies on FnEmitter's code sink, locals, modes and DynEmitter's catches."""

    c: Any
    me: Any
    fn: Any
    rt: Any
    depth: int
    try_depths: list[int]
    catching: list[tuple[int, Block]]

    def e_block(self, node: Any, mode: int, tail: bool) -> None:
        blk: Block = node[1]
        if not blk.used:
            self.emit_node(node[2], mode, tail)
            return
        if blk.nonlocal_:
            self.nonlocal_block(blk, node[2], mode, tail)
            return
        blk.mode, blk.tail = mode, tail
        self.open("block", BLOCK_TYPES[mode])
        blk.depth = self.depth
        self.emit_node(node[2], mode, tail)
        self.close()

    def new_token(self, blk: Block) -> None:
        self.c.i32_const(0).global_get(self.me.g_nil).global_get(self.me.g_nil).struct_new(T_CONS)
        self.bind_new(blk.var)  # type: ignore[arg-type]

    def mark_dead(self, blk: Block) -> None:
        """The block (tagbody) is exited: its token's car becomes T, so a later exit to it is a CONTROL-ERROR."""
        self.load_raw(blk.var)  # type: ignore[arg-type]
        self.c.ref_cast(T_CONS).global_get(self.me.g_t).struct_set(T_CONS, abi.F_CAR)

    def catch_unwind(self, blk: Block) -> tuple[int, int]:
        """After a try_table's $unwind landed: [token, value] on the stack -> locals (token, value), and
        rethrow unless the token is this block's (the block is exited then). Leaves (token, value) locals."""
        tt, tv = self.tmp(), self.tmp()
        c = self.c
        c.local_set(tv).local_set(tt)
        c.local_get(tt)
        self.load_raw(blk.var)  # type: ignore[arg-type]
        c.ref_eq().i32_eqz().if_()
        self.mark_dead(blk)
        c.local_get(tt).local_get(tv).throw(self.me.tag_unwind).end()
        self.free_eq += [tv, tt]
        return tt, tv

    def open_catching(self, blk: Block, result: Any) -> None:
        """block(exnref) block(token value) try_table(result) catching $unwind (label 0) and anything else
        (label 1, which marks the block exited and rethrows)."""
        from clysm.wasm import EXNREF, catch_all_ref
        from clysm.wasm import catch as catch_clause

        self.open("block", EXNREF)
        self.open("block", self.me.t_to_ee)
        self.c.try_table(result, [catch_clause(self.me.tag_unwind, 0), catch_all_ref(1)])
        self.depth += 1
        self.try_depths.append(self.depth)
        self.catching.append((self.depth, blk))

    def catch_all_landing(self, blk: Block) -> None:
        """At the exnref landing: mark the block exited and rethrow the exception."""
        self.mark_dead(blk)
        self.c.throw_ref()

    def nonlocal_block(self, blk: Block, body: Any, mode: int, tail: Any = False) -> None:
        """A block that closures return-from: a try_table catching $unwind with this block's token."""
        c = self.c
        self.new_token(blk)
        blk.mode, blk.tail = V, False
        self.open("block", EQREF)
        blk.depth = self.depth
        self.open_catching(blk, EQREF)
        self.emit_node(body, V, MV_TAIL if tail and mode == V else False)
        self.try_depths.pop()
        self.catching.pop()
        self.close()  # try_table
        self.mark_dead(blk)
        c.br(2)
        self.close()  # $unwind landing: [token value]
        _, tv = self.catch_unwind(blk)
        self.mark_dead(blk)
        if not (tail and mode == V):
            self.single_value()  # the exit's values are wanted only when the block's value is the function's
        c.local_get(tv).br(1)
        self.close()  # exnref landing
        self.catch_all_landing(blk)
        self.close()
        self.from_val(mode)

    def check_live(self, blk: Block) -> None:
        """Before a non-local exit to `blk` from a closure: signal CONTROL-ERROR if the block was exited."""
        c = self.c
        self.load_raw(blk.var)  # type: ignore[arg-type]
        c.ref_cast(T_CONS).struct_get(T_CONS, abi.F_CAR).global_get(self.me.g_t).ref_eq().if_()
        err = self.me.ctx.engine.intern("ERROR", "COMMON-LISP")
        ce = self.me.ctx.engine.intern("CONTROL-ERROR", "COMMON-LISP")
        self.call_slot(self.me.slot_for(err), [("k", ce)], E, False)
        c.end()

    def e_ret(self, node: Any, mode: int, tail: bool) -> None:
        blk: Block = node[1]
        if blk.fn is not self.fn or len(node) > 3:  # from a closure, or leaving an UNWIND-PROTECT: throw
            tv = self.tmp()
            self.emit_node(node[2], V, MV_TAIL)  # all values go with the exit ($mvc kept, see nonlocal_block)
            self.c.local_set(tv)
            self.check_live(blk)
            self.load_raw(blk.var)  # type: ignore[arg-type]
            self.c.local_get(tv).throw(self.me.tag_unwind)
            self.free_eq.append(tv)
            return
        # a tail call would leave the try_table of a catching block or tagbody between here and the block
        tail_ok = blk.tail
        if tail_ok and self.try_depths and self.try_depths[-1] > blk.depth:
            tail_ok = MV_TAIL
        self.emit_node(node[2], blk.mode, tail_ok)
        if blk.nonlocal_ and blk.var is not None:
            self.mark_dead(blk)
        for d, inner in self.catching:  # catching blocks/tagbodies this exit leaves are exited too
            if d > blk.depth and inner is not blk:
                self.mark_dead(inner)
        self.leave_catches(blk.depth)
        self.c.br(self.depth - blk.depth)

    def e_tagbody(self, node: Any, mode: int, tail: bool) -> None:
        blk: Block = node[1]
        segments = node[2]
        plan = None
        if not blk.used or len(segments) == 1:
            for _, forms in segments:
                for f in forms:
                    self.emit_node(f, E)
        elif not blk.nonlocal_ and (plan := _structured_plan(blk.edges)) is not None:
            self.structured_tagbody(blk, segments, *plan)
        else:
            n = len(segments)
            blk.tagvar = tv = self.new_local(I32, "tag")
            c = self.c
            if blk.nonlocal_:
                self.new_token(blk)
                self.open("block", None)
            c.i32_const(0).local_set(tv)
            self.open("loop", None)
            blk.depth = self.depth
            if blk.nonlocal_:
                self.open_catching(blk, None)
            for _ in range(n):
                self.open("block", None)
            c.local_get(tv).br_table(list(range(n)), n - 1)
            for _, forms in segments:
                self.close()
                for f in forms:
                    self.emit_node(f, E)
            if blk.nonlocal_:
                self.try_depths.pop()
                self.catching.pop()
                self.close()  # try_table
                self.mark_dead(blk)
                c.br(3)  # done: leave the loop and the outer block
                self.close()  # the $unwind landing block
                _, val = self.catch_unwind(blk)
                c.local_get(val).ref_cast(HT.I31).i31_get_s().local_set(tv).br(1)
                self.close()  # the exnref landing block
                self.catch_all_landing(blk)
            self.close()
            if blk.nonlocal_:
                self.close()
        if mode == V:
            self.c.global_get(self.me.g_nil)
        elif mode == B:
            self.c.i32_const(0)

    def structured_tagbody(self, blk: Block, segments: list[Any], loops: dict[int, int],
                           blocks: list[int]) -> None:
        """A tagbody whose GOs are all local, as plain Wasm blocks and loops: a GO forward is a `br` out of a
        block ending just before its segment, a GO backward a `br` to a loop starting at it (_structured_plan).
        No dispatch local, no br_table: a DO loop is one `loop`."""
        labels = blk.labels = {}
        for b in sorted(blocks, reverse=True):  # the block ending last is the outermost
            self.open("block", None)
            labels[(b, False)] = self.depth
        ends: dict[int, int] = {}  # last segment -> how many loops end after it
        for e in loops.values():
            ends[e] = ends.get(e, 0) + 1
        for i, (_, forms) in enumerate(segments):
            if (i, False) in labels:
                self.close()
            if i in loops:  # (one loop per first segment)
                self.open("loop", None)
                labels[(i, True)] = self.depth
            blk.seg = i
            for f in forms:
                self.emit_node(f, E)
            for _ in range(ends.get(i, 0)):
                self.close()

    def e_go(self, node: Any, mode: int, tail: bool) -> None:
        blk: Block = node[1]
        if blk.fn is not self.fn or len(node) > 3:
            self.check_live(blk)
            self.load_raw(blk.var)  # type: ignore[arg-type]
            self.c.i32_const(node[2] + 1).ref_i31().throw(self.me.tag_unwind)
            return
        if blk.labels is not None:
            target = node[2] + 1
            depth = blk.labels[(target, target <= blk.seg)]
            self.leave_catches(depth)
            self.c.br(self.depth - depth)
            return
        self.c.i32_const(node[2] + 1).local_set(blk.tagvar)
        self.leave_catches(blk.depth)
        self.c.br(self.depth - blk.depth)


def _structured_plan(edges: set[tuple[int, int]]) -> tuple[dict[int, int], list[int]] | None:
    """For a tagbody whose local GOs go from segment s to segment d (`edges`): the loops
    {first segment d: last segment e} that backward GOs need (d <= s <= e) and the segments forward GOs need a
    block to end before; None when those labels cannot nest (then a dispatch loop is used)."""
    loops: dict[int, int] = {}
    blocks: set[int] = set()
    for s, d in edges:
        if d <= s:
            loops[d] = max(loops.get(d, d), s)
        else:
            blocks.add(d)
    if len(loops) == 1 and not blocks:  # DO, DOTIMES, DOLIST: one loop
        return loops, []
    spans = sorted(loops.items())
    for i, (_, e1) in enumerate(spans):
        for d2, e2 in spans[i + 1:]:
            if d2 <= e1 < e2:  # overlapping loops
                return None
    for b in blocks:
        for d, e in spans:
            if d < b <= e:  # a block would end inside a loop
                return None
    return loops, list(blocks)
