# The start of every Tier 2 JIT module (emit.py): a per-process ModuleTemplate with the ABI rec group, the
# runtime imports every module needs (RT_FIXED) and their names, and RtImports, which gives the other runtime
# functions a module calls to its RT_SLOTS reserved imports in order of first use (docs/ABI.md, "Module linking").
"""JIT module skeleton and on-demand runtime imports."""

from __future__ import annotations

import functools
from typing import NamedTuple

from clysm.wasm import EQREF, F64, I32, FuncType, Module, ModuleTemplate, ref, ref_null

from . import abi
from .abi import T_ARGV, T_BOX, T_CLOSURE, T_CONS, T_HOST


class Skeleton(NamedTuple):
    """What every JIT module starts with (a ModuleTemplate) and the indices of its entities."""

    template: ModuleTemplate
    rt_fixed: dict[str, int]  # runtime functions imported by the template -> function index (never mutated)
    rt_sigs: dict[str, tuple[str, bytes, str]]  # _rt_sigs()
    rt_filler: tuple[str, str, int]  # what a reserved rt import left unused imports: to_wire
    rt_types: dict[str, int]  # their signature keys ("params>results" as in abi.RT_FUNCS) -> type index
    t_ff: int  # (f64 f64) -> f64: registry imports
    t_ee: int  # (eqref eqref) -> eqref: their slow-path wrappers
    t_void: int  # [] -> []
    t_to_ee: int  # [] -> (eqref eqref)
    fns: int
    g_nil: int
    g_t: int
    g_mvc: int
    tag_pending: int
    tag_unwind: int
    g_vecs: int  # the runtime's $vecs table (simple vectors, vectors_rt.py)


# Runtime functions every JIT module imports (in the skeleton: nearly every module calls them), then RT_SLOTS
# reserved imports given to the other runtime functions a module calls, in order of first use.
RT_FIXED = ("from_wire", "to_wire", "host", "ensure_stub", "argc_error")
RT_SLOTS = 6  # at most 3 used by the 219 modules of bench/gen_lisp.py


class RtOverflow(Exception):
    """A module calls more runtime functions than RT_SLOTS besides RT_FIXED: emit_unit emits it again with all of
    abi.RT_FUNCS imported."""


class RtImports(dict):
    """rt function name -> function index (a dict: hits cost a lookup). RT_FIXED ones come with the skeleton; a
    missing name is imported on first use into the module's reserved slots (Module.reserve_func_imports; unused
    slots import to_wire again). Their types are added as needed, once each, from cached encodings."""

    __slots__ = ("first", "m", "sk", "types")

    def __init__(self, m: Module, sk: Skeleton) -> None:
        super().__init__(sk.rt_fixed)
        self.m = m
        self.sk = sk
        self.types: dict[str, int] | None = None  # signature key -> index of the types this module added
        self.first = m.reserve_func_imports(RT_SLOTS, sk.rt_filler)

    def __missing__(self, name: str) -> int:
        if len(self) == len(RT_FIXED) + RT_SLOTS:
            raise RtOverflow(name)
        idx = self[name] = self.first + len(self) - len(RT_FIXED)
        key, encoded, as_name = self.sk.rt_sigs[name]
        t = self.sk.rt_types.get(key)
        if t is None:
            types = self.types
            if types is None:
                types = self.types = {}
            t = types.get(key)
            if t is None:
                t = types[key] = self.m.add_encoded_type(encoded)
        self.m.set_func_import(idx, abi.RT, name, t, as_name=as_name)
        return idx


@functools.cache
def _rt_sigs() -> dict[str, tuple[str, bytes, str]]:
    """(signature key, encoded function type, name-section name) of each runtime function JIT modules may import."""
    from .runtime import valtypes

    out = {}
    for f, p, r in abi.RT_FUNCS:
        buf = bytearray()
        FuncType(tuple(valtypes(p)), tuple(valtypes(r))).encode(buf)
        out[f] = (p + ">" + r, bytes(buf), "rt." + f)
    return out


@functools.cache
def skeleton(lazy: bool = True) -> Skeleton:
    """Built once per process (immutable: each module starts from a copy, Module(template)). Without `lazy`, it
    imports every runtime function of abi.RT_FUNCS at its RT_INDEX."""
    from .runtime import valtypes

    m = Module()
    m.add_rec_group(abi.REC_GROUP, abi.TYPE_NAMES)
    rt_fixed: dict[str, int] = {}
    rt_types: dict[str, int] = {}
    for fname, params, results in abi.RT_FUNCS:
        if lazy and fname not in RT_FIXED:
            continue
        t = rt_types[params + ">" + results] = m.func_type(valtypes(params), valtypes(results))
        rt_fixed[fname] = m.import_func(abi.RT, fname, t, as_name="rt." + fname)
    assert not lazy or tuple(rt_fixed) == RT_FIXED
    t_ff = m.func_type([F64, F64], [F64])
    fns = m.import_table(abi.RT, "fns", ref_null(T_CLOSURE), 0, as_name="fns")
    name_fields(m)
    g_nil = m.import_global(abi.RT, "nil", ref(T_HOST), as_name="nil")
    g_t = m.import_global(abi.RT, "t", ref(T_HOST), as_name="t")
    t_void = m.func_type()
    tag_pending = m.import_tag(abi.RT, "pending", t_void)
    g_mvc = m.import_global(abi.RT, "mvc", I32, mutable=True, as_name="mvc")
    g_vecs = m.import_global(abi.RT, "vecs", ref(T_ARGV), mutable=True, as_name="vecs")
    tag_unwind = m.import_tag(abi.RT, "unwind", m.func_type([EQREF, EQREF], []))
    t_to_ee = m.func_type([], [EQREF, EQREF])
    t_ee = m.func_type([EQREF, EQREF], [EQREF])
    filler = (abi.RT, "to_wire", rt_types["e>f"])
    return Skeleton(m.freeze(), rt_fixed, _rt_sigs(), filler, rt_types, t_ff, t_ee, t_void, t_to_ee, fns, g_nil,
                     g_t, g_mvc, tag_pending, tag_unwind, g_vecs)


def name_fields(m: Module) -> None:
    """Field names of the ABI structs, for readable WAT."""
    for t, fields in ((abi.T_OBJ, ("id",)), (T_CONS, ("id", "car", "cdr")),
                      (T_CLOSURE, ("id", "code", "env", "name")), (T_BOX, ("value",)),
                      (T_HOST, ("handle", "kind"))):
        for i, f in enumerate(fields):
            m.name_field(t, i, f)
