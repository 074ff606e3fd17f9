;;; Multiple values (values, multiple-value-bind, multiple-value-setq, multiple-value-list, nth-value,
;;; values-list) and destructuring-bind.

;;;; case mv-values-primary
(values 1 2 3)
;;;; => 1

;;;; case mv-no-values-is-nil
(list (values))
;;;; => (NIL)

;;;; case mv-list
(multiple-value-list (values 1 2 3))
;;;; => (1 2 3)

;;;; case mv-list-none
(multiple-value-list (values))
;;;; => NIL

;;;; case mv-bind
(multiple-value-bind (q r) (floor 17 5) (list q r))
;;;; => (3 2)

;;;; case mv-bind-missing-values-nil
(multiple-value-bind (a b c) (values 1 2) (list a b c))
;;;; => (1 2 NIL)

;;;; case mv-bind-extra-values-ignored
(multiple-value-bind (a) (values 1 2 3) a)
;;;; => 1

;;;; case mv-bind-declare
(multiple-value-bind (a b) (values 1 2) (declare (ignore b)) a)
;;;; => 1

;;;; case mv-setq
(let (a b) (list (multiple-value-setq (a b) (values 10 20)) a b))
;;;; => (10 10 20)

;;;; case mv-setq-fewer-values
(let ((a 1) (b 2)) (multiple-value-setq (a b) (values 'x)) (list a b))
;;;; => (X NIL)

;;;; case mv-nth-value
(list (nth-value 0 (floor 7 2)) (nth-value 1 (floor 7 2)) (nth-value 5 (values 1 2)))
;;;; => (3 1 NIL)

;;;; case mv-values-list
(multiple-value-list (values-list '(a b c)))
;;;; => (A B C)

;;;; case mv-through-function-return
(defun two () (values 'x 'y))
(multiple-value-list (two))
;;;; => (X Y)

;;;; case mv-only-primary-in-arg
(defun two () (values 'x 'y))
(list (two))
;;;; => (X)

;;;; case mv-through-let-body
(multiple-value-list (let ((x 1)) (values x (+ x 1))))
;;;; => (1 2)

;;;; case mv-through-if-and-progn
(multiple-value-list (if t (progn 0 (values 1 2)) 3))
;;;; => (1 2)

;;;; case mv-setf-values-swap
(let ((a 1) (b 2)) (setf (values a b) (values b a)) (list a b))
;;;; => (2 1)

;;;; case mv-gethash-second-value
(let ((h (make-hash-table))) (setf (gethash 'x h) nil)
  (list (multiple-value-list (gethash 'x h)) (multiple-value-list (gethash 'y h))))
;;;; => ((NIL T) (NIL NIL))

;;;; case mv-truncate-values
(multiple-value-list (truncate -7 2))
;;;; => (-3 -1)

;;;; case db-simple
(destructuring-bind (a b c) '(1 2 3) (list c b a))
;;;; => (3 2 1)

;;;; case db-nested
(destructuring-bind (a (b c) d) '(1 (2 3) 4) (list a b c d))
;;;; => (1 2 3 4)

;;;; case db-optional-rest
(destructuring-bind (a &optional (b 'def) &rest r) '(1) (list a b r))
;;;; => (1 DEF NIL)

;;;; case db-key
(destructuring-bind (&key x (y 5)) '(:x 1) (list x y))
;;;; => (1 5)

;;;; case db-dotted
(destructuring-bind (a . b) '(1 2 3) (list a b))
;;;; => (1 (2 3))

;;;; case db-body
(destructuring-bind (name &body body) '(foo 1 2) (list name body))
;;;; => (FOO (1 2))

;;;; case db-wrong-shape
(destructuring-bind (a b) '(1) (list a b))
;;;; error: ERROR

;;;; case db-too-many
(destructuring-bind (a) '(1 2) a)
;;;; error: ERROR
