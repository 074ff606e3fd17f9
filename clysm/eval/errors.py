# Signalling standard Lisp conditions from Python code (built-ins, evaluator, bridges) and the condition type lattice.
from __future__ import annotations

from typing import Any, NoReturn

from clysm.lisp.types import Condition, LispError

# Standard condition types and their direct supertypes (names as the symbols' names).
CONDITION_PARENTS: dict[str, tuple[str, ...]] = {
    "CONDITION": (),
    "SERIOUS-CONDITION": ("CONDITION",),
    "WARNING": ("CONDITION",),
    "STYLE-WARNING": ("WARNING",),
    "SIMPLE-CONDITION": ("CONDITION",),
    "SIMPLE-WARNING": ("SIMPLE-CONDITION", "WARNING"),
    "ERROR": ("SERIOUS-CONDITION",),
    "STORAGE-CONDITION": ("SERIOUS-CONDITION",),
    "STACK-EXHAUSTED": ("STORAGE-CONDITION", "ERROR"),
    "SIMPLE-ERROR": ("SIMPLE-CONDITION", "ERROR"),
    "TYPE-ERROR": ("ERROR",),
    "SIMPLE-TYPE-ERROR": ("SIMPLE-CONDITION", "TYPE-ERROR"),
    "PROGRAM-ERROR": ("ERROR",),
    "CONTROL-ERROR": ("ERROR",),
    "CELL-ERROR": ("ERROR",),
    "UNBOUND-VARIABLE": ("CELL-ERROR",),
    "UNDEFINED-FUNCTION": ("CELL-ERROR",),
    "UNBOUND-SLOT": ("CELL-ERROR",),
    "ARITHMETIC-ERROR": ("ERROR",),
    "DIVISION-BY-ZERO": ("ARITHMETIC-ERROR",),
    "FLOATING-POINT-OVERFLOW": ("ARITHMETIC-ERROR",),
    "PACKAGE-ERROR": ("ERROR",),
    "PARSE-ERROR": ("ERROR",),
    "READER-ERROR": ("PARSE-ERROR",),
    "STREAM-ERROR": ("ERROR",),
    "END-OF-FILE": ("STREAM-ERROR",),
    "FILE-ERROR": ("ERROR",),
    "PRINT-NOT-READABLE": ("ERROR",),
}


def condition_subtypep(type_name: str, ancestor: str, parents: dict[str, tuple[str, ...]] | None = None) -> bool:
    """True if condition type `type_name` is `ancestor` or inherits from it (user types via `parents`)."""
    if ancestor in ("T", "CONDITION") or type_name == ancestor:
        return True
    table = parents or CONDITION_PARENTS
    seen: set[str] = set()
    todo = [type_name]
    while todo:
        name = todo.pop()
        if name == ancestor:
            return True
        if name in seen:
            continue
        seen.add(name)
        todo.extend(table.get(name, CONDITION_PARENTS.get(name, ())))
    return False


def signal_error(type_name: str, message: str, **slots: Any) -> NoReturn:
    raise LispError(Condition(type_name, message, **slots))


def _show(obj: Any) -> str:
    from clysm.lisp.printer import prin1_to_string

    try:
        return prin1_to_string(obj)
    except Exception:  # printing must never hide the real error
        return repr(obj)


def type_error(datum: Any, expected_type: str, where: str | None = None) -> NoReturn:
    """Signal TYPE-ERROR: 'The value X is not of type Y' (SBCL's wording), optionally naming the operator."""
    msg = f"The value {_show(datum)} is not of type {expected_type}"
    if where:
        msg += f" (in {where})"
    signal_error("TYPE-ERROR", msg, DATUM=datum, EXPECTED_TYPE=expected_type)


def program_error(message: str) -> NoReturn:
    signal_error("PROGRAM-ERROR", message)


def arg_count_error(name: str, given: int, expected: str) -> NoReturn:
    """Wrong number of arguments: PROGRAM-ERROR naming the function."""
    program_error(f"invalid number of arguments to {name}: {given} (expected {expected})")


def simple_error(message: str) -> NoReturn:
    signal_error("SIMPLE-ERROR", message)


def division_by_zero(operation: str) -> NoReturn:
    signal_error("DIVISION-BY-ZERO", f"arithmetic error DIVISION-BY-ZERO signalled (operation {operation})")


def control_error(message: str) -> NoReturn:
    signal_error("CONTROL-ERROR", message)


def undefined_function(name: str) -> NoReturn:
    signal_error("UNDEFINED-FUNCTION", f"The function {name} is undefined.", NAME=name)


def unbound_variable(name: str) -> NoReturn:
    signal_error("UNBOUND-VARIABLE", f"The variable {name} is unbound.", NAME=name)


def tier1_frames(exc: BaseException) -> list[Any]:
    """The frames of tiered Lisp functions running in Tier 1 (generated code holding `_tf`) that `exc` passed
    through, outermost first; a Python error the engine turned into a Lisp error (`raise ... from None`) is followed
    to the original raise point. Costs nothing until asked (only errors that escape or cross into Wasm ask)."""
    frames: list[Any] = []
    e: BaseException | None = exc
    for _ in range(8):
        if e is None:
            break
        tb = e.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if "_tf" in code.co_freevars and code.co_filename == "<lisp>":
                frames.append(tb.tb_frame)
            tb = tb.tb_next
        if not e.__suppress_context__:
            break
        e = e.__context__
    return frames
