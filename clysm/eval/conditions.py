# The condition system of Tier 1: making conditions (standard and DEFINE-CONDITION types), signalling them
# (ERROR, SIGNAL, WARN) through the engine's dynamic stack of handler clusters (HANDLER-BIND handlers run in the
# signalling context, before any unwinding), and turning Python exceptions raised by built-ins
# (ZeroDivisionError, TypeError, RecursionError, ...) into Lisp conditions, so nothing escapes as a raw Python
# exception. HANDLER-CASE and IGNORE-ERRORS are macros over %HANDLER-BIND (clysm.eval.macros.handlers).
from __future__ import annotations

import re
from typing import Any

from clysm.eval import errors
from clysm.eval.errors import CONDITION_PARENTS, condition_subtypep
from clysm.lisp.types import NIL, Condition, Cons, LispError, ReaderError, Symbol, T


class ConditionClass:
    """A condition type made by DEFINE-CONDITION."""

    __slots__ = ("name", "parents", "slots", "report")

    def __init__(self, name: str, parents: tuple[str, ...], slots: list[tuple[str, list[str], Any]],
                 report: Any) -> None:
        self.name = name
        self.parents = parents
        self.slots = slots  # (slot name, initarg keyword names, initform thunk or None)
        self.report = report  # None, a string, or a function (condition stream)


class MuffleWarning(BaseException):  # noqa: N818  (a control transfer, like the MUFFLE-WARNING restart)
    pass


def show(x: Any) -> str:
    from clysm.eval.analyze import show as _show

    return _show(x)


# ---------------------------------------------------------------------------------------------- type tests

def known_condition_type(engine: Any, name: str) -> bool:
    return name in engine.condition_parents


def condition_typep(engine: Any, cond: Any, spec: Any) -> bool:
    """Is `cond` (a Condition) of type `spec` (a symbol, T, or an OR/AND/NOT/MEMBER/EQL type)?"""
    if not isinstance(cond, Condition):
        return False
    if spec is T:
        return True
    if isinstance(spec, Symbol):
        return condition_subtypep(cond.type_name, spec.name, engine.condition_parents)
    if isinstance(spec, Cons) and isinstance(spec.car, Symbol):
        op = spec.car.name
        items: list[Any] = []
        x = spec.cdr
        while isinstance(x, Cons):
            items.append(x.car)
            x = x.cdr
        if op == "OR":
            return any(condition_typep(engine, cond, s) for s in items)
        if op == "AND":
            return all(condition_typep(engine, cond, s) for s in items)
        if op == "NOT" and len(items) == 1:
            return not condition_typep(engine, cond, items[0])
        if op in ("MEMBER", "EQL"):
            return any(cond is s for s in items)
    return False


# ---------------------------------------------------------------------------------------------- making

def make_condition(engine: Any, type_spec: Any, *initargs: Any) -> Condition:
    if not isinstance(type_spec, Symbol):
        errors.type_error(type_spec, "SYMBOL", "MAKE-CONDITION")
    name = type_spec.name
    if name not in engine.condition_parents:
        errors.simple_error(f"{show(type_spec)} does not designate a condition class.")
    if len(initargs) % 2:
        errors.program_error(f"odd-length initializer list: {show(list(initargs))}")
    given: dict[str, Any] = {}
    for i in range(0, len(initargs), 2):
        k = initargs[i]
        if not isinstance(k, Symbol):
            errors.program_error(f"{show(k)} is not a valid initarg")
        given.setdefault(k.name, initargs[i + 1])
    cond = Condition(name)
    for cls in _class_chain(engine, name):
        for slot, keys, initform in cls.slots:
            if slot in cond.slots:
                continue
            for key in keys:
                if key in given:
                    cond.slots[slot] = given[key]
                    break
            else:
                if initform is not None:
                    cond.slots[slot] = initform()
    for key, value in given.items():  # standard slots are stored under their initarg names
        cond.slots.setdefault(key, value)
    cond.message = report_message(engine, cond)
    return cond


def _class_chain(engine: Any, name: str) -> list[ConditionClass]:
    """User-defined classes of `name` and its ancestors, most specific first."""
    out: list[ConditionClass] = []
    seen: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop(0)
        if n in seen:
            continue
        seen.add(n)
        cls = engine.condition_classes.get(n)
        if cls is not None:
            out.append(cls)
        todo.extend(engine.condition_parents.get(n, ()))
    return out


