# The Symbols chapter (and the package functions a program needs with them): names, values, function cells,
# property lists (get, remprop, symbol-plist and CLYSM::%SET-SYMBOL-PLIST), make-symbol, gensym, gentemp, intern
# and find-symbol with their status values, keywordp, and find-package/package-name.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.common import eq, lisp_str, show
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, UNBOUND, Cons, Package, Symbol, T


def _symbol(x: Any) -> Symbol:
    if not isinstance(x, Symbol):
        errors.type_error(x, "SYMBOL")
    return x


@builtin("SYMBOLP")
def symbolp(x: Any) -> Any:
    return T if isinstance(x, Symbol) else NIL


@builtin("KEYWORDP")
def keywordp(x: Any) -> Any:
    return T if isinstance(x, Symbol) and x.is_keyword else NIL


@builtin("SYMBOL-NAME")
def symbol_name(x: Any) -> Any:
    return _symbol(x).name


@builtin("SYMBOL-PACKAGE", engine=True)
def symbol_package(engine: Any, x: Any) -> Any:
    pkg = _symbol(x).package
    if pkg is None and (x is NIL or x is T):
        return find_package_of(engine, "COMMON-LISP")  # the shared constants carry no package themselves
    return NIL if pkg is None else pkg


# ---------------------------------------------------------------------------------------------- values, functions

@builtin("SYMBOL-VALUE")
def symbol_value(x: Any) -> Any:
    value = _symbol(x).value
    if value is UNBOUND:
        errors.unbound_variable(show(x))
    return value


@builtin("SET")
def set_(x: Any, value: Any) -> Any:
    sym = _symbol(x)
    if sym.constant:
        errors.simple_error(f"Cannot set the value of the constant {show(sym)}.")
    sym.value = value
    return value


@builtin("BOUNDP")
def boundp(x: Any) -> Any:
    return NIL if _symbol(x).value is UNBOUND else T


@builtin("MAKUNBOUND")
def makunbound(x: Any) -> Any:
    sym = _symbol(x)
    if sym.constant:
        errors.simple_error(f"Cannot make the constant {show(sym)} unbound.")
    sym.value = UNBOUND
    return sym


def _special_operator(engine: Any, sym: Symbol) -> bool:
    check = getattr(engine, "special_operator_p", None)
    return bool(check(sym)) if check is not None else False


def function_face(engine: Any, sym: Symbol) -> Any:
    """SYMBOL-FUNCTION (and FBOUNDP, FDEFINITION) of a macro or special operator, as in SBCL: a function object
    printed #<FUNCTION (:MACRO name) {..}> or (:SPECIAL name), the same one until the macro is redefined, that
    signals UNDEFINED-FUNCTION when called. None when `sym` names neither."""
    expander = sym.macro
    if expander is None and not _special_operator(engine, sym):
        return None
    faces: dict[Symbol, tuple[Any, Any]] | None = getattr(engine, "function_faces", None)
    known = faces.get(sym) if faces is not None else None
    if known is not None and known[0] is expander:
        return known[1]
    if expander is not None:
        message = f"{show(sym)} is a macro, not a function."
        kind = "MACRO"
    else:
        message = f"Cannot FUNCALL the SYMBOL-FUNCTION of special operator {show(sym)}."
        kind = "SPECIAL"

    def face(*_args: Any) -> Any:
        errors.signal_error("UNDEFINED-FUNCTION", message, NAME=sym)

    keyword = engine.keyword(kind) if hasattr(engine, "keyword") else kind
    face.lisp_name = Cons(keyword, Cons(sym, NIL))  # type: ignore[attr-defined]
    if faces is not None:
        faces[sym] = (expander, face)
    return face


@builtin("SYMBOL-FUNCTION", engine=True)
def symbol_function(engine: Any, x: Any) -> Any:
    sym = _symbol(x)
    if sym.function is not None:
        return sym.function
    face = function_face(engine, sym)
    if face is None:
        errors.undefined_function(show(sym))
    return face


