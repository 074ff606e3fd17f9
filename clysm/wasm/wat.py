# Wasm toolkit: the WAT printer. It decodes a binary module and prints it as WebAssembly text (flat
# instructions, indented by block depth), naming entities from the `name` section or an explicit name map,
# else with `$f3`-style identifiers. Shown on the playground page and used by golden tests.
"""Print a binary module as WAT: `print_module(data, names=None) -> str`."""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from typing import Any

from .decode import DecodedModule, decode_module, read_instr
from .encode import DecodeError
from .names import Names
from .opcodes import OPS_BY_NAME
from .types import (
    ArrayType,
    FuncType,
    HeapType,
    RecGroup,
    StructType,
    SubType,
    ValType,
    heap_type_wat,
)

__all__ = ["format_f32", "format_f64", "print_instructions", "print_module"]

_IDCHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~")
_PREFIX = {"func": "f", "type": "t", "global": "g", "table": "tab", "memory": "mem", "tag": "tag"}
_EXTERN = ("func", "table", "memory", "global", "tag")
_BLOCKS = frozenset(("block", "loop", "if", "try_table"))
_INDEX_IMMS = frozenset(("func", "type", "global", "table", "tag"))
_CATCH_NAMES = ("catch", "catch_ref", "catch_all", "catch_all_ref")


def _sanitize(name: str) -> str:
    return "".join(c if c in _IDCHARS else "_" for c in name)


