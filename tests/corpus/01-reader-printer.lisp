;;; Reader and printer: every literal reads back and PRIN1s exactly as SBCL prints it.

;;;; case rd-integer
12345
;;;; => 12345

;;;; case rd-negative-integer
-42
;;;; => -42

;;;; case rd-plus-sign
+7
;;;; => 7

;;;; case rd-zero
(list 0 -0 +0)
;;;; => (0 0 0)

;;;; case rd-bignum
123456789012345678901234567890
;;;; => 123456789012345678901234567890

;;;; case rd-negative-bignum
-98765432109876543210987654321
;;;; => -98765432109876543210987654321

;;;; case rd-ratio
1/3
;;;; => 1/3

;;;; case rd-ratio-normalised
4/6
;;;; => 2/3

;;;; case rd-ratio-whole
6/3
;;;; => 2

;;;; case rd-negative-ratio
-3/9
;;;; => -1/3

;;;; case rd-float
1.5
;;;; => 1.5

;;;; case rd-float-exponent
(list 1.5e10 2.5e-3 1.0d0 3.0e0)
;;;; => (1.5e10 0.0025 1.0d0 3.0)

;;;; case rd-float-negative
-0.25
;;;; => -0.25

;;;; case rd-float-print-forms
(list 0.1 100.0 1234567.0 12345678.0 1.0e-5 0.001 123.456)
;;;; => (0.1 100.0 1234567.0 1.2345678e7 1.0e-5 0.001 123.456)

;;;; case rd-trailing-dot-integer
(list 1. -20. (integerp 10.))
;;;; => (1 -20 T)

;;;; case rd-string
"hello world"
;;;; => "hello world"

;;;; case rd-string-escapes
"a\"b\\c"
;;;; => "a\"b\\c"

;;;; case rd-string-length-with-escapes
(length "a\"b\\c")
;;;; => 5

;;;; case rd-string-newline
"line1
line2"
;;;; => "line1
;;;; => line2"

;;;; case rd-empty-string
""
;;;; => ""

;;;; case rd-char-lower
#\a
;;;; => #\a

;;;; case rd-char-upper
#\A
;;;; => #\A

