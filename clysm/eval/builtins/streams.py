# String streams and the stream designator rules: string output streams (with column tracking for FRESH-LINE and
# FORMAT's ~&/~T), string input streams (read-char, read-line, peek-char, unread-char, file-position), and
# resolving NIL/T/stream arguments to the engine's *standard-output*.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import bounds, show
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, LispVector, Symbol, T, char


class StringOutputStream:
    """A Lisp string output stream: collects text; knows its column."""

    __slots__ = ("parts", "column", "open")
    lisp_stream = True
    lisp_output = True
    lisp_input = False

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.column = 0
        self.open = True

    def write(self, text: str) -> None:
        if not text:
            return
        self.parts.append(text)
        nl = text.rfind("\n")
        self.column = len(text) - nl - 1 if nl >= 0 else self.column + len(text)

    def take(self) -> str:
        """GET-OUTPUT-STREAM-STRING: the text so far, clearing the stream."""
        text = "".join(self.parts)
        self.parts = []
        return text

    @staticmethod
    def lisp_print(x: Any, sub: Any, escape: bool) -> str:
        return f"#<SB-IMPL::STRING-OUTPUT-STREAM {{{id(x):X}}}>"

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.intern("STRING-OUTPUT-STREAM", "COMMON-LISP")


class StringInputStream:
    """A Lisp string input stream over text[start:end]; `pos` is the absolute index (FILE-POSITION)."""

    __slots__ = ("text", "pos", "end", "open")
    lisp_stream = True
    lisp_output = False
    lisp_input = True

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.pos = start
        self.end = end
        self.open = True

    @staticmethod
    def lisp_print(x: Any, sub: Any, escape: bool) -> str:
        return f"#<SB-IMPL::STRING-INPUT-STREAM {{{id(x):X}}}>"

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.intern("STRING-INPUT-STREAM", "COMMON-LISP")


def is_stream(x: Any) -> bool:
    return getattr(type(x), "lisp_stream", False) is True


def column_of(stream: Any) -> int:
    """The current column of an output stream (0 when unknown)."""
    col = getattr(stream, "column", None)
    if callable(col):
        col = col()
    if isinstance(col, int):
        return col
    getvalue = getattr(stream, "getvalue", None)
    if getvalue is not None:
        text = getvalue()
        return len(text) - text.rfind("\n") - 1
    return 0


def _special(engine: Any, name: str) -> Any:
    return engine.intern(name, "COMMON-LISP").value


def output_stream(engine: Any, designator: Any = NIL) -> Any:
    """The stream an output function writes to: NIL is *standard-output*, T is *terminal-io* (the engine's
    output), else the stream itself."""
    if designator is NIL or designator is None:
        value = _special(engine, "*STANDARD-OUTPUT*")
        if value is not NIL and hasattr(value, "write") and not isinstance(value, (Symbol, str)):
            return value
        return engine.output
    if designator is T:
        value = _special(engine, "*TERMINAL-IO*")
        if value is not NIL and hasattr(value, "write") and not isinstance(value, (Symbol, str)):
            return value
        return engine.output
    if isinstance(designator, StringOutputStream):
        if not designator.open:
            errors.signal_error("STREAM-ERROR", f"attempt to write to closed stream {show(designator)}")
        return designator
    if hasattr(designator, "write") and not isinstance(designator, (Symbol, str, LispVector)):
        return designator
    errors.type_error(designator, "(OR STREAM BOOLEAN)")


def input_stream(engine: Any, designator: Any = NIL) -> StringInputStream:
    if designator is NIL or designator is None or designator is T:
        value = _special(engine, "*STANDARD-INPUT*")
        if isinstance(value, StringInputStream):
            return value
        return StringInputStream("", 0, 0)  # the playground has no terminal input: always at end of file
    if isinstance(designator, StringInputStream):
        return designator
    errors.type_error(designator, "(OR STREAM BOOLEAN)")


# ---------------------------------------------------------------------------------------------- string streams

@builtin("MAKE-STRING-OUTPUT-STREAM")
def make_string_output_stream(*keys: Any) -> Any:
    return StringOutputStream()


@builtin("GET-OUTPUT-STREAM-STRING")
def get_output_stream_string(stream: Any) -> Any:
    if not isinstance(stream, StringOutputStream):
        errors.type_error(stream, "STRING-OUTPUT-STREAM")
    return stream.take()


@builtin("MAKE-STRING-INPUT-STREAM")
def make_string_input_stream(string: Any, start: Any = 0, end: Any = NIL) -> Any:
    from clysm.eval.builtins.common import lisp_str

    text = lisp_str(string)
    if text is None:
        errors.type_error(string, "STRING")
    s, e = bounds(start, end, len(text))
    return StringInputStream(text, s, e)


