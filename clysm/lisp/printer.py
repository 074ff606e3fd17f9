# The Lisp printer: Lisp objects -> text exactly as SBCL 2.2.9 prints them (PRIN1 / PRINC, non-pretty, one line),
# with *read-default-float-format* = single-float (or double-float). Printing is iterative (explicit work stack), so
# long and deep structures cannot exhaust Python's stack; cdr-circular lists are cut off with "...", deep car nesting
# with "...".
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from clysm.lisp.floats import single_digits, single_or_none
from clysm.lisp.types import (
    NIL,
    Char,
    Condition,
    Cons,
    HashTable,
    LispArray,
    LispObject,
    LispVector,
    Package,
    SingleFloat,
    Symbol,
    T,
)

MAX_DEPTH = 10000  # nesting beyond this prints as "..." (only reached by car-circular or absurdly deep data)

# ---------------------------------------------------------------------------------------------- character names

# SBCL's names for codes 0-32, 127 and 128-159 (CHAR-NAME); everything else comes from the Unicode database.
_CONTROL_NAMES: tuple[str, ...] = (
    "Nul", "Soh", "Stx", "Etx", "Eot", "Enq", "Ack", "Bel", "Backspace", "Tab", "Newline", "Vt", "Page", "Return",
    "So", "Si", "Dle", "Dc1", "Dc2", "Dc3", "Dc4", "Nak", "Syn", "Etb", "Can", "Em", "Sub", "Esc", "Fs", "Gs", "Rs",
    "Us", "Space",
)  # fmt: skip
_C1_NAMES: tuple[str, ...] = (
    "C80", "C81", "Break-Permitted", "No-Break-Permitted", "C84", "Next-Line", "Start-Selected-Area",
    "End-Selected-Area", "Character-Tabulation-Set", "Character-Tabulation-With-Justification", "Line-Tabulation-Set",
    "Partial-Line-Forward", "Partial-Line-Backward", "Reverse-Linefeed", "Single-Shift-Two", "Single-Shift-Three",
    "Device-Control-String", "Private-Use-One", "Private-Use-Two", "Set-Transmit-State", "Cancel-Character",
    "Message-Waiting", "Start-Guarded-Area", "End-Guarded-Area", "Start-String", "C99",
    "Single-Character-Introducer", "Control-Sequence-Introducer", "String-Terminator", "Operating-System-Command",
    "Privacy-Message", "Application-Program-Command",
)  # fmt: skip
_NAME_TO_CODE: dict[str, int] = {
    **{name.upper(): code for code, name in enumerate(_CONTROL_NAMES)},
    **{name.upper(): 128 + i for i, name in enumerate(_C1_NAMES)},
    "RUBOUT": 127, "DEL": 127, "DELETE": 127, "NULL": 0, "LINEFEED": 10, "ESCAPE": 27,
}  # fmt: skip


def char_name(code: int) -> str | None:
    """SBCL's CHAR-NAME of the character with this code."""
    if code <= 32:
        return _CONTROL_NAMES[code]
    if code == 127:
        return "Rubout"
    if 128 <= code < 160:
        return _C1_NAMES[code - 128]
    try:
        name = unicodedata.name(chr(code))
    except ValueError:
        name = ""
    if not name or name.startswith(("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-")):
        return f"U{code:X}"
    return name.replace(" ", "_")


def name_char(name: str) -> int | None:
    """The code of the character called `name` (case-insensitive) as SBCL's NAME-CHAR does, or None."""
    upper = name.upper()
    code = _NAME_TO_CODE.get(upper)
    if code is not None:
        return code
    if upper[:1] == "U" and len(upper) > 1:  # U41 and U+41 are hexadecimal code points
        digits = upper[2:] if upper[1:2] == "+" else upper[1:]
        if digits and all(c in "0123456789ABCDEF" for c in digits):
            value = int(digits, 16)
            return value if value < 0x110000 else None
    try:
        return ord(unicodedata.lookup(upper.replace("_", " ")))
    except KeyError:
        return None


