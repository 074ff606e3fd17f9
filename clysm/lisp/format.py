# FORMAT: control strings -> text, following SBCL 2.2.9 (CLHS 22.3). The control string is parsed into a tree of
# directives, then interpreted against the argument list; errors signal a Lisp SIMPLE-ERROR ("error in FORMAT: ...").
# Number rendering for ~R ~F ~E ~G ~$ lives in format_numbers.py.
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from clysm.lisp.format_numbers import (
    english_cardinal,
    english_ordinal,
    format_dollars,
    format_exponential,
    format_fixed,
    format_general,
    roman,
)
from clysm.lisp.printer import char_name, char_to_string, integer_to_string, prin1_to_string
from clysm.lisp.types import NIL, Char, Condition, Cons, LispError, LispObject, Package

# Called for ~/NAME/: (function name as written, argument, colon, at-sign, parameters) -> text to insert.
UserDirective = Callable[[str, LispObject, bool, bool, list[Any]], str]


@dataclass
class _Directive:
    char: str  # the directive character, upper-cased ('A', '[', ...)
    params: list[Any]  # int, str (a character parameter), _V, _COUNT or None for each parameter
    colon: bool
    at: bool
    start: int  # offset of the '~' in the control string (for error messages)
    end: int  # offset just after the directive character
    body: list[Any] = field(default_factory=list)  # ~{ ~( ~? : the nested nodes
    clauses: list[list[Any]] = field(default_factory=list)  # ~[ ~<: one node list per clause
    default_clause: bool = False  # ~[: the last clause follows ~:;
    close: _Directive | None = None  # the closing ~} ~] ~) ~> directive
    name: str = ""  # ~/NAME/


Node = str | _Directive
_V = "<V>"  # parameter V: take the value from the next argument (never a one-character parameter)
_COUNT = "<#>"  # parameter #: the number of arguments left


def _fail(control: str, offset: int, message: str) -> NoReturn:
    pointer = " " * offset + "^"
    raise LispError(Condition("SIMPLE-ERROR", f"error in FORMAT: {message}\n  {control}\n  {pointer}"))


# ---------------------------------------------------------------------------------------------- parsing


def _parse_directive(control: str, pos: int) -> _Directive:
    """Parse the directive whose '~' is at `pos`."""
    start = pos
    pos += 1
    n = len(control)
    params: list[Any] = []
    while True:
        if pos >= n:
            _fail(control, start, "string ended within a directive")
        c = control[pos]
        if c in "+-0123456789":
            end = pos + 1
            while end < n and control[end].isdigit():
                end += 1
            digits = control[pos:end]
            if digits in ("+", "-"):
                _fail(control, pos, "a sign must be followed by digits in a parameter")
            params.append(int(digits))
            pos = end
        elif c == "'":
            if pos + 1 >= n:
                _fail(control, pos, "string ended within a directive")
            params.append(control[pos + 1])
            pos += 2
        elif c in "vV":
            params.append(_V)
            pos += 1
        elif c == "#":
            params.append(_COUNT)
            pos += 1
        elif c == ",":
            params.append(None)
            pos += 1
            continue
        else:
            break
        if pos < n and control[pos] == ",":
            pos += 1
            if pos < n and control[pos] not in "+-0123456789'vV#,":
                params.append(None)  # a trailing comma: the next parameter is defaulted
        else:
            break
    colon = at = False
    while pos < n and control[pos] in ":@":
        if control[pos] == ":":
            if colon:
                _fail(control, pos, "too many colons supplied")
            colon = True
        else:
            if at:
                _fail(control, pos, "too many at-signs supplied")
            at = True
        pos += 1
    if pos >= n:
        _fail(control, start, "string ended within a directive")
    directive = _Directive(control[pos].upper(), params, colon, at, start, pos + 1)
    if directive.char == "/":
        close = control.find("/", pos + 1)
        if close < 0:
            _fail(control, pos, "no matching closing slash")
        directive.name = control[pos + 1 : close]
        directive.end = close + 1
    return directive


_CLOSERS = {"{": "}", "[": "]", "(": ")", "<": ">"}


def parse_control(control: str) -> list[Node]:
    """The directive tree of a control string (literal text as str nodes)."""
    return _parse_nodes(control, 0, None)[0]