@builtin("FBOUNDP", engine=True)
def fboundp(engine: Any, x: Any) -> Any:
    # as in SBCL (2.2.9, the oracle): the function itself, for (SETF name) too, (eq (fboundp 'car) #'car); for
    # macros and special operators SYMBOL-FUNCTION's object
    if isinstance(x, Cons):  # (SETF name)
        lookup = getattr(engine, "fdefinition", None)
        fn = lookup(x) if lookup is not None else None
        return fn if fn is not None else NIL
    sym = _symbol(x)
    if sym.function is not None:
        return sym.function
    face = function_face(engine, sym)
    return NIL if face is None else face


@builtin("FMAKUNBOUND", engine=True)
def fmakunbound(engine: Any, x: Any) -> Any:
    remove = getattr(engine, "fmakunbound", None)
    if remove is not None:
        remove(x)
        return x
    sym = _symbol(x)
    sym.function = None
    sym.macro = None
    return sym


@builtin("SPECIAL-OPERATOR-P", engine=True)
def special_operator_p(engine: Any, x: Any) -> Any:
    return T if _special_operator(engine, _symbol(x)) else NIL


# ---------------------------------------------------------------------------------------------- property lists

def _plist(sym: Symbol) -> Any:
    return NIL if sym.plist is None else sym.plist


@builtin("SYMBOL-PLIST")
def symbol_plist(x: Any) -> Any:
    return _plist(_symbol(x))


@builtin("%SET-SYMBOL-PLIST", package="CLYSM")
def set_symbol_plist(x: Any, plist: Any) -> Any:
    """(setf (symbol-plist sym) plist): returns plist."""
    _symbol(x).plist = plist
    return plist


@builtin("GET")
def get(x: Any, indicator: Any, default: Any = NIL) -> Any:
    p = _plist(_symbol(x))
    while isinstance(p, Cons) and isinstance(p.cdr, Cons):
        if p.car is indicator or eq(p.car, indicator):
            return p.cdr.car
        p = p.cdr.cdr
    return default


@builtin("REMPROP")
def remprop(x: Any, indicator: Any) -> Any:
    sym = _symbol(x)
    prev = None
    p = _plist(sym)
    while isinstance(p, Cons) and isinstance(p.cdr, Cons):
        if p.car is indicator or eq(p.car, indicator):
            if prev is None:
                sym.plist = p.cdr.cdr
            else:
                prev.cdr.cdr = p.cdr.cdr
            return p  # SBCL returns the tail of the plist that held the pair (true)
        prev = p
        p = p.cdr.cdr
    return NIL


# ---------------------------------------------------------------------------------------------- making symbols

def _name_arg(x: Any) -> str:
    text = lisp_str(x)
    if text is None:
        errors.type_error(x, "STRING")
    return text


@builtin("MAKE-SYMBOL")
def make_symbol(name: Any) -> Any:
    return Symbol(_name_arg(name))


@builtin("COPY-SYMBOL")
def copy_symbol(x: Any, copy_props: Any = NIL) -> Any:
    sym = _symbol(x)
    new = Symbol(sym.name)
    if copy_props is not NIL:
        new.value = sym.value
        new.function = sym.function
        from clysm.eval.builtins.conses import copy_list

        new.plist = copy_list(_plist(sym))
    return new


def _gensym_counter(engine: Any) -> Symbol:
    return engine.intern("*GENSYM-COUNTER*", "COMMON-LISP")


@builtin("GENSYM", engine=True)
def gensym(engine: Any, x: Any = None) -> Any:
    if x is None:
        return engine.gensym("G")
    if type(x) is int:
        if x < 0:
            errors.type_error(x, "UNSIGNED-BYTE")
        return Symbol(f"G{x}")
    return engine.gensym(_name_arg(x))


