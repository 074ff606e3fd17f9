# The Engine: one isolated Lisp session. It owns the packages and therefore every symbol (values, functions,
# macros), the special variables, the output stream, the multiple-values register, the handler and catch
# stacks, the condition types, the generated-code cache, the tiering state and the Tier 2 backend. Two engines
# in one process share nothing but immutable constants.
from __future__ import annotations

import re
import sys
import time
from typing import Any

from clysm.eval import errors
from clysm.eval.analyze import Analyzer, macro_function, macroexpand, macroexpand_1
from clysm.eval.codegen import compile_unit, make_globals
from clysm.eval.conditions import condition_from_python, condition_functions, expand_define_condition
from clysm.eval.ir import Env, LambdaInfo, Params
from clysm.eval.output import OutputStream
from clysm.eval.special import SPECIAL_OPERATORS
from clysm.eval.values import MultipleValues, as_builtin_result
from clysm.lisp.types import NIL, UNBOUND, Cons, LispError, Package, ReaderError, Symbol, T

DEFAULT_MAX_DEPTH = 4000  # Python frames a Lisp evaluation may use (Tier 1 uses about one per Lisp call)


class HostTable:
    """Python objects handed to Tier 2 as small integers (see docs/ABI.md); the backend may keep its own."""

    def __init__(self) -> None:
        self.objects: list[Any] = [NIL, T]
        self.index: dict[int, int] = {id(NIL): 0, id(T): 1}

    def handle_of(self, obj: Any) -> int:
        h = self.index.get(id(obj))
        if h is None:
            h = self.index[id(obj)] = len(self.objects)
            self.objects.append(obj)
        return h


