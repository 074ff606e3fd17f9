# A seeded generator of random, well-formed, terminating Lisp programs for differential testing across tiers
# (tests/tiers/test_differential.py, scripts/difftest): a few DEFUNs over integers (fixnums crossing the i31
# boundary in both signs, bignums), recursion on a bounded counter, calls to earlier functions, conses and list
# mutation, closures that mutate captured variables, FLET/LABELS, loops (DOTIMES, DO, LOOP, TAGBODY/GO),
# non-local exits (BLOCK/RETURN-FROM also from closures called by Tier-1 MAPCAR, CATCH/THROW, UNWIND-PROTECT),
# special variables, HANDLER-CASE and multiple values, integer division and bit operations, strings and FORMAT,
# simple vectors, characters, errors nobody handles (rarely); then calls of every function several times (so automatic
# promotion happens part-way) whose values are printed and returned. Same seed, same program.
from __future__ import annotations

import random
from dataclasses import dataclass, field

BOUNDARY = [1073741823, 1073741824, -1073741824, -1073741825, 536870912, -536870913, 4611686018427387904,
            -4611686018427387905, 99999999999999999999]
MAX_REC = 4  # recursion counters start at most here (2 recursive call sites: at most 2^4 leaves)


@dataclass
class Env:
    ints: tuple[str, ...] = ()  # integer variables (assignable)
    ro: tuple[str, ...] = ()  # read-only integer variables (recursion counter)
    lists: tuple[str, ...] = ()
    fns: tuple[str, ...] = ()  # local closures (int -> int) bound to variables
    locfns: tuple[str, ...] = ()  # FLET functions (int -> int)
    blocks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    rec: str | None = None  # the enclosing DEFUN when a recursive call is allowed here
    in_loop: bool = False

    def with_(self, **kw: object) -> Env:
        d = dict(self.__dict__)
        d.update(kw)
        return Env(**d)  # type: ignore[arg-type]


