;;; Conditions: error with a format control or a condition type, handler-case by type (and :no-error), nested
;;; handlers, handler-bind order, signal, ignore-errors, define-condition (slots, readers, :report),
;;; make-condition, condition accessors, assert and check-type, unwind-protect interplay.

;;;; case cd-handler-case-error-message
(handler-case (error "Bad thing: ~a" 42)
  (error (c) (format nil "caught: ~a" c)))
;;;; => "caught: Bad thing: 42"

;;;; case cd-handler-case-simple-error-accessors
(handler-case (error "x=~a y=~a" 1 2)
  (simple-error (c) (list (simple-condition-format-control c) (simple-condition-format-arguments c))))
;;;; => ("x=~a y=~a" (1 2))

;;;; case cd-handler-case-by-type
(defun try (thunk)
  (handler-case (funcall thunk)
    (division-by-zero () 'div0)
    (type-error () 'type)
    (error () 'other)))
(list (try (lambda () (/ 1 0))) (try (lambda () (car 5))) (try (lambda () (error "x"))) (try (lambda () 'fine)))
;;;; => (DIV0 TYPE OTHER FINE)

;;;; case cd-handler-case-first-matching-clause
(handler-case (error 'type-error :datum 1 :expected-type 'string)
  (error () 'general)
  (type-error () 'specific))
;;;; => GENERAL

;;;; case cd-handler-case-no-error
(handler-case (values 1 2)
  (error () 'err)
  (:no-error (a b) (list 'ok a b)))
;;;; => (OK 1 2)

;;;; case cd-handler-case-returns-values
(multiple-value-list (handler-case (values 1 2 3) (error () nil)))
;;;; => (1 2 3)

;;;; case cd-handler-case-no-var
(handler-case (error "boom") (simple-error () 'caught-without-var))
;;;; => CAUGHT-WITHOUT-VAR

;;;; case cd-handler-case-unmatched-propagates
(handler-case (handler-case (error "inner") (type-error () 'wrong-handler))
  (simple-error () 'outer-caught))
;;;; => OUTER-CAUGHT

;;;; case cd-nested-handler-case-inner-wins
(handler-case (handler-case (error "e") (error () 'inner)) (error () 'outer))
;;;; => INNER

;;;; case cd-handler-case-unwinds
(let ((log nil))
  (handler-case (unwind-protect (error "x") (push 'cleanup log))
    (error () (push 'handler log)))
  (nreverse log))
;;;; => (CLEANUP HANDLER)

;;;; case cd-error-with-condition-type
(handler-case (error 'type-error :datum "abc" :expected-type 'integer)
  (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;;;; => ("abc" INTEGER)

;;;; case cd-error-with-condition-object
(let ((c (make-condition 'simple-error :format-control "made ~a" :format-arguments '(here))))
  (handler-case (error c) (error (e) (list (eq e c) (format nil "~a" e)))))
;;;; => (T "made HERE")

;;;; case cd-type-error-from-builtin-datum
(handler-case (+ 1 'two) (type-error (c) (type-error-datum c)))
;;;; => TWO

;;;; case cd-define-condition
(define-condition my-error (error)
  ((code :initarg :code :reader my-error-code)))
(handler-case (error 'my-error :code 404)
  (my-error (c) (my-error-code c)))
;;;; => 404

;;;; case cd-define-condition-report
(define-condition oops (error)
  ((what :initarg :what :reader oops-what))
  (:report (lambda (c stream) (format stream "Oops: ~a" (oops-what c)))))
(handler-case (error 'oops :what "spilled") (oops (c) (princ-to-string c)))
;;;; => "Oops: spilled"

;;;; case cd-define-condition-report-string
(define-condition plain (error) () (:report "A plain report."))
(handler-case (error 'plain) (error (c) (princ-to-string c)))
;;;; => "A plain report."

;;;; case cd-define-condition-inheritance
(define-condition base-err (error) ())
(define-condition derived-err (base-err) ())
(list (handler-case (error 'derived-err) (base-err () 'caught-as-base))
      (typep (make-condition 'derived-err) 'base-err)
      (typep (make-condition 'derived-err) 'error))
;;;; => (CAUGHT-AS-BASE T T)

;;;; case cd-define-condition-default-initform
(define-condition with-default (error) ((level :initarg :level :initform 3 :reader level)))
(handler-case (error 'with-default) (with-default (c) (level c)))
;;;; => 3

;;;; case cd-handler-bind-declines
(let ((log nil))
  (handler-case
      (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'bind-saw-it log))))
        (error "x"))
    (error () (push 'case-caught log)))
  (nreverse log))
;;;; => (BIND-SAW-IT CASE-CAUGHT)

;;;; case cd-handler-bind-order-inner-first
(let ((log nil))
  (handler-case
      (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'outer log))))
        (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'inner log))))
          (error "x")))
    (error () (push 'done log)))
  (nreverse log))
;;;; => (INNER OUTER DONE)

;;;; case cd-handler-bind-same-cluster-order
(let ((log nil))
  (ignore-errors
   (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'first log)))
                  (error (lambda (c) (declare (ignore c)) (push 'second log))))
     (error "x")))
  (nreverse log))
;;;; => (FIRST SECOND)

;;;; case cd-handler-bind-type-filter
(let ((log nil))
  (ignore-errors
   (handler-bind ((type-error (lambda (c) (declare (ignore c)) (push 'type log)))
                  (simple-error (lambda (c) (declare (ignore c)) (push 'simple log))))
     (error "x")))
  log)
;;;; => (SIMPLE)

;;;; case cd-handler-bind-non-local-exit
(block done
  (handler-bind ((error (lambda (c) (return-from done (list 'handled (princ-to-string c))))))
    (error "escape ~a" 1)))
;;;; => (HANDLED "escape 1")

;;;; case cd-handler-bind-runs-before-unwind
(defvar *state* 'outside)
(catch 'out
  (handler-bind ((error (lambda (c) (declare (ignore c)) (throw 'out *state*))))
    (let ((*state* 'inside-dynamic-extent))
      (error "x"))))
;;;; => INSIDE-DYNAMIC-EXTENT

;;;; case cd-signal-unhandled-returns-nil
(signal "just a signal ~a" 1)
;;;; => NIL

;;;; case cd-signal-with-handler
(define-condition note (condition) ((msg :initarg :msg :reader note-msg)))
(handler-case (progn (signal 'note :msg "hello") 'not-reached) (note (c) (note-msg c)))
;;;; => "hello"

;;;; case cd-signal-handler-bind-continues
(define-condition tick (condition) ())
(let ((n 0))
  (handler-bind ((tick (lambda (c) (declare (ignore c)) (incf n))))
    (signal 'tick) (signal 'tick) (signal 'tick))
  n)
;;;; => 3

;;;; case cd-ignore-errors-value
(list (ignore-errors (+ 1 2)) (ignore-errors (error "x")))
;;;; => (3 NIL)

;;;; case cd-ignore-errors-second-value
(multiple-value-bind (v c) (ignore-errors (error "failure ~a" 7))
  (list v (typep c 'simple-error) (princ-to-string c)))
;;;; => (NIL T "failure 7")

;;;; case cd-ignore-errors-normal-values
(multiple-value-list (ignore-errors (values 1 2)))
;;;; => (1 2)

;;;; case cd-ignore-errors-does-not-catch-signal
(define-condition quiet (condition) ())
(ignore-errors (signal 'quiet) 'continued)
;;;; => CONTINUED

;;;; case cd-assert-passes
(let ((x 5)) (assert (> x 0)) 'ok)
;;;; => OK

;;;; case cd-assert-fails
(let ((x -1)) (handler-case (assert (> x 0)) (error () 'assertion-failed)))
;;;; => ASSERTION-FAILED

;;;; case cd-assert-with-message
(handler-case (assert (= 1 2) () "Math is broken: ~a" 42)
  (error (c) (princ-to-string c)))
;;;; => "Math is broken: 42"

;;;; case cd-check-type-passes
(let ((x 5)) (check-type x integer) 'ok)
;;;; => OK

;;;; case cd-check-type-fails
(let ((x "str")) (handler-case (check-type x integer) (type-error (c) (list 'type-error (type-error-datum c)))))
;;;; => (TYPE-ERROR "str")

;;;; case cd-error-in-handler-propagates-outward
(handler-case (handler-case (error "first") (error () (error "second")))
  (error (c) (princ-to-string c)))
;;;; => "second"

;;;; case cd-conditions-typep
(let ((c (make-condition 'simple-error :format-control "x" :format-arguments nil)))
  (list (typep c 'simple-error) (typep c 'error) (typep c 'condition) (typep c 'type-error)))
;;;; => (T T T NIL)

;;;; case cd-warning-handled
(handler-case (warn "careful") (warning (c) (list 'warned (princ-to-string c))))
;;;; => (WARNED "careful")

;;;; case cd-error-return-value-from-handler
(defun safe-div (a b) (handler-case (/ a b) (division-by-zero () 0)))
(list (safe-div 10 2) (safe-div 1 0))
;;;; => (5 0)

;;;; case cd-handler-case-in-loop
(loop for x in '(1 0 2 0 4)
      collect (handler-case (/ 12 x) (division-by-zero () :inf)))
;;;; => (12 :INF 6 :INF 3)

;;;; case cd-unbound-variable-name
(handler-case (symbol-value 'no-such-var-here)
  (unbound-variable (c) (cell-error-name c)))
;;;; => NO-SUCH-VAR-HERE

;;;; case cd-undefined-function-name
(handler-case (funcall 'no-such-fun-here)
  (undefined-function (c) (cell-error-name c)))
;;;; => NO-SUCH-FUN-HERE

;;;; case cd-catch-program-error
(defun two-args (a b) (list a b))
(handler-case (funcall #'two-args 1) (program-error () 'wrong-arg-count))
;;;; => WRONG-ARG-COUNT

;;;; case cd-catch-control-error
(defun make-escape () (block b (lambda () (return-from b 1))))
(handler-case (funcall (make-escape)) (control-error () 'stale-block))
;;;; => STALE-BLOCK
