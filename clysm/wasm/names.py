# Wasm toolkit: the `name` custom section (spec Appendix "Name Section", plus the extended-name-section
# subsections for types, tables, memories, globals, fields and tags that wasm-tools and engines read).
"""Names for a module's entities: `Names` data, its encoder and its decoder."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field

from .encode import DecodeError, read_name, read_u32, write_name, write_u32

__all__ = ["NamePrefix", "Names", "decode_name_section", "encode_name_section"]

# Subsection ids.
MODULE = 0
FUNC = 1
LOCAL = 2
TYPE = 4
TABLE = 5
MEMORY = 6
GLOBAL = 7
FIELD = 10
TAG = 11

_SIMPLE = (("func", FUNC), ("type", TYPE), ("table", TABLE), ("memory", MEMORY), ("global", GLOBAL),
           ("tag", TAG))
_INDIRECT = (("local", LOCAL), ("field", FIELD))


@dataclass
class Names:
    """Names by index space. `local` and `field` are indirect: {function or type index: {index: name}}."""

    module: str | None = None
    func: dict[int, str] = _field(default_factory=dict)
    local: dict[int, dict[int, str]] = _field(default_factory=dict)
    type: dict[int, str] = _field(default_factory=dict)
    table: dict[int, str] = _field(default_factory=dict)
    memory: dict[int, str] = _field(default_factory=dict)
    global_: dict[int, str] = _field(default_factory=dict)
    field: dict[int, dict[int, str]] = _field(default_factory=dict)
    tag: dict[int, str] = _field(default_factory=dict)

    def space(self, kind: str) -> dict:
        """The map for `kind` ("func", "type", "global", "local", ...; "global" maps to `global_`)."""
        return self.global_ if kind == "global" else getattr(self, kind)

    def is_empty(self) -> bool:
        """True when no name at all is recorded."""
        return self.module is None and not any(
            self.space(k) for k in ("func", "local", "type", "table", "memory", "global", "field", "tag")
        )


def _name_map(buf: bytearray, names: dict[int, str]) -> None:
    write_u32(buf, len(names))
    _entries(buf, names, sorted(names))


def _entries(buf: bytearray, names: dict[int, str], keys: list[int]) -> None:
    for idx in keys:
        if idx < 0x80:
            buf.append(idx)
        else:
            write_u32(buf, idx)
        data = names[idx].encode()
        n = len(data)
        if n < 0x80:
            buf.append(n)
        else:
            write_u32(buf, n)
        buf += data


def _indirect_entries(buf: bytearray, table: dict[int, dict[int, str]], keys: list[int]) -> None:
    for idx in keys:
        write_u32(buf, idx)
        _name_map(buf, table[idx])


# Subsections in increasing id order (as the format requires): (id, space, indirect).
_ORDER = tuple(sorted([(sid, kind, False) for kind, sid in _SIMPLE] + [(sid, kind, True) for kind, sid in _INDIRECT]))


class NamePrefix:
    """A fixed set of names with their subsections encoded once: a module template's (clysm.wasm.module
    .ModuleTemplate). A module built from the template records only the names added after it, and
    encode_name_section(added, prefix) encodes just those. Immutable once built."""

    __slots__ = ("module", "spaces")

    def __init__(self, names: Names) -> None:
        self.module = names.module
        # sid -> (snapshot {idx: name}, its entries encoded in index order, the largest index, whole subsection)
        spaces: dict[int, tuple[dict, bytes, int, bytes]] = {}
        for sid, kind, indirect in _ORDER:
            table = names.space(kind)
            if indirect:
                table = {k: dict(v) for k, v in table.items() if v}
            else:
                table = dict(table)
            if not table:
                continue
            buf = bytearray()
            keys = sorted(table)
            (_indirect_entries if indirect else _entries)(buf, table, keys)
            whole = bytearray([sid])
            write_u32(whole, len(buf) + len(u32 := _u32(len(table))))
            whole += u32
            whole += buf
            spaces[sid] = (table, bytes(buf), keys[-1], bytes(whole))
        self.spaces = spaces

    def is_empty(self) -> bool:
        return self.module is None and not self.spaces

    def merged(self, names: Names) -> Names:
        """These names updated with `names` (a new Names)."""
        out = Names(names.module if names.module is not None else self.module)
        for sid, kind, indirect in _ORDER:
            snap = self.spaces[sid][0] if sid in self.spaces else {}
            added = names.space(kind)
            if indirect:
                table = {k: dict(v) for k, v in snap.items()}
                for k, v in added.items():
                    table.setdefault(k, {}).update(v)
            else:
                table = snap | added
            out.space(kind).update(table)
        return out


def _u32(n: int) -> bytes:
    buf = bytearray()
    write_u32(buf, n)
    return bytes(buf)


def encode_name_section(names: Names, prefix: NamePrefix | None = None) -> bytes:
    """The payload of the `name` custom section (without the section id, size and the name "name").
    With `prefix`, the section holds the prefix's names updated with `names` (see NamePrefix)."""
    out = bytearray()

    def subsection(sub_id: int, payload: bytearray) -> None:
        out.append(sub_id)
        write_u32(out, len(payload))
        out.extend(payload)

    module = names.module if names.module is not None or prefix is None else prefix.module
    if module is not None:
        payload = bytearray()
        write_name(payload, module)
        subsection(MODULE, payload)
    spaces = prefix.spaces if prefix is not None else {}
    for sid, kind, indirect in _ORDER:
        table = names.space(kind)
        pre = spaces.get(sid)
        if pre is not None:
            snap, encoded, top, whole = pre
            if indirect:
                table = {k: v for k, v in table.items() if v}
            if not table:
                out += whole
                continue
            keys = sorted(table)
            if keys[0] > top:  # every added index is above the prefix's: its entries come first, as encoded
                payload = bytearray()
                write_u32(payload, len(snap) + len(keys))
                payload += encoded
                (_indirect_entries if indirect else _entries)(payload, table, keys)
                subsection(sid, payload)
                continue
            if indirect:
                table = {k: {**snap.get(k, {}), **v} for k, v in table.items()} | {
                    k: v for k, v in snap.items() if k not in table}
            else:
                table = snap | table
        if not table:
            continue
        payload = bytearray()
        if indirect:
            outer = {k: v for k, v in table.items() if v}
            write_u32(payload, len(outer))
            _indirect_entries(payload, outer, sorted(outer))
        else:
            _name_map(payload, table)
        subsection(sid, payload)
    return bytes(out)


