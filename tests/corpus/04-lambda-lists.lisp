;;; Lambda lists: required, &optional (defaults, supplied-p), &rest, &key (defaults, supplied-p, (:k var),
;;; &allow-other-keys, :allow-other-keys t), &aux, and macro lambda lists (&body, &whole, destructuring).

;;;; case ll-required
(defun f (a b c) (list c b a))
(f 1 2 3)
;;;; => (3 2 1)

;;;; case ll-optional-default-nil
(defun f (a &optional b) (list a b))
(list (f 1) (f 1 2))
;;;; => ((1 NIL) (1 2))

;;;; case ll-optional-default
(defun f (a &optional (b 10)) (list a b))
(list (f 1) (f 1 2))
;;;; => ((1 10) (1 2))

;;;; case ll-optional-supplied-p
(defun f (&optional (x 5 x-p)) (list x x-p))
(list (f) (f 5) (f nil))
;;;; => ((5 NIL) (5 T) (NIL T))

;;;; case ll-optional-default-refers-to-earlier
(defun f (a &optional (b (* a 2)) (c (+ a b))) (list a b c))
(list (f 1) (f 1 5) (f 1 5 0))
;;;; => ((1 2 3) (1 5 6) (1 5 0))

;;;; case ll-rest
(defun f (a &rest more) (list a more))
(list (f 1) (f 1 2 3))
;;;; => ((1 NIL) (1 (2 3)))

;;;; case ll-optional-and-rest
(defun f (a &optional (b 2) &rest r) (list a b r))
(list (f 1) (f 1 3) (f 1 3 4 5))
;;;; => ((1 2 NIL) (1 3 NIL) (1 3 (4 5)))

;;;; case ll-key
(defun f (&key a b) (list a b))
(list (f) (f :a 1) (f :b 2 :a 1))
;;;; => ((NIL NIL) (1 NIL) (1 2))

;;;; case ll-key-defaults
(defun f (&key (a 1) (b (+ a 1))) (list a b))
(list (f) (f :a 10) (f :b 0))
;;;; => ((1 2) (10 11) (1 0))

;;;; case ll-key-supplied-p
(defun f (&key (a nil a-p)) (list a a-p))
(list (f) (f :a nil) (f :a 3))
;;;; => ((NIL NIL) (NIL T) (3 T))

;;;; case ll-key-explicit-keyword
(defun f (&key ((:size s) 3)) (* s s))
(list (f) (f :size 4))
;;;; => (9 16)

