# The Lisp reader: source text -> Lisp objects (types.py), with CL's standard syntax as SBCL reads it.
# It knows no engine: symbols come from an `intern` callable; backquote is expanded at read time (backquote.py).
# The reader is iterative (an explicit stack of open lists and prefixes), so deep nesting cannot exhaust Python's
# stack; errors carry 1-based line:column, and input that merely stops too early raises IncompleteInput. Number
# syntax (which tokens are numbers, #B/#O/#X/#R, #C) is in reader_numbers.py.
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from clysm.lisp.backquote import Unquote, expand_backquote
from clysm.lisp.reader_numbers import NumberSyntaxError, make_complex, parse_integer, parse_number, parse_radix_rational
from clysm.lisp.types import NIL, Cons, LispError, LispObject, LispVector, ReaderError, Symbol, char

InternFn = Callable[[str, "str | None"], Symbol]  # (name, package name or None for the current package) -> symbol

DEFAULT_FEATURES: frozenset[str] = frozenset({"CLYSM", "COMMON-LISP"})


class IncompleteInput(ReaderError):
    """The text ended inside a form (open list, string, #| comment, or after a prefix such as ' or #+):
    a REPL should ask for more lines instead of reporting an error."""


class _Eof:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<end of input>"


EOF = _Eof()  # what Reader.read returns when only whitespace and comments remain

_WHITESPACE = frozenset(" \t\n\r\f")
_TERMINATING = frozenset("()'\";`,")
_PLAIN_RUN = re.compile(r"[^\s()'\";`,\\|]+")
_PLAIN_TOKEN = re.compile(r"[^ \t\n\r\f()'\";`,\\|]+")  # constituents (Unicode whitespace is one in CL)
_BLANKS = re.compile(r"[ \t\n\r\f]*")
# blanks, then "(" (group 1), ")" (group 2) or a token without escapes that does not start with # (group 3)
_LEXEME = re.compile(r"[ \t\n\r\f]*+(?:(\()|(\))|([^ \t\n\r\f()'\";`,\\|#][^ \t\n\r\f()'\";`,\\|]*+)(?![\\|]))?")


def _upcase(text: str) -> str:
    """Upper-case as CHAR-UPCASE does: characters whose upper case is not one character stay unchanged."""
    if text.isascii():
        return text.upper()
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


class _ListFrame:
    __slots__ = ("start", "items", "tail", "dot", "vector", "length")

    def __init__(self, start: int, vector: bool, length: int | None = None) -> None:
        self.start = start
        self.length = length  # #n( ... ): the vector's length
        self.items: list[LispObject] = []
        self.tail: LispObject = NIL
        self.dot = 0  # 0: no dot yet, 1: dot read, waiting for the tail, 2: tail read
        self.vector = vector


class _PrefixFrame:
    """A prefix waiting for the next object: quote, function, backquote, comma, comma-at, discard (#. etc.)."""

    __slots__ = ("start", "kind", "arg")

    def __init__(self, start: int, kind: str, arg: int | None = None) -> None:
        self.start = start
        self.kind = kind
        self.arg = arg  # the rank of #nA


class _FeatureFrame:
    """#+ / #-: first the feature expression, then the form that is kept or skipped."""

    __slots__ = ("start", "positive", "reading_expression", "keep")

    def __init__(self, start: int, positive: bool) -> None:
        self.start = start
        self.positive = positive
        self.reading_expression = True
        self.keep = True


_Frame = _ListFrame | _PrefixFrame | _FeatureFrame

_PREFIX_TEXT = {
    "quote": "'",
    "function": "#'",
    "backquote": "`",
    "comma": ",",
    "comma-at": ",@",
    "discard": "#",
    "complex": "#C",
    "array": "#nA",
}


