# Tier 2 bridge: the per-engine Python half of the ABI. It owns the host handle table, converts values to and
# from wire numbers, implements the runtime module's host imports (each one catches every exception, parks it in
# `pending` and returns wire 3), wraps Wasm structs that reach Python in cached proxies (WasmCons, WasmFunction),
# and calls compiled code through the runtime's `enter`. Proxies: proxies.py; exit machinery: bridge_exits.py.
from __future__ import annotations

import math
import operator
import weakref
from collections.abc import Callable
from typing import Any

from clysm.eval.conditions import has_handler
from clysm.eval.errors import arg_count_error, signal_error, tier1_frames, undefined_function
from clysm.lisp.types import NIL, Char, Cons, LispError, Symbol, is_number

from . import abi, hcons
from .bridge_data import DataImportsMixin
from .bridge_exits import ExitsMixin
from .host_lists import ListCopier
from .proxies import AUDIT_EVERY, Charge, Tier2Unwind, WasmCons, WasmFunction, _Strong, primary, several_values
from .runtime_strings import string_builtins_fallback
from .vectors import VectorStore, WasmVector

WIRE_PENDING = abi.WIRE_PENDING
FIX_LO, FIX_HI = abi.FIXNUM_MIN, abi.FIXNUM_MAX
HOST_SHIFT = abi.HOST_SHIFT


def _wire_bits(kind: int) -> int:
    """The low bits of a host wire: the kind when it fits 0-14, else HK_WIRE_ASK (the runtime asks host.kind)."""
    return ((kind if 0 <= kind < abi.HK_WIRE_ASK else abi.HK_WIRE_ASK) << 2) | abi.WIRE_HOST


def host_kind(obj: Any) -> int:
    """The $host kind of a Python-owned object (docs/ABI.md): put in its wires when it gets its handle (if it fits
    0-14), and the answer to host.kind."""
    t = type(obj)
    if t is str:
        return abi.HK_STRING
    if t is Char:
        return ~obj.code  # -1 - code: the canonical $host of a character carries its code (docs/ABI.md, Strings)
    if t is int:
        return abi.HK_BIGPOS if obj > FIX_HI else abi.HK_BIGNEG if obj < FIX_LO else abi.HK_NUMBER
    if isinstance(obj, Cons):
        return abi.HK_CONS
    if isinstance(obj, Symbol):
        return abi.HK_SYMBOL
    if is_number(obj):
        return abi.HK_NUMBER
    if callable(obj):
        return abi.HK_FUNCTION
    return abi.HK_OTHER
STRING_BITS = _wire_bits(abi.HK_STRING)
MAX_CROSS_DEPTH = 200
RECENT_PROXIES = 4096  # a power of two: the last proxies made are kept alive (walking the same data again hits)
SWEEP_MIN = 8192  # live host handles before the first sweep (then twice as many as the last sweep left)
RELEASE_BATCH = 1024  # dead proxies that make a proxy creation at depth 0 release their export slots first
CHARGE_SAMPLE = 8  # a power of two: every CHARGE_SAMPLE-th counted host crossing reads $cur (docs/ABI.md "Demotion")


_INT_OPS: dict[str, tuple[str, Callable[[int, int], int]]] = {
    "add": ("+", operator.add), "sub": ("-", operator.sub), "mul": ("*", operator.mul),
    "mod": ("MOD", operator.mod), "floor": ("FLOOR", operator.floordiv)}


