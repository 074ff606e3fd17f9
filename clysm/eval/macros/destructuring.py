# DESTRUCTURING-BIND and the destructuring code generator shared with DEFMACRO, DEFSETF and
# DEFINE-SETF-EXPANDER: a macro lambda list becomes LET* bindings of CAR/CDR chains, with checking helpers
# (%DB-CHECK, %DB-CHECK-KEYS, %DB-KEY-TAIL) that signal SBCL-like errors for lists that do not match.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    internal,
    is_variable,
    kw,
    macro_args,
    named,
    parse_body,
    quote,
    show,
)
from clysm.lisp.types import NIL, Cons, Symbol, T

LAMBDA_KEYWORDS = ("&OPTIONAL", "&REST", "&BODY", "&KEY", "&ALLOW-OTHER-KEYS", "&AUX", "&WHOLE", "&ENVIRONMENT")


class Destructurer:
    """Turns a macro lambda list into a list of LET* bindings over a value form."""

    def __init__(self, engine: Any, context: str) -> None:
        self.engine = engine
        self.context = context  # text for error messages, e.g. "DESTRUCTURING-BIND" or "DEFMACRO FOO"
        self.bindings: list[Form] = []
        self.ignorable: list[Symbol] = []

    def sym(self, name: str) -> Symbol:
        return cl(self.engine, name)

    def temp(self, prefix: str, init: Form) -> Symbol:
        g = gensym(self.engine, prefix)
        self.bindings.append(L(g, init))
        self.ignorable.append(g)
        return g

    def bind(self, pattern: Form, init: Form) -> None:
        """Bind `pattern` (a variable or a nested lambda list) to the value of `init`."""
        if isinstance(pattern, Cons):
            self.destructure(pattern, self.temp("LIST", init))
        elif is_variable(self.engine, pattern):
            self.bindings.append(L(pattern, init))
        elif pattern is NIL:  # an empty nested lambda list: the element must be NIL
            self.destructure(NIL, self.temp("LIST", init))
        else:
            errors.program_error(f"{self.context}: {show(pattern)} is not a variable name or lambda list")

    def destructure(self, ll: Form, value: Symbol) -> None:
        """Bind the lambda list `ll` to the list held in the variable `value`."""
        required: list[Form] = []
        optional: list[Form] = []
        rest: Form = None
        keys: list[Form] = []
        key_p = False
        allow_other = False
        aux: list[Form] = []
        whole: Form = None
        mode = "required"
        x = ll
        first = True
        while isinstance(x, Cons):
            item = x.car
            x = x.cdr
            if named(item, *LAMBDA_KEYWORDS):
                name = item.name
                if name == "&WHOLE":
                    if not first or not isinstance(x, Cons):
                        errors.program_error(f"{self.context}: misplaced &WHOLE in {show(ll)}")
                    whole = x.car
                    x = x.cdr
                elif name == "&OPTIONAL":
                    mode = "optional"
                elif name in ("&REST", "&BODY"):
                    if not isinstance(x, Cons):
                        errors.program_error(f"{self.context}: {name} without a variable in {show(ll)}")
                    rest = x.car
                    x = x.cdr
                    mode = "after-rest"
                elif name == "&KEY":
                    key_p = True
                    mode = "key"
                elif name == "&ALLOW-OTHER-KEYS":
                    allow_other = True
                elif name == "&AUX":
                    mode = "aux"
                else:
                    errors.program_error(f"{self.context}: {name} is not allowed here: {show(ll)}")
                first = False
                continue
            first = False
            if mode == "required":
                required.append(item)
            elif mode == "optional":
                optional.append(item)
            elif mode == "key":
                keys.append(item)
            elif mode == "aux":
                aux.append(item)
            else:
                errors.program_error(f"{self.context}: unexpected {show(item)} after &REST in {show(ll)}")
        if x is not NIL:  # dotted lambda list: the tail is the rest variable
            rest = x
        n_min = len(required)
        n_max: Form = NIL if (rest is not None or key_p) else n_min + len(optional)
        if whole is not None:
            self.bind(whole, value)
        checked = self.temp(
            "LIST",
            L(
                internal(self.engine, "%DB-CHECK"),
                value,
                n_min,
                n_max,
                quote(self.engine, ll),
                self.context,
            ),
        )
        cur = checked
        for pattern in required:
            self.bind(pattern, L(self.sym("CAR"), cur))
            cur = self.temp("REST", L(self.sym("CDR"), cur))
        for spec in optional:
            pattern, init, svar = self.parse_opt(spec)
            self.bind(pattern, L(self.sym("IF"), cur, L(self.sym("CAR"), cur), init))
            if svar is not None:
                self.bind(svar, L(self.sym("IF"), cur, T, NIL))
            cur = self.temp("REST", L(self.sym("CDR"), cur))
        if rest is not None:
            self.bind(rest, cur)
        if key_p:
            key_names: list[Form] = []
            parsed = []
            for spec in keys:
                keyword, pattern, init, svar = self.parse_key(spec)
                key_names.append(keyword)
                parsed.append((keyword, pattern, init, svar))
            cur = self.temp(
                "KEYS",
                L(
                    internal(self.engine, "%DB-CHECK-KEYS"),
                    cur,
                    quote(self.engine, from_list(key_names)),
                    T if allow_other else NIL,
                    self.context,
                ),
            )
            for keyword, pattern, init, svar in parsed:
                tail = self.temp("KEY", L(internal(self.engine, "%DB-KEY-TAIL"), cur, quote(self.engine, keyword)))
                self.bind(pattern, L(self.sym("IF"), tail, L(self.sym("CAR"), L(self.sym("CDR"), tail)), init))
                if svar is not None:
                    self.bind(svar, L(self.sym("IF"), tail, T, NIL))
        for spec in aux:
            if isinstance(spec, Cons):
                var = spec.car
                init = spec.cdr.car if isinstance(spec.cdr, Cons) else NIL
            else:
                var, init = spec, NIL
            self.bind(var, init)

    def parse_opt(self, spec: Form) -> tuple[Form, Form, Form]:
        if isinstance(spec, Cons):
            parts = list_items(spec)
            if len(parts) > 3:
                errors.program_error(f"{self.context}: malformed &OPTIONAL spec {show(spec)}")
            return parts[0], parts[1] if len(parts) > 1 else NIL, parts[2] if len(parts) > 2 else None
        return spec, NIL, None

    def parse_key(self, spec: Form) -> tuple[Form, Form, Form, Form]:
        if isinstance(spec, Cons):
            parts = list_items(spec)
            if len(parts) > 3:
                errors.program_error(f"{self.context}: malformed &KEY spec {show(spec)}")
            head = parts[0]
            if isinstance(head, Cons):
                keyword = head.car
                pattern = head.cdr.car if isinstance(head.cdr, Cons) else NIL
            else:
                keyword, pattern = kw(self.engine, head.name), head
            return keyword, pattern, parts[1] if len(parts) > 1 else NIL, parts[2] if len(parts) > 2 else None
        if not isinstance(spec, Symbol):
            errors.program_error(f"{self.context}: malformed &KEY spec {show(spec)}")
        return kw(self.engine, spec.name), spec, NIL, None