class Engine:
    """One Lisp session. See docs/ARCHITECTURE.md for the interface."""

    def __init__(self, *, threshold: int = 10, tier: str = "auto", backend: Any = None, stdout: Any = None,
                 max_depth: int = DEFAULT_MAX_DEPTH) -> None:
        if tier not in ("auto", "1", "2"):
            raise ValueError(f"tier must be 'auto', '1' or '2', not {tier!r}")
        self.tier = tier
        # tier '2' promotes every function when it is defined, and every other top-level form runs as a Tier 2
        # thunk (a form Tier 2 cannot compile is an error naming the construct); a top-level form that defines
        # functions runs in Tier 1 to install them, and they are compiled when installed
        self.tier2_toplevel = tier == "2"
        self.backend = backend
        self.max_depth = max_depth
        self.output = OutputStream(stdout)
        self.mv: Any = None  # the multiple-values register (clysm.eval.values)
        self.handlers: Any = None  # (cluster, outer) chain of HANDLER-BIND clusters
        self.catch_tags: list[Any] = []
        self.pending: BaseException | None = None
        self.host_table = HostTable()
        self.code_cache: dict[str, Any] = {}
        self.show_code: Any = None  # debugging: a callable receiving each generated unit's Python source
        self.symbol_macros: dict[Symbol, Any] = {}
        self.setf_functions: dict[Symbol, Symbol] = {}
        self.function_faces: dict[Symbol, tuple[Any, Any]] = {}  # SYMBOL-FUNCTION of macros, special ops
        self.setf_bases: dict[int, Symbol] = {}
        self.raw_builtins: dict[Symbol, tuple[Any, bool]] = {}
        self.pyname_map: dict[str, str] = {}
        from clysm.eval.conditions import standard_parents

        self.condition_parents: dict[str, tuple[str, ...]] = standard_parents()
        self.condition_classes: dict[str, Any] = {}
        self._eval_depth = 0
        self._sym_cache: dict[str, Symbol] = {}
        self._make_packages()
        self._define_variables(threshold)
        from clysm.tiering import Tiering

        self.tiering = Tiering(self)
        from clysm.devtools import DevTools

        self.devtools = DevTools(self)  # TRACE state, documentation strings, DEFTYPE types
        self.codegen_globals = make_globals(self)
        self.codegen_globals.update(self.tiering.codegen_globals())
        self.codegen_globals.update({"_progv_bind": self._progv_bind, "_progv_unbind": self._progv_unbind})
        self._bind_builtins()
        self._bind_macros()
        self._define_constants()
        from clysm.eval.objstate import install_objects

        install_objects(self)  # DEFSTRUCT / CLOS / restart state and the TYPEP hooks for class names
        self.devtools.install()  # (SETF DOCUMENTATION), the DEFTYPE hooks
        self.analyzer = Analyzer(self)
        self._toplevel_info = LambdaInfo(None)

    # ------------------------------------------------------------------------------------------ packages
    def _make_packages(self) -> None:
        from clysm.eval.cl_symbols import CL_SYMBOL_NAMES

        cl = Package("COMMON-LISP", nicknames=("CL",))
        for name in CL_SYMBOL_NAMES:
            cl.symbols[name] = Symbol(name, cl)
        cl.symbols["NIL"] = NIL
        cl.symbols["T"] = T
        keyword = Package("KEYWORD", nicknames=("",))
        clysm = Package("CLYSM")
        clysm.uses = [cl]
        user = Package("COMMON-LISP-USER", uses=[cl], nicknames=("CL-USER",))
        self.packages: dict[str, Package] = {}
        for p in (cl, keyword, clysm, user):
            self.packages[p.name] = p
            for nick in p.nicknames:
                self.packages[nick] = p
        self.cl_package = cl
        self.user_package = user
        self.clysm_package = clysm
        self.keyword_package = keyword

    def find_package(self, name: Any) -> Package | None:
        if type(name) is str:
            return self.packages.get(name)
        if isinstance(name, Package):
            return name
        if isinstance(name, Symbol):
            name = name.name
        return self.packages.get(name) if isinstance(name, str) else None

    def current_package(self) -> Package:
        pkg = self.package_symbol.value
        return pkg if isinstance(pkg, Package) else self.user_package

    def sym(self, name: str) -> Symbol:
        """The COMMON-LISP symbol `name` (cached)."""
        s = self._sym_cache.get(name)
        if s is None:
            s = self._sym_cache[name] = self.cl_package.intern(name)
        return s

    def clysm_sym(self, name: str) -> Symbol:
        return self.clysm_package.intern(name)

    def keyword(self, name: str) -> Symbol:
        return self.keyword_package.intern(name)

    def intern(self, name: str, package: Any = None) -> Symbol:
        """Intern `name` in `package` (a name, nickname or Package; None: the current package)."""
        if package is None:
            pkg = self.package_symbol.value
            if not isinstance(pkg, Package):
                pkg = self.user_package
        else:
            found = self.packages.get(package) if type(package) is str else self.find_package(package)
            if found is None:
                errors.signal_error("PACKAGE-ERROR", f"The package {package!s} does not exist.", PACKAGE=package)
            pkg = found  # type: ignore[assignment]
        if name == "NIL":
            return NIL
        if name == "T" and pkg is not self.keyword_package:
            found_t = pkg.find("T")
            if found_t is T or pkg is self.cl_package:
                return T
        sym = pkg.symbols.get(name)  # fast path: present in the package itself
        return sym if sym is not None else pkg.intern(name)

    def export_to_user(self, sym: Symbol) -> Symbol:
        """Make a CLYSM symbol accessible in COMMON-LISP-USER without a prefix."""
        self.user_package.symbols.setdefault(sym.name, sym)
        return sym

    def gensym(self, prefix: str = "G") -> Symbol:
        counter = self.sym("*GENSYM-COUNTER*")
        n = counter.value if type(counter.value) is int else 0
        counter.value = n + 1
        return Symbol(f"{prefix}{n}")

    def setf_function_symbol(self, name: Symbol) -> Symbol:
        """The (uninterned) symbol whose function cell holds the function named (SETF name)."""
        s = self.setf_functions.get(name)
        if s is None:
            s = self.setf_functions[name] = Symbol(f"(SETF {name.name})")
            self.setf_bases[id(s)] = name
        return s

    def setf_function_base(self, sym: Symbol) -> Symbol | None:
        return self.setf_bases.get(id(sym))

    def fdefinition(self, name: Any) -> Any:
        """The global function named by a symbol or (SETF symbol), or None."""
        if isinstance(name, Symbol):
            return name.function
        if isinstance(name, Cons) and isinstance(name.cdr, Cons) and isinstance(name.cdr.car, Symbol):
            s = self.setf_functions.get(name.cdr.car)
            return s.function if s is not None else None
        return None

    def fmakunbound(self, name: Any) -> None:
        sym = name
        if isinstance(name, Cons) and isinstance(name.cdr, Cons):
            sym = self.setf_functions.get(name.cdr.car)
            if sym is None:
                return
        if isinstance(sym, Symbol):
            sym.function = None
            sym.macro = None
            self.tiering.forget(sym)
            self.function_changed(sym)

    def macroexpand_1(self, form: Any, env: Any = None) -> tuple[Any, bool]:
        """One macro expansion step: (expansion, expanded?). `env`: None, an analysis Env or a tf.lexenv."""
        return macroexpand_1(self, form, _as_env(env))

    def macroexpand(self, form: Any, env: Any = None) -> tuple[Any, bool]:
        return macroexpand(self, form, _as_env(env))

    def special_operator_p(self, sym: Any) -> bool:
        return isinstance(sym, Symbol) and sym.package is self.cl_package and sym.name in SPECIAL_OPERATORS

    is_special_operator = special_operator_p

    def is_special_variable(self, sym: Any) -> bool:
        return isinstance(sym, Symbol) and bool(sym.special)

    def is_symbol_macro(self, sym: Any, env: Any = None) -> bool:
        return macroexpand_1(self, sym, env)[1] if isinstance(sym, Symbol) else False

    def function_changed(self, sym: Symbol) -> None:
        """A global function was (re)defined: tell the Tier 2 backend so compiled callers see it."""
        if sym in self.devtools.traced:  # a redefined traced function stays traced (its wrapper goes back in)
            self.devtools.function_changed(sym)
        hook = getattr(self.backend, "function_changed", None)
        if hook is not None:
            try:
                hook(self, sym)
            except Exception:  # noqa: BLE001  (a backend problem must not break Tier 1)
                pass

    # ------------------------------------------------------------------------------------------ variables
    def _define_variables(self, threshold: int) -> None:
        def special(name: str, value: Any, package: str = "COMMON-LISP") -> Symbol:
            s = self.intern(name, package)
            s.special = True
            s.value = value
            return s

        out = self.output
        for name in ("*STANDARD-OUTPUT*", "*ERROR-OUTPUT*", "*TRACE-OUTPUT*", "*TERMINAL-IO*", "*QUERY-IO*",
                     "*DEBUG-IO*"):
            special(name, out)
        try:
            from clysm.eval.builtins.streams import StringInputStream

            special("*STANDARD-INPUT*", StringInputStream("", 0, 0))
        except ImportError:  # pragma: no cover
            special("*STANDARD-INPUT*", NIL)
        self.package_symbol = special("*PACKAGE*", self.user_package)
        kw = self.keyword
        for name, value in (("*PRINT-BASE*", 10), ("*PRINT-RADIX*", NIL), ("*PRINT-LEVEL*", NIL),
                            ("*PRINT-LENGTH*", NIL), ("*PRINT-ESCAPE*", T), ("*PRINT-PRETTY*", T),
                            ("*PRINT-READABLY*", NIL), ("*PRINT-CASE*", kw("UPCASE")), ("*PRINT-CIRCLE*", NIL),
                            ("*PRINT-GENSYM*", T), ("*PRINT-ARRAY*", T), ("*PRINT-LINES*", NIL),
                            ("*PRINT-RIGHT-MARGIN*", NIL), ("*PRINT-MISER-WIDTH*", NIL), ("*READ-BASE*", 10),
                            ("*READ-EVAL*", T), ("*READ-SUPPRESS*", NIL), ("*GENSYM-COUNTER*", 1),
                            ("*BREAK-ON-SIGNALS*", NIL), ("*DEBUGGER-HOOK*", NIL)):
            special(name, value)
        special("*READ-DEFAULT-FLOAT-FORMAT*", self.sym("SINGLE-FLOAT"))
        special("*MACROEXPAND-HOOK*", self.sym("FUNCALL"))
        features = NIL
        for name in reversed(["CLYSM", "COMMON-LISP", "ANSI-CL", "IEEE-FLOATING-POINT"]):
            features = Cons(kw(name), features)
        special("*FEATURES*", features)
        thr = special("*COMPILATION-THRESHOLD*", threshold, "CLYSM")
        self.export_to_user(thr)
        self.threshold_symbol = thr
        for name in ("*", "**", "***", "+", "++", "+++", "/", "//", "///", "-"):
            special(name, NIL)

    def _define_constants(self) -> None:
        try:
            from clysm.eval.builtins.environment import standard_constants
        except ImportError:  # pragma: no cover
            return
        for name, value in standard_constants(self):
            sym = self.sym(name)
            sym.value = value
            sym.constant = True

    @property
    def threshold(self) -> Any:
        return self.threshold_symbol.value

    # ------------------------------------------------------------------------------------------ binding
    def _bind_builtins(self) -> None:
        from clysm.eval.builtins.registry import all_builtins

        for spec in all_builtins():
            self._bind_function(spec.name, spec.package, spec.func, spec.needs_engine)
        for name, package, fn in condition_functions(self):
            self._bind_function(name, package, fn, False)
        for name, package, fn in self._engine_functions():
            self._bind_function(name, package, fn, False)
        for name, package, fn in self.devtools.lisp_functions():
            self._bind_function(name, package, fn, False)
        for name, fn in self.tiering.lisp_functions():
            sym = self._bind_function(name, "CLYSM", fn, False)
            self.export_to_user(sym)

    def _bind_function(self, name: str, package: str, fn: Any, needs_engine: bool) -> Symbol:
        sym = self.intern(name, package)
        if needs_engine:
            engine = self

            def bound(*args: Any, _f: Any = fn) -> Any:
                return _f(engine, *args)

            bound.__qualname__ = name
            bound.lisp_name = sym  # type: ignore[attr-defined]
            cell: Any = bound
        else:
            cell = fn
        sym.function = cell
        self.raw_builtins[sym] = (fn, needs_engine)
        self.pyname_map[getattr(fn, "__name__", name)] = name
        self.pyname_map[name] = name
        return sym

    def _bind_macros(self) -> None:
        from clysm.eval.macros.registry import all_macros

        engine = self

        def bind(name: str, package: str, expander: Any) -> None:
            def macro_fn(form: Any, env: Any, _x: Any = expander) -> Any:
                return _x(engine, form, env)

            macro_fn.__qualname__ = name
            sym = self.intern(name, package)
            macro_fn.lisp_name = Cons(self.sym("MACRO-FUNCTION"), Cons(sym, NIL))  # type: ignore[attr-defined]  (as SBCL prints it)
            sym.macro = macro_fn

        for spec in all_macros():
            bind(spec.name, spec.package, spec.expander)
        bind("DEFINE-CONDITION", "COMMON-LISP", expand_define_condition)
        bind("DEFINE-SYMBOL-MACRO", "COMMON-LISP", _expand_define_symbol_macro)

    def _engine_functions(self) -> list[tuple[str, str, Any]]:
        engine = self

        def lisp_eval(form: Any) -> Any:
            return as_builtin_result(engine.eval_values(form))

        def lisp_macroexpand_1(form: Any, env: Any = NIL) -> Any:
            exp, done = macroexpand_1(engine, form, env)
            return MultipleValues((exp, T if done else NIL))

        def lisp_macroexpand(form: Any, env: Any = NIL) -> Any:
            exp, done = macroexpand(engine, form, env)
            return MultipleValues((exp, T if done else NIL))

        def lisp_macro_function(sym: Any, env: Any = NIL) -> Any:
            fn = macro_function(engine, sym, env)
            return NIL if fn is None else fn

        def defmacro(name: Any, fn: Any) -> Any:
            if not isinstance(name, Symbol) or name is NIL:
                errors.type_error(name, "SYMBOL", "DEFMACRO")
            if name.package is engine.cl_package and (name.function is not None or name.macro is not None):
                errors.signal_error("PACKAGE-ERROR", f"Lock on package COMMON-LISP violated when defining "
                                    f"{name.name} as a macro while in package COMMON-LISP-USER.")
            name.macro = fn
            if getattr(fn, "lisp_name", None) is None:
                try:  # printed #<FUNCTION (MACRO-FUNCTION M) {..}>, as in SBCL
                    fn.lisp_name = Cons(engine.sym("MACRO-FUNCTION"), Cons(name, NIL))
                except AttributeError:
                    pass
            if name.function is not None:
                name.function = None
                engine.tiering.forget(name)
            return name

        def define_symbol_macro(name: Any, expansion: Any) -> Any:
            engine.symbol_macros[name] = expansion
            return name

        def constantp(form: Any, env: Any = NIL) -> Any:
            if isinstance(form, Symbol):
                return T if form.constant else NIL
            if isinstance(form, Cons):
                return T if form.car is engine.sym("QUOTE") else NIL
            return T

        def compile_(name: Any, definition: Any = None) -> Any:
            return engine.tiering.lisp_compile(name, definition)

        def function_lambda_expression(fn: Any) -> Any:
            tf = getattr(fn, "tiered", None) or engine.tiering.tiered_of(fn)
            if tf is None:
                name = getattr(fn, "lisp_name", None)
                return MultipleValues((NIL, T, name if isinstance(name, Symbol) else NIL))
            closure = tf.lexenv is not None and tf.lexenv.has_lexical_bindings()
            return MultipleValues((tf.definition, T if closure else NIL, tf.name if tf.name is not None else NIL))

        cl = "COMMON-LISP"
        return [
            ("EVAL", cl, lisp_eval), ("MACROEXPAND-1", cl, lisp_macroexpand_1), ("MACROEXPAND", cl, lisp_macroexpand),
            ("MACRO-FUNCTION", cl, lisp_macro_function), ("CONSTANTP", cl, constantp), ("COMPILE", cl, compile_),
            ("FUNCTION-LAMBDA-EXPRESSION", cl, function_lambda_expression),
            ("%DEFMACRO", "CLYSM", defmacro), ("%DEFINE-SYMBOL-MACRO", "CLYSM", define_symbol_macro),
        ]

    def make_macro_function(self, name: Symbol, lambda_list: Any, body: Any, env: Env) -> Any:
        """The expander (form env) of a MACROLET definition, built like DEFMACRO's and closed over `env`
        (which holds only local macros and symbol macros)."""
        from clysm.eval.macros.definitions import macro_function_form

        form = macro_function_form(self, name, lambda_list, _to_pylist(body), f"MACROLET {name.name}")
        return self._eval_in(form, env)

    def toplevel_info(self) -> LambdaInfo:
        return self._toplevel_info

    # ------------------------------------------------------------------------------------------ evaluation
    def read_all(self, text: str, filename: str = "<input>") -> list[Any]:
        from clysm.lisp.reader import read_all

        return read_all(text, filename=filename, intern=self._reader_intern, cl_symbol=self.sym)

    def double_default(self) -> bool:
        """Whether *read-default-float-format* names DOUBLE-FLOAT (the reader then reads 1.5 as a double)."""
        value = self.intern("*READ-DEFAULT-FLOAT-FORMAT*", "COMMON-LISP").value
        return isinstance(value, Symbol) and value.name in ("DOUBLE-FLOAT", "LONG-FLOAT")

    def read_located(self, text: str, filename: str = "<input>") -> list[tuple[Any, int, int]]:
        """Like read_all (all or nothing), with the 1-based line and column where each top-level form starts."""
        from clysm.lisp.reader import EOF, Reader

        lazy = _PACKAGE_FORMS.search(text) is not None
        reader = Reader(text, filename=filename, intern=self._dry_intern if lazy else self._reader_intern,
                        cl_symbol=self.sym, double_default=self.double_default())
        out: list[tuple[Any, int, int]] = []
        while True:
            start = _skip_blank(text, reader.pos)
            form = reader.read()
            if form is EOF:
                break
            line, column = reader.positions.get(id(form)) or reader.location(start)
            out.append((form, line, column))
        if lazy:  # the text may define or change packages: each form is read again just before it runs
            return _LazyForms(self, text, filename, out)
        return out

    def _dry_intern(self, name: str, package: str | None) -> Symbol:
        """Interning for the syntax check of text that may change packages: existing symbols are found, nothing
        new is interned for real (the forms are read again before they run)."""
        if package == "KEYWORD" or name in ("NIL", "T"):
            return self.intern(name, package)
        pkg = self.current_package() if package is None else self.find_package(package)
        found = pkg.find(name) if pkg is not None else None
        return found if found is not None else Symbol(name)

    def _reader_intern(self, name: str, package: str | None) -> Symbol:
        if package is not None and self.find_package(package) is None:
            raise KeyError(f"package {package} does not exist")
        return self.intern(name, package)

    def eval(self, form: Any) -> Any:
        """Evaluate one form as a top-level form; return its primary value (all values: `self.mv` after, see
        clysm.eval.values, or use eval_values)."""
        if self._eval_depth:
            return self._toplevel(form, False)
        return self._guarded(self._toplevel, form, True)

    def eval_values(self, form: Any) -> tuple[Any, ...]:
        r = self.eval(form)
        if type(r) is MultipleValues:
            return tuple(r)
        m = self.mv
        return m if m is not None else (r,)

    def eval_string(self, text: str, filename: str = "<input>") -> Any:
        """Read every form of `text` (a reader error means nothing runs), then evaluate them in order; return
        the primary value of the last one (NIL if there is none)."""
        value: Any = NIL
        for form, _line, _column in self.read_located(text, filename):
            value = self.eval(form)
        return value

    def prin1(self, obj: Any) -> str:
        """PRIN1 text of obj under the engine's *PRINT-...* variables and *PACKAGE*."""
        try:
            from clysm.eval.builtins.printer_io import to_text
        except ImportError:  # pragma: no cover
            from clysm.lisp.printer import prin1_to_string

            return prin1_to_string(obj, package=self.current_package())
        return to_text(self, obj)

    def princ(self, obj: Any) -> str:
        from clysm.lisp.printer import princ_to_string

        return princ_to_string(obj, package=self.current_package())

    def format_to_string(self, control: str, args: list[Any]) -> str:
        from clysm.lisp.format import format_string

        return format_string(control, args, package=self.current_package())

    def recover(self) -> None:
        """Make the session usable again after an evaluation was stopped from outside (timeout, Ctrl-C) at an
        arbitrary point: afterwards no evaluation is running. Definitions and global values are kept."""
        self._eval_depth = 0
        self.handlers = None
        self.catch_tags.clear()
        self.pending = None
        self.mv = None

    def _guarded(self, fn: Any, *args: Any) -> Any:
        """Run an outermost evaluation: bound Python recursion, and every Python error becomes a LispError.
        Lisp code may already be running when it starts (a Lisp function called from Python, Tier 2 code with its
        catch-stack markers in `catch_tags`): the handlers and catch tags it established stay visible, and both
        are as they were on the way out (`recover` resets them after an interruption)."""
        old_limit = sys.getrecursionlimit()
        depth = _frame_depth()
        sys.setrecursionlimit(depth + self.max_depth + 50)
        self._eval_depth += 1
        handlers, mark = self.handlers, len(self.catch_tags)
        try:
            return fn(*args)
        except LispError:
            raise
        except Exception as e:  # noqa: BLE001  (nothing escapes as a raw Python exception)
            raise LispError(condition_from_python(self, e)) from None
        except RecursionError as e:  # pragma: no cover  (RecursionError is an Exception; kept explicit)
            raise LispError(condition_from_python(self, e)) from None
        finally:
            self._eval_depth -= 1
            self.handlers = handlers
            del self.catch_tags[mark:]
            sys.setrecursionlimit(old_limit)

    def _toplevel(self, form: Any, outermost: bool) -> Any:
        """Process a top-level form: PROGN and EVAL-WHEN bodies and macro forms are processed form by form, so a
        macro defined by an earlier subform is used by a later one."""
        progn = self.sym("PROGN")
        while isinstance(form, Cons) and isinstance(form.car, Symbol):
            op = form.car
            if op is progn:
                value: Any = NIL
                self.mv = None
                x = form.cdr
                while isinstance(x, Cons):
                    value = self._toplevel(x.car, outermost)
                    x = x.cdr
                return value
            if op is self.sym("EVAL-WHEN"):
                situations = _to_pylist(form.cdr.car) if isinstance(form.cdr, Cons) else []
                if any(isinstance(s, Symbol) and s.name == "EXECUTE" for s in situations):
                    return self._toplevel(Cons(progn, form.cdr.cdr), outermost)
                self.mv = None
                return NIL
            if op.macro is not None and op not in self.analyzer.special_forms:
                form = op.macro(form, Env(None, self._toplevel_info, self))
                continue
            break
        if outermost and self.tier == "2" and self.tier2_toplevel and self._runs_in_tier2(form):
            info = self._analyze_toplevel(form, None)
            if not _defines(info.body):
                return self._eval_tier2(form)
            return self._run_info(info)  # it defines functions: Tier 1 here, the functions are promoted
        return self._eval_in(form, None)

    def _runs_in_tier2(self, form: Any) -> bool:
        """In tier '2' mode, top-level forms run as Tier 2 thunks, except definitions (the engine's CLYSM
        installers such as %DEFUN, whose functions are promoted when defined) and constants."""
        if not isinstance(form, Cons):
            return False
        op = form.car
        return not (isinstance(op, Symbol) and (op.package is self.clysm_package or op is self.sym("QUOTE")))

    def _eval_tier2(self, form: Any) -> Any:
        """Compile (lambda () form) with Tier 2 and call it; a form Tier 2 cannot compile is an error."""
        lam = Cons(self.sym("LAMBDA"), Cons(NIL, Cons(form, NIL)))
        try:
            self.tier = "auto"  # make the thunk without forcing it (no log entry), then promote it here
            entry = self.compile_tiered(None, lam)
        finally:
            self.tier = "2"
        tf = entry.tiered
        fn = self.tiering.promote(tf, log=False)
        if fn is None:
            text = self.prin1(form)
            if len(text) > 80:
                text = text[:77] + "..."
            errors.simple_error(f"Tier 2 cannot compile the top-level form {text}: {tf.tier2_error}")
        self.mv = None
        return fn()

    def _eval_in(self, form: Any, env: Env | None) -> Any:
        return self._run_info(self._analyze_toplevel(form, env))

    def _analyze_toplevel(self, form: Any, env: Env | None) -> LambdaInfo:
        info = LambdaInfo(None)
        if env is None:
            env = Env(None, info, self)
        else:
            env = env.child(fn=info)
        info.params = Params()
        info.body = self.analyzer.analyze(form, env)
        return info

    def _run_info(self, info: LambdaInfo) -> Any:
        thunk = compile_unit(self, info)
        self.mv = None
        return thunk()

    def compile_tiered(self, name: Symbol | None, lambda_expr: Any) -> Any:
        """Install (or, with name None, make) a tiered function from a lambda expression, in the null lexical
        environment; returns the name, or the function when anonymous."""
        from clysm.eval.ir import Defun

        info = LambdaInfo(None)
        env = Env(None, info, self)
        info.params = Params()
        lam = self.analyzer.function_lambda(lambda_expr, env, name=name, tiered=True)
        info.body = Defun(name, lam, env)  # type: ignore[arg-type]
        thunk = compile_unit(self, info)
        return thunk()

    # ------------------------------------------------------------------------------------------ PROGV
    def _progv_bind(self, syms: Any, vals: Any) -> list[tuple[Symbol, Any]]:
        saved: list[tuple[Symbol, Any]] = []
        s, v = syms, vals
        try:
            while isinstance(s, Cons):
                sym = s.car
                if not isinstance(sym, Symbol) or sym.constant:
                    errors.type_error(sym, "(AND SYMBOL (NOT (SATISFIES CONSTANTP)))", "PROGV")
                saved.append((sym, sym.value))
                if isinstance(v, Cons):
                    sym.value = v.car
                    v = v.cdr
                else:
                    sym.value = UNBOUND
                s = s.cdr
        except BaseException:
            self._progv_unbind(saved)
            raise
        return saved

    @staticmethod
    def _progv_unbind(saved: list[tuple[Symbol, Any]]) -> None:
        for sym, old in reversed(saved):
            sym.value = old

    # ------------------------------------------------------------------------------------------ reports
    def elapsed_ms(self, t0: float) -> float:
        return round((time.perf_counter() - t0) * 1000, 3)


