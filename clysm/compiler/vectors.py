# Tier 2 simple vectors, Python half (docs/ABI.md, "Simple vectors"): the `vec_op` host import (Tier 1's own
# built-in for every access the Wasm fast path does not take, then migration), the migration of a simple general
# vector's elements into a Wasm array, and `WasmItems`, the list-like proxy that becomes the migrated LispVector's
# `items` so Tier 1's built-ins keep working on the one storage.
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from clysm.lisp.types import LispVector

from . import abi
from .proxies import primary
from .vectors_rt import (
    GENERIC_OPS,
    OP_AREF,
    OP_ARRAYP,
    OP_ASET,
    OP_ELT,
    OP_SETELT,
    OP_SIMPLE_VECTOR_P,
    OP_SVREF,
    OP_SVSET,
    OP_VECTORP,
)

# op -> (package, name) of the Tier-1 function the slow path calls
_OPS: dict[int, tuple[str, str]] = {
    OP_SVREF: ("COMMON-LISP", "SVREF"), OP_AREF: ("COMMON-LISP", "AREF"), OP_SVSET: ("CLYSM", "%SVSET"),
    OP_ASET: ("CLYSM", "%ASET"), OP_SIMPLE_VECTOR_P: ("COMMON-LISP", "SIMPLE-VECTOR-P"),
    OP_VECTORP: ("COMMON-LISP", "VECTORP"), OP_ARRAYP: ("COMMON-LISP", "ARRAYP"), OP_ELT: ("COMMON-LISP", "ELT"),
    OP_SETELT: ("CLYSM", "%SETELT"),
}  # fmt: skip
_NARGS = {OP_SVREF: 2, OP_AREF: 2, OP_SVSET: 3, OP_ASET: 3, OP_ELT: 2, OP_SETELT: 3}


def migratable(v: Any, op: int) -> bool:
    """A simple vector whose storage is still a Python list: of element type T for every access, of element type
    FIXNUM (Tier 1 stores anything into it, as into T vectors) for AREF, ELT and their SETFs only."""
    return (type(v) is LispVector and v.fill_pointer is None and not v.adjustable and type(v.items) is list
            and (v.element_type == "t" or (v.element_type == "fixnum" and op in GENERIC_OPS)))


# Migration policy (docs/ABI.md, "Simple vectors"), ski rental both ways: an access through the other tier's slow
# path and a migration element cost about one crossing each. A vector of up to MIGRATE_SMALL elements migrates on
# its first Tier-2 slow-path access; a larger one once its slow-path accesses reach 1/MIGRATE_RATIO of its length
# (what its migration costs: one crossing per 8 elements). A migrated vector that Tier 1 reads or writes more than
# max(UNMIGRATE_MIN, UNMIGRATE_RATIO * length) times goes back to a Python list (its move back costs one crossing per
# element); Tier 2 then migrates it again after max(REMIGRATE_WAIT, length / MIGRATE_RATIO) slow-path accesses.
MIGRATE_SMALL = 64
MIGRATE_RATIO = 16
UNMIGRATE_MIN = 1024
UNMIGRATE_RATIO = 4
REMIGRATE_WAIT = 16


class WasmItems:
    """The elements of a migrated simple vector, living in a Wasm array: a fixed-length, list-like sequence.
    Reads and writes are runtime export calls (one crossing each); slices give Python lists. After the vector
    went back to Python (`live` false) it forwards to the vector's current items."""

    __slots__ = ("_s", "_h", "_n", "_v", "live", "budget")

    def __init__(self, store: VectorStore, vec: LispVector, handle: int, n: int, budget: int) -> None:
        self._s = store
        self._v = vec
        self._h = handle
        self._n = n
        self.live = True
        self.budget = budget  # Tier-1 accesses left before the storage goes back to Python

    def __len__(self) -> int:
        return self._n

    def _index(self, i: Any) -> int:
        if type(i) is not int:
            i = i.__index__()  # TypeError for non-integers, as a list
        n = self._n
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("vector index out of range")
        return i

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(self._n))]
        return self._get(self._index(i))

    def _get(self, i: int) -> Any:
        if self.budget <= 0 and self.live:
            self._s.unmigrate(self)
        if not self.live:
            return self._v.items[i]
        self.budget -= 1
        s = self._s
        s.proxy_accesses += 1
        return s.b.from_wire(s.x_get(self._h, i))

    def __setitem__(self, i: Any, value: Any) -> None:
        if isinstance(i, slice):
            ks = range(*i.indices(self._n))
            values = list(value)
            if len(values) != len(ks):
                raise ValueError("a simple vector's length cannot change")
            for k, x in zip(ks, values, strict=True):
                self._put(k, x)
            return
        self._put(self._index(i), value)

    def _put(self, i: int, value: Any) -> None:
        if self.budget <= 0 and self.live:
            self._s.unmigrate(self)
        if not self.live:
            self._v.items[i] = value
            return
        self.budget -= 1
        s = self._s
        s.proxy_accesses += 1
        s.x_put(self._h, i, s.b.to_wire(value))

    def __iter__(self) -> Iterator[Any]:
        for k in range(self._n):
            yield self._get(k)

    def __reversed__(self) -> Iterator[Any]:
        for k in range(self._n - 1, -1, -1):
            yield self._get(k)

    def __contains__(self, x: Any) -> bool:
        return any(y is x or y == x for y in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, WasmItems)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: Iterable[Any]) -> list[Any]:
        return list(self) + list(other)

    def __radd__(self, other: Iterable[Any]) -> list[Any]:
        return list(other) + list(self)

    def copy(self) -> list[Any]:
        return list(self)

    def index(self, x: Any, *bounds: int) -> int:
        return list(self).index(x, *bounds)

    def count(self, x: Any) -> int:
        return list(self).count(x)

    def __repr__(self) -> str:
        return f"<WasmItems #{self._h} [{self._n}]{'' if self.live else ' (returned to Python)'}>"


