# Expansion-level tests of the standard macros: the shape of key expansions, that every expansion bottoms out in
# special forms and functions only (both tiers consume them), and that malformed macro forms are PROGRAM-ERRORs.
from __future__ import annotations

from pathlib import Path

import pytest

from clysm.eval.builtins.registry import all_builtins
from clysm.eval.macros.registry import all_macros
from clysm.lisp.types import LispError

from .eval_cases import CASES
from .world import SPECIAL_FORMS, MacroWorld

CL_FUNCTIONS = frozenset((Path(__file__).parent / "cl_functions.txt").read_text().split())
CL_SYMBOLS = frozenset((Path(__file__).parent / "cl_symbols.txt").read_text().split())
ENGINE_PRIMITIVES = {"CLYSM::%DEFUN", "CLYSM::%DEFMACRO", "CLYSM::%HANDLER-BIND"}  # provided by the evaluator


def test_every_macro_is_a_standard_common_lisp_macro(world: MacroWorld) -> None:
    """Macros are registered under their standard names (no typos, nothing outside COMMON-LISP)."""
    for spec in all_macros():
        assert spec.package == "COMMON-LISP"
        assert spec.name in CL_SYMBOLS, spec.name


def _clysm_helpers() -> set[str]:
    return {f"CLYSM::{s.name}" for s in all_builtins() if s.package == "CLYSM"} | ENGINE_PRIMITIVES


@pytest.mark.parametrize("index", range(len(CASES)))
def test_expansion_uses_only_special_forms_and_functions(world: MacroWorld, index: int) -> None:
    """Fully expanded, a case calls only special forms, standard functions and registered CLYSM helpers."""
    source = CASES[index][1]
    _expanded, ops = world.expand_all(world.read(source))
    helpers = _clysm_helpers()
    for op in ops - {"DECLARE"}:
        if op.startswith("COMMON-LISP-USER::"):
            continue  # the case's own functions
        if op.startswith("CLYSM::"):
            assert op in helpers, op
        else:
            assert op in SPECIAL_FORMS or op in CL_FUNCTIONS, op


def show(world: MacroWorld, text: str) -> str:
    return world.prin1(world.expand1(text))


def test_setf_of_a_variable_is_setq(world: MacroWorld) -> None:
    """(SETF var value) is plain SETQ; several pairs become a PROGN in order."""
    assert show(world, "(setf x 1)") == "(SETQ X 1)"
    assert show(world, "(setf x 1 y 2)") == "(PROGN (SETQ X 1) (SETQ Y 2))"
    assert show(world, "(setf)") == "NIL"


def test_setf_of_a_simple_place_is_one_store_call(world: MacroWorld) -> None:
    """Places whose store function takes the subforms then the value expand into one call (left-to-right order
    of evaluation is preserved by the call itself)."""
    assert show(world, "(setf (car x) 1)") == "(CLYSM::%RPLACA X 1)"
    assert show(world, "(setf (cadr x) 1)") == "(CLYSM::%RPLACA (CDR X) 1)"
    assert show(world, "(setf (third x) 1)") == "(CLYSM::%RPLACA (NTHCDR 2 X) 1)"
    assert show(world, "(setf (aref v i) 1)") == "(CLYSM::%ASET V I 1)"
    assert show(world, "(setf (gethash k h) 1)") == "(CLYSM::%PUTHASH K H 1)"


def test_setf_function_place_passes_the_new_value_first(world: MacroWorld) -> None:
    """An unknown accessor stores through #'(SETF f) with the new value first, arguments evaluated first."""
    world.reset_gensyms()
    assert show(world, "(setf (foo a b) v)") == (
        "(LET* ((#:G1 A) (#:G2 B) (#:NEW3 V)) (FUNCALL #'(SETF FOO) #:NEW3 #:G1 #:G2))"
    )


def test_incf_evaluates_place_subforms_once(world: MacroWorld) -> None:
    """INCF on (AREF v (f)) binds the subforms to temporaries and reads/writes through them."""
    world.reset_gensyms()
    assert show(world, "(incf (aref v (f)) 2)") == (
        "(LET* ((#:G1 V) (#:G2 (F))) (CLYSM::%ASET #:G1 #:G2 (+ (AREF #:G1 #:G2) 2)))"
    )
    assert show(world, "(incf x)") == "(SETQ X (1+ X))"
    assert show(world, "(decf x 3)") == "(SETQ X (- X 3))"


