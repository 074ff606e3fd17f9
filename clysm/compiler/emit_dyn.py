# Tier 2 emitter, dynamic-extent constructs done natively in Wasm: CATCH (an entry on the runtime's catch stack
# plus a try_table catching $unwind addressed to the entry's index), THROW (rt.throw), UNWIND-PROTECT (try_table
# catch_ref $pending / catch_all_ref, the cleanup a closure, throw_ref), MULTIPLE-VALUE-PROG1 and -CALL. Mixed into
# emit.FnEmitter. The design, and how these meet Tier-1 frames, is in docs/ABI.md ("Non-local exits").
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, EXNREF, HT, catch, catch_all_ref, catch_ref, ref_null

from .abi import T_BOX, T_CLOSURE
from .emit_prims import MV_TAIL, V


class DynEmitter:
    """CATCH / THROW / UNWIND-PROTECT / MULTIPLE-VALUE-PROG1; relies on FnEmitter's code sink, locals, modes."""

    c: Any
    me: Any
    depth: int
    try_depths: list[int]
    catch_frames: list[tuple[int, int]]  # (try_table depth, i32 local holding the catch-stack index)
    free_eq: list[int]
    free_i32: list[int]

    def _mv_tail(self, mode: int, tail: Any) -> Any:
        return MV_TAIL if tail and mode == V else False

    def e_catch(self, node: Any, mode: int, tail: Any) -> None:
        c, me = self.c, self.me
        mvtail = self._mv_tail(mode, tail)
        self.emit_node(node[1], V)  # type: ignore[attr-defined]
        idx = self.tmp_i32()  # type: ignore[attr-defined]
        c.call(self.rt["catch_push"]).local_set(idx)
        self.open("block", EQREF)  # type: ignore[attr-defined]
        self.open("block", EXNREF)  # type: ignore[attr-defined]
        self.open("block", me.t_to_ee)  # type: ignore[attr-defined]
        c.try_table(EQREF, [catch(me.tag_unwind, 0), catch_all_ref(1)])
        self.depth += 1
        self.try_depths.append(self.depth)
        self.catch_frames.append((self.depth, idx))
        self.emit_node(node[2], V, mvtail)  # type: ignore[attr-defined]
        self.catch_frames.pop()
        self.try_depths.pop()
        self.close()  # type: ignore[attr-defined]  # try_table: normal exit
        c.local_get(idx).call(self.rt["catch_pop"]).br(2)
        self.close()  # type: ignore[attr-defined]  # $unwind landing: [token value]
        tt, tv = self.tmp(), self.tmp()  # type: ignore[attr-defined]
        c.local_set(tv).local_set(tt).local_get(idx).call(self.rt["catch_pop"])
        c.local_get(tt).local_get(idx).ref_i31().ref_eq().i32_eqz().if_()
        c.local_get(tt).local_get(tv).throw(me.tag_unwind).end()  # not ours: passing through
        if not mvtail:
            self.single_value()  # type: ignore[attr-defined]
        c.local_get(tv).br(1)
        self.close()  # type: ignore[attr-defined]  # any other exception
        c.local_get(idx).call(self.rt["catch_pop"]).throw_ref()
        self.close()  # type: ignore[attr-defined]
        self.free_eq += [tv, tt]
        self.free_i32.append(idx)
        self.from_val(mode)  # type: ignore[attr-defined]

    def leave_catches(self, target_depth: int) -> None:
        """Before a local exit (br) to label depth `target_depth`: pop the catches it leaves."""
        for d, idx in self.catch_frames:
            if d > target_depth:
                self.c.local_get(idx).call(self.rt["catch_pop"])
                return

    def e_throw(self, node: Any, mode: int, tail: Any) -> None:
        self.emit_node(node[1], V)  # type: ignore[attr-defined]
        self.emit_node(node[2], V, MV_TAIL)  # type: ignore[attr-defined]  # all its values are thrown
        self.c.call(self.rt["throw"])
        self.from_val(mode)  # type: ignore[attr-defined]

    def _around_cleanup(self, flag: int | None, emit_cleanup: Any) -> None:
        """Run the cleanup (`emit_cleanup()` emits it for effect) keeping $mvc, the bridge's values and (flag
        set) its pending exception."""
        c = self.c
        m, s = self.tmp_i32(), self.tmp_i32()  # type: ignore[attr-defined]
        c.global_get(self.me.g_mvc).local_set(m)
        if flag is None:
            c.i32_const(0)
        else:
            c.local_get(flag)
        c.call(self.rt["dyn_save"]).local_set(s)
        emit_cleanup()
        c.local_get(s).call(self.rt["dyn_restore"]).local_get(m).global_set(self.me.g_mvc)
        self.free_i32 += [s, m]

    def e_uwp(self, node: Any, mode: int, tail: Any) -> None:
        """The cleanup is a closure (no arguments) pushed on the catch stack in a $box, popped on every way out
        and then called; after a trap Python finds and calls it (Bridge.after_trap)."""
        c, me = self.c, self.me
        mvtail = self._mv_tail(mode, tail)
        cleanup = node[2][1]
        flag, v, idx = self.tmp_i32(), self.tmp(), self.tmp_i32()  # type: ignore[attr-defined]
        clo = self.new_local(ref_null(T_CLOSURE))  # type: ignore[attr-defined]
        ex = self.new_local(EXNREF)  # type: ignore[attr-defined]
        self.make_closure(cleanup)  # type: ignore[attr-defined]
        c.local_tee(clo).struct_new(T_BOX).call(self.rt["catch_push"]).local_set(idx)
        c.i32_const(0).local_set(flag)
        self.open("block", EXNREF)  # type: ignore[attr-defined]  # every way out of the protected form
        self.open("block", EXNREF)  # type: ignore[attr-defined]  # $pending: the bridge holds an exception
        c.try_table(EQREF, [catch_ref(me.tag_pending, 0), catch_all_ref(1)])
        self.depth += 1
        self.try_depths.append(self.depth)
        self.emit_node(node[1], V, mvtail)  # type: ignore[attr-defined]
        self.try_depths.pop()
        self.close()  # type: ignore[attr-defined]
        c.local_set(v).ref_null(HT.NOEXN).br(1)  # normal exit: no exception
        self.close()  # type: ignore[attr-defined]
        c.i32_const(1).local_set(flag)
        self.close()  # type: ignore[attr-defined]
        c.local_set(ex).local_get(idx).call(self.rt["catch_pop"])

        def call_cleanup() -> None:
            c.local_get(clo).ref_as_non_null().i32_const(0)
            for _ in range(5):
                c.ref_null(HT.NONE)
            c.call(cleanup.wasm_index).drop()

        self._around_cleanup(flag, call_cleanup)
        c.local_get(ex).ref_is_null().i32_eqz().if_().local_get(ex).throw_ref().end()
        c.local_get(v)
        self.free_eq.append(v)
        self.free_i32 += [flag, idx]
        self.from_val(mode)  # type: ignore[attr-defined]

    def e_mvp1(self, node: Any, mode: int, tail: Any) -> None:
        c = self.c
        mvtail = self._mv_tail(mode, tail)
        v = self.tmp()  # type: ignore[attr-defined]
        self.emit_node(node[1], V, mvtail)  # type: ignore[attr-defined]
        c.local_set(v)
        if node[2]:
            def rest() -> None:
                for f in node[2]:
                    self.emit_node(f, 1)  # type: ignore[attr-defined]  # E

            if mvtail:
                self._around_cleanup(None, rest)
            else:
                rest()
        c.local_get(v)
        self.free_eq.append(v)
        self.from_val(mode)  # type: ignore[attr-defined]

    def e_mvcall(self, node: Any, mode: int, tail: Any) -> None:
        """The function, then each form keeping $mvc; rt.mv_collect gathers the values in Wasm (a reversed list,
        asking the host for them when a Python callee returned several) and rt.mv_apply calls the function."""
        c = self.c
        f, acc = self.tmp(), self.tmp()  # type: ignore[attr-defined]
        self.emit_node(node[1], V)  # type: ignore[attr-defined]
        c.local_set(f).ref_null(HT.NONE).local_set(acc)
        for a in node[2]:
            c.local_get(acc)
            self.emit_node(a, V, MV_TAIL)  # type: ignore[attr-defined]
            c.call(self.rt["mv_collect"]).local_set(acc)
        c.local_get(f).local_get(acc)
        self.free_eq += [acc, f]
        if tail is True and mode == V:
            c.return_call(self.rt["mv_apply"])
            return
        c.call(self.rt["mv_apply"])
        if not (tail == MV_TAIL and mode == V):
            self.single_value()  # type: ignore[attr-defined]
        self.from_val(mode)  # type: ignore[attr-defined]

    def e_progv(self, node: Any, mode: int, tail: Any) -> None:
        """rt.progv_bind binds through the host and gives a token, kept on the catch stack as $box(i31 token+1)
        (for traps) and unbound (rt.progv_unbind) on every way out; host calls that bind or unbind touch
        neither $mvc nor the bridge's values or pending exception."""
        c = self.c
        mvtail = self._mv_tail(mode, tail)
        tok, idx, v = self.tmp_i32(), self.tmp_i32(), self.tmp()  # type: ignore[attr-defined]
        ex = self.new_local(EXNREF)  # type: ignore[attr-defined]
        self.emit_node(node[1], V)  # type: ignore[attr-defined]
        self.emit_node(node[2], V)  # type: ignore[attr-defined]
        c.call(self.rt["progv_bind"]).local_tee(tok).i32_const(1).i32_add().ref_i31().struct_new(T_BOX)
        c.call(self.rt["catch_push"]).local_set(idx)
        self.open("block", EXNREF)  # type: ignore[attr-defined]
        c.try_table(EQREF, [catch_all_ref(0)])
        self.depth += 1
        self.try_depths.append(self.depth)
        self.emit_node(node[3], V, mvtail)  # type: ignore[attr-defined]
        self.try_depths.pop()
        self.close()  # type: ignore[attr-defined]
        c.local_set(v).ref_null(HT.NOEXN).br(0)
        self.close()  # type: ignore[attr-defined]
        c.local_set(ex).local_get(idx).call(self.rt["catch_pop"]).local_get(tok).call(self.rt["progv_unbind"])
        c.local_get(ex).ref_is_null().i32_eqz().if_().local_get(ex).throw_ref().end()
        c.local_get(v)
        self.free_eq.append(v)
        self.free_i32 += [idx, tok]
        self.from_val(mode)  # type: ignore[attr-defined]
