# Byte-exact tests of whole small modules, written in the style of the spec's binary-gc.wast: every expected
# byte carries a comment saying what it encodes. They pin the encoder to the Wasm 3.0 binary format.
"""Small modules encode to exactly the bytes the spec prescribes, and those bytes validate."""

from clysm.wasm import (
    EQREF,
    HT,
    I8,
    I31REF,
    I32,
    ArrayType,
    Code,
    FieldType,
    FuncType,
    Module,
    StructType,
    SubType,
    catch,
    ref,
    ref_null,
)


def hexbytes(text: str) -> bytes:
    """Bytes from hex pairs; `;;` starts a comment running to the end of the line."""
    return bytes.fromhex("".join(line.split(";;")[0] for line in text.splitlines()))


HEADER = """
00 61 73 6d  ;; magic
01 00 00 00  ;; version 1
"""


def test_empty_module(validate) -> None:
    """A module with nothing in it is just the header."""
    data = Module().encode()
    assert data == hexbytes(HEADER)
    validate(data)


def test_rec_group_with_sub_struct_and_packed_array(validate) -> None:
    """Rec group (0x4E), open sub (0x50), sub final with a supertype (0x4F), struct (0x5F), array of i8 (0x5E)."""
    m = Module()
    types = m.add_rec_group([
        SubType(StructType([FieldType(EQREF, True), FieldType(EQREF, True)]), final=False),
        SubType(StructType([FieldType(EQREF, True), FieldType(EQREF, True), FieldType(I32)]), (0,), final=True),
        ArrayType(FieldType(I8, True)),
    ])
    assert types == range(0, 3)
    expected = hexbytes(HEADER + """
01 19        ;; type section, 25 bytes
01           ;; 1 entry
4e 03        ;; rec group of 3 types
50 00        ;; type 0: sub (open), no supertypes
5f 02        ;;   struct, 2 fields
6d 01        ;;   (mut eqref)   [eqref shorthand 0x6D]
6d 01        ;;   (mut eqref)
4f 01 00     ;; type 1: sub final, 1 supertype: type 0
5f 03        ;;   struct, 3 fields
6d 01 6d 01  ;;   (mut eqref) (mut eqref)
7f 00        ;;   i32, immutable
5e 78 01     ;; type 2: array (mut i8)
""")
    data = m.encode()
    assert data == expected
    validate(data)


def test_fib_over_i31ref(validate) -> None:
    """Recursive fib on i31ref: func type, function and code sections, exports, i31 and call opcodes."""
    m = Module()
    t = m.add_type(FuncType([I31REF], [I31REF]))
    fib = m.declare_function(t)
    body = Code()
    (body.local_get(0).i31_get_s().i32_const(2).i32_lt_s()
     .if_(I31REF).local_get(0)
     .else_()
     .local_get(0).i31_get_s().i32_const(1).i32_sub().ref_i31().call(fib)
     .i31_get_s()
     .local_get(0).i31_get_s().i32_const(2).i32_sub().ref_i31().call(fib)
     .i31_get_s().i32_add().ref_i31()
     .end())
    m.define_function(fib, [], body)
    m.export_func("fib", fib)
    expected = hexbytes(HEADER + """
01 06        ;; type section, 6 bytes
01           ;; 1 entry
60 01 6c     ;; func, 1 param: i31ref (shorthand 0x6C)
01 6c        ;;   1 result: i31ref
03 02 01 00  ;; function section, 2 bytes: 1 function of type 0
07 07 01     ;; export section, 7 bytes, 1 export
03 66 69 62  ;;   name "fib"
00 00        ;;   func 0
0a 2e 01     ;; code section, 46 bytes, 1 body
2c 00        ;; body of 44 bytes, no local groups
20 00        ;; local.get 0
fb 1d        ;; i31.get_s
41 02 48     ;; i32.const 2, i32.lt_s
04 6c        ;; if (result i31ref)
20 00        ;;   local.get 0
05           ;; else
20 00 fb 1d  ;;   local.get 0, i31.get_s
41 01 6b     ;;   i32.const 1, i32.sub
fb 1c        ;;   ref.i31
10 00        ;;   call 0
fb 1d        ;;   i31.get_s
20 00 fb 1d  ;;   local.get 0, i31.get_s
41 02 6b     ;;   i32.const 2, i32.sub
fb 1c 10 00  ;;   ref.i31, call 0
fb 1d 6a     ;;   i31.get_s, i32.add
fb 1c        ;;   ref.i31
0b           ;; end (if)
0b           ;; end (function)
""")
    data = m.encode(names=False)
    assert data == expected
    validate(data)


