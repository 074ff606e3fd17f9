# Output functions: print, prin1, princ, write (with the *print-...* variables and WRITE's keywords), terpri,
# fresh-line, write-string, write-line, write-char, the -to-string functions, and FORMAT with its destinations
# (NIL -> string, T -> *standard-output*, a stream, a string with a fill pointer). Text comes from
# clysm.lisp.printer and clysm.lisp.format; this module only routes it.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import as_function, bounds, lisp_str, parse_keys
from clysm.eval.builtins.registry import builtin
from clysm.eval.builtins.streams import StringOutputStream, column_of, output_stream
from clysm.lisp import printer
from clysm.lisp.format import format_string
from clysm.lisp.types import NIL, Char, LispVector, Package, Symbol, T, char

# ---------------------------------------------------------------------------------------------- printer settings

_SETTING_VARS = (
    ("escape", "*PRINT-ESCAPE*"),
    ("base", "*PRINT-BASE*"),
    ("radix", "*PRINT-RADIX*"),
    ("level", "*PRINT-LEVEL*"),
    ("length", "*PRINT-LENGTH*"),
    ("double_default", "*READ-DEFAULT-FLOAT-FORMAT*"),
)


def _setting(key: str, value: Any) -> Any:
    if key in ("escape", "radix"):
        return value is not NIL
    if key == "double_default":
        return isinstance(value, Symbol) and value.name in ("DOUBLE-FLOAT", "LONG-FLOAT")
    if key == "base":
        return value if type(value) is int and 2 <= value <= 36 else 10
    return value if type(value) is int and value >= 0 else None  # level, length: NIL means no limit


def print_settings(engine: Any, **overrides: Any) -> dict[str, Any]:
    """printer keyword arguments from the engine's *print-...* variables and *package*, then `overrides`."""
    settings: dict[str, Any] = {}
    for key, var in _SETTING_VARS:
        if key in overrides:
            continue
        value = engine.intern(var, "COMMON-LISP").value
        if value is not None and not _unbound(value):
            settings[key] = _setting(key, value)
    package = engine.intern("*PACKAGE*", "COMMON-LISP").value
    if isinstance(package, Package):
        settings["package"] = package
    settings.update(overrides)
    return settings


def _unbound(value: Any) -> bool:
    from clysm.lisp.types import UNBOUND

    return value is UNBOUND


def to_text(engine: Any, obj: Any, **overrides: Any) -> str:
    return printer.prin1_to_string(obj, **print_settings(engine, **overrides))


# ---------------------------------------------------------------------------------------------- printing

@builtin("PRIN1", engine=True)
def prin1(engine: Any, obj: Any, stream: Any = NIL) -> Any:
    output_stream(engine, stream).write(to_text(engine, obj, escape=True))
    return obj


@builtin("PRINC", engine=True)
def princ(engine: Any, obj: Any, stream: Any = NIL) -> Any:
    output_stream(engine, stream).write(to_text(engine, obj, escape=False))
    return obj


@builtin("PRINT", engine=True)
def print_(engine: Any, obj: Any, stream: Any = NIL) -> Any:
    out = output_stream(engine, stream)
    out.write("\n" + to_text(engine, obj, escape=True) + " ")
    return obj


@builtin("PPRINT", engine=True)
def pprint(engine: Any, obj: Any, stream: Any = NIL) -> Any:
    """PPRINT without pretty-printing: a newline, then PRIN1 (no trailing space); returns no values."""
    from clysm.eval.builtins.mvalues import values

    output_stream(engine, stream).write("\n" + to_text(engine, obj, escape=True))
    return values()


_WRITE_KEYS = frozenset({
    "STREAM", "ESCAPE", "RADIX", "BASE", "LEVEL", "LENGTH", "PRETTY", "READABLY", "CIRCLE", "CASE", "ARRAY",
    "GENSYM", "LINES", "RIGHT-MARGIN", "MISER-WIDTH", "PPRINT-DISPATCH",
})  # fmt: skip


def _write_overrides(kw: dict[str, Any]) -> dict[str, Any]:
    overrides = {}
    for key in ("ESCAPE", "RADIX", "BASE", "LEVEL", "LENGTH"):
        if key in kw:
            overrides[key.lower()] = _setting(key.lower(), kw[key])
    return overrides


@builtin("WRITE", engine=True)
def write(engine: Any, obj: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _WRITE_KEYS, "WRITE") if keys else {}
    output_stream(engine, kw.get("STREAM", NIL)).write(to_text(engine, obj, **_write_overrides(kw)))
    return obj


@builtin("WRITE-TO-STRING", engine=True)
def write_to_string(engine: Any, obj: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _WRITE_KEYS - {"STREAM"}, "WRITE-TO-STRING") if keys else {}
    return to_text(engine, obj, **_write_overrides(kw))


@builtin("PRIN1-TO-STRING", engine=True)
def prin1_to_string(engine: Any, obj: Any) -> Any:
    return to_text(engine, obj, escape=True)


@builtin("PRINC-TO-STRING", engine=True)
def princ_to_string(engine: Any, obj: Any) -> Any:
    return to_text(engine, obj, escape=False)


