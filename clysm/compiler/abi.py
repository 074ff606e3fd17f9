# Tier 2 ABI constants: the one rec group every Tier 2 module declares first (so the types are the same across the
# runtime module and all JIT modules), field indices, wire-number tags and fixed handles. See docs/ABI.md.
from __future__ import annotations

from clysm.wasm.types import (
    EQREF,
    F64,
    I32,
    ArrayType,
    FieldType,
    FuncType,
    RecGroup,
    StructType,
    SubType,
    ref,
    ref_null,
)

# ---- type indices inside the rec group (absolute: the group is always the first thing in the type section) ----
T_OBJ = 0  # (sub (struct (field $id (mut i32))))             -- every Wasm-owned struct that may cross to Python
T_CONS = 1  # (sub final $obj (struct $id (mut car eqref) (mut cdr eqref)))
T_CLOSURE = 2  # (sub final $obj (struct $id (code (ref $proc)) (env (ref null $argv)) (name eqref)))
T_PROC = 3  # (func (param (ref $closure) i32 eqref eqref eqref eqref (ref null $argv)) (result eqref))
T_ARGV = 4  # (array (mut eqref))                           -- extra arguments, closure environments, mv
T_BOX = 5  # (struct (mut eqref))                            -- captured and assigned variables
T_HOST = 6  # (sub (struct (mut handle i32) (kind i32)))       -- a Python-owned object, canonical per handle
#                                                               (subtype $lstr: a string made in Wasm, runtime_strings)
T_HOSTS = 7  # (array (mut (ref null $host)))                -- the runtime's canonical $host cache
T_VEC = 8  # (sub final $obj (struct $id (items (ref $argv))))  -- a simple vector made by Tier 2 (ABI.md)
N_GROUP_TYPES = 9

# field indices
F_ID = 0
F_CAR = 1
F_CDR = 2
F_CODE = 1
F_ENV = 2
F_NAME = 3
F_BOX = 0
F_HANDLE = 0
F_KIND = 1
F_ITEMS = 1

# kinds of Python-owned objects (the $host struct's `kind`; carried by every host wire, bits 2-4)
HK_OTHER = 0
HK_CONS = 1
HK_SYMBOL = 2  # NIL included
HK_NUMBER = 3  # non-fixnum numbers other than the integers of HK_BIGPOS / HK_BIGNEG
HK_FUNCTION = 4
HK_BIGPOS = 5  # integers >= 2^30 (above every fixnum)
HK_BIGNEG = 6  # integers < -2^30 (below every fixnum)
HK_NUMBERS = (HK_NUMBER, HK_BIGPOS, HK_BIGNEG)  # "is a non-fixnum number" must test all three
HK_STRING = 7  # a simple string (Python str) (docs/ABI.md, "Strings and characters")
HK_WIRE_ASK = 15  # in a wire only: the kind does not fit 0-14 (other kinds): the runtime asks host.kind once
# a character's kind is -1 - code (every negative kind is a character): code = kind xor -1 (docs/ABI.md, Strings)

# $proc parameters
P_SELF = 0
P_ARGC = 1
P_ARG0 = 2  # arguments 0..3 are params 2..5
P_MORE = 6
N_REG_ARGS = 4
N_PROC_PARAMS = 7

_mut_eq = FieldType(EQREF, True)
_id = FieldType(I32, True)

REC_GROUP = RecGroup(
    (
        SubType(StructType((_id,)), (), final=False),
        SubType(StructType((_id, _mut_eq, _mut_eq)), (T_OBJ,), final=True),
        SubType(
            StructType((_id, FieldType(ref(T_PROC)), FieldType(ref_null(T_ARGV)), FieldType(EQREF))),
            (T_OBJ,),
            final=True,
        ),
        SubType(FuncType((ref(T_CLOSURE), I32, EQREF, EQREF, EQREF, EQREF, ref_null(T_ARGV)), (EQREF,))),
        SubType(ArrayType(_mut_eq)),
        SubType(StructType((_mut_eq,))),
        SubType(StructType((FieldType(I32, True), FieldType(I32))), final=False),  # $host: handle (-1: none yet)
        SubType(ArrayType(FieldType(ref_null(T_HOST), True))),
        SubType(StructType((_id, FieldType(ref(T_ARGV)))), (T_OBJ,), final=True),
    )
)

