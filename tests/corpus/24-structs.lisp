;;; DEFSTRUCT: slots with defaults, :type and :read-only; options :conc-name, :constructor (keyword and BOA,
;;; several), :predicate, :copier, :include (with slot overrides); #S printing; SETF, INCF and PUSH on
;;; accessors; TYPEP, TYPE-OF, TYPECASE on the type and its parents; EQUALP; COPY-STRUCTURE.

;;;; case st-basic-print
(defstruct point x y)
(make-point :x 1 :y 2)
;;;; => #S(POINT :X 1 :Y 2)

;;;; case st-defaults-and-accessors
(defstruct point (x 0) (y (+ 1 2)))
(let ((p (make-point :x 5)))
  (list (point-x p) (point-y p)))
;;;; => (5 3)

;;;; case st-defstruct-returns-name
(defstruct point x y)
;;;; => POINT

;;;; case st-setf-accessors
(defstruct point (x 0) (y 0))
(let ((p (make-point)))
  (setf (point-x p) 10)
  (incf (point-y p) 3)
  (incf (point-y p))
  p)
;;;; => #S(POINT :X 10 :Y 4)

;;;; case st-push-on-accessor
(defstruct stack (items nil))
(let ((s (make-stack)))
  (push 1 (stack-items s))
  (push 2 (stack-items s))
  (list (pop (stack-items s)) (stack-items s)))
;;;; => (2 (1))

;;;; case st-predicate-and-copier
(defstruct point x y)
(let* ((p (make-point :x 1 :y 2))
       (q (copy-point p)))
  (setf (point-x q) 99)
  (list (point-p p) (point-p 42) (point-p nil) (point-x p) (point-x q) (eq p q)))
;;;; => (T NIL NIL 1 99 NIL)

;;;; case st-custom-names
(defstruct (point (:conc-name pt-) (:predicate is-point) (:copier clone-point)) x y)
(let ((p (make-point :x 3 :y 4)))
  (list (pt-x p) (pt-y p) (is-point p) (pt-x (clone-point p))))
;;;; => (3 4 T 3)

;;;; case st-conc-name-nil
(defstruct (vec2 (:conc-name nil)) vx vy)
(let ((v (make-vec2 :vx 1 :vy 2)))
  (setf (vy v) 20)
  (list (vx v) (vy v)))
;;;; => (1 20)

