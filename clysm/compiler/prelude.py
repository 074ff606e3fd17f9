# Tier 2 prelude: common list built-ins written in Lisp and compiled to Wasm by Tier 2 itself, one small JIT module
# each, compiled and instantiated per engine the first time a promoted function calls them. A call of a CL
# built-in with a matching argument count (ROUTES) becomes a call of the prelude function (through its $fns slot,
# never leaving Wasm). Every prelude function handles only Wasm conses and Tier-2 closures itself (the mapping
# functions also proper lists of Tier-1 conses, read through the runtime's cache: hcons_rt.py); for anything
# else (other Python-owned conses, vectors, dotted or circular lists, other function objects) it calls the real CL
# built-in with the ORIGINAL arguments, so results and errors are exactly Tier 1's (docs/ABI.md, "Prelude").
from __future__ import annotations

from typing import Any

from clysm.lisp.types import NIL, Cons, Symbol, T

# (CL name, argument count) -> prelude function
ROUTES: dict[tuple[str, int], str] = {
    ("LENGTH", 1): "%LENGTH", ("LIST-LENGTH", 1): "%LIST-LENGTH", ("NTH", 2): "%NTH", ("NTHCDR", 2): "%NTHCDR",
    ("LAST", 1): "%LAST", ("APPEND", 2): "%APPEND2", ("REVERSE", 1): "%REVERSE", ("MEMBER", 2): "%MEMBER",
    ("ASSOC", 2): "%ASSOC", ("MAPCAR", 2): "%MAPCAR1", ("MAPCAR", 3): "%MAPCAR2", ("MAPC", 2): "%MAPC1",
    ("NCONC", 2): "%NCONC2", ("EQUAL", 2): "%EQUAL", ("COPY-LIST", 1): "%COPY-LIST",
}
ROUTED_NAMES = sorted({n for n, _ in ROUTES})

# Names read as COMMON-LISP symbols; %WCONSP %FIXNUMP %CLOSUREP are internal primitives (front.Syms.internal);
# %-names defined below are prelude functions; anything else is a fresh uninterned (lexical) variable.
_CL = set("IF LET LET* SETQ PROGN TAGBODY GO BLOCK RETURN-FROM CAR CDR CONS EQ EQL NOT NULL CONSP 1+ 1- > >= "
          "RPLACD FUNCALL".split()) | set(ROUTED_NAMES)

