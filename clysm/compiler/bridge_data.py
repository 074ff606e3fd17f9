# Host imports the runtime calls to read or make Python data (docs/ABI.md "Strings and characters", "Integers
# outside the fixnum range"): a string's characters (str_fetch), a string made in Wasm (str_new), a character's
# handle, a bignum's limbs in either direction. Mixed into Bridge (bridge.py), whose handles and wires they use.
from __future__ import annotations

import struct
from typing import Any

from clysm.lisp.types import char

from . import abi
from .runtime_strings import _SURROGATE

WIRE_PENDING = abi.WIRE_PENDING


class DataImportsMixin:
    """Bridge methods behind host.str_fetch, str_new, char_handle, big_limbs and big_fetch (state: Bridge)."""

    # attributes and methods provided by Bridge
    objects: list[Any]
    index: dict[int, int]
    big_acc: list[float]
    pending: BaseException | None
    handle_of: Any
    to_wire: Any
    crossed: Any

    # ---- strings (docs/ABI.md "Strings and characters"): not counted as crossings, paid once per object -----
    def h_str_fetch(self, h: int) -> Any:
        """The string with host handle `h`, for the runtime's read-only copy (it arrives in Wasm as a JS string),
        or 0 when the string must stay in Python (it holds lone surrogates, which a JS string cannot carry
        faithfully through the conversion)."""
        s = self.objects[h]
        if type(s) is not str:
            return 0
        if not s.isascii() and _SURROGATE.search(s) is not None:
            return 0
        return s

    def h_str_new(self, s: str) -> int:
        """The host handle of a new Python str for a string Tier 2 made (it arrives as a JS string, which Pyodide
        converts to a str; a host without the JS String Builtins passes the str itself). Not counted by the
        safety net (like str_fetch: once per string; and it runs inside `to_wire`, where nothing may fail). A
        string of two characters or more gets a str no handle has yet, so the Wasm string it stands for can become
        that handle's canonical $host."""
        if len(s) > 1 and id(s) in self.index:  # a string made in Wasm must be a new object (docs/ABI.md)
            s = s[:1] + s[1:]
        return self.handle_of(s)

    # ---- bignums (docs/ABI.md "Integers outside the fixnum range") ---------------------------------------------
    def h_big_limbs(self, last: int, sign: int, *limbs: float) -> int:
        """A Wasm `$big` crossing to Python, LIMBS_PER_CROSSING base-2^32 limbs per call (least significant
        first); the last call makes the int and answers its wire. Counted as one crossing per value."""
        try:
            acc = self.big_acc
            acc.extend(limbs)
            if not last:
                return 0
            self.big_acc = []
            self.crossed()
            n = int.from_bytes(struct.pack(f"<{len(acc)}I", *map(int, acc)), "little")
            return self.to_wire(-n if sign < 0 else n)
        except BaseException as e:  # noqa: BLE001
            self.big_acc = []
            self.pending = e
            return WIRE_PENDING

    def h_big_fetch(self, h: int) -> str:
        """The magnitude of the Python bignum with host handle `h` in lowercase hex (read by the runtime through
        the JS String Builtins when Wasm arithmetic meets it). Not counted, like h_str_fetch."""
        return format(abs(self.objects[h]), "x")

    def h_char_handle(self, code: int) -> int:
        """The host handle of Tier 1's (interned) character with this code."""
        return self.handle_of(char(code))

