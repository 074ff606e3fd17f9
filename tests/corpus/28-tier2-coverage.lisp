;;;; Valid constructs that used to keep a function in Tier 1 (issue #3: every valid lambda compiles to Tier 2).
;;;; Special variables as parameters are in 04-lambda-lists.lisp; the constructs that still stay in Tier 1 are
;;;; listed in tests/compiler/test_tier2_coverage.py.

;;;; case cov-setq-global-symbol-macro
(defvar *cell* (list 1 2))
(define-symbol-macro sm (car *cell*))
(defun f () (setq sm 5) (list sm *cell*))
(defun g (v) (setq sm v) (incf sm) sm)
(list (f) (g 10) *cell*)
;;;; => ((5 (11 2)) 11 (11 2))

;;;; case cov-setq-outer-symbol-macro
(let ((x 1)) (symbol-macrolet ((y x)) (defun g () (setq y (+ y 1)) y)))
(defvar *c* (list 1 2))
(symbol-macrolet ((k (cdr *c*))) (defun h () (setq k '(9)) *c*))
(list (g) (g) (h))
;;;; => (2 3 (1 9))

;;;; case cov-local-setf-function
(defun f (x) (flet (((setf foo) (v c) (setf (car c) v))) (setf (foo x) 9) (funcall #'(setf foo) 8 (cdr x)) x))
(f (list 1 2))
;;;; => (9 8)

;;;; case cov-local-setf-function-labels-block
(defun f3 (c)
  (labels (((setf kar2) (v c)
             (if (consp (car c)) (setf (kar2 (car c)) v) (return-from kar2 (setf (car c) v)))))
    (setf (kar2 c) :deep)
    c))
(f3 (list (list (list 1))))
;;;; => (((:DEEP)))

;;;; case cov-local-setf-function-shadows-global
(defun (setf gl) (v c) (setf (cdr c) v))
(defun f4 (c) (flet (((setf gl) (v c) (setf (car c) v))) (setf (gl c) :local)) (setf (gl c) :global) c)
(f4 (list 1 2))
;;;; => (:LOCAL . :GLOBAL)

;;;; case cov-outer-local-setf-function
(flet (((setf kar) (v c) (setf (car c) v))) (defun f2 (c) (setf (kar c) 5) c))
(list (f2 (list 1 2)) (f2 (list 3)))
;;;; => ((5 2) (5))

;;;; case cov-return-from-outer-block
(list (block b (defun f () (return-from b 1)) (f) :not)
      (multiple-value-list (block b2 (defun f2 () (return-from b2 (values 1 2))) (f2) :not))
      (block outer (defun deep (n) (if (= n 0) (return-from outer :bottom) (deep (1- n)))) (deep 5))
      (dolist (x '(1 2 3)) (defun ret (v) (return v)) (when (= x 2) (ret (* x 100)))))
;;;; => (1 (1 2) :BOTTOM 200)

;;;; case cov-return-from-outer-block-after-exit
(block b (defun f () (return-from b 1)))
(handler-case (f) (control-error () :dead))
;;;; => :DEAD

;;;; case cov-return-from-outer-block-unwind-protect
(list (block ub (unwind-protect (progn (defun ux () (return-from ub :u)) (ux)) (print :cleanup))))
;;;; => (:U)
;;;; out: ""
;;;; out: ":CLEANUP "

;;;; case cov-go-outer-tag
(let ((n 0)) (tagbody top (incf n) (defun jump () (go top)) (when (< n 3) (jump))) n)
;;;; => 3

;;;; FBOUNDP answers with the function itself for functions (as SBCL does), a true value for macros and special
;;;; operators, NIL otherwise.

;;;; case fboundp-functions-macros-special-operators
(defun ff () 1)
(defmacro mm () 1)
(list (if (fboundp 'car) t nil) (functionp (fboundp 'car)) (eq (fboundp 'car) #'car) (eq (fboundp 'ff) #'ff)
      (funcall (fboundp 'ff)) (not (null (fboundp 'mm))) (not (null (fboundp 'when))) (not (null (fboundp 'if)))
      (fboundp 'no-such-function-anywhere))
;;;; => (T T T T 1 T T T NIL)

;;;; case fboundp-setf-functions-and-fmakunbound
(defun (setf kar) (v c) (setf (car c) v))
(defun gg (x) x)
(list (eq (fboundp '(setf kar)) #'(setf kar)) (fboundp '(setf no-such-kar)) (progn (fmakunbound 'gg) (fboundp 'gg))
      (progn (fmakunbound '(setf kar)) (fboundp '(setf kar))))
;;;; => (T NIL NIL NIL)

;;;; case fboundp-in-compiled-code
(defun ff (x) (* x 2))
(defun probe (name) (let ((f (fboundp name))) (if f (list (functionp f) (eq f (symbol-function name))) :unbound)))
(list (probe 'ff) (probe 'probe) (probe 'car) (probe 'no-such-function-anywhere) (probe 'ff))
;;;; => ((T T) (T T) (T T) :UNBOUND (T T))
