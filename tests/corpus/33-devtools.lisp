;;; Development tools whose output SBCL and clysm share: TRACE / UNTRACE (output on *TRACE-OUTPUT*, captured here
;;; in a string), TIME's values, DOCUMENTATION of definitions, DEFTYPE types in TYPEP / TYPECASE / CHECK-TYPE,
;;; PROCLAIM, COMPILER-MACRO-FUNCTION. (DESCRIBE, DISASSEMBLE, ROOM and TIME's report are implementation-specific.)

;;;; case trace-recursive-output
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-fib (n) (if (< n 2) n (+ (tr-fib (- n 1)) (tr-fib (- n 2)))))
(trace tr-fib)
(let ((*trace-output* *standard-output*)) (tr-fib 3))
;;;; => 2
;;;; out: "  0: (TR-FIB 3)"
;;;; out: "    1: (TR-FIB 2)"
;;;; out: "      2: (TR-FIB 1)"
;;;; out: "      2: TR-FIB returned 1"
;;;; out: "      2: (TR-FIB 0)"
;;;; out: "      2: TR-FIB returned 0"
;;;; out: "    1: TR-FIB returned 1"
;;;; out: "    1: (TR-FIB 1)"
;;;; out: "    1: TR-FIB returned 1"
;;;; out: "  0: TR-FIB returned 2"
;;;; out: ""

;;;; case trace-returns-names
(defun tr-a (x) x)
(defun tr-b (x) x)
(untrace)
(list (trace tr-a) (trace) (trace tr-b) (untrace tr-a) (trace) (untrace) (trace))
;;;; => ((TR-A) (TR-A) (TR-B) T (TR-B) T NIL)