def _unique_ids(given: Mapping[int, str], indices: range | list[int], prefix: str | None) -> dict[int, str]:
    """Identifiers ("$name") for `indices`: sanitized given names first, then `$<prefix><i>` (when prefix is
    not None) for the rest; duplicates get a `_<index>` suffix."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for i in indices:
        if i in given and given[i]:
            ident = _sanitize(given[i])
            if ident in used:
                ident = f"{ident}_{i}"
            while ident in used:
                ident += "_"
            used.add(ident)
            out[i] = "$" + ident
    if prefix is not None:
        for i in indices:
            if i not in out:
                ident = f"{prefix}{i}"
                while ident in used:
                    ident += "_"
                used.add(ident)
                out[i] = "$" + ident
    return out


def format_f64(bits: int) -> str:
    """WAT text of the f64 with raw bits `bits` (shortest decimal that round-trips; nan payloads kept)."""
    sign = "-" if bits >> 63 else ""
    exp = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp == 0x7FF:
        if frac == 0:
            return sign + "inf"
        return sign + ("nan" if frac == 1 << 51 else f"nan:0x{frac:x}")
    return repr(struct.unpack("<d", bits.to_bytes(8, "little"))[0])


def format_f32(bits: int) -> str:
    """WAT text of the f32 with raw bits `bits` (shortest decimal that round-trips as f32)."""
    sign = "-" if bits >> 31 else ""
    exp = (bits >> 23) & 0xFF
    frac = bits & ((1 << 23) - 1)
    if exp == 0xFF:
        if frac == 0:
            return sign + "inf"
        return sign + ("nan" if frac == 1 << 22 else f"nan:0x{frac:x}")
    raw = bits.to_bytes(4, "little")
    x = struct.unpack("<f", raw)[0]
    for digits in range(1, 10):
        text = f"{x:.{digits}g}"
        if struct.pack("<f", float(text)) == raw:
            break
    if "e" not in text and "." not in text and "inf" not in text and not math.isnan(x):
        text += ".0"
    return text


class _Printer:
    """Printing state for one module: identifiers per index space, the module's types."""

    def __init__(self, mod: DecodedModule, names: Names, labels: bool = True) -> None:
        self.mod = mod
        self.labels = labels
        self.subtypes = mod.subtypes()
        counts = {
            "func": len(mod.func_type_indices()),
            "type": len(self.subtypes),
            "global": sum(1 for i in mod.imports if i.kind == 3) + len(mod.globals),
            "table": sum(1 for i in mod.imports if i.kind == 1) + len(mod.tables),
            "memory": sum(1 for i in mod.imports if i.kind == 2) + len(mod.memories),
            "tag": sum(1 for i in mod.imports if i.kind == 4) + len(mod.tags),
        }
        self.ids = {k: _unique_ids(names.space(k), range(n), _PREFIX[k]) for k, n in counts.items()}
        self.field_ids = {t: _unique_ids(fs, sorted(fs), None) for t, fs in names.field.items()}
        self.local_names = names.local
        self.func_types = mod.func_type_indices()
        self.lines: list[str] = []
        self._local_cache: dict[int, dict[int, str]] = {}

    # --- references to entities ---------------------------------------------------------------------------

    def ref(self, kind: str, idx: int) -> str:
        return self.ids[kind].get(idx, str(idx))

    def type_name(self, idx: int) -> str:
        return self.ref("type", idx)

    def vt(self, t: Any) -> str:
        return t.wat(self.type_name)

    def heap(self, ht: HeapType) -> str:
        return heap_type_wat(ht, self.type_name)

    def field_name(self, type_idx: int, field: int) -> str:
        return self.field_ids.get(type_idx, {}).get(field, str(field))

    # --- types --------------------------------------------------------------------------------------------

    def composite(self, type_idx: int, comp: Any) -> str:
        if isinstance(comp, FuncType):
            return "(func" + self.params_results(comp) + ")"
        if isinstance(comp, StructType):
            fields = []
            for i, f in enumerate(comp.fields):
                fname = self.field_ids.get(type_idx, {}).get(i)
                fields.append(f" (field {fname + ' ' if fname else ''}{f.wat(self.type_name)})")
            return "(struct" + "".join(fields) + ")"
        assert isinstance(comp, ArrayType)
        return f"(array {comp.field.wat(self.type_name)})"

    def params_results(self, ft: FuncType, param_ids: Mapping[int, str] | None = None) -> str:
        out = ""
        if ft.params:
            if param_ids:
                out += "".join(
                    f" (param {param_ids[i]} {self.vt(t)})" if i in param_ids else f" (param {self.vt(t)})"
                    for i, t in enumerate(ft.params)
                )
            else:
                out += " (param " + " ".join(self.vt(t) for t in ft.params) + ")"
        if ft.results:
            out += " (result " + " ".join(self.vt(t) for t in ft.results) + ")"
        return out

    def subtype(self, idx: int, st: SubType) -> str:
        body = self.composite(idx, st.composite)
        if not st.final or st.supertypes:
            supers = "".join(" " + self.type_name(s) for s in st.supertypes)
            body = f"(sub{' final' if st.final else ''}{supers} {body})"
        return f"(type {self.type_name(idx)} {body})"

    # --- instructions -------------------------------------------------------------------------------------

    def instr_text(self, name: str, imms: tuple, func: int | None, depth: int | None = None) -> str:
        """The text of one decoded instruction (without indentation). With `depth` (the number of enclosing
        blocks), branch labels get a `(;@n;)` comment naming the block they target (@0 is the function)."""

        def label(rel: int) -> str:
            return str(rel) if depth is None else f"{rel} (;@{depth - rel};)"

        kinds = OPS_BY_NAME[name][3]
        if name == "select_t":
            return "select (result " + " ".join(self.vt(t) for t in imms[0]) + ")"
        if name in ("ref.test", "ref.cast"):
            return f"{name} (ref {self.heap(imms[0])})"
        if name in ("ref.test_null", "ref.cast_null"):
            return f"{name[:-5]} (ref null {self.heap(imms[0])})"
        if name in ("call_indirect", "return_call_indirect"):
            return f"{name} {self.ref('table', imms[1])} (type {self.type_name(imms[0])})"
        parts = [name]
        last_type = 0
        for kind, v in zip(kinds, imms, strict=True):
            if kind in _INDEX_IMMS:
                parts.append(self.ref(kind, v))
                if kind == "type":
                    last_type = v
            elif kind == "local":
                parts.append(self._local(func, v))
            elif kind == "field":
                parts.append(self.field_name(last_type, v))
            elif kind == "mem":
                if v:
                    parts.append(str(v))
            elif kind == "bt":
                if v is None:
                    pass
                elif type(v) is int:
                    parts.append(f"(type {self.type_name(v)})")
                else:
                    parts.append(f"(result {self.vt(v)})")
            elif kind == "label":
                parts.append(label(v))
            elif kind in ("u32", "i32", "i64"):
                parts.append(str(v))
            elif kind == "f32":
                parts.append(format_f32(v))
            elif kind == "f64":
                parts.append(format_f64(v))
            elif kind == "ht":
                parts.append(self.heap(v))
            elif kind == "labels":
                parts.extend(label(rel) for rel in (*v[0], v[1]))
            elif kind == "catches":
                for c in v:
                    tag = f" {self.ref('tag', c.tag)}" if c.tag is not None else ""
                    parts.append(f"({_CATCH_NAMES[c.kind]}{tag} {label(c.label)})")
            elif kind == "cast":
                parts.extend((label(v[0]), self.vt(v[1]), self.vt(v[2])))
            elif kind == "memarg":
                align_log2, offset, mem = v
                if mem:
                    parts.append(str(mem))
                if offset:
                    parts.append(f"offset={offset}")
                if 1 << align_log2 != _natural_align(name):
                    parts.append(f"align={1 << align_log2}")
            else:  # pragma: no cover
                raise AssertionError(kind)
        return " ".join(parts)

    def _local(self, func: int | None, idx: int) -> str:
        if func is not None:
            ids = self._local_ids(func)
            if idx in ids:
                return ids[idx]
        return str(idx)

    def _local_ids(self, func: int) -> dict[int, str]:
        ids = self._local_cache.get(func)
        if ids is None:
            given = self.local_names.get(func, {})
            ids = self._local_cache[func] = _unique_ids(given, sorted(given), None) if given else {}
        return ids

    def expr_inline(self, body: bytes) -> str:
        """A constant expression (no final `end`) on one line."""
        pos = 0
        parts = []
        while pos < len(body):
            name, imms, pos = read_instr(body, pos)
            parts.append(self.instr_text(name, imms, None))
        return " ".join(parts)

    def body_lines(self, body: bytes, func: int | None, indent: int) -> list[str]:
        """A function body (ending with its final `end`, which is not printed), one instruction a line."""
        lines = []
        pos = 0
        depth = 0
        n = len(body)
        while pos < n:
            name, imms, pos = read_instr(body, pos)
            if name == "end":
                if depth == 0:
                    break
                depth -= 1
            pad = "  " * (indent + depth - (1 if name == "else" else 0))
            text = "end" if name == "end" else self.instr_text(name, imms, func, depth if self.labels else None)
            if self.labels and name in _BLOCKS:
                text += f"  ;; label = @{depth + 1}"
            lines.append(pad + text)
            if name in _BLOCKS:
                depth += 1
        return lines

    # --- module -------------------------------------------------------------------------------------------

    def print(self) -> str:
        mod = self.mod
        out = self.lines
        out.append("(module")
        idx = 0
        for entry in mod.types:
            if isinstance(entry, RecGroup):
                out.append("  (rec")
                for st in entry.subtypes:
                    out.append("    " + self.subtype(idx, st))
                    idx += 1
                out.append("  )")
            else:
                out.append("  " + self.subtype(idx, entry))
                idx += 1
        counters = dict.fromkeys(_EXTERN, 0)
        for imp in mod.imports:
            kind = _EXTERN[imp.kind]
            i = counters[kind]
            counters[kind] += 1
            out.append(f"  (import {_string(imp.module)} {_string(imp.name)} ({kind} {self.ref(kind, i)} "
                       f"{self.extern_desc(imp.kind, imp.desc)}))")
        nfuncs_imported = counters["func"]
        for i, (rt, mn, mx, init) in enumerate(mod.tables):
            lim = f"{mn}" + (f" {mx}" if mx is not None else "")
            tail = f" {self.expr_inline(init)}" if init is not None else ""
            out.append(f"  (table {self.ref('table', counters['table'] + i)} {lim} {self.vt(rt)}{tail})")
        for i, (mn, mx) in enumerate(mod.memories):
            lim = f"{mn}" + (f" {mx}" if mx is not None else "")
            out.append(f"  (memory {self.ref('memory', counters['memory'] + i)} {lim})")
        for i, t in enumerate(mod.tags):
            out.append(f"  (tag {self.ref('tag', counters['tag'] + i)} (type {self.type_name(t)}))")
        for i, (vt, mut, init) in enumerate(mod.globals):
            ty = f"(mut {self.vt(vt)})" if mut else self.vt(vt)
            out.append(f"  (global {self.ref('global', counters['global'] + i)} {ty} {self.expr_inline(init)})")
        for name, kind, i in mod.exports:
            k = _EXTERN[kind]
            out.append(f"  (export {_string(name)} ({k} {self.ref(k, i)}))")
        if mod.start is not None:
            out.append(f"  (start {self.ref('func', mod.start)})")
        for el in mod.elements:
            out.append("  " + self.element(el))
        for i, (local_groups, body) in enumerate(mod.codes):
            self.function(nfuncs_imported + i, mod.funcs[i], local_groups, body)
        for name, payload in mod.customs:
            out.append(f"  ;; custom section {_string(name)}, {len(payload)} bytes")
        out.append(")")
        return "\n".join(out) + "\n"

    def extern_desc(self, kind: int, desc: Any) -> str:
        if kind in (0, 4):
            return f"(type {self.type_name(desc)})"
        if kind == 1:
            rt, mn, mx = desc
            return f"{mn}{'' if mx is None else f' {mx}'} {self.vt(rt)}"
        if kind == 2:
            mn, mx = desc
            return f"{mn}{'' if mx is None else f' {mx}'}"
        vt, mut = desc
        return f"(mut {self.vt(vt)})" if mut else self.vt(vt)

    def element(self, el: Any) -> str:
        parts = ["(elem"]
        if el.mode == "declarative":
            parts.append("declare")
        elif el.mode == "active":
            if el.flags & 2:
                parts.append(f"(table {self.ref('table', el.table)})")
            parts.append(f"(offset {self.expr_inline(el.offset)})")
        if el.element is None:
            parts.append("func")
            parts.extend(self.ref("func", f) for f in el.items)
        else:
            parts.append(self.vt(el.element))
            parts.extend(f"(item {self.expr_inline(e)})" for e in el.items)
        return " ".join(parts) + ")"

    def function(self, func: int, type_idx: int, local_groups: list[tuple[int, ValType]], body: bytes) -> None:
        out = self.lines
        ft = self.subtypes[type_idx].composite
        ids = self._local_ids(func)
        header = f"  (func {self.ref('func', func)} (type {self.type_name(type_idx)})"
        if isinstance(ft, FuncType):
            header += self.params_results(ft, ids)
            nparams = len(ft.params)
        else:
            nparams = 0
        out.append(header)
        li = nparams
        flat: list[tuple[int, ValType]] = []
        for count, t in local_groups:
            for _ in range(count):
                flat.append((li, t))
                li += 1
        if flat:
            if any(i in ids for i, _ in flat):
                out.extend(f"    (local {ids[i] + ' ' if i in ids else ''}{self.vt(t)})" for i, t in flat)
            else:
                out.append("    (local " + " ".join(self.vt(t) for _, t in flat) + ")")
        out.extend(self.body_lines(body, func, 2))
        out.append("  )")