TYPE_NAMES = ("obj", "cons", "closure", "proc", "argv", "box", "host", "hosts", "vec")

PROC_TYPE = REC_GROUP.subtypes[T_PROC].composite

# ---- wire numbers (every value crossing between Python and Wasm is one JS number) ----
FLAT_LIST_MAX = 64  # longest Wasm list the bridge copies into Python for a read-only built-in (FORMAT)
WIRE_FIXNUM = 0  # 4*n
WIRE_HOST = 1  # 64*h + 4*kind + 1: Python-owned object with host handle h and kind (HK_*)
HOST_SHIFT = 6  # a host wire's handle is wire >> HOST_SHIFT
WIRE_KIND_MASK = (1 << (HOST_SHIFT - 2)) - 1  # its kind is (wire >> 2) & WIRE_KIND_MASK
WIRE_WASM = 2  # 4*h + 2: Wasm-owned struct with export handle h
WIRE_PENDING = 3  # a non-local exit or error is pending
WIRE_MV = 7  # returned by `enter` when the callee returned other than one value (the host holds them)

FIXNUM_MIN = -(1 << 30)
FIXNUM_MAX = (1 << 30) - 1

# fixed host handles
H_NIL = 0
H_T = 1

# kinds of exported Wasm structs (runtime export `kind`)
KIND_CONS = 1
KIND_CLOSURE = 2
KIND_VECTOR = 3

# names shared by the runtime module's exports and the JIT modules' imports
RT = "rt"  # import module name for runtime exports
HOST = "host"  # import module name for Python host functions
REG = "reg"  # import module name for the engine's runtime-import registry

WIRE = F64

# The runtime functions every JIT module imports from module "rt", in this order (function indices 0..N-1):
# (name, params, results) with "e" = eqref, "i" = i32, "f" = f64 (wire), "h" = (ref $host), "v" = (ref null $argv)
RT_FUNCS: tuple[tuple[str, str, str], ...] = (
    ("from_wire", "f", "e"),
    ("to_wire", "e", "f"),
    ("host", "i", "h"),
    ("ensure_stub", "i", ""),
    ("funcall", "eieeeev", "e"),
    ("argc_error", "eiii", "e"),
    ("rest_list", "iieeeev", "e"),
    ("symbol_value", "i", "e"),
    ("set_symbol_value", "ie", "e"),
    ("car_slow", "e", "e"),
    ("cdr_slow", "e", "e"),
    ("rplaca", "ee", "e"),
    ("rplacd", "ee", "e"),
    ("eql_slow", "ee", "i"),
    ("cell_get", "i", "e"),
    ("cell_set", "ie", "e"),
    ("symbol_function", "i", "e"),
    ("key_arg", "eiieeeev", "e"),
    ("check_keys", "eiiieeeev", "e"),
    ("cmp_big", "ee", "i"),  # -1 / 0 / 1 comparing two integers (any size), 2 = undecided (not both integers)
    ("str_op", "iee", "e"),  # strings and characters: one entry point, operations in runtime_strings.py
    # native CATCH / THROW / UNWIND-PROTECT (docs/ABI.md, "Non-local exits and errors across tiers")
    ("catch_push", "e", "i"),
    ("catch_pop", "i", ""),
    ("throw", "ee", "e"),
    ("dyn_save", "i", "i"),
    ("dyn_restore", "i", ""),
    ("mv_collect", "ee", "e"),
    ("mv_apply", "ee", "e"),
    ("progv_bind", "ee", "i"),
    ("progv_unbind", "i", ""),
    # simple vectors (docs/ABI.md, "Simple vectors"; vectors_rt.py)
    ("vec_ref", "eei", "e"),
    ("vec_set", "eeei", "e"),
    ("vec_len", "e", "i"),
    ("vec_test", "ei", "e"),
    ("vec_make", "ee", "e"),
    ("vec_from_list", "e", "e"),
    # integers outside the fixnum range (docs/ABI.md; runtime_bignum.py): + - * MOD FLOOR, null = not here
    ("big_op", "iee", "e"),
    ("str_make", "ieee", "e"),  # new strings made in Wasm (SUBSEQ, STRING-UPCASE, ...; runtime_strings.py)
)
RT_INDEX = {name: i for i, (name, _, _) in enumerate(RT_FUNCS)}
