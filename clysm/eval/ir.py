# The intermediate form of Tier 1: Lisp forms analyzed once (macros expanded, variables resolved, closures and
# exits marked) into these nodes, which clysm.eval.codegen turns into Python source. Also the compile-time
# lexical environment (`Env`), which is what macro expanders receive as &ENVIRONMENT.
from __future__ import annotations

from typing import Any

from clysm.lisp.types import Symbol

# ---------------------------------------------------------------------------------------------- bindings

class Var:
    """One lexical binding (a variable, a local function, or a hidden exit token). `captured` when a nested
    lambda refers to it (then it lives in a heap frame, fresh per entry of its binding form); `assigned` when
    SETQ changes it."""

    __slots__ = ("name", "owner", "captured", "assigned", "kind", "pyname", "frame", "slot")

    def __init__(self, name: Any, owner: LambdaInfo, kind: str = "var") -> None:
        self.name = name
        self.owner = owner
        self.captured = False
        self.assigned = False
        self.kind = kind  # "var" | "fun" | "token"
        self.pyname = ""
        self.frame: Any = None  # FrameInfo (codegen) when captured
        self.slot = 0

    def __repr__(self) -> str:
        return f"<Var {getattr(self.name, 'name', self.name)}{' captured' if self.captured else ''}>"


class SymbolMacro:
    __slots__ = ("expansion",)

    def __init__(self, expansion: Any) -> None:
        self.expansion = expansion


class LocalMacro:
    __slots__ = ("expander",)

    def __init__(self, expander: Any) -> None:
        self.expander = expander  # callable (form, env) -> expansion


SPECIAL = "special"  # marks a variable binding or reference as dynamic


class BlockInfo:
    __slots__ = ("name", "owner", "exits", "token_var", "target", "static_tag", "pyid")

    def __init__(self, name: Symbol, owner: LambdaInfo) -> None:
        self.name = name
        self.owner = owner
        self.exits: list[ReturnFrom] = []
        self.token_var: Var | None = None  # set when a closure returns from it
        self.target: Any = None  # codegen: the Target of the block's value
        self.static_tag: Any = None
        self.pyid = 0


class TagbodyInfo:
    __slots__ = ("owner", "tags", "gos", "token_var", "static_tag", "pyid", "loop_id")

    def __init__(self, owner: LambdaInfo) -> None:
        self.owner = owner
        self.tags: dict[Any, int] = {}  # tag -> segment index
        self.gos: list[Go] = []
        self.token_var: Var | None = None
        self.static_tag: Any = None
        self.pyid = 0
        self.loop_id = 0


class LambdaInfo:
    """One function body (a Lisp lambda, or the top-level thunk)."""

    __slots__ = ("parent", "name", "params", "body", "needs_penv", "tiered", "pyid", "source", "doc",
                 "uses_engine_mv", "self_var")

    def __init__(self, parent: LambdaInfo | None, name: Any = None) -> None:
        self.parent = parent
        self.name = name
        self.params: Params | None = None
        self.body: Node | None = None
        self.needs_penv = False
        self.tiered = False
        self.pyid = 0
        self.source: Any = None  # the lambda expression (for tiering and printing)
        self.doc: Any = None
        self.uses_engine_mv = True
        self.self_var: Var | None = None  # the LABELS binding of this function (for self tail calls)


class Params:
    """A lambda list with its variables resolved: each entry binds a Var or (special) a Symbol."""

    __slots__ = ("required", "optional", "rest", "keys", "allow_other_keys", "aux", "simple")

    def __init__(self) -> None:
        self.required: list[Any] = []  # Var | Symbol(special)
        self.optional: list[tuple[Any, Node, Any]] = []  # (var, default node, supplied var or None)
        self.rest: Any = None
        self.keys: list[tuple[Symbol, Any, Node, Any]] | None = None  # (keyword, var, default, supplied)
        self.allow_other_keys = False
        self.aux: list[tuple[Any, Node]] = []
        self.simple = True  # only required lexical variables


# ---------------------------------------------------------------------------------------------- nodes

class Node:
    __slots__ = ()


class Const(Node):
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class LRef(Node):
    __slots__ = ("var",)

    def __init__(self, var: Var) -> None:
        self.var = var


