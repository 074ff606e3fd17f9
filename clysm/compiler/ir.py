# Tier 2 compiler: the small data structures shared by the front end (front.py: macroexpansion, scoping, free
# variable analysis) and the emitter (emit.py: Wasm bytes). The IR is one tuple per Lisp form (never one object
# per Wasm instruction); its first element names the node kind (see front.py for the list).
from __future__ import annotations

from typing import Any


def _tier2_unsupported() -> type[Exception]:
    """The tiering layer's exception (clysm/tiering.py) when it exists, so `except Tier2Unsupported` there
    catches what the compiler raises; a local definition otherwise (compile-only use, tests)."""
    try:
        from clysm.tiering import Tier2Unsupported as tiering_class
    except ImportError:

        class Tier2Unsupported(Exception):  # noqa: N818  (the tiering layer's name)
            """The function uses something Tier 2 cannot compile yet; it stays in Tier 1 with this reason."""

            def __init__(self, reason: str) -> None:
                super().__init__(reason)
                self.reason = reason

        return Tier2Unsupported
    return tiering_class


Tier2Unsupported = _tier2_unsupported()


def unsupported(what: str) -> Tier2Unsupported:
    return Tier2Unsupported(f"{what} is not supported by Tier 2 yet")


class Var:
    """A lexical variable. `fn` is the Fn that binds it; `captured` if an inner Fn refers to it; `assigned` if
    setq'd anywhere; then it lives in a $box. `local` is its Wasm local index in `fn` (set by the emitter)."""

    __slots__ = ("sym", "fn", "captured", "assigned", "local", "target")

    def __init__(self, sym: Any, fn: Fn) -> None:
        self.sym = sym
        self.fn = fn
        self.captured = False
        self.assigned = False
        self.local = -1
        self.target: Fn | None = None  # for the holder of a local function's closure: that function

    @property
    def boxed(self) -> bool:
        return self.captured and self.assigned

    def __repr__(self) -> str:
        return f"<Var {getattr(self.sym, 'name', self.sym)}>"


class LambdaList:
    """A parsed ordinary lambda list: Vars with their init forms (IR, converted in the function's scope)."""

    __slots__ = ("required", "optional", "rest", "keys", "allow_other_keys", "aux", "has_keys")

    def __init__(self) -> None:
        self.required: list[Var] = []
        self.optional: list[tuple[Var, Any, Var | None]] = []  # (var, init IR, supplied-p var)
        self.rest: Var | None = None
        self.keys: list[tuple[Any, Var, Any, Var | None]] = []  # (keyword symbol, var, init IR, supplied-p)
        self.allow_other_keys = False
        self.has_keys = False
        self.aux: list[tuple[Var, Any]] = []

    @property
    def min_args(self) -> int:
        return len(self.required)

    @property
    def max_args(self) -> int:
        """-1 when unbounded (&rest or &key)."""
        if self.rest is not None or self.has_keys:
            return -1
        return len(self.required) + len(self.optional)


class Fn:
    """One Wasm function: the promoted lambda itself or an inner lambda / local function."""

    __slots__ = ("name", "parent", "free", "params", "body", "index", "specials", "self_var", "wasm_index",
                 "label")

    def __init__(self, name: Any, parent: Fn | None, index: int) -> None:
        self.name = name  # Lisp name (Symbol) or None
        self.parent = parent
        self.free: dict[Var, int] = {}  # captured variables of enclosing Fns -> env index
        self.params = LambdaList()
        self.body: Any = None
        self.index = index  # position in the compilation unit's list of Fns
        self.specials: list[Any] = []
        self.self_var: Var | None = None  # for labels/flet functions: the Var holding its closure
        self.wasm_index = -1
        self.label = ""  # human name for WAT

    def __repr__(self) -> str:
        return f"<Fn {self.label}>"


class Block:
    """A `block` (or a tagbody): `fn` owns it; `nonlocal` when a return-from/go comes from an inner Fn."""

    __slots__ = ("name", "fn", "nonlocal_", "depth", "var", "tags", "used", "mode", "tail", "tagvar", "seg",
                 "edges", "labels")

    def __init__(self, name: Any, fn: Fn) -> None:
        self.name = name
        self.fn = fn
        self.nonlocal_ = False
        self.depth = -1  # Wasm label depth at which the block's end is (set by the emitter)
        self.var: Var | None = None  # for non-local exits: a Var holding the block's unique token
        self.tags: dict[Any, int] = {}
        self.used = False  # some return-from / go targets it
        self.mode = 0  # emission mode of the block (value / effect / test)
        self.tail = False
        self.tagvar = -1  # tagbody: the i32 local holding the segment to run next
        # tagbody, local GOs only: the segment being converted / emitted (0 = the forms before the first tag),
        # the (from segment, to segment) pairs of its GOs, and the Wasm labels of the structured lowering (emit.py)
        self.seg = 0
        self.edges: set[tuple[int, int]] = set()
        self.labels: dict[tuple[int, bool], int] | None = None  # (segment, backward) -> label depth