;;;; case rd-char-space-newline
(list #\Space #\Newline #\a)
;;;; => (#\  #\Newline #\a)

;;;; case rd-char-named-case
(list (char-code #\space) (char-code #\SPACE) (char-code #\newline))
;;;; => (32 32 10)

;;;; case rd-char-tab
#\Tab
;;;; => #\Tab

;;;; case rd-char-punctuation
(list #\( #\) #\; #\" #\\ #\#)
;;;; => (#\( #\) #\; #\" #\\ #\#)

;;;; case rd-char-digit
#\7
;;;; => #\7

;;;; case rd-symbol
'foo
;;;; => FOO

;;;; case rd-symbol-upcased
'FooBar
;;;; => FOOBAR

;;;; case rd-symbol-bars
'|Foo|
;;;; => |Foo|

;;;; case rd-symbol-bars-space
'|hello world|
;;;; => |hello world|

;;;; case rd-symbol-bars-upper
'|FOO|
;;;; => FOO

;;;; case rd-symbol-bars-eq
(eq 'abc '|ABC|)
;;;; => T

;;;; case rd-symbol-name-of-bars
(symbol-name '|Foo Bar|)
;;;; => "Foo Bar"

;;;; case rd-symbol-with-dash-and-star
(list '*special* 'a-b 'c+d '1+ '<=)
;;;; => (*SPECIAL* A-B C+D 1+ <=)

;;;; case rd-keyword
:key
;;;; => :KEY

;;;; case rd-keyword-self-evaluating
(eq :a ':a)
;;;; => T

;;;; case rd-nil-forms
(list 'nil '() nil (eq '() 'nil))
;;;; => (NIL NIL NIL T)

;;;; case rd-t
't
;;;; => T

;;;; case rd-dotted-pair
'(a . b)
;;;; => (A . B)

;;;; case rd-dotted-list
'(1 2 . 3)
;;;; => (1 2 . 3)

;;;; case rd-dotted-normalised
'(1 . (2 . (3 . nil)))
;;;; => (1 2 3)

;;;; case rd-nested-list
'((a b) (c (d)) ())
;;;; => ((A B) (C (D)) NIL)

;;;; case rd-vector
#(1 2 3)
;;;; => #(1 2 3)

;;;; case rd-vector-empty
#()
;;;; => #()

;;;; case rd-vector-nested
#(a #(b) "c" (d . e))
;;;; => #(A #(B) "c" (D . E))

;;;; case rd-vector-self-evaluating
(aref #(10 20 30) 1)
;;;; => 20

;;;; case rd-quote-quote
''a
;;;; => 'A

;;;; case rd-quote-structure
(list (eq (car ''a) 'quote) (cadr ''a) (length ''a))
;;;; => (T A 2)

;;;; case rd-function-syntax-structure
(list (eq (car '#'car) 'function) (cadr '#'car) (length '#'car))
;;;; => (T CAR 2)

;;;; case rd-function-syntax-value
(list ''x '#'car)
;;;; => ('X #'CAR)

;;;; case rd-backquote-simple
(let ((x 1)) `(a ,x))
;;;; => (A 1)

;;;; case rd-backquote-splice
(let ((xs '(1 2))) `(a ,@xs b))
;;;; => (A 1 2 B)

;;;; case rd-backquote-dotted
(let ((x 1)) `(a . ,x))
;;;; => (A . 1)

;;;; case rd-backquote-constant
`(a b (c))
;;;; => (A B (C))

;;;; case rd-backquote-nested-list
`(1 (2 ,(+ 1 2)) ,@(list 4 5) 6)
;;;; => (1 (2 3) 4 5 6)

;;;; case rd-backquote-splice-end
(let ((xs '(2 3))) `(1 ,@xs))
;;;; => (1 2 3)

;;;; case rd-backquote-nested-eval
(let ((x 2) (y 3)) (eval ``(,,x ,',y)))
;;;; => (2 3)

;;;; case rd-backquote-nested-splice
(let ((xs '(1 2))) (eval ``(a ,@',xs)))
;;;; => (A 1 2)

;;;; case rd-backquote-macro-defining-macro
(defmacro make-adder-macro (name n)
  `(defmacro ,name (x) `(+ ,x ,',n)))
(make-adder-macro add5 5)
(add5 10)
;;;; => 15

;;;; case rd-line-comment
(+ 1 ; a comment
   2)
;;;; => 3

;;;; case rd-block-comment
(+ 1 #| block
comment |# 2)
;;;; => 3

;;;; case rd-block-comment-nested
#| a #| b |# c |# 5
;;;; => 5

;;;; case rd-case-insensitive-symbols
(eq 'Foo 'FOO)
;;;; => T

;;;; case pr-prin1-string
(prin1-to-string "a\"b")
;;;; => "\"a\\\"b\""

;;;; case pr-princ-string
(princ-to-string "a\"b")
;;;; => "a\"b"

;;;; case pr-char-both-ways
(list (prin1-to-string #\a) (princ-to-string #\a) (prin1-to-string #\Space))
;;;; => ("#\\a" "a" "#\\ ")

;;;; case pr-symbol-both-ways
(list (prin1-to-string '|Foo|) (princ-to-string '|Foo|) (prin1-to-string 'bar))
;;;; => ("|Foo|" "Foo" "BAR")

;;;; case pr-keyword-both-ways
(list (prin1-to-string :k) (princ-to-string :k))
;;;; => (":K" "K")

;;;; case pr-interned-lowercase
(intern "foo")
;;;; => |foo|

;;;; case pr-interned-with-space
(intern "A B")
;;;; => |A B|

;;;; case pr-uninterned
(make-symbol "X")
;;;; => #:X

;;;; case pr-numbers
(list (prin1-to-string 1/2) (prin1-to-string -7) (prin1-to-string 1.0) (prin1-to-string (expt 10 25)))
;;;; => ("1/2" "-7" "1.0" "10000000000000000000000000")

;;;; case pr-list-mixed
(prin1-to-string (list 1 "a" #\b 'c :d 1.5 nil))
;;;; => "(1 \"a\" #\\b C :D 1.5 NIL)"

;;;; case pr-princ-list-mixed
(princ-to-string (list 1 "a" #\b 'c :d 1.5 nil))
;;;; => "(1 a b C D 1.5 NIL)"

;;;; case pr-conses
(list (cons 1 2) (list* 1 2 3) (cons nil nil) (list nil))
;;;; => ((1 . 2) (1 2 . 3) (NIL) (NIL))

;;;; case pr-empty-vector
(vector)
;;;; => #()

;;;; case pr-vector-of-strings
(vector "a" #\b 'c)
;;;; => #("a" #\b C)

;;;; case pr-write-to-string
(write-to-string '(1 "x" #\y))
;;;; => "(1 \"x\" #\\y)"

;;;; case pr-nested-empty-lists
(list nil (list nil) (list (list nil)))
;;;; => (NIL (NIL) ((NIL)))
