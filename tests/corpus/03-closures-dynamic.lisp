;;; Closures (capture variables, not values) and dynamic binding (defvar, defparameter, special declarations).

;;;; case cl-counter
(defun make-counter () (let ((n 0)) (lambda () (incf n))))
(let ((c (make-counter))) (funcall c) (funcall c) (funcall c))
;;;; => 3

;;;; case cl-independent-counters
(defun make-counter () (let ((n 0)) (lambda () (incf n))))
(let ((a (make-counter)) (b (make-counter)))
  (funcall a) (funcall a)
  (list (funcall a) (funcall b)))
;;;; => (3 1)

;;;; case cl-shared-variable
(defun make-pair ()
  (let ((x 0))
    (cons (lambda () x) (lambda (v) (setq x v)))))
(let ((p (make-pair)))
  (funcall (cdr p) 42)
  (funcall (car p)))
;;;; => 42

;;;; case cl-captures-variable-not-value
(let* ((x 1) (f (lambda () x)))
  (setq x 2)
  (funcall f))
;;;; => 2

;;;; case cl-closure-sees-later-assignment-in-loop
(let ((fs nil))
  (let ((i 0))
    (loop while (< i 3) do (push (lambda () i) fs) (incf i)))
  (mapcar #'funcall fs))
;;;; => (3 3 3)

;;;; case cl-fresh-binding-per-let
(let ((fs nil))
  (dolist (i '(1 2 3))
    (let ((j i)) (push (lambda () j) fs)))
  (mapcar #'funcall (reverse fs)))
;;;; => (1 2 3)

;;;; case cl-dotimes-closures-fresh-let
(let ((fs nil))
  (dotimes (i 3) (let ((k (* i 10))) (push (lambda () k) fs)))
  (mapcar #'funcall (nreverse fs)))
;;;; => (0 10 20)

;;;; case cl-adder
(defun make-adder (n) (lambda (x) (+ x n)))
(mapcar (make-adder 10) '(1 2 3))
;;;; => (11 12 13)

;;;; case cl-compose
(defun compose (f g) (lambda (x) (funcall f (funcall g x))))
(funcall (compose #'1+ (lambda (x) (* x x))) 5)
;;;; => 26

;;;; case cl-accumulator
(defun make-acc (total) (lambda (n) (incf total n)))
(let ((acc (make-acc 100))) (funcall acc 10) (funcall acc 10))
;;;; => 120

;;;; case cl-closure-over-parameter-mutation
(defun f (x) (let ((get (lambda () x))) (setq x (* x 2)) (funcall get)))
(f 21)
;;;; => 42

;;;; case cl-nested-closures
(defun outer (a) (lambda (b) (lambda (c) (list a b c))))
(funcall (funcall (outer 1) 2) 3)
;;;; => (1 2 3)

;;;; case cl-closure-in-labels
(defun counter-list (n)
  (let ((count 0))
    (labels ((walk (k) (when (> k 0) (incf count) (walk (- k 1)))))
      (walk n)
      count)))
(counter-list 7)
;;;; => 7

;;;; case cl-closure-bank-account
(defun make-account (balance)
  (list (lambda (amt) (incf balance amt))
        (lambda (amt) (decf balance amt))
        (lambda () balance)))
(let ((acct (make-account 100)))
  (funcall (first acct) 50)
  (funcall (second acct) 30)
  (funcall (third acct)))
;;;; => 120

;;;; case cl-let-over-lambda-defun
(let ((secret 0))
  (defun bump () (incf secret))
  (defun peek () secret))
(bump) (bump)
(peek)
;;;; => 2

;;;; case dyn-defvar
(defvar *x* 10)
*x*
;;;; => 10

;;;; case dyn-defvar-no-reinit
(defvar *x* 10)
(defvar *x* 20)
*x*
;;;; => 10

;;;; case dyn-defparameter-reinit
(defparameter *y* 10)
(defparameter *y* 20)
*y*
;;;; => 20

;;;; case dyn-defvar-returns-name
(defvar *z* 1)
;;;; => *Z*

;;;; case dyn-let-binding-visible-in-callee
(defvar *depth* 0)
(defun show-depth () *depth*)
(list (show-depth) (let ((*depth* 5)) (show-depth)) (show-depth))
;;;; => (0 5 0)

;;;; case dyn-binding-restored-after-throw
(defvar *mode* 'normal)
(defun get-mode () *mode*)
(catch 'out (let ((*mode* 'special)) (throw 'out (get-mode))))
(get-mode)
;;;; => NORMAL

;;;; case dyn-binding-restored-after-error
(defvar *level* 0)
(ignore-errors (let ((*level* 1)) (error "x")))
*level*
;;;; => 0

;;;; case dyn-setq-affects-innermost-binding
(defvar *v* 1)
(defun set-v () (setq *v* 99))
(list (let ((*v* 2)) (set-v) *v*) *v*)
;;;; => (99 1)

;;;; case dyn-special-declaration-local
(defun read-s () (declare (special s)) s)
(let ((s 'dynamic)) (declare (special s)) (read-s))
;;;; => DYNAMIC

;;;; case dyn-lexical-not-seen-by-callee
(defvar *g* 'global)
(defun read-g () *g*)
(let ((x 'lexical)) (list x (read-g)))
;;;; => (LEXICAL GLOBAL)

;;;; case dyn-closure-does-not-capture-special
(defvar *s* 'outer)
(let ((f (let ((*s* 'inner)) (lambda () *s*))))
  (funcall f))
;;;; => OUTER

;;;; case dyn-defconstant
(defconstant +answer+ 42)
(* 2 +answer+)
;;;; => 84

;;;; case dyn-boundp
(defvar *unbound-var*)
(list (boundp '*unbound-var*) (progn (setq *unbound-var* 1) (boundp '*unbound-var*)))
;;;; => (NIL T)

;;;; case dyn-symbol-value
(defvar *sv* 3)
(let ((*sv* 4)) (symbol-value '*sv*))
;;;; => 4

;;;; case dyn-nested-rebinding
(defvar *n* 0)
(defun n-list () (list *n* (let ((*n* (+ *n* 1))) (if (< *n* 3) (n-list) *n*))))
(n-list)
;;;; => (0 (1 (2 3)))

;;;; case dyn-let-star-special
(defvar *a* 1)
(let* ((*a* 10) (b *a*)) (list *a* b))
;;;; => (10 10)