@builtin("GENTEMP", engine=True)
def gentemp(engine: Any, prefix: Any = None, package: Any = None) -> Any:
    text = "T" if prefix is None else _name_arg(prefix)
    pkg = current_package(engine) if package is None else find_package_of(engine, package)
    counter = engine.intern("*CLYSM-GENTEMP-COUNTER*", "CLYSM")
    n = counter.value if type(counter.value) is int else 0
    while True:
        n += 1
        name = f"{text}{n}"
        if pkg.find(name) is None:
            counter.value = n
            return pkg.intern(name)


# ---------------------------------------------------------------------------------------------- packages

def current_package(engine: Any) -> Package:
    pkg = engine.intern("*PACKAGE*", "COMMON-LISP").value
    if isinstance(pkg, Package):
        return pkg
    return find_package_of(engine, "COMMON-LISP-USER")


def _named_package(engine: Any, name: str) -> Package | None:
    finder = getattr(engine, "find_package", None)
    if finder is not None:
        pkg = finder(name)
        return pkg if isinstance(pkg, Package) else None
    table = getattr(engine, "packages", None)
    if isinstance(table, dict):
        pkg = table.get(name)
        if pkg is None:
            pkg = next((p for p in table.values() if name in getattr(p, "nicknames", ())), None)
        return pkg
    return None


def _package_name_of(designator: Any) -> str | None:
    if isinstance(designator, Symbol):
        return designator.name
    return lisp_str(designator) if not isinstance(designator, Package) else designator.name


def find_package_of(engine: Any, designator: Any) -> Package:
    if isinstance(designator, Package):
        return designator
    name = _package_name_of(designator)
    if name is None:
        errors.type_error(designator, "(OR STRING SYMBOL PACKAGE CHARACTER)")
    pkg = _named_package(engine, name)
    if pkg is None:
        errors.signal_error("PACKAGE-ERROR", f"The name {show(name)} does not designate any package.",
                            PACKAGE=name)
    return pkg


@builtin("FIND-PACKAGE", engine=True)
def find_package(engine: Any, designator: Any) -> Any:
    if isinstance(designator, Package):
        return designator
    name = _package_name_of(designator)
    if name is None:
        errors.type_error(designator, "(OR STRING SYMBOL PACKAGE CHARACTER)")
    pkg = _named_package(engine, name)
    return NIL if pkg is None else pkg


@builtin("PACKAGE-NAME", engine=True)
def package_name(engine: Any, designator: Any) -> Any:
    return find_package_of(engine, designator).name


@builtin("PACKAGEP")
def packagep(x: Any) -> Any:
    return T if isinstance(x, Package) else NIL


def _status(engine: Any, pkg: Package, name: str) -> tuple[Symbol | None, Any]:
    own = pkg.symbols.get(name)
    keyword = engine.intern
    if own is not None:
        exports = getattr(pkg, "exports", None)
        external = pkg.name in ("KEYWORD", "COMMON-LISP") or (exports is not None and name in exports)
        return own, keyword("EXTERNAL" if external else "INTERNAL", "KEYWORD")
    for used in pkg.uses:
        sym = used.symbols.get(name)
        if sym is not None:
            return sym, keyword("INHERITED", "KEYWORD")
    if name in ("NIL", "T") and pkg.name != "KEYWORD":  # the shared constants may live outside the tables
        return (NIL if name == "NIL" else T), keyword("INHERITED", "KEYWORD")
    return None, NIL


@builtin("FIND-SYMBOL", engine=True)
@returns_values
def find_symbol(engine: Any, name: Any, package: Any = None) -> Any:
    pkg = current_package(engine) if package is None else find_package_of(engine, package)
    sym, status = _status(engine, pkg, _name_arg(name))
    return values(NIL, NIL) if sym is None else values(sym, status)


@builtin("INTERN", engine=True)
@returns_values
def intern(engine: Any, name: Any, package: Any = None) -> Any:
    pkg = current_package(engine) if package is None else find_package_of(engine, package)
    text = _name_arg(name)
    sym, status = _status(engine, pkg, text)
    if sym is not None:
        return values(sym, status)
    return values(engine.intern(text, pkg.name), NIL)
