# The Environment chapter's functions a program uses: universal time (get-universal-time, decode/encode, with
# CL's zone convention: hours WEST of Greenwich), internal time in microseconds (SBCL's unit), sleep, and the
# implementation/machine description functions. Also the values of the standard constants (for the engine).
from __future__ import annotations

import calendar
import math
import platform
import time
from fractions import Fraction
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Cons, SingleFloat, T, to_single

UNIX_EPOCH_UT = 2208988800  # universal time of 1970-01-01T00:00:00Z
INTERNAL_TIME_UNITS_PER_SECOND = 1000000


def _real_zone(tz: Any) -> Any:
    if type(tz) not in (int, Fraction) or not -24 <= tz <= 24:
        errors.type_error(tz, "(RATIONAL -24 24)")
    return tz


# ---------------------------------------------------------------------------------------------- universal time

@builtin("GET-UNIVERSAL-TIME")
def get_universal_time() -> Any:
    return int(time.time()) + UNIX_EPOCH_UT


def _decode(ut: int, tz: Any) -> tuple[Any, ...]:
    unix = ut - UNIX_EPOCH_UT
    if tz is NIL:
        local = time.localtime(unix)
        offset_west = -local.tm_gmtoff if local.tm_gmtoff is not None else 0
        dst = local.tm_isdst > 0
        zone = Fraction(offset_west + (3600 if dst else 0), 3600)
        tm = local
    else:
        zone = tz
        dst = False
        tm = time.gmtime(unix - math.floor(tz * 3600))
    zone = zone.numerator if isinstance(zone, Fraction) and zone.denominator == 1 else zone
    return (tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon, tm.tm_year, tm.tm_wday,
            T if dst else NIL, zone)


@builtin("DECODE-UNIVERSAL-TIME")
@returns_values
def decode_universal_time(ut: Any, tz: Any = NIL) -> Any:
    if type(ut) is not int or ut < 0:
        errors.type_error(ut, "UNSIGNED-BYTE")
    if tz is not NIL:
        _real_zone(tz)
    try:
        return values(*_decode(ut, tz))
    except (OverflowError, OSError, ValueError):
        errors.simple_error(f"DECODE-UNIVERSAL-TIME: {ut} is outside the range of supported times")


@builtin("GET-DECODED-TIME")
@returns_values
def get_decoded_time() -> Any:
    return values(*_decode(get_universal_time(), NIL))


@builtin("ENCODE-UNIVERSAL-TIME")
def encode_universal_time(sec: Any, minute: Any, hour: Any, date: Any, month: Any, year: Any, tz: Any = NIL) -> Any:
    for x, hi in ((sec, 59), (minute, 59), (hour, 23), (date, 31), (month, 12)):
        if type(x) is not int or x < 0 or x > hi:
            errors.type_error(x, f"(INTEGER 0 {hi})")
    if type(year) is not int or year < 0:
        errors.type_error(year, "UNSIGNED-BYTE")
    if year < 100:  # the year within 50 years of now
        this_year = time.gmtime().tm_year
        year += this_year - this_year % 100
        if year > this_year + 50:
            year -= 100
        elif year <= this_year - 50:
            year += 100
    seconds = calendar.timegm((year, month, date, hour, minute, sec, 0, 0, 0))
    if tz is NIL:
        local = time.localtime(seconds)
        offset = local.tm_gmtoff if local.tm_gmtoff is not None else 0
        seconds -= offset
        local2 = time.localtime(seconds)
        if local2.tm_gmtoff is not None and local2.tm_gmtoff != offset:  # a DST boundary
            seconds += offset - local2.tm_gmtoff
    else:
        seconds += math.floor(_real_zone(tz) * 3600)
    return seconds + UNIX_EPOCH_UT


# ---------------------------------------------------------------------------------------------- internal time

@builtin("GET-INTERNAL-REAL-TIME")
def get_internal_real_time() -> Any:
    return time.perf_counter_ns() // 1000


@builtin("GET-INTERNAL-RUN-TIME")
def get_internal_run_time() -> Any:
    return time.process_time_ns() // 1000


@builtin("SLEEP")
def sleep(seconds: Any) -> Any:
    if type(seconds) not in (int, float, SingleFloat, Fraction) or seconds < 0:
        errors.type_error(seconds, "(REAL 0)")
    time.sleep(float(seconds))
    return NIL


# ---------------------------------------------------------------------------------------------- descriptions

@builtin("LISP-IMPLEMENTATION-TYPE")
def lisp_implementation_type() -> Any:
    return "clysm"


@builtin("LISP-IMPLEMENTATION-VERSION")
def lisp_implementation_version() -> Any:
    return "0.1.0"


@builtin("MACHINE-TYPE")
def machine_type() -> Any:
    return platform.machine().upper() or NIL