;;;; case st-boa-constructor
(defstruct (seg (:constructor make-seg (a b &optional (c 9) d))) a b c (d 4))
(list (make-seg 1 2) (make-seg 1 2 3) (make-seg 1 2 3 5))
;;;; => (#S(SEG :A 1 :B 2 :C 9 :D 4) #S(SEG :A 1 :B 2 :C 3 :D 4) #S(SEG :A 1 :B 2 :C 3 :D 5))

;;;; case st-several-constructors
(defstruct (point (:constructor make-point)
                  (:constructor origin ())
                  (:constructor point-at (x y)))
  (x 0) (y 0))
(list (make-point :y 5) (origin) (point-at 7 8))
;;;; => (#S(POINT :X 0 :Y 5) #S(POINT :X 0 :Y 0) #S(POINT :X 7 :Y 8))

;;;; case st-boa-key-and-rest
(defstruct (item (:constructor new-item (name &key (price 10) tags))) name price tags (count 1))
(list (new-item "pen") (new-item "ink" :price 3 :tags '(a b)))
;;;; => (#S(ITEM :NAME "pen" :PRICE 10 :TAGS NIL :COUNT 1) #S(ITEM :NAME "ink" :PRICE 3 :TAGS (A B) :COUNT 1))

;;;; case st-boa-aux
(defstruct (sq (:constructor make-sq (side &aux (area (* side side))))) side area)
(make-sq 4)
;;;; => #S(SQ :SIDE 4 :AREA 16)

;;;; case st-include
(defstruct point x y)
(defstruct (point3 (:include point)) z)
(let ((p (make-point3 :x 1 :y 2 :z 3)))
  (list p (point-x p) (point3-x p) (point3-z p) (point-p p) (point3-p p)
        (point3-p (make-point))))
;;;; => (#S(POINT3 :X 1 :Y 2 :Z 3) 1 1 3 T T NIL)

;;;; case st-include-override
(defstruct animal (legs 4) (name "x"))
(defstruct (bird (:include animal (legs 2))) (wings 2))
(list (make-bird) (make-animal))
;;;; => (#S(BIRD :LEGS 2 :NAME "x" :WINGS 2) #S(ANIMAL :LEGS 4 :NAME "x"))

;;;; case st-include-setf-parent-accessor
(defstruct point (x 0) (y 0))
(defstruct (point3 (:include point)) (z 0))
(let ((p (make-point3)))
  (setf (point-x p) 5)
  (incf (point3-y p) 2)
  p)
;;;; => #S(POINT3 :X 5 :Y 2 :Z 0)

;;;; case st-typep-type-of
(defstruct point x y)
(defstruct (point3 (:include point)) z)
(let ((p (make-point)) (q (make-point3)))
  (list (type-of p) (type-of q) (typep p 'point) (typep q 'point) (typep p 'point3)
        (typep q 'structure-object) (typep 5 'point) (typep q '(or integer point3))))
;;;; => (POINT POINT3 T T NIL T NIL T)

;;;; case st-typecase
(defstruct shape)
(defstruct (circle (:include shape)) r)
(defstruct (square (:include shape)) side)
(defun describe-shape (s)
  (typecase s
    (circle (list 'circle (circle-r s)))
    (square (list 'square (square-side s)))
    (shape 'some-shape)
    (t 'not-a-shape)))
(mapcar #'describe-shape (list (make-circle :r 1) (make-square :side 2) (make-shape) 42))
;;;; => ((CIRCLE 1) (SQUARE 2) SOME-SHAPE NOT-A-SHAPE)

;;;; case st-etypecase-error
(defstruct point x y)
(etypecase 5 (point 'point))
;;;; error: TYPE-ERROR

;;;; case st-subtypep
(defstruct point x y)
(defstruct (point3 (:include point)) z)
(list (subtypep 'point3 'point) (subtypep 'point 'point3) (subtypep 'point 'structure-object))
;;;; => (T NIL T)

;;;; case st-equalp
(defstruct point x y)
(list (equalp (make-point :x 1 :y "a") (make-point :x 1 :y "A"))
      (equalp (make-point :x 1) (make-point :x 2))
      (equal (make-point :x 1) (make-point :x 1))
      (let ((p (make-point))) (equal p p))
      (equalp (list (make-point :x 1.0)) (list (make-point :x 1))))
;;;; => (T NIL NIL T T)

;;;; case st-equalp-different-types
(defstruct a x)
(defstruct b x)
(equalp (make-a :x 1) (make-b :x 1))
;;;; => NIL

;;;; case st-copy-structure
(defstruct point x y)
(let* ((p (make-point :x (list 1 2) :y 3))
       (q (copy-structure p)))
  (setf (point-y q) 30)
  (list p q (eq (point-x p) (point-x q))))
;;;; => (#S(POINT :X (1 2) :Y 3) #S(POINT :X (1 2) :Y 30) T)

;;;; case st-read-only-slot
(defstruct account (id 0 :read-only t) (balance 0))
(let ((a (make-account :id 7)))
  (incf (account-balance a) 100)
  (list (account-id a) (account-balance a)))
;;;; => (7 100)

;;;; case st-typed-slot-error
(defstruct point (x 0 :type integer))
(make-point :x "no")
;;;; error: TYPE-ERROR

;;;; case st-accessor-wrong-type
(defstruct point x)
(point-x 42)
;;;; error: TYPE-ERROR

;;;; case st-nested-print
(defstruct node value (children nil))
(make-node :value 1 :children (list (make-node :value 2) (make-node :value "three")))
;;;; => #S(NODE :VALUE 1 :CHILDREN (#S(NODE :VALUE 2 :CHILDREN NIL) #S(NODE :VALUE "three" :CHILDREN NIL)))

;;;; case st-princ-format
(defstruct point x y)
(format nil "~a / ~s" (make-point :x "a" :y #\b) (make-point :x "a" :y #\b))
;;;; => "#S(POINT :X a :Y b) / #S(POINT :X \"a\" :Y #\\b)"

;;;; case st-slot-default-evaluated-each-time
(defvar *counter* 0)
(defstruct ticket (n (incf *counter*)))
(list (ticket-n (make-ticket)) (ticket-n (make-ticket)) (ticket-n (make-ticket :n 100)) *counter*)
;;;; => (1 2 100 2)

;;;; case st-mapcar-accessor
(defstruct point x y)
(mapcar #'point-x (list (make-point :x 1) (make-point :x 2) (make-point :x 3)))
;;;; => (1 2 3)

;;;; case st-docstring-and-funcall-setf
(defstruct (point (:constructor pt (x y))) "A point." x y)
(let ((p (pt 1 2)))
  (funcall #'(setf point-y) 50 p)
  (list (point-y p) (funcall #'point-x p)))
;;;; => (50 1)

;;;; case st-struct-in-hash-and-list
(defstruct point x y)
(let ((h (make-hash-table :test #'equalp)))
  (setf (gethash (make-point :x 1 :y 2) h) 'found)
  (list (gethash (make-point :x 1 :y 2) h)
        (find 2 (list (make-point :x 1) (make-point :x 2)) :key #'point-x)))
;;;; => (FOUND #S(POINT :X 2 :Y NIL))

;;;; case st-print-function-option
(defstruct (money (:print-function (lambda (m stream depth)
                                     (declare (ignore depth))
                                     (format stream "$~d" (money-cents m)))))
  cents)
(list (prin1-to-string (make-money :cents 5)) (format nil "~a" (make-money :cents 7)))
;;;; => ("$5" "$7")

;;;; case st-recursive-struct
(defstruct (cell (:constructor cell (head tail))) head tail)
(defun cell-sum (c) (if c (+ (cell-head c) (cell-sum (cell-tail c))) 0))
(cell-sum (cell 1 (cell 2 (cell 3 nil))))
;;;; => 6
