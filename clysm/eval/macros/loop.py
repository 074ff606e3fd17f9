# The standard LOOP macro (CLHS 6.1), after the structure of MIT LOOP: clauses are parsed into variable bindings,
# first-iteration and later-iteration stepping code, body code and epilogue, and assembled into
# (BLOCK name (LET ... (TAGBODY prologue first-step next body steps (GO next) end epilogue (RETURN-FROM name v)))).
from __future__ import annotations

from dataclasses import dataclass, field
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
    is_constant_form,
    is_variable,
    named,
    quote,
    show,
    to_list,
    tree_has_symbol_named,
)
from clysm.lisp.types import NIL, Cons, Symbol, T

ACCUMULATIONS = {
    "COLLECT": "COLLECT", "COLLECTING": "COLLECT", "APPEND": "APPEND", "APPENDING": "APPEND",
    "NCONC": "NCONC", "NCONCING": "NCONC", "COUNT": "COUNT", "COUNTING": "COUNT", "SUM": "SUM", "SUMMING": "SUM",
    "MAXIMIZE": "MAXIMIZE", "MAXIMIZING": "MAXIMIZE", "MINIMIZE": "MINIMIZE", "MINIMIZING": "MINIMIZE",
}
ACC_KIND = {"COLLECT": "list", "APPEND": "list", "NCONC": "list", "COUNT": "number", "SUM": "number",
            "MAXIMIZE": "max", "MINIMIZE": "min"}
SIMPLE_TYPES = ("FIXNUM", "FLOAT", "INTEGER", "NUMBER", "DOUBLE-FLOAT", "SINGLE-FLOAT", "REAL", "RATIONAL")
NUMERIC_PREPS = ("FROM", "UPFROM", "DOWNFROM", "TO", "UPTO", "BELOW", "DOWNTO", "ABOVE", "BY")
CLAUSE_KEYWORDS = frozenset(
    ["NAMED", "WITH", "FOR", "AS", "REPEAT", "WHILE", "UNTIL", "ALWAYS", "NEVER", "THEREIS", "DO", "DOING",
     "RETURN", "WHEN", "IF", "UNLESS", "ELSE", "END", "AND", "INITIALLY", "FINALLY", *ACCUMULATIONS]
)


@dataclass
class Steps:
    """Stepping code of one iteration driver for one phase (first iteration or later ones), MIT LOOP style."""

    pre_tests: list[Form] = field(default_factory=list)
    steps: list[tuple[Form, Form]] = field(default_factory=list)  # (variable or pattern, value form)
    post_tests: list[Form] = field(default_factory=list)
    pseudo: list[tuple[Form, Form]] = field(default_factory=list)


@dataclass
class Accumulator:
    kind: str  # "list", "number", "max", "min"
    var: Symbol
    tail: Symbol | None = None
    flag: Symbol | None = None


