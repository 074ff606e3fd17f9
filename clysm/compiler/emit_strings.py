# Tier 2 emitter, open-coded string and character primitives (docs/ABI.md "Strings and characters"): CHAR/SCHAR,
# LENGTH of a string, CHAR-CODE, CODE-CHAR, CHARACTERP, STRINGP, SIMPLE-STRING-P, ASCII CHAR-UPCASE/DOWNCASE,
# two-argument character comparisons, STRING= and SEARCH of two strings, the primary value of PARSE-INTEGER of
# plain decimal digits; SUBSEQ, STRING-UPCASE, STRING-DOWNCASE and (CONCATENATE 'STRING a b) of simple strings
# make the new string in Wasm (str_make). Each calls the runtime's `str_op` or `str_make` (runtime_strings.py)
# and, when it answers null ("not here"), the CL function through its $fns slot with the original arguments, so
# values and errors are Tier 1's.
# Mixed into emit_prims.PrimEmitter.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, HT, I32

from .runtime_strings import (
    MK_CONCAT,
    MK_DOWNCASE,
    MK_SUBSEQ,
    MK_UPCASE,
    OP_CHAR_OF,
    OP_CODE_OF,
    OP_LENGTH,
    OP_PARSE_INT,
    OP_SCHAR,
    OP_SEARCH,
    OP_STRING_EQ,
    OP_STRINGP,
)

V, E, B = 0, 1, 2
CHAR_CODE_LIMIT = 1114112

_CHAR_CMP = {"CHAR=": "i32_eq", "CHAR/=": "i32_ne", "CHAR<": "i32_lt_s", "CHAR>": "i32_gt_s",
             "CHAR<=": "i32_le_s", "CHAR>=": "i32_ge_s", "CHAR-EQUAL": "i32_eq"}
_OPS = {"CHAR": OP_SCHAR, "SCHAR": OP_SCHAR, "LENGTH": OP_LENGTH, "STRING=": OP_STRING_EQ, "SEARCH": OP_SEARCH,
        "PARSE-INTEGER": OP_PARSE_INT, "CHAR-CODE": OP_CODE_OF, "STRINGP": OP_STRINGP, "SIMPLE-STRING-P": OP_STRINGP}
_MAKE = {"SUBSEQ": MK_SUBSEQ, "STRING-UPCASE": MK_UPCASE, "STRING-DOWNCASE": MK_DOWNCASE, "CONCATENATE": MK_CONCAT}
STRING_PRIMS = frozenset(("CODE-CHAR", "CHARACTERP", "CHAR-UPCASE", "CHAR-DOWNCASE", *_OPS, *_CHAR_CMP, *_MAKE))