@builtin("MACHINE-VERSION", "MACHINE-INSTANCE", "SHORT-SITE-NAME", "LONG-SITE-NAME")
def machine_version() -> Any:
    return NIL


@builtin("SOFTWARE-TYPE")
def software_type() -> Any:
    return platform.system() or NIL


@builtin("SOFTWARE-VERSION")
def software_version() -> Any:
    return platform.release() or NIL


# ---------------------------------------------------------------------------------------------- constants

_FIXNUM_MAX = 4611686018427387903

_NUMBER_CONSTANTS: tuple[tuple[str, Any], ...] = (
    ("MOST-POSITIVE-FIXNUM", _FIXNUM_MAX),
    ("MOST-NEGATIVE-FIXNUM", -_FIXNUM_MAX - 1),
    ("PI", math.pi),
    ("CHAR-CODE-LIMIT", 1114112),
    ("ARRAY-RANK-LIMIT", 129),
    ("ARRAY-DIMENSION-LIMIT", _FIXNUM_MAX - 2),
    ("ARRAY-TOTAL-SIZE-LIMIT", _FIXNUM_MAX - 2),
    ("CALL-ARGUMENTS-LIMIT", _FIXNUM_MAX),
    ("LAMBDA-PARAMETERS-LIMIT", _FIXNUM_MAX),
    ("MULTIPLE-VALUES-LIMIT", _FIXNUM_MAX),
    ("INTERNAL-TIME-UNITS-PER-SECOND", INTERNAL_TIME_UNITS_PER_SECOND),
    *[(f"{prefix}-DOUBLE-FLOAT", value) for prefix, value in (
        ("MOST-POSITIVE", 1.7976931348623157e308), ("MOST-NEGATIVE", -1.7976931348623157e308),
        ("LEAST-POSITIVE", 5e-324), ("LEAST-NEGATIVE", -5e-324),
        ("LEAST-POSITIVE-NORMALIZED", 2.2250738585072014e-308), ("LEAST-NEGATIVE-NORMALIZED", -2.2250738585072014e-308),
    )],
    ("DOUBLE-FLOAT-EPSILON", 1.1102230246251568e-16),
    ("DOUBLE-FLOAT-NEGATIVE-EPSILON", 5.551115123125784e-17),
    *[(f"{prefix}-LONG-FLOAT", value) for prefix, value in (
        ("MOST-POSITIVE", 1.7976931348623157e308), ("MOST-NEGATIVE", -1.7976931348623157e308),
        ("LEAST-POSITIVE", 5e-324), ("LEAST-NEGATIVE", -5e-324),
        ("LEAST-POSITIVE-NORMALIZED", 2.2250738585072014e-308), ("LEAST-NEGATIVE-NORMALIZED", -2.2250738585072014e-308),
    )],
    ("LONG-FLOAT-EPSILON", 1.1102230246251568e-16),
    ("LONG-FLOAT-NEGATIVE-EPSILON", 5.551115123125784e-17),
    *[(f"{prefix}-{kind}-FLOAT", to_single(value)) for kind in ("SINGLE", "SHORT") for prefix, value in (
        ("MOST-POSITIVE", 3.4028234663852886e38), ("MOST-NEGATIVE", -3.4028234663852886e38),
        ("LEAST-POSITIVE", 1.401298464324817e-45), ("LEAST-NEGATIVE", -1.401298464324817e-45),
        ("LEAST-POSITIVE-NORMALIZED", 1.1754943508222875e-38), ("LEAST-NEGATIVE-NORMALIZED", -1.1754943508222875e-38),
    )],
    ("SINGLE-FLOAT-EPSILON", to_single(5.960465e-08)),
    ("SINGLE-FLOAT-NEGATIVE-EPSILON", to_single(2.9802326e-08)),
    ("SHORT-FLOAT-EPSILON", to_single(5.960465e-08)),
    ("SHORT-FLOAT-NEGATIVE-EPSILON", to_single(2.9802326e-08)),
    *[(f"BOOLE-{name}", code) for code, name in enumerate(
        ("CLR", "SET", "1", "2", "C1", "C2", "AND", "IOR", "XOR", "EQV", "NAND", "NOR", "ANDC1", "ANDC2", "ORC1",
         "ORC2"))],
)


def standard_constants(engine: Any) -> list[tuple[str, Any]]:
    """(name, value) of the COMMON-LISP constants of the chapters built in here, for the engine to define."""
    keywords: Any = NIL
    for name in reversed(("&ALLOW-OTHER-KEYS", "&AUX", "&BODY", "&ENVIRONMENT", "&KEY", "&OPTIONAL", "&REST",
                          "&WHOLE")):
        keywords = Cons(engine.intern(name, "COMMON-LISP"), keywords)
    return [*_NUMBER_CONSTANTS, ("LAMBDA-LIST-KEYWORDS", keywords)]