_PACKAGE_FORMS = re.compile(r"in-package|defpackage|make-package", re.IGNORECASE)


class _LazyForms(list):  # type: ignore[type-arg]
    """The located forms of a text that may change packages (see Engine.read_located): the list holds what the
    syntax check read; iterating reads each form again, with the packages as they are when it is reached. A
    reader error then (an unknown package) is a Lisp READER-ERROR."""

    def __init__(self, engine: Engine, text: str, filename: str, checked: list[Any]) -> None:
        super().__init__(checked)
        self.engine = engine
        self.text = text
        self.filename = filename

    def __iter__(self) -> Any:
        from clysm.lisp.reader import EOF, Reader

        engine, text = self.engine, self.text
        reader = Reader(text, filename=self.filename, intern=engine._reader_intern, cl_symbol=engine.sym,
                        double_default=engine.double_default())
        while True:
            start = _skip_blank(text, reader.pos)
            try:
                form = reader.read()
            except ReaderError as e:
                errors.signal_error("READER-ERROR", str(e))
            if form is EOF:
                return
            line, column = reader.positions.get(id(form)) or reader.location(start)
            yield form, line, column


def _defines(node: Any) -> bool:
    """Does the analyzed form define global functions or macros (%DEFUN, or calls of CLYSM installers)?"""
    from clysm.eval import ir
    from clysm.eval.codegen_forms import _children

    todo = [node]
    while todo:
        n = todo.pop()
        t = type(n)
        if t is ir.Defun:
            return True
        if t is ir.Call and n.kind in ("builtin", "global") and isinstance(n.target, Symbol) \
                and n.target.package is not None and n.target.package.name == "CLYSM" \
                and n.target.name.startswith("%DEF"):
            return True
        if t is ir.Lambda:
            todo.append(n.info.body)
            continue
        if t is ir.FunBind:
            todo.extend(lam.info.body for _v, lam in n.funs)
        todo.extend(c for c in _children(n) if c is not None)
    return False


