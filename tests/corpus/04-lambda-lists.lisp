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