def _eof(stream: Any, eof_error_p: Any, eof_value: Any) -> Any:
    if eof_error_p is not NIL:
        errors.signal_error("END-OF-FILE", f"end of file on {show(stream)}", STREAM=stream)
    return eof_value


@builtin("READ-CHAR", engine=True)
def read_char(engine: Any, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL, recursive: Any = NIL) -> Any:
    s = input_stream(engine, stream)
    if s.pos >= s.end:
        return _eof(s, eof_error_p, eof_value)
    c = s.text[s.pos]
    s.pos += 1
    return char(ord(c))


@builtin("PEEK-CHAR", engine=True)
def peek_char(
    engine: Any, peek_type: Any = NIL, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL,
    recursive: Any = NIL,
) -> Any:
    s = input_stream(engine, stream)
    while s.pos < s.end:
        c = s.text[s.pos]
        if peek_type is NIL:
            return char(ord(c))
        if peek_type is T:
            if c not in " \t\n\r\x0c":
                return char(ord(c))
        elif type(peek_type) is Char and ord(c) == peek_type.code:
            return peek_type
        s.pos += 1
    return _eof(s, eof_error_p, eof_value)


@builtin("UNREAD-CHAR", engine=True)
def unread_char(engine: Any, c: Any, stream: Any = NIL) -> Any:
    s = input_stream(engine, stream)
    if s.pos > 0:
        s.pos -= 1
    return NIL


@builtin("READ-LINE", engine=True)
@returns_values
def read_line(engine: Any, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL, recursive: Any = NIL) -> Any:
    s = input_stream(engine, stream)
    if s.pos >= s.end:
        return values(_eof(s, eof_error_p, eof_value), T)
    nl = s.text.find("\n", s.pos, s.end)
    if nl < 0:
        line = s.text[s.pos:s.end]
        s.pos = s.end
        return values(line, T)
    line = s.text[s.pos:nl]
    s.pos = nl + 1
    return values(line, NIL)


@builtin("LISTEN", engine=True)
def listen(engine: Any, stream: Any = NIL) -> Any:
    s = input_stream(engine, stream)
    return T if s.pos < s.end else NIL


@builtin("FILE-POSITION")
def file_position(stream: Any, position: Any = None) -> Any:
    if isinstance(stream, StringInputStream):
        if position is None:
            return stream.pos
        if type(position) is int and 0 <= position <= stream.end:
            stream.pos = position
            return T
        return NIL
    if isinstance(stream, StringOutputStream):
        return sum(len(p) for p in stream.parts) if position is None else NIL
    errors.type_error(stream, "STREAM")


@builtin("STREAMP")
def streamp(x: Any) -> Any:
    return T if is_stream(x) else NIL


@builtin("INPUT-STREAM-P")
def input_stream_p(x: Any) -> Any:
    if not is_stream(x):
        errors.type_error(x, "STREAM")
    return T if getattr(type(x), "lisp_input", False) else NIL


@builtin("OUTPUT-STREAM-P")
def output_stream_p(x: Any) -> Any:
    if not is_stream(x):
        errors.type_error(x, "STREAM")
    return T if getattr(type(x), "lisp_output", False) else NIL


@builtin("OPEN-STREAM-P")
def open_stream_p(x: Any) -> Any:
    if not is_stream(x):
        errors.type_error(x, "STREAM")
    return T if getattr(x, "open", True) else NIL


@builtin("CLOSE")
def close(stream: Any, *keys: Any) -> Any:
    if not is_stream(stream):
        errors.type_error(stream, "STREAM")
    if hasattr(stream, "open"):
        stream.open = False
    return T


# ---------------------------------------------------------------------------------------------- the reader

_READ_WHITESPACE = frozenset(" \t\n\r\x0c")


def read_at(engine: Any, text: str, pos: int, end: int, eof_error_p: Any, eof_value: Any, preserve: bool,
            stream: Any) -> tuple[Any, int]:
    """Read one object from text[pos:end] with the engine's packages; returns (object, next position)."""
    from clysm.lisp.reader import EOF, IncompleteInput, Reader
    from clysm.lisp.types import ReaderError, iter_list

    features = engine.intern("*FEATURES*", "COMMON-LISP").value
    names = [k.name for k in iter_list(features) if isinstance(k, Symbol)] if features is not NIL else []
    reader = Reader(text[:end], intern=_reader_intern(engine), cl_symbol=engine.sym, features=names, start=pos,
                    double_default=engine.double_default())
    try:
        form = reader.read()
    except IncompleteInput:
        errors.signal_error("END-OF-FILE", f"end of file on {show(stream)}", STREAM=stream)
    except ReaderError as e:
        errors.signal_error("READER-ERROR", f"{e.message}\n  Stream: {show(stream)}", STREAM=stream)
    if form is EOF:
        return _eof(stream, eof_error_p, eof_value), end
    new_pos = reader.pos
    if not preserve and new_pos < end and text[new_pos] in _READ_WHITESPACE:
        new_pos += 1
    return form, new_pos


