# Tier-1 conses read by Tier 2 (docs/ABI.md "Tier-1 conses read by Tier 2"): the Python half of the runtime's
# `$hcache`. When Tier 2 reads a field of a plain Tier-1 `Cons`, the cons's class becomes the bridge's `SharedCons`
# subclass (same layout, so the object, its identity and its handle do not change) and the runtime caches both its
# fields and those of the next plain conses on its cdr chain (one export call for PREFETCH conses); a Tier-1 write
# to a shared cons goes through the subclass's setters, which write the slot, drop the Wasm entry (one export call)
# and make the cons plain again, so Tier 2 fetches the new value on its next read.
from __future__ import annotations

from typing import Any

from clysm.lisp.types import Cons

from .abi import WIRE_PENDING
from .hcons_rt import PREFETCH
from .proxies import primary

_get_car, _set_car = Cons.car.__get__, Cons.car.__set__  # type: ignore[attr-defined]
_get_cdr, _set_cdr = Cons.cdr.__get__, Cons.cdr.__set__  # type: ignore[attr-defined]


class SharedCons(Cons):
    """A Tier-1 cons some of whose fields Tier 2 has cached (the base of each bridge's own subclass)."""

    __slots__ = ()


def shared_class(bridge: Any) -> type:
    """The bridge's SharedCons subclass: reads are the plain slots, writes also drop the Wasm cache entry."""

    def unshare(c: Cons) -> None:
        c.__class__ = Cons
        h = bridge.index.get(id(c))
        if h is not None and bridge.rt is not None:
            bridge.x_hc_drop(h)

    def set_car(c: Cons, value: Any) -> None:
        _set_car(c, value)
        unshare(c)

    def set_cdr(c: Cons, value: Any) -> None:
        _set_cdr(c, value)
        unshare(c)

    return type("SharedCons", (SharedCons,), {"__slots__": (), "car": property(_get_car, set_car),
                                              "cdr": property(_get_cdr, set_cdr), "__module__": __name__})


def prefetch(bridge: Any, c: Cons) -> None:
    """Share `c` and the plain conses after it on its cdr chain (up to PREFETCH) and store both fields of each in
    the runtime's cache with one export call: a list Tier 2 walks costs one crossing per PREFETCH conses."""
    shared, tw, handle_of = bridge.shared_cls, bridge.to_wire, bridge.handle_of
    args: list[int] = []
    x: Any = c
    n = 0
    while n < PREFETCH and type(x) is Cons:
        x.__class__ = shared
        d = _get_cdr(x)
        args += (handle_of(x), tw(_get_car(x)), tw(d))
        x = d
        n += 1
    args += [-1, 0, 0] * (PREFETCH - n)
    bridge.x_hc_put(*args)


def fetch(bridge: Any, w: Any, cdr: bool) -> int:
    """host.car / host.cdr: one field of a Tier-1 object Tier 2 could not read itself. A plain cons is shared first
    (the runtime caches the field); a cons Python cannot watch (another bridge's) is read without caching; anything
    else is Tier 1's CAR / CDR (its type error)."""
    try:
        bridge.crossed()
        obj = bridge.from_wire(w)
        t = type(obj)
        if t is Cons:
            prefetch(bridge, obj)
        elif t is not bridge.shared_cls:
            if isinstance(obj, Cons):
                bridge.x_hc_skip()
            return bridge.to_wire(primary(bridge.engine_function("CDR" if cdr else "CAR")(obj)))
        return bridge.to_wire(_get_cdr(obj) if cdr else _get_car(obj))
    except BaseException as e:  # noqa: BLE001
        bridge.pending = e
        return WIRE_PENDING