def _natural_align(name: str) -> int:
    op = name.split(".", 1)[1]
    for width, size in (("8", 1), ("16", 2), ("32", 4)):
        if op.endswith(width) or op.endswith(width + "_s") or op.endswith(width + "_u"):
            return size
    return 8 if name[1:3] == "64" else 4


def _string(s: str) -> str:
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in '"\\' or b < 0x20 or b >= 0x7F:
            out.append(f"\\{b:02x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _merge_names(base: Names, extra: Mapping[str, Mapping] | None) -> Names:
    if not extra:
        return base
    merged = Names(module=base.module)
    for kind in ("func", "type", "table", "memory", "global", "tag"):
        merged.space(kind).update(base.space(kind))
        merged.space(kind).update(extra.get(kind, {}))
    for kind in ("local", "field"):
        space = merged.space(kind)
        for k, v in base.space(kind).items():
            space[k] = dict(v)
        for k, v in extra.get(kind, {}).items():
            space.setdefault(k, {}).update(v)
    return merged


def print_module(data: bytes, names: Mapping[str, Mapping] | None = None, *, labels: bool = True) -> str:
    """Decode binary module `data` and print it as WAT.

    Entities are named from the module's `name` section, overridden by `names` (e.g.
    `{"func": {3: "fib"}, "type": {0: "cons"}, "local": {3: {0: "n"}}, "field": {0: {0: "car"}}}`); unnamed
    functions, types, globals, tables, memories and tags print as `$f3`, `$t0`, `$g1`, `$tab0`, `$mem0`,
    `$tag0`; unnamed locals and fields print as indices. With `labels`, block lines end in `;; label = @n` and
    branch targets carry a `(;@n;)` comment. The text parses back (`wasm-tools parse`) to the same module, up
    to the name section.
    """
    mod = decode_module(data)
    try:
        return _Printer(mod, _merge_names(mod.names, names), labels).print()
    except IndexError:
        raise DecodeError("unexpected end of a function body or expression") from None


def print_instructions(body: bytes, *, labels: bool = False) -> str:
    """Print bare instruction bytes (e.g. a `Code` buffer, no final `end` needed), one per line, indented."""
    printer = _Printer(DecodedModule(), Names(), labels)
    for kind in printer.ids:
        printer.ids[kind] = {}
    return "\n".join(printer.body_lines(bytes(body), None, 0)) + "\n"