class LoopExpander:
    def __init__(self, engine: Any, form: Form) -> None:
        self.engine = engine
        self.form = form
        self.tokens = to_list(form.cdr, "LOOP form")
        self.pos = 0
        self.name: Form = NIL
        self.groups: list[list[tuple[Symbol, Form]]] = []
        self.prologue: list[Form] = []
        self.before_loop: list[Form] = []
        self.after_body: list[Form] = []
        self.body: list[Form] = []
        self.epilogue: list[Form] = []
        self.emitted_body = False
        self.accumulators: dict[Any, Accumulator] = {}  # None for the default (unnamed) one
        self.result: Form = None
        self.end_tag = gensym(engine, "END-LOOP")
        self.next_tag = gensym(engine, "NEXT-LOOP")
        self.it_stack: list[list[Any]] = []  # per open conditional: [it variable, used?]

    # -- tokens

    def s(self, name: str) -> Symbol:
        return cl(self.engine, name)

    def error(self, message: str) -> Any:
        context = " ".join(show(t) for t in self.tokens[max(0, self.pos - 3): self.pos + 3])
        errors.program_error(f"LOOP: {message} (near: {context})")

    def peek(self, offset: int = 0) -> Form:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def at_end(self) -> bool:
        return self.pos >= len(self.tokens)

    def next(self, what: str = "a form") -> Form:
        if self.at_end():
            self.error(f"expected {what} but the LOOP form ended")
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def at_keyword(self, *names: str) -> bool:
        return not self.at_end() and named(self.tokens[self.pos], *names)

    def accept(self, *names: str) -> str | None:
        if self.at_keyword(*names):
            self.pos += 1
            return self.tokens[self.pos - 1].name
        return None

    def compound_forms(self, what: str) -> list[Form]:
        forms = []
        while not self.at_end() and isinstance(self.peek(), Cons):
            forms.append(self.next())
        if not forms:
            self.error(f"{what} needs at least one compound form")
        return forms

    # -- variables

    def pattern_vars(self, pattern: Form) -> list[Symbol]:
        out: list[Symbol] = []
        todo = [pattern]
        while todo:
            p = todo.pop()
            if isinstance(p, Cons):
                todo.append(p.cdr)
                todo.append(p.car)
            elif p is NIL:
                continue
            elif is_variable(self.engine, p):
                out.append(p)
            else:
                self.error(f"{show(p)} cannot be a LOOP variable")
        return out

    def skip_type(self) -> Form:
        """Skip an optional type spec after a variable (OF-TYPE x, or a simple type name); return it or None."""
        if self.accept("OF-TYPE"):
            return self.next("a type specifier")
        if self.at_keyword(*SIMPLE_TYPES):
            return self.next()
        return None

    def default_value(self, type_spec: Form) -> Form:
        if named(type_spec, "FIXNUM", "INTEGER", "NUMBER", "REAL", "RATIONAL"):
            return 0
        if named(type_spec, "FLOAT", "DOUBLE-FLOAT", "SINGLE-FLOAT"):
            return 0.0
        return NIL

    def bind_group(self, bindings: list[tuple[Symbol, Form]]) -> None:
        if bindings:
            self.groups.append(bindings)

    def destructure_forms(self, pattern: Form, value: Form) -> list[Form]:
        """Forms assigning the parts of value to the variables of pattern (NIL parts are skipped)."""
        if pattern is NIL:
            return []
        if isinstance(pattern, Symbol):
            return [L(self.s("SETQ"), pattern, value)]
        g = gensym(self.engine, "DESTRUCTURE")
        sets: list[Form] = []
        self._destructure_into(pattern, g, sets)
        return [from_list([self.s("LET"), L(L(g, value)), *sets])]

    def destructure_bindings(self, pattern: Form, access: Form) -> list[tuple[Symbol, Form]]:
        """Bindings of the variables of pattern to the matching CAR/CDR paths into access."""
        out: list[tuple[Symbol, Form]] = []
        while isinstance(pattern, Cons):
            car = pattern.car
            if isinstance(car, Cons):
                out += self.destructure_bindings(car, L(self.s("CAR"), access))
            elif car is not NIL:
                out.append((car, L(self.s("CAR"), access)))
            pattern = pattern.cdr
            access = L(self.s("CDR"), access)
        if pattern is not NIL:
            out.append((pattern, access))
        return out

    def _destructure_into(self, pattern: Form, access: Form, sets: list[Form]) -> None:
        while isinstance(pattern, Cons):
            car = pattern.car
            if isinstance(car, Cons):
                self._destructure_into(car, L(self.s("CAR"), access), sets)
            elif car is not NIL:
                sets.append(L(self.s("SETQ"), car, L(self.s("CAR"), access)))
            pattern = pattern.cdr
            access = L(self.s("CDR"), access)
        if pattern is not NIL:
            sets.append(L(self.s("SETQ"), pattern, access))

    def psetq_forms(self, pairs: list[tuple[Form, Form]]) -> list[Form]:
        """Assign each (pattern, form) pair in parallel (sequentially when there is only one)."""
        if not pairs:
            return []
        if len(pairs) == 1:
            return self.destructure_forms(*pairs[0])
        temps = [gensym(self.engine, "STEP") for _ in pairs]
        sets: list[Form] = []
        for t, (pattern, _form) in zip(temps, pairs, strict=True):
            sets.extend(self.destructure_forms(pattern, t))
        return [from_list([self.s("LET"), from_list([L(t, f) for t, (_p, f) in zip(temps, pairs, strict=True)]),
                           *sets])]

    def phase_code(self, drivers: list[Steps]) -> list[Form]:
        code: list[Form] = []
        pre = [t for d in drivers for t in d.pre_tests]
        steps = [p for d in drivers for p in d.steps]
        post = [t for d in drivers for t in d.post_tests]
        pseudo = [p for d in drivers for p in d.pseudo]
        if pre:
            code.append(self.end_test(pre))
        code += self.psetq_forms(steps)
        if post:
            code.append(self.end_test(post))
        code += self.psetq_forms(pseudo)
        return code

    def end_test(self, tests: list[Form]) -> Form:
        test = tests[0] if len(tests) == 1 else from_list([self.s("OR"), *tests])
        return L(self.s("IF"), test, L(self.s("GO"), self.end_tag))

    # -- main parse

    def expand(self) -> Form:
        if self.at_keyword("NAMED"):
            self.pos += 1
            self.name = self.next("a block name")
            if not isinstance(self.name, Symbol):
                self.error(f"{show(self.name)} is not a block name")
        while not self.at_end():
            tok = self.peek()
            if not isinstance(tok, Symbol):
                self.error(f"{show(tok)} is not a LOOP keyword")
            name = tok.name
            if name in ("WITH",):
                self.pos += 1
                self.parse_with()
            elif name in ("FOR", "AS"):
                self.pos += 1
                self.parse_iteration()
            elif name == "REPEAT":
                self.pos += 1
                count = gensym(self.engine, "REPEAT")
                self.bind_group([(count, self.next("a repeat count"))])
                s = self.s
                self.pseudo_body(L(s("IF"), L(s("<="), count, 0), L(s("GO"), self.end_tag),
                                   L(s("SETQ"), count, L(s("1-"), count))))
            elif name == "INITIALLY":
                self.pos += 1
                self.prologue += self.compound_forms("INITIALLY")
            elif name == "FINALLY":
                self.pos += 1
                self.epilogue += self.compound_forms("FINALLY")
            elif name in ("WHILE", "UNTIL"):
                self.pos += 1
                test = self.next("a test form")
                if name == "WHILE":
                    test = L(self.s("NOT"), test)
                self.pseudo_body(self.end_test([test]))
            else:
                self.emit_body(self.parse_main_clause())
        return self.assemble()

    def pseudo_body(self, form: Form) -> None:
        """A termination test: part of the stepping sequence until body code has been emitted (MIT LOOP)."""
        if self.emitted_body:
            self.body.append(form)
        else:
            self.before_loop.append(form)
            self.after_body.append(form)

    def emit_body(self, forms: list[Form]) -> None:
        self.emitted_body = True
        self.body += forms

    # -- WITH

    def parse_with(self) -> None:
        group: list[tuple[Symbol, Form]] = []
        later: list[list[tuple[Symbol, Form]]] = []
        while True:
            pattern = self.next("a variable")
            type_spec = self.skip_type()
            if self.accept("="):
                init = self.next("an initial value")
            else:
                init = None
            if isinstance(pattern, Cons):
                tmp = gensym(self.engine, "WITH")
                group.append((tmp, init if init is not None else NIL))
                later.append(self.destructure_bindings(pattern, tmp))
            elif is_variable(self.engine, pattern):
                group.append((pattern, init if init is not None else self.default_value(type_spec)))
            else:
                self.error(f"{show(pattern)} cannot be a WITH variable")
            if not self.accept("AND"):
                break
        self.bind_group(group)
        for g in later:
            self.bind_group(g)

    # -- FOR / AS / REPEAT

    def parse_iteration(self) -> None:
        if self.emitted_body:
            self.error("iteration in LOOP follows body code")
        drivers: list[tuple[Steps, Steps]] = []
        group: list[tuple[Symbol, Form]] = []
        while True:
            drivers.append(self.parse_for(group))
            if not self.accept("AND"):
                break
        self.bind_group(group)
        self.before_loop += self.phase_code([f for f, _ in drivers])
        self.after_body += self.phase_code([r for _, r in drivers])

    def parse_for(self, group: list[tuple[Symbol, Form]]) -> tuple[Steps, Steps]:
        pattern = self.next("a variable")
        type_spec = self.skip_type()
        if not self.at_end() and isinstance(self.peek(), Symbol):
            prep = self.peek().name
        else:
            prep = None
        if prep in NUMERIC_PREPS:
            return self.parse_numeric(pattern, group)
        self.pos += 1
        for var in self.pattern_vars(pattern):
            group.append((var, self.default_value(type_spec) if var is pattern else NIL))
        if prep == "IN":
            return self.parse_in_on(pattern, group, on=False)
        if prep == "ON":
            return self.parse_in_on(pattern, group, on=True)
        if prep == "=":
            init = self.next("an initial value")
            if self.accept("THEN"):
                then = self.next("a step form")
                return Steps(steps=[(pattern, init)]), Steps(steps=[(pattern, then)])
            return Steps(steps=[(pattern, init)]), Steps(steps=[(pattern, init)])
        if prep == "ACROSS":
            return self.parse_across(pattern, group)
        if prep == "BEING":
            return self.parse_being(pattern, group)
        self.pos -= 1
        self.error(f"unknown FOR preposition {show(self.peek())}")

    def parse_in_on(self, pattern: Form, group: list[tuple[Symbol, Form]], on: bool) -> tuple[Steps, Steps]:
        lst = gensym(self.engine, "LIST")
        group.append((lst, self.next("a list form")))
        step: Form = L(self.s("CDR"), lst)
        if self.accept("BY"):
            by = self.next("a step function")
            if isinstance(by, Cons) and by.car is self.s("FUNCTION") and isinstance(by.cdr.car, Symbol):
                step = L(by.cdr.car, lst)
            elif isinstance(by, Cons) and by.car is self.s("QUOTE") and isinstance(by.cdr.car, Symbol):
                step = L(by.cdr.car, lst)
            else:
                fn = gensym(self.engine, "BY")
                group.append((fn, by))
                step = L(self.s("FUNCALL"), fn, lst)
        test = L(self.s("ATOM" if on else "ENDP"), lst)
        value = lst if on else L(self.s("CAR"), lst)
        pseudo = [(pattern, value)] if pattern is not NIL else []
        return (Steps(post_tests=[test], pseudo=list(pseudo)),
                Steps(steps=[(lst, step)], post_tests=[test], pseudo=list(pseudo)))

    def parse_across(self, pattern: Form, group: list[tuple[Symbol, Form]]) -> tuple[Steps, Steps]:
        vec, index, length = gensym(self.engine, "VECTOR"), gensym(self.engine, "INDEX"), gensym(self.engine, "LENGTH")
        group.append((vec, self.next("a vector form")))
        group.append((index, 0))
        group.append((length, 0))
        test = L(self.s(">="), index, length)
        pseudo = [(pattern, L(self.s("AREF"), vec, index))]
        first = Steps(steps=[(length, L(self.s("LENGTH"), vec))], post_tests=[test], pseudo=pseudo)
        return first, Steps(steps=[(index, L(self.s("1+"), index))], post_tests=[test], pseudo=list(pseudo))

    def parse_being(self, pattern: Form, group: list[tuple[Symbol, Form]]) -> tuple[Steps, Steps]:
        self.accept("THE", "EACH")
        package_kind = self.accept("SYMBOL", "SYMBOLS", "PRESENT-SYMBOL", "PRESENT-SYMBOLS", "EXTERNAL-SYMBOL",
                                   "EXTERNAL-SYMBOLS")
        if package_kind is not None:
            return self.parse_package_symbols(pattern, group, package_kind.rstrip("S").replace("SYMBOL", "SYMBOLS"))
        kind = self.accept("HASH-KEY", "HASH-KEYS", "HASH-VALUE", "HASH-VALUES")
        if kind is None:
            self.error(f"unsupported LOOP iteration path {show(self.peek())}")
        if not self.accept("OF", "IN"):
            self.error("expected OF after the hash path")
        table = self.next("a hash table form")
        keys = kind.startswith("HASH-KEY")
        other: Form = None
        if self.accept("USING"):
            using = self.next("a USING spec")
            if not (isinstance(using, Cons) and isinstance(using.cdr, Cons)):
                self.error(f"malformed USING spec {show(using)}")
            want = "HASH-VALUE" if keys else "HASH-KEY"
            if not named(using.car, want):
                self.error(f"expected ({want} var) in USING, not {show(using)}")
            other = using.cdr.car
            for var in self.pattern_vars(other):
                group.append((var, NIL))
        lst = gensym(self.engine, "ENTRIES")
        group.append((lst, L(internal(self.engine, "%HASH-TABLE-ENTRIES"), table)))
        entry = L(self.s("CAR"), lst)
        pseudo = [(pattern, L(self.s("CAR" if keys else "CDR"), entry))]
        if other is not None:
            pseudo.append((other, L(self.s("CDR" if keys else "CAR"), entry)))
        test = L(self.s("ENDP"), lst)
        return (Steps(post_tests=[test], pseudo=list(pseudo)),
                Steps(steps=[(lst, L(self.s("CDR"), lst))], post_tests=[test], pseudo=list(pseudo)))

    def parse_package_symbols(self, pattern: Form, group: list[tuple[Symbol, Form]], kind: str) -> tuple[Steps, Steps]:
        """FOR var BEING EACH {SYMBOL | PRESENT-SYMBOL | EXTERNAL-SYMBOL} [OF package]: walk a snapshot list."""
        package: Form = self.next("a package form") if self.accept("OF", "IN") else L(self.s("QUOTE"), NIL)
        lst = gensym(self.engine, "SYMBOLS")
        group.append((lst, L(internal(self.engine, "%PACKAGE-SYMBOLS"), package, kind)))
        test = L(self.s("ENDP"), lst)
        pseudo = [(pattern, L(self.s("CAR"), lst))]
        return (Steps(post_tests=[test], pseudo=list(pseudo)),
                Steps(steps=[(lst, L(self.s("CDR"), lst))], post_tests=[test], pseudo=list(pseudo)))

    def parse_numeric(self, var: Form, group: list[tuple[Symbol, Form]]) -> tuple[Steps, Steps]:
        if not is_variable(self.engine, var):
            self.error(f"{show(var)} cannot be a numeric FOR variable")
        start: Form = None
        limit: Form = None
        limit_kind: str | None = None
        by: Form = 1
        down = False
        bindings: list[tuple[Symbol, Form]] = []
        seen: set[str] = set()
        while self.at_keyword(*NUMERIC_PREPS):
            prep = self.next().name
            value = self.next(f"a form after {prep}")
            group_key = "FROM" if prep in ("FROM", "UPFROM", "DOWNFROM") else (
                "BY" if prep == "BY" else "TO")
            if group_key in seen:
                self.error(f"duplicate {prep} in FOR {show(var)}")
            seen.add(group_key)
            if group_key == "FROM":
                start = value
                down = down or prep == "DOWNFROM"
                bindings.append((var, value))
            elif group_key == "TO":
                limit_kind = prep
                down = down or prep in ("DOWNTO", "ABOVE")
                if is_constant_form(self.engine, value):
                    limit = value
                else:
                    limit = gensym(self.engine, "LIMIT")
                    bindings.append((limit, value))
            else:
                if is_constant_form(self.engine, value):
                    by = value
                else:
                    by = gensym(self.engine, "BY")
                    bindings.append((by, value))
        if start is None:
            if down and limit_kind in ("DOWNTO", "ABOVE"):
                self.error(f"FOR {show(var)} counts down without a FROM value")
            bindings.insert(0, (var, 0))
        group.extend(bindings)
        step = L(self.s("-" if down else "+"), var, by)
        tests: list[Form] = []
        if limit_kind is not None:
            op = {"TO": "<" if down else ">", "UPTO": ">", "BELOW": ">=", "DOWNTO": "<", "ABOVE": "<="}[limit_kind]
            tests.append(L(self.s(op), var, limit))
        return Steps(post_tests=list(tests)), Steps(steps=[(var, step)], post_tests=list(tests))

    # -- main clauses

    def parse_main_clause(self) -> list[Form]:
        tok = self.next("a LOOP clause")
        name = tok.name if isinstance(tok, Symbol) else ""
        if name in ("DO", "DOING"):
            return self.compound_forms(name)
        if name == "RETURN":
            return [L(self.s("RETURN-FROM"), self.name, self.form_or_it())]
        if name in ACCUMULATIONS:
            return self.parse_accumulation(ACCUMULATIONS[name])
        if name in ("WHEN", "IF", "UNLESS"):
            return self.parse_conditional(name)
        if name in ("ALWAYS", "NEVER"):
            test = self.next("a test form")
            if name == "ALWAYS":
                test = L(self.s("NOT"), test)
            self.set_result(T, name)
            return [L(self.s("IF"), test, L(self.s("RETURN-FROM"), self.name, NIL))]
        if name == "THEREIS":
            g = gensym(self.engine, "THEREIS")
            self.set_result(NIL, name)
            return [L(self.s("LET"), L(L(g, self.next("a test form"))),
                      L(self.s("IF"), g, L(self.s("RETURN-FROM"), self.name, g)))]
        if name in ("WHILE", "UNTIL"):
            test = self.next("a test form")
            if name == "WHILE":
                test = L(self.s("NOT"), test)
            return [self.end_test([test])]
        if name in ("FOR", "AS", "WITH", "INITIALLY", "FINALLY", "NAMED"):
            self.pos -= 1
            self.error(f"{name} clause is not allowed here")
        self.pos -= 1
        self.error(f"{show(tok)} is not a LOOP keyword")

    def set_result(self, value: Form, clause: str) -> None:
        if None in self.accumulators:
            self.error(f"{clause} cannot be combined with an unnamed accumulation")
        self.result = value

    def form_or_it(self) -> Form:
        if self.at_keyword("IT") and self.it_stack:
            self.pos += 1
            self.it_stack[-1][1] = True
            return self.it_stack[-1][0]
        return self.next("a form")

    def parse_conditional(self, kind: str) -> list[Form]:
        test = self.next("a test form")
        if kind == "UNLESS":
            test = L(self.s("NOT"), test)
        it_var = gensym(self.engine, "IT")
        self.it_stack.append([it_var, False])
        then = self.selectable_clauses()
        else_: list[Form] = []
        if self.accept("ELSE"):
            else_ = self.selectable_clauses()
        self.accept("END")
        _, used = self.it_stack.pop()
        then_form = then[0] if len(then) == 1 else from_list([self.s("PROGN"), *then])
        parts = [self.s("IF"), it_var if used else test, then_form]
        if else_:
            parts.append(else_[0] if len(else_) == 1 else from_list([self.s("PROGN"), *else_]))
        form = from_list(parts)
        if used:
            form = L(self.s("LET"), L(L(it_var, test)), form)
        return [form]

    def selectable_clauses(self) -> list[Form]:
        forms = self.selectable_clause()
        while self.accept("AND"):
            forms += self.selectable_clause()
        return forms

    def selectable_clause(self) -> list[Form]:
        if not self.at_keyword("DO", "DOING", "RETURN", "WHEN", "IF", "UNLESS", *ACCUMULATIONS):
            self.error(f"expected a selectable clause after a conditional, not {show(self.peek())}")
        return self.parse_main_clause()

    def accumulator(self, op: str, into: Form) -> Accumulator:
        kind = ACC_KIND[op]
        key = into
        acc = self.accumulators.get(key)
        if acc is not None:
            if acc.kind != kind:
                self.error(f"{op} cannot accumulate into {show(into) if into else 'the result'} "
                           f"together with a {acc.kind} accumulation")
            return acc
        if into is None and self.result is not None:
            self.error(f"{op} cannot be combined with ALWAYS, NEVER or THEREIS")
        var = into if into is not None else gensym(self.engine, "ACCUMULATOR")
        acc = Accumulator(kind, var)
        bindings: list[tuple[Symbol, Form]] = [(var, NIL if kind == "list" else 0)]
        if kind == "list":
            acc.tail = gensym(self.engine, "TAIL")
            bindings.append((acc.tail, NIL))
        elif kind in ("max", "min"):
            acc.flag = gensym(self.engine, "FIRST")
            bindings.append((acc.flag, T))
        self.groups.insert(0, bindings)
        self.accumulators[key] = acc
        return acc

    def parse_accumulation(self, op: str) -> list[Form]:
        value = self.form_or_it()
        into: Form = None
        if self.accept("INTO"):
            into = self.next("a variable")
            if not is_variable(self.engine, into):
                self.error(f"{show(into)} cannot be an INTO variable")
        self.skip_type()
        acc = self.accumulator(op, into)
        var = acc.var
        s = self.s
        if op == "COLLECT":
            cell = L(s("CONS"), value, NIL)
            grow = L(s("IF"), acc.tail, L(s("CDR"), L(s("RPLACD"), acc.tail, cell)), L(s("SETQ"), var, cell))
            return [L(s("SETQ"), acc.tail, grow)]
        if op in ("APPEND", "NCONC"):
            piece = gensym(self.engine, "PIECE")
            init = L(s("COPY-LIST"), value) if op == "APPEND" else value
            joined = L(s("IF"), acc.tail, L(s("CDR"), L(s("RPLACD"), acc.tail, piece)), L(s("SETQ"), var, piece))
            return [L(s("LET"), L(L(piece, init)),
                      L(s("IF"), piece, L(s("SETQ"), acc.tail, L(s("LAST"), joined))))]
        if op == "COUNT":
            return [L(s("IF"), value, L(s("SETQ"), var, L(s("1+"), var)))]
        if op == "SUM":
            return [L(s("SETQ"), var, L(s("+"), var, value))]
        g = gensym(self.engine, "VALUE")
        better = L(s(">" if op == "MAXIMIZE" else "<"), g, var)
        return [L(s("LET"), L(L(g, value)),
                  L(s("IF"), L(s("OR"), acc.flag, better), L(s("SETQ"), var, g, acc.flag, NIL)))]

    # -- assembly

    def assemble(self) -> Form:
        s = self.s
        result = self.result
        default = self.accumulators.get(None)
        if default is not None:
            result = default.var
        tagbody = [
            *self.prologue,
            *self.before_loop,
            self.next_tag,
            *self.body,
            *self.after_body,
            L(s("GO"), self.next_tag),
            self.end_tag,
            *self.epilogue,
            L(s("RETURN-FROM"), self.name, result if result is not None else NIL),
        ]
        inner: Form = from_list([s("TAGBODY"), *tagbody])
        if tree_has_symbol_named(self.form, "LOOP-FINISH"):
            finish = L(s("LOOP-FINISH"), NIL, quote(self.engine, L(s("GO"), self.end_tag)))
            inner = L(s("MACROLET"), L(finish), inner)
        for group in self.merged_groups():
            inner = L(s(group[0]), from_list([L(v, i) for v, i in group[1]]), inner)
        return L(s("BLOCK"), self.name, inner)

    def merged_groups(self) -> list[tuple[str, list[tuple[Symbol, Form]]]]:
        """Binding groups innermost first: runs of one-variable groups merge into one LET*."""
        merged: list[tuple[str, list[tuple[Symbol, Form]]]] = []
        for group in self.groups:
            if len(group) == 1 and merged and merged[-1][0] == "LET*":
                merged[-1][1].append(group[0])
            else:
                merged.append(("LET*" if len(group) == 1 else "LET", list(group)))
        return list(reversed(merged))


