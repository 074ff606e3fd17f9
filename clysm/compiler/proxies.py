# Tier 2 proxies and exits seen from Python: WasmCons / WasmFunction (cached proxies of Wasm structs; car/cdr and calls
# go through runtime exports), Charge (what the demotion safety net charges a watched function with), and
# Tier2Unwind (a Tier-2 exit passing through Python frames). Split out of bridge.py, which creates and caches them.
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.lisp.types import NIL, Cons

if TYPE_CHECKING:
    from .bridge import Bridge

AUDIT_EVERY = 1024  # a power of two: proxy accesses between two audits of the safety net


class Charge:
    """What one watched Tier-2 function is charged with (docs/ABI.md, "Demotion"): `x` host crossings made while
    it was the runtime's current Tier-2 function (sampled) plus Python -> Wasm entries into it or its closures,
    `p` Tier-1 reads and writes of the Wasm conses it made (proxy traffic); `e` counts the entries among `x`.
    Charge 0 of a bridge is the sink for code nobody watches."""

    __slots__ = ("tf", "id", "x", "p", "e")

    def __init__(self, tf: Any, ident: int) -> None:
        self.tf = tf
        self.id = ident
        self.x = 0
        self.p = 0
        self.e = 0  # the Python -> Wasm entries among x


class _Strong:
    """A strong entry of the proxy cache, called like the weakrefs beside it."""

    __slots__ = ("p",)

    def __init__(self, p: Any) -> None:
        self.p = p

    def __call__(self) -> Any:
        return self.p


# registry imports with an integer fast path (Bridge.int_wrapper): name -> (CL function, Python operator)


def primary(value: Any) -> Any:
    """The primary value of a Tier-1 result (built-ins return tuples for multiple values)."""
    if isinstance(value, tuple):
        return value[0] if value else NIL
    return value


def several_values(values: tuple[Any, ...]) -> Any:
    from clysm.eval.builtins.mvalues import values as make_values

    return make_values(*values)


def _control_base() -> type[BaseException]:
    try:
        from clysm.eval.runtime import NonLocalExit
    except ImportError:  # the evaluator's runtime not present: still never an `Exception`
        return BaseException
    return NonLocalExit


class Tier2Unwind(_control_base()):  # type: ignore[misc]  # noqa: N818
    """A return-from / go from a Tier-2 closure to its Tier-2 block, passing through Python frames. Tier 1's
    handlers never catch it (it is not a LispError); Python `finally` clauses run as it passes."""

    def __init__(self, token_wire: int, value_wire: int, mv: tuple[Any, ...] | None = None) -> None:
        super().__init__("return-from/go to a block or tag that is no longer active")
        self.token_wire = token_wire  # a block's token, or (a catch) the fixnum wire of its catch-stack index
        self.value_wire = value_wire
        self.mv = mv  # all the values when there are other than one (docs/ABI.md: they travel with the exit)


class WasmCons(Cons):
    """A cons made by Tier 2, seen from Python: car/cdr read and write the Wasm struct."""

    __slots__ = ("_b", "_w", "_o", "__weakref__")

    def __init__(self, bridge: Bridge, wire: int, owner: Charge) -> None:  # Cons.__init__ is not called
        self._b = bridge
        self._w = wire
        self._o = owner  # charged with every access (the conses reached from this one inherit it)

    def __del__(self) -> None:  # its export slot is released at the bridge's next safe point
        self._b.dead.append(self._w)

    @property  # type: ignore[override]
    def car(self) -> Any:
        b, o = self._b, self._o
        o.p += 1
        if not o.p & (AUDIT_EVERY - 1):
            b.proxy_audit()
        return b.wire_in(b.x_car(self._w), o)

    @car.setter
    def car(self, value: Any) -> None:
        b, o = self._b, self._o
        o.p += 1
        if not o.p & (AUDIT_EVERY - 1):
            b.proxy_audit()
        b.x_set_car(self._w, b.to_wire(value))

    @property  # type: ignore[override]
    def cdr(self) -> Any:
        b, o = self._b, self._o
        o.p += 1
        if not o.p & (AUDIT_EVERY - 1):
            b.proxy_audit()
        return b.wire_in(b.x_cdr(self._w), o)

    @cdr.setter
    def cdr(self, value: Any) -> None:
        b, o = self._b, self._o
        o.p += 1
        if not o.p & (AUDIT_EVERY - 1):
            b.proxy_audit()
        b.x_set_cdr(self._w, b.to_wire(value))

    def wasm_length(self) -> int:
        """LENGTH of the proper list of Wasm conses starting here, walked in Wasm (one crossing), or -1 when it
        ends otherwise (the caller walks it itself: its errors and Tier-1 tails). Not charged to the owner: one
        crossing per LENGTH costs no more than Tier 1's own call of LENGTH (docs/ABI.md "Demotion")."""
        return int(self._b.x_list_len(self._w))

    def __repr__(self) -> str:
        return f"<WasmCons #{self._w >> 2}>"


class WasmFunction:
    """A closure made by Tier 2 (or a promoted function), callable from Python with Lisp arguments."""

    __slots__ = ("_b", "_w", "lisp_name", "_o", "__weakref__")

    def __init__(self, bridge: Bridge, wire: int, name: Any = None, owner: Charge | None = None) -> None:
        self._b = bridge
        self._w = wire
        self.lisp_name = name
        self._o = owner if owner is not None else bridge.charges[0]  # charged with every call from Python

    def __del__(self) -> None:
        self._b.dead.append(self._w)

    def __call__(self, *args: Any) -> Any:
        return self._b.call(self._w, args, self._o)

    def __repr__(self) -> str:
        return f"<WasmFunction {getattr(self.lisp_name, 'name', self.lisp_name)}>"