def report_message(engine: Any, cond: Condition) -> str:
    """The text PRINC shows for a condition: its :REPORT, else its format control, else a default."""
    for cls in _class_chain(engine, cond.type_name):
        if cls.report is None:
            continue
        if isinstance(cls.report, str):
            return cls.report
        from clysm.eval.output import OutputStream

        out = OutputStream()
        cond.message = ""
        cls.report(cond, out)
        return out.getvalue()
    control = cond.slots.get("FORMAT-CONTROL")
    if control is not None:
        return format_message(engine, control, cond.slots.get("FORMAT-ARGUMENTS", NIL))
    return cond.message


def format_message(engine: Any, control: Any, args: Any) -> str:
    items: list[Any] = []
    x = args
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    if isinstance(control, str):
        return engine.format_to_string(control, items)
    if callable(control):
        from clysm.eval.output import OutputStream

        out = OutputStream()
        control(out, *items)
        return out.getvalue()
    return show(control)


def coerce_to_condition(engine: Any, datum: Any, args: tuple[Any, ...], default_type: str, fname: str) -> Condition:
    """The condition ERROR/SIGNAL/WARN signal for (datum . args)."""
    if isinstance(datum, Condition):
        if args:
            errors.program_error(f"{fname}: extra arguments after a condition object")
        return datum
    if isinstance(datum, str) or callable(datum) and not isinstance(datum, Symbol):
        from clysm.eval.runtime import lisp_list

        cond = Condition(default_type, "", **{"FORMAT-CONTROL": datum, "FORMAT-ARGUMENTS": lisp_list(args)})
        cond.message = format_message(engine, datum, cond.slots["FORMAT-ARGUMENTS"])
        return cond
    if isinstance(datum, Symbol) and datum is not NIL:
        return make_condition(engine, datum, *args)
    errors.type_error(datum, "(OR STRING CONDITION SYMBOL FUNCTION)", fname)
    raise AssertionError


# ---------------------------------------------------------------------------------------------- signalling

def signal_condition(engine: Any, cond: Condition) -> None:
    """Run the applicable handlers, innermost cluster first, each with only the outer clusters active.
    Returns if every handler declined."""
    stack = engine.handlers
    saved = stack
    try:
        while stack is not None:
            cluster, outer = stack
            for spec, fn in cluster:
                if condition_typep(engine, cond, spec):
                    engine.handlers = outer
                    fn(cond)
            stack = outer
    finally:
        engine.handlers = saved


def lisp_error(engine: Any, datum: Any, *args: Any) -> Any:
    cond = coerce_to_condition(engine, datum, args, "SIMPLE-ERROR", "ERROR")
    signal_condition(engine, cond)
    exc = LispError(cond)
    exc.signalled = True  # type: ignore[attr-defined]
    raise exc


def lisp_cerror(engine: Any, continue_format: Any, datum: Any, *args: Any) -> Any:
    from clysm.eval.restarts import cerror  # with a CONTINUE restart

    return cerror(engine, continue_format, datum, *args)


def lisp_signal(engine: Any, datum: Any, *args: Any) -> Any:
    cond = coerce_to_condition(engine, datum, args, "SIMPLE-CONDITION", "SIGNAL")
    signal_condition(engine, cond)
    return NIL


def lisp_warn(engine: Any, datum: Any, *args: Any) -> Any:
    cond = coerce_to_condition(engine, datum, args, "SIMPLE-WARNING", "WARN")
    if not condition_subtypep(cond.type_name, "WARNING", engine.condition_parents):
        errors.type_error(cond, "WARNING", "WARN")
    try:
        signal_condition(engine, cond)
    except MuffleWarning:
        return NIL
    out = engine.output
    out.fresh_line()
    out.write(f"WARNING: {cond.message}\n")
    return NIL


def muffle_warning(*_args: Any) -> Any:
    raise MuffleWarning()


