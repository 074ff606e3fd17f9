# Packages beyond the corpus: per-engine isolation, reading forms after IN-PACKAGE, reader errors for unknown
# packages after evaluation has started.
from __future__ import annotations

from clysm.api import run_source
from clysm.engine import Engine


def test_packages_are_per_engine() -> None:
    """A package defined in one engine does not exist in another."""
    a, b = Engine(tier="1"), Engine(tier="1")
    a.eval_string("(defpackage :only-a (:use :cl))")
    assert a.find_package("ONLY-A") is not None
    assert b.find_package("ONLY-A") is None


def test_forms_after_in_package_are_read_in_that_package() -> None:
    """Each top-level form is read after the previous one ran, so IN-PACKAGE affects the symbols read next."""
    e = Engine(tier="1")
    sym = e.eval_string("(defpackage :pk-x (:use :cl)) (in-package :pk-x) 'here")
    assert sym.package is e.find_package("PK-X")


def test_unknown_package_prefix_is_a_reader_error_when_reached() -> None:
    """A pkg:sym naming a package that never gets defined is a READER-ERROR; earlier forms have run."""
    result = run_source('(defpackage :pk-y (:use :cl)) (print 1) (no-such-pkg:foo)', tier="1")
    assert result["stdout"] == "\n1 "
    assert result["error"]["type"] == "READER-ERROR"


def test_syntax_errors_still_stop_everything() -> None:
    """Malformed text is still rejected before anything runs, even when it defines packages."""
    result = run_source('(defpackage :pk-z (:use :cl)) (print 1) (oops', tier="1")
    assert result["stdout"] == "" and result["error"]["type"] == "READER-ERROR"
