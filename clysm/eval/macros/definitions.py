# Defining macros: DEFUN, DEFMACRO, DEFVAR, DEFPARAMETER, DEFCONSTANT, DECLAIM, IN-PACKAGE. DEFUN and DEFMACRO
# expand into the engine's installers (CLYSM::%DEFUN, CLYSM::%DEFMACRO) applied to ordinary lambda expressions.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.eval.macros.destructuring import destructuring_let
from clysm.eval.macros.registry import macro
from clysm.eval.macros.util import (
    Form,
    L,
    cl,
    from_list,
    gensym,
    internal,
    is_variable,
    macro_args,
    named,
    parse_body,
    quote,
    show,
    to_list,
)
from clysm.lisp.types import NIL, Cons, Symbol


def function_block_name(engine: Any, name: Form) -> Symbol:
    """The block name of a function name: NAME for NAME and for (SETF NAME)."""
    if isinstance(name, Symbol) and name is not NIL:
        return name
    if isinstance(name, Cons) and name.car is cl(engine, "SETF") and isinstance(name.cdr, Cons):
        if isinstance(name.cdr.car, Symbol) and name.cdr.cdr is NIL:
            return name.cdr.car
    errors.program_error(f"{show(name)} is not a valid function name")


def named_lambda(engine: Any, name: Form, lambda_list: Form, body: list[Form]) -> Form:
    """(LAMBDA lambda-list [doc] decls... (BLOCK name . forms)): the function of a DEFUN or LABELS-like form."""
    decls, doc, forms = parse_body(engine, body, doc_allowed=True)
    block = from_list([cl(engine, "BLOCK"), function_block_name(engine, name), *forms])
    head = [doc] if doc is not None else []
    return from_list([cl(engine, "LAMBDA"), lambda_list, *head, *decls, block])


