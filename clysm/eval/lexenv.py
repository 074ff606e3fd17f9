# The Tier-1 lexical environment a tiered function closes over, as the Tier 2 compiler sees it: variables and
# local functions the function refers to are *cells* shared with Tier 1 (reads and writes go to the same frame
# slot), so promoting a closure never copies its captured state.
from __future__ import annotations

from typing import Any

from clysm.eval.ir import SPECIAL, Env, LocalMacro, SymbolMacro, Var


class FrameCell:
    """A captured variable: slot `slot` of a Tier-1 frame (a Python list)."""

    __slots__ = ("frame", "slot", "name")

    def __init__(self, frame: list[Any], slot: int, name: Any) -> None:
        self.frame = frame
        self.slot = slot
        self.name = name

    @property
    def value(self) -> Any:
        return self.frame[self.slot]

    @value.setter
    def value(self, v: Any) -> None:
        self.frame[self.slot] = v

    def __repr__(self) -> str:
        return f"<FrameCell {getattr(self.name, 'name', self.name)}>"


class LexInfo:
    """Compile-time half: the environment of a %DEFUN and where its captured variables live relative to the
    function's `penv` (frame chain, innermost first)."""

    __slots__ = ("env", "where")

    def __init__(self, env: Env, chain: list[Any]) -> None:
        self.env = env
        self.where: dict[int, tuple[int, int]] = {}
        for hops, frame in enumerate(chain):
            for v in frame.vars:
                self.where[id(v)] = (hops, v.slot)


class LexEnv:
    """Run-time view handed to the Tier 2 backend as `tf.lexenv`. Also usable as the &ENVIRONMENT of
    `engine.macroexpand_1(form, lexenv)` (local macros and symbol macros are visible)."""

    __slots__ = ("info", "penv")

    def __init__(self, info: LexInfo | None, penv: Any) -> None:
        self.info = info
        self.penv = penv

    @property
    def env(self) -> Env | None:
        return self.info.env if self.info is not None else None

    def _cell(self, b: Any) -> FrameCell | None:
        if self.info is None or not isinstance(b, Var):
            return None
        where = self.info.where.get(id(b))
        if where is None:
            return None
        hops, slot = where
        frame = self.penv
        for _ in range(hops):
            frame = frame[0]
        return FrameCell(frame, slot, b.name)

    def lookup_variable(self, sym: Any) -> FrameCell | None:
        """The cell of a lexical variable the function closes over, or None (special, global or unknown)."""
        env = self.env
        return self._cell(env.lookup_var(sym)) if env is not None else None

    lookup_cell = lookup_variable

    def is_lexical_variable(self, sym: Any) -> bool:
        env = self.env
        return env is not None and isinstance(env.lookup_var(sym), Var)

    def is_special(self, sym: Any) -> bool:
        env = self.env
        b = env.lookup_var(sym) if env is not None else None
        return b is SPECIAL or (b is None and getattr(sym, "special", False))

    def lookup_symbol_macro(self, sym: Any) -> Any:
        """The expansion of a local symbol macro, or None."""
        env = self.env
        b = env.lookup_var(sym) if env is not None else None
        return b.expansion if isinstance(b, SymbolMacro) else None

    def lookup_function(self, sym: Any) -> FrameCell | None:
        """The cell holding a local (FLET/LABELS) function the function refers to, or None."""
        env = self.env
        return self._cell(env.lookup_fun(sym)) if env is not None else None

    def lookup_macro(self, sym: Any) -> Any:
        """A local (MACROLET) expander, or None."""
        env = self.env
        b = env.lookup_fun(sym) if env is not None else None
        return b.expander if isinstance(b, LocalMacro) else None

    def has_lexical_bindings(self) -> bool:
        e = self.env
        while e is not None:
            if e.vars or e.funs or e.blocks or e.tags:
                return True
            e = e.parent
        return False

    def __repr__(self) -> str:
        return "#<LEXENV>"
