;;; Every special form: quote if progn let let* lambda setq block return-from tagbody go flet labels function
;;; catch throw unwind-protect multiple-value-call multiple-value-prog1 macrolet symbol-macrolet the locally
;;; eval-when load-time-value progv.

;;;; case sf-quote-symbol
(quote hello)
;;;; => HELLO

;;;; case sf-quote-list-not-evaluated
(quote (+ 1 2))
;;;; => (+ 1 2)

;;;; case sf-if-true
(if t 'yes 'no)
;;;; => YES

;;;; case sf-if-false
(if nil 'yes 'no)
;;;; => NO

;;;; case sf-if-no-else
(if nil 'yes)
;;;; => NIL

;;;; case sf-if-non-nil-values-are-true
(list (if 0 'a 'b) (if '() 'a 'b) (if "" 'a 'b))
;;;; => (A B A)

;;;; case sf-progn
(progn 1 2 3)
;;;; => 3

;;;; case sf-progn-empty
(progn)
;;;; => NIL

;;;; case sf-progn-side-effects
(let ((x 0)) (progn (setq x (+ x 1)) (setq x (* x 10))) x)
;;;; => 10

;;;; case sf-let
(let ((x 1) (y 2)) (+ x y))
;;;; => 3

;;;; case sf-let-parallel
(let ((x 1)) (let ((x 10) (y x)) (list x y)))
;;;; => (10 1)

;;;; case sf-let-star-sequential
(let ((x 1)) (let* ((x 10) (y x)) (list x y)))
;;;; => (10 10)

;;;; case sf-let-uninitialised
(let (a (b) (c 3)) (list a b c))
;;;; => (NIL NIL 3)

;;;; case sf-let-shadowing
(let ((x 1)) (list (let ((x 2)) x) x))
;;;; => (2 1)

;;;; case sf-lambda-immediate
((lambda (x y) (* x y)) 6 7)
;;;; => 42

;;;; case sf-lambda-funcall
(funcall (lambda (x) (+ x 1)) 41)
;;;; => 42

;;;; case sf-setq-returns-last
(let (a b) (list (setq a 1 b (+ a 1)) a b))
;;;; => (2 1 2)

;;;; case sf-setq-sequential
(let ((a 1) (b 2)) (setq a b b a) (list a b))
;;;; => (2 2)

;;;; case sf-block-return-from
(block outer (return-from outer 42) 99)
;;;; => 42

;;;; case sf-block-falls-through
(block b 1 2 3)
;;;; => 3

;;;; case sf-block-nested
(block a (block b (return-from a 1)) 2)
;;;; => 1

;;;; case sf-block-nil-return
(block nil (return 5) 6)
;;;; => 5

;;;; case sf-return-from-no-value
(block b (return-from b))
;;;; => NIL

;;;; case sf-return-from-multiple-values
(multiple-value-list (block b (return-from b (values 1 2 3))))
;;;; => (1 2 3)

;;;; case sf-block-from-closure
(block here (mapc (lambda (x) (when (> x 2) (return-from here x))) '(1 2 3 4)) nil)
;;;; => 3

;;;; case sf-block-lexical-not-dynamic
(defun helper (f) (block b (funcall f)) 'helper-done)
(block b (helper (lambda () (return-from b 'outer-block))) 'after)
;;;; => OUTER-BLOCK

;;;; case sf-tagbody-go-loop
(let ((i 0) (acc nil))
  (tagbody
   top
     (when (< i 3)
       (push i acc)
       (incf i)
       (go top)))
  acc)
;;;; => (2 1 0)

;;;; case sf-tagbody-returns-nil
(tagbody 1 2)
;;;; => NIL

;;;; case sf-tagbody-integer-tags
(let ((out nil))
  (tagbody
     (go 20)
   10 (push 10 out) (go 30)
   20 (push 20 out) (go 10)
   30 (push 30 out))
  (nreverse out))
;;;; => (20 10 30)

;;;; case sf-go-from-closure
(let ((n 0))
  (tagbody
     (funcall (lambda () (setq n 1) (go done)))
     (setq n 2)
   done)
  n)
;;;; => 1

;;;; case sf-flet
(flet ((double (x) (* 2 x))) (double 21))
;;;; => 42

;;;; case sf-flet-not-recursive
(defun f (x) (list 'global x))
(flet ((f (x) (if (> x 0) (f (- x 1)) 'local))) (f 2))
;;;; => (GLOBAL 1)

;;;; case sf-flet-shadows-global
(defun g () 'global)
(list (flet ((g () 'local)) (g)) (g))
;;;; => (LOCAL GLOBAL)

;;;; case sf-labels-recursive
(labels ((fact (n) (if (<= n 1) 1 (* n (fact (- n 1)))))) (fact 10))
;;;; => 3628800

;;;; case sf-labels-mutual
(labels ((ev (n) (if (= n 0) t (od (- n 1))))
         (od (n) (if (= n 0) nil (ev (- n 1)))))
  (list (ev 10) (od 7) (ev 3)))
;;;; => (T T NIL)

;;;; case sf-function-global
(funcall (function +) 1 2 3)
;;;; => 6

;;;; case sf-function-sharp-quote
(mapcar #'1+ '(1 2 3))
;;;; => (2 3 4)

;;;; case sf-function-local
(flet ((sq (x) (* x x))) (mapcar #'sq '(1 2 3)))
;;;; => (1 4 9)

;;;; case sf-function-lambda
(funcall (function (lambda (x) (* x 3))) 5)
;;;; => 15

;;;; case sf-lisp-2-namespaces
(let ((list 5)) (list list list))
;;;; => (5 5)

;;;; case sf-catch-throw
(catch 'tag (throw 'tag 10) 20)
;;;; => 10

;;;; case sf-catch-no-throw
(catch 'tag 1 2)
;;;; => 2

;;;; case sf-throw-across-functions
(defun thrower (x) (when (> x 3) (throw 'found x)) nil)
(catch 'found (dolist (i '(1 2 3 4 5)) (thrower i)) 'none)
;;;; => 4

;;;; case sf-catch-nested-innermost
(catch 'a (catch 'a (throw 'a 1)) 2)
;;;; => 2

;;;; case sf-catch-outer-tag
(catch 'outer (catch 'inner (throw 'outer 'o)) 'not-here)
;;;; => O

;;;; case sf-throw-multiple-values
(multiple-value-list (catch 'x (throw 'x (values 1 2))))
;;;; => (1 2)

;;;; case sf-catch-tag-evaluated
(let ((tag (list 'k))) (catch tag (throw tag 'dynamic-tag)))
;;;; => DYNAMIC-TAG

;;;; case sf-unwind-protect-normal
(let ((log nil)) (list (unwind-protect 'body (push 'cleanup log)) log))
;;;; => (BODY (CLEANUP))

;;;; case sf-unwind-protect-on-throw
(let ((log nil))
  (catch 'x (unwind-protect (throw 'x 1) (push 'cleanup log)))
  log)
;;;; => (CLEANUP)

;;;; case sf-unwind-protect-on-return-from
(let ((log nil))
  (block b (unwind-protect (return-from b 1) (push 'ran log)))
  log)
;;;; => (RAN)

;;;; case sf-unwind-protect-nested-order
(let ((log nil))
  (catch 'x
    (unwind-protect
         (unwind-protect (throw 'x 1) (push 'inner log))
      (push 'outer log)))
  (nreverse log))
;;;; => (INNER OUTER)

;;;; case sf-unwind-protect-on-error
(let ((log nil))
  (ignore-errors (unwind-protect (error "boom") (push 'cleaned log)))
  log)
;;;; => (CLEANED)

;;;; case sf-unwind-protect-value
(unwind-protect (+ 1 2) (+ 3 4))
;;;; => 3

;;;; case sf-multiple-value-call
(multiple-value-call #'list (values 1 2) (values) (values 3))
;;;; => (1 2 3)

;;;; case sf-multiple-value-call-plus
(multiple-value-call #'+ (floor 7 2) (values 10 20))
;;;; => 34

;;;; case sf-multiple-value-prog1
(let ((x 0)) (list (multiple-value-list (multiple-value-prog1 (values 1 2) (setq x 5))) x))
;;;; => ((1 2) 5)

;;;; case sf-macrolet
(macrolet ((twice (form) `(progn ,form ,form)))
  (let ((n 0)) (twice (incf n)) n))
;;;; => 2

;;;; case sf-macrolet-shadows
(defmacro m () ''global)
(list (macrolet ((m () ''local)) (m)) (m))
;;;; => (LOCAL GLOBAL)

;;;; case sf-symbol-macrolet
(let ((cell (list 1 2)))
  (symbol-macrolet ((head (car cell)))
    (setf head 10)
    (list head cell)))
;;;; => (10 (10 2))

;;;; case sf-symbol-macrolet-shadowed-by-let
(symbol-macrolet ((x 'macro)) (list x (let ((x 'var)) x)))
;;;; => (MACRO VAR)

;;;; case sf-the
(the integer (+ 1 2))
;;;; => 3

;;;; case sf-the-values
(multiple-value-list (the (values integer integer) (floor 5 2)))
;;;; => (2 1)

;;;; case sf-locally
(locally (declare (optimize speed)) (+ 1 2))
;;;; => 3

;;;; case sf-locally-special
(defvar *lv* 'global)
(let ((*lv* 'dynamic)) (locally (declare (special *lv*)) *lv*))
;;;; => DYNAMIC

;;;; case sf-eval-when
(eval-when (:compile-toplevel :load-toplevel :execute) (defun ew () 'defined))
(ew)
;;;; => DEFINED

;;;; case sf-eval-when-execute-only
(eval-when (:execute) (+ 1 2))
;;;; => 3

;;;; case sf-load-time-value
(defun ltv () (load-time-value (* 6 7)))
(list (ltv) (ltv))
;;;; => (42 42)

;;;; case sf-progv
(defvar *pv* 1)
(list (progv '(*pv*) '(2) *pv*) *pv*)
;;;; => (2 1)

;;;; case sf-progv-multiple
(progv '(pa pb) '(1 2) (+ (symbol-value 'pa) (symbol-value 'pb)))
;;;; => 3

;;;; case sf-declare-in-let
(let ((x 1)) (declare (type fixnum x) (ignorable x)) (+ x 1))
;;;; => 2

;;;; case sf-declare-in-defun
(defun dd (x) (declare (integer x)) "A docstring." (* x 2))
(dd 4)
;;;; => 8

;;;; case sf-docstring-only-body
(defun only-doc () "just a string")
(only-doc)
;;;; => "just a string"

;;;; case sf-evaluation-order-left-to-right
(let ((log nil))
  (list (progn (push 1 log) 'a) (progn (push 2 log) 'b) (progn (push 3 log) (reverse log))))
;;;; => (A B (1 2 3))

;;;; case sf-evaluation-order-function-args
(let ((i 0)) (list (incf i) (incf i) (incf i)))
;;;; => (1 2 3)