def _simple_loop(engine: Any, forms: list[Form]) -> Form:
    top = gensym(engine, "LOOP")
    return L(cl(engine, "BLOCK"), NIL, from_list([cl(engine, "TAGBODY"), top, *forms, L(cl(engine, "GO"), top)]))


@builtin("%PACKAGE-SYMBOLS", package="CLYSM", engine=True)
def package_symbols(engine: Any, designator: Any, kind: str) -> Any:
    """A fresh list of the symbols of a package (NIL: the current package) for LOOP's symbol paths. Packages do not
    record exports, so EXTERNAL-SYMBOLS and PRESENT-SYMBOLS are the package's own symbols; SYMBOLS adds those of
    the packages it uses."""
    package = engine.current_package() if designator is NIL else engine.find_package(designator)
    if package is None:
        errors.signal_error("PACKAGE-ERROR", f"The name {show(designator)} does not designate any package.",
                            PACKAGE=designator)
    found: dict[int, Symbol] = {}
    for sym in package.symbols.values():
        found.setdefault(id(sym), sym)
    if kind == "SYMBOLS":
        for used in package.uses:
            for name, sym in used.symbols.items():
                if name not in package.symbols:
                    found.setdefault(id(sym), sym)
    return from_list(list(found.values()))


@macro("LOOP")
def expand_loop(engine: Any, form: Form, env: Any) -> Form:
    tokens = to_list(form.cdr, "LOOP form")
    if all(isinstance(t, Cons) for t in tokens):
        return _simple_loop(engine, tokens)
    return LoopExpander(engine, form).expand()


@macro("LOOP-FINISH")
def expand_loop_finish(engine: Any, form: Form, env: Any) -> Form:
    errors.program_error("LOOP-FINISH used outside of LOOP")