def list_items(x: Form) -> list[Form]:
    out = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


def destructuring_let(engine: Any, ll: Form, value: Form, body: list[Form], context: str) -> Form:
    """(LET* bindings (DECLARE (IGNORABLE temps...)) declarations . forms) binding `ll` to `value`."""
    d = Destructurer(engine, context)
    start = d.temp("WHOLE", value)
    d.destructure(ll, start)
    decls, _, forms = parse_body(engine, body)
    ignorable = L(cl(engine, "DECLARE"), from_list([cl(engine, "IGNORABLE"), *d.ignorable]))
    return from_list([cl(engine, "LET*"), from_list(d.bindings), ignorable, *decls, *forms])


@macro("DESTRUCTURING-BIND")
def expand_destructuring_bind(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    return destructuring_let(engine, args[0], args[1], args[2:], "DESTRUCTURING-BIND")


# ---------------------------------------------------------------------------------------------- run-time checks

def _fail(context: Any, message: str) -> Any:
    errors.program_error(f"Error while parsing arguments to {context}: {message}")


@builtin("%DB-CHECK", package="CLYSM")
def db_check(value: Any, n_min: int, n_max: Any, ll: Any, context: Any) -> Any:
    """Check that `value` is a list with n_min..n_max elements (n_max NIL: no limit, dotted tail allowed);
    return it."""
    n = 0
    x = value
    while isinstance(x, Cons):
        n += 1
        x = x.cdr
    dotted = x is not NIL
    if dotted and n == 0 and n_min == 0 and n_max is NIL:
        return value  # (a . rest) style tail over an atom
    if dotted and n_max is not NIL:
        want = f"exactly {n_min}" if n_min == n_max else f"between {n_min} and {n_max}"
        _fail(context, f"invalid number of elements in {show(value)} to satisfy lambda list {show(ll)}: "
              f"{want} expected, but got an improper list")
    if n < n_min or (n_max is not NIL and n > n_max):
        if n_max is NIL:
            want = f"at least {n_min}"
        elif n_min == n_max:
            want = f"exactly {n_min}"
        else:
            want = f"between {n_min} and {n_max}"
        which = "too few" if n < n_min else "too many"
        _fail(context, f"{which} elements in {show(value)} to satisfy lambda list {show(ll)}: "
              f"{want} expected, but got {n}")
    return value


@builtin("%DB-CHECK-KEYS", package="CLYSM")
def db_check_keys(plist: Any, keys: Any, allow_other: Any, context: Any) -> Any:
    """Check a keyword/value list against the allowed keys (unless other keys are allowed); return it."""
    items = []
    x = plist
    while isinstance(x, Cons):
        items.append(x.car)
        x = x.cdr
    if x is not NIL or len(items) % 2:
        _fail(context, f"odd number of elements in keyword/value list: {show(plist)}")
    allowed = set()
    k = keys
    while isinstance(k, Cons):
        allowed.add(id(k.car))
        k = k.cdr
    if allow_other is not NIL:
        return plist
    for i in range(0, len(items), 2):
        if named(items[i], "ALLOW-OTHER-KEYS") and items[i].is_keyword:
            if items[i + 1] is not NIL:
                return plist
            break
    for i in range(0, len(items), 2):
        key = items[i]
        if id(key) not in allowed and not (named(key, "ALLOW-OTHER-KEYS") and key.is_keyword):
            expected = " ".join(show(k) for k in list_items(keys))
            _fail(context, f"unknown keyword: {show(key)}; expected one of {expected}")
    return plist


@builtin("%DB-KEY-TAIL", package="CLYSM")
def db_key_tail(plist: Any, key: Any) -> Any:
    """The tail of a keyword/value list that starts with the first occurrence of key, or NIL."""
    x = plist
    while isinstance(x, Cons):
        if x.car is key:
            return x
        x = x.cdr.cdr if isinstance(x.cdr, Cons) else NIL
    return NIL