def _read_name_map(data: bytes, pos: int) -> tuple[dict[int, str], int]:
    n, pos = read_u32(data, pos)
    result: dict[int, str] = {}
    for _ in range(n):
        idx, pos = read_u32(data, pos)
        result[idx], pos = read_name(data, pos)
    return result, pos


def decode_name_section(payload: bytes) -> Names:
    """Decode the payload of a `name` custom section; unknown subsections are skipped."""
    names = Names()
    kinds = {sid: (kind, False) for kind, sid in _SIMPLE} | {sid: (kind, True) for kind, sid in _INDIRECT}
    pos = 0
    while pos < len(payload):
        sid = payload[pos]
        size, pos = read_u32(payload, pos + 1)
        end = pos + size
        if end > len(payload):
            raise DecodeError("name subsection overruns the section")
        if sid == MODULE:
            names.module, _ = read_name(payload, pos)
        elif sid in kinds:
            kind, indirect = kinds[sid]
            if indirect:
                n, p = read_u32(payload, pos)
                table: dict[int, dict[int, str]] = {}
                for _ in range(n):
                    idx, p = read_u32(payload, p)
                    table[idx], p = _read_name_map(payload, p)
                names.space(kind).update(table)
            else:
                names.space(kind).update(_read_name_map(payload, pos)[0])
        pos = end
    return names