def _as_env(env: Any) -> Any:
    if env is None or type(env) is Env:  # the common cases, without the import below (per macroexpansion step)
        return env
    from clysm.eval.lexenv import LexEnv

    if isinstance(env, LexEnv):
        return env.env
    return env


def _frame_depth() -> int:
    n = 0
    f: Any = sys._getframe()
    while f is not None:
        n += 1
        f = f.f_back
    return n


def _skip_blank(text: str, pos: int) -> int:
    """The offset of the next character after whitespace, ; comments and #| |# comments (for form positions)."""
    n = len(text)
    while pos < n:
        c = text[pos]
        if c.isspace():
            pos += 1
        elif c == ";":
            nl = text.find("\n", pos)
            pos = n if nl < 0 else nl + 1
        elif text.startswith("#|", pos):
            depth, pos = 1, pos + 2
            while pos < n and depth:
                if text.startswith("|#", pos):
                    depth, pos = depth - 1, pos + 2
                elif text.startswith("#|", pos):
                    depth, pos = depth + 1, pos + 2
                else:
                    pos += 1
        else:
            break
    return pos


def _to_pylist(x: Any) -> list[Any]:
    out: list[Any] = []
    while isinstance(x, Cons):
        out.append(x.car)
        x = x.cdr
    return out


def _expand_define_symbol_macro(engine: Engine, form: Any, env: Any) -> Any:
    items = _to_pylist(form.cdr)
    if len(items) != 2 or not isinstance(items[0], Symbol):
        errors.program_error("malformed DEFINE-SYMBOL-MACRO")
    q = engine.sym("QUOTE")
    return Cons(engine.clysm_sym("%DEFINE-SYMBOL-MACRO"),
                Cons(Cons(q, Cons(items[0], NIL)), Cons(Cons(q, Cons(items[1], NIL)), NIL)))


__all__ = ["Engine", "ReaderError", "LispError"]
