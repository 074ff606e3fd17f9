# User packages: the installer CLYSM::%DEFPACKAGE behind DEFPACKAGE (clysm.eval.macros.packages), MAKE-PACKAGE,
# EXPORT / UNEXPORT, IMPORT, SHADOW, USE-PACKAGE / UNUSE-PACKAGE, DELETE-PACKAGE and the package accessors.
# Packages live in the engine's `packages` table (name and nicknames -> Package); packages made here track their
# external symbols in Package.exports.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Cons, Package, Symbol, T


def _name(x: Any, fname: str) -> str:
    if isinstance(x, Symbol):
        return x.name
    if isinstance(x, str):
        return x
    if isinstance(x, Package):
        return x.name
    from clysm.lisp.types import Char, LispVector

    if isinstance(x, Char):
        return chr(x.code)
    if isinstance(x, LispVector) and x.element_type == "character":
        return "".join(c if isinstance(c, str) else chr(c.code) for c in x.active())
    errors.type_error(x, "(OR STRING SYMBOL CHARACTER)", fname)


def _items(x: Any) -> list[Any]:
    if x is NIL:
        return []
    if not isinstance(x, Cons):
        return [x]
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


def package_of(engine: Any, designator: Any, fname: str = "FIND-PACKAGE") -> Package:
    if isinstance(designator, Package):
        return designator
    name = _name(designator, fname)
    pkg = engine.find_package(name)
    if pkg is None:
        errors.signal_error("PACKAGE-ERROR", f'The name "{name}" does not designate any package.', PACKAGE=name)
    return pkg


def _package_arg(engine: Any, package: Any, fname: str) -> Package:
    return engine.current_package() if package is None else package_of(engine, package, fname)


def _register(engine: Any, pkg: Package) -> None:
    for n in (pkg.name, *pkg.nicknames):
        other = engine.packages.get(n)
        if other is not None and other is not pkg:
            errors.signal_error("PACKAGE-ERROR", f'A package named "{n}" already exists.', PACKAGE=n)
    for n in (pkg.name, *pkg.nicknames):
        engine.packages[n] = pkg


def _accessible(pkg: Package, name: str) -> Symbol | None:
    return pkg.find(name)


def _export_names(pkg: Package) -> set[str]:
    if pkg.exports is None:
        pkg.exports = set()
    return pkg.exports


# ---------------------------------------------------------------------------------------------- defining

@builtin("%DEFPACKAGE", package="CLYSM", engine=True)
def defpackage(engine: Any, name: Any, nicknames: Any, uses: Any, exports: Any, shadows: Any, imports: Any,
               interns: Any) -> Any:
    """DEFPACKAGE: make the package (or update an existing one) from already-parsed option lists; `imports` is
    a list of (package-name symbol-name...)."""
    pname = _name(name, "DEFPACKAGE")
    pkg = engine.find_package(pname)
    if pkg is None:
        pkg = Package(pname, nicknames=tuple(_name(n, "DEFPACKAGE") for n in _items(nicknames)), exports=set())
        _register(engine, pkg)
    else:
        new_nicks = tuple(_name(n, "DEFPACKAGE") for n in _items(nicknames) if _name(n, "DEFPACKAGE") not in
                          pkg.nicknames)
        if new_nicks:
            pkg.nicknames = tuple(pkg.nicknames) + new_nicks
            _register(engine, pkg)
    for s in _items(shadows):
        n = _name(s, "DEFPACKAGE")
        if n not in pkg.symbols:
            pkg.symbols[n] = Symbol(n, pkg)
    for spec in _items(imports):
        parts = _items(spec)
        source = package_of(engine, parts[0], "DEFPACKAGE")
        for s in parts[1:]:
            n = _name(s, "DEFPACKAGE")
            sym = source.find(n)
            if sym is None:
                errors.signal_error("PACKAGE-ERROR", f'The symbol "{n}" is not present in package {source.name}.',
                                    PACKAGE=source)
            pkg.symbols.setdefault(n, sym)
    for u in _items(uses):
        used = package_of(engine, u, "DEFPACKAGE")
        if used not in pkg.uses and used is not pkg:
            pkg.uses.append(used)
    for s in _items(interns):
        _intern(engine, pkg, _name(s, "DEFPACKAGE"))
    names = _export_names(pkg)
    for s in _items(exports):
        n = _name(s, "DEFPACKAGE")
        sym = pkg.find(n)
        if sym is None:
            sym = _intern(engine, pkg, n)
        pkg.symbols.setdefault(n, sym)
        names.add(n)
    return pkg


def _intern(engine: Any, pkg: Package, name: str) -> Symbol:
    return engine.intern(name, pkg)


@builtin("MAKE-PACKAGE", engine=True)
def make_package(engine: Any, name: Any, *keys: Any) -> Any:
    opts = dict(zip([k.name if isinstance(k, Symbol) else k for k in keys[::2]], keys[1::2], strict=False))
    pname = _name(name, "MAKE-PACKAGE")
    if engine.find_package(pname) is not None:
        errors.signal_error("PACKAGE-ERROR", f'A package named "{pname}" already exists.', PACKAGE=pname)
    nicks = tuple(_name(n, "MAKE-PACKAGE") for n in _items(opts.get("NICKNAMES", NIL)))
    pkg = Package(pname, nicknames=nicks, exports=set())
    pkg.uses = [package_of(engine, u, "MAKE-PACKAGE") for u in _items(opts.get("USE", NIL))]
    _register(engine, pkg)
    return pkg