# ---------------------------------------------------------------------------------------------- characters, lines

@builtin("TERPRI", engine=True)
def terpri(engine: Any, stream: Any = NIL) -> Any:
    output_stream(engine, stream).write("\n")
    return NIL


@builtin("FRESH-LINE", engine=True)
def fresh_line(engine: Any, stream: Any = NIL) -> Any:
    out = output_stream(engine, stream)
    if column_of(out) == 0:
        return NIL
    out.write("\n")
    return T


@builtin("WRITE-CHAR", engine=True)
def write_char(engine: Any, c: Any, stream: Any = NIL) -> Any:
    if type(c) is not Char:
        errors.type_error(c, "CHARACTER")
    output_stream(engine, stream).write(chr(c.code))
    return c


def _string_part(s: Any, keys: tuple[Any, ...], fname: str) -> tuple[str, Any]:
    text = lisp_str(s)
    if text is None:
        errors.type_error(s, "STRING")
    kw = parse_keys(keys, frozenset({"START", "END"}), fname) if keys else {}
    if keys:
        start, end = bounds(kw.get("START"), kw.get("END"), len(text))
        text = text[start:end]
    return text, kw


def _split_stream_and_keys(args: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """(string &optional stream &key start end): the optional stream, then keyword arguments."""
    if not args:
        return NIL, ()
    return args[0], args[1:]


@builtin("WRITE-STRING", engine=True)
def write_string(engine: Any, s: Any, *args: Any) -> Any:
    stream, keys = _split_stream_and_keys(args)
    text, _ = _string_part(s, keys, "WRITE-STRING")
    output_stream(engine, stream).write(text)
    return s


@builtin("WRITE-LINE", engine=True)
def write_line(engine: Any, s: Any, *args: Any) -> Any:
    stream, keys = _split_stream_and_keys(args)
    text, _ = _string_part(s, keys, "WRITE-LINE")
    output_stream(engine, stream).write(text + "\n")
    return s


@builtin("FINISH-OUTPUT", "FORCE-OUTPUT", "CLEAR-OUTPUT", engine=True)
def finish_output(engine: Any, stream: Any = NIL) -> Any:
    output_stream(engine, stream)
    return NIL


# ---------------------------------------------------------------------------------------------- FORMAT

def _user_directive(engine: Any) -> Any:
    """FORMAT's ~/NAME/: call the named function with a string stream, the argument, colon, at-sign, params."""

    def call(name: str, arg: Any, colon: bool, at: bool, params: list[Any]) -> str:
        if ":" in name:
            package, _, symbol = name.partition(":")
            symbol = symbol.lstrip(":")
            package = package.upper() or "KEYWORD"
        else:
            package, symbol = "COMMON-LISP-USER", name
        fn = as_function(engine.intern(symbol.upper(), package))
        out = StringOutputStream()
        fn(out, arg, T if colon else NIL, T if at else NIL, *[NIL if p is None else p for p in params])
        return out.take()

    return call


def _control_text(control: Any) -> str | None:
    return lisp_str(control)


@builtin("FORMAT", engine=True)
def format_(engine: Any, destination: Any, control: Any, *args: Any) -> Any:
    text_control = _control_text(control)
    package = engine.intern("*PACKAGE*", "COMMON-LISP").value
    package = package if isinstance(package, Package) else None
    if text_control is None:
        if callable(control) and not isinstance(control, Symbol):  # a function made by FORMATTER
            out = StringOutputStream() if destination is NIL else None
            control(out if out is not None else _destination(engine, destination), *args)
            return out.take() if out is not None else NIL
        errors.type_error(control, "(OR STRING FUNCTION)")
    if destination is NIL:
        return format_string(text_control, list(args), package=package, apply_function=_user_directive(engine))
    if isinstance(destination, LispVector) and destination.element_type == "character":
        if destination.fill_pointer is None:
            errors.type_error(destination, "(AND STRING (SATISFIES ARRAY-HAS-FILL-POINTER-P))")
        text = format_string(text_control, list(args), column=_vector_column(destination), package=package,
                             apply_function=_user_directive(engine))
        _append_to_string(destination, text)
        return NIL
    out = _destination(engine, destination)
    text = format_string(text_control, list(args), column=column_of(out), package=package,
                         apply_function=_user_directive(engine))
    out.write(text)
    return NIL


def _destination(engine: Any, destination: Any) -> Any:
    if destination is T:
        return output_stream(engine, NIL)  # FORMAT T writes to *standard-output*
    return output_stream(engine, destination)


def _vector_column(v: LispVector) -> int:
    items = v.active()
    n = len(items)
    i = n - 1
    while i >= 0 and items[i].code != 10:
        i -= 1
    return n - i - 1


def _append_to_string(v: LispVector, text: str) -> None:
    fp = v.fill_pointer or 0
    chars = [char(ord(c)) for c in text]
    needed = fp + len(chars)
    if needed > len(v.items):
        if not v.adjustable:
            errors.simple_error(f"FORMAT: the string {printer.prin1_to_string(v)} has no room for more characters")
        v.items.extend([char(0)] * (needed - len(v.items)))
    v.items[fp:needed] = chars
    v.fill_pointer = needed