def handler_bind(engine: Any, bindings: Any, thunk: Any) -> Any:
    """CLYSM::%HANDLER-BIND: run thunk with a cluster of (type . handler) pairs active. Conditions signalled by
    ERROR/SIGNAL/WARN reach the handlers before unwinding; errors raised by Python code (built-ins) reach them
    when they pass this frame."""
    cluster: list[tuple[Any, Any]] = []
    x = bindings
    while isinstance(x, Cons) and isinstance(x.cdr, Cons):
        cluster.append((x.car, x.cdr.car))
        x = x.cdr.cdr
    old = engine.handlers
    engine.handlers = (cluster, old)
    try:
        return thunk()
    except LispError as e:
        if getattr(e, "signalled", False):
            raise
        engine.handlers = old
        _run_cluster(engine, cluster, e.condition)
        raise
    except Exception as e:  # noqa: BLE001  (a Python error from a built-in: make it a Lisp condition)
        cond = condition_from_python(engine, e)
        engine.handlers = old
        _run_cluster(engine, cluster, cond)
        raise LispError(cond) from None
    finally:
        engine.handlers = old


def has_handler(engine: Any, cond: Condition) -> bool:
    """Is a HANDLER-BIND / HANDLER-CASE handler for `cond`'s type active? (It may still decline.)"""
    chain = engine.handlers
    while chain is not None:
        cluster, chain = chain
        for spec, _fn in cluster:
            if condition_typep(engine, cond, spec):
                return True
    return False


def _run_cluster(engine: Any, cluster: list[tuple[Any, Any]], cond: Condition) -> None:
    for spec, fn in cluster:
        if condition_typep(engine, cond, spec):
            fn(cond)


# ---------------------------------------------------------------------------------------------- Python errors

_ARITY = re.compile(r"^(?P<name>.+?)\(\) (?:takes (?:from \d+ to \d+|at least \d+|at most \d+|\d+) positional "
                    r"arguments? but (?P<given>\d+) (?:was|were) given|missing (?P<missing>\d+) required "
                    r"positional arguments?: '(?P<first>\w+)')")


def condition_from_python(engine: Any, exc: BaseException) -> Condition:
    """The Lisp condition for a Python exception that escaped from Lisp code."""
    if isinstance(exc, LispError):
        return exc.condition
    if isinstance(exc, RecursionError):
        return Condition("STACK-EXHAUSTED", "Control stack exhausted (no more space for function call frames). "
                         "This is probably due to heavily nested or infinitely recursive function calls.")
    if isinstance(exc, ZeroDivisionError):
        return Condition("DIVISION-BY-ZERO", "arithmetic error DIVISION-BY-ZERO signalled", OPERATION=NIL)
    if isinstance(exc, OverflowError):
        return Condition("FLOATING-POINT-OVERFLOW", "arithmetic error FLOATING-POINT-OVERFLOW signalled")
    if isinstance(exc, ReaderError):
        return Condition("READER-ERROR", str(exc))
    if isinstance(exc, TypeError):
        msg = str(exc)
        m = _ARITY.match(msg)
        if m is not None:
            name = _lisp_function_name(engine, m.group("name"))
            if m.group("given") is not None:
                given = int(m.group("given"))
            else:
                first = m.group("first")
                given = int(first[1:]) if first.startswith("p") and first[1:].isdigit() else -1
            text = f"invalid number of arguments to {name}" + (f": {given}" if given >= 0 else "")
            return Condition("PROGRAM-ERROR", text)
        if msg == "'NoneType' object is not callable":
            return Condition("UNDEFINED-FUNCTION", "The function is undefined (called a symbol with no function "
                             "definition).")
        if msg.endswith("object is not callable"):
            return Condition("TYPE-ERROR", f"The value is not of type FUNCTION ({msg})")
        return Condition("TYPE-ERROR", f"The value is of the wrong type ({msg})")
    if isinstance(exc, (AttributeError, IndexError, KeyError)):
        return Condition("TYPE-ERROR", f"The value is of the wrong type ({type(exc).__name__}: {exc})")
    if isinstance(exc, MemoryError):
        return Condition("STORAGE-CONDITION", "Heap exhausted")
    if isinstance(exc, ValueError):
        return Condition("SIMPLE-ERROR", str(exc))
    return Condition("SIMPLE-ERROR", f"internal error: {type(exc).__name__}: {exc}")


def _lisp_function_name(engine: Any, pyname: str) -> str:
    short = pyname.rsplit(".", 1)[-1]
    if short.startswith("__fn"):
        return "(LAMBDA)"
    mapped = engine.pyname_map.get(short)
    return mapped if mapped is not None else short


# ---------------------------------------------------------------------------------------------- accessors