;;;; case trace-multiple-values-and-printer
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-mv (x) (values x (list x "s" #\c) 'sym))
(trace tr-mv)
(let ((*trace-output* *standard-output*))
  (multiple-value-list (tr-mv 2)))
;;;; => (2 (2 "s" #\c) SYM)
;;;; out: "  0: (TR-MV 2)"
;;;; out: "  0: TR-MV returned 2 (2 \"s\" #\\c) SYM"
;;;; out: ""

;;;; case trace-no-values
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-none () (values))
(trace tr-none)
(with-output-to-string (*trace-output*) (tr-none))
;;;; => "  0: (TR-NONE)
;;;; =>   0: TR-NONE returned
;;;; => "

;;;; case trace-nested-functions
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-inner (x) (* x 2))
(defun tr-outer (x) (+ 1 (tr-inner x)))
(trace tr-inner tr-outer)
(with-output-to-string (*trace-output*) (tr-outer 5))
;;;; => "  0: (TR-OUTER 5)
;;;; =>     1: (TR-INNER 5)
;;;; =>     1: TR-INNER returned 10
;;;; =>   0: TR-OUTER returned 11
;;;; => "

;;;; case trace-non-local-exit
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-thrower (x) (throw 'tag x))
(trace tr-thrower)
(with-output-to-string (*trace-output*) (catch 'tag (tr-thrower 1)))
;;;; => "  0: (TR-THROWER 1)
;;;; =>   0: TR-THROWER exited non-locally
;;;; => "

;;;; case trace-error-exits-non-locally
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-bad (x) (car x))
(trace tr-bad)
(with-output-to-string (*trace-output*) (handler-case (tr-bad 5) (error () 'caught)))
;;;; => "  0: (TR-BAD 5)
;;;; =>   0: TR-BAD exited non-locally
;;;; => "

;;;; case trace-through-funcall-and-mapcar
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-sq (x) (* x x))
(trace tr-sq)
(with-output-to-string (*trace-output*)
  (mapcar #'tr-sq '(1 2)) (funcall 'tr-sq 3) (apply #'tr-sq '(4)))
;;;; => "  0: (TR-SQ 1)
;;;; =>   0: TR-SQ returned 1
;;;; =>   0: (TR-SQ 2)
;;;; =>   0: TR-SQ returned 4
;;;; =>   0: (TR-SQ 3)
;;;; =>   0: TR-SQ returned 9
;;;; =>   0: (TR-SQ 4)
;;;; =>   0: TR-SQ returned 16
;;;; => "

;;;; case trace-redefinition-stays-traced
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun tr-re (x) x)
(trace tr-re)
(defun tr-re (x) (* 10 x))
(with-output-to-string (*trace-output*) (tr-re 2))
;;;; => "  0: (TR-RE 2)
;;;; =>   0: TR-RE returned 20
;;;; => "

;;;; case untrace-restores-value
(defun tr-u (x) (+ x 1))
(trace tr-u)
(untrace tr-u)
(list (with-output-to-string (*trace-output*) (tr-u 1)) (tr-u 1))
;;;; => ("" 2)

;;;; case trace-setf-function
;;;; skip-sbcl: the oracle runs each case in its own package and TRACE prints calls with *PACKAGE* bound to CL-USER (so with a package prefix there); expected lines checked by hand with sbcl --script in CL-USER
(defun (setf tr-place) (v x) (list v x))
(trace (setf tr-place))
(with-output-to-string (*trace-output*) (let ((y 1)) (setf (tr-place y) 9)))
;;;; => "  0: ((SETF TR-PLACE) 9 1)
;;;; =>   0: (SETF TR-PLACE) returned (9 1)
;;;; => "

;;;; case time-returns-values
(let ((*trace-output* (make-string-output-stream)))  ; TIME reports there
  (multiple-value-list (time (values 1 2 3))))
;;;; => (1 2 3)

;;;; case time-returns-form-value
(defun tm-sq (x) (* x x))
(let ((*trace-output* (make-string-output-stream)))
  (+ 1 (time (tm-sq 4))))
;;;; => 17

;;;; case documentation-defun
(defun doc-f (x) "Doubles X." (* 2 x))
(list (documentation 'doc-f 'function) (documentation #'doc-f 'function) (documentation #'doc-f t))
;;;; => ("Doubles X." "Doubles X." "Doubles X.")

;;;; case documentation-none
(defun doc-none (x) x)
(list (documentation 'doc-none 'function) (documentation 'doc-undefined-thing 'function))
;;;; => (NIL NIL)

;;;; case documentation-variables-and-macros
(defvar *doc-v* 1 "The v variable.")
(defparameter *doc-p* 2 "The p parameter.")
(defvar *doc-nodoc* 3)
(defmacro doc-m (x) "A macro." x)
(list (documentation '*doc-v* 'variable) (documentation '*doc-p* 'variable) (documentation '*doc-nodoc* 'variable)
      (documentation 'doc-m 'function))
;;;; => ("The v variable." "The p parameter." NIL "A macro.")

;;;; case documentation-setf
(defun doc-s () "old" 1)
(setf (documentation 'doc-s 'function) "new doc")
(list (documentation 'doc-s 'function) (setf (documentation '*doc-s-var* 'variable) "v") (documentation '*doc-s-var* 'variable))
;;;; => ("new doc" "v" "v")

;;;; case documentation-redefinition-brings-its-own
(defun doc-r () "first" 1)
(setf (documentation 'doc-r 'function) "set")
(defun doc-r () "second" 2)
(documentation 'doc-r 'function)
;;;; => "second"

;;;; case deftype-simple
(deftype dt-small () '(integer 0 9))
(list (typep 5 'dt-small) (typep 10 'dt-small) (typep 'a 'dt-small) (typep 3 '(or dt-small string)))
;;;; => (T NIL NIL T)

;;;; case deftype-returns-name-and-doc
(list (deftype dt-doc () "A documented type." 'integer) (documentation 'dt-doc 'type))
;;;; => (DT-DOC "A documented type.")

;;;; case deftype-with-parameters
(deftype dt-list-of-length (n) `(and list (satisfies ,(if (= n 2) 'dt-two-p 'dt-other-p))))
(defun dt-two-p (x) (= (length x) 2))
(deftype dt-range (&optional low high) `(integer ,low ,high))
(list (typep '(1 2) '(dt-list-of-length 2)) (typep '(1) '(dt-list-of-length 2))
      (typep 5 '(dt-range 1 9)) (typep 50 '(dt-range 1 9)) (typep 50 'dt-range))
;;;; => (T NIL T NIL T)

;;;; case deftype-typecase-and-check-type
(deftype dt-name () '(or symbol string))
(defun dt-kind (x) (typecase x (dt-name :name) (integer :int) (t :other)))
(list (mapcar #'dt-kind '(a "b" 3 #\c))
      (let ((v 'ok)) (check-type v dt-name) v)
      (handler-case (let ((v 3)) (check-type v dt-name) v) (type-error () :type-error)))
;;;; => ((:NAME :NAME :INT :OTHER) OK :TYPE-ERROR)

;;;; case deftype-nested
(deftype dt-digit () '(integer 0 9))
(deftype dt-digits () '(cons dt-digit (or null (cons dt-digit null))))
(list (typep '(1 2) 'dt-digits) (typep '(1 20) 'dt-digits) (typep '(1) 'dt-digits))
;;;; => (T NIL T)

;;;; case deftype-subtypep-symbol
(deftype dt-int () 'integer)
(deftype dt-small-int () '(integer 0 9))
(deftype dt-num-or-str () '(or number string))
(list (multiple-value-list (subtypep 'dt-int 'number)) (multiple-value-list (subtypep 'dt-small-int 'integer))
      (multiple-value-list (subtypep 'dt-small-int 'real)) (multiple-value-list (subtypep 'dt-int 'string)))
;;;; => ((T T) (T T) (T T) (NIL T))

;;;; case proclaim-special
(proclaim '(special *pr-x*))
(setf *pr-x* 1)
(defun pr-get () *pr-x*)
(list (let ((*pr-x* 2)) (pr-get)) (pr-get))
;;;; => (2 1)

;;;; case proclaim-ignored-declarations
(list (proclaim '(optimize (speed 3) (safety 1))) (proclaim '(inline pr-foo)) (proclaim '(ftype function pr-foo)))
;;;; => (NIL NIL NIL)

;;;; case compiler-macro-function-nil
(defun cm-f (x) x)
(list (compiler-macro-function 'cm-f) (compiler-macro-function 'car))
;;;; => (NIL NIL)

;;;; case apropos-list-finds-symbols
(defun apx-zzqq-function () 1)
(defvar *apx-zzqq-var* 2)
(sort (mapcar #'symbol-name (apropos-list "APX-ZZQQ")) #'string<)
;;;; => ("*APX-ZZQQ-VAR*" "APX-ZZQQ-FUNCTION")

;;;; case break-is-not-signalled
;;;; skip-sbcl: BREAK with the debugger disabled ends SBCL's process (sbcl --script: "Unhandled SIMPLE-CONDITION ... stop 1", exit status 1); handlers never see it
(handler-case (break "stop ~a" 1) (condition () :caught))
;;;; error: SIMPLE-CONDITION

;;;; case documentation-defgeneric
(defgeneric doc-g (x) (:documentation "A generic."))
(defmethod doc-g ((x integer)) x)
(list (documentation 'doc-g 'function) (doc-g 3))
;;;; => ("A generic." 3)
