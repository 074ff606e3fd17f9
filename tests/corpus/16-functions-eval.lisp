;;; Functions and evaluation: funcall, apply, identity, constantly, complement, functionp, eval, compile with a
;;; lambda expression, function designators (symbols), higher-order programming.

;;;; case fn-funcall
(list (funcall #'+ 1 2) (funcall 'list 1 2) (funcall (lambda () 'thunk)))
;;;; => (3 (1 2) THUNK)

;;;; case fn-apply
(list (apply #'+ '(1 2 3)) (apply #'+ 1 2 '(3 4)) (apply #'list '()) (apply 'max 3 '(9 2)))
;;;; => (6 10 NIL 9)

;;;; case fn-apply-spread-last
(apply #'list 1 2 '(3 (4)))
;;;; => (1 2 3 (4))

;;;; case fn-identity
(list (identity 5) (mapcar #'identity '(a b)) (remove-if-not #'identity '(1 nil 2)))
;;;; => (5 (A B) (1 2))

;;;; case fn-constantly
(list (funcall (constantly 7)) (funcall (constantly 7) 1 2 3) (mapcar (constantly 'k) '(1 2)))
;;;; => (7 7 (K K))

;;;; case fn-complement
(list (funcall (complement #'evenp) 3) (remove-if (complement #'numberp) '(1 a 2 "b")))
;;;; => (T (1 2))

;;;; case fn-functionp
(list (functionp #'car) (functionp (lambda ())) (functionp 'car) (functionp nil) (functionp (constantly 1)))
;;;; => (T T NIL NIL T)

;;;; case fn-function-designator-symbol
(defun greet (n) (list 'hello n))
(list (funcall 'greet 1) (mapcar 'greet '(2 3)))
;;;; => ((HELLO 1) ((HELLO 2) (HELLO 3)))

;;;; case fn-symbol-designator-sees-redefinition
(defun which () 'old)
(let ((f 'which)) (defun which () 'new) (funcall f))
;;;; => NEW

;;;; case fn-function-object-keeps-old-definition
(defun which2 () 'old)
(defvar *saved* (list #'which2))
(defun which2 () 'new)
(list (funcall (first *saved*)) (which2))
;;;; => (OLD NEW)

;;;; case fn-redefinition-seen-by-callers
(defun callee () 1)
(defun caller () (callee))
(list (caller) (progn (defun callee () 2) (caller)))
;;;; => (1 2)

;;;; case fn-eval
(list (eval '(+ 1 2)) (eval ''a) (eval 5) (eval (list 'car ''(x y))))
;;;; => (3 A 5 X)

;;;; case fn-eval-defun
(eval '(defun from-eval (x) (* x x)))
(from-eval 9)
;;;; => 81

;;;; case fn-eval-uses-global-env
(defvar *ev* 10)
(let ((*ev* 20)) (eval '*ev*))
;;;; => 20

;;;; case fn-compile-nil-lambda
(funcall (compile nil '(lambda (x) (* x x))) 12)
;;;; => 144

;;;; case fn-compile-named
(compile 'cube '(lambda (x) (* x x x)))
(cube 3)
;;;; => 27

;;;; case fn-compile-recompile-hotpatch
(compile 'version '(lambda () 1))
(compile 'version '(lambda () 2))
(version)
;;;; => 2

;;;; case fn-recursive-function-object
(defun count-down (n) (if (zerop n) 'done (count-down (1- n))))
(funcall #'count-down 50)
;;;; => DONE

;;;; case fn-higher-order-fold
(defun fold (f init xs) (if (null xs) init (fold f (funcall f init (car xs)) (cdr xs))))
(fold (lambda (acc x) (+ (* acc 10) x)) 0 '(1 2 3 4))
;;;; => 1234

;;;; case fn-returning-multiple-closures
(defun make-stack ()
  (let ((items nil))
    (values (lambda (x) (push x items)) (lambda () (pop items)))))
(multiple-value-bind (push-fn pop-fn) (make-stack)
  (funcall push-fn 1) (funcall push-fn 2)
  (list (funcall pop-fn) (funcall pop-fn) (funcall pop-fn)))
;;;; => (2 1 NIL)

;;;; case fn-apply-with-keywords-and-rest
(defun kw (&rest args &key (a 0) &allow-other-keys) (list a (length args)))
(apply #'kw :z 1 '(:a 5))
;;;; => (5 4)

;;;; case fn-funcall-non-function
(funcall 42)
;;;; error: TYPE-ERROR

;;;; case fn-funcall-undefined-symbol
(funcall 'this-function-does-not-exist 1)
;;;; error: UNDEFINED-FUNCTION

;;;; case fn-mapcar-with-index-closure
(let ((i -1)) (mapcar (lambda (x) (incf i) (cons i x)) '(a b c)))
;;;; => ((0 . A) (1 . B) (2 . C))

;;;; case fn-flet-function-object
(flet ((add1 (x) (+ x 1))) (let ((f #'add1)) (funcall f (funcall f 1))))
;;;; => 3

;;;; case fn-labels-closure-escapes
(defun make-even-tester ()
  (labels ((ev (n) (if (= n 0) t (od (- n 1)))) (od (n) (if (= n 0) nil (ev (- n 1))))) #'ev))
(list (funcall (make-even-tester) 10) (funcall (make-even-tester) 7))
;;;; => (T NIL)
