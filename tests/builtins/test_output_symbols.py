# Output functions write SBCL's text to the right stream (NIL and T designators, string streams, fill-pointer
# strings for FORMAT), FRESH-LINE knows the column, and symbol state (values, plists, function cells) is updated.
from __future__ import annotations

import pytest
from builtins_support import kw, mv

from clysm.eval.builtins import printer_io as io
from clysm.eval.builtins import streams, symbols
from clysm.lisp.types import NIL, UNBOUND, LispError, LispVector, Symbol, T, char


def test_print_family_writes_sbcl_text(engine):
    assert io.print_(engine, 1) == 1
    io.prin1(engine, "a")
    io.princ(engine, "b")
    io.write_char(engine, char(ord("c")))
    io.terpri(engine)
    io.write_string(engine, "hello", NIL, kw("start"), 1, kw("end"), 3)
    io.write_line(engine, "!")
    assert engine.output.getvalue() == '\n1 "a"bc\nel!\n'


def test_fresh_line_only_when_not_at_line_start(engine):
    assert io.fresh_line(engine) is NIL
    io.princ(engine, "x")
    assert io.fresh_line(engine) is T
    assert io.fresh_line(engine) is NIL
    assert engine.output.getvalue() == "x\n"


def test_string_output_stream_and_format_destinations(engine):
    s = streams.make_string_output_stream()
    io.format_(engine, s, "a~%b")
    assert io.fresh_line(engine, s) is T
    io.prin1(engine, 42, s)
    assert streams.get_output_stream_string(s) == "a\nb\n42"
    assert streams.get_output_stream_string(s) == ""
    assert io.format_(engine, NIL, "~a", 1) == "1"
    assert io.format_(engine, T, "~a~&", 2) is NIL
    assert engine.output.getvalue() == "2\n"
    buf = LispVector([], 0, "character", True)
    io.format_(engine, buf, "x=~a", 5)
    assert "".join(chr(c.code) for c in buf.active()) == "x=5"


def test_star_standard_output_is_honoured(engine):
    s = streams.make_string_output_stream()
    engine.intern("*STANDARD-OUTPUT*", "COMMON-LISP").value = s
    io.princ(engine, "to-s")
    assert streams.get_output_stream_string(s) == "to-s" and engine.output.getvalue() == ""


def test_bad_stream_is_a_type_error(engine):
    with pytest.raises(LispError) as e:
        io.princ(engine, 1, 5)
    assert e.value.condition.type_name == "TYPE-ERROR"


def test_string_input_stream(engine):
    s = streams.make_string_input_stream("ab\ncd")
    assert streams.read_char(engine, s) is char(ord("a"))
    assert streams.peek_char(engine, NIL, s) is char(ord("b"))
    assert mv(streams.read_line(engine, s)) == ("b", NIL)
    assert mv(streams.read_line(engine, s)) == ("cd", T)
    assert mv(streams.read_line(engine, s, NIL, kw("eof"))) == (kw("eof"), T)
    with pytest.raises(LispError) as e:
        streams.read_char(engine, s)
    assert e.value.condition.type_name == "END-OF-FILE"
    assert streams.file_position(s) == 5


def test_symbol_value_plist_and_function_cells(engine):
    x = engine.intern("X")
    assert symbols.boundp(x) is NIL
    symbols.set_(x, 5)
    assert symbols.symbol_value(x) == 5 and symbols.boundp(x) is T
    symbols.makunbound(x)
    assert x.value is UNBOUND
    a, b = engine.intern("A"), engine.intern("B")
    symbols.set_symbol_plist(x, NIL)
    from clysm.eval.macros.places import put

    put(x, a, 1)
    put(x, b, 2)
    assert symbols.get(x, b) == 2
    assert symbols.remprop(x, b) is not NIL and symbols.get(x, b) is NIL and symbols.get(x, a) == 1
    assert symbols.remprop(x, b) is NIL
    f = engine.intern("F")
    assert symbols.fboundp(engine, f) is NIL
    f.function = lambda: 1
    assert symbols.fboundp(engine, f) is f.function
    symbols.fmakunbound(engine, f)
    assert f.function is None
    with pytest.raises(LispError):
        symbols.set_(T, 1)


def test_gensym_uses_the_engine(engine):
    g = symbols.gensym(engine)
    assert isinstance(g, Symbol) and g.package is None and g.name.startswith("G")
    assert symbols.gensym(engine, "FOO").name.startswith("FOO")
    t1 = symbols.gentemp(engine)
    assert t1.package is engine.user and t1.name.startswith("T")
    assert symbols.gentemp(engine) is not t1