@builtin("DELETE-PACKAGE", engine=True)
def delete_package(engine: Any, designator: Any) -> Any:
    pkg = package_of(engine, designator, "DELETE-PACKAGE")
    if pkg.name in ("COMMON-LISP", "COMMON-LISP-USER", "KEYWORD", "CLYSM"):
        errors.signal_error("PACKAGE-ERROR", f"Cannot delete the package {pkg.name}.", PACKAGE=pkg)
    for key in [k for k, v in engine.packages.items() if v is pkg]:
        del engine.packages[key]
    for other in set(engine.packages.values()):
        if pkg in other.uses:
            other.uses.remove(pkg)
    return T


# ---------------------------------------------------------------------------------------------- symbols

@builtin("EXPORT", engine=True)
def export(engine: Any, symbols: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "EXPORT")
    names = _export_names(pkg)
    for sym in _items(symbols):
        if not isinstance(sym, Symbol):
            errors.type_error(sym, "SYMBOL", "EXPORT")
        found = pkg.find(sym.name)
        if found is not sym:
            errors.signal_error("PACKAGE-ERROR", f"The symbol {sym.name} is not accessible in package {pkg.name}.",
                                PACKAGE=pkg)
        pkg.symbols.setdefault(sym.name, sym)
        names.add(sym.name)
    return T


@builtin("UNEXPORT", engine=True)
def unexport(engine: Any, symbols: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "UNEXPORT")
    names = _export_names(pkg)
    for sym in _items(symbols):
        if isinstance(sym, Symbol):
            names.discard(sym.name)
    return T


@builtin("IMPORT", engine=True)
def import_(engine: Any, symbols: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "IMPORT")
    for sym in _items(symbols):
        if not isinstance(sym, Symbol):
            errors.type_error(sym, "SYMBOL", "IMPORT")
        present = pkg.symbols.get(sym.name)
        if present is not None and present is not sym:
            errors.signal_error("PACKAGE-ERROR", f"Importing {sym.name} into {pkg.name} conflicts with a symbol "
                                                 f"already present.", PACKAGE=pkg)
        pkg.symbols[sym.name] = sym
    return T


@builtin("SHADOW", engine=True)
def shadow(engine: Any, names: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "SHADOW")
    for n in _items(names):
        text = _name(n, "SHADOW")
        if text not in pkg.symbols:
            pkg.symbols[text] = Symbol(text, pkg)
    return T


@builtin("USE-PACKAGE", engine=True)
def use_package(engine: Any, packages: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "USE-PACKAGE")
    for p in _items(packages):
        used = package_of(engine, p, "USE-PACKAGE")
        if used not in pkg.uses and used is not pkg:
            pkg.uses.insert(0, used)  # SBCL lists the newest first
    return T


@builtin("UNUSE-PACKAGE", engine=True)
def unuse_package(engine: Any, packages: Any, package: Any = None) -> Any:
    pkg = _package_arg(engine, package, "UNUSE-PACKAGE")
    for p in _items(packages):
        used = package_of(engine, p, "UNUSE-PACKAGE")
        if used in pkg.uses:
            pkg.uses.remove(used)
    return T


# ---------------------------------------------------------------------------------------------- accessors

@builtin("PACKAGE-USE-LIST", engine=True)
def package_use_list(engine: Any, designator: Any) -> Any:
    return _list(list(package_of(engine, designator, "PACKAGE-USE-LIST").uses))


@builtin("PACKAGE-USED-BY-LIST", engine=True)
def package_used_by_list(engine: Any, designator: Any) -> Any:
    pkg = package_of(engine, designator, "PACKAGE-USED-BY-LIST")
    seen: list[Package] = []
    for other in engine.packages.values():
        if pkg in other.uses and other not in seen:
            seen.append(other)
    return _list(seen)


@builtin("PACKAGE-NICKNAMES", engine=True)
def package_nicknames(engine: Any, designator: Any) -> Any:
    return _list([n for n in package_of(engine, designator, "PACKAGE-NICKNAMES").nicknames if n])


@builtin("LIST-ALL-PACKAGES", engine=True)
def list_all_packages(engine: Any) -> Any:
    seen: list[Package] = []
    for pkg in engine.packages.values():
        if pkg not in seen:
            seen.append(pkg)
    return _list(seen)


@builtin("%DO-SYMBOLS-LIST", package="CLYSM", engine=True)
def package_symbols(engine: Any, designator: Any, which: Any) -> Any:
    """The symbols DO-SYMBOLS (which = :ALL) or DO-EXTERNAL-SYMBOLS (:EXTERNAL) iterate over."""
    pkg = package_of(engine, designator, "DO-SYMBOLS")
    external = which is not NIL and which.name == "EXTERNAL"
    out: list[Symbol] = []
    for name, sym in pkg.symbols.items():
        if not external or pkg.exports is None or name in pkg.exports:
            out.append(sym)
    if not external:
        for used in pkg.uses:
            for name, sym in used.symbols.items():
                if (used.exports is None or name in used.exports) and name not in pkg.symbols:
                    out.append(sym)
    return _list(out)
