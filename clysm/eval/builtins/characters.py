# The Characters chapter: codes, case (Unicode simple case pairs, as SBCL), comparisons (case-sensitive and not),
# classification, digits, and names (the printer's SBCL names: "Space", "Newline", Unicode names).
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import char_fold, show
from clysm.eval.builtins.registry import builtin
from clysm.lisp import printer
from clysm.lisp.types import NIL, Char, LispVector, Symbol, T, char

CHAR_CODE_LIMIT = 1114112



def _char(x: Any) -> Char:
    if type(x) is not Char:
        errors.type_error(x, "CHARACTER")
    return x


# ---------------------------------------------------------------------------------------------- case

def upcase_code(code: int) -> int:
    if code < 128:
        return code - 32 if 97 <= code <= 122 else code
    c = chr(code)
    u = c.upper()
    if len(u) == 1 and u != c and u.lower() == c:
        return ord(u)
    return code


def downcase_code(code: int) -> int:
    if code < 128:
        return code + 32 if 65 <= code <= 90 else code
    c = chr(code)
    d = c.lower()
    if len(d) == 1 and d != c and d.upper() == c:
        return ord(d)
    return code


def is_upper(code: int) -> bool:
    return downcase_code(code) != code


def is_lower(code: int) -> bool:
    return upcase_code(code) != code


@builtin("CHAR-UPCASE")
def char_upcase(c: Any) -> Any:
    return char(upcase_code(_char(c).code))


@builtin("CHAR-DOWNCASE")
def char_downcase(c: Any) -> Any:
    return char(downcase_code(_char(c).code))


@builtin("UPPER-CASE-P")
def upper_case_p(c: Any) -> Any:
    return T if is_upper(_char(c).code) else NIL


@builtin("LOWER-CASE-P")
def lower_case_p(c: Any) -> Any:
    return T if is_lower(_char(c).code) else NIL


@builtin("BOTH-CASE-P")
def both_case_p(c: Any) -> Any:
    code = _char(c).code
    return T if is_upper(code) or is_lower(code) else NIL


# ---------------------------------------------------------------------------------------------- codes

@builtin("CHAR-CODE", "CHAR-INT")
def char_code(c: Any) -> Any:
    return _char(c).code


@builtin("CODE-CHAR")
def code_char(code: Any) -> Any:
    if type(code) is not int or not 0 <= code < CHAR_CODE_LIMIT:
        errors.type_error(code, "(MOD 1114112)")
    return char(code)


@builtin("CHARACTERP")
def characterp(x: Any) -> Any:
    return T if type(x) is Char else NIL


@builtin("CHARACTER")
def character(x: Any) -> Any:
    if type(x) is Char:
        return x
    text = x if type(x) is str else x.name if isinstance(x, Symbol) else None
    if text is None and isinstance(x, LispVector) and x.element_type == "character":
        text = "".join(chr(c.code) for c in x.active())
    if text is not None and len(text) == 1:
        return char(ord(text))
    errors.signal_error(
        "SIMPLE-TYPE-ERROR", f"{show(x)} cannot be coerced to a character.", DATUM=x, EXPECTED_TYPE="CHARACTER"
    )


# ---------------------------------------------------------------------------------------------- comparisons

def _char_compare(name: str, op: Callable[[int, int], bool], fold: bool, all_pairs: bool = False) -> Any:
    def compare(first: Any, *more: Any) -> Any:
        codes = [char_fold(_char(first)) if fold else _char(first).code]
        for c in more:
            codes.append(char_fold(_char(c)) if fold else _char(c).code)
        if all_pairs:
            n = len(codes)
            for i in range(n):
                for j in range(i + 1, n):
                    if not op(codes[i], codes[j]):
                        return NIL
            return T
        for i in range(len(codes) - 1):
            if not op(codes[i], codes[i + 1]):
                return NIL
        return T

    compare.__name__ = name.lower().replace("-", "_")
    return builtin(name)(compare)


