# Tier 2 emitter, open-coded string and character primitives (docs/ABI.md "Strings and characters"): CHAR/SCHAR,
# LENGTH of a string, CHAR-CODE, CODE-CHAR, CHARACTERP, ASCII CHAR-UPCASE/DOWNCASE, two-argument character
# comparisons, STRING= and SEARCH of two strings, the primary value of PARSE-INTEGER of plain decimal digits.
# Each calls the runtime's string functions (runtime_strings.py) and, when they answer "not here", the CL
# function through its $fns slot with the original arguments, so values and errors are Tier 1's.
# Mixed into emit_prims.PrimEmitter.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, I32

from .abi import RT_INDEX

V, E, B = 0, 1, 2
_RT = RT_INDEX
CHAR_CODE_LIMIT = 1114112

_CHAR_CMP = {"CHAR=": "i32_eq", "CHAR/=": "i32_ne", "CHAR<": "i32_lt_s", "CHAR>": "i32_gt_s",
             "CHAR<=": "i32_le_s", "CHAR>=": "i32_ge_s", "CHAR-EQUAL": "i32_eq"}
STRING_PRIMS = frozenset(("CHAR", "SCHAR", "LENGTH", "CHAR-CODE", "CODE-CHAR", "CHARACTERP", "CHAR-UPCASE",
                          "CHAR-DOWNCASE", "STRING=", "SEARCH", "PARSE-INTEGER", *_CHAR_CMP))


