;;; setf on every place (variables, car/cdr and cxr, first..tenth, nth, rest, aref, svref, elt, gethash, getf,
;;; symbol-value, symbol-function, fdefinition, values), psetf, incf, decf, push, pushnew, pop, rotatef, shiftf,
;;; remf, defsetf and define-setf-expander.

;;;; case sp-setf-variable
(let ((x 1)) (setf x 2) x)
;;;; => 2

;;;; case sp-setf-multiple-pairs
(let ((a 0) (b 0)) (list (setf a 1 b (+ a 1)) a b))
;;;; => (2 1 2)

;;;; case sp-setf-car-cdr
(let ((c (list 1 2 3))) (setf (car c) 'a) (setf (cdr (cdr c)) '(z)) c)
;;;; => (A 2 Z)

;;;; case sp-setf-cxr
(let ((x (list (list 1 2) (list 3 4))))
  (setf (caar x) 'a (cadr (car x)) 'b (caadr x) 'c (cdadr x) '(d))
  x)
;;;; => ((A B) (C D))

;;;; case sp-setf-cddr-caddr
(let ((x (list 1 2 3 4))) (setf (caddr x) 'three) (setf (cdddr x) nil) x)
;;;; => (1 2 THREE)

;;;; case sp-setf-first-to-tenth
(let ((x (list 1 2 3 4 5 6 7 8 9 10)))
  (setf (first x) 'a (second x) 'b (third x) 'c (fourth x) 'd (fifth x) 'e
        (sixth x) 'f (seventh x) 'g (eighth x) 'h (ninth x) 'i (tenth x) 'j)
  x)
;;;; => (A B C D E F G H I J)

;;;; case sp-setf-nth
(let ((x (list 1 2 3))) (setf (nth 1 x) 'two) x)
;;;; => (1 TWO 3)

;;;; case sp-setf-rest
(let ((x (list 1 2 3))) (setf (rest x) '(b)) x)
;;;; => (1 B)

;;;; case sp-setf-aref
(let ((v (make-array 3 :initial-element 0))) (setf (aref v 1) 'x) v)
;;;; => #(0 X 0)

;;;; case sp-setf-svref
(let ((v (vector 1 2 3))) (setf (svref v 2) 30) v)
;;;; => #(1 2 30)

;;;; case sp-setf-elt-list-and-vector
(let ((l (list 1 2 3)) (v (vector 1 2 3))) (setf (elt l 0) 'a (elt v 2) 'c) (list l v))
;;;; => ((A 2 3) #(1 2 C))

;;;; case sp-setf-gethash
(let ((h (make-hash-table))) (setf (gethash 'k h) 'v) (gethash 'k h))
;;;; => V

;;;; case sp-setf-gethash-returns-value
(let ((h (make-hash-table))) (setf (gethash 1 h) 100))
;;;; => 100

;;;; case sp-setf-getf
(let ((pl (list :a 1))) (setf (getf pl :b) 2) (setf (getf pl :a) 10) (list (getf pl :a) (getf pl :b)))
;;;; => (10 2)

;;;; case sp-setf-getf-on-empty
(let ((pl nil)) (setf (getf pl :x) 1) pl)
;;;; => (:X 1)

;;;; case sp-setf-symbol-value
(defvar *place* 1)
(setf (symbol-value '*place*) 5)
*place*
;;;; => 5

;;;; case sp-setf-symbol-function
(setf (symbol-function 'triple) (lambda (x) (* 3 x)))
(triple 4)
;;;; => 12

;;;; case sp-setf-fdefinition
(setf (fdefinition 'quad) (lambda (x) (* 4 x)))
(quad 4)
;;;; => 16

;;;; case sp-setf-values
(let (a b) (setf (values a b) (floor 17 5)) (list a b))
;;;; => (3 2)

;;;; case sp-setf-values-extra-places
(let ((a 1) (b 2)) (setf (values a b) (values 'x)) (list a b))
;;;; => (X NIL)

;;;; case sp-setf-get
(setf (get 'sym-with-plist 'color) 'red)
(get 'sym-with-plist 'color)
;;;; => RED

;;;; case sp-psetf
(let ((x (list 1 2))) (psetf (car x) (cadr x) (cadr x) (car x)) x)
;;;; => (2 1)

;;;; case sp-incf-decf
(let ((x 10)) (list (incf x) (incf x 5) (decf x) (decf x 3) x))
;;;; => (11 16 15 12 12)

;;;; case sp-incf-place
(let ((v (vector 1 2 3))) (incf (aref v 0) 10) (decf (aref v 2)) v)
;;;; => #(11 2 2)

;;;; case sp-incf-place-evaluated-once
(let ((v (vector 0 0 0)) (i 0)) (incf (aref v (incf i))) (list v i))
;;;; => (#(0 1 0) 1)

;;;; case sp-incf-gethash-default
(let ((h (make-hash-table))) (incf (gethash 'a h 0)) (incf (gethash 'a h 0)) (gethash 'a h))
;;;; => 2

;;;; case sp-push
(let ((l nil)) (push 1 l) (push 2 l) l)
;;;; => (2 1)

;;;; case sp-push-place
(let ((x (list nil nil))) (push 'a (second x)) x)
;;;; => (NIL (A))

;;;; case sp-pushnew
(let ((l (list 1 2))) (pushnew 1 l) (pushnew 3 l) l)
;;;; => (3 1 2)

;;;; case sp-pushnew-test
(let ((l (list "a"))) (pushnew "a" l :test #'string=) (pushnew "b" l :test #'string=) l)
;;;; => ("b" "a")

;;;; case sp-pushnew-key
(let ((l (list '(a . 1)))) (pushnew '(a . 2) l :key #'car) l)
;;;; => ((A . 1))

;;;; case sp-pop
(let ((l (list 1 2 3))) (list (pop l) (pop l) l))
;;;; => (1 2 (3))

;;;; case sp-pop-empty
(let ((l nil)) (list (pop l) l))
;;;; => (NIL NIL)

;;;; case sp-pop-place
(let ((x (list (list 1 2)))) (list (pop (car x)) x))
;;;; => (1 ((2)))

;;;; case sp-rotatef
(let ((a 1) (b 2) (c 3)) (rotatef a b c) (list a b c))
;;;; => (2 3 1)

;;;; case sp-rotatef-places
(let ((v (vector 1 2 3))) (rotatef (aref v 0) (aref v 2)) v)
;;;; => #(3 2 1)

;;;; case sp-rotatef-returns-nil
(let ((a 1) (b 2)) (rotatef a b))
;;;; => NIL

;;;; case sp-shiftf
(let ((a 1) (b 2) (c 3)) (list (shiftf a b c 4) a b c))
;;;; => (1 2 3 4)

;;;; case sp-remf
(let ((pl (list :a 1 :b 2 :c 3))) (list (remf pl :b) pl (remf pl :z)))
;;;; => (T (:A 1 :C 3) NIL)

;;;; case sp-remf-first
(let ((pl (list :a 1 :b 2))) (remf pl :a) pl)
;;;; => (:B 2)

;;;; case sp-defsetf-short
(defun my-first (l) (car l))
(defun set-my-first (l v) (setf (car l) v))
(defsetf my-first set-my-first)
(let ((x (list 1 2))) (setf (my-first x) 'new) x)
;;;; => (NEW 2)

;;;; case sp-defsetf-long
(defvar *store* (list 0 0 0))
(defun slot-at (i) (nth i *store*))
(defsetf slot-at (i) (new) `(progn (setf (nth ,i *store*) ,new) ,new))
(list (setf (slot-at 1) 'b) *store*)
;;;; => (B (0 B 0))

;;;; case sp-defsetf-with-incf
(defvar *cells* (vector 0 0))
(defun cell (i) (aref *cells* i))
(defsetf cell (i) (v) `(setf (aref *cells* ,i) ,v))
(incf (cell 1) 5)
*cells*
;;;; => #(0 5)

;;;; case sp-define-setf-expander
(define-setf-expander half-of (place &environment env)
  (multiple-value-bind (dummies vals newvals setter getter) (get-setf-expansion place env)
    (declare (ignore newvals setter))
    (let ((store (gensym)))
      (values dummies vals (list store)
              `(progn (setf ,place (* 2 ,store)) ,store)
              `(/ ,getter 2)))))
(defun half-of (x) (/ x 2))
(let ((n 10)) (setf (half-of n) 7) n)
;;;; => 14

;;;; case sp-define-setf-expander-simple
(defvar *box* 0)
(defun box-value () *box*)
(define-setf-expander box-value ()
  (let ((store (gensym)))
    (values nil nil (list store) `(setq *box* ,store) '(box-value))))
(setf (box-value) 9)
(list *box* (box-value))
;;;; => (9 9)

;;;; case sp-setf-defun-setf-function
(defun (setf my-second) (new l) (setf (cadr l) new))
(let ((x (list 1 2 3))) (setf (my-second x) 'two) x)
;;;; => (1 TWO 3)