class Bridge(ExitsMixin, DataImportsMixin):
    """Per-engine Tier 2 state: handles, slots, pending exception, proxies, the runtime instance."""

    def __init__(self, engine: Any, host: Any) -> None:
        self.engine = engine
        self.host = host
        self.objects: list[Any] = [NIL, engine_t(engine)]
        self.wbits: list[int] = [_wire_bits(abi.HK_SYMBOL)] * 2  # per handle: the low bits of its wire (ABI.md)
        self.index: dict[int, int] = {id(NIL): 0, id(self.objects[1]): 1}
        # JIT function labels (the name section's, as V8 / SpiderMonkey show them on stacks) -> the DEFUN'd name of
        # their module: errors raised in Tier 2 are located with them (`locate`, api.innermost_function)
        self.tier2_names: dict[str, Symbol] = {}
        self.pending = None
        self.pushed: list[int] = []
        self.slots: dict[Any, int] = {}
        self.slot_syms: list[Any] = []
        self.proxies: dict[int, Any] = {}  # wire -> weakref to its proxy (one live proxy per struct)
        self.free_handles: list[int] = []  # host handles given back by a sweep, reused by handle_of
        self.pinned: set[int] = {0, 1}  # host handles compiled code uses as constants: never swept
        self.sweep_at = SWEEP_MIN  # sweep when this many host handles are live (0 disables sweeping)
        self.swept = 0
        self.dead: list[int] = []  # wires of dead proxies: export slots to release at the next safe point
        self.unwinds: weakref.WeakSet[Any] = weakref.WeakSet()  # Tier2Unwinds in flight (they hold raw wires)
        self.released = 0
        self.recent: list[Any] = [None] * RECENT_PROXIES  # a ring of strong references to the last proxies made
        self.recent_i = 0
        self.depth = 0
        self.rt: Any = None
        self.reg_wrappers: dict[str, tuple[Any, Callable[..., Any]]] = {}
        self.mv_values: tuple[Any, ...] = ()
        self.resume_wire = 0
        self.mvreg = hasattr(engine, "mv")  # Tier 1's multiple-values register (clysm/eval/values.py)
        self.helpers: dict[str, Any] | None = None  # host helpers for dynamic-extent constructs (backend.py)
        self.prelude: Any = None  # the Wasm prelude of common list functions (prelude.py, backend.py)
        self.builtins: dict[str, Any] = {}  # CL functions the slow-path imports call, looked up once
        # safety net (automatic tiering): crossings counted here; every AUDIT_EVERY of either kind `audit` (set by
        # the backend) compares them with the calls made in Tier 2 and may demote the functions involved
        self.host_crossings = 0  # the counted Wasm -> Python ones (sampled for attribution)
        self.entries = 0  # Python -> Wasm calls
        self.audit: Callable[[], None] | None = None
        self.charges: list[Charge] = [Charge(None, 0)]  # by id; a tracked JIT module sets $cur to its id
        self.g_cur: Any = None
        # catch stack (docs/ABI.md): a marker per active `enter` in Tier 1's catch_tags, the number of them, and
        # the values / pending exceptions kept across Tier-2 cleanups (host.save_state)
        tags = getattr(engine, "catch_tags", None)
        self.catch_tags: list[Any] = tags if isinstance(tags, list) else []
        self.nseg = 0
        self.markers: list[Any] = []
        self.saved: list[tuple[Any, Any]] = []
        self.progv_args: list[tuple[Any, Any]] = []  # (symbol wire, value wire or None) pushed by a Tier-2 PROGV
        self.progv_saved: list[Any] = []  # what each active Tier-2 PROGV must restore (its token is the index)
        self.vectors: Any = None  # simple vectors migrated into Wasm (vectors.VectorStore), set by start
        self.lists: Any = None  # copies of short Wasm lists for FORMAT (host_lists.ListCopier), set by start
        self.format_fn: Any = None  # Tier 1's FORMAT (h_call_host gives it copies of short Wasm lists)
        self.shared_cls = hcons.shared_class(self)  # Tier-1 conses whose fields the runtime caches (hcons.py)
        self.big_acc: list[float] = []  # limbs of a $big crossing to Python (h_big_limbs)

    # ---- runtime instance -----------------------------------------------------------------------------------
    def start(self, runtime_bytes: bytes) -> None:
        imports: dict[str, Any] = {abi.HOST: {name: getattr(self, "h_" + name) for name, _, _ in _host_funcs()}}
        imports.update(string_builtins_fallback())
        self.rt = self.host.instantiate(runtime_bytes, imports)
        ex = self.rt.exports
        self.enter = self.host.guarded(ex["py_enter"], WIRE_PENDING)
        self.push_arg = ex["py_push_arg"]
        self.x_car, self.x_cdr = ex["py_car"], ex["py_cdr"]
        self.x_set_car, self.x_set_cdr = ex["py_set_car"], ex["py_set_cdr"]
        self.x_kind = ex["py_kind"]
        self.x_closure_name = ex["py_closure_name"]
        self.x_fn_wire = ex["py_fn_wire"]
        self.x_reset_slot = ex["py_reset_slot"]
        self.x_set_slot = ex["py_set_slot"]
        self.x_take_fault = ex["py_take_fault"]
        self.x_release = ex["py_release"]
        self.x_export_count = ex["py_export_count"]
        self.g_cur = ex["cur"]
        self.x_pin, self.x_sweep, self.x_freed_bits = ex["py_pin"], ex["py_sweep"], ex["py_freed_bits"]
        for h in self.pinned:
            self.x_pin(h)
        self.mvc = ex["mvc"]
        self.x_unwind_token, self.x_unwind_value = ex["py_unwind_token"], ex["py_unwind_value"]
        self.x_find_catch, self.x_catch_lo = ex["py_find_catch"], ex["py_catch_lo"]
        self.x_catch_top, self.x_catch_tag = ex["py_catch_top"], ex["py_catch_tag"]
        self.x_trap_reset, self.x_trap_cleanup = ex["py_trap_reset"], ex["py_trap_cleanup"]
        self.vectors = VectorStore(self, ex)
        self.lists = ListCopier(self, ex)
        try:
            self.format_fn = self.engine_function("FORMAT")
        except Exception:  # noqa: BLE001  (an engine without Tier 1's CL package, e.g. the compiler's stand-in)
            self.format_fn = None
        self.x_hc_drop, self.x_hc_skip, self.x_list_len = ex["py_hc_drop"], ex["py_hc_skip"], ex["py_list_len"]
        self.x_hc_put = ex["py_hc_put"]

    # ---- handles and wires ----------------------------------------------------------------------------------
    def handle_of(self, obj: Any) -> int:
        h = self.index.get(id(obj))
        if h is None:
            if type(obj) is str and not self.free_handles:  # the common new object (a string a built-in made)
                h = len(self.objects)
                self.objects.append(obj)
                self.wbits.append(STRING_BITS)
                self.index[id(obj)] = h
                return h
            if self.free_handles:
                h = self.free_handles.pop()
                self.objects[h] = obj
                self.wbits[h] = _wire_bits(host_kind(obj))  # a reused handle gets its new object's bits
            else:
                h = len(self.objects)
                self.objects.append(obj)
                self.wbits.append(_wire_bits(host_kind(obj)))
            self.index[id(obj)] = h
        return h

    def pin_handle(self, obj: Any) -> int:
        """The handle of an object compiled code uses as a constant: never given back by a sweep."""
        h = self.handle_of(obj)
        if h not in self.pinned:
            self.pinned.add(h)
            self.x_pin(h)
        return h

    def sweep_handles(self) -> int:
        """Give back the host handles no Wasm data reaches (runtime `sweep`, docs/ABI.md "Handles and identity").
        Only where no Wasm frame is live and no raw wire is in flight (see `call`). Returns how many."""
        n = int(self.x_sweep())
        if n:
            objects, index, free, bits_of = self.objects, self.index, self.free_handles, self.x_freed_bits
            for base in range(0, len(objects), 30):
                bits = int(bits_of(base))
                while bits:
                    low = bits & -bits
                    h = base + low.bit_length() - 1
                    bits ^= low
                    obj = objects[h]
                    objects[h] = None
                    if index.get(id(obj)) == h:
                        del index[id(obj)]
                    free.append(h)
            self.swept += n
        self.x_freed_bits(-1)
        live = len(self.objects) - len(self.free_handles)
        self.sweep_at = max(SWEEP_MIN, 2 * live)
        return n

    def to_wire(self, obj: Any) -> int:
        if type(obj) is int and FIX_LO <= obj <= FIX_HI:
            return obj << 2
        if type(obj) is WasmCons or type(obj) is WasmFunction or type(obj) is WasmVector:
            if obj._b is self:
                return obj._w
        h = self.index.get(id(obj))
        if h is None:
            h = self.handle_of(obj)
        return (h << HOST_SHIFT) | self.wbits[h]

    def from_wire(self, w: Any) -> Any:
        if type(w) is not int:
            w = int(w)
        tag = w & 3
        if tag == 0:
            return w >> 2
        if tag == 1:
            return self.objects[w >> HOST_SHIFT]
        if tag == 2:
            r = self.proxies.get(w)
            if r is not None:
                p = r()
                if p is not None:
                    return p
            return self.make_proxy(w, None)
        raise self.take_pending()

    def wire_in(self, w: Any, owner: Charge) -> Any:
        """from_wire for a value read out of a Wasm cons: a new proxy is charged to `owner` (the cons's)."""
        if type(w) is not int:
            w = int(w)
        if w & 3 == 2:
            r = self.proxies.get(w)
            if r is not None:
                p = r()
                if p is not None:
                    return p
            return self.make_proxy(w, owner)
        return self.from_wire(w)

    def make_proxy(self, w: int, owner: Charge | None) -> Any:
        if owner is None:  # made (or passed to Python) by the Tier-2 function that ran last
            owner = self.current_charge()
        if len(self.dead) >= RELEASE_BATCH and not self.depth:
            self.release_dead(w)  # w is the only wire in flight here
        kind = self.x_kind(w)
        if kind == abi.KIND_CONS:
            p: Any = WasmCons(self, w, owner)
        elif kind == abi.KIND_VECTOR:  # held strongly (no weak reference to a LispVector): its slot is kept
            p = WasmVector(self.vectors, w)
            self.proxies[w] = _Strong(p)
            return p
        else:
            p = WasmFunction(self, w, self.from_wire(self.x_closure_name(w)), owner)
        self.proxies[w] = weakref.ref(p)
        i = self.recent_i
        self.recent[i] = p
        self.recent_i = (i + 1) & (RECENT_PROXIES - 1)
        return p

    def current_charge(self) -> Charge:
        charges = self.charges
        if len(charges) == 1 or self.g_cur is None:
            return charges[0]
        cur = int(self.g_cur.value)
        return charges[cur] if 0 <= cur < len(charges) else charges[0]

    def new_charge(self, tf: Any) -> Charge:
        """A charge id for a function about to be compiled for automatic tiering (its module sets $cur to it)."""
        c = Charge(tf, len(self.charges))
        self.charges.append(c)
        return c

    def release_dead(self, keep: int = -1) -> int:
        """Release the export slots of dead proxies (docs/ABI.md "Handles and identity"). Only at a safe point,
        where no Python frame holds a raw wire of a slot it will use again except `keep`: at the start of a
        Python -> Wasm call (its arguments are live Python objects, the host imports below it converted theirs
        first), and no Tier2Unwind (token and value wires) in flight. Returns how many."""
        if self.unwinds:
            return 0
        dead, self.dead = self.dead, []
        proxies = self.proxies
        n = 0
        for w in dead:
            if w == keep:
                self.dead.append(w)
                continue
            r = proxies.get(w)
            if r is not None:
                if r() is not None:
                    continue  # the struct crossed again: a newer proxy for it is alive
                del proxies[w]
            n += self.x_release(w)
        self.released += n
        return n

    def table_sizes(self) -> dict[str, int]:
        """Sizes of the tables that grow with crossings (for tests and the bench's memory figures)."""
        return {"host_handles": len(self.objects) - len(self.free_handles), "proxies": len(self.proxies),
                "dead": len(self.dead),
                "exports": int(self.x_export_count())}

    def slot_of(self, sym: Any) -> int:
        slot = self.slots.get(sym)
        if slot is None:
            slot = self.slots[sym] = len(self.slot_syms)
            self.slot_syms.append(sym)
        return slot

    # ---- Python -> Wasm -------------------------------------------------------------------------------------
    def call(self, fw: int, args: tuple[Any, ...], owner: Charge | None = None) -> Any:
        if len(self.dead) >= RELEASE_BATCH or (self.dead and not self.depth):
            self.release_dead()
        if not self.depth and self.sweep_at and len(self.objects) - len(self.free_handles) >= self.sweep_at \
                and not self.unwinds:
            self.sweep_handles()  # no Wasm frame is live, the arguments are not converted yet
        n = len(args)
        tw = self.to_wire
        if n <= 4:
            ws = [tw(a) for a in args]
            ws += [0] * (4 - n)
        else:
            ws = [tw(a) for a in args]
            for w in ws[4:]:
                self.push_arg(w)
        if self.depth >= MAX_CROSS_DEPTH:
            stack_exhausted()
        charge = owner if owner is not None else self.charges[0]
        charge.x += 1
        charge.e += 1
        self.entries = k = self.entries + 1
        self.depth += 1
        tags, level = self.catch_tags, self.nseg
        mark = len(tags)
        tags.append(self.markers[level] if level < len(self.markers) else self.marker(level))
        self.nseg = level + 1
        try:
            r = self.enter(fw, n, ws[0], ws[1], ws[2], ws[3])
        finally:
            self.depth -= 1
            self.nseg = level
            del tags[mark:]
            if not level:
                self.saved.clear()
        if not k & (AUDIT_EVERY - 1) and self.audit is not None:
            self.audit()  # after the call: a demotion now does not lose this call's count (made by the old module)
        if r == WIRE_PENDING:
            if self.host.has_error():  # a trap (stack overflow) unwound the segment: no Wasm landing ran
                raise self.after_trap(level, self.take_pending())
            raise self.take_pending()
        if r == abi.WIRE_MV:
            vals = self.mv_values
            if not self.mvreg:
                return several_values(vals)
            self.engine.mv = vals  # the Lisp-function rule of clysm/eval/values.py
            return vals[0] if vals else NIL
        if self.mvreg:
            self.engine.mv = None
        return self.from_wire(r)

    @property
    def pending(self) -> BaseException | None:
        """The exception a host import parked (re-raised where Wasm returns to Python)."""
        return self._pending

    @pending.setter
    def pending(self, e: BaseException | None) -> None:
        self._pending = e
        if isinstance(e, LispError) and self.tier2_names and not has_handler(self.engine, e.condition):
            self.locate(e)  # (a handled error is not reported: no stack capture, ~0.4 ms, for it)

    def locate(self, e: BaseException, frames: list[str] | None = None) -> None:
        """Record in `e` (as `tier2_function`) the innermost Tier-2 Lisp function on the Wasm stack (`frames`, else
        the current one: a host import is running), unless a Tier-1 function ran inside it (then that one is
        innermost) or `e` already has one (an inner crossing found it). Error paths only: a stack capture."""
        if getattr(e, "tier2_function", None) is not None or tier1_frames(e):
            return
        if frames is None:
            get = getattr(self.host, "wasm_frames", None)
            frames = get() if get is not None else []
        for label in frames:
            sym = self.tier2_names.get(label)
            if sym is not None:
                try:
                    e.tier2_function = sym  # type: ignore[attr-defined]
                except AttributeError:
                    pass
                return

    def take_pending(self) -> BaseException:
        exc, self.pending = self.pending, None
        err = self.host.take_error() if self.host.has_error() else None
        fault = self.x_take_fault()
        if fault == 2:
            mv = None
            if self.mvc.value != 1:
                mv = self.mv_values
                self.mvc.value = 1
            unwind = Tier2Unwind(int(self.x_unwind_token()), int(self.x_unwind_value()), mv)
            self.unwinds.add(unwind)  # no export slot is released while it is in flight (release_dead)
            return unwind
        if exc is not None:
            return exc
        if err is not None or fault:
            from clysm.host.errors import WasmStackExhausted, WasmTrap

            if fault or isinstance(err, WasmStackExhausted):
                lisp = _lisp_error("STACK-EXHAUSTED", "Control stack exhausted (Tier 2)")
            elif isinstance(err, WasmTrap):
                lisp = _lisp_error("SIMPLE-ERROR", f"Tier 2 trap: {err}")
            else:
                lisp = None
            if lisp is not None:
                if err is not None and getattr(err, "wasm_frames", None):
                    self.locate(lisp, err.wasm_frames)
                return lisp
            if isinstance(err, BaseException):
                return err
        return _lisp_error("SIMPLE-ERROR", "Tier 2: a pending exit was lost")

    # ---- host imports (Wasm -> Python): never raise -----------------------------------------------------------
    def _args(self, argc: int, w: tuple[Any, ...]) -> list[Any]:
        fw = self.from_wire
        if argc <= 4:
            return [fw(x) for x in w[:argc]]
        extra, self.pushed = self.pushed, []
        return [fw(x) for x in w] + [fw(x) for x in extra]

    def _invoke(self, fn: Any, args: list[Any]) -> int:
        if self.depth >= MAX_CROSS_DEPTH:
            stack_exhausted()
        if self.mvreg:
            self.engine.mv = None
        self.depth += 1
        try:
            return self.result_wire(fn(*args))
        finally:
            self.depth -= 1

    def result_wire(self, value: Any) -> int:
        """The wire of a Python callee's result; several values are kept here and announced through $mvc.
        Values come back as Tier 1 returns them (clysm/eval/values.py): a MultipleValues tuple from a built-in,
        or the primary value with the engine's `mv` register set by a Lisp function."""
        if isinstance(value, tuple):
            vals: tuple[Any, ...] = tuple(value)
        elif self.mvreg and self.engine.mv is not None:
            vals = self.engine.mv
            self.engine.mv = None
        else:
            return self.to_wire(value)
        if len(vals) != 1:
            self.mv_values = vals
            self.mvc.value = len(vals)
        return self.to_wire(vals[0] if vals else NIL)

    def h_call_host(self, slot: int, argc: int, w0: Any, w1: Any, w2: Any, w3: Any) -> int:
        """A call of a Python function through its slot: the hottest host import, so the wire conversions, the
        crossing count and `_invoke` are inlined (each Python call costs ~0.1-0.2 us in Pyodide)."""
        try:
            if argc > 4:
                extra, self.pushed = self.pushed, []
            sym = self.slot_syms[slot]
            fn = sym.function
            if fn is None:
                undefined_function(self.engine_prin1(sym))
            if fn is self.format_fn:  # short Wasm lists go to FORMAT as copies (host_lists.py)
                args = self.lists.format_args([w0, w1, w2, w3][:argc] if argc <= 4 else [w0, w1, w2, w3] + extra)
            elif argc <= 4:
                objects = self.objects
                args = []
                for w in (w0, w1, w2, w3)[:argc]:
                    w = int(w)
                    tag = w & 3
                    args.append(w >> 2 if tag == 0 else objects[w >> HOST_SHIFT] if tag == 1 else self.from_wire(w))
            else:
                fw = self.from_wire
                args = [fw(x) for x in (w0, w1, w2, w3)] + [fw(x) for x in extra]
            tf = getattr(fn, "tiered", None)
            if tf is None or not tf.live:  # a call of a Tier-1 function that may still be promoted is transient
                n = self.host_crossings = self.host_crossings + 1
                if not n & (CHARGE_SAMPLE - 1):
                    self.sample(n)
            if self.depth >= MAX_CROSS_DEPTH:
                stack_exhausted()
            mvreg = self.mvreg
            if mvreg:
                self.engine.mv = None
            self.depth += 1
            try:
                value = fn(*args)
            finally:
                self.depth -= 1
            if type(value) is int:
                if FIX_LO <= value <= FIX_HI and (not mvreg or self.engine.mv is None):
                    return value << 2
            elif type(value) is str and (not mvreg or self.engine.mv is None):
                h = self.index.get(id(value))
                if h is None:
                    h = self.handle_of(value)
                return (h << HOST_SHIFT) | self.wbits[h]
            return self.result_wire(value)
        except BaseException as e:  # noqa: BLE001  (parked; re-raised where Wasm returns to Python)
            self.pending = e
            return WIRE_PENDING

    @property
    def crossings(self) -> int:
        """Counted crossings: Wasm -> Python (host imports except calls of Tier-1 functions that may still be
        promoted) plus Python -> Wasm calls. WasmCons accesses are not crossings (they are charged, see Charge)."""
        return self.host_crossings + self.entries

    def crossed(self) -> None:
        """A counted Wasm -> Python crossing; every CHARGE_SAMPLE-th is charged (CHARGE_SAMPLE times) to the
        runtime's current Tier-2 function, read from $cur (a read costs as much as a crossing, hence sampling)."""
        n = self.host_crossings = self.host_crossings + 1
        if not n & (CHARGE_SAMPLE - 1):
            self.sample(n)

    def sample(self, n: int) -> None:
        if len(self.charges) > 1:
            self.current_charge().x += CHARGE_SAMPLE
        if not n & (AUDIT_EVERY - 1) and self.audit is not None:
            self.audit()

    def proxy_audit(self) -> None:
        if self.audit is not None:
            self.audit()

    def h_push(self, w: Any) -> None:
        self.pushed.append(int(w))

    def h_funcall(self, f: Any, argc: int, w0: Any, w1: Any, w2: Any, w3: Any) -> int:
        try:
            args = self._args(argc, (w0, w1, w2, w3))
            fn = self.from_wire(f)
            self.crossed()
            if isinstance(fn, Symbol):
                target = fn.function
                if target is None or fn.macro is not None:
                    undefined_function(fn.name)
                fn = target
            elif not callable(fn):
                signal_error("TYPE-ERROR", f"The value {self.engine_prin1(fn)} is not of type FUNCTION",
                             DATUM=fn, EXPECTED_TYPE="FUNCTION")
            return self._invoke(fn, args)
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_argc_error(self, name: Any, argc: int, lo: int, hi: int) -> int:
        try:
            sym = self.from_wire(name)
            label = sym.name if isinstance(sym, Symbol) and sym is not NIL else "(LAMBDA)"
            expected = str(lo) if lo == hi else (f"at least {lo}" if hi < 0 else f"{lo} to {hi}")
            arg_count_error(label, argc, expected)
        except BaseException as e:  # noqa: BLE001
            self.pending = e
        return WIRE_PENDING

    def h_symbol_value(self, h: int) -> int:
        try:
            return self.to_wire(self.engine_symbol_value(self.objects[h]))
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_set_symbol_value(self, h: int, w: Any) -> int:
        try:
            value = self.from_wire(w)
            self.engine_set_symbol_value(self.objects[h], value)
            return self.to_wire(value)
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def _builtin(self, name: str, *wires: Any) -> int:
        try:
            self.crossed()
            fn = self.engine_function(name)
            return self.to_wire(primary(fn(*[self.from_wire(w) for w in wires])))
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_car(self, w: Any) -> int:
        return hcons.fetch(self, w, False)

    def h_cdr(self, w: Any) -> int:
        return hcons.fetch(self, w, True)

    def h_rplaca(self, w: Any, v: Any) -> int:
        return self._builtin("RPLACA", w, v)

    def h_rplacd(self, w: Any, v: Any) -> int:
        return self._builtin("RPLACD", w, v)

    def h_eql(self, a: Any, b: Any) -> int:
        try:
            x, y = self.from_wire(a), self.from_wire(b)
            if type(x) is not type(y) or x != y:
                return 0
            if isinstance(x, float) and math.copysign(1.0, x) != math.copysign(1.0, y):
                return 0  # (eql 0.0 -0.0) is false
            return 1
        except BaseException:  # noqa: BLE001
            return 0

    def h_kind(self, h: int) -> int:
        return host_kind(self.objects[h])

    def h_cell_get(self, h: int) -> int:
        try:
            return self.to_wire(self.engine_cell_get(self.objects[h]))
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_cell_set(self, h: int, w: Any) -> int:
        try:
            value = self.from_wire(w)
            self.engine_cell_set(self.objects[h], value)
            return self.to_wire(value)
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_symbol_function(self, h: int) -> int:
        try:
            sym = self.objects[h]
            fn = sym.function
            if fn is None or sym.macro is not None:
                undefined_function(sym.name)
            return self.to_wire(fn)
        except BaseException as e:  # noqa: BLE001
            self.pending = e
            return WIRE_PENDING

    def h_resume(self) -> int:
        exc = self.pending
        if isinstance(exc, Tier2Unwind):
            self.unwinds.discard(exc)
            self.pending = None
            self.resume_wire = exc.value_wire
            if exc.mv is not None:
                self.mv_values = exc.mv
                self.mvc.value = len(exc.mv)
            return exc.token_wire
        return WIRE_PENDING

    def h_resume_value(self) -> int:
        return self.resume_wire

    def h_vec_op(self, op: int, v: Any, i: Any, x: Any) -> int:
        return self.vectors.op(op, v, i, x)

    def h_key_error(self, w: Any, odd: int) -> int:
        try:
            if odd:
                signal_error("PROGRAM-ERROR", "odd number of &KEY arguments")
            key = self.from_wire(w)
            signal_error("PROGRAM-ERROR", f"Unknown &KEY argument: {self.engine_prin1(key)}")
        except BaseException as e:  # noqa: BLE001
            self.pending = e
        return WIRE_PENDING

    # ---- registry imports ---------------------------------------------------------------------------------
    def reg_wrapper(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """The wire-level import for registry function `fn` (cached per name while the function is the same)."""
        cached = self.reg_wrappers.get(name)
        if cached is not None and cached[0] is fn:
            return cached[1]
        fw = self.from_wire
        spec = _INT_OPS.get(name)
        if spec is not None and fn is self.engine_function(spec[0]):
            wrapper = self.int_wrapper(spec[1], fn, name in ("mod", "floor"))
            self.reg_wrappers[name] = (fn, wrapper)
            return wrapper

        def wrapper(*wires: Any) -> int:
            try:
                self.crossed()
                return self.to_wire(primary(fn(*[fw(w) for w in wires])))
            except BaseException as e:  # noqa: BLE001
                self.pending = e
                return WIRE_PENDING

        self.reg_wrappers[name] = (fn, wrapper)
        return wrapper

    def int_wrapper(self, op: Callable[[int, int], int], fn: Callable[..., Any], divides: bool) -> Callable[..., Any]:
        """The registry import of an arithmetic CL function `fn` (+ - * MOD FLOOR, two arguments, a fixnum
        overflow or a bignum operand): integers are computed here with the Python operator `op`, which gives
        exactly the CL integer result (MOD and FLOOR are Python's % and //); anything else (ratios, floats, a
        zero divisor, errors) goes to `fn` itself."""
        fw, tw = self.from_wire, self.to_wire

        def wrapper(wa: Any, wb: Any) -> int:
            try:
                self.crossed()
                a, b = fw(wa), fw(wb)
                if type(a) is int and type(b) is int and (b or not divides):
                    return tw(op(a, b))
                return tw(primary(fn(a, b)))
            except BaseException as e:  # noqa: BLE001
                self.pending = e
                return WIRE_PENDING

        return wrapper

    # ---- engine services (kept here so the adaptation to the engine's API is in one place) -----------------
    def engine_function(self, name: str) -> Any:
        fn = self.builtins.get(name)
        if fn is None:
            fn = self.builtins[name] = self.engine.intern(name, "COMMON-LISP").function
        return fn

    def engine_symbol_value(self, sym: Any) -> Any:
        getter = getattr(self.engine, "symbol_value", None)
        if getter is not None:
            return getter(sym)
        from clysm.eval.errors import unbound_variable
        from clysm.lisp.types import UNBOUND

        if sym.value is UNBOUND:
            unbound_variable(sym.name)
        return sym.value

    def engine_set_symbol_value(self, sym: Any, value: Any) -> None:
        setter = getattr(self.engine, "set_symbol_value", None)
        if setter is not None:
            setter(sym, value)
        else:
            sym.value = value

    def engine_cell_get(self, cell: Any) -> Any:
        return cell.value

    def engine_cell_set(self, cell: Any, value: Any) -> None:
        cell.value = value

    def engine_prin1(self, obj: Any) -> str:
        try:
            return self.engine.prin1(obj)
        except Exception:  # noqa: BLE001
            return repr(obj)


def _host_funcs() -> tuple[tuple[str, str, str], ...]:
    from .runtime import HOST_FUNCS

    return HOST_FUNCS


def engine_t(engine: Any) -> Any:
    from clysm.lisp.types import T

    return T


def _lisp_error(type_name: str, message: str) -> BaseException:
    from clysm.lisp.types import Condition, LispError

    return LispError(Condition(type_name, message))


def stack_exhausted() -> None:
    signal_error("STACK-EXHAUSTED", "Control stack exhausted (too many nested calls between the tiers)")