def char_to_string(c: Char, escape: bool = True) -> str:
    """PRIN1 (`#\\a`, `#\\Newline`) or PRINC (the character itself) of a character."""
    if not escape:
        return chr(c.code)
    if 32 <= c.code < 127:  # graphic standard characters print as themselves (SBCL prints #\Space as "#\ ")
        return "#\\" + chr(c.code)
    return "#\\" + (char_name(c.code) or chr(c.code))


# ---------------------------------------------------------------------------------------------- numbers

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def integer_to_string(n: int, base: int = 10) -> str:
    """Digits of an integer in `base` (upper-case letters), without CPython's 4300-digit str() limit."""
    if base == 10 and n.bit_length() < 13000:
        return str(n)
    if n < 0:
        return "-" + integer_to_string(-n, base)
    if base == 16:
        return f"{n:X}"
    if base == 8:
        return f"{n:o}"
    if base == 2:
        return f"{n:b}"
    if n < base:
        return _DIGITS[n]
    if n.bit_length() < 512:
        digits = []
        while n:
            n, r = divmod(n, base)
            digits.append(_DIGITS[r])
        return "".join(reversed(digits))
    # Divide and conquer: split around base**k with k about half the number of digits.
    k = max(1, int(n.bit_length() * 0.30103 / (base.bit_length() - 1 or 1)) // 2)
    high, low = divmod(n, base**k)
    return integer_to_string(high, base) + integer_to_string(low, base).rjust(k, "0")


def float_digits(x: float) -> tuple[str, int]:
    """The shortest digit string d1d2... and exponent k with |x| = 0.d1d2... * 10**k (x finite, nonzero)."""
    text = repr(abs(x))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    stripped = digits.lstrip("0")
    k = len(whole) - (len(digits) - len(stripped)) + (int(exponent) if exponent else 0)
    return stripped.rstrip("0") or "0", k


def float_to_string(x: float, double_default: bool = False) -> str:
    """A float as SBCL prints it: a SingleFloat is a single-float, a plain float a double-float; the format that
    *read-default-float-format* names (single-float unless `double_default`) prints with no exponent marker, the
    other with its own (1.5d0, 1.0d20 / 1.5f0)."""
    single = type(x) is SingleFloat
    kind = "SINGLE-FLOAT" if single else "DOUBLE-FLOAT"
    if x != x:
        return f"#<{kind} quiet NaN>"
    if x in (float("inf"), float("-inf")):
        return f"#.{kind}-" + ("POSITIVE" if x > 0 else "NEGATIVE") + "-INFINITY"  # as in SBCL's CL-USER
    marker = "" if single != double_default else ("f" if single else "d")
    if x == 0.0:
        return ("-0.0" if str(x).startswith("-") else "0.0") + (marker and marker + "0")
    sign = "-" if x < 0 else ""
    digits, k = single_digits(x) if single else float_digits(x)
    if 1e-3 <= abs(x) < 1e7:
        if k <= 0:
            text = f"{sign}0.{'0' * -k}{digits}"
        elif k >= len(digits):
            text = f"{sign}{digits}{'0' * (k - len(digits))}.0"
        else:
            text = f"{sign}{digits[:k]}.{digits[k:]}"
        return text + (marker and marker + "0")
    return f"{sign}{digits[0]}.{digits[1:] or '0'}{marker or 'e'}{k - 1}"


def complex_to_string(x: complex, double_default: bool = False) -> str:
    """#C(re im): Python complexes hold doubles; one whose parts are both single-float values prints as a
    (complex single-float), as (sqrt -4) => #C(0.0 2.0) (a documented approximation)."""
    re, im = single_or_none(x.real), single_or_none(x.imag)
    if re is not None and im is not None:
        return f"#C({float_to_string(re, double_default)} {float_to_string(im, double_default)})"
    return f"#C({float_to_string(x.real, double_default)} {float_to_string(x.imag, double_default)})"


def rational_to_string(x: int | Fraction, base: int = 10, radix: bool = False) -> str:
    """An integer or ratio in `base`, with the *print-radix* prefix/suffix when `radix`."""
    if isinstance(x, Fraction):
        text = integer_to_string(x.numerator, base) + "/" + integer_to_string(x.denominator, base)
    else:
        text = integer_to_string(x, base)
    if not radix:
        return text
    if base == 10:
        return text + "." if not isinstance(x, Fraction) else "#10r" + text
    prefix = {2: "#b", 8: "#o", 16: "#x"}.get(base, f"#{base}r")
    return prefix + text


# ---------------------------------------------------------------------------------------------- symbols

_MUST_ESCAPE = frozenset(" \t\n\r\f\b\x7f()'\";`,|\\:#")
_NUMBER_CHARS = frozenset("0123456789+-/.^_")


def _is_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _potential_number(name: str) -> bool:
    """CLHS 2.3.1.1 potential number in base 10 (such names print with bars)."""
    if not any(c in "0123456789" for c in name):
        return False
    if not (name[0] in _NUMBER_CHARS and name[0] != "/") or name[-1] in "+-":
        return False
    for i, c in enumerate(name):
        if _is_letter(c):
            if (i > 0 and _is_letter(name[i - 1])) or (i + 1 < len(name) and _is_letter(name[i + 1])):
                return False
        elif c not in _NUMBER_CHARS:
            return False
    return True


def quote_symbol_name(name: str) -> str:
    """A symbol (or package) name as PRIN1 writes it: bare, or in |bars| when reading it bare would differ."""
    needs_bars = (
        name == ""
        or any(c in _MUST_ESCAPE or (c.upper() != c and len(c.upper()) == 1) for c in name)
        or name.strip(".") == ""
        or _potential_number(name)
    )
    if not needs_bars:
        return name
    return "|" + name.replace("\\", "\\\\").replace("|", "\\|") + "|"


def symbol_to_string(sym: Symbol, package: Package | None = None, escape: bool = True) -> str:
    """PRIN1 / PRINC of a symbol relative to the current `package` (None: COMMON-LISP-USER)."""
    if not escape or sym is NIL or sym is T:
        return sym.name
    home = sym.package
    text = quote_symbol_name(sym.name)
    if home is None:
        return "#:" + text
    if home.name == "KEYWORD":
        return ":" + text
    if package is None:
        if home.name in ("COMMON-LISP-USER", "COMMON-LISP"):
            return text
    elif package.find(sym.name) is sym:
        return text
    # One colon for external symbols: all of COMMON-LISP's, and those in a package's `exports` set when the
    # package model keeps one (types.Package does not yet, so other packages print with ::).
    exports = getattr(home, "exports", None)
    external = home.name == "COMMON-LISP" or (exports is not None and sym.name in exports)
    return quote_symbol_name(home.name) + (":" if external else "::") + text


# ---------------------------------------------------------------------------------------------- objects


# function names that do not identify one object (closures, SBCL's faces of macros and special operators):
# #<FUNCTION name {id}>
ANONYMOUS_HEADS = frozenset(["LAMBDA", "FLET", "LABELS", "MACRO", "SPECIAL", "MACRO-FUNCTION"])


def object_id(obj: object) -> str:
    """The `{...}` identity shown in unreadable objects (stable for the object's lifetime)."""
    return f"{{{id(obj):X}}}"


def string_to_string(s: str, escape: bool = True) -> str:
    if not escape:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Printer:
    """One PRIN1/PRINC call: settings plus the output buffer."""

    def __init__(
        self,
        package: Package | None,
        escape: bool,
        level: int | None,
        length: int | None,
        base: int,
        radix: bool,
        double_default: bool = False,
    ) -> None:
        self.double_default = double_default  # *read-default-float-format* is DOUBLE-FLOAT
        self.package = package
        self.escape = escape
        self.level = level
        self.length = length
        self.base = base
        self.radix = radix

    def sub(self, obj: LispObject) -> str:
        """Print a component of an unreadable object (function name, condition datum) with these settings."""
        return self.run(obj)

    def run(self, obj: LispObject) -> str:
        out: list[str] = []
        emit = out.append
        # Work stack entries: (0, text) literal; (1, obj, depth) object; (2, cell, depth, count, slow) list rest;
        # (3, array, axis, start, depth) the part of a multidimensional array from `axis` on at row-major `start`.
        stack: list[tuple[Any, ...]] = [(1, obj, 0)]
        pop, push = stack.pop, stack.append
        level, length = self.level, self.length
        while stack:
            task = pop()
            tag = task[0]
            if tag == 0:
                emit(task[1])
                continue
            if tag == 3:
                self.array_axis(task, push, emit)
                continue
            if tag == 2:
                _, cell, depth, count, slow = task
                rest = cell.cdr
                if rest is NIL:
                    emit(")")
                    continue
                if not isinstance(rest, Cons):
                    emit(" . ")
                    push((0, ")"))
                    push((1, rest, depth))
                    continue
                if count % 2 == 0:
                    slow = slow.cdr
                if rest is slow or (length is not None and count >= length):
                    emit(" ...)")
                    continue
                emit(" ")
                push((2, rest, depth, count + 1, slow))
                push((1, rest.car, depth))
                continue
            x, depth = task[1], task[2]
            if isinstance(x, Cons):
                if level is not None and depth >= level:
                    emit("#")
                    continue
                if depth >= MAX_DEPTH:
                    emit("...")
                    continue
                head = x.car
                if isinstance(head, Symbol) and (head.name == "QUOTE" or head.name == "FUNCTION"):
                    rest = x.cdr
                    home = head.package
                    if isinstance(rest, Cons) and rest.cdr is NIL and home is not None and home.name == "COMMON-LISP":
                        emit("'" if head.name == "QUOTE" else "#'")
                        push((1, rest.car, depth))
                        continue
                if length is not None and length <= 0:
                    emit("(...)")
                    continue
                emit("(")
                push((2, x, depth + 1, 1, x))
                push((1, head, depth + 1))
            elif isinstance(x, LispVector) and x.element_type not in ("character", "bit"):
                if level is not None and depth >= level:
                    emit("#")
                    continue
                if depth >= MAX_DEPTH:
                    emit("...")
                    continue
                items = x.active()
                shown = items if length is None else items[:length]
                if not shown and items:
                    emit("#(...)")
                    continue
                emit("#(")
                push((0, " ...)" if len(shown) < len(items) else ")"))
                for i in range(len(shown) - 1, -1, -1):
                    push((1, shown[i], depth + 1))
                    if i:
                        push((0, " "))
            elif isinstance(x, LispArray):  # #2A((1 2) (3 4)): each axis is one level, as in SBCL
                emit(f"#{len(x.dims)}A")
                push((3, x, 0, 0, depth) if x.dims else (1, x.items[0], depth))
            else:
                emit(self.atom(x))
        return "".join(out)

    def array_axis(self, task: tuple[Any, ...], push: Callable[[Any], Any], emit: Callable[[str], Any]) -> None:
        """One axis of a multidimensional array (SBCL's SUB-OUTPUT-ARRAY-GUTS): (e e ...) of its sub-arrays,
        or of its elements on the last axis."""
        _, x, axis, start, depth = task
        if self.level is not None and depth >= self.level:
            emit("#")
            return
        if depth >= MAX_DEPTH:
            emit("...")
            return
        dims = x.dims
        n = dims[axis]
        stride = 1
        for d in dims[axis + 1 :]:
            stride *= d
        shown = n if self.length is None else min(n, self.length)
        last = axis == len(dims) - 1
        emit("(")
        push((0, " ...)" if shown < n and shown else "...)" if shown < n else ")"))
        for i in range(shown - 1, -1, -1):
            if last:
                push((1, x.items[start + i], depth + 1))
            else:
                push((3, x, axis + 1, start + i * stride, depth + 1))
            if i:
                push((0, " "))

    def atom(self, x: LispObject) -> str:
        """Text of anything that is not a cons or a general vector."""
        if isinstance(x, Symbol):
            return symbol_to_string(x, self.package, self.escape)
        if isinstance(x, str):
            return string_to_string(x, self.escape)
        if isinstance(x, bool):
            return f"#<PYTHON-BOOL {x}>"
        if isinstance(x, (int, Fraction)):
            return rational_to_string(x, self.base, self.radix)
        if isinstance(x, float):
            return float_to_string(x, self.double_default)
        if isinstance(x, Char):
            return char_to_string(x, self.escape)
        if isinstance(x, LispVector):
            if x.element_type == "bit":
                return "#*" + "".join(str(b) for b in x.active())
            text = "".join(c if isinstance(c, str) else chr(c.code) for c in x.active())
            return string_to_string(text, self.escape)
        if isinstance(x, complex):
            return complex_to_string(x, self.double_default)
        if isinstance(x, HashTable):
            return f"#<HASH-TABLE :TEST {x.test} :COUNT {len(x.data)} {object_id(x)}>"
        if isinstance(x, Condition):
            return self.condition(x)
        if isinstance(x, Package):
            return f'#<PACKAGE "{x.name}">'
        custom = getattr(type(x), "lisp_print", None)
        if custom is not None:
            return custom(x, self.sub, self.escape)
        if callable(x):
            return self.function(x)
        return f"#<PYTHON {type(x).__name__} {object_id(x)}>"

    def function(self, f: Callable[..., Any]) -> str:
        name = getattr(f, "lisp_name", None)
        if name is None:
            return f"#<FUNCTION {object_id(f)}>"
        if isinstance(name, str):
            return f"#<FUNCTION {name}>"
        text = self.run(name)
        if isinstance(name, Cons) and isinstance(name.car, Symbol) and name.car.name in ANONYMOUS_HEADS:
            return f"#<FUNCTION {text} {object_id(f)}>"
        return f"#<FUNCTION {text}>"

    def condition(self, c: Condition) -> str:
        if not self.escape:
            return c.message or f"Condition {c.type_name} was signalled."
        slots = c.slots
        expected = slots.get("EXPECTED-TYPE", slots.get("EXPECTED_TYPE"))
        if "DATUM" in slots and expected is not None:
            shown = expected if isinstance(expected, str) else self.run(expected)
            return f"#<{c.type_name} expected-type: {shown} datum: {self.run(slots['DATUM'])}>"
        if "FORMAT-CONTROL" in slots or "FORMAT_CONTROL" in slots:
            control = slots.get("FORMAT-CONTROL", slots.get("FORMAT_CONTROL"))
            return f"#<{c.type_name} {self.run(control)} {object_id(c)}>"
        if "NAME" in slots:
            name = slots["NAME"]
            shown = name if isinstance(name, str) else self.run(name)
            return f"#<{c.type_name} {shown} {object_id(c)}>"
        return f"#<{c.type_name} {object_id(c)}>"


def prin1_to_string(
    obj: LispObject,
    *,
    package: Package | None = None,
    escape: bool = True,
    level: int | None = None,
    length: int | None = None,
    base: int = 10,
    radix: bool = False,
    double_default: bool = False,
) -> str:
    """PRIN1-TO-STRING (PRINC-TO-STRING with escape=False). `package` is *package* (None: COMMON-LISP-USER);
    `level`, `length`, `base`, `radix` are *print-level*, *print-length*, *print-base*, *print-radix*;
    `double_default`: *read-default-float-format* is DOUBLE-FLOAT."""
    return _Printer(package, escape, level, length, base, radix, double_default).run(obj)


def princ_to_string(obj: LispObject, *, package: Package | None = None, **settings: Any) -> str:
    """PRINC-TO-STRING: strings and characters without quotes, symbols without package prefixes or bars."""
    return prin1_to_string(obj, package=package, escape=False, **settings)


def write_to(write: Callable[[str], Any], obj: LispObject, **settings: Any) -> None:
    """Print `obj` (same keywords as prin1_to_string) by calling `write(text)`, e.g. a stream's write method."""
    write(prin1_to_string(obj, **settings))
