# Restarts: Restart objects, the engine's dynamic restart stack (ObjectState.restarts, clusters pushed by
# CLYSM::%WITH-RESTARTS, which RESTART-CASE expands into), INVOKE-RESTART, INVOKE-RESTART-INTERACTIVELY,
# FIND-RESTART, COMPUTE-RESTARTS, RESTART-NAME and the restart functions ABORT, CONTINUE, USE-VALUE,
# STORE-VALUE. A Lisp error raised by Python code inside %WITH-RESTARTS is signalled there, so handlers see the
# restarts before anything unwinds. Python code can offer a restart with `with_restart` (CERROR's CONTINUE).
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.objstate import state
from clysm.lisp.printer import object_id
from clysm.lisp.types import NIL, Cons, LispError, Symbol, T


class Restart:
    __slots__ = ("name", "function", "report", "interactive", "test", "engine")

    def __init__(self, engine: Any, name: Any, function: Any, report: Any, interactive: Any, test: Any) -> None:
        self.engine = engine
        self.name = name
        self.function = function
        self.report = report  # NIL, a string, or a function of a stream
        self.interactive = interactive
        self.test = test

    def lisp_type_of(self, engine: Any) -> Any:
        return engine.sym("RESTART")

    def report_text(self) -> str:
        if isinstance(self.report, str):
            return self.report
        if self.report is not NIL and self.report is not None:
            from clysm.eval.builtins.streams import StringOutputStream

            stream = StringOutputStream()
            self.report(stream)
            return stream.take()
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(self.name)

    def lisp_print(self, sub: Any, escape: bool) -> str:
        if not escape:
            return self.report_text()
        return f"#<RESTART {sub(self.name)} {object_id(self)}>"


class RestartTransfer(BaseException):  # noqa: N818  (a control transfer to a Python-established restart)
    def __init__(self, token: object, args: tuple[Any, ...]) -> None:
        super().__init__()
        self.token = token
        self.args_ = args


def _items(x: Any) -> list[Any]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


def _list(items: list[Any]) -> Any:
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


@builtin("%MAKE-RESTART", package="CLYSM", engine=True)
def make_restart(engine: Any, name: Any, function: Any, report: Any = NIL, interactive: Any = NIL,
                 test: Any = NIL) -> Any:
    return Restart(engine, name, function, report, interactive, test)


def _signal_here(engine: Any, e: BaseException) -> LispError:
    """A Lisp error not yet seen by the handlers (raised by Python code): signal it now, with the restarts of
    this frame still active."""
    from clysm.eval.conditions import condition_from_python, signal_condition

    if isinstance(e, LispError):
        if not getattr(e, "signalled", False):
            e.signalled = True  # type: ignore[attr-defined]
            signal_condition(engine, e.condition)
        return e
    err = LispError(condition_from_python(engine, e))
    err.signalled = True  # type: ignore[attr-defined]
    signal_condition(engine, err.condition)
    return err


@builtin("%WITH-RESTARTS", package="CLYSM", engine=True)
def with_restarts(engine: Any, restarts: Any, thunk: Any) -> Any:
    """Run thunk with a cluster of restarts established (innermost last in the engine's stack)."""
    stack = state(engine).restarts
    stack.append(_items(restarts))
    depth = len(stack)
    try:
        return thunk()
    except LispError as e:
        raise _signal_here(engine, e) from None
    except Exception as e:  # noqa: BLE001  (a Python error from a built-in: a Lisp condition, signalled here)
        raise _signal_here(engine, e) from None
    finally:
        del stack[depth - 1:]


def with_restart(engine: Any, name: str, report: str, body: Any) -> tuple[bool, tuple[Any, ...], Any]:
    """Run body() with a restart `name` (a COMMON-LISP symbol name) established from Python: (invoked?, the
    restart's arguments, body's value)."""
    token = object()

    def transfer(*args: Any) -> Any:
        raise RestartTransfer(token, args)

    r = Restart(engine, engine.sym(name), transfer, report, NIL, NIL)
    stack = state(engine).restarts
    stack.append([r])
    depth = len(stack)
    try:
        return False, (), body()
    except RestartTransfer as t:
        if t.token is not token:
            raise
        return True, t.args_, NIL
    finally:
        del stack[depth - 1:]


