# The interactive REPL of `clysm repl`: multi-line input (reads until the forms are complete), readline history,
# every value printed as SBCL does (one per line; (VALUES) prints nothing), * ** *** / + and friends, and errors
# or Ctrl-C reported without ending the session.
from __future__ import annotations

import sys
from typing import Any, TextIO

HISTORY_FILE = "~/.clysm_history"


def _setup_history() -> None:
    try:
        import atexit
        import os
        import readline
    except ImportError:  # no readline (e.g. some minimal Pythons): plain input() still works
        return
    path = os.path.expanduser(HISTORY_FILE)
    try:
        readline.read_history_file(path)
    except OSError:
        pass
    readline.set_history_length(1000)

    def save() -> None:
        try:
            readline.write_history_file(path)
        except OSError:
            pass

    atexit.register(save)


class Repl:
    """One REPL session over one engine. `feed(line)` takes a line of input and evaluates every form it completes;
    everything (values, program output, errors) is written to `out`."""

    def __init__(self, out: TextIO, *, tier: str = "auto", threshold: int = 10,
                 timeout: float | None = None) -> None:
        from clysm.engine import Engine

        self.out = out
        self.timeout = timeout
        self.engine = Engine(threshold=threshold, tier=tier, stdout=out)
        self.buffer = ""

    @property
    def continuing(self) -> bool:
        """True while the input so far ends inside a form."""
        return bool(self.buffer)

    def prompt(self) -> str:
        if self.buffer:
            return "  ... "
        pkg = self.engine.current_package()
        name = min((n for n in (pkg.name, *pkg.nicknames) if n), key=len)
        return f"{name}> "

    def discard(self) -> None:
        self.buffer = ""

    def feed(self, line: str) -> None:
        from clysm.lisp.reader import IncompleteInput
        from clysm.lisp.types import ReaderError

        self.buffer += line + "\n"
        if not self.buffer.strip():
            self.buffer = ""
            return
        try:
            forms = self.engine.read_located(self.buffer, "<repl>")
        except IncompleteInput:
            return
        except ReaderError as e:
            self.buffer = ""
            self._report(f"reader error: {e.message} (line {e.line}, column {e.column} of the input)")
            return
        self.buffer = ""
        for form, _line, _column in forms:
            if not self.eval_print(form):
                break  # the rest of the entry is not evaluated after an error
        self.out.flush()

    def finish(self) -> None:
        """End of input: report a form left unfinished."""
        from clysm.lisp.types import ReaderError

        if self.buffer.strip():
            try:
                self.engine.read_located(self.buffer, "<repl>")
            except ReaderError as e:
                self._report(f"end of input inside a form: {e.message}")
            self.buffer = ""

    def eval_print(self, form: Any) -> bool:
        """Evaluate one form, print its values; False if it signalled an error or was interrupted."""
        from clysm.api import EvaluationInterrupted, deadline, innermost_function, lisp_error_object
        from clysm.lisp.types import NIL, LispError, lisp_list

        engine = self.engine
        sym = engine.sym
        try:
            sym("-").value = form
            with deadline(self.timeout):
                values = engine.eval_values(form)
        except LispError as e:
            err = lisp_error_object(engine, e, None, None)
            where = f" in {err['function']}" if err["function"] else ""
            self._fresh_line()
            self._report(f"unhandled {err['type']}{where}: {err['message']}")
            return False
        except (KeyboardInterrupt, EvaluationInterrupted) as e:
            engine.recover()
            fn = innermost_function(engine, e)
            if isinstance(e, KeyboardInterrupt):
                self.out.write("\n")  # after the terminal's ^C
            self._fresh_line()
            what = e.message if isinstance(e, EvaluationInterrupted) else "interrupted"
            self._report(what + (f" (in {fn})" if fn else ""))
            return False
        for name, value in (("***", sym("**").value), ("**", sym("*").value), ("*", values[0] if values else NIL),
                            ("///", sym("//").value), ("//", sym("/").value), ("/", lisp_list(*values)),
                            ("+++", sym("++").value), ("++", sym("+").value), ("+", form)):
            sym(name).value = value
        self._fresh_line()
        for v in values:
            try:
                text = engine.prin1(v)
            except Exception as e:  # noqa: BLE001  (a value that cannot be printed must not end the session)
                text = f"#<unprintable {type(v).__name__}: {e}>"
            self.out.write(text + "\n")
        engine.output.clear()  # the session's output is not kept in memory (the column is)
        return True

    def _fresh_line(self) -> None:
        self.engine.output.fresh_line()
        self.engine.output.clear()

    def _report(self, text: str) -> None:
        self.out.write("".join(f"; {ln}\n" for ln in text.split("\n")))
        self.out.flush()


def repl(stdin: TextIO | None = None, stdout: TextIO | None = None, *, tier: str = "auto", threshold: int = 10,
         timeout: float | None = None) -> int:
    """Run a REPL on one engine until end of input. Returns the exit status (0).

    Interactive (a terminal on stdin): prompts, readline history in ~/.clysm_history, Ctrl-C interrupts the
    running form (or discards a half-typed one), Ctrl-D quits. Otherwise (piped input) no prompts are printed."""
    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    interactive = stdin is None and sys.stdin.isatty()
    if interactive:
        _setup_history()
        out.write("clysm REPL. Ctrl-C interrupts, Ctrl-D quits.\n")
    session = Repl(out, tier=tier, threshold=threshold, timeout=timeout)
    while True:
        try:
            if interactive:
                line = input(session.prompt())
            else:
                line = inp.readline()
                if not line:
                    break
                line = line.rstrip("\n")
        except EOFError:
            break
        except KeyboardInterrupt:
            out.write("\n; input discarded\n" if session.continuing else "\n")
            session.discard()
            continue
        try:
            session.feed(line)
        except KeyboardInterrupt:  # between evaluations (reading, printing): the session goes on
            session.engine.recover()
            session.discard()
            out.write("\n; interrupted\n")
    session.finish()
    if interactive:
        out.write("\n")
    out.flush()
    return 0
