# Non-local exits across the tiers, the bridge's half (docs/ABI.md, "Non-local exits and errors across tiers"):
# markers for Tier-2 catch-stack segments in Tier 1's catch_tags, THROW in both directions, cleanups after a trap,
# multiple values gathered for Wasm, PROGV bindings and saved pending state. Mixed into Bridge (bridge.py).
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.eval.errors import signal_error
from clysm.lisp.types import NIL, Cons, Symbol

from . import abi
from .proxies import Tier2Unwind, WasmCons, WasmFunction

WIRE_PENDING = abi.WIRE_PENDING
FIX_LO, FIX_HI = abi.FIXNUM_MIN, abi.FIXNUM_MAX


class ExitsMixin:
    """Bridge methods for catch/throw, unwind-protect after traps, multiple values and PROGV (state: Bridge)."""

    # attributes and methods provided by Bridge
    engine: Any
    pending: BaseException | None
    mv_values: Any
    index: dict[int, int]

    # ---- catch / throw across the tiers (docs/ABI.md, "Non-local exits and errors across tiers") --------------
    def marker(self, level: int) -> Any:
        """The marker standing for Wasm catch-stack segment `level` in Tier 1's catch_tags (one per level)."""
        from clysm.eval.runtime import ForeignCatches

        while len(self.markers) <= level:
            k = len(self.markers)
            self.markers.append(ForeignCatches(lambda tag, value, mv, k=k: self.throw_to_wasm(k, tag, value, mv)))
        return self.markers[level]

    def throw_to_wasm(self, level: int, tag: Any, value: Any, mv: Any) -> None:
        """Tier 1's THROW met marker `level`: if a Tier-2 catch of segment `level` (or above: those were searched
        already) catches `tag`, unwind to it as a Tier-2 exit (Tier2Unwind with the catch's index)."""
        if type(tag) is int and not FIX_LO <= tag <= FIX_HI:  # Tier 1 compares integers by value
            lo = self.x_catch_lo(level)
            i = self.x_catch_top() - 1 if lo >= 0 else -1
            while i >= lo:
                t = self.from_wire(self.x_catch_tag(i))
                if type(t) is int and t == tag:
                    break
                i -= 1
            if i < lo:
                return
        else:
            if not (type(tag) is int or type(tag) is WasmCons or type(tag) is WasmFunction or id(tag) in self.index):
                return  # never crossed to Wasm: no Tier-2 catch can hold it
            i = self.x_find_catch(self.to_wire(tag), level)
            if i < 0:
                return
        unwind = Tier2Unwind(i << 2, self.to_wire(value), None if mv is None else tuple(mv))
        self.unwinds.add(unwind)  # its value wire must stay valid until h_resume (release_dead, sweep_handles)
        raise unwind

    def after_trap(self, level: int, exc: BaseException) -> BaseException:
        """Segment `level` was unwound by a trap: drop its catches and run its UNWIND-PROTECT cleanups, innermost
        first (each in Tier 2 again, at a shallow depth); an exit or error of a cleanup replaces `exc`."""
        lo = int(self.x_trap_reset(level))
        while True:
            w = int(self.x_trap_cleanup(lo))
            if not w:
                return exc
            try:
                if w & 3 == abi.WIRE_FIXNUM:  # a PROGV's token + 1
                    self.h_progv_unbind((w >> 2) - 1)
                else:
                    self.call(w, ())
            except BaseException as e:  # noqa: BLE001  (the later exit wins, as it would in Tier 1)
                exc = e

    def h_throw(self, tag_w: Any, value_w: Any, mvc: int) -> int:
        """THROW from Tier 2 to a tag its own segment does not catch: Tier 1's THROW decides (a Tier-1 catch, an
        older Tier-2 segment, or CONTROL-ERROR), with all the values."""
        try:
            self.crossed()
            tag, value = self.from_wire(tag_w), self.from_wire(value_w)
            mv = tuple(self.mv_values) if mvc != 1 else None
            self.tier1_throw()(tag, value, mv)
            signal_error("CONTROL-ERROR", "THROW returned")
        except BaseException as e:  # noqa: BLE001
            self.pending = e
        return WIRE_PENDING

    def tier1_throw(self) -> Callable[[Any, Any, Any], None]:
        fn = getattr(self.engine, "codegen_globals", {}).get("_throw")
        if fn is not None:
            return fn

        def throw(tag: Any, value: Any, mv: Any) -> None:  # engines without Tier 1's code generator (tests)
            from clysm.eval.runtime import ForeignCatches, ThrowExit

            for t in reversed(self.catch_tags):
                if t is tag or (type(t) is int and type(tag) is int and t == tag):
                    raise ThrowExit(t, value, mv)
                if type(t) is ForeignCatches:
                    t.throw(tag, value, mv)
            signal_error("CONTROL-ERROR", f"attempt to THROW to a tag that does not exist: {self.engine_prin1(tag)}")

        return throw

    def h_mv_value(self, i: int) -> int:
        """Value `i` of the several values the bridge holds (MULTIPLE-VALUE-CALL collecting them in Wasm)."""
        try:
            return self.to_wire(self.mv_values[i])
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_progv_push(self, sym_w: Any, value_w: Any, has_value: int) -> None:
        self.progv_args.append((sym_w, value_w if has_value else None))

    def h_progv_bind(self) -> int:
        """Bind the pushed symbols as Tier 1's PROGV does (shallow: in the symbols; missing values unbound);
        a token for h_progv_unbind, or -1 with the error pending."""
        args, self.progv_args = self.progv_args, []
        try:
            syms: Any = NIL
            vals: Any = NIL
            for sym_w, value_w in reversed(args):
                syms = Cons(self.from_wire(sym_w), syms)
                if value_w is not None:
                    vals = Cons(self.from_wire(value_w), vals)
            bind = getattr(self.engine, "_progv_bind", None) or _progv_bind
            self.progv_saved.append(bind(syms, vals))
            return len(self.progv_saved) - 1
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return -1

    def h_progv_unbind(self, token: int) -> None:
        """Undo the PROGV `token` (and any inner one still bound), innermost first."""
        saved = self.progv_saved
        while len(saved) > token:
            for sym, old in reversed(saved.pop()):
                sym.value = old

    def h_save_state(self) -> int:
        self.saved.append((self.pending, self.mv_values))
        return len(self.saved) - 1

    def h_restore_state(self, i: int) -> None:
        if i < len(self.saved):
            self.pending, self.mv_values = self.saved[i]
            del self.saved[i:]


def _progv_bind(syms: Any, vals: Any) -> list[tuple[Any, Any]]:
    """PROGV binding for engines without Tier 1's (tests): the same rules as clysm.engine.Engine._progv_bind."""
    from clysm.lisp.types import UNBOUND

    saved: list[tuple[Any, Any]] = []
    while isinstance(syms, Cons):
        sym = syms.car
        if not isinstance(sym, Symbol) or sym.constant:
            for s, old in reversed(saved):
                s.value = old
            signal_error("TYPE-ERROR", "PROGV: not a variable", DATUM=sym, EXPECTED_TYPE="SYMBOL")
        saved.append((sym, sym.value))
        if isinstance(vals, Cons):
            sym.value, vals = vals.car, vals.cdr
        else:
            sym.value = UNBOUND
        syms = syms.cdr
    return saved