def _slot(cond: Any, *names: str, fname: str) -> Any:
    if not isinstance(cond, Condition):
        errors.type_error(cond, "CONDITION", fname)
    for n in names:
        if n in cond.slots:
            return cond.slots[n]
    return NIL


def _as_type_spec(engine: Any, x: Any) -> Any:
    if isinstance(x, str):
        try:
            forms = engine.read_all(x)
            return forms[0] if len(forms) == 1 else x
        except Exception:  # noqa: BLE001
            return x
    return x


def condition_functions(engine: Any) -> list[tuple[str, str, Any]]:
    """(name, package, function) of the condition system's Lisp functions, bound by the engine."""
    def simple_condition_format_control(c: Any) -> Any:
        return _slot(c, "FORMAT-CONTROL", fname="SIMPLE-CONDITION-FORMAT-CONTROL")

    def simple_condition_format_arguments(c: Any) -> Any:
        return _slot(c, "FORMAT-ARGUMENTS", fname="SIMPLE-CONDITION-FORMAT-ARGUMENTS")

    def type_error_datum(c: Any) -> Any:
        return _slot(c, "DATUM", fname="TYPE-ERROR-DATUM")

    def type_error_expected_type(c: Any) -> Any:
        return _as_type_spec(engine, _slot(c, "EXPECTED-TYPE", "EXPECTED_TYPE", fname="TYPE-ERROR-EXPECTED-TYPE"))

    def cell_error_name(c: Any) -> Any:
        v = _slot(c, "NAME", fname="CELL-ERROR-NAME")
        return _as_type_spec(engine, v) if isinstance(v, str) else v

    def arithmetic_error_operation(c: Any) -> Any:
        return _slot(c, "OPERATION", fname="ARITHMETIC-ERROR-OPERATION")

    def arithmetic_error_operands(c: Any) -> Any:
        return _slot(c, "OPERANDS", fname="ARITHMETIC-ERROR-OPERANDS")

    def condition_slot(c: Any, slot: Any) -> Any:
        name = slot.name if isinstance(slot, Symbol) else str(slot)
        if not isinstance(c, Condition):
            errors.type_error(c, "CONDITION", name)
        if name not in c.slots:
            errors.signal_error("UNBOUND-SLOT", f"The slot {name} is unbound in the object {show(c)}.", NAME=name)
        return c.slots[name]

    def define_condition(name: Any, parents: Any, slots: Any, report: Any) -> Any:
        pnames: list[str] = []
        x = parents
        while isinstance(x, Cons):
            pnames.append(x.car.name)
            x = x.cdr
        for p in pnames:
            if p not in engine.condition_parents:
                errors.simple_error(f"{p} does not designate a condition class")
        slot_list: list[tuple[str, list[str], Any]] = []
        x = slots
        while isinstance(x, Cons):
            entry = x.car
            sname = entry.car.name
            keys = []
            y = entry.cdr.car
            while isinstance(y, Cons):
                keys.append(y.car.name)
                y = y.cdr
            thunk = entry.cdr.cdr.car
            slot_list.append((sname, keys, None if thunk is NIL else thunk))
            x = x.cdr
        engine.condition_parents[name.name] = tuple(pnames) or ("CONDITION",)
        engine.condition_classes[name.name] = ConditionClass(name.name, tuple(pnames), slot_list,
                                                             None if report is NIL else report)
        return name

    def define_condition_reader(reader: Any, slot: Any) -> Any:
        def read(c: Any) -> Any:
            return condition_slot(c, slot)

        read.lisp_name = reader  # type: ignore[attr-defined]
        read.__qualname__ = reader.name
        reader.function = read
        return reader

    def make(type_spec: Any, *initargs: Any) -> Any:
        return make_condition(engine, type_spec, *initargs)

    def conditionp(x: Any) -> Any:
        return T if isinstance(x, Condition) else NIL

    def bind(bindings: Any, thunk: Any) -> Any:
        return handler_bind(engine, bindings, thunk)

    def err(datum: Any, *args: Any) -> Any:
        return lisp_error(engine, datum, *args)

    def cerr(cf: Any, datum: Any, *args: Any) -> Any:
        return lisp_cerror(engine, cf, datum, *args)

    def sig(datum: Any, *args: Any) -> Any:
        return lisp_signal(engine, datum, *args)

    def warn(datum: Any, *args: Any) -> Any:
        return lisp_warn(engine, datum, *args)

    def typep_condition(x: Any, spec: Any) -> Any:
        return T if condition_typep(engine, x, spec) else NIL

    cl = "COMMON-LISP"
    return [
        ("ERROR", cl, err), ("CERROR", cl, cerr), ("SIGNAL", cl, sig), ("WARN", cl, warn),
        ("MAKE-CONDITION", cl, make), ("MUFFLE-WARNING", cl, muffle_warning),
        ("SIMPLE-CONDITION-FORMAT-CONTROL", cl, simple_condition_format_control),
        ("SIMPLE-CONDITION-FORMAT-ARGUMENTS", cl, simple_condition_format_arguments),
        ("TYPE-ERROR-DATUM", cl, type_error_datum), ("TYPE-ERROR-EXPECTED-TYPE", cl, type_error_expected_type),
        ("CELL-ERROR-NAME", cl, cell_error_name), ("ARITHMETIC-ERROR-OPERATION", cl, arithmetic_error_operation),
        ("ARITHMETIC-ERROR-OPERANDS", cl, arithmetic_error_operands),
        ("%HANDLER-BIND", "CLYSM", bind), ("%DEFINE-CONDITION", "CLYSM", define_condition),
        ("%DEFINE-CONDITION-READER", "CLYSM", define_condition_reader), ("%CONDITION-SLOT", "CLYSM", condition_slot),
        ("%CONDITIONP", "CLYSM", conditionp), ("%CONDITION-TYPEP", "CLYSM", typep_condition),
    ]


