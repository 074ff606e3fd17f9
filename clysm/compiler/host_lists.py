# Short Wasm lists handed to FORMAT as Python copies (docs/ABI.md "Lists given to FORMAT"): walking a Wasm list
# through WasmCons proxies costs an export call per car/cdr and a proxy per cons (~1.5 us each in Pyodide), more
# than FORMAT's own work; one call of a JS loop over the runtime's `flat_list` and `flat_item` (host.collector)
# copies a proper list of at most FLAT_LIST_MAX fixnums / Python objects instead, and no proxy is made. Only
# where the copy cannot be told apart from the original: FORMAT reads its arguments and never keeps them, unless
# the control string calls user code with them (~/name/) or takes another control string from them (~? ~@?), which
# this module refuses.
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.lisp.types import NIL, Cons

from .abi import HOST_SHIFT

if TYPE_CHECKING:
    from .bridge import Bridge

CONTROL_CACHE = 256  # control strings remembered as copy-safe or not (the cache is cleared when full)


def copy_safe(control: str) -> bool:
    """Whether FORMAT with this control string may get copies of its list arguments: no directive hands an
    argument to user code (~/name/) or uses one as a control string (~?). A control string that does not parse
    is not (FORMAT signals its error with the original arguments)."""
    if "~" not in control:
        return True
    from clysm.lisp.format import parse_control

    try:
        nodes = parse_control(control)
    except Exception:  # noqa: BLE001  (a malformed control string: FORMAT reports it)
        return False
    return _safe_nodes(nodes)


def _safe_nodes(nodes: list[Any]) -> bool:
    for d in nodes:
        if isinstance(d, str):
            continue
        if d.char in "/?":
            return False
        if not _safe_nodes(d.body) or not all(_safe_nodes(c) for c in d.clauses):
            return False
    return True


class ListCopier:
    """Per-bridge: copies of short Wasm lists for FORMAT, and the control strings known to allow them."""

    def __init__(self, bridge: Bridge, exports: Any) -> None:
        self.bridge = bridge
        self.collect = bridge.host.collector(exports["py_flat_list"], exports["py_flat_item"])
        self.safe: dict[str, bool] = {}
        self.copies = 0  # lists copied (for tests)

    def format_args(self, wires: list[Any]) -> list[Any]:
        """FORMAT's arguments from their wires, each short flat Wasm list among its format arguments (a Wasm
        wire) replaced by a Python copy: no proxy is made for it."""
        b = self.bridge
        fw = b.from_wire
        args = [fw(w) for w in wires[:2]]
        if len(args) < 2 or type(args[1]) is not str:
            return args + [fw(w) for w in wires[2:]]
        control = args[1]
        safe = None
        copies: dict[int, Any] = {}  # the same list twice gets the same copy (its slot is released at the first)
        for w in wires[2:]:
            w = int(w)
            if w & 3 == 2:
                if w in copies:
                    args.append(copies[w])
                    continue
                if safe is None:
                    safe = self.safe.get(control)
                    if safe is None:
                        if len(self.safe) >= CONTROL_CACHE:
                            self.safe.clear()
                        safe = self.safe[control] = copy_safe(control)
                if safe:
                    copy = self.copy(w)
                    if copy is not None:
                        copies[w] = copy
                        args.append(copy)
                        continue
            args.append(fw(w))
        return args

    def copy(self, wire: int) -> Any:
        """A fresh Python list equal to the Wasm list `wire`, or None when it is not a short list of atoms. The
        list's export slot is given back unless a proxy (live, or dead but not yet released) has it."""
        b = self.bridge
        wires = self.collect(wire, 0 if wire in b.proxies else 1)
        if wires is None:
            return None
        objects = b.objects
        out: Any = NIL
        for w in reversed(wires):  # fixnum and host wires only (flat_list)
            out = Cons(objects[w >> HOST_SHIFT] if w & 3 else w >> 2, out)
        self.copies += 1
        return out
