# Tier 2 runtime, strings and characters (docs/ABI.md "Strings and characters"): the per-handle read-only copies
# of Python strings' code points ($strs, fetched once per string through host.str_fetch and the JS String
# Builtins), the code -> canonical character $host cache ($charhosts), and `str_op`, the one runtime export the JIT
# modules' open-coded string primitives call (a dispatcher over code_of, char_of, schar, str_len, str_eq,
# str_search, parse_int), and `str_make`, which makes new strings (SUBSEQ, STRING-UPCASE/DOWNCASE, CONCATENATE).
# Part of the runtime module (runtime.py builds it through StringsRT); every fast path
# answers "slow path" (null) rather than fail.
from __future__ import annotations

import operator
import re
from typing import Any

from clysm.wasm import EQREF, EXTERNREF, HT, I32, ArrayType, Code, FieldType, StructType, SubType, ref, ref_null

from . import abi
from .abi import F_HANDLE, F_KIND, T_HOST, T_HOSTS

JS_STRING = "wasm:js-string"  # the JS String Builtins (modules are compiled with {builtins: ["js-string"]})
JS_FUNCS: tuple[tuple[str, tuple[Any, ...], tuple[Any, ...]], ...] = (
    ("test", (EXTERNREF,), (I32,)),
    ("length", (EXTERNREF,), (I32,)),
    ("codePointAt", (EXTERNREF, I32), (I32,)),
    ("fromCodePoint", (I32,), (ref(HT.EXTERN),)),
    ("concat", (EXTERNREF, EXTERNREF), (ref(HT.EXTERN),)),
)


# operations of the runtime export `str_op (op i32) (a eqref) (b eqref) -> eqref` (the only string entry point JIT
# modules import, so they stay small); null always means "not here: call the CL function"
OP_SCHAR = 0  # (char a b) -> character
OP_LENGTH = 1  # (length a) -> fixnum
OP_STRING_EQ = 2  # (string= a b) -> T / NIL
OP_SEARCH = 3  # (search a b) -> fixnum / NIL
OP_PARSE_INT = 4  # primary value of (parse-integer a) -> fixnum
OP_CODE_OF = 5  # (char-code a) -> fixnum; null for a non-character
OP_CHAR_OF = 6  # a = fixnum code (the caller checked 0 <= code < char-code-limit) -> its character
OP_STRINGP = 7  # (stringp a) / (simple-string-p a) -> T / NIL; null for a host of kind "other" (maybe a LispVector)

# operations of the runtime export `str_make (op i32) (a eqref) (b eqref) (c eqref) -> eqref`: a new simple string
# made in Wasm (its characters copied, then one host.str_new crossing for the Python str, whose read-only copy is
# the characters already made: no str_fetch later); null: call the CL function
MK_SUBSEQ = 0  # (subseq a b [c]): a simple string, fixnums 0 <= b <= c <= (length a) (c null or NIL: the length)
MK_UPCASE = 1  # (string-upcase a): ASCII characters only
MK_DOWNCASE = 2  # (string-downcase a): ASCII characters only
MK_CONCAT = 3  # (concatenate 'string a b): two simple strings

_INTERNAL: tuple[tuple[str, tuple[Any, ...], tuple[Any, ...]], ...] = (
    ("code_of", (EQREF,), (I32,)),
    ("char_of", (I32,), (ref(T_HOST),)),
    ("schar", (EQREF, EQREF), (EQREF,)),
    ("str_len", (EQREF,), (EQREF,)),
    ("str_eq", (EQREF, EQREF), (I32,)),
    ("str_search", (EQREF, EQREF), (EQREF,)),
    ("parse_int", (EQREF,), (EQREF,)),
)


CHAR_CACHE_LIMIT = 0x20000  # characters with a smaller code get a cached canonical $host (char_of)