class WasmBornItems(WasmItems):
    """The elements of a vector made by Tier 2 (a `$vec` struct, addressed by its export wire): it never moves."""

    __slots__ = ()

    def _get(self, i: int) -> Any:
        s = self._s
        s.proxy_accesses += 1
        return s.b.from_wire(s.x_wget(self._h, i))

    def _put(self, i: int, value: Any) -> None:
        s = self._s
        s.proxy_accesses += 1
        s.x_wput(self._h, i, s.b.to_wire(value))


class WasmVector(LispVector):
    """A simple vector made by Tier 2, seen from Python (one per `$vec`, cached by the bridge like WasmCons):
    a LispVector whose items live in the Wasm struct's array."""

    __slots__ = ("_b", "_w")

    def __init__(self, store: VectorStore, wire: int) -> None:
        super().__init__(WasmBornItems(store, self, wire, int(store.x_wlen(wire)), 0))  # type: ignore[arg-type]
        self._b = store.b
        self._w = wire


class VectorStore:
    """Per-bridge vector state: the runtime exports, the slow-path built-ins, migration bookkeeping, counters."""

    def __init__(self, bridge: Any, exports: Any) -> None:
        self.b = bridge
        self.x_new = exports["py_vec_new"]
        self.x_get = exports["py_vec_get"]
        self.x_put = exports["py_vec_put"]
        self.x_put8 = exports["py_vec_put8"]
        self.x_drop = exports["py_vec_drop"]
        self.x_wlen, self.x_wget, self.x_wput = exports["py_wvec_len"], exports["py_wvec_get"], exports["py_wvec_put"]
        self.fns: dict[int, Any] = {}
        self.touches: dict[int, int] = {}  # handle -> slow-path accesses still needed before (re)migration
        self.migrations = 0  # vectors moved into Wasm
        self.unmigrations = 0  # vectors moved back to Python
        self.proxy_accesses = 0  # Tier-1 element reads/writes of migrated vectors (Python -> Wasm crossings)

    def fn(self, op: int) -> Any:
        f = self.fns.get(op)
        if f is None:
            package, name = _OPS[op]
            f = self.fns[op] = self.b.engine.intern(name, package).function
        return f

    def op(self, op: int, wv: Any, wi: Any, wx: Any) -> int:
        """The `vec_op` host import: Tier 1's built-in for `op` (its value or its condition), then maybe migrate."""
        b = self.b
        try:
            b.crossed()
            fw = b.from_wire
            v = fw(wv)
            n = _NARGS.get(op, 1)
            args = (v, fw(wi), fw(wx))[:n]
            w = b.to_wire(primary(self.fn(op)(*args)))
            if migratable(v, op) and self.due(v, b.handle_of(v)):
                self.migrate(v)
            return w
        except BaseException as e:  # noqa: BLE001  (parked; re-raised where Wasm returns to Python)
            b.pending = e
            return abi.WIRE_PENDING

    def due(self, v: LispVector, h: int) -> bool:
        """Count one slow-path access of v; true when it should migrate now."""
        left = self.touches.get(h)
        if left is None:
            n = len(v.items)
            left = 0 if n <= MIGRATE_SMALL else n // MIGRATE_RATIO
        if left <= 0:
            self.touches.pop(h, None)
            return True
        self.touches[h] = left - 1
        return False

    def migrate(self, v: LispVector) -> None:
        """Move v's elements into a Wasm array ($vecs[handle]); v.items becomes its proxy."""
        b = self.b
        items = v.items
        h = b.handle_of(v)
        n = len(items)
        tw = b.to_wire
        fill = items[0] if n else 0
        self.x_new(h, n, tw(fill), int(v.element_type != "t"))
        for i in range(0, n, 8):
            chunk = items[i:i + 8]
            if any(x is not fill for x in chunk):
                ws = [tw(x) for x in chunk]
                ws += [0] * (8 - len(ws))
                self.x_put8(h, i, *ws)
        budget = max(UNMIGRATE_MIN, UNMIGRATE_RATIO * n)
        v.items = WasmItems(self, v, h, n, budget)
        self.migrations += 1

    def unmigrate(self, items: WasmItems) -> None:
        """Tier 1 uses the vector more than its budget: its elements go back to a Python list."""
        if not items.live:
            return
        b, h = self.b, items._h
        values = [b.from_wire(self.x_get(h, i)) for i in range(items._n)]
        self.x_drop(h)
        items.live = False
        items._v.items = values
        self.touches[h] = max(REMIGRATE_WAIT, items._n // MIGRATE_RATIO)
        self.unmigrations += 1