def test_push_evaluates_the_item_before_the_place(world: MacroWorld) -> None:
    """PUSH binds the item before the place's subforms (CLHS 5.1.1.1 order)."""
    world.reset_gensyms()
    assert show(world, "(push (f) (car (g)))") == (
        "(LET* ((#:ITEM1 (F)) (#:G2 (G))) (CLYSM::%RPLACA #:G2 (CONS #:ITEM1 (CAR #:G2))))"
    )


def test_defun_wraps_the_body_in_a_block_after_declarations_and_docstring(world: MacroWorld) -> None:
    """DEFUN installs a lambda through CLYSM::%DEFUN; the body is inside (BLOCK name ...) with the docstring and
    declarations kept in front."""
    assert show(world, '(defun f (x) "doc" (declare (fixnum x)) (+ x 1))') == (
        "(CLYSM::%DEFUN 'F #'(LAMBDA (X) \"doc\" (DECLARE (FIXNUM X)) (BLOCK F (+ X 1))))"
    )
    assert show(world, '(defun f () "just a string")') == (
        "(CLYSM::%DEFUN 'F #'(LAMBDA NIL (BLOCK F \"just a string\")))"
    )
    assert show(world, "(defun (setf f) (v x) v)") == "(CLYSM::%DEFUN '(SETF F) #'(LAMBDA (V X) (BLOCK F V)))"


def test_dolist_binds_the_variable_afresh_each_iteration_like_sbcl(world: MacroWorld) -> None:
    """DOLIST's variable is a fresh binding per element (closures see their own element, as in SBCL) and the
    result form sees it bound to NIL."""
    world.reset_gensyms()
    assert show(world, "(dolist (x l r) (f x))") == (
        "(BLOCK NIL (LET ((#:LIST1 L)) (TAGBODY #:START2 (IF (ENDP #:LIST1) NIL (PROGN (LET ((X (CAR #:LIST1))) "
        "(SETQ #:LIST1 (CDR #:LIST1)) (F X)) (GO #:START2))))) (LET ((X NIL)) (DECLARE (IGNORABLE X)) R))"
    )


def test_simple_loop_is_an_endless_tagbody(world: MacroWorld) -> None:
    """(LOOP form...) with only compound forms repeats them forever inside BLOCK NIL."""
    world.reset_gensyms()
    assert show(world, "(loop (f) (g))") == "(BLOCK NIL (TAGBODY #:LOOP1 (F) (G) (GO #:LOOP1)))"


def test_loop_finish_becomes_a_local_macro_only_when_used(world: MacroWorld) -> None:
    """LOOP-FINISH is bound by MACROLET to (GO end-loop) only in loops that mention it."""
    assert "MACROLET" not in show(world, "(loop for x in l collect x)")
    assert "(MACROLET ((LOOP-FINISH NIL '(GO #:END-LOOP" in show(world, "(loop for x in l do (loop-finish))")


MALFORMED = [
    "(when)",
    "(dolist x)",
    "(dolist (1 '(a)))",
    "(dotimes (i) i)",
    "(do ((i 0 1 2)) (t))",
    "(cond x)",
    "(case)",
    "(case x (otherwise 1) (2 3))",
    "(setf a)",
    "(setf (car x))",
    "(setf 1 2)",
    "(setf nil 2)",
    "(incf)",
    "(push 1)",
    "(psetq (car x) 1)",
    "(multiple-value-bind (1) (f))",
    "(destructuring-bind (a &rest) l a)",
    "(defun 5 () 1)",
    "(defmacro (setf m) () 1)",
    "(defvar 5)",
    "(defconstant x)",
    "(handler-case (f) (error (a b) 1))",
    "(loop for)",
    "(loop for x frob 3)",
    "(loop for x in '(1) collect x for y in '(2))",
    "(loop 5)",
    "(loop collect)",
    "(loop do 5)",
    "(loop when x foo)",
    "(loop for i downto 1)",
    "(loop for x being the elements of p)",
    "(loop collect x into 5)",
    "(loop always t collect x)",
    "(loop finally)",
    "(loop-finish)",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_macro_form_is_a_program_error(world: MacroWorld, text: str) -> None:
    """A malformed use of a standard macro signals PROGRAM-ERROR when it is expanded (never a Python error)."""
    with pytest.raises(LispError) as info:
        world.expand_all(world.read(text))
    assert info.value.condition.type_name == "PROGRAM-ERROR"