def test_imports_globals_tags_tables_start_and_declared_refs(validate) -> None:
    """Import/tag/table-with-init/global/export/start/element sections, in the spec's section order."""
    m = Module()
    void = m.add_type(FuncType([], []))
    m.import_func("rt", "hook", void)
    m.import_global("rt", "nil", EQREF)
    start = m.declare_function(void)
    m.define_function(start, [], Code().ref_func(start).drop())
    m.declare_ref_func(start)
    m.add_table(ref(void), 1, None, Code().ref_func(start))
    tag = m.add_tag(void)
    m.add_global(I32, True, Code().i32_const(-1))
    m.export_tag("t", tag)
    m.set_start(start)
    expected = hexbytes(HEADER + """
01 04 01 60 00 00   ;; type section: 1 entry, func [] -> []
02 15 02            ;; import section, 21 bytes, 2 imports
02 72 74 04 68 6f 6f 6b 00 00   ;; "rt" "hook" func type 0
02 72 74 03 6e 69 6c 03 6d 00   ;; "rt" "nil" global eqref immutable
03 02 01 00         ;; function section: 1 function of type 0
04 0a 01            ;; table section, 10 bytes, 1 table
40 00               ;;   table with init expression
64 00               ;;   (ref 0)  [non-null: 0x64 + s33 index]
00 01               ;;   limits: min 1, no max
d2 01 0b            ;;   init: ref.func 1, end
0d 03 01 00 00      ;; tag section (id 13): 1 tag, attribute 0, type 0
06 06 01 7f 01      ;; global section: 1 global, (mut i32)
41 7f 0b            ;;   i32.const -1, end
07 05 01 01 74 04 00  ;; export section: "t" tag 0
08 01 01            ;; start section: function 1
09 05 01 03 00 01 01  ;; element section: 1 segment, declarative (3), elemkind funcref, [func 1]
0a 07 01 05 00      ;; code section: 1 body of 5 bytes, no locals
d2 01 1a 0b         ;;   ref.func 1, drop, end
""")
    data = m.encode()
    assert data == expected
    validate(data)


def test_try_table_throw_and_casts(validate) -> None:
    """try_table (0x1F) with a catch clause, throw (0x08), ref.cast (0xFB 22), typed ref.null, struct.new."""
    m = Module()
    box = m.add_type(StructType([FieldType(EQREF, True)]))
    t = m.add_type(FuncType([EQREF], [EQREF]))
    tag_t = m.add_type(FuncType([EQREF], []))
    tag = m.add_tag(tag_t)
    f = m.declare_function(t)
    body = Code()
    (body.block(EQREF)
     .try_table(None, [catch(tag, 0)])
     .local_get(0).struct_new(box).throw(tag)
     .end()
     .ref_null(HT.NONE)
     .end()
     .ref_cast(box).struct_get(box, 0))
    m.define_function(f, [], body)
    expected = hexbytes(HEADER + """
01 0e 03            ;; type section, 14 bytes, 3 entries
5f 01 6d 01         ;; type 0: struct (field (mut eqref))
60 01 6d 01 6d      ;; type 1: func [eqref] -> [eqref]
60 01 6d 00         ;; type 2: func [eqref] -> []
03 02 01 01         ;; function section: 1 function of type 1
0d 03 01 00 02      ;; tag section: tag 0 of type 2
0a 1e 01 1c 00      ;; code section: 1 body of 28 bytes, no locals
02 6d               ;; block (result eqref)
1f 40 01 00 00 00   ;;   try_table, no result, 1 clause: catch tag 0 -> label 0
20 00               ;;     local.get 0
fb 00 00            ;;     struct.new 0
08 00               ;;     throw 0
0b                  ;;   end
d0 71               ;;   ref.null none
0b                  ;; end
fb 16 00            ;; ref.cast (ref 0)
fb 02 00 00         ;; struct.get 0 0
0b                  ;; end
""")
    data = m.encode()
    assert data == expected
    validate(data)


def test_large_type_index_in_heap_type(validate) -> None:
    """A heap type index >= 64 is a two-byte s33 (here 64 = C0 00) in ref types and instructions."""
    m = Module()
    for _ in range(64):
        m.add_type(StructType([]))
    s = m.add_type(StructType([FieldType(I32)]))
    assert s == 64
    f_t = m.add_type(FuncType([], [ref_null(s)]))
    m.add_function(f_t, [], Code().ref_null(s))
    data = m.encode()
    tail = hexbytes("""
60 00 01 63 c0 00   ;; type 65: func [] -> [(ref null 64)]
""")
    assert tail in data
    assert hexbytes("d0 c0 00 0b") in data  # ref.null 64, end
    validate(data)
