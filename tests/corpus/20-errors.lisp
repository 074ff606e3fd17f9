;;; Errors that escape to the top level: the case's last form signals and nothing handles it. The expected line
;;; names the most specific standard condition type SBCL reports.

;;;; case err-simple-error
(error "Something went wrong: ~a" 42)
;;;; error: SIMPLE-ERROR

;;;; case err-condition-type-symbol
(error 'type-error :datum 1 :expected-type 'string)
;;;; error: TYPE-ERROR

;;;; case err-user-program-error
(error 'program-error)
;;;; error: PROGRAM-ERROR

;;;; case err-control-error-direct
(error 'control-error)
;;;; error: CONTROL-ERROR

;;;; case err-car-of-number
(car 42)
;;;; error: TYPE-ERROR

;;;; case err-cdr-of-string
(cdr "abc")
;;;; error: TYPE-ERROR

;;;; case err-plus-symbol
(+ 1 'a)
;;;; error: TYPE-ERROR

;;;; case err-compare-string
(< 1 "2")
;;;; error: TYPE-ERROR

;;;; case err-aref-not-array
(aref '(1 2) 0)
;;;; error: TYPE-ERROR

;;;; case err-symbol-name-of-number
(symbol-name 42)
;;;; error: TYPE-ERROR

;;;; case err-length-of-number
(length 42)
;;;; error: TYPE-ERROR

;;;; case err-char-code-of-string
(char-code "a")
;;;; error: TYPE-ERROR

;;;; case err-evenp-of-float
(evenp 2.5)
;;;; error: TYPE-ERROR

;;;; case err-gethash-non-table
(gethash 'k '((k . v)))
;;;; error: TYPE-ERROR

;;;; case err-funcall-number
(funcall 3 4)
;;;; error: TYPE-ERROR

;;;; case err-string-upcase-of-list
(string-upcase '(1 2))
;;;; error: TYPE-ERROR

;;;; case err-rplaca-of-nil
(rplaca nil 1)
;;;; error: TYPE-ERROR

;;;; case err-elt-index-out-of-bounds
(elt (vector 1 2) 2)
;;;; error: TYPE-ERROR

;;;; case err-svref-out-of-bounds
(svref (vector 1 2) 5)
;;;; error: TYPE-ERROR

;;;; case err-wrong-arg-count-too-few
(defun needs-two (a b) (+ a b))
(needs-two 1)
;;;; error: PROGRAM-ERROR

;;;; case err-wrong-arg-count-too-many
(defun needs-one (a) a)
(needs-one 1 2)
;;;; error: PROGRAM-ERROR

;;;; case err-wrong-arg-count-lambda
(funcall (lambda (a b) (list a b)) 1 2 3)
;;;; error: PROGRAM-ERROR

;;;; case err-wrong-arg-count-flet
(flet ((f (x) x)) (f))
;;;; error: PROGRAM-ERROR

;;;; case err-wrong-arg-count-builtin-via-funcall
(funcall #'car '(1) '(2))
;;;; error: PROGRAM-ERROR

;;;; case err-undefined-function
(undefined-function-xyz 1 2)
;;;; error: UNDEFINED-FUNCTION

;;;; case err-undefined-function-inside-defun
(defun calls-missing () (missing-helper 3))
(calls-missing)
;;;; error: UNDEFINED-FUNCTION

;;;; case err-unbound-variable
(+ unbound-var-xyz 1)
;;;; error: UNBOUND-VARIABLE

;;;; case err-unbound-variable-in-function
(defun reads-missing () (declare (special no-value-here)) no-value-here)
(reads-missing)
;;;; error: UNBOUND-VARIABLE

;;;; case err-division-by-zero
(/ 10 0)
;;;; error: DIVISION-BY-ZERO

;;;; case err-division-by-zero-ratio
(/ 1/2 0)
;;;; error: DIVISION-BY-ZERO

;;;; case err-floor-by-zero
(floor 5 0)
;;;; error: DIVISION-BY-ZERO

;;;; case err-mod-by-zero
(mod 5 0)
;;;; error: DIVISION-BY-ZERO

;;;; case err-division-by-zero-float
(/ 1.0 0)
;;;; error: DIVISION-BY-ZERO

;;;; case err-return-from-exited-block
(defun make-escape () (block b (lambda () (return-from b 'late))))
(funcall (make-escape))
;;;; error: CONTROL-ERROR

;;;; case err-go-to-exited-tagbody
(defvar *k* nil)
(tagbody (setq *k* (lambda () (go done))) done)
(funcall *k*)
;;;; error: CONTROL-ERROR

;;;; case err-throw-without-catch
(throw 'nobody-catches 1)
;;;; error: CONTROL-ERROR

;;;; case err-throw-after-catch-exited
(defun throw-later () (throw 'gone 1))
(catch 'gone 'normal-exit)
(throw-later)
;;;; error: CONTROL-ERROR

;;;; case err-ecase-fallthrough
(ecase 'z (a 1) (b 2))
;;;; error: TYPE-ERROR

;;;; case err-etypecase-fallthrough
(etypecase 1.5 (integer 'i) (string 's))
;;;; error: TYPE-ERROR

;;;; case err-check-type
(let ((x 'sym)) (check-type x string) x)
;;;; error: TYPE-ERROR

;;;; case err-assert
(assert (= 1 2))
;;;; error: SIMPLE-ERROR

;;;; case err-output-then-error
(print 'started)
(error "stopped")
;;;; error: SIMPLE-ERROR
;;;; out: ""
;;;; out: "STARTED "

;;;; case err-error-inside-nested-calls
(defun level3 (x) (if (> x 2) (error "too deep at ~a" x) (level3 (1+ x))))
(defun level1 () (level3 0))
(level1)
;;;; error: SIMPLE-ERROR

;;;; case err-handler-case-wrong-type-escapes
(handler-case (car 1) (division-by-zero () 'not-this))
;;;; error: TYPE-ERROR

;;;; case err-user-defined-error-handled
(define-condition custom-failure (error) ())
(handler-case (error 'custom-failure) (custom-failure () 'handled))
;;;; => HANDLED

;;;; case err-parse-integer
(parse-integer "abc")
;;;; error: PARSE-ERROR

;;;; case err-coerce-impossible
(coerce 'sym 'integer)
;;;; error: TYPE-ERROR

;;;; case err-make-array-negative
(make-array -1)
;;;; error: TYPE-ERROR

;;;; case err-apply-improper-list
(apply #'+ 1 2)
;;;; error: TYPE-ERROR

;;;; case err-destructuring-mismatch
(destructuring-bind (a b c) (list 1 2) (list a b c))
;;;; error: ERROR

;;;; case err-stack-exhaustion
;;;; skip-sbcl: SBCL reports control stack exhaustion as a STORAGE-CONDITION that is not an ERROR; clysm signals an error
(defun forever (n) (+ 1 (forever (+ n 1))))
(forever 0)
;;;; error: ERROR

;;;; case err-stack-exhaustion-catchable
;;;; skip-sbcl: SBCL's control stack exhaustion is a STORAGE-CONDITION, not an ERROR; clysm makes it an ERROR
(defun deep (n) (1+ (deep n)))
(handler-case (deep 1) (error () 'recovered))
;;;; => RECOVERED
