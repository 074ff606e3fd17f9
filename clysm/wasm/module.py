# Wasm toolkit: the `Module` builder. It hands out indices in every index space (types, functions, tables,
# memories, globals, tags), collects sections, and writes the binary module (spec 5.5 "Modules").
"""Build a WebAssembly 3.0 module and encode it: `Module()`, add types/imports/functions/..., `encode()`."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .encode import u32_bytes, write_name, write_u32
from .instructions import Code
from .names import NamePrefix, Names, encode_name_section
from .types import CompositeType, FuncType, RecGroup, RefType, SubType, ValType, as_subtype

__all__ = ["EXTERN_FUNC", "EXTERN_GLOBAL", "EXTERN_MEMORY", "EXTERN_TABLE", "EXTERN_TAG", "Module", "ModuleError",
           "ModuleTemplate"]

EXTERN_FUNC = 0x00
EXTERN_TABLE = 0x01
EXTERN_MEMORY = 0x02
EXTERN_GLOBAL = 0x03
EXTERN_TAG = 0x04

Expr = bytes | bytearray | Code
"""Instruction bytes WITHOUT the final `end` (the module appends it)."""

_HEADER = b"\x00asm\x01\x00\x00\x00"


class ModuleError(Exception):
    """Misuse of the builder: import after definition, undefined function, bad index, ..."""


def _limits(buf: bytearray, minimum: int, maximum: int | None) -> None:
    if maximum is None:
        buf.append(0x00)
        write_u32(buf, minimum)
    else:
        buf.append(0x01)
        write_u32(buf, minimum)
        write_u32(buf, maximum)


def _expr(buf: bytearray, expr: Expr) -> None:
    buf += expr.buf if isinstance(expr, Code) else expr
    buf.append(0x0B)


@dataclass(frozen=True, slots=True)
class _Table:
    element: RefType
    minimum: int
    maximum: int | None
    init: bytes | None

    def encode(self, buf: bytearray) -> None:
        if self.init is not None:
            buf += b"\x40\x00"
        self.element.encode(buf)
        _limits(buf, self.minimum, self.maximum)
        if self.init is not None:
            _expr(buf, self.init)


@functools.lru_cache(maxsize=256)
def _func_import_head(module: str, name: str) -> bytes:
    """A function import entry without its type index."""
    buf = bytearray()
    write_name(buf, module)
    write_name(buf, name)
    buf.append(EXTERN_FUNC)
    return bytes(buf)


class _Encoded:
    """A type-section entry already encoded (Module.add_encoded_type)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def encode(self, buf: bytearray) -> None:
        buf += self.data


class ModuleTemplate:
    """An immutable snapshot of a module's types, imports, defined globals and names (`Module.freeze()`), from
    which many modules start (`Module(template=...)`) without declaring them again; its sections are encoded once.
    For families of modules that share a large fixed prefix (clysm's JIT modules: the ABI rec group and the
    runtime imports)."""

    __slots__ = ("type_bytes", "type_entries", "type_count", "func_types", "imports", "import_count", "imported",
                 "globals", "global_count", "name_prefix")

    def __init__(self, m: Module) -> None:
        if (m._func_types or m._tables or m._memories or m._tags or m._export_count or m._start is not None
                or m._elements or m._declared_refs or m._customs):
            raise ModuleError("a module template holds only types, imports, globals and names")
        buf = bytearray()
        for t in m._types:
            t.encode(buf)
        self.type_bytes = m._type_prefix + bytes(buf)
        self.type_entries = m._type_entries + len(m._types)
        self.type_count = m._type_count
        # read-only; copying the dict under it does not hash the keys again (FuncType hashing is slow)
        self.func_types = MappingProxyType(dict(m._func_type_cache))
        self.imports = bytes(m._imports)
        self.import_count = m._import_count
        self.imported = tuple(m._imported.items())
        self.globals = bytes(m._globals)
        self.global_count = m._global_count
        tpl = m._template
        self.name_prefix = NamePrefix(m.names if tpl is None else tpl.name_prefix.merged(m.names))