def _parse_nodes(control: str, pos: int, opener: _Directive | None) -> tuple[list[Node], int, _Directive | None]:
    """Parse until the closer of `opener` (or the end). Returns nodes, position, closing directive. For ~[ and ~<
    the separators ~; are returned as directives in the node list and split by the caller."""
    nodes: list[Node] = []
    n = len(control)
    want = _CLOSERS.get(opener.char) if opener else None
    while pos < n:
        tilde = control.find("~", pos)
        if tilde < 0:
            nodes.append(control[pos:])
            pos = n
            break
        if tilde > pos:
            nodes.append(control[pos:tilde])
        d = _parse_directive(control, tilde)
        pos = d.end
        c = d.char
        if c == "\n":
            if d.at:
                nodes.append("\n")
            if not d.colon:
                while pos < n and control[pos] in " \t":
                    pos += 1
            continue
        if c in _CLOSERS:
            body, pos, close = _parse_nodes(control, pos, d)
            d.close = close
            if c in "[<":
                _split_clauses(control, d, body)
            else:
                d.body = body
            nodes.append(d)
            continue
        if c in "}])>":
            if c != want:
                _fail(control, d.start, f"no matching opening directive for ~{c}")
            return nodes, pos, d
        if c == ";" and (opener is None or opener.char not in "[<"):
            _fail(control, d.start, "~; not contained within either ~[...~] or ~<...~>")
        nodes.append(d)
    if opener is not None:
        _fail(control, opener.start, f"no matching closing directive ~{want}")
    return nodes, pos, None


def _split_clauses(control: str, d: _Directive, body: list[Node]) -> None:
    clause: list[Node] = []
    for node in body:
        if isinstance(node, _Directive) and node.char == ";":
            d.clauses.append(clause)
            clause = []
            if node.colon:
                if d.char == "[" and d.default_clause:
                    _fail(control, node.start, "only one ~:; is allowed in ~[")
                d.default_clause = True
        else:
            clause.append(node)
    d.clauses.append(clause)


# ---------------------------------------------------------------------------------------------- interpretation


class _UpAndOut(Exception):
    """~^ fired: leave the enclosing ~{ / ~< or the whole FORMAT. `all_` for ~:^ (end the ~:{ entirely)."""

    def __init__(self, all_: bool) -> None:
        super().__init__()
        self.all_ = all_


class _Args:
    """The argument list of one FORMAT level (the whole call, or one ~{ iteration step)."""

    def __init__(self, items: list[LispObject], outer: _Args | None = None) -> None:
        self.items = items
        self.index = 0
        self.outer = outer  # for one step of ~:{, the list of sublists (what ~:^ tests)

    def remaining(self) -> int:
        return len(self.items) - self.index


class _Output:
    def __init__(self, column: int) -> None:
        self.parts: list[str] = []
        self.start_column = column

    def write(self, text: str) -> None:
        if text:
            self.parts.append(text)

    def column(self) -> int:
        count = 0
        for part in reversed(self.parts):
            nl = part.rfind("\n")
            if nl >= 0:
                return count + len(part) - nl - 1
            count += len(part)
        return count + self.start_column

    def text(self) -> str:
        return "".join(self.parts)


def _lisp_list_items(x: LispObject) -> list[LispObject] | None:
    if x is NIL:
        return []
    items = []
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    return items if x is NIL else None


