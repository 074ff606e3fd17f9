;;; Restarts: RESTART-CASE (arguments, :report, :test), WITH-SIMPLE-RESTART, INVOKE-RESTART from handlers,
;;; FIND-RESTART, COMPUTE-RESTARTS, RESTART-NAME, the functions CONTINUE / USE-VALUE / STORE-VALUE / ABORT,
;;; CERROR's CONTINUE restart, errors for restarts that are not active.

;;;; case rs-restart-case-normal-value
(restart-case (+ 1 2) (never () :never))
;;;; => 3

;;;; case rs-invoke-with-arguments
(restart-case (invoke-restart 'add 1 2) (add (a b) (+ a b)))
;;;; => 3

;;;; case rs-restart-case-multiple-values
(multiple-value-list (restart-case (values 1 2 3) (r () nil)))
;;;; => (1 2 3)

;;;; case rs-use-value-from-handler
(defun safe-parse (s)
  (restart-case (parse-integer s)
    (use-value (v) v)))
(handler-bind ((error (lambda (c) (declare (ignore c)) (invoke-restart 'use-value -1))))
  (list (safe-parse "12") (safe-parse "x")))
;;;; => (12 -1)

;;;; case rs-use-value-function
(handler-bind ((error (lambda (c) (use-value :fallback c))))
  (restart-case (error "boom")
    (use-value (v) (list :used v))))
;;;; => (:USED :FALLBACK)

;;;; case rs-store-value-function
(let ((place nil))
  (handler-bind ((error #'(lambda (c) (store-value 99 c))))
    (restart-case (error "need a value")
      (store-value (v) (setf place v))))
  place)
;;;; => 99

;;;; case rs-restart-for-builtin-error
(handler-bind ((division-by-zero (lambda (c) (declare (ignore c)) (invoke-restart 'return-zero))))
  (restart-case (/ 10 (length nil))
    (return-zero () 0)))
;;;; => 0

;;;; case rs-with-simple-restart
(list (multiple-value-list (with-simple-restart (skip "Skip this") (invoke-restart 'skip)))
      (multiple-value-list (with-simple-restart (skip "Skip this") (values :a :b))))
;;;; => ((NIL T) (:A :B))

;;;; case rs-with-simple-restart-from-handler
(defun process (items)
  (let ((done nil))
    (dolist (i items (nreverse done))
      (with-simple-restart (skip-item "Skip ~a" i)
        (when (oddp i) (error "odd ~a" i))
        (push i done)))))
(handler-bind ((error (lambda (c) (declare (ignore c)) (invoke-restart 'skip-item))))
  (process '(1 2 3 4 5 6)))
;;;; => (2 4 6)

;;;; case rs-find-restart-and-name
(restart-case
    (let ((r (find-restart 'my-restart)))
      (list (restart-name r) (null (find-restart 'other-restart))))
  (my-restart () :unused))
;;;; => (MY-RESTART T)

;;;; case rs-report-string
(restart-case (format nil "~a" (find-restart 'fix))
  (fix () :report "Fix the problem." nil))
;;;; => "Fix the problem."

;;;; case rs-report-function
(restart-case (princ-to-string (find-restart 'fix))
  (fix () :report (lambda (stream) (format stream "Fix ~a thing(s)." 3)) nil))
;;;; => "Fix 3 thing(s)."

;;;; case rs-compute-restarts-innermost-first
(restart-case
    (restart-case
        (let ((names (mapcar #'restart-name (compute-restarts))))
          (list (first names) (second names) (third names)))
      (inner () 1))
  (outer-a () 2)
  (outer-b () 3))
;;;; => (INNER OUTER-A OUTER-B)

;;;; case rs-restart-test
(restart-case
    (list (null (find-restart 'hidden)) (null (find-restart 'shown)))
  (hidden () :test (lambda (c) (declare (ignore c)) nil) 1)
  (shown () 2))
;;;; => (T NIL)

;;;; case rs-nested-same-name-innermost-wins
(restart-case
    (restart-case (invoke-restart 'retry) (retry () :inner))
  (retry () :outer))
;;;; => :INNER

;;;; case rs-invoke-restart-object
(restart-case (invoke-restart (find-restart 'go-on) 5)
  (go-on (x) (* x x)))
;;;; => 25

;;;; case rs-restarts-gone-after-exit
(list (restart-case (null (find-restart 'temp)) (temp () nil))
      (null (find-restart 'temp)))
;;;; => (NIL T)

;;;; case rs-invoke-inactive-restart
(invoke-restart 'no-such-restart-here)
;;;; error: CONTROL-ERROR

;;;; case rs-cerror-continue
(handler-bind ((error #'continue))
  (list (cerror "Use the default." "Something odd: ~a" 42) :after))
;;;; => (NIL :AFTER)

;;;; case rs-cerror-unhandled
(cerror "Keep going." "Bad ~a" 1)
;;;; error: SIMPLE-ERROR

;;;; case rs-abort-restart
(restart-case (progn (abort) :not-here)
  (abort () :aborted))
;;;; => :ABORTED

;;;; case rs-interactive-restart
(restart-case (invoke-restart-interactively 'ask)
  (ask (&optional (x 10)) :interactive (lambda () (list 7)) (* x 2)))
;;;; => 14

;;;; case rs-handler-case-outside-restart-case
(handler-case
    (restart-case (error "inner")
      (ignore-it () :ignored))
  (error (c) (list :caught (princ-to-string c))))
;;;; => (:CAUGHT "inner")

;;;; case rs-restart-with-unwind-protect
(let ((log nil))
  (list (restart-case
            (unwind-protect (invoke-restart 'out 1)
              (push :cleanup log))
          (out (v) (push :restart log) v))
        (reverse log)))
;;;; => (1 (:CLEANUP :RESTART))

;;;; case rs-restart-case-in-loop
(let ((results nil))
  (dolist (x '(1 0 2 0 4) (nreverse results))
    (push (handler-bind ((division-by-zero (lambda (c) (declare (ignore c)) (invoke-restart 'use-value :inf))))
            (restart-case (/ 8 x) (use-value (v) v)))
          results)))
;;;; => (8 :INF 4 :INF 2)