def _visible(r: Restart, condition: Any) -> bool:
    if r.test is NIL or r.test is None:
        return True
    return r.test(condition if condition is not None else NIL) is not NIL


def active(engine: Any, condition: Any = None) -> list[Restart]:
    out: list[Restart] = []
    for cluster in reversed(state(engine).restarts):
        out.extend(r for r in cluster if _visible(r, condition))
    return out


def _find(engine: Any, designator: Any, condition: Any = None) -> Restart | None:
    if isinstance(designator, Restart):
        return designator if any(designator is r for r in active(engine, condition)) else None
    if designator is NIL:
        return None
    for r in active(engine, condition):
        if r.name is designator:
            return r
    return None


def _no_restart(designator: Any) -> None:
    from clysm.lisp.printer import prin1_to_string

    errors.control_error(f"No restart {prin1_to_string(designator)} is active.")


@builtin("FIND-RESTART", engine=True)
def find_restart(engine: Any, designator: Any, condition: Any = None) -> Any:
    r = _find(engine, designator, condition)
    return NIL if r is None else r


@builtin("COMPUTE-RESTARTS", engine=True)
def compute_restarts(engine: Any, condition: Any = None) -> Any:
    return _list(list(active(engine, condition)))


@builtin("RESTART-NAME")
def restart_name(r: Any) -> Any:
    if not isinstance(r, Restart):
        errors.type_error(r, "RESTART")
    return r.name


@builtin("INVOKE-RESTART", engine=True)
def invoke_restart(engine: Any, designator: Any, *args: Any) -> Any:
    r = _find(engine, designator)
    if r is None:
        _no_restart(designator)
    return r.function(*args)


@builtin("INVOKE-RESTART-INTERACTIVELY", engine=True)
def invoke_restart_interactively(engine: Any, designator: Any) -> Any:
    r = _find(engine, designator)
    if r is None:
        _no_restart(designator)
    args = _items(r.interactive()) if r.interactive is not NIL and r.interactive is not None else []
    return r.function(*args)


def _standard_restart(engine: Any, name: str, condition: Any, args: tuple[Any, ...], required: bool) -> Any:
    r = _find(engine, engine.sym(name), condition if condition is not NIL else None)
    if r is None:
        if required:
            _no_restart(engine.sym(name))
        return NIL
    return r.function(*args)


@builtin("ABORT", engine=True)
def abort(engine: Any, condition: Any = NIL) -> Any:
    return _standard_restart(engine, "ABORT", condition, (), True)


@builtin("CONTINUE", engine=True)
def continue_(engine: Any, condition: Any = NIL) -> Any:
    return _standard_restart(engine, "CONTINUE", condition, (), False)


@builtin("USE-VALUE", engine=True)
def use_value(engine: Any, value: Any, condition: Any = NIL) -> Any:
    return _standard_restart(engine, "USE-VALUE", condition, (value,), False)


@builtin("STORE-VALUE", engine=True)
def store_value(engine: Any, value: Any, condition: Any = NIL) -> Any:
    return _standard_restart(engine, "STORE-VALUE", condition, (value,), False)


def cerror(engine: Any, continue_format: Any, datum: Any, *args: Any) -> Any:
    """CERROR: signal the error with a CONTINUE restart that makes CERROR return NIL."""
    from clysm.eval.conditions import format_message, lisp_error

    report = format_message(engine, continue_format, _list(list(args))) if isinstance(continue_format, str) \
        else "Continue."
    with_restart(engine, "CONTINUE", report, lambda: lisp_error(engine, datum, *args))
    return NIL


__all__ = ["Restart", "T", "Symbol", "cerror", "with_restart"]