@macro("DEFUN")
def expand_defun(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name = args[0]
    function_block_name(engine, name)
    fn = L(cl(engine, "FUNCTION"), named_lambda(engine, name, args[1], args[2:]))
    return L(internal(engine, "%DEFUN"), quote(engine, name), fn)


def split_macro_lambda_list(engine: Any, ll: Form) -> tuple[Form, Form, Form]:
    """Remove &WHOLE var (at the front) and &ENVIRONMENT var (anywhere at top level) from a macro lambda list:
    (rest of the lambda list, whole var or None, environment var or None)."""
    items: list[Form] = []
    whole: Form = None
    environment: Form = None
    x = ll
    while isinstance(x, Cons):
        item = x.car
        if named(item, "&WHOLE") and not items and whole is None and isinstance(x.cdr, Cons):
            whole = x.cdr.car
            x = x.cdr.cdr
            continue
        if named(item, "&ENVIRONMENT"):
            if not isinstance(x.cdr, Cons) or not is_variable(engine, x.cdr.car):
                errors.program_error(f"&ENVIRONMENT without a variable in {show(ll)}")
            environment = x.cdr.car
            x = x.cdr.cdr
            continue
        items.append(item)
        x = x.cdr
    return from_list(items, x), whole, environment


def macro_function_form(engine: Any, name: Symbol, lambda_list: Form, body: list[Form], context: str) -> Form:
    """(FUNCTION (LAMBDA (form env) ...)): an expander taking the whole form and the environment that
    destructures (CDR form) with the macro lambda list and runs body inside (BLOCK name ...)."""
    ll, whole, environment = split_macro_lambda_list(engine, lambda_list)
    form_var = gensym(engine, "FORM")
    env_var = gensym(engine, "ENV")
    decls, _doc, forms = parse_body(engine, body, doc_allowed=True)
    block = from_list([cl(engine, "BLOCK"), name, *forms])
    inner = destructuring_let(engine, ll, L(cl(engine, "CDR"), form_var), [*decls, block], context)
    outer: list[Form] = []
    if whole is not None:
        outer.append(L(whole, form_var))
    if environment is not None:
        outer.append(L(environment, env_var))
    if outer:
        inner = L(cl(engine, "LET"), from_list(outer), inner)
        if whole is not None and not is_variable(engine, whole):
            errors.program_error(f"{context}: &WHOLE must name a variable here, not {show(whole)}")
    ignorable = L(cl(engine, "DECLARE"), L(cl(engine, "IGNORABLE"), form_var, env_var))
    return L(cl(engine, "FUNCTION"), L(cl(engine, "LAMBDA"), L(form_var, env_var), ignorable, inner))


@macro("DEFMACRO")
def expand_defmacro(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2)
    name = args[0]
    if not isinstance(name, Symbol) or name is NIL:
        errors.program_error(f"DEFMACRO: {show(name)} is not a valid macro name")
    fn = macro_function_form(engine, name, args[1], args[2:], f"DEFMACRO {name.name}")
    _decls, doc, _forms = parse_body(engine, args[2:], doc_allowed=True)
    if doc is not None:
        return L(cl(engine, "PROG1"), L(internal(engine, "%DEFMACRO"), quote(engine, name), fn),
                 _doc_form(engine, name, "FUNCTION", doc))
    return L(internal(engine, "%DEFMACRO"), quote(engine, name), fn)


# ---------------------------------------------------------------------------------------------- variables

def _check_var(engine: Any, form: Form, name: Form) -> Symbol:
    if not is_variable(engine, name):
        errors.program_error(f"{form.car.name}: {show(name)} is not a variable name")
    return name


@macro("DEFVAR")
def expand_defvar(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 1, 3)
    name = _check_var(engine, form, args[0])
    qname = quote(engine, name)
    parts: list[Form] = [cl(engine, "PROGN"), L(internal(engine, "%DECLARE-SPECIAL"), qname)]
    if len(args) > 1:
        set_form = L(cl(engine, "SET"), qname, args[1])
        parts.append(L(cl(engine, "IF"), L(cl(engine, "BOUNDP"), qname), NIL, set_form))
    if len(args) > 2:
        parts.append(_doc_form(engine, name, "VARIABLE", args[2]))
    parts.append(qname)
    return from_list(parts)


def _doc_form(engine: Any, name: Symbol, kind: str, doc: Form) -> Form:
    """(CLYSM::%SET-DOCUMENTATION 'name 'kind doc): keep a definition's docstring for DOCUMENTATION."""
    if not isinstance(doc, str):
        errors.type_error(doc, "STRING", "documentation string")
    return L(internal(engine, "%SET-DOCUMENTATION"), quote(engine, name), quote(engine, cl(engine, kind)), doc)


@macro("DEFPARAMETER")
def expand_defparameter(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2, 3)
    name = _check_var(engine, form, args[0])
    qname = quote(engine, name)
    docs = [_doc_form(engine, name, "VARIABLE", args[2])] if len(args) > 2 else []
    return L(
        cl(engine, "PROGN"),
        L(internal(engine, "%DECLARE-SPECIAL"), qname),
        L(cl(engine, "SET"), qname, args[1]),
        *docs,
        qname,
    )


@macro("DEFCONSTANT")
def expand_defconstant(engine: Any, form: Form, env: Any) -> Form:
    args = macro_args(form, 2, 3)
    name = _check_var(engine, form, args[0])
    return L(internal(engine, "%DEFCONSTANT"), quote(engine, name), args[1])


@builtin("%DECLARE-SPECIAL", package="CLYSM")
def declare_special(name: Any) -> Any:
    """Proclaim a symbol special (globally dynamically bound), as DEFVAR and DEFPARAMETER do."""
    if not isinstance(name, Symbol) or name is NIL or name.constant:
        errors.type_error(name, "(AND SYMBOL (NOT (SATISFIES CONSTANTP)))", "DEFVAR")
    name.special = True
    return name


@builtin("%DEFCONSTANT", package="CLYSM")
def defconstant(name: Any, value: Any) -> Any:
    """Define a named constant; redefining it with a different (non-EQL) value signals an error."""
    from clysm.eval.builtins.common import eql

    if not isinstance(name, Symbol) or name is NIL:
        errors.type_error(name, "SYMBOL", "DEFCONSTANT")
    if name.constant and not eql(name.value, value) and not _same_constant(name.value, value):
        errors.simple_error(f"The constant {show(name)} is being redefined (from {show(name.value)} to {show(value)})")
    name.value = value
    name.constant = True
    return name


def _same_constant(a: Any, b: Any) -> bool:
    from clysm.eval.builtins.common import equal

    return equal(a, b)


@macro("DECLAIM")
def expand_declaim(engine: Any, form: Form, env: Any) -> Form:
    """DECLAIM: SPECIAL declarations take effect; all others (OPTIMIZE, TYPE, INLINE, FTYPE ...) are ignored."""
    specs = macro_args(form, 0)
    parts: list[Form] = []
    for spec in specs:
        if isinstance(spec, Cons) and spec.car is cl(engine, "SPECIAL"):
            for var in to_list(spec.cdr, "SPECIAL declaration"):
                parts.append(L(internal(engine, "%DECLARE-SPECIAL"), quote(engine, _check_var(engine, form, var))))
    return from_list([cl(engine, "PROGN"), *parts, NIL])


@macro("IN-PACKAGE")
def expand_in_package(engine: Any, form: Form, env: Any) -> Form:
    """IN-PACKAGE: only the packages the engine knows; the name is given as a string designator."""
    args = macro_args(form, 1, 1)
    name = args[0]
    if isinstance(name, Symbol):
        name = name.name
    elif not isinstance(name, str):
        errors.type_error(name, "(OR STRING SYMBOL CHARACTER)", "IN-PACKAGE")
    return L(internal(engine, "%IN-PACKAGE"), name)


@builtin("%IN-PACKAGE", package="CLYSM", engine=True)
def in_package(engine: Any, name: str) -> Any:
    """Make the named package current (*PACKAGE*); PACKAGE-ERROR if the engine has no such package."""
    finder = getattr(engine, "find_package", None)
    package = finder(name) if finder is not None else getattr(engine, "packages", {}).get(name)
    if package is None or package is NIL:
        errors.signal_error("PACKAGE-ERROR", f'The name "{name}" does not designate any package.', PACKAGE=name)
    engine.sym("*PACKAGE*").value = package
    return package