class Reader:
    """Reads forms one at a time from `text`.

    `intern(name, package)` returns the symbol for a token: package None means the current package, "KEYWORD" for
    `:k`, otherwise the package named in `pkg:sym` / `pkg::sym`; it may raise (ReaderError, LispError, KeyError,
    ValueError) for an unknown package, which becomes a ReaderError at the token. `cl_symbol(name)` gives the
    COMMON-LISP symbols the reader itself produces (QUOTE, FUNCTION, LIST, ...; default: intern(name,
    "COMMON-LISP")). The token NIL must intern to types.NIL (the engine's COMMON-LISP package holds it).
    `features` are the names of the keywords in *features*, for #+ and #-.

    `positions` maps id() of the first cons of every list (and prefix form such as 'x) read so far to its
    1-based (line, column); it is only meaningful while the forms are alive. (The reader records character
    offsets and the mapping converts them to lines and columns when asked: most are never looked up.)"""

    def __init__(
        self,
        text: str,
        *,
        filename: str = "<input>",
        intern: InternFn,
        cl_symbol: Callable[[str], Symbol] | None = None,
        features: Iterable[str] = DEFAULT_FEATURES,
        start: int = 0,
        double_default: bool = False,
    ) -> None:
        self.text = text
        self.double_default = double_default  # *read-default-float-format* is DOUBLE-FLOAT: 1.5 reads as a double
        self.filename = filename
        self.intern = intern
        self.cl_symbol = cl_symbol or (lambda name: intern(name, "COMMON-LISP"))
        self.features = frozenset(features)
        self.pos = start
        self._offsets: dict[int, int] = {}  # id() of a list's first cons -> offset of its ( or prefix
        self._line_starts: list[int] | None = None
        self._cl_cache: dict[str, Symbol] = {}
        self._suppress = 0  # > 0 while reading a form skipped by #+/#- (tokens are not interned)
        self._feature_expression = 0  # > 0 while reading a feature expression (symbols go to KEYWORD)
        self._backquote = 0  # backquote nesting minus comma nesting, to reject a comma outside backquote
        self._symbols: dict[str, LispObject] | None = None  # token -> symbol while read_all runs

    # -- places and errors

    @property
    def positions(self) -> Mapping[int, tuple[int, int]]:
        """id() of a list's first cons -> its 1-based (line, column) (see the class docstring)."""
        return _Positions(self)  # made when asked: kept as an attribute it would make each Reader a cycle

    def location(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the text."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _error(self, message: str, offset: int) -> ReaderError:
        line, column = self.location(offset)
        return ReaderError(message, self.filename, line, column)

    def _incomplete(self, message: str, offset: int) -> IncompleteInput:
        line, column = self.location(offset)
        return IncompleteInput(message, self.filename, line, column)

    def _cl(self, name: str) -> Symbol:
        sym = self._cl_cache.get(name)
        if sym is None:
            sym = self._cl_cache[name] = self.cl_symbol(name)
        return sym

    # -- public entry points

    def read(self) -> LispObject:
        """The next form, or EOF when only whitespace and comments remain."""
        stack: list[_Frame] = []
        self._suppress = self._feature_expression = self._backquote = 0
        text = self.text
        # Symbols of plain tokens read in this form (nothing is evaluated while one form is read, so `intern` gives
        # the same symbol for the same token until read() returns), or in all the forms read_all reads.
        symbols = self._symbols if self._symbols is not None else {}
        lexeme = _LEXEME.match
        offsets = self._offsets
        while True:
            # Fast paths: blanks then "(", ")" or a token without escapes, in one regex match.
            m = lexeme(text, self.pos)
            kind = m.lastindex
            if kind == 3 and not (self._suppress or self._feature_expression):
                tok = m.group(3)
                self.pos = m.end()
                start = m.start(3)
                value = symbols.get(tok)
                if value is None:
                    if tok == ".":
                        self._read_dot(stack, start)
                        continue
                    value = self._plain_token(tok, start)
                    if isinstance(value, Symbol):
                        symbols[tok] = value
                if stack:
                    top = stack[-1]
                    if type(top) is _ListFrame and top.dot == 0:
                        top.items.append(value)
                        continue
            elif kind == 1:
                self.pos = m.end()
                stack.append(_ListFrame(m.start(1), False))
                continue
            elif kind == 2 and stack and type(top := stack[-1]) is _ListFrame and top.dot != 1:
                self.pos = m.end()
                start = m.start(2)
                stack.pop()
                if top.vector:
                    value = self._finish_list(top)
                else:  # _finish_list, inlined
                    value = top.tail
                    items = top.items
                    if items:
                        for item in reversed(items):
                            value = Cons(item, value)
                        offsets[id(value)] = top.start
                if stack:
                    top = stack[-1]
                    if type(top) is _ListFrame and top.dot == 0:
                        top.items.append(value)
                        continue
            else:
                value, start = self._read_other(stack, symbols)
                if value is _NOTHING:
                    continue
                if value is EOF:
                    return EOF
            # Hand the finished object to the frames waiting for it.
            while True:
                if not stack:
                    return value
                top = stack[-1]
                if isinstance(top, _ListFrame):
                    if top.dot == 0:
                        top.items.append(value)
                    elif top.dot == 1:
                        top.tail = value
                        top.dot = 2
                    else:
                        raise self._error("more than one object follows . in list", start)
                    break
                if isinstance(top, _PrefixFrame):
                    stack.pop()
                    value = self._apply_prefix(top, value)
                    start = top.start
                    continue
                if top.reading_expression:
                    top.reading_expression = False
                    self._feature_expression -= 1
                    if not self._suppress:
                        top.keep = self._feature_true(value, top.start) == top.positive
                    if not top.keep:
                        self._suppress += 1
                    break
                stack.pop()
                if not top.keep:
                    self._suppress -= 1
                    break  # the form is skipped: keep reading for the enclosing frame
                start = top.start

    def _read_other(self, stack: list[_Frame], symbols: dict[str, LispObject]) -> tuple[LispObject, int]:
        """One step of read() off its fast paths: (the object read, where it starts), or (_NOTHING, 0) when a
        frame was pushed or nothing was finished, or (EOF, 0) at the end of the text with no frame open."""
        text = self.text
        n = len(text)
        pos = _BLANKS.match(text, self.pos).end()
        self.pos = pos
        if pos >= n:
            c = ""
        else:
            c = text[pos]
            if c == ";" or (c == "#" and text.startswith("#|", pos)):
                c = self._skip_blank()
        if c == "":
            if not stack:
                return EOF, 0
            raise self._unfinished(stack[-1])
        start = self.pos
        if c == "(":
            self.pos += 1
            stack.append(_ListFrame(start, False))
            return _NOTHING, 0
        if c == ")":
            self.pos += 1
            top = stack[-1] if stack else None
            if not isinstance(top, _ListFrame):
                if top is None:
                    raise self._error("unmatched close parenthesis", start)
                prefix = _PREFIX_TEXT[top.kind] if isinstance(top, _PrefixFrame) else "#+ or #-"
                raise self._error(f"unexpected ) where a form should follow {prefix}", start)
            if top.dot == 1:
                raise self._error("nothing appears after . in list", start)
            stack.pop()
            return self._finish_list(top), start
        if c in "'`,":
            self.pos += 1
            if c == "'":
                kind = "quote"
            elif c == "`":
                kind = "backquote"
                self._backquote += 1
            else:
                kind = "comma"
                if self.pos < n and text[self.pos] in "@.":
                    kind = "comma-at"
                    self.pos += 1
                if self._backquote <= 0 and not self._suppress:
                    raise self._error("comma not inside a backquote", start)
                self._backquote -= 1
            stack.append(_PrefixFrame(start, kind))
            return _NOTHING, 0
        if c == '"':
            return self._read_string(start), start
        if c == "#":
            frame_or_value = self._read_dispatch(start)
            if frame_or_value is _NOTHING:
                return _NOTHING, 0
            if isinstance(frame_or_value, (_ListFrame, _PrefixFrame, _FeatureFrame)):
                stack.append(frame_or_value)
                return _NOTHING, 0
            return frame_or_value, start
        m = _PLAIN_TOKEN.match(text, start)
        end = m.end() if m is not None else start
        if m is not None and (end == n or text[end] not in "\\|"):  # a token without escapes
            self.pos = end
            tok = m.group()
            if tok == ".":
                self._read_dot(stack, start)
                return _NOTHING, 0
            if self._suppress:
                return NIL, start
            if self._feature_expression:
                return self._plain_token(tok, start), start
            value = symbols.get(tok)
            if value is None:
                value = self._plain_token(tok, start)
                if isinstance(value, Symbol):
                    symbols[tok] = value
            return value, start
        chars, escaped, end = self._read_token_chars(start)
        self.pos = end
        if len(chars) == 1 and chars[0] == "." and not escaped[0]:
            self._read_dot(stack, start)
            return _NOTHING, 0
        return self._token_value(chars, escaped, start), start

    def read_all(self) -> list[LispObject]:
        """Every remaining form (all-or-nothing: raises before returning anything if any form is malformed)."""
        forms = []
        self._symbols = {}
        try:
            while True:
                form = self.read()
                if form is EOF:
                    return forms
                forms.append(form)
        finally:
            self._symbols = None

    # -- lexical pieces

    def _skip_blank(self) -> str:
        """Skip whitespace and comments; return the next character ('' at the end)."""
        text, n = self.text, len(self.text)
        pos = self.pos
        while pos < n:
            c = text[pos]
            if c in _WHITESPACE:
                pos += 1
            elif c == ";":
                nl = text.find("\n", pos)
                pos = n if nl < 0 else nl + 1
            elif c == "#" and pos + 1 < n and text[pos + 1] == "|":
                pos = self._skip_block_comment(pos)
            else:
                self.pos = pos
                return c
        self.pos = pos
        return ""

    def _skip_block_comment(self, start: int) -> int:
        text, n = self.text, len(self.text)
        depth, pos = 1, start + 2
        while depth:
            bar = text.find("|#", pos)
            opener = text.find("#|", pos)
            if bar < 0:
                raise self._incomplete("end of file inside #| comment", start)
            if 0 <= opener < bar:
                depth += 1
                pos = opener + 2
            else:
                depth -= 1
                pos = bar + 2
        return min(pos, n)

    def _read_string(self, start: int) -> str:
        text = self.text
        pos = start + 1
        parts: list[str] = []
        while True:
            quote = text.find('"', pos)
            backslash = text.find("\\", pos, quote if quote >= 0 else len(text))
            if quote < 0 and backslash < 0:
                raise self._incomplete("end of file inside a string", start)
            if backslash >= 0:
                parts.append(text[pos:backslash])
                if backslash + 1 >= len(text):
                    raise self._incomplete("end of file inside a string", start)
                parts.append(text[backslash + 1])
                pos = backslash + 2
                continue
            parts.append(text[pos:quote])
            self.pos = quote + 1
            return "".join(parts)

    def _read_token_chars(self, pos: int) -> tuple[list[str], list[bool], int]:
        """The characters of the token at `pos` (escapes removed), which ones were escaped, and the end."""
        text, n = self.text, len(self.text)
        chars: list[str] = []
        escaped: list[bool] = []
        while pos < n:
            run = _PLAIN_RUN.match(text, pos)
            if run:
                chars.extend(run.group())
                escaped.extend([False] * (run.end() - pos))
                pos = run.end()
                continue
            c = text[pos]
            if c == "\\":
                if pos + 1 >= n:
                    raise self._incomplete("end of file after escape character \\", pos)
                chars.append(text[pos + 1])
                escaped.append(True)
                pos += 2
            elif c == "|":
                bar = pos
                pos += 1
                while True:
                    if pos >= n:
                        raise self._incomplete("end of file inside |...| in a symbol", bar)
                    c = text[pos]
                    if c == "|":
                        pos += 1
                        break
                    if c == "\\":
                        if pos + 1 >= n:
                            raise self._incomplete("end of file inside |...| in a symbol", bar)
                        pos += 1
                        c = text[pos]
                    chars.append(c)
                    escaped.append(True)
                    pos += 1
            elif c in _WHITESPACE or c in _TERMINATING:
                break
            else:  # other Unicode whitespace matched by \s is a constituent in CL
                chars.append(c)
                escaped.append(False)
                pos += 1
        return chars, escaped, pos

    def _token_name(self, chars: list[str], escaped: list[bool], lo: int = 0, hi: int | None = None) -> str:
        """The symbol name of chars[lo:hi]: unescaped characters upper-cased."""
        hi = len(chars) if hi is None else hi
        if not any(escaped[lo:hi]):
            return _upcase("".join(chars[lo:hi]))
        return "".join(chars[i] if escaped[i] else _upcase(chars[i]) for i in range(lo, hi))

    def _plain_token(self, tok: str, start: int) -> LispObject:
        """The value of a token without escape characters (what _token_value gives for it, faster)."""
        first = tok[0]
        if first.isdigit() or first in "+-.":
            number = self._parse_number(tok, start)
            if number is not None:
                return number
            if tok.strip(".") == "":
                raise self._error("too many dots", start)
        if ":" in tok:
            return self._token_value(list(tok), [False] * len(tok), start)
        return self._intern(_upcase(tok), "KEYWORD" if self._feature_expression else None, start)

    def _token_value(self, chars: list[str], escaped: list[bool], start: int) -> LispObject:
        if self._suppress:
            return NIL
        if chars and not any(escaped):
            text = "".join(chars)
            number = self._parse_number(text, start)
            if number is not None:
                return number
            if text.strip(".") == "":
                raise self._error("too many dots", start)
        colons = [i for i, c in enumerate(chars) if c == ":" and not escaped[i]]
        if not colons:
            package = "KEYWORD" if self._feature_expression else None
            return self._intern(self._token_name(chars, escaped), package, start)
        first = colons[0]
        name_start = first + 1
        if len(colons) > 1:
            if colons[1] != first + 1 or len(colons) > 2:
                raise self._error(f'too many colons in "{"".join(chars)}"', start)
            name_start = first + 2
        if name_start >= len(chars):
            raise self._error(f'missing symbol name after the package marker in "{"".join(chars)}"', start)
        name = self._token_name(chars, escaped, name_start)
        package = "KEYWORD" if first == 0 else self._token_name(chars, escaped, 0, first)
        return self._intern(name, package, start)

    def _intern(self, name: str, package: str | None, start: int) -> Symbol:
        try:
            return self.intern(name, package)
        except ReaderError as exc:
            raise self._error(exc.message, start) from exc
        except LispError as exc:
            raise self._error(str(exc) or f"cannot intern {name}", start) from exc
        except (KeyError, ValueError) as exc:
            message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else f"package {package} not found"
            raise self._error(message, start) from exc

    def _parse_number(self, text: str, start: int) -> LispObject | None:
        """The number a token denotes in base 10, or None if it is not number syntax."""
        try:
            return parse_number(text, self.double_default)
        except NumberSyntaxError as exc:
            raise self._error(exc.message, start) from None

    # -- structure

    def _finish_list(self, frame: _ListFrame) -> LispObject:
        if frame.vector:
            items = frame.items
            if frame.length is not None and not self._suppress:
                if len(items) > frame.length:
                    raise self._error(f"vector longer than the specified length #{frame.length}(", frame.start)
                if frame.length and not items:
                    raise self._error(f"#{frame.length}() needs at least one element to repeat", frame.start)
                items += [items[-1]] * (frame.length - len(items)) if items else []
            return LispVector(items)
        result = frame.tail
        items = frame.items
        if not items:
            return result
        for item in reversed(items):
            result = Cons(item, result)
        self._offsets[id(result)] = frame.start
        return result

    def _read_dot(self, stack: list[_Frame], start: int) -> None:
        top = stack[-1] if stack else None
        if not isinstance(top, _ListFrame) or top.vector or top.dot:
            raise self._error("dot context error: a . outside a list or in the wrong place", start)
        if not top.items:
            raise self._error("nothing appears before . in list", start)
        top.dot = 1

    def _unfinished(self, frame: _Frame) -> IncompleteInput:
        if isinstance(frame, _ListFrame):
            what = "#(" if frame.vector else "("
            return self._incomplete(f"end of file: missing ) to close the {what} here", frame.start)
        if isinstance(frame, _FeatureFrame):
            sign = "+" if frame.positive else "-"
            return self._incomplete(f"end of file after #{sign}", frame.start)
        return self._incomplete(f"end of file after {_PREFIX_TEXT[frame.kind]}", frame.start)

    def _apply_prefix(self, frame: _PrefixFrame, value: LispObject) -> LispObject:
        kind = frame.kind
        if kind == "comma" or kind == "comma-at":
            self._backquote += 1
            return Unquote(value, kind == "comma-at")
        if kind == "backquote":
            self._backquote -= 1
            if self._suppress:
                return NIL
            result = expand_backquote(value, self._cl, lambda message: self._error(message, frame.start))
        elif kind == "discard":
            return NIL
        elif kind == "complex":
            return self._complex(value, frame.start)
        elif kind == "array":
            return self._array(value, frame)
        else:
            result = Cons(self._cl("QUOTE" if kind == "quote" else "FUNCTION"), Cons(value, NIL))
        if isinstance(result, Cons):
            self._offsets.setdefault(id(result), frame.start)
        return result

    def _complex(self, parts: LispObject, start: int) -> complex:
        try:
            return make_complex(parts)
        except NumberSyntaxError as exc:
            raise self._error(exc.message, start) from None

    def _array(self, contents: LispObject, frame: _PrefixFrame) -> LispObject:
        """#nA contents: an array of rank n (clysm/lisp/arrays.py)."""
        from clysm.lisp.arrays import ContentsError, read_array
        from clysm.lisp.printer import prin1_to_string

        try:
            return read_array(frame.arg or 0, contents, prin1_to_string)
        except ContentsError as exc:
            raise self._error(exc.message, frame.start) from exc

    # -- # dispatch

    def _read_dispatch(self, start: int) -> LispObject:
        """Read after '#': returns a value, a frame to push, or _NOTHING."""
        text, n = self.text, len(self.text)
        pos = start + 1
        while pos < n and text[pos].isdigit() and text[pos].isascii():
            pos += 1
        arg = int(text[start + 1 : pos]) if pos > start + 1 else None
        if pos >= n:
            raise self._incomplete("end of file after #", start)
        sub = text[pos]
        self.pos = pos + 1
        key = sub.lower()
        if key == "\\":
            return self._read_character(start, pos + 1)
        if key == "'":
            return _PrefixFrame(start, "function")
        if key == "(":
            return _ListFrame(start, vector=True, length=arg)
        if key == ":":
            chars, escaped, end = self._read_token_chars(pos + 1)
            self.pos = end
            if self._suppress:
                return NIL
            if any(c == ":" and not e for c, e in zip(chars, escaped, strict=True)):
                raise self._error(f'the symbol after #: contains a package marker: "{"".join(chars)}"', start)
            return Symbol(self._token_name(chars, escaped), None)
        if key in "+-":
            self._feature_expression += 1
            return _FeatureFrame(start, key == "+")
        if key in "box" or key == "r":
            radix = {"b": 2, "o": 8, "x": 16}.get(key, arg)
            if key == "r" and (radix is None or not 2 <= radix <= 36):
                raise self._error(f"illegal radix for #R: {arg}", start)
            return self._read_radix(start, pos + 1, radix or 10, sub)
        if key == "*":
            chars, _escaped, end = self._read_token_chars(pos + 1)
            self.pos = end
            if self._suppress:
                return NIL
            for c in chars:
                if c not in "01":
                    raise self._error(f"illegal element for a bit vector: #\\{c}", start)
            return LispVector([int(c) for c in chars], element_type="bit")
        if key == "|":  # only reached when _skip_blank did not see it (never), kept for safety
            self.pos = self._skip_block_comment(start)
            return _NOTHING
        if key == "c" and not self._suppress:
            return _PrefixFrame(start, "complex")
        if key == "a" and not self._suppress:
            if arg is None:
                raise self._error("#A needs a rank, as in #2A((1 2) (3 4))", start)
            return _PrefixFrame(start, "array", arg)
        if self._suppress and key in ".cpsa=":
            return _PrefixFrame(start, "discard")
        if self._suppress and key == "#":
            return NIL
        if key == ".":
            raise self._error("#. (read-time evaluation) is not supported", start)
        if key in "cpsa=#":
            raise self._error(f"#{sub} syntax is not supported", start)
        if sub in _WHITESPACE or sub in ")<":
            raise self._error(f"illegal sharp macro character: #{sub!r}", start)
        raise self._error(f"no dispatch function defined for #{sub}", start)

    def _read_character(self, start: int, pos: int) -> LispObject:
        text = self.text
        if pos >= len(text):
            raise self._incomplete("end of file after #\\", start)
        chars, _escaped, end = self._read_token_chars(pos + 1)
        self.pos = end
        if self._suppress:
            return NIL
        if not chars:
            return char(ord(text[pos]))
        name = text[pos] + "".join(chars)
        from clysm.lisp.printer import name_char

        code = name_char(name)
        if code is None:
            raise self._error(f'unrecognized character name: "{name}"', start)
        return char(code)

    def _read_radix(self, start: int, pos: int, radix: int, sub: str) -> LispObject:
        chars, escaped, end = self._read_token_chars(pos)
        self.pos = end
        if self._suppress:
            return NIL
        if not chars:
            if end >= len(self.text):
                raise self._incomplete(f"end of file after #{sub}", start)
            raise self._error(f"missing number after #{sub}", start)
        try:
            return parse_radix_rational("".join(chars), radix, sub, any(escaped))
        except NumberSyntaxError as exc:
            raise self._error(exc.message, start) from None

    # -- feature expressions (#+ / #-)

    def _feature_true(self, expr: LispObject, start: int) -> bool:
        if isinstance(expr, Symbol):
            return expr.name in self.features
        if isinstance(expr, Cons) and isinstance(expr.car, Symbol):
            op = expr.car.name
            args = []
            rest = expr.cdr
            while isinstance(rest, Cons):
                args.append(rest.car)
                rest = rest.cdr
            if op == "AND":
                return all(self._feature_true(a, start) for a in args)
            if op == "OR":
                return any(self._feature_true(a, start) for a in args)
            if op == "NOT" and len(args) == 1:
                return not self._feature_true(args[0], start)
        raise self._error("malformed feature expression after #+ or #-", start)


class _Nothing:
    __slots__ = ()


_NOTHING = _Nothing()


def read_all(
    text: str,
    *,
    filename: str = "<input>",
    intern: InternFn,
    cl_symbol: Callable[[str], Symbol] | None = None,
    features: Iterable[str] = DEFAULT_FEATURES,
) -> list[LispObject]:
    """Every form in `text`; raises ReaderError (IncompleteInput when the text just ends too early)."""
    return Reader(text, filename=filename, intern=intern, cl_symbol=cl_symbol, features=features).read_all()


def read_one(
    text: str,
    pos: int = 0,
    *,
    filename: str = "<input>",
    intern: InternFn,
    cl_symbol: Callable[[str], Symbol] | None = None,
    features: Iterable[str] = DEFAULT_FEATURES,
) -> tuple[LispObject, int]:
    """The form starting at offset `pos` and the offset just after it; (EOF, len(text)) if no form remains."""
    reader = Reader(text, filename=filename, intern=intern, cl_symbol=cl_symbol, features=features, start=pos)
    form = reader.read()
    return form, reader.pos


__all__ = ["EOF", "DEFAULT_FEATURES", "IncompleteInput", "Reader", "read_all", "read_one", "parse_integer"]


class _Positions(Mapping[int, tuple[int, int]]):
    """Reader.positions: id() of a list's first cons -> 1-based (line, column), computed from the recorded offset
    when looked up (a read-only view of the reader's offsets)."""

    __slots__ = ("_reader",)

    def __init__(self, reader: Reader) -> None:
        self._reader = reader

    def __getitem__(self, key: int) -> tuple[int, int]:
        return self._reader.location(self._reader._offsets[key])

    def get(self, key: int, default: tuple[int, int] | None = None) -> tuple[int, int] | None:  # type: ignore[override]
        offset = self._reader._offsets.get(key)
        return default if offset is None else self._reader.location(offset)

    def __iter__(self) -> Iterator[int]:
        return iter(self._reader._offsets)

    def __len__(self) -> int:
        return len(self._reader._offsets)