class _Formatter:
    def __init__(self, control: str, package: Package | None, user: UserDirective | None) -> None:
        self.control = control
        self.package = package
        self.user = user

    # -- helpers

    def fail(self, d: _Directive | None, message: str) -> NoReturn:
        _fail(self.control, d.start + 1 if d else 0, message)

    def next_arg(self, args: _Args, d: _Directive) -> LispObject:
        if args.index >= len(args.items):
            self.fail(d, "No more arguments")
        value = args.items[args.index]
        args.index += 1
        return value

    def params(self, d: _Directive, args: _Args, defaults: list[Any]) -> list[Any]:
        """The directive's parameters with V and # resolved and defaults filled in."""
        if len(d.params) > len(defaults):
            self.fail(d, f"too many parameters, expected no more than {len(defaults)}")
        result = list(defaults)
        for i, p in enumerate(d.params):
            if p == _V:
                p = self.next_arg(args, d)
                if p is NIL:
                    p = None
                elif isinstance(p, Char):
                    p = chr(p.code)
            elif p == _COUNT:
                p = args.remaining()
            if p is not None:
                if defaults[i] is not None and type(p) is not type(defaults[i]):
                    wanted = "a character" if isinstance(defaults[i], str) else "an integer"
                    self.fail(d, f"the parameter {prin1_to_string(p)} is not {wanted}")
                result[i] = p
        return result

    def prin(self, x: LispObject, escape: bool) -> str:
        return prin1_to_string(x, package=self.package, escape=escape)

    # -- driver

    def run(self, nodes: list[Node], args: _Args, out: _Output) -> None:
        for node in nodes:
            if isinstance(node, str):
                out.write(node)
            else:
                self.directive(node, args, out)

    def directive(self, d: _Directive, args: _Args, out: _Output) -> None:
        c = d.char
        handler = _HANDLERS.get(c)
        if handler is None:
            self.fail(d, f"unknown format directive ~{c}")
        try:
            handler(self, d, args, out)
        except (TypeError, ValueError, OverflowError) as exc:  # e.g. a character where a number was expected
            self.fail(d, f"bad parameters or argument for ~{c}: {exc}")

    # -- printing directives

    def do_a(self, d: _Directive, args: _Args, out: _Output) -> None:
        mincol, colinc, minpad, padchar = self.params(d, args, [0, 1, 0, " "])
        x = self.next_arg(args, d)
        text = "()" if (d.colon and x is NIL) else self.prin(x, d.char != "A")
        out.write(_pad(text, mincol, colinc, minpad, padchar, d.at))

    def do_w(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        out.write(self.prin(self.next_arg(args, d), True))

    def do_integer(self, d: _Directive, args: _Args, out: _Output) -> None:
        base = {"D": 10, "B": 2, "O": 8, "X": 16}[d.char]
        mincol, padchar, commachar, interval = self.params(d, args, [0, " ", ",", 3])
        self.write_integer(d, self.next_arg(args, d), base, mincol, padchar, commachar, interval, out)

    def write_integer(
        self, d: _Directive, x: LispObject, base: int, mincol: int, pad: str, comma: str, interval: int, out: _Output
    ) -> None:
        if not (isinstance(x, int) and not isinstance(x, bool)):
            out.write(prin1_to_string(x, package=self.package, escape=False, base=base))
            return
        digits = integer_to_string(abs(x), base)
        if d.colon:
            groups = []
            while len(digits) > interval:
                groups.append(digits[-interval:])
                digits = digits[:-interval]
            groups.append(digits)
            digits = comma.join(reversed(groups))
        if x < 0:
            digits = "-" + digits
        elif d.at:
            digits = "+" + digits
        out.write(digits.rjust(mincol, pad))

    def do_r(self, d: _Directive, args: _Args, out: _Output) -> None:
        if d.params:
            radix, mincol, padchar, commachar, interval = self.params(d, args, [10, 0, " ", ",", 3])
            if radix is None or not 2 <= radix <= 36:
                self.fail(d, f"~R radix must be an integer between 2 and 36, not {radix}")
            x = self.next_arg(args, d)
            self.write_integer(d, x, radix, mincol, padchar, commachar, interval, out)
            return
        x = self.next_arg(args, d)
        if not (isinstance(x, int) and not isinstance(x, bool)):
            self.fail(d, f"{self.prin(x, True)} is not of type INTEGER.")
        if d.at:
            text = roman(x, old=d.colon)
            if text is None:
                message = f"Number too large to print in Roman numerals: {x:,}"
                raise LispError(Condition("SIMPLE-ERROR", message))
            out.write(text)
            return
        text = english_ordinal(x) if d.colon else english_cardinal(x)
        if text is None:
            raise LispError(Condition("SIMPLE-ERROR", f"Number too large to print in English: {x:,}"))
        out.write(text)

    def do_p(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        if d.colon:
            if args.index == 0:
                self.fail(d, "no previous argument")
            args.index -= 1
        x = self.next_arg(args, d)
        one = x == 1 and isinstance(x, int) and not isinstance(x, bool)
        if d.at:
            out.write("y" if one else "ies")
        elif not one:
            out.write("s")

    def do_c(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        x = self.next_arg(args, d)
        if not isinstance(x, Char):
            self.fail(d, f"{self.prin(x, True)} is not of type CHARACTER.")
        if d.colon:
            code = x.code
            out.write(chr(code) if 32 < code < 127 or (code > 159 and chr(code).isprintable()) else char_name(code))
        elif d.at:
            out.write(char_to_string(x, True))
        else:
            out.write(chr(x.code))

    def do_float(self, d: _Directive, args: _Args, out: _Output) -> None:
        c = d.char
        if c == "F":
            w, dd, k, over, pad = self.params(d, args, [None, None, None, None, " "])
            x = self.next_arg(args, d)
            text = format_fixed(x, w, dd, k or 0, over, pad, d.at)
        elif c == "E" or c == "G":
            w, dd, e, k, over, pad, marker = self.params(d, args, [None, None, None, None, None, " ", None])
            x = self.next_arg(args, d)
            fn = format_exponential if c == "E" else format_general
            text = fn(x, w, dd, e, k, over, pad, marker, d.at)
        else:
            dd, nn, w, pad = self.params(d, args, [2, 1, 0, " "])
            x = self.next_arg(args, d)
            text = format_dollars(x, dd, nn, w, pad, d.at, d.colon)
        if text is None:  # not a number: ~A (SBCL ignores the width here)
            text = self.prin(x, False)
        out.write(text)

    # -- layout directives

    def do_newline(self, d: _Directive, args: _Args, out: _Output) -> None:
        (count,) = self.params(d, args, [1])
        c = d.char
        if c == "&":
            if count > 0:
                out.write(("\n" if out.column() != 0 else "") + "\n" * (count - 1))
            return
        out.write({"%": "\n", "|": "\f", "~": "~"}[c] * count)

    def do_t(self, d: _Directive, args: _Args, out: _Output) -> None:
        colnum, colinc = self.params(d, args, [1, 1])
        column = out.column()
        if d.at:
            column_after = column + colnum
            if colinc > 0:
                column_after = -(-column_after // colinc) * colinc
            out.write(" " * (column_after - column))
        elif column < colnum:
            out.write(" " * (colnum - column))
        elif colinc > 0:
            out.write(" " * (colinc - (column - colnum) % colinc))

    def do_star(self, d: _Directive, args: _Args, out: _Output) -> None:
        if d.at:
            (n,) = self.params(d, args, [0])
            if not 0 <= n <= len(args.items):
                self.fail(d, f"index {n} is out of bounds; there are {len(args.items)} arguments")
            args.index = n
            return
        (n,) = self.params(d, args, [1])
        target = args.index - n if d.colon else args.index + n
        if target < 0:
            self.fail(d, "no more arguments to back up over")
        if target > len(args.items):
            self.fail(d, "No more arguments")
        args.index = target

    def do_ignored(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [None, None])  # ~_ ~I: pretty-printer directives, no effect without *print-pretty*

    def do_user(self, d: _Directive, args: _Args, out: _Output) -> None:
        params = [args.remaining() if p == _COUNT else self.next_arg(args, d) if p == _V else p for p in d.params]
        x = self.next_arg(args, d)
        if self.user is None:
            self.fail(d, f"~/{d.name}/ is not supported here")
        out.write(self.user(d.name, x, d.colon, d.at, params))

    # -- control-flow directives

    def do_caret(self, d: _Directive, args: _Args, out: _Output) -> None:
        p = self.params(d, args, [None, None, None])
        given = [x for x in p if x is not None]
        if d.colon and args.outer is None:
            self.fail(d, "~:^ may only be used inside ~:{ or ~:@{")
        if not given:
            stop = (args.outer.remaining() if d.colon and args.outer else args.remaining()) == 0
        elif len(given) == 1:
            stop = given[0] == 0
        elif len(given) == 2:
            stop = given[0] == given[1]
        else:
            stop = given[0] <= given[1] <= given[2]
        if stop:
            raise _UpAndOut(d.colon)

    def do_conditional(self, d: _Directive, args: _Args, out: _Output) -> None:
        clauses = d.clauses
        if d.colon and d.at:
            self.fail(d, "cannot specify both colon and at-sign for ~[")
        if d.colon:
            self.params(d, args, [])
            if len(clauses) != 2:
                self.fail(d, "~:[ must have exactly two clauses")
            chosen = clauses[0] if self.next_arg(args, d) is NIL else clauses[1]
        elif d.at:
            self.params(d, args, [])
            if len(clauses) != 1:
                self.fail(d, "~@[ must have exactly one clause")
            if self.next_arg(args, d) is NIL:
                return
            args.index -= 1
            chosen = clauses[0]
        else:
            (index,) = self.params(d, args, [None])
            if index is None:
                index = self.next_arg(args, d)
                if not (isinstance(index, int) and not isinstance(index, bool)):
                    self.fail(d, f"the argument to ~[ must be an integer, not {self.prin(index, True)}")
            if 0 <= index < len(clauses) - (1 if d.default_clause else 0):
                chosen = clauses[index]
            elif d.default_clause:
                chosen = clauses[-1]
            else:
                return
        self.run(chosen, args, out)

    def do_iteration(self, d: _Directive, args: _Args, out: _Output) -> None:
        (limit,) = self.params(d, args, [None])
        body = d.body
        if not body:
            control = self.next_arg(args, d)
            if not isinstance(control, str):
                self.fail(d, "the argument for ~{~} must be a control string")
            body = parse_control(control)
            sub = _Formatter(control, self.package, self.user)
        else:
            sub = self
        at_least_once = d.close is not None and d.close.colon
        if d.at:
            source = args
        else:
            items = _lisp_list_items(self.next_arg(args, d))
            if items is None:
                self.fail(d, "the argument to ~{ must be a proper list")
            source = _Args(items)
        count = 0
        while True:
            if limit is not None and count >= limit:
                break
            if source.remaining() == 0 and not (at_least_once and count == 0):
                break
            count += 1
            if d.colon:
                sublist = _lisp_list_items(self.next_arg(source, d))
                if sublist is None:
                    self.fail(d, "the elements of the ~:{ argument must be lists")
                step = _Args(sublist, outer=source)
                try:
                    sub.run(body, step, out)
                except _UpAndOut as exc:
                    if exc.all_:
                        break
            else:
                try:
                    sub.run(body, source, out)
                except _UpAndOut:
                    break

    def do_case(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        inner = _Output(out.column())
        escape: _UpAndOut | None = None
        try:
            self.run(d.body, args, inner)
        except _UpAndOut as exc:
            escape = exc
        text = inner.text()
        if d.colon and d.at:
            text = text.upper()
        elif d.colon:
            text = _capitalize_words(text)
        elif d.at:
            text = _capitalize_first(text)
        else:
            text = text.lower()
        out.write(text)
        if escape is not None:
            raise escape

    def do_recursive(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        control = self.next_arg(args, d)
        if not isinstance(control, str):
            self.fail(d, f"{self.prin(control, True)} is not a control string")
        sub = _Formatter(control, self.package, self.user)
        nodes = parse_control(control)
        if d.at:
            try:
                sub.run(nodes, args, out)
            except _UpAndOut:
                pass
            return
        items = _lisp_list_items(self.next_arg(args, d))
        if items is None:
            self.fail(d, "the arguments for ~? must be a proper list")
        try:
            sub.run(nodes, _Args(items), out)
        except _UpAndOut:
            pass

    def do_justify(self, d: _Directive, args: _Args, out: _Output) -> None:
        if d.close is not None and d.close.colon:  # ~<...~:>: logical block, printed without pretty printing
            self.logical_block(d, args, out)
            return
        mincol, colinc, minpad, padchar = self.params(d, args, [0, 1, 0, " "])
        segments: list[str] = []
        try:
            for clause in d.clauses:
                inner = _Output(out.column())
                self.run(clause, args, inner)
                segments.append(inner.text())
        except _UpAndOut:
            pass
        if d.default_clause and segments:
            segments.pop(0)  # the ~:; overflow prefix: lines never overflow here (no line width is tracked)
        out.write(_justify(segments, mincol, colinc, minpad, padchar, d.colon, d.at))

    def logical_block(self, d: _Directive, args: _Args, out: _Output) -> None:
        self.params(d, args, [])
        clauses = d.clauses
        if len(clauses) > 3:
            self.fail(d, "too many segments for ~<...~:>")
        prefix = _literal(clauses[0]) if len(clauses) > 1 else ""
        suffix = _literal(clauses[2]) if len(clauses) > 2 else ""
        body = clauses[1] if len(clauses) > 1 else clauses[0]
        if d.at:
            source = args
        else:
            arg = self.next_arg(args, d)
            items = _lisp_list_items(arg)
            if items is None:
                out.write(self.prin(arg, True))
                return
            source = _Args(items)
        out.write(prefix)
        try:
            self.run(body, source, out)
        except _UpAndOut:
            pass
        out.write(suffix)


def _literal(nodes: list[Node]) -> str:
    return "".join(n for n in nodes if isinstance(n, str))


def _pad(text: str, mincol: int, colinc: int, minpad: int, padchar: str, left: bool) -> str:
    padding = minpad
    while len(text) + padding < mincol:
        padding += max(colinc, 1)
    fill = padchar * padding
    return fill + text if left else text + fill


def _justify(segments: list[str], mincol: int, colinc: int, minpad: int, padchar: str, colon: bool, at: bool) -> str:
    """~<...~>: spread the segments over at least mincol columns."""
    if not segments:
        return ""
    gaps = len(segments) - 1 + (1 if colon else 0) + (1 if at else 0)
    if gaps == 0:  # a single segment without modifiers is right-justified
        gaps, colon = 1, True
    length = sum(len(s) for s in segments) + gaps * minpad
    width = mincol
    while width < length:
        width += max(colinc, 1)
    total_pad = width - sum(len(s) for s in segments)
    base, extra = divmod(total_pad, gaps)
    pads = [base + (1 if i >= gaps - extra else 0) for i in range(gaps)]
    parts: list[str] = []
    i = 0
    if colon:
        parts.append(padchar * pads[i])
        i += 1
    for j, seg in enumerate(segments):
        parts.append(seg)
        if j < len(segments) - 1:
            parts.append(padchar * pads[i])
            i += 1
    if at:
        parts.append(padchar * pads[i])
    return "".join(parts)


def _capitalize_words(text: str) -> str:
    result = []
    in_word = False
    for c in text:
        if c.isalnum():
            result.append(c.lower() if in_word else c.upper())
            in_word = True
        else:
            result.append(c)
            in_word = False
    return "".join(result)


def _capitalize_first(text: str) -> str:
    lowered = text.lower()
    for i, c in enumerate(lowered):
        if c.isalpha():
            return lowered[:i] + c.upper() + lowered[i + 1 :]
        if c.isdigit():
            break
    return lowered


_HANDLERS: dict[str, Callable[[_Formatter, _Directive, _Args, _Output], None]] = {
    "A": _Formatter.do_a,
    "S": _Formatter.do_a,
    "W": _Formatter.do_w,
    "D": _Formatter.do_integer,
    "B": _Formatter.do_integer,
    "O": _Formatter.do_integer,
    "X": _Formatter.do_integer,
    "R": _Formatter.do_r,
    "P": _Formatter.do_p,
    "C": _Formatter.do_c,
    "F": _Formatter.do_float,
    "E": _Formatter.do_float,
    "G": _Formatter.do_float,
    "$": _Formatter.do_float,
    "%": _Formatter.do_newline,
    "&": _Formatter.do_newline,
    "|": _Formatter.do_newline,
    "~": _Formatter.do_newline,
    "T": _Formatter.do_t,
    "*": _Formatter.do_star,
    "_": _Formatter.do_ignored,
    "I": _Formatter.do_ignored,
    "/": _Formatter.do_user,
    "^": _Formatter.do_caret,
    "[": _Formatter.do_conditional,
    "{": _Formatter.do_iteration,
    "(": _Formatter.do_case,
    "?": _Formatter.do_recursive,
    "<": _Formatter.do_justify,
}


def format_string(
    control: str,
    args: list[LispObject],
    *,
    column: int = 0,
    package: Package | None = None,
    apply_function: UserDirective | None = None,
) -> str:
    """(FORMAT NIL control . args). `column` is the destination's current column (for ~& and ~T); `package` is
    *package* for printing symbols; `apply_function` implements ~/NAME/ (None: ~/ signals an error)."""
    nodes = parse_control(control)
    formatter = _Formatter(control, package, apply_function)
    out = _Output(column)
    try:
        formatter.run(nodes, _Args(list(args)), out)
    except _UpAndOut:
        pass
    return out.text()