def _reader_intern(engine: Any) -> Any:
    own = getattr(engine, "_reader_intern", None)
    if own is not None:
        return own
    return lambda name, package: engine.intern(name, package) if package else engine.intern(name)


_READ_FROM_STRING_KEYS = frozenset({"START", "END", "PRESERVE-WHITESPACE"})


@builtin("READ-FROM-STRING", engine=True)
@returns_values
def read_from_string(engine: Any, string: Any, eof_error_p: Any = T, eof_value: Any = NIL, *keys: Any) -> Any:
    from clysm.eval.builtins.common import lisp_str, parse_keys

    text = lisp_str(string)
    if text is None:
        errors.type_error(string, "STRING")
    kw = parse_keys(keys, _READ_FROM_STRING_KEYS, "READ-FROM-STRING") if keys else {}
    start, end = bounds(kw.get("START"), kw.get("END"), len(text))
    stream = StringInputStream(text, start, end)
    obj, pos = read_at(engine, text, start, end, eof_error_p, eof_value,
                       kw.get("PRESERVE-WHITESPACE", NIL) is not NIL, stream)
    return values(obj, pos)


def _read_stream(engine: Any, stream: Any, eof_error_p: Any, eof_value: Any, preserve: bool) -> Any:
    s = input_stream(engine, stream)
    obj, s.pos = read_at(engine, s.text, s.pos, s.end, eof_error_p, eof_value, preserve, s)
    return obj


@builtin("READ", engine=True)
def read(engine: Any, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL, recursive: Any = NIL) -> Any:
    return _read_stream(engine, stream, eof_error_p, eof_value, False)


@builtin("READ-PRESERVING-WHITESPACE", engine=True)
def read_preserving_whitespace(
    engine: Any, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL, recursive: Any = NIL
) -> Any:
    return _read_stream(engine, stream, eof_error_p, eof_value, True)


@builtin("READ-CHAR-NO-HANG", engine=True)
def read_char_no_hang(
    engine: Any, stream: Any = NIL, eof_error_p: Any = T, eof_value: Any = NIL, recursive: Any = NIL
) -> Any:
    return read_char(engine, stream, eof_error_p, eof_value, recursive)


@builtin("CLEAR-INPUT", engine=True)
def clear_input(engine: Any, stream: Any = NIL) -> Any:
    input_stream(engine, stream)
    return NIL


@builtin("STREAM-ELEMENT-TYPE", engine=True)
def stream_element_type(engine: Any, stream: Any) -> Any:
    if not is_stream(stream):
        errors.type_error(stream, "STREAM")
    return engine.intern("CHARACTER", "COMMON-LISP")


@builtin("INTERACTIVE-STREAM-P")
def interactive_stream_p(stream: Any) -> Any:
    if not is_stream(stream):
        errors.type_error(stream, "STREAM")
    return NIL


@builtin("WRITE-SEQUENCE", engine=True)
def write_sequence(engine: Any, seq: Any, stream: Any, *keys: Any) -> Any:
    from clysm.eval.builtins.common import chars_to_str, parse_keys, seq_list

    kw = parse_keys(keys, frozenset({"START", "END"}), "WRITE-SEQUENCE") if keys else {}
    items = seq_list(seq)
    start, end = bounds(kw.get("START"), kw.get("END"), len(items))
    output_stream(engine, stream).write(chars_to_str(items[start:end]))
    return seq


@builtin("READ-SEQUENCE", engine=True)
def read_sequence(engine: Any, seq: Any, stream: Any, *keys: Any) -> Any:
    """Fill seq (a list or vector) from a character input stream; returns the index after the last element."""
    from clysm.eval.builtins.common import parse_keys, seq_list
    from clysm.eval.builtins.sequences import replace_range

    kw = parse_keys(keys, frozenset({"START", "END"}), "READ-SEQUENCE") if keys else {}
    s = input_stream(engine, stream)
    start, end = bounds(kw.get("START"), kw.get("END"), len(seq_list(seq)))
    n = min(end - start, s.end - s.pos)
    text = s.text[s.pos:s.pos + n]
    s.pos += n
    if n:
        replace_range(seq, text, start, start + n, None, None)
    return start + n