class StringsRT:
    """The string part of the runtime module builder `rt` (runtime._RT): types, imports, globals, functions."""

    def __init__(self, rt: Any) -> None:
        self.rt = rt
        m = rt.m
        # runtime-local types (singleton rec groups after the ABI rec group; JIT modules never see them)
        self.t_chars = m.add_type(ArrayType(FieldType(I32, True)), name="chars")
        # a copy remembers the canonical $host it was made for, so a host handle given back and reused for another
        # object (a handle sweep) never sees a stale copy: the entry is valid only while `host` is ref.eq the string
        self.t_copy = m.add_type(StructType((FieldType(ref(T_HOST)), FieldType(ref(self.t_chars)))), name="strcopy")
        self.t_strs = m.add_type(ArrayType(FieldType(ref_null(self.t_copy), True)), name="strs")
        # a string made by str_make (two characters or more): a $host whose handle stays -1 until it first crosses
        # to Python (to_wire calls `materialize`), carrying its own characters (docs/ABI.md "Strings made in Wasm")
        lstr = StructType((FieldType(I32, True), FieldType(I32), FieldType(ref(self.t_chars))))
        self.t_lstr = m.add_type(SubType(lstr, (T_HOST,), final=True), name="lstr")
        self.js: dict[str, int] = {}

    def add_imports(self) -> None:
        m = self.rt.m
        for name, params, results in JS_FUNCS:
            self.js[name] = m.import_func(JS_STRING, name, m.func_type(params, results))
            m.name_function(self.js[name], "js." + name)

    def add_globals(self) -> None:
        m = self.rt.m
        self.g_strs = m.add_global(ref(self.t_strs), True, Code().i32_const(256).array_new_default(self.t_strs),
                                   "strs")
        # the sentinel copy of a string that stays in Python (slow paths only)
        self.g_nochars = m.add_global(ref(self.t_chars), False, Code().i32_const(0).array_new_default(self.t_chars),
                                      "nochars")
        self.g_chars = m.add_global(ref(T_HOSTS), True, Code().i32_const(256).array_new_default(T_HOSTS),
                                    "charhosts")

    def declare(self) -> None:
        m = self.rt.m
        self.f_chars = m.declare_function(m.func_type([EQREF], [ref_null(self.t_chars)]), "str_chars")
        self.f_str_host = m.declare_function(m.func_type([ref(self.t_chars)], [I32]), "str_host")
        self.f_materialize = m.declare_function(m.func_type([ref(self.t_lstr)], [I32]), "materialize")
        self.fi: dict[str, int] = {}  # internal functions behind the one export `str_op`
        for name, params, results in _INTERNAL:
            self.fi[name] = m.declare_function(m.func_type(params, results), name)

    def _define(self, name: str, local_types: list[Any], body: Code) -> None:
        self.rt.m.define_function(self.fi[name], local_types, body)

    @staticmethod
    def grow(c: Code, glob: int, t: int, need: int, tmp: int) -> None:
        """Make array global `glob` (type `t`) long enough for index local `need`, using local `tmp`
        ((ref null t)): new length max(2 * length, need + 1)."""
        c.local_get(need).global_get(glob).array_len().i32_ge_u().if_()
        c.global_get(glob).array_len().i32_const(2).i32_mul()
        c.local_get(need).i32_const(1).i32_add()
        c.global_get(glob).array_len().i32_const(2).i32_mul().local_get(need).i32_gt_u().select()
        c.array_new_default(t).local_tee(tmp)
        c.i32_const(0).global_get(glob).i32_const(0).global_get(glob).array_len().array_copy(t, t)
        c.local_get(tmp).ref_as_non_null().global_set(glob)
        c.end()

    def define(self) -> None:
        rt = self.rt
        hf, js = rt.hf, self.js
        tc, ts = self.t_chars, self.t_strs
        none = HT.NONE

        # str_chars (param $s eqref) (result (ref null $chars)): the code points of a string host, null if $s is
        # not a simple string that Wasm can read. Locals: $h i32, $a chars, $js externref, $n $i $j $cp i32, $new,
        # $hs (ref null $host), $e (ref null $strcopy)
        tcp = self.t_copy
        c = Code()
        c.local_get(0).ref_test(self.t_lstr).if_()
        c.local_get(0).ref_cast(self.t_lstr).struct_get(self.t_lstr, 2).return_().end()
        c.local_get(0).ref_test(T_HOST).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(0).ref_cast(T_HOST).local_tee(9).struct_get(T_HOST, F_KIND).i32_const(abi.HK_STRING).i32_ne()
        c.if_().ref_null(none).return_().end()
        c.local_get(9).struct_get(T_HOST, F_HANDLE).local_set(1)
        self.grow(c, self.g_strs, ts, 1, 8)
        c.global_get(self.g_strs).local_get(1).array_get(ts).local_tee(10).ref_is_null().i32_eqz().if_()
        c.local_get(10).struct_get(tcp, 0).local_get(9).ref_eq().if_()  # made for this very string
        c.local_get(10).struct_get(tcp, 1).local_tee(2).global_get(self.g_nochars).ref_eq()
        c.if_().ref_null(none).return_().end()
        c.local_get(2).return_()
        c.end().end()
        # first use: one crossing for the JS string, then the builtins copy its code points
        c.local_get(1).call(hf["str_fetch"]).local_tee(3).call(js["test"]).i32_eqz().if_()
        c.global_get(self.g_strs).local_get(1).local_get(9).ref_as_non_null().global_get(self.g_nochars)
        c.struct_new(tcp).array_set(ts).ref_null(none).return_()
        c.end()
        c.local_get(3).call(js["length"]).local_set(4)
        c.block().loop()  # count code points ($j) over UTF-16 units ($i)
        c.local_get(5).local_get(4).i32_ge_u().br_if(1)
        c.local_get(3).local_get(5).call(js["codePointAt"]).i32_const(0xFFFF).i32_gt_u()
        c.local_get(5).i32_add().i32_const(1).i32_add().local_set(5)
        c.local_get(6).i32_const(1).i32_add().local_set(6).br(0)
        c.end().end()
        c.local_get(6).array_new_default(tc).local_set(2)
        c.i32_const(0).local_set(5).i32_const(0).local_set(6)
        c.block().loop()
        c.local_get(5).local_get(4).i32_ge_u().br_if(1)
        c.local_get(3).local_get(5).call(js["codePointAt"]).local_set(7)
        c.local_get(2).local_get(6).local_get(7).array_set(tc)
        c.local_get(7).i32_const(0xFFFF).i32_gt_u().local_get(5).i32_add().i32_const(1).i32_add().local_set(5)
        c.local_get(6).i32_const(1).i32_add().local_set(6).br(0)
        c.end().end()
        c.global_get(self.g_strs).local_get(1).local_get(9).ref_as_non_null().local_get(2).ref_as_non_null()
        c.struct_new(tcp).array_set(ts)
        c.local_get(2)
        rt.m.define_function(self.f_chars, [I32, ref_null(tc), EXTERNREF, I32, I32, I32, I32, ref_null(ts),
                                            ref_null(T_HOST), ref_null(tcp)], c)

        # code_of (param $x eqref) (result i32): the code of a character, -1 for anything else. Local: $k
        c = Code()
        c.local_get(0).ref_test(T_HOST).if_(I32)
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(1).i32_const(-1).i32_xor()
        c.i32_const(-1).local_get(1).i32_const(0).i32_lt_s().select()
        c.else_().i32_const(-1).end()
        self._define("code_of", [I32], c)

        # char_of (param $code i32) (result (ref $host)): the canonical $host of the character (0 <= code <
        # char-code-limit); cached per code below CHAR_CACHE_LIMIT (the BMP and plane 1, where emoji live; the array
        # grows only as far as the highest code seen), a crossing each time above it.
        # Locals: $r (ref null $host), $h i32, $new (ref null $hosts)
        c = Code()
        c.local_get(0).i32_const(CHAR_CACHE_LIMIT).i32_lt_u().if_()
        self.grow(c, self.g_chars, T_HOSTS, 0, 3)
        c.global_get(self.g_chars).local_get(0).array_get(T_HOSTS).local_tee(1).ref_is_null().i32_eqz().if_()
        # still the canonical $host of its handle (a handle sweep may have given the handle back)
        c.local_get(1).struct_get(T_HOST, F_HANDLE).local_tee(2).global_get(rt.g_hosts).array_len().i32_lt_u()
        c.if_().global_get(rt.g_hosts).local_get(2).array_get(T_HOSTS).local_get(1).ref_eq()
        c.if_().local_get(1).ref_as_non_null().return_().end().end()
        c.end()
        c.end()
        c.local_get(0).call(hf["char_handle"]).local_set(2)
        self.grow(c, rt.g_hosts, T_HOSTS, 2, 3)
        c.global_get(rt.g_hosts).local_get(2).array_get(T_HOSTS).local_tee(1).ref_is_null().if_()
        c.local_get(2).local_get(0).i32_const(-1).i32_xor().struct_new(T_HOST).local_set(1)
        c.global_get(rt.g_hosts).local_get(2).local_get(1).array_set(T_HOSTS)
        c.end()
        c.local_get(0).i32_const(CHAR_CACHE_LIMIT).i32_lt_u().if_()
        c.global_get(self.g_chars).local_get(0).local_get(1).array_set(T_HOSTS)
        c.end()
        c.local_get(1).ref_as_non_null()
        self._define("char_of", [ref_null(T_HOST), I32, ref_null(T_HOSTS)], c)

        # schar (param $s eqref) (param $i eqref) (result eqref): (char s i) of a simple string and a fixnum index
        # in range, else null. Locals: $a chars, $k i32
        c = Code()
        c.local_get(0).call(self.f_chars).local_tee(2).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(1).ref_test(HT.I31).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(1).ref_cast(HT.I31).i31_get_s().local_tee(3).local_get(2).array_len().i32_ge_u()
        c.if_().ref_null(none).return_().end()
        c.local_get(2).local_get(3).array_get(tc).return_call(self.fi["char_of"])
        self._define("schar", [ref_null(tc), I32], c)

        # str_len (param $s eqref) (result eqref): the length of a simple string, else null. Local: $a
        c = Code()
        c.local_get(0).call(self.f_chars).local_tee(1).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(1).array_len().ref_i31()
        self._define("str_len", [ref_null(tc)], c)

        # str_eq (param $a eqref) (param $b eqref) (result i32): STRING= of two simple strings (1/0), -1 otherwise.
        # Locals: $x $y chars, $n $i i32
        c = Code()
        c.local_get(0).call(self.f_chars).local_tee(2).ref_is_null().if_().i32_const(-1).return_().end()
        c.local_get(1).call(self.f_chars).local_tee(3).ref_is_null().if_().i32_const(-1).return_().end()
        c.local_get(2).local_get(3).ref_eq().if_().i32_const(1).return_().end()
        c.local_get(2).array_len().local_tee(4).local_get(3).array_len().i32_ne().if_().i32_const(0).return_().end()
        c.block().loop()
        c.local_get(5).local_get(4).i32_ge_u().br_if(1)
        c.local_get(2).local_get(5).array_get(tc).local_get(3).local_get(5).array_get(tc).i32_ne()
        c.if_().i32_const(0).return_().end()
        c.local_get(5).i32_const(1).i32_add().local_set(5).br(0)
        c.end().end()
        c.i32_const(1)
        self._define("str_eq", [ref_null(tc), ref_null(tc), I32, I32], c)

        # str_search (param $a eqref) (param $b eqref) (result eqref): (search a b) of two simple strings (the
        # index of the first occurrence, or NIL), else null. Locals: $x $y chars, $j $k $last i32
        c = Code()
        c.local_get(0).call(self.f_chars).local_tee(2).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(1).call(self.f_chars).local_tee(3).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(3).array_len().local_get(2).array_len().i32_sub().local_tee(6).i32_const(0).i32_lt_s()
        c.if_().global_get(rt.g_nil).return_().end()
        c.block().loop()  # $j: candidate start, 0..$last
        c.local_get(4).local_get(6).i32_gt_s().br_if(1)
        c.i32_const(0).local_set(5)
        c.block().loop()  # $k: pattern index
        c.local_get(5).local_get(2).array_len().i32_ge_u().if_().local_get(4).ref_i31().return_().end()
        c.local_get(2).local_get(5).array_get(tc).local_get(3).local_get(4).local_get(5).i32_add().array_get(tc)
        c.i32_ne().br_if(1)
        c.local_get(5).i32_const(1).i32_add().local_set(5).br(0)
        c.end().end()
        c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
        c.end().end()
        c.global_get(rt.g_nil)
        self._define("str_search", [ref_null(tc), ref_null(tc), I32, I32, I32], c)

        # parse_int (param $s eqref) (result eqref): (parse-integer s) of a simple string that is an optional sign
        # and 1 to 9 ASCII digits, nothing else (its primary value), else null (whitespace, junk, other digits,
        # big numbers: the CL function). Locals: $a chars, $i $n $v $d $neg i32
        c = Code()
        c.local_get(0).call(self.f_chars).local_tee(1).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(1).array_len().local_tee(3).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(1).i32_const(0).array_get(tc).local_tee(5).i32_const(45).i32_eq().local_tee(6)
        c.local_get(5).i32_const(43).i32_eq().i32_or().local_set(2)  # $i = 1 after a sign
        c.local_get(3).local_get(2).i32_sub().i32_const(1).i32_sub().i32_const(9).i32_ge_u()
        c.if_().ref_null(none).return_().end()  # 1 to 9 digits
        c.block().loop()
        c.local_get(2).local_get(3).i32_ge_u().br_if(1)
        c.local_get(1).local_get(2).array_get(tc).i32_const(48).i32_sub().local_tee(5).i32_const(10).i32_ge_u()
        c.if_().ref_null(none).return_().end()
        c.local_get(4).i32_const(10).i32_mul().local_get(5).i32_add().local_set(4)
        c.local_get(2).i32_const(1).i32_add().local_set(2).br(0)
        c.end().end()
        c.i32_const(0).local_get(4).i32_sub().local_get(4).local_get(6).select().ref_i31()
        self._define("parse_int", [ref_null(tc), I32, I32, I32, I32, I32], c)

        # str_make (param $op i32) (param $a $b $c eqref) (result eqref): MK_* above; an empty result is left to
        # the CL function. Locals: $x $y $r chars, $n $i $k i32, $s externref, $h i32, $host (ref null $host),
        # $new (ref null $strs)
        c = Code()
        c.local_get(0).i32_const(MK_CONCAT).i32_eq().if_()
        c.local_get(1).call(self.f_chars).local_tee(4).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(2).call(self.f_chars).local_tee(5).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(4).array_len().local_get(5).array_len().i32_add().array_new_default(tc).local_tee(6)
        c.i32_const(0).local_get(4).i32_const(0).local_get(4).array_len().array_copy(tc, tc)
        c.local_get(6).local_get(4).array_len().local_get(5).i32_const(0).local_get(5).array_len().array_copy(tc, tc)
        c.else_()
        c.local_get(1).call(self.f_chars).local_tee(4).ref_is_null().if_().ref_null(none).return_().end()
        c.local_get(0).i32_const(MK_SUBSEQ).i32_eq().if_()
        c.local_get(2).ref_test(HT.I31).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(4).array_len().local_set(7)  # $n = end
        c.local_get(3).ref_is_null().local_get(3).global_get(rt.g_nil).ref_eq().i32_or().i32_eqz().if_()
        c.local_get(3).ref_test(HT.I31).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(3).ref_cast(HT.I31).i31_get_s().local_tee(7).local_get(4).array_len().i32_gt_u()
        c.if_().ref_null(none).return_().end()
        c.end()
        c.local_get(2).ref_cast(HT.I31).i31_get_s().local_tee(8).local_get(7).i32_gt_u()
        c.if_().ref_null(none).return_().end()
        c.local_get(7).local_get(8).i32_sub().array_new_default(tc).local_tee(6)
        c.i32_const(0).local_get(4).local_get(8).local_get(7).local_get(8).i32_sub().array_copy(tc, tc)
        c.else_()  # case conversion: $k - lo < 26 moves by 32 (lo 97 up, 65 down)
        c.local_get(4).array_len().local_tee(7).array_new_default(tc).local_set(6)
        c.block().loop()
        c.local_get(8).local_get(7).i32_ge_u().br_if(1)
        c.local_get(4).local_get(8).array_get(tc).local_tee(9).i32_const(128).i32_ge_u()
        c.if_().ref_null(none).return_().end()
        c.local_get(6).local_get(8)
        c.local_get(9).local_get(9).i32_const(97).i32_const(65).local_get(0).i32_const(MK_UPCASE).i32_eq().select()
        c.i32_sub().i32_const(26).i32_lt_u()
        c.if_(I32).i32_const(-32).i32_const(32).local_get(0).i32_const(MK_UPCASE).i32_eq().select()
        c.else_().i32_const(0).end().i32_add()
        c.array_set(tc)
        c.local_get(8).i32_const(1).i32_add().local_set(8).br(0)
        c.end().end()
        c.end()
        c.end()
        # two characters or more: a string that gets its Python str (and handle) only if it crosses to Python; one
        # or none: the str now (Python shares those, so their handle may exist already), $r becomes its copy
        c.local_get(6).array_len().local_tee(7).i32_const(2).i32_ge_u().if_()
        c.i32_const(-1).i32_const(abi.HK_STRING).local_get(6).ref_as_non_null().struct_new(self.t_lstr).return_()
        c.end()
        c.local_get(7).i32_eqz().if_().ref_null(none).return_().end()
        c.local_get(6).ref_as_non_null().call(self.f_str_host).local_tee(11)
        c.i32_const(abi.HK_STRING).call(rt.f["host_k"]).local_set(12)
        self.grow(c, self.g_strs, ts, 11, 13)
        c.global_get(self.g_strs).local_get(11).local_get(12).ref_as_non_null().local_get(6).ref_as_non_null()
        c.struct_new(tcp).array_set(ts)
        c.local_get(12)
        rt.define("str_make", [ref_null(tc), ref_null(tc), ref_null(tc), I32, I32, I32, EXTERNREF, I32,
                               ref_null(T_HOST), ref_null(ts)], c)

        # str_host (param $r (ref $chars)) (result i32): the handle of a new Python str with these characters (a JS
        # string made with the builtins, one host.str_new crossing). Locals: $s externref, $i $n i32
        c = Code()
        c.local_get(0).array_len().local_set(3)
        c.local_get(0).i32_const(0).array_get(tc).call(js["fromCodePoint"]).local_set(1)
        c.i32_const(1).local_set(2)
        c.block().loop()
        c.local_get(2).local_get(3).i32_ge_u().br_if(1)
        c.local_get(1).local_get(0).local_get(2).array_get(tc).call(js["fromCodePoint"]).call(js["concat"])
        c.local_set(1)
        c.local_get(2).i32_const(1).i32_add().local_set(2).br(0)
        c.end().end()
        c.local_get(1).call(hf["str_new"])
        rt.m.define_function(self.f_str_host, [EXTERNREF, I32, I32], c)

        # materialize (param $x (ref $lstr)) (result i32): give a string made in Wasm its Python str and handle, and
        # make it the canonical $host of that handle (host.str_new returns a str no other handle has). Locals: $h,
        # $new (ref null $hosts)
        c = Code()
        c.local_get(0).struct_get(self.t_lstr, 2).call(self.f_str_host).local_set(1)
        self.grow(c, rt.g_hosts, T_HOSTS, 1, 2)
        c.global_get(rt.g_hosts).local_get(1).local_get(0).array_set(T_HOSTS)
        c.local_get(0).local_get(1).struct_set(self.t_lstr, 0)
        c.local_get(1)
        rt.m.define_function(self.f_materialize, [I32, ref_null(T_HOSTS)], c)

        # str_op (param $op i32) (param $a eqref) (param $b eqref) (result eqref): dispatch (OP_* above). Local: $r
        fi = self.fi
        c = Code()
        for _ in range(9):
            c.block()
        c.local_get(0).br_table(list(range(8)), 8)
        c.end().local_get(1).local_get(2).return_call(fi["schar"])
        c.end().local_get(1).return_call(fi["str_len"])
        c.end().local_get(1).local_get(2).call(fi["str_eq"]).local_tee(3).i32_const(0).i32_lt_s()
        c.if_().ref_null(none).return_().end()
        c.global_get(rt.g_t).global_get(rt.g_nil).local_get(3).select_t([EQREF]).return_()
        c.end().local_get(1).local_get(2).return_call(fi["str_search"])
        c.end().local_get(1).return_call(fi["parse_int"])
        c.end().local_get(1).call(fi["code_of"]).local_tee(3).i32_const(0).i32_lt_s()
        c.if_().ref_null(none).return_().end()
        c.local_get(3).ref_i31().return_()
        c.end().local_get(1).ref_cast(HT.I31).i31_get_s().return_call(fi["char_of"])
        c.end().local_get(1).ref_test(T_HOST).if_()
        c.local_get(1).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(3).i32_const(abi.HK_STRING).i32_eq()
        c.if_().global_get(rt.g_t).return_().end()
        c.local_get(3).i32_const(abi.HK_OTHER).i32_eq().if_().ref_null(none).return_().end()
        c.end().global_get(rt.g_nil).return_()
        c.end().ref_null(none)
        rt.define("str_op", [I32], c)


_SURROGATE = re.compile("[\ud800-\udfff]")


def string_builtins_fallback() -> dict[str, Any]:
    """Python versions of the JS String Builtins the runtime imports (module "wasm:js-string"), for a host that
    compiles without them; a host with the builtins ignores these imports. They see the JS string as a str."""

    def units(s: Any) -> bytes:
        return s.encode("utf-16-le", "surrogatepass")

    def test(x: Any) -> int:
        return 1 if type(x) is str else 0

    def length(s: Any) -> int:
        return len(units(s)) // 2

    def code_point_at(s: Any, i: int) -> int:
        u = units(s)
        hi = int.from_bytes(u[2 * i:2 * i + 2], "little")
        if 0xD800 <= hi < 0xDC00 and 2 * i + 4 <= len(u):
            lo = int.from_bytes(u[2 * i + 2:2 * i + 4], "little")
            if 0xDC00 <= lo < 0xE000:
                return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        return hi

    return {JS_STRING: {"test": test, "length": length, "codePointAt": code_point_at, "fromCodePoint": chr,
                        "concat": operator.add}}