class StringEmitter:
    """String/character primitive emission; relies on PrimEmitter/FnEmitter helpers (operands, call_sym, ...)."""

    c: Any
    me: Any
    free_i32: list[int]
    free_eq: list[int]
    # provided by PrimEmitter / FnEmitter
    operand: Any
    operands: Any
    get_eq: Any
    get_i32: Any
    fixnum_test: Any
    release: Any
    call_sym: Any
    tmp: Any
    tmp_i32: Any
    open: Any
    close: Any
    from_val: Any
    from_bool: Any

    def e_string_prim(self, node: Any, mode: int, tail: Any) -> None:
        name, args, sym = node[1], node[2], node[3]
        if name == "PARSE-INTEGER":
            from .emit import MV_TAIL

            if mode == V and (tail is True or tail == MV_TAIL):  # both values wanted: the CL function
                ox = self.operand(args[0], True)
                self.call_sym(sym, [ox], True)
                self.release(ox)
                return
        if name in _OPS:
            self.string_fast(sym, args, _OPS[name], mode)
        elif name in _MAKE:
            self.string_make(sym, args, _MAKE[name], mode)
        elif name == "CODE-CHAR":
            self.code_char(sym, args[0], mode)
        elif name == "CHARACTERP":
            ox = self.operand(args[0], True)
            self.str_op(OP_CODE_OF, [ox])
            self.c.ref_is_null().i32_eqz()
            self.release(ox)
            self.from_bool(mode)
        elif name in ("CHAR-UPCASE", "CHAR-DOWNCASE"):
            self.char_case(sym, args[0], name == "CHAR-UPCASE", mode)
        else:
            self.char_compare(name, sym, args, mode)

    def string_make(self, sym: Any, args: list[Any], op: int, mode: int) -> None:
        """A new string made by the runtime's str_make (SUBSEQ, STRING-UPCASE/DOWNCASE, CONCATENATE 'STRING of
        two arguments: the front end checked the type); its null answer means: call `sym` with the operands."""
        c = self.c
        ops = [self.operand(a, all(self._pure(x) for x in args[i + 1:])) for i, a in enumerate(args)]
        fast = ops[1:] if op == MK_CONCAT else ops
        self.open("block", EQREF)
        c.i32_const(op)
        for o in fast:
            self.get_eq(o)
        for _ in range(len(fast), 3):
            c.ref_null(HT.NONE)
        c.call(self.rt["str_make"]).br_on_non_null(0)
        self.call_sym(sym, ops, False)
        self.close()
        self.release(*ops)
        self.from_val(mode)

    def str_op(self, op: int, ops: list[tuple[str, Any]]) -> None:
        """Push the eqref (or null) answer of the runtime's str_op for operation `op` on the operands."""
        self.c.i32_const(op)
        for o in ops:
            self.get_eq(o)
        for _ in range(len(ops), 2):
            self.c.ref_null(HT.NONE)
        self.c.call(self.rt["str_op"])

    def string_fast(self, sym: Any, args: list[Any], op: int, mode: int) -> None:
        """str_op `op` on the operands; its null answer means: call `sym` with them."""
        ops = self.eval_operands(args)
        self.str_op_or_call(sym, ops, op)
        self.release(*ops)
        self.from_val(mode)

    def str_op_or_call(self, sym: Any, ops: list[tuple[str, Any]], op: int) -> None:
        """Push the eqref result of str_op `op` on evaluated operands, or of calling `sym` with them when it
        answers null (e.g. LENGTH: a string's length, else %LENGTH / CL LENGTH)."""
        self.open("block", EQREF)
        self.str_op(op, ops)
        self.c.br_on_non_null(0)
        self.call_sym(sym, ops, False)
        self.close()

    def eval_operands(self, args: list[Any]) -> list[tuple[str, Any]]:
        if len(args) == 1:
            return [self.operand(args[0], True)]
        return list(self.operands(args[0], args[1]))

    def code_or_minus1(self, o: tuple[str, Any]) -> None:
        """Push the i32 code of operand `o` if it is a character, else -1."""
        c = self.c
        t = self.tmp()
        self.str_op(OP_CODE_OF, [o])
        c.local_tee(t).ref_is_null().if_(I32).i32_const(-1).else_().local_get(t).ref_cast(HT.I31).i31_get_s().end()
        self.free_eq.append(t)

    def slow_truth(self, sym: Any, ops: list[tuple[str, Any]]) -> None:
        """Push the i32 truth of calling `sym` with the operands."""
        self.call_sym(sym, ops, False)
        self.c.global_get(self.me.g_nil).ref_eq().i32_eqz()

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
        self.str_op(OP_CHAR_OF, [ox])
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
        self.code_or_minus1(ox)
        c.local_tee(k).i32_const(128).i32_lt_u()
        self.open("if_", EQREF)
        c.local_get(k).i32_const(97 if up else 65).i32_sub().i32_const(26).i32_lt_u()
        c.if_(EQREF).i32_const(OP_CHAR_OF).local_get(k).i32_const(-32 if up else 32).i32_add().ref_i31()
        c.ref_null(HT.NONE).call(self.rt["str_op"]).else_()
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
        self.code_or_minus1(ops[0])
        c.local_set(ka)
        self.code_or_minus1(ops[1])
        c.local_tee(kb).local_get(ka).i32_or()
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
