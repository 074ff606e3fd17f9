;;; FORMAT: ~a ~s ~d ~b ~o ~x ~% ~& ~~ ~{ ~} ~^ ~[ ~; ~] ~:[ ~* with nil and t destinations.

;;;; case fmt-nil-returns-string
(format nil "hello")
;;;; => "hello"

;;;; case fmt-t-prints-returns-nil
(format t "hello")
;;;; => NIL
;;;; out: "hello"

;;;; case fmt-a
(format nil "~a and ~a" "str" 'sym)
;;;; => "str and SYM"

;;;; case fmt-a-various
(format nil "~a|~a|~a|~a|~a" nil 1/2 #\c '(1 "two" #\3) 1.5)
;;;; => "NIL|1/2|c|(1 two 3)|1.5"

;;;; case fmt-s
(format nil "~s and ~s" "str" 'sym)
;;;; => "\"str\" and SYM"

;;;; case fmt-s-various
(format nil "~s|~s|~s" #\c '(1 "two" #\3) :key)
;;;; => "#\\c|(1 \"two\" #\\3)|:KEY"

;;;; case fmt-d
(format nil "~d items, ~d total" 3 (expt 2 70))
;;;; => "3 items, 1180591620717411303424 total"

;;;; case fmt-d-negative-and-non-integer
(format nil "~d ~d ~d" -42 'sym "str")
;;;; => "-42 SYM str"

;;;; case fmt-b-o-x
(format nil "~b ~o ~x ~x" 10 64 255 -255)
;;;; => "1010 100 FF -FF"

;;;; case fmt-x-bignum
(format nil "~x" (expt 2 64))
;;;; => "10000000000000000"

;;;; case fmt-percent
(format nil "a~%b~%")
;;;; => "a
;;;; => b
;;;; => "

;;;; case fmt-ampersand-fresh-line
(format nil "~&a~&~&b~%~&c")
;;;; => "a
;;;; => b
;;;; => c"

;;;; case fmt-ampersand-at-start-of-output
(with-output-to-string (*standard-output*) (format t "~&start") (format t "~&next"))
;;;; => "start
;;;; => next"

;;;; case fmt-tilde
(format nil "100~~ sure")
;;;; => "100~ sure"

;;;; case fmt-iteration
(format nil "~{~a~^, ~}" '(1 2 3))
;;;; => "1, 2, 3"

;;;; case fmt-iteration-empty
(format nil "[~{~a~^, ~}]" nil)
;;;; => "[]"

;;;; case fmt-iteration-pairs
(format nil "~{~a=~a~^; ~}" '(a 1 b 2))
;;;; => "A=1; B=2"

;;;; case fmt-iteration-nested-text
(format nil "~{<~s>~}" '("x" y))
;;;; => "<\"x\"><Y>"

;;;; case fmt-conditional-numeric
(list (format nil "~[zero~;one~;two~]" 0) (format nil "~[zero~;one~;two~]" 2) (format nil "~[zero~;one~]" 5))
;;;; => ("zero" "two" "")

;;;; case fmt-conditional-default-clause
(list (format nil "~[a~;b~:;other~]" 1) (format nil "~[a~;b~:;other~]" 7))
;;;; => ("b" "other")

;;;; case fmt-conditional-boolean
(list (format nil "~:[no~;yes~]" nil) (format nil "~:[no~;yes~]" 'anything))
;;;; => ("no" "yes")

;;;; case fmt-skip-argument
(format nil "~a ~* ~a" 1 2 3)
;;;; => "1  3"

;;;; case fmt-mixed
(format nil "~a has ~d item~:[s~;~]: ~{~s~^ ~}~%" "cart" 1 t '("apple"))
;;;; => "cart has 1 item: \"apple\"
;;;; => "

;;;; case fmt-plural-loop
(with-output-to-string (s)
  (dolist (n '(0 1 2)) (format s "~d item~:[s~;~]~%" n (= n 1))))
;;;; => "0 items
;;;; => 1 item
;;;; => 2 items
;;;; => "

;;;; case fmt-t-output-lines
(format t "line ~d~%" 1)
(format t "line ~d~%" 2)
'done
;;;; => DONE
;;;; out: "line 1"
;;;; out: "line 2"
;;;; out: ""

;;;; case fmt-to-stream-variable
(with-output-to-string (out) (format out "x=~a" 5))
;;;; => "x=5"

;;;; case fmt-nested-iteration
(format nil "~{(~{~a~^ ~})~^ ~}" '((1 2) (3) ()))
;;;; => "(1 2) (3) ()"

;;;; case fmt-a-of-string-with-quotes
(list (format nil "~a" "say \"hi\"") (format nil "~s" "say \"hi\""))
;;;; => ("say \"hi\"" "\"say \\\"hi\\\"\"")

;;;; case fmt-no-arguments-directives-only
(format nil "~~~%~~")
;;;; => "~
;;;; => ~"

;;;; case fmt-case-of-directives
(format nil "~A ~S ~D ~X" 'a "b" 12 255)
;;;; => "A \"b\" 12 FF"