class StringEmitter:
    """String/character primitive emission; relies on PrimEmitter/FnEmitter helpers (operands, call_sym, ...)."""

    c: Any
    me: Any
    free_i32: list[int]
    # provided by PrimEmitter / FnEmitter
    operand: Any
    operands: Any
    get_eq: Any
    get_i32: Any
    fixnum_test: Any
    release: Any
    call_sym: Any
    tmp_i32: Any
    open: Any
    close: Any
    from_val: Any
    from_bool: Any

    def e_string_prim(self, node: Any, mode: int, tail: Any) -> None:
        name, args, sym = node[1], node[2], node[3]
        if name in ("CHAR", "SCHAR"):
            self.string_fast(sym, args, "schar", mode)
        elif name == "LENGTH":
            self.string_fast(sym, args, "str_len", mode)
        elif name == "SEARCH":
            self.string_fast(sym, args, "str_search", mode)
        elif name == "PARSE-INTEGER":
            from .emit import MV_TAIL

            if mode == V and (tail is True or tail == MV_TAIL):  # both values wanted: the CL function
                ox = self.operand(args[0], True)
                self.call_sym(sym, [ox], True)
                self.release(ox)
            else:
                self.string_fast(sym, args, "parse_int", mode)
        elif name == "CHAR-CODE":
            self.char_code(sym, args[0], mode)
        elif name == "CODE-CHAR":
            self.code_char(sym, args[0], mode)
        elif name == "CHARACTERP":
            ox = self.operand(args[0], True)
            self.get_eq(ox)
            self.c.call(_RT["code_of"]).i32_const(0).i32_ge_s()
            self.release(ox)
            self.from_bool(mode)
        elif name in ("CHAR-UPCASE", "CHAR-DOWNCASE"):
            self.char_case(sym, args[0], name == "CHAR-UPCASE", mode)
        elif name == "STRING=":
            self.string_eq(sym, args, mode)
        else:
            self.char_compare(name, sym, args, mode)

    def string_fast(self, sym: Any, args: list[Any], rt_fn: str, mode: int) -> None:
        """Runtime function `rt_fn` on the operands; its null answer means: call `sym` with them."""
        ops = self.eval_operands(args)
        self.open("block", EQREF)
        for op in ops:
            self.get_eq(op)
        self.c.call(_RT[rt_fn]).br_on_non_null(0)
        self.call_sym(sym, ops, False)
        self.close()
        self.release(*ops)
        self.from_val(mode)

    def eval_operands(self, args: list[Any]) -> list[tuple[str, Any]]:
        if len(args) == 1:
            return [self.operand(args[0], True)]
        return list(self.operands(args[0], args[1]))

    def slow_truth(self, sym: Any, ops: list[tuple[str, Any]]) -> None:
        """Push the i32 truth of calling `sym` with the operands."""
        self.call_sym(sym, ops, False)
        self.c.global_get(self.me.g_nil).ref_eq().i32_eqz()

    def char_code(self, sym: Any, x: Any, mode: int) -> None:
        c = self.c
        ox = self.operand(x, True)
        k = self.tmp_i32()
        self.get_eq(ox)
        c.call(_RT["code_of"]).local_tee(k).i32_const(0).i32_ge_s()
        self.open("if_", EQREF)
        c.local_get(k).ref_i31()
        c.else_()
        self.call_sym(sym, [ox], False)
        self.close()
        self.free_i32.append(k)
        self.release(ox)
        self.from_val(mode)

    def code_char(self, sym: Any, x: Any, mode: int) -> None:
        c = self.c
        ox = self.operand(x, True)
        if self.fixnum_test((ox,)):
            c.if_(I32)
            self.get_i32(ox)
            c.i32_const(CHAR_CODE_LIMIT).i32_lt_u().else_().i32_const(0).end()
        else:
            self.get_i32(ox)
            c.i32_const(CHAR_CODE_LIMIT).i32_lt_u()
        self.open("if_", EQREF)
        self.get_i32(ox)
        c.call(_RT["char_of"])
        c.else_()
        self.call_sym(sym, [ox], False)
        self.close()
        self.release(ox)
        self.from_val(mode)

    def char_case(self, sym: Any, x: Any, up: bool, mode: int) -> None:
        """ASCII characters in Wasm; any other character (Unicode case rules) or non-character through `sym`."""
        c = self.c
        ox = self.operand(x, True)
        k = self.tmp_i32()
        self.get_eq(ox)
        c.call(_RT["code_of"]).local_tee(k).i32_const(128).i32_lt_u()
        self.open("if_", EQREF)
        c.local_get(k).i32_const(97 if up else 65).i32_sub().i32_const(26).i32_lt_u()
        c.if_(EQREF).local_get(k).i32_const(-32 if up else 32).i32_add().call(_RT["char_of"]).else_()
        self.get_eq(ox)
        c.end()
        c.else_()
        self.call_sym(sym, [ox], False)
        self.close()
        self.free_i32.append(k)
        self.release(ox)
        self.from_val(mode)

    def fold(self, k: int) -> None:
        """Push the CHAR-EQUAL fold of ASCII code in local k (upper case letters + 32)."""
        self.c.local_get(k).local_get(k).i32_const(65).i32_sub().i32_const(26).i32_lt_u().i32_const(5).i32_shl()
        self.c.i32_add()

    def char_compare(self, name: str, sym: Any, args: list[Any], mode: int) -> None:
        c = self.c
        ops = self.eval_operands(args)
        ka, kb = self.tmp_i32(), self.tmp_i32()
        self.get_eq(ops[0])
        c.call(_RT["code_of"]).local_set(ka)
        self.get_eq(ops[1])
        c.call(_RT["code_of"]).local_tee(kb).local_get(ka).i32_or()
        if name == "CHAR-EQUAL":  # both ASCII (a negative code, i.e. a non-character, fails too)
            c.i32_const(128).i32_lt_u()
        else:  # both characters
            c.i32_const(0).i32_ge_s()
        self.open("if_", I32)
        if name == "CHAR-EQUAL":
            self.fold(ka)
            self.fold(kb)
        else:
            c.local_get(ka).local_get(kb)
        getattr(c, _CHAR_CMP[name])()
        c.else_()
        self.slow_truth(sym, ops)
        self.close()
        self.free_i32 += [kb, ka]
        self.release(*ops)
        self.from_bool(mode)

    def string_eq(self, sym: Any, args: list[Any], mode: int) -> None:
        c = self.c
        ops = self.eval_operands(args)
        r = self.tmp_i32()
        for op in ops:
            self.get_eq(op)
        c.call(_RT["str_eq"]).local_tee(r).i32_const(0).i32_ge_s()
        self.open("if_", I32)
        c.local_get(r)
        c.else_()
        self.slow_truth(sym, ops)
        self.close()
        self.free_i32.append(r)
        self.release(*ops)
        self.from_bool(mode)