char_eq = _char_compare("CHAR=", lambda a, b: a == b, False)
char_ne = _char_compare("CHAR/=", lambda a, b: a != b, False, all_pairs=True)
char_lt = _char_compare("CHAR<", lambda a, b: a < b, False)
char_gt = _char_compare("CHAR>", lambda a, b: a > b, False)
char_le = _char_compare("CHAR<=", lambda a, b: a <= b, False)
char_ge = _char_compare("CHAR>=", lambda a, b: a >= b, False)
char_equal = _char_compare("CHAR-EQUAL", lambda a, b: a == b, True)
char_not_equal = _char_compare("CHAR-NOT-EQUAL", lambda a, b: a != b, True, all_pairs=True)
char_lessp = _char_compare("CHAR-LESSP", lambda a, b: a < b, True)
char_greaterp = _char_compare("CHAR-GREATERP", lambda a, b: a > b, True)
char_not_greaterp = _char_compare("CHAR-NOT-GREATERP", lambda a, b: a <= b, True)
char_not_lessp = _char_compare("CHAR-NOT-LESSP", lambda a, b: a >= b, True)


# ---------------------------------------------------------------------------------------------- classification

def is_alpha(code: int) -> bool:
    if code < 128:
        return 65 <= code <= 90 or 97 <= code <= 122
    return chr(code).isalpha()


def digit_weight(code: int, radix: int) -> int | None:
    if 48 <= code <= 57:
        w = code - 48
    elif 65 <= code <= 90:
        w = code - 55
    elif 97 <= code <= 122:
        w = code - 87
    elif code >= 128:
        w = unicodedata.decimal(chr(code), -1)
        if w < 0:
            return None
    else:
        return None
    return w if w < radix else None


def _radix(radix: Any) -> int:
    if type(radix) is not int or not 2 <= radix <= 36:
        errors.type_error(radix, "(INTEGER 2 36)")
    return radix


@builtin("ALPHA-CHAR-P")
def alpha_char_p(c: Any) -> Any:
    return T if is_alpha(_char(c).code) else NIL


@builtin("ALPHANUMERICP")
def alphanumericp(c: Any) -> Any:
    code = _char(c).code
    return T if is_alpha(code) or digit_weight(code, 10) is not None else NIL


@builtin("DIGIT-CHAR-P")
def digit_char_p(c: Any, radix: Any = 10) -> Any:
    w = digit_weight(_char(c).code, _radix(radix))
    return NIL if w is None else w


@builtin("DIGIT-CHAR")
def digit_char(weight: Any, radix: Any = 10) -> Any:
    r = _radix(radix)
    if type(weight) is not int or weight < 0:
        errors.type_error(weight, "UNSIGNED-BYTE")
    if weight >= r:
        return NIL
    return char(48 + weight if weight < 10 else 55 + weight)


@builtin("GRAPHIC-CHAR-P")
def graphic_char_p(c: Any) -> Any:
    code = _char(c).code
    return T if 31 < code < 127 or code > 159 else NIL


@builtin("STANDARD-CHAR-P")
def standard_char_p(c: Any) -> Any:
    code = _char(c).code
    return T if 32 <= code <= 126 or code == 10 else NIL


# ---------------------------------------------------------------------------------------------- names

@builtin("CHAR-NAME")
def char_name(c: Any) -> Any:
    name = printer.char_name(_char(c).code)
    return NIL if name is None else name


@builtin("NAME-CHAR")
def name_char(name: Any) -> Any:
    if type(name) is Char:
        return name
    text = name.name if isinstance(name, Symbol) else name if type(name) is str else None
    if text is None and isinstance(name, LispVector) and name.element_type == "character":
        text = "".join(chr(c.code) for c in name.active())
    if text is None:
        errors.type_error(name, "(OR STRING SYMBOL CHARACTER)")
    code = printer.name_char(text)
    return NIL if code is None else char(code)