class SRef(Node):
    __slots__ = ("sym",)

    def __init__(self, sym: Symbol) -> None:
        self.sym = sym


class LSet(Node):
    __slots__ = ("var", "value")

    def __init__(self, var: Var, value: Node) -> None:
        self.var = var
        self.value = value


class SSet(Node):
    __slots__ = ("sym", "value")

    def __init__(self, sym: Symbol, value: Node) -> None:
        self.sym = sym
        self.value = value


class If(Node):
    __slots__ = ("test", "then", "else_")

    def __init__(self, test: Node, then: Node, else_: Node) -> None:
        self.test = test
        self.then = then
        self.else_ = else_


class Progn(Node):
    __slots__ = ("forms",)

    def __init__(self, forms: list[Node]) -> None:
        self.forms = forms


class Let(Node):
    """LET / LET*: bindings of Vars (lexical) or Symbols (special)."""

    __slots__ = ("bindings", "body", "sequential")

    def __init__(self, bindings: list[tuple[Any, Node]], body: Node, sequential: bool) -> None:
        self.bindings = bindings
        self.body = body
        self.sequential = sequential


class FunBind(Node):
    """FLET / LABELS: local function Vars bound to lambdas."""

    __slots__ = ("funs", "body", "recursive")

    def __init__(self, funs: list[tuple[Var, Lambda]], body: Node, recursive: bool) -> None:
        self.funs = funs
        self.body = body
        self.recursive = recursive


class Lambda(Node):
    __slots__ = ("info",)

    def __init__(self, info: LambdaInfo) -> None:
        self.info = info


class GFunction(Node):
    """#'name for a global function."""

    __slots__ = ("sym",)

    def __init__(self, sym: Symbol) -> None:
        self.sym = sym


class Call(Node):
    """A call. kind: 'global' (target Symbol, read through its function cell), 'local' (target Var),
    'builtin' (target: the CL symbol; fn: the Python function fixed at analysis), 'value' (target Node: FUNCALL)."""

    __slots__ = ("kind", "target", "args", "fn", "needs_engine", "mv", "pass_through")

    def __init__(self, kind: str, target: Any, args: list[Node], fn: Any = None, needs_engine: bool = False,
                 mv: bool = True, pass_through: bool = True) -> None:
        self.kind = kind
        self.target = target
        self.args = args
        self.fn = fn
        self.needs_engine = needs_engine
        self.mv = mv  # may return a MultipleValues object (Python built-ins only)
        self.pass_through = pass_through  # may leave the register set by a Lisp function it calls


class Prim(Node):
    """An open-coded COMMON-LISP function with a fixnum/cons fast path; `fn` is the generic built-in."""

    __slots__ = ("name", "args", "fn")

    def __init__(self, name: str, args: list[Node], fn: Any) -> None:
        self.name = name
        self.args = args
        self.fn = fn


class Values(Node):
    __slots__ = ("args",)

    def __init__(self, args: list[Node]) -> None:
        self.args = args


class Block(Node):
    __slots__ = ("info", "body")

    def __init__(self, info: BlockInfo, body: Node) -> None:
        self.info = info
        self.body = body


class ReturnFrom(Node):
    __slots__ = ("info", "value", "crosses")

    def __init__(self, info: BlockInfo, value: Node, crosses: bool) -> None:
        self.info = info
        self.value = value
        self.crosses = crosses  # from inside a nested lambda


class Tagbody(Node):
    """TAGBODY: `pre` runs once; segments[i] follows tag i."""

    __slots__ = ("info", "pre", "segments")

    def __init__(self, info: TagbodyInfo, pre: list[Node], segments: list[list[Node]]) -> None:
        self.info = info
        self.pre = pre
        self.segments = segments


class Go(Node):
    __slots__ = ("info", "index", "crosses")

    def __init__(self, info: TagbodyInfo, index: int, crosses: bool) -> None:
        self.info = info
        self.index = index
        self.crosses = crosses


class Catch(Node):
    __slots__ = ("tag", "body")

    def __init__(self, tag: Node, body: Node) -> None:
        self.tag = tag
        self.body = body