@dataclass
class Gen:
    seed: int
    r: random.Random = field(init=False)
    n: int = field(default=0, init=False)
    defined: list[str] = field(default_factory=list, init=False)
    rec_budget: int = field(default=0, init=False)
    call_budget: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.r = random.Random(self.seed)

    def fresh(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    # ---- leaves -------------------------------------------------------------------------------------------
    def lit(self) -> str:
        r = self.r.random()
        if r < 0.6:
            return str(self.r.randint(-5, 20))
        if r < 0.9:
            return str(self.r.choice(BOUNDARY))
        return str(self.r.randint(-(10**12), 10**12))

    def int_leaf(self, env: Env) -> str:
        pool = list(env.ints) + list(env.ro)
        if pool and self.r.random() < 0.7:
            return self.r.choice(pool)
        if self.r.random() < 0.1:
            return "*g*"
        return self.lit()

    # ---- integers -----------------------------------------------------------------------------------------
    def ie(self, env: Env, d: int) -> str:  # noqa: C901, PLR0911, PLR0912  (a table of productions)
        if d <= 0:
            return self.int_leaf(env)
        r = self.r
        k = r.randrange(41)
        e = lambda: self.ie(env, d - 1)  # noqa: E731
        if k < 4:
            return self.int_leaf(env)
        if k < 7:
            return f"({r.choice(['+', '-'])} {e()} {e()})"
        if k == 7:
            return f"(* {e()} {self.lit()})" if r.random() < 0.5 else f"(* {self.lit()} {e()})"
        if k == 8:
            return f"({r.choice(['1+', '1-', '-'])} {e()})"
        if k < 11:
            return f"(if {self.cond(env, d - 1)} {e()} {e()})"
        if k == 11:
            v = self.fresh("v")
            inner = env.with_(ints=env.ints + (v,))
            if r.random() < 0.5:
                return f"(let (({v} {e()})) {self.ie(inner, d - 1)})"
            return f"(let (({v} {e()})) (setq {v} {self.ie(inner, d - 1)}) {self.ie(inner, d - 1)})"
        if k == 12:
            lst = self.le(env, d - 1)
            return r.choice([f"(length {lst})", f"(apply #'+ {lst})", f"(reduce #'+ {lst} :initial-value {e()})",
                             f"(or (nth {r.randint(0, 3)} {lst}) {e()})",
                             f"(let ((l {lst})) (if (consp l) (car l) {e()}))"])
        if k == 13 and (self.call_budget > 0 and self.defined):
            self.call_budget -= 1
            f = r.choice(self.defined)
            return f"({f} {r.randint(0, 2)} {e()} {e()})"
        if k == 14 and env.rec is not None and self.rec_budget > 0:
            self.rec_budget -= 1
            return f"({env.rec} (- n 1) {e()} {e()})"
        loop_env = env.with_(rec=None, in_loop=True)
        if k == 15:
            acc, i = self.fresh("acc"), self.fresh("i")
            body = self.ie(loop_env.with_(ints=loop_env.ints + (acc, i)), d - 1)
            return f"(let (({acc} {e()})) (dotimes ({i} {r.randint(0, 5)}) (setq {acc} {body})) {acc})"
        if k == 16:
            acc, i = self.fresh("acc"), self.fresh("i")
            body = self.ie(loop_env.with_(ints=loop_env.ints + (acc, i)), d - 1)
            return f"(do (({i} 0 (1+ {i})) ({acc} {e()} {body})) ((>= {i} {r.randint(0, 5)}) {acc}))"
        if k == 17:
            x = self.fresh("x")
            return f"(loop for {x} in {self.le(env, d - 1)} sum {self.ie(loop_env.with_(ints=env.ints + (x,)), d - 1)})"
        if k == 18:  # block / return-from from a loop, from a closure, or through Tier-1 MAPCAR
            b, x = self.fresh("b"), self.fresh("x")
            inner = loop_env.with_(blocks=env.blocks + (b,), ints=env.ints + (x,))
            shape = r.randrange(3)
            if shape == 0:
                return (f"(block {b} (dotimes ({x} {r.randint(0, 5)}) (when {self.cond(inner, d - 1)} "
                        f"(return-from {b} {self.ie(inner, d - 1)}))) {e()})")
            if shape == 1:
                return (f"(block {b} (funcall (lambda ({x}) (if {self.cond(inner, d - 1)} (return-from {b} "
                        f"{self.ie(inner, d - 1)}) {self.ie(inner, d - 1)})) {e()}))")
            return (f"(block {b} (mapcar (lambda ({x}) (when {self.cond(inner, d - 1)} (return-from {b} "
                    f"{self.ie(inner, d - 1)}))) {self.le(env, d - 1)}) {e()})")
        if k == 19:  # catch / throw (also through MAPCAR)
            t = self.fresh("tag")
            inner = env.with_(tags=env.tags + (t,))
            return f"(catch '{t} {self.ie(inner, d - 1)})"
        if k == 20 and env.tags:
            return f"(throw '{r.choice(env.tags)} {e()})"
        if k == 21 and env.blocks:
            return f"(return-from {r.choice(env.blocks)} {e()})"
        if k == 22:  # tagbody / go loop
            i, acc, tg = self.fresh("i"), self.fresh("acc"), self.fresh("top")
            body = self.ie(loop_env.with_(ints=env.ints + (i, acc)), d - 1)
            return (f"(let (({i} 0) ({acc} {e()})) (tagbody {tg} (when (< {i} {r.randint(0, 5)}) (setq {acc} {body}) "
                    f"(setq {i} (1+ {i})) (go {tg}))) {acc})")
        if k == 23:  # a closure mutating a captured variable
            c, f, dd = self.fresh("c"), self.fresh("f"), self.fresh("d")
            inner = env.with_(ints=env.ints + (c, dd), rec=None)
            upd = self.ie(inner, d - 1)
            outer = env.with_(ints=env.ints + (c,))
            return (f"(let (({c} {e()})) (let (({f} (lambda ({dd}) (setq {c} {upd}) {c}))) "
                    f"(+ (funcall {f} {self.ie(outer, d - 1)}) (funcall {f} {self.ie(outer, d - 1)}) {c})))")
        if k == 24 and env.fns:
            return f"(funcall {r.choice(env.fns)} {e()})"
        if k == 25:  # flet / labels
            g, z = self.fresh("g"), self.fresh("z")
            if r.random() < 0.5:
                gbody = self.ie(env.with_(ints=env.ints + (z,), rec=None), d - 1)
                inner = env.with_(locfns=env.locfns + (g,))
                return f"(flet (({g} ({z}) {gbody})) (+ ({g} {self.ie(inner, d - 1)}) ({g} {self.ie(inner, d - 1)})))"
            a = self.fresh("a")
            step = self.ie(env.with_(ints=env.ints + (a,), ro=env.ro + (z,), rec=None, in_loop=True), d - 1)
            return f"(labels (({g} ({z} {a}) (if (<= {z} 0) {a} ({g} (1- {z}) {step})))) ({g} {r.randint(0, 6)} {e()}))"
        if k == 26 and env.locfns:
            return f"({r.choice(env.locfns)} {e()})"
        if k == 27:  # unwind-protect around a throw
            z, t = self.fresh("z"), self.fresh("tag")
            inner = env.with_(ints=env.ints + (z,), tags=env.tags + (t,))
            return (f"(let (({z} {e()})) (+ (catch '{t} (unwind-protect (if {self.cond(inner, d - 1)} (throw '{t} "
                    f"{self.ie(inner, d - 1)}) {self.ie(inner, d - 1)}) (setq {z} (+ {z} 1)))) {z}))")
        if k == 28:
            return r.choice([f"(handler-case (+ {e()} (car (list 'a))) (type-error () {e()}))",
                             f"(handler-case (car {e()}) (error () {e()}))",
                             f"(handler-case (if {self.cond(env, d - 1)} (error \"boom\") {e()}) (error () {e()}))"])
        if k == 29:
            q, rr = self.fresh("q"), self.fresh("r")
            inner = env.with_(ints=env.ints + (q, rr))
            return (f"(multiple-value-bind ({q} {rr}) (floor {e()} (let ((y {e()})) (if (zerop y) 3 y))) "
                    f"{self.ie(inner, d - 1)})")
        if k == 30:  # mutation of a fresh list
            lst = self.le(env, d - 1)
            return (f"(let ((l (copy-list {lst}))) (when (consp l) (setf (car l) {e()}) "
                    f"(rplacd (last l) (list {e()}))) (apply #'+ l))")
        if k == 31:
            f, x = self.fresh("f"), self.fresh("x")
            body = self.ie(env.with_(ints=env.ints + (x,), rec=None), d - 1)
            inner = env.with_(fns=env.fns + (f,))
            return f"(let (({f} (lambda ({x}) {body}))) {self.ie(inner, d - 1)})"
        if k == 32:
            return f"(progn (setq *g* (+ *g* 1)) {e()})"
        if k == 33 and not env.in_loop:
            v = self.fresh("p")
            return f"(let (({v} {e()})) (format t \"~a \" {v}) {v})"
        nz = lambda: f"(let ((y {e()})) (if (zerop y) {r.choice(['7', '-3', '1073741824'])} y))"  # noqa: E731
        if k == 34:  # integer division and friends, bignum operands included, both signs
            op = r.choice(["floor", "ceiling", "truncate", "round", "mod", "rem"])
            if op in ("mod", "rem") or r.random() < 0.5:
                return f"({op} {e()} {nz()})"
            q, rr = self.fresh("q"), self.fresh("r")
            return f"(multiple-value-bind ({q} {rr}) ({op} {e()} {nz()}) (+ (* {q} 3) {rr}))"
        if k == 35:
            return r.choice([f"(max {e()} {e()})", f"(min {e()} {e()})", f"(abs {e()})", f"(gcd {e()} {e()})",
                             f"(ash {e()} {r.randint(-40, 40)})", f"(logand {e()} {e()})", f"(logxor {e()} {e()})",
                             f"(* {e()} {e()})", f"(signum {e()})", f"(isqrt (abs {e()}))"])
        if k == 36:  # strings: built, measured, searched, parsed (Tier 2 strings and FORMAT)
            return r.choice([f"(length (format nil \"~a-~a\" {e()} {e()}))",
                             f"(parse-integer (princ-to-string {e()}))",
                             f"(char-code (char (princ-to-string {e()}) 0))",
                             f"(length (string-upcase (concatenate 'string \"ab\" (princ-to-string {e()}))))",
                             f"(or (search \"1\" (princ-to-string {e()})) -1)",
                             f"(if (string= (princ-to-string {e()}) (format nil \"~d\" {e()})) 1 0)",
                             f"(let ((s (format nil \"~x\" {e()}))) "
                             f"(+ (length s) (char-code (char s (1- (length s))))))"])
        if k == 37:  # simple vectors: made, read, written, reduced
            v, i = self.fresh("v"), self.fresh("i")
            inner = env.with_(ints=env.ints + (i,), in_loop=True, rec=None)
            return r.choice([
                f"(let (({v} (make-array 4 :initial-element {e()}))) (setf (svref {v} {r.randint(0, 3)}) {e()}) "
                f"(reduce #'+ {v}))",
                f"(svref (vector {e()} {e()} {e()}) (mod {e()} 3))",
                f"(let (({v} (coerce {self.le(env, d - 1)} 'simple-vector))) (dotimes ({i} (length {v})) "
                f"(setf (svref {v} {i}) {self.ie(inner, d - 1)})) (reduce #'+ {v} :initial-value 0))",
                f"(length (remove-if #'{r.choice(['evenp', 'plusp'])} (vector {e()} {e()} {e()})))"])
        if k == 38:  # characters and symbols
            return r.choice([f"(char-code (code-char (mod (abs {e()}) 128)))",
                             f"(if (char< (code-char (mod (abs {e()}) 90)) #\\A) 1 2)",
                             f"(if (eq (if (evenp {e()}) 'x 'y) 'x) {e()} {e()})",
                             f"(length (symbol-name (if (plusp {e()}) 'alpha 'be)))"])
        # an error nobody handles (the same condition in every mode). Not (floor x 0): when its value is unused,
        # SBCL's compiler deletes it and signals nothing (CLHS leaves it undefined), so SBCL could not be the oracle
        if k == 39 and not env.in_loop and r.random() < 0.3:
            return r.choice([f"(if {self.cond(env, d - 1)} {e()} (car {e()}))",
                             f"(if {self.cond(env, d - 1)} {e()} (+ {e()} (car (list 'a))))",
                             f"(if {self.cond(env, d - 1)} {e()} (svref (vector 1 2) 5))"])
        if k == 40:
            # the quotient is printed: SBCL's compiler deletes a FLOOR whose value is unused (say, an ignored
            # parameter of an inlined lambda; it also folds (- q q)) and then signals nothing (CLHS: undefined)
            q = self.fresh("q")
            return (f"(handler-case (let (({q} (floor {e()} {r.choice(['*zero*', nz()])}))) "
                    f"(format t \"~a \" {q}) {q}) (division-by-zero () {e()}))")
        return self.int_leaf(env)

    def cond(self, env: Env, d: int) -> str:
        r = self.r
        e = lambda: self.ie(env, max(d - 1, 0))  # noqa: E731
        k = r.randrange(8)
        if k < 3:
            return f"({r.choice(['<', '>', '=', '<=', '>=', '/='])} {e()} {e()})"
        if k == 3:
            return f"({r.choice(['zerop', 'plusp', 'minusp', 'evenp', 'oddp'])} {e()})"
        if k == 4:
            return f"({r.choice(['null', 'consp'])} {self.le(env, max(d - 1, 0))})"
        if k == 5 and d > 0:
            return f"({r.choice(['and', 'or'])} {self.cond(env, d - 1)} {self.cond(env, d - 1)})"
        if k == 6:
            return f"(not {self.cond(env, max(d - 1, 0))})"
        return f"(eql {e()} {e()})"

    # ---- lists of integers --------------------------------------------------------------------------------
    def le(self, env: Env, d: int) -> str:
        r = self.r
        e = lambda: self.ie(env, max(d - 1, 0))  # noqa: E731
        if d <= 0:
            if env.lists and r.random() < 0.5:
                return r.choice(env.lists)
            return f"(list {' '.join(self.lit() for _ in range(r.randint(0, 3)))})"
        k = r.randrange(11)
        l1 = lambda: self.le(env, d - 1)  # noqa: E731
        if k == 0:
            return f"(list {' '.join(e() for _ in range(r.randint(0, 4)))})"
        if k == 1:
            return f"(cons {e()} {l1()})"
        if k == 2:
            return f"(cdr {l1()})"
        if k == 3:
            return f"({r.choice(['reverse', 'copy-list'])} {l1()})"
        if k == 4:
            return f"(append {l1()} {l1()})"
        if k == 5:
            x = self.fresh("x")
            return f"(mapcar (lambda ({x}) {self.ie(env.with_(ints=env.ints + (x,), rec=None), d - 1)}) {l1()})"
        if k == 6:
            return f"(remove-if #'{r.choice(['evenp', 'oddp', 'plusp', 'minusp'])} {l1()})"
        if k == 7:
            return f"(let ((l2 (copy-list {l1()}))) (when l2 (rplaca l2 {e()}) (rplacd (last l2) (list {e()}))) l2)"
        if k == 8:
            i = self.fresh("i")
            body = self.ie(env.with_(ints=env.ints + (i,), rec=None, in_loop=True), d - 1)
            return f"(loop for {i} from 0 below {r.randint(0, 4)} collect {body})"
        if k == 9:
            return f"(sort (copy-list {l1()}) #'<)"
        if k == 10:
            v = self.fresh("l")
            inner = env.with_(lists=env.lists + (v,))
            return f"(let (({v} {l1()})) (push {e()} {v}) {self.le(inner, d - 1)})"
        return l1()

    # ---- programs -----------------------------------------------------------------------------------------
    def defun(self, name: str, depth: int) -> str:
        env = Env(ints=("a", "b"), ro=("n",))
        self.rec_budget = 2
        self.call_budget = 1
        base = self.ie(env, depth - 1)
        rec = self.ie(env.with_(rec=name), depth)
        if self.rec_budget == 2:  # make sure it recurses at least once
            rec = f"(+ ({name} (- n 1) a b) {rec})"
        return f"(defun {name} (n a b)\n  (if (<= n 0) {base}\n      {rec}))"

    def program(self) -> str:
        r = self.r
        lines = ["(defvar *g* 0)", "(defvar *zero* 0)"]
        names = []
        for i in range(r.randint(1, 3)):
            name = f"f{i}"
            lines.append(self.defun(name, r.randint(2, 4)))
            self.defined.append(name)
            names.append(name)
        calls = []
        for name in names:
            for _ in range(r.randint(4, 6)):
                calls.append(f"({name} {r.randint(0, MAX_REC)} {self.lit()} {self.lit()})")
        lines.append(f"(let ((results (list {' '.join(calls)})))\n  (print results)\n  (list results *g*))")
        return "\n".join(lines) + "\n"


def program(seed: int) -> str:
    return Gen(seed).program()
