# A tiny package world for reader/printer/format tests: COMMON-LISP (holding NIL and T), COMMON-LISP-USER, KEYWORD.
from __future__ import annotations

import pytest

from clysm.lisp.reader import Reader, read_all
from clysm.lisp.types import NIL, LispObject, Package, Symbol, T

# The COMMON-LISP symbols these tests rely on (the engine's COMMON-LISP package holds all of them).
_CL_NAMES = (
    "QUOTE FUNCTION LIST LIST* APPEND APPLY VECTOR CONS CAR CDR LAMBDA FLET LABELS SETF &REST &OPTIONAL &KEY "
    "+ - * / 1+ 1- LET IF PROGN DEFUN"
).split()


class World:
    """Packages and an `intern` callable, standing in for the engine."""

    def __init__(self) -> None:
        self.cl = Package("COMMON-LISP", nicknames=("CL",))
        self.cl.symbols["NIL"] = NIL
        self.cl.symbols["T"] = T
        for name in _CL_NAMES:
            self.cl.intern(name)
        self.user = Package("COMMON-LISP-USER", uses=[self.cl], nicknames=("CL-USER",))
        self.keyword = Package("KEYWORD")
        self.other = Package("PK", uses=[self.cl])
        self.packages = {p.name: p for p in (self.cl, self.user, self.keyword, self.other)}
        self.packages["CL"] = self.cl
        self.packages["CL-USER"] = self.user

    def intern(self, name: str, package: str | None) -> Symbol:
        if package is None:
            return self.user.intern(name)
        pkg = self.packages.get(package)
        if pkg is None:
            raise KeyError(f"package {package} does not exist")
        return pkg.intern(name)

    def sym(self, name: str, package: str = "COMMON-LISP-USER") -> Symbol:
        return self.intern(name, package)

    def read(self, text: str) -> LispObject:
        forms = read_all(text, intern=self.intern)
        assert len(forms) == 1, forms
        return forms[0]

    def read_all(self, text: str, filename: str = "<input>") -> list[LispObject]:
        return read_all(text, filename=filename, intern=self.intern)

    def reader(self, text: str) -> Reader:
        return Reader(text, intern=self.intern)


@pytest.fixture
def world() -> World:
    return World()