;;;; case ll-key-non-keyword-name
(defun f (&key ((foo x) 'none)) x)
(list (f) (f 'foo 1))
;;;; => (NONE 1)

;;;; case ll-key-leftmost-wins
(defun f (&key a) a)
(f :a 1 :a 2)
;;;; => 1

;;;; case ll-allow-other-keys-decl
(defun f (&key a &allow-other-keys) a)
(f :b 2 :a 1 :c 3)
;;;; => 1

;;;; case ll-allow-other-keys-arg
(defun f (&key a) a)
(f :a 1 :z 2 :allow-other-keys t)
;;;; => 1

;;;; case ll-unknown-key-error
(defun f (&key a) a)
(f :b 1)
;;;; error: PROGRAM-ERROR

;;;; case ll-odd-keywords-error
(defun f (&key a) a)
(f :a)
;;;; error: PROGRAM-ERROR

;;;; case ll-rest-and-key
(defun f (&rest all &key a b) (list all a b))
(f :b 2 :a 1)
;;;; => ((:B 2 :A 1) 1 2)

;;;; case ll-optional-and-key
(defun f (x &optional y &key z) (list x y z))
(list (f 1) (f 1 2) (f 1 2 :z 3))
;;;; => ((1 NIL NIL) (1 2 NIL) (1 2 3))

;;;; case ll-aux
(defun f (a &aux (b (* a 2)) c) (list a b c))
(f 5)
;;;; => (5 10 NIL)

;;;; case ll-lambda-with-optional
(funcall (lambda (&optional (x 1) (y x)) (+ x y)) 3)
;;;; => 6

;;;; case ll-lambda-with-keys
(funcall (lambda (&key (x 0) (y 0)) (- x y)) :y 3 :x 10)
;;;; => 7

;;;; case ll-apply-with-keys
(defun f (&key a b) (list a b))
(apply #'f '(:b 2 :a 1))
;;;; => (1 2)

;;;; case ll-too-few-args
(defun f (a b) (list a b))
(f 1)
;;;; error: PROGRAM-ERROR

;;;; case ll-too-many-args
(defun f (a &optional b) (list a b))
(f 1 2 3)
;;;; error: PROGRAM-ERROR

;;;; case ll-lambda-wrong-count
(funcall (lambda (x) x))
;;;; error: PROGRAM-ERROR

;;;; case ll-macro-body
(defmacro my-when (test &body body) `(if ,test (progn ,@body) nil))
(list (my-when t 1 2) (my-when nil 3))
;;;; => (2 NIL)

;;;; case ll-macro-destructuring
(defmacro with-pair ((a b) pair &body body) `(destructuring-bind (,a ,b) ,pair ,@body))
(with-pair (x y) (list 1 2) (+ x y))
;;;; => 3

;;;; case ll-macro-whole
(defmacro show-form (&whole form x) (declare (ignore x)) `',form)
(show-form 42)
;;;; => (SHOW-FORM 42)

;;;; case ll-macro-optional-key
(defmacro mk (a &optional (b 2) &key (c 3)) `(list ,a ,b ,c))
(list (mk 1) (mk 1 5) (mk 1 5 :c 9))
;;;; => ((1 2 3) (1 5 3) (1 5 9))

;;;; case ll-macro-rest
(defmacro my-list (&rest xs) `(list ,@xs))
(my-list 1 (+ 1 1) 3)
;;;; => (1 2 3)

;;;; case ll-macro-environment
(defmacro with-env (&environment env x) (declare (ignore env)) x)
(with-env 7)
;;;; => 7

;;;; case ll-macro-nested-destructuring
(defmacro dl ((a (b c)) d) `(list ,a ,b ,c ,d))
(dl (1 (2 3)) 4)
;;;; => (1 2 3 4)

;;;; case ll-macro-dotted-rest
(defmacro dot (a . rest) `(list ,a ',rest))
(dot 1 2 3)
;;;; => (1 (2 3))

;;;; case ll-many-optional-all-supplied-p
(defun f (&optional (a 1 ap) (b 2 bp)) (list a ap b bp))
(list (f) (f 9) (f 9 8))
;;;; => ((1 NIL 2 NIL) (9 T 2 NIL) (9 T 8 T))

;;;; Special variables as parameters (docs/ABI.md "Special variables"): each one is bound dynamically in
;;;; lambda-list order, so later init forms and supplied-p variables see the earlier dynamic bindings.

;;;; case ll-special-optional
(defvar *lx* 1)
(defun lx () *lx*)
(defun f (&optional (*lx* 2) (b (lx))) (list *lx* b (lx)))
(list (f) (f 5) (f 5 6) (lx) *lx*)
;;;; => ((2 2 2) (5 5 5) (5 6 5) 1 1)

;;;; case ll-special-key-supplied-p
(defvar *lk* 1)
(defun lk () *lk*)
(defun f (a &key ((:k *lk*) (+ a 1) kp) (c (list (lk) kp))) (list a *lk* kp c (lk)))
(list (f 1) (f 1 :k 9) (f 1 :c 3 :k 4) (lk))
;;;; => ((1 2 NIL (2 NIL) 2) (1 9 T (9 T) 9) (1 4 T 3 4) 1)

;;;; case ll-special-aux
(defvar *la* 1)
(defun la () *la*)
(defun f (a &aux (*la* (* a 10)) (b (la))) (list b (la)))
(list (f 4) (la))
;;;; => ((40 40) 1)

;;;; case ll-special-declared-optional
(defun gy () (declare (special y)) y)
(defun f (&optional (y 3 yp) (z (list y yp (gy))))
  (declare (special y yp))
  (list y yp z (gy)))
(let ((y :outer)) (declare (special y)) (list (f) (f 7) (gy)))
;;;; => ((3 NIL (3 NIL 3) 3) (7 T (7 T 7) 7) :OUTER)

;;;; case ll-special-supplied-p-variable
(defvar *lsp* :global)
(defun lsp () *lsp*)
(defun f (&optional (a 1 *lsp*) (b (lsp))) (list a b (lsp)))
(list (f) (f 8) (lsp))
;;;; => ((1 NIL NIL) (8 T T) :GLOBAL)

;;;; case ll-special-required-rest-key
(defvar *lr* 0)
(defvar *lr2* 100)
(defun lr () *lr*)
(defun lr2 () *lr2*)
(defun f (*lr2* &optional (a (lr2)) &rest *lr* &key (k (lr)) &allow-other-keys) (list *lr2* a k (lr) (lr2)))
(list (f 1) (f 1 2) (f 1 2 :k 3) (f 1 2 :z 4) (lr) (lr2))
;;;; => ((1 1 NIL NIL 1) (1 2 NIL NIL 1) (1 2 3 (:K 3) 1) (1 2 (:Z 4) (:Z 4) 1) 0 100)

;;;; case ll-special-key-setq-closure-recursion
(defvar *lq* 0)
(defun lq () *lq*)
(defun f8 (&key (*lq* 5)) (let ((*lq* (1+ *lq*))) (lq)))
(defun f9 (&optional (*lq* 2)) (setq *lq* 7) (lq))
(defun f10 (&optional (*lq* 2)) (lambda () *lq*))
(defun f11 (n &optional (*lq* n)) (if (> n 0) (f11 (1- n)) (lq)))
(list (f8) (f8 :*lq* 10) (f9) (funcall (f10)) (funcall (f10 3)) (f11 3) *lq*)
;;;; => (6 11 7 0 0 0 0)

;;;; case ll-special-block-and-errors
(defvar *lb* 0)
(defun f (&optional (*lb* 1) &key (k (* *lb* 2))) (when (> *lb* 5) (return-from f :big)) (list *lb* k))
(list (f) (f 3) (f 9) (f 3 :k 0) *lb*
      (handler-case (f 1 :bad 2) (program-error () :bad-key))
      (handler-case (f 1 :k) (program-error () :odd)))
;;;; => ((1 2) (3 6) :BIG (3 0) 0 :BAD-KEY :ODD)

;;;; case ll-special-lambda-and-labels
(defvar *ll* :global)
(defun ll () *ll*)
(labels ((inner (&optional (*ll* :inner) (v (ll))) (list v (ll))))
  (list (funcall (lambda (&optional (*ll* 42)) (ll)))
        (funcall (lambda (&key ((:a *ll*) 1)) (ll)) :a 2)
        (inner) (inner :x) (ll)))
;;;; => (42 2 (:INNER :INNER) (:X :X) :GLOBAL)

;;;; case ll-special-free-declaration-not-in-init
(defun gy () (declare (special y)) y)
(progv '(y) '(:dyn)
  (let ((y :lex))
    (list (funcall (lambda (&optional (a y)) (declare (special y)) (list a y)))
          (funcall (lambda (y) (list y (gy))) :arg))))
;;;; => ((:LEX :DYN) (:ARG :DYN))

;;;; case ll-special-decl-does-not-reach-inner-bindings
(defun gy () (declare (special y)) y)
(defvar *lq2* 0)
(progv '(y) '(:dyn)
  (list (locally (declare (special y)) (funcall (lambda (y) (list y (gy))) :arg))
        (locally (declare (special y)) (let ((y :arg)) (list y (gy))))
        (let* ((a 1) (*lq2* 2) (y :arg)) (declare (special y)) (list a *lq2* y (gy)))))
;;;; => ((:ARG :DYN) (:ARG :DYN) (1 2 :ARG :ARG))

;;;; case ll-whole-in-ordinary-lambda-list
(defun f (&whole w a) (list w a))
;;;; error: PROGRAM-ERROR

;;;; case ll-environment-in-ordinary-lambda-list
(funcall (lambda (&environment e a) a) 1)
;;;; error: PROGRAM-ERROR

;;;; case ll-special-in-macros-methods-outer-flet
(defvar *d* 0)
(defmacro with-d ((v) &body body) `(funcall (lambda (&optional (*d* ,v)) ,@body)))
(defun f3 () (with-d (5) (list *d* (with-d ((* *d* 2)) *d*))))
(defgeneric gm (x &key))
(defmethod gm ((x integer) &key ((:d *d*) 7)) (list x *d*))
(defun f6 (a &optional (b a) &key (c (list a b)) &aux (*d* (list a b c))) (list *d*))
(flet ((loc (&optional (*d* 10)) *d*)) (defun f8 () (list (loc) (loc 3))))
(defun k1 (&key ((secret x) 1)) x)
(list (f3) (gm 1) (gm 2 :d 3) (f6 1) (f6 1 2 :c 3) (f8) (k1) (k1 'secret 5) *d*)
;;;; => ((5 10) (1 7) (2 3) ((1 1 (1 1))) ((1 2 3)) (10 3) 1 5 0)