class Throw(Node):
    __slots__ = ("tag", "value")

    def __init__(self, tag: Node, value: Node) -> None:
        self.tag = tag
        self.value = value


class UnwindProtect(Node):
    __slots__ = ("form", "cleanup")

    def __init__(self, form: Node, cleanup: list[Node]) -> None:
        self.form = form
        self.cleanup = cleanup


class MvCall(Node):
    __slots__ = ("fn", "args")

    def __init__(self, fn: Node, args: list[Node]) -> None:
        self.fn = fn
        self.args = args


class MvBind(Node):
    """(multiple-value-call #'(lambda (&optional ... &rest r) body) form) with the lambda inlined."""

    __slots__ = ("params", "form", "body")

    def __init__(self, params: Params, form: Node, body: Node) -> None:
        self.params = params
        self.form = form
        self.body = body


class MvProg1(Node):
    __slots__ = ("first", "rest")

    def __init__(self, first: Node, rest: list[Node]) -> None:
        self.first = first
        self.rest = rest


class Progv(Node):
    __slots__ = ("syms", "vals", "body")

    def __init__(self, syms: Node, vals: Node, body: Node) -> None:
        self.syms = syms
        self.vals = vals
        self.body = body


class Defun(Node):
    """CLYSM::%DEFUN: install a tiered function; `env` is the compile-time environment it closes over."""

    __slots__ = ("name", "lam", "env")

    def __init__(self, name: Symbol, lam: Lambda, env: Env) -> None:
        self.name = name
        self.lam = lam
        self.env = env


# ---------------------------------------------------------------------------------------------- environment

class Env:
    """The compile-time lexical environment: a chain of contours. Passed to macro expanders as &ENVIRONMENT."""

    __slots__ = ("parent", "vars", "funs", "blocks", "tags", "specials", "fn", "depth", "engine")

    def __init__(self, parent: Env | None, fn: LambdaInfo | None = None, engine: Any = None) -> None:
        self.parent = parent
        self.vars: dict[Any, Any] | None = None  # Symbol -> Var | SPECIAL | SymbolMacro
        self.funs: dict[Any, Any] | None = None  # Symbol -> Var | LocalMacro
        self.blocks: dict[Any, BlockInfo] | None = None
        self.tags: dict[Any, tuple[TagbodyInfo, int]] | None = None
        self.specials: set[Any] | None = None  # free SPECIAL declarations
        if parent is not None:
            self.fn = fn or parent.fn
            self.depth = parent.depth
            self.engine = parent.engine
        else:
            self.fn = fn
            self.depth = 0
            self.engine = engine

    def child(self, fn: LambdaInfo | None = None) -> Env:
        e = Env(self, fn)
        if fn is not None:
            e.depth = 0
        return e

    def lookup_var(self, sym: Any) -> Any:
        """Var, SPECIAL, a SymbolMacro, or None (a free variable: global)."""
        e: Env | None = self
        while e is not None:
            if e.specials is not None and sym in e.specials:
                # a free SPECIAL declaration hides outer lexical bindings, but not bindings of the same contour
                if e.vars is not None and sym in e.vars:
                    return e.vars[sym]
                return SPECIAL
            if e.vars is not None:
                b = e.vars.get(sym)
                if b is not None:
                    return b
            e = e.parent
        return None

    def lookup_fun(self, sym: Any) -> Any:
        e: Env | None = self
        while e is not None:
            if e.funs is not None:
                b = e.funs.get(sym)
                if b is not None:
                    return b
            e = e.parent
        return None

    def lookup_block(self, name: Any) -> BlockInfo | None:
        e: Env | None = self
        while e is not None:
            if e.blocks is not None:
                b = e.blocks.get(name)
                if b is not None:
                    return b
            e = e.parent
        return None

    def lookup_tag(self, tag: Any) -> tuple[TagbodyInfo, int] | None:
        e: Env | None = self
        while e is not None:
            if e.tags is not None:
                for key, found in e.tags.items():
                    if key is tag or (type(key) is int and type(tag) is int and key == tag):
                        return found
            e = e.parent
        return None

    def __repr__(self) -> str:
        return "#<LEXICAL-ENVIRONMENT>"