class Module:
    """A module under construction.

    Index spaces start with imports, so every import must be added before the first definition of its kind
    (function, table, memory, global, tag); otherwise `ModuleError` is raised. Functions are declared first
    (`declare_function`, which returns the index) and defined later (`define_function`), so mutually recursive
    functions can call each other. Type indices are absolute: a rec group's members refer to each other by
    `module.type_count + i` computed before `add_rec_group`.
    """

    def __init__(self, template: ModuleTemplate | None = None) -> None:
        self._types: list[SubType | RecGroup] = []  # added after the template's
        self._template = template
        self._func_types: list[int] = []  # type index of each defined function
        self._bodies: list[bytes | None] = []
        self._tables: list[_Table] = []
        self._memories: list[tuple[int, int | None]] = []
        self._tags: list[int] = []
        self._exports = bytearray()
        self._export_count = 0
        self._export_names: set[str] = set()
        self._start: int | None = None
        # reserved function imports (reserve_func_imports): offset in _imports, first index, entries, filler
        self._held: tuple[int, int, list[bytes | None], tuple[str, str, int]] | None = None
        self._elements: list[bytes] = []
        self._declared_refs: dict[int, None] = {}
        self._customs: list[tuple[str, bytes]] = []
        if template is not None:
            self._type_prefix = template.type_bytes
            self._type_entries = template.type_entries
            self._type_count = template.type_count
            self._func_type_cache: dict[FuncType, int] = template.func_types.copy()
            self._imports = bytearray(template.imports)
            self._import_count = template.import_count
            self._imported = dict(template.imported)
            self._globals = bytearray(template.globals)
            self._global_count = template.global_count
            self.names = Names()  # the names added to the template's (encode() merges them)
            return
        self._type_prefix = b""
        self._type_entries = 0
        self._type_count = 0
        self._func_type_cache = {}
        self._imports = bytearray()
        self._import_count = 0
        self._imported = {EXTERN_FUNC: 0, EXTERN_TABLE: 0, EXTERN_MEMORY: 0, EXTERN_GLOBAL: 0, EXTERN_TAG: 0}
        self._globals = bytearray()
        self._global_count = 0
        self.names = Names()
        """Names written to the `name` custom section (see also the `name_*` methods); with a template, those
        added to the template's names."""

    def freeze(self) -> ModuleTemplate:
        """An immutable template of this module so far (types, imports, globals, names; nothing else may have been
        added yet): `Module(template=t)` starts a new module in exactly this state, cheaply."""
        return ModuleTemplate(self)

    # --- types --------------------------------------------------------------------------------------------

    @property
    def type_count(self) -> int:
        """The number of types so far: the index the next added type will get."""
        return self._type_count

    def add_type(self, t: SubType | CompositeType, *, name: str | None = None) -> int:
        """Add one type as its own (implicit, singleton) rec group; return its index."""
        idx = self._type_count
        self._types.append(as_subtype(t))
        self._type_count += 1
        if name is not None:
            self.names.type[idx] = name
        return idx

    def add_encoded_type(self, data: bytes) -> int:
        """Add one type given as its encoded type-section entry (a singleton rec group; e.g. a cached
        `bytes(encoded)` of a SubType, for modules that add the same few types many times); return its index."""
        idx = self._type_count
        self._types.append(_Encoded(data))
        self._type_count += 1
        return idx

    def add_rec_group(self, group: RecGroup | Sequence[SubType | CompositeType],
                      names: Sequence[str | None] | None = None) -> range:
        """Add an explicit rec group; return the range of its type indices (first is `type_count` before)."""
        if not isinstance(group, RecGroup):
            group = RecGroup(tuple(group))
        base = self._type_count
        self._types.append(group)
        self._type_count += len(group.subtypes)
        for i, name in enumerate(names or ()):
            if name is not None:
                self.names.type[base + i] = name
        return range(base, self._type_count)

    def func_type(self, params: Iterable[ValType] = (), results: Iterable[ValType] = ()) -> int:
        """The index of the final function type `params -> results`, added once per module (interned)."""
        ft = FuncType(tuple(params), tuple(results))
        idx = self._func_type_cache.get(ft)
        if idx is None:
            idx = self._func_type_cache[ft] = self.add_type(ft)
        return idx

    # --- imports ------------------------------------------------------------------------------------------

    def _import(self, module: str, name: str, kind: int, defined: int) -> int:
        if defined:
            raise ModuleError(f"import {module}.{name}: imports of this kind must precede its definitions")
        buf = self._imports
        write_name(buf, module)
        write_name(buf, name)
        buf.append(kind)
        self._import_count += 1
        idx = self._imported[kind]
        self._imported[kind] = idx + 1
        return idx

    def import_func(self, module: str, name: str, type_idx: int, *, as_name: str | None = None) -> int:
        """Import a function of type `type_idx`; return its function index. `as_name` names it (name section)."""
        idx = self._import(module, name, EXTERN_FUNC, len(self._func_types))
        write_u32(self._imports, type_idx)
        if as_name is not None:
            self.names.func[idx] = as_name
        return idx

    def import_table(self, module: str, name: str, element: RefType, minimum: int,
                     maximum: int | None = None, *, as_name: str | None = None) -> int:
        """Import a table of `element` references; return its table index. `as_name` names it."""
        idx = self._import(module, name, EXTERN_TABLE, len(self._tables))
        element.encode(self._imports)
        _limits(self._imports, minimum, maximum)
        if as_name is not None:
            self.names.table[idx] = as_name
        return idx

    def import_memory(self, module: str, name: str, minimum: int, maximum: int | None = None) -> int:
        """Import a 32-bit memory (sizes in 64 KiB pages); return its memory index."""
        idx = self._import(module, name, EXTERN_MEMORY, len(self._memories))
        _limits(self._imports, minimum, maximum)
        return idx

    def import_global(self, module: str, name: str, valtype: ValType, mutable: bool = False, *,
                      as_name: str | None = None) -> int:
        """Import a global; return its global index. `as_name` names it (name section)."""
        idx = self._import(module, name, EXTERN_GLOBAL, self._global_count)
        valtype.encode(self._imports)
        self._imports.append(1 if mutable else 0)
        if as_name is not None:
            self.names.global_[idx] = as_name
        return idx

    def import_tag(self, module: str, name: str, type_idx: int, *, as_name: str | None = None) -> int:
        """Import an exception tag whose parameters are those of function type `type_idx`; return its index.
        `as_name` names it (name section)."""
        idx = self._import(module, name, EXTERN_TAG, len(self._tags))
        self._imports.append(0x00)
        write_u32(self._imports, type_idx)
        if as_name is not None:
            self.names.tag[idx] = as_name
        return idx

    def reserve_func_imports(self, count: int, filler: tuple[str, str, int]) -> int:
        """Reserve `count` function imports, given later by `set_func_import` (for a module whose imports are
        known only once its code is emitted); return the first one's index. Those still unset at `encode()` import
        `filler` (module, name, type index): that function once more. At most one reservation per module."""
        if self._held is not None:
            raise ModuleError("function imports are already reserved")
        if self._func_types:
            raise ModuleError("function imports must precede function definitions")
        first = self._imported[EXTERN_FUNC]
        self._imported[EXTERN_FUNC] += count
        self._import_count += count
        self._held = (len(self._imports), first, [None] * count, filler)
        return first

    def set_func_import(self, func: int, module: str, name: str, type_idx: int, *, as_name: str | None = None) -> None:
        """Make reserved import `func` (reserve_func_imports) the function `module`.`name` of type `type_idx`."""
        assert self._held is not None
        self._held[2][func - self._held[1]] = _func_import_head(module, name) + u32_bytes(type_idx)
        if as_name is not None:
            self.names.func[func] = as_name

    def _import_bytes(self) -> bytes | bytearray:
        if self._held is None:
            return self._imports
        at, _, entries, (module, name, type_idx) = self._held
        filler = _func_import_head(module, name) + u32_bytes(type_idx)
        return b"".join([self._imports[:at], *[e if e is not None else filler for e in entries], self._imports[at:]])

    # --- functions ----------------------------------------------------------------------------------------

    def declare_function(self, type_idx: int, name: str | None = None) -> int:
        """Reserve a function of type `type_idx`; return its function index (after all imported functions)."""
        idx = self._imported[EXTERN_FUNC] + len(self._func_types)
        self._func_types.append(type_idx)
        self._bodies.append(None)
        if name is not None:
            self.names.func[idx] = name
        return idx

    def define_function(self, func: int, locals: Iterable[ValType], body: Expr,
                        local_names: dict[int, str] | None = None) -> None:
        """Give declared function `func` its extra locals (after the parameters) and body.

        `body` is the instruction sequence WITHOUT the final `end`; runs of equal local types are compressed.
        """
        i = func - self._imported[EXTERN_FUNC]
        if not 0 <= i < len(self._bodies):
            raise ModuleError(f"function {func} was not declared in this module")
        if self._bodies[i] is not None:
            raise ModuleError(f"function {func} is already defined")
        out = bytearray()
        groups: list[list] = []
        for t in locals:
            if groups and (groups[-1][1] is t or groups[-1][1] == t):  # `is`: shared RefTypes, no dataclass __eq__
                groups[-1][0] += 1
            else:
                groups.append([1, t])
        write_u32(out, len(groups))
        for count, t in groups:
            write_u32(out, count)
            t.encode(out)
        _expr(out, body)
        self._bodies[i] = bytes(out)
        if local_names:
            self.names.local[func] = dict(local_names)

    def add_function(self, type_idx: int, locals: Iterable[ValType], body: Expr, name: str | None = None) -> int:
        """Declare and define a function in one step; return its index."""
        idx = self.declare_function(type_idx, name)
        self.define_function(idx, locals, body)
        return idx

    @property
    def func_count(self) -> int:
        """Imported plus declared functions: the index the next declared function will get."""
        return self._imported[EXTERN_FUNC] + len(self._func_types)

    @property
    def global_count(self) -> int:
        """Imported plus defined globals: the index the next added global will get."""
        return self._imported[EXTERN_GLOBAL] + self._global_count

    @property
    def table_count(self) -> int:
        """Imported plus defined tables: the index the next added table will get."""
        return self._imported[EXTERN_TABLE] + len(self._tables)

    @property
    def tag_count(self) -> int:
        """Imported plus defined tags: the index the next added tag will get."""
        return self._imported[EXTERN_TAG] + len(self._tags)

    # --- tables, memories, globals, tags ------------------------------------------------------------------

    def add_table(self, element: RefType, minimum: int, maximum: int | None = None,
                  init: Expr | None = None, name: str | None = None) -> int:
        """Add a table of `element` references; `init` (a constant expression) fills it, required when the
        element type is non-nullable. Return the table index."""
        init_bytes = None if init is None else bytes(init.buf if isinstance(init, Code) else init)
        self._tables.append(_Table(element, minimum, maximum, init_bytes))
        idx = self._imported[EXTERN_TABLE] + len(self._tables) - 1
        if name is not None:
            self.names.table[idx] = name
        return idx

    def add_memory(self, minimum: int, maximum: int | None = None) -> int:
        """Add a 32-bit memory (sizes in 64 KiB pages); return its memory index."""
        self._memories.append((minimum, maximum))
        return self._imported[EXTERN_MEMORY] + len(self._memories) - 1

    def add_global(self, valtype: ValType, mutable: bool, init: Expr, name: str | None = None) -> int:
        """Add a global initialised by constant expression `init` (no final `end`); return its index."""
        valtype.encode(self._globals)
        self._globals.append(1 if mutable else 0)
        _expr(self._globals, init)
        idx = self._imported[EXTERN_GLOBAL] + self._global_count
        self._global_count += 1
        if name is not None:
            self.names.global_[idx] = name
        return idx

    def add_tag(self, type_idx: int, name: str | None = None) -> int:
        """Add an exception tag; its payload is the parameters of function type `type_idx` (no results).
        Return the tag index."""
        self._tags.append(type_idx)
        idx = self._imported[EXTERN_TAG] + len(self._tags) - 1
        if name is not None:
            self.names.tag[idx] = name
        return idx

    # --- exports, start, elements -------------------------------------------------------------------------

    def export(self, name: str, kind: int, idx: int) -> None:
        """Export entity `idx` of `kind` (EXTERN_FUNC, EXTERN_TABLE, EXTERN_MEMORY, EXTERN_GLOBAL, EXTERN_TAG)."""
        if name in self._export_names:
            raise ModuleError(f"duplicate export name {name!r}")
        self._export_names.add(name)
        write_name(self._exports, name)
        self._exports.append(kind)
        write_u32(self._exports, idx)
        self._export_count += 1

    def export_func(self, name: str, func: int) -> None:
        """Export function `func` as `name`."""
        self.export(name, EXTERN_FUNC, func)

    def export_table(self, name: str, table: int) -> None:
        """Export table `table` as `name`."""
        self.export(name, EXTERN_TABLE, table)

    def export_memory(self, name: str, memory: int) -> None:
        """Export memory `memory` as `name`."""
        self.export(name, EXTERN_MEMORY, memory)

    def export_global(self, name: str, glob: int) -> None:
        """Export global `glob` as `name`."""
        self.export(name, EXTERN_GLOBAL, glob)

    def export_tag(self, name: str, tag: int) -> None:
        """Export tag `tag` as `name`."""
        self.export(name, EXTERN_TAG, tag)

    def set_start(self, func: int) -> None:
        """Make `func` (type [] -> []) the start function, run at instantiation."""
        self._start = func

    def declare_ref_func(self, func: int) -> None:
        """Declare `func` so that `ref.func func` validates (collected into one declarative element segment)."""
        self._declared_refs[func] = None

    def add_declarative_elements(self, funcs: Iterable[int]) -> None:
        """Add a declarative element segment of function indices (elemkind funcref; flags 3)."""
        buf = bytearray(b"\x03\x00")
        items = list(funcs)
        write_u32(buf, len(items))
        for f in items:
            write_u32(buf, f)
        self._elements.append(bytes(buf))

    def add_active_elements(self, table: int, offset: Expr, funcs: Iterable[int],
                            element: RefType | None = None) -> None:
        """Add an active element segment writing `funcs` into `table` from `offset` (an i32 constant expr).

        With `element` None, the items are function indices of type funcref (flags 2); for a typed table give
        its element type, e.g. `ref(proc_type)`, and the items are written as `ref.func` expressions (flags 6).
        """
        buf = bytearray()
        items = list(funcs)
        if element is None:
            buf.append(0x02)
            write_u32(buf, table)
            _expr(buf, offset)
            buf.append(0x00)
            write_u32(buf, len(items))
            for f in items:
                write_u32(buf, f)
        else:
            buf.append(0x06)
            write_u32(buf, table)
            _expr(buf, offset)
            element.encode(buf)
            write_u32(buf, len(items))
            for f in items:
                buf.append(0xD2)
                write_u32(buf, f)
                buf.append(0x0B)
        self._elements.append(bytes(buf))

    def add_element_exprs(self, element: RefType, exprs: Iterable[Expr], *, table: int | None = None,
                          offset: Expr | None = None, declarative: bool = False) -> None:
        """Add an element segment of constant expressions of type `element`: active when `table` and `offset`
        are given (flags 6), declarative when `declarative` (flags 7), else passive (flags 5)."""
        buf = bytearray()
        if table is not None:
            if offset is None:
                raise ModuleError("an active element segment needs an offset expression")
            buf.append(0x06)
            write_u32(buf, table)
            _expr(buf, offset)
        else:
            buf.append(0x07 if declarative else 0x05)
        element.encode(buf)
        items = list(exprs)
        write_u32(buf, len(items))
        for e in items:
            _expr(buf, e)
        self._elements.append(bytes(buf))

    # --- names and custom sections ------------------------------------------------------------------------

    def name_function(self, func: int, name: str) -> None:
        """Name function `func` in the `name` section."""
        self.names.func[func] = name

    def name_type(self, type_idx: int, name: str) -> None:
        """Name type `type_idx`."""
        self.names.type[type_idx] = name

    def name_local(self, func: int, local: int, name: str) -> None:
        """Name local (or parameter) `local` of function `func`."""
        self.names.local.setdefault(func, {})[local] = name

    def name_global(self, glob: int, name: str) -> None:
        """Name global `glob`."""
        self.names.global_[glob] = name

    def name_field(self, type_idx: int, field: int, name: str) -> None:
        """Name field `field` of struct type `type_idx`."""
        self.names.field.setdefault(type_idx, {})[field] = name

    def name_tag(self, tag: int, name: str) -> None:
        """Name tag `tag`."""
        self.names.tag[tag] = name

    def name_table(self, table: int, name: str) -> None:
        """Name table `table`."""
        self.names.table[table] = name

    def add_custom_section(self, name: str, payload: bytes) -> None:
        """Append a custom section (written after all other sections, before the `name` section)."""
        self._customs.append((name, bytes(payload)))

    # --- encoding -----------------------------------------------------------------------------------------

    def encode(self, *, names: bool = True) -> bytes:
        """The binary module. `names=False` leaves out the `name` section."""
        out = bytearray(_HEADER)

        def section(sid: int, count: int, payload: bytes | bytearray) -> None:
            out.append(sid)  # id, size, count, payload: written in place (no copy of the payload)
            if count < 0x80:
                write_u32(out, 1 + len(payload))
                out.append(count)
            else:
                n = u32_bytes(count)
                write_u32(out, len(n) + len(payload))
                out.extend(n)
            out.extend(payload)

        if self._types or self._type_entries:
            buf = bytearray(self._type_prefix)
            for t in self._types:
                t.encode(buf)
            section(1, self._type_entries + len(self._types), buf)
        if self._import_count:
            section(2, self._import_count, self._import_bytes())
        if self._func_types:
            if max(self._func_types) < 0x80:  # one byte each: the common case
                buf = bytearray(self._func_types)
            else:
                buf = bytearray()
                for t in self._func_types:
                    write_u32(buf, t)
            section(3, len(self._func_types), buf)
        if self._tables:
            buf = bytearray()
            for table in self._tables:
                table.encode(buf)
            section(4, len(self._tables), buf)
        if self._memories:
            buf = bytearray()
            for minimum, maximum in self._memories:
                _limits(buf, minimum, maximum)
            section(5, len(self._memories), buf)
        if self._tags:
            buf = bytearray()
            for t in self._tags:
                buf.append(0x00)
                write_u32(buf, t)
            section(13, len(self._tags), buf)
        if self._global_count:
            section(6, self._global_count, self._globals)
        if self._export_count:
            section(7, self._export_count, self._exports)
        if self._start is not None:
            buf = bytearray()
            write_u32(buf, self._start)
            out.append(8)
            write_u32(out, len(buf))
            out.extend(buf)
        elements = list(self._elements)
        if self._declared_refs:
            buf = bytearray(b"\x03\x00")
            write_u32(buf, len(self._declared_refs))
            if max(self._declared_refs) < 0x80:
                buf += bytes(self._declared_refs)
            else:
                for f in self._declared_refs:
                    write_u32(buf, f)
            elements.append(bytes(buf))
        if elements:
            section(9, len(elements), b"".join(elements))
        if self._bodies:
            buf = bytearray()
            for i, body in enumerate(self._bodies):
                if body is None:
                    raise ModuleError(f"function {i + self._imported[EXTERN_FUNC]} declared but never defined")
                write_u32(buf, len(body))
                buf += body
            section(10, len(self._bodies), buf)
        for name, payload in self._customs:
            self._custom(out, name, payload)
        prefix = self._template.name_prefix if self._template is not None else None
        if names and not (self.names.is_empty() and (prefix is None or prefix.is_empty())):
            self._custom(out, "name", encode_name_section(self.names, prefix))
        return bytes(out)

    @staticmethod
    def _custom(out: bytearray, name: str, payload: bytes) -> None:
        body = bytearray()
        write_name(body, name)
        body += payload
        out.append(0)
        write_u32(out, len(body))
        out.extend(body)