def standard_parents() -> dict[str, tuple[str, ...]]:
    return dict(CONDITION_PARENTS)


# ---------------------------------------------------------------------------------------------- DEFINE-CONDITION

def expand_define_condition(engine: Any, form: Any, env: Any) -> Any:
    """(define-condition name (parents) (slots) options...) ->
    (progn (%define-condition 'name 'parents (list (list 'slot '(initargs) thunk) ...) report) readers... 'name)"""
    from clysm.eval.analyze import to_list

    parts = to_list(form.cdr, "DEFINE-CONDITION form")
    if len(parts) < 3 or not isinstance(parts[0], Symbol):
        errors.program_error(f"malformed DEFINE-CONDITION: {show(form)}")
    name, parents, slot_specs = parts[0], parts[1], parts[2]
    s = engine.sym
    clysm = engine.clysm_sym

    def L(*items: Any) -> Any:  # noqa: N802
        out: Any = NIL
        for item in reversed(items):
            out = Cons(item, out)
        return out

    def q(x: Any) -> Any:
        return L(s("QUOTE"), x)

    slot_forms: list[Any] = []
    readers: list[Any] = []
    for spec in to_list(slot_specs, "DEFINE-CONDITION slots"):
        if isinstance(spec, Symbol):
            spec = L(spec)
        items = to_list(spec, "slot specification")
        sname = items[0]
        initargs: list[Any] = []
        initform: Any = None
        for i in range(1, len(items) - 1, 2):
            key, value = items[i], items[i + 1]
            kname = key.name if isinstance(key, Symbol) else ""
            if kname == "INITARG":
                initargs.append(value)
            elif kname == "INITFORM":
                initform = value
            elif kname in ("READER", "ACCESSOR"):
                readers.append(L(clysm("%DEFINE-CONDITION-READER"), q(value), q(sname)))
        thunk = NIL if initform is None else L(s("FUNCTION"), L(s("LAMBDA"), NIL, initform))
        slot_forms.append(L(s("LIST"), q(sname), q(_list_of(initargs)), thunk))
    report: Any = NIL
    for option in parts[3:]:
        if isinstance(option, Cons) and isinstance(option.car, Symbol) and option.car.name == "REPORT":
            r = option.cdr.car
            if isinstance(r, str):
                report = r
            elif isinstance(r, Symbol):
                report = L(s("FUNCTION"), r)
            else:
                report = L(s("FUNCTION"), r) if isinstance(r, Cons) and r.car is s("LAMBDA") else r
    define = L(clysm("%DEFINE-CONDITION"), q(name), q(parents), Cons(s("LIST"), _list_of(slot_forms)), report)
    return Cons(s("PROGN"), _list_of([define, *readers, q(name)]))


def _list_of(items: list[Any]) -> Any:
    out: Any = NIL
    for item in reversed(items):
        out = Cons(item, out)
    return out
