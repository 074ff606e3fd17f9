;;; Printing to *standard-output*: print, prin1, princ, terpri, fresh-line, write-string, write-line, write-char,
;;; write, and with-output-to-string.

;;;; case out-print
(print 42)
;;;; => 42
;;;; out: ""
;;;; out: "42 "

;;;; case out-print-string
(print "str")
;;;; => "str"
;;;; out: ""
;;;; out: "\"str\" "

;;;; case out-print-several
(print 1)
(print 'two)
(print "three")
nil
;;;; => NIL
;;;; out: ""
;;;; out: "1 "
;;;; out: "TWO "
;;;; out: "\"three\" "

;;;; case out-prin1
(prin1 "quoted")
;;;; => "quoted"
;;;; out: "\"quoted\""

;;;; case out-princ
(princ "unquoted")
;;;; => "unquoted"
;;;; out: "unquoted"

;;;; case out-prin1-vs-princ-char
(prin1 #\a)
(princ #\a)
(prin1 '|Mixed|)
(princ '|Mixed|)
;;;; => |Mixed|
;;;; out: "#\\aa|Mixed|Mixed"

;;;; case out-terpri
(princ "a")
(terpri)
(princ "b")
;;;; => "b"
;;;; out: "a"
;;;; out: "b"

;;;; case out-fresh-line
(princ "a")
(fresh-line)
(fresh-line)
(princ "b")
(terpri)
(fresh-line)
;;;; => NIL
;;;; out: "a"
;;;; out: "b"
;;;; out: ""

;;;; case out-fresh-line-return-value
(list (fresh-line) (progn (princ "x") (fresh-line)))
;;;; => (NIL T)
;;;; out: "x"
;;;; out: ""

;;;; case out-write-string
(write-string "no newline")
;;;; => "no newline"
;;;; out: "no newline"

;;;; case out-write-line
(write-line "with newline")
(write-line "second")
;;;; => "second"
;;;; out: "with newline"
;;;; out: "second"
;;;; out: ""

;;;; case out-write-char
(write-char #\x)
(write-char #\Newline)
;;;; => #\Newline
;;;; out: "x"
;;;; out: ""

;;;; case out-write
(write '(1 "two" #\3))
;;;; => (1 "two" #\3)
;;;; out: "(1 \"two\" #\\3)"

;;;; case out-print-list-and-nil
(print '(a (b . c) "d"))
(print nil)
;;;; => NIL
;;;; out: ""
;;;; out: "(A (B . C) \"d\") "
;;;; out: "NIL "

;;;; case out-with-output-to-string
(with-output-to-string (s) (print 'x s) (prin1 "y" s) (princ "z" s) (terpri s))
;;;; => "
;;;; => X \"y\"z
;;;; => "

;;;; case out-with-output-to-string-rebinding-standard-output
(list (with-output-to-string (*standard-output*) (princ "captured")) 'after)
;;;; => ("captured" AFTER)

;;;; case out-captured-does-not-leak
(with-output-to-string (*standard-output*) (princ "inner"))
(princ "outer")
;;;; => "outer"
;;;; out: "outer"

;;;; case out-print-float-and-ratio
(print 2.5)
(print 3/4)
(print (expt 2 65))
;;;; => 36893488147419103232
;;;; out: ""
;;;; out: "2.5 "
;;;; out: "3/4 "
;;;; out: "36893488147419103232 "

;;;; case out-loop-output
(dotimes (i 3) (princ i) (princ " "))
;;;; => NIL
;;;; out: "0 1 2 "

;;;; case out-print-returns-object
(list (prin1 'a) (princ 'b) (print 'c))
;;;; => (A B C)
;;;; out: "AB"
;;;; out: "C "

;;;; case out-output-before-error
(princ "before")
(car 'not-a-list)
;;;; error: TYPE-ERROR
;;;; out: "before"

;;;; case out-nested-with-output-to-string
(with-output-to-string (a)
  (princ "outer-" a)
  (princ (with-output-to-string (b) (princ "inner" b)) a))
;;;; => "outer-inner"