_SRC = """
(%WLEN (x)
  (let ((n 0) (fast x) (slow x))
    (block b
      (tagbody top
        (if (eq fast nil) (return-from b n))
        (if (%wconsp fast) nil (return-from b nil))
        (setq fast (cdr fast)) (setq n (1+ n))
        (if (eq fast nil) (return-from b n))
        (if (%wconsp fast) nil (return-from b nil))
        (setq fast (cdr fast)) (setq n (1+ n))
        (setq slow (cdr slow))
        (if (eq fast slow) (return-from b nil))
        (go top)))))
(%LLEN (x)
  (let ((n 0) (fast x) (slow x))
    (block b
      (tagbody top
        (if (eq fast nil) (return-from b n))
        (if (consp fast) nil (return-from b nil))
        (setq fast (cdr fast)) (setq n (1+ n))
        (if (eq fast nil) (return-from b n))
        (if (consp fast) nil (return-from b nil))
        (setq fast (cdr fast)) (setq n (1+ n))
        (setq slow (cdr slow))
        (if (eq fast slow) (return-from b nil))
        (go top)))))
(%LENGTH (x) (let ((n (%wlen x))) (if n n (length x))))
(%LIST-LENGTH (x) (let ((n (%wlen x))) (if n n (list-length x))))
(%NTH (n x)
  (block b
    (if (%fixnump n) (if (>= n 0)
      (let ((i n) (l x))
        (tagbody top
          (if (%wconsp l) (if (> i 0) (progn (setq i (1- i)) (setq l (cdr l)) (go top)))))
        (if (%wconsp l) (return-from b (car l)))
        (if (eq l nil) (return-from b nil)))))
    (nth n x)))
(%NTHCDR (n x)
  (block b
    (if (%fixnump n) (if (>= n 0)
      (let ((i n) (l x))
        (tagbody top
          (if (> i 0) (if (%wconsp l) (progn (setq i (1- i)) (setq l (cdr l)) (go top)))))
        (if (> i 0) (if (eq l nil) (return-from b nil)) (return-from b l)))))
    (nthcdr n x)))
(%LAST (x)
  (if (%wconsp x)
    (let ((l x))
      (tagbody top (if (%wconsp (cdr l)) (progn (setq l (cdr l)) (go top))))
      (if (consp (cdr l)) (last x) l))
    (last x)))
(%APPEND2 (a b)
  (if (eq a nil) b
    (if (%wlen a)
      (let* ((head (cons nil nil)) (tail head) (l a))
        (tagbody top
          (if (%wconsp l) (let ((c (cons (car l) nil))) (rplacd tail c) (setq tail c) (setq l (cdr l)) (go top))))
        (rplacd tail b)
        (cdr head))
      (append a b))))
(%COPY-LIST (x)
  (if (%wlen x)
    (let* ((head (cons nil nil)) (tail head) (l x))
      (tagbody top
        (if (%wconsp l) (let ((c (cons (car l) nil))) (rplacd tail c) (setq tail c) (setq l (cdr l)) (go top))))
      (cdr head))
    (copy-list x)))
(%REVERSE (x)
  (if (%wlen x)
    (let ((r nil) (l x))
      (tagbody top (if (%wconsp l) (progn (setq r (cons (car l) r)) (setq l (cdr l)) (go top))))
      r)
    (reverse x)))
(%NCONC2 (a b)
  (if (eq a nil) b
    (if (%wlen a)
      (let ((l a))
        (tagbody top (if (%wconsp (cdr l)) (progn (setq l (cdr l)) (go top))))
        (rplacd l b)
        a)
      (nconc a b))))
(%MEMBER (item x)
  (block b
    (let ((l x))
      (tagbody top
        (if (%wconsp l) (progn (if (eql item (car l)) (return-from b l)) (setq l (cdr l)) (go top))))
      (if (eq l nil) nil (member item x)))))
(%ASSOC (item x)
  (block b
    (let ((l x))
      (tagbody top
        (if (%wconsp l)
          (let ((e (car l)))
            (if (%wconsp e)
              (if (eql item (car e)) (return-from b e))
              (if (eq e nil) nil (return-from b (assoc item x))))
            (setq l (cdr l))
            (go top))))
      (if (eq l nil) nil (assoc item x)))))
(%MAPCAR1 (f x)
  (if (%closurep f)
    (if (%llen x)
      (let* ((head (cons nil nil)) (tail head) (l x))
        (tagbody top
          (if (consp l)
            (let ((c (cons (funcall f (car l)) nil))) (rplacd tail c) (setq tail c) (setq l (cdr l)) (go top))))
        (cdr head))
      (mapcar f x))
    (mapcar f x)))
(%MAPCAR2 (f x y)
  (if (%closurep f)
    (if (%llen x)
      (if (%llen y)
        (let* ((head (cons nil nil)) (tail head) (l x) (m y))
          (tagbody top
            (if (consp l) (if (consp m)
              (let ((c (cons (funcall f (car l) (car m)) nil)))
                (rplacd tail c) (setq tail c) (setq l (cdr l)) (setq m (cdr m)) (go top)))))
          (cdr head))
        (mapcar f x y))
      (mapcar f x y))
    (mapcar f x y)))
(%MAPC1 (f x)
  (if (%closurep f)
    (if (%llen x)
      (let ((l x))
        (tagbody top (if (consp l) (progn (funcall f (car l)) (setq l (cdr l)) (go top))))
        x)
      (mapc f x))
    (mapc f x)))
(%EQUAL (a b)
  (if (eq a b) t
    (if (%wconsp a)
      (if (%wconsp b)
        (if (%equal (car a) (car b)) (%equal (cdr a) (cdr b)) nil)
        (if (consp b) (equal a b) nil))
      (if (%wconsp b)
        (if (consp a) (equal a b) nil)
        (if (%fixnump a) nil (if (%fixnump b) nil (equal a b)))))))
"""

# prelude functions a prelude function calls (compiled first)
_DEPS = {"%LENGTH": ["%WLEN"], "%LIST-LENGTH": ["%WLEN"], "%APPEND2": ["%WLEN"], "%COPY-LIST": ["%WLEN"],
         "%REVERSE": ["%WLEN"], "%NCONC2": ["%WLEN"], "%MAPCAR1": ["%LLEN"], "%MAPCAR2": ["%LLEN"],
         "%MAPC1": ["%LLEN"]}


def _tokens(text: str) -> list[str]:
    return text.replace("(", " ( ").replace(")", " ) ").split()


def read_prelude(intern_cl: Any, internal: dict[str, Symbol], psym: Any) -> dict[str, Any]:
    """The prelude's definitions as lambda expressions: name -> (LAMBDA params . body). `psym(name)` gives the
    symbol of a prelude function."""
    toks = _tokens(_SRC)
    pos = 0
    local: dict[str, Symbol] = {}
    lam = intern_cl("LAMBDA")

    def atom(tok: str) -> Any:
        up = tok.upper()
        if up == "NIL":
            return NIL
        if up == "T":
            return T
        if up.lstrip("-").isdigit():
            return int(up)
        if up in internal:
            return internal[up]
        if up in _CL:
            return intern_cl(up)
        if up.startswith("%"):
            return psym(up)
        sym = local.get(up)
        if sym is None:
            sym = local[up] = Symbol(up)
        return sym

    def read() -> Any:
        nonlocal pos
        tok = toks[pos]
        pos += 1
        if tok != "(":
            return atom(tok)
        items = []
        while toks[pos] != ")":
            items.append(read())
        pos += 1
        out: Any = NIL
        for x in reversed(items):
            out = Cons(x, out)
        return out

    defs: dict[str, Any] = {}
    while pos < len(toks):
        local = {}
        form = read()
        name = form.car.name
        defs[name] = Cons(lam, form.cdr)
    return defs


class Prelude:
    """Per-engine prelude state: compiles and instantiates prelude functions on first use (`ensure`)."""

    def __init__(self, engine: Any, syms: Any, instantiate: Any) -> None:
        self.engine = engine
        self.syms = syms
        self.instantiate = instantiate  # (name symbol, lambda expression) -> None; raises on failure
        self.symbols: dict[str, Symbol] = {}
        self.done: dict[str, bool] = {}
        self.defs = read_prelude(lambda n: engine.intern(n, "COMMON-LISP"), syms.internal, self.symbol)

    def symbol(self, name: str) -> Symbol:
        sym = self.symbols.get(name)
        if sym is None:
            sym = self.symbols[name] = Symbol(name)
        return sym

    def ensure(self, name: str) -> Symbol | None:
        """The symbol whose $fns slot holds prelude function `name` (compiled now if needed), or None."""
        ok = self.done.get(name)
        if ok is None:
            self.done[name] = False  # no re-entrant attempts
            try:
                for dep in _DEPS.get(name, ()):
                    if self.ensure(dep) is None:
                        raise RuntimeError(dep)
                if name == "%EQUAL":
                    self.done[name] = True  # recursive: its own slot is called before it is installed
                self.instantiate(self.symbol(name), self.defs[name])
                ok = self.done[name] = True
            except Exception:  # noqa: BLE001  (a prelude that fails to build is simply not used)
                ok = self.done[name] = False
        return self.symbols[name] if ok else None
