;;; One-dimensional arrays and vectors: make-array (:initial-element, :initial-contents, :fill-pointer,
;;; :adjustable, :element-type), vector, aref, svref, length, fill-pointer, vector-push, vector-push-extend,
;;; vector-pop, predicates.

;;;; case ar-make-array-length
(length (make-array 3))
;;;; => 3

;;;; case ar-make-array-initial-element
(make-array 4 :initial-element 'x)
;;;; => #(X X X X)

;;;; case ar-make-array-initial-contents
(make-array 3 :initial-contents '(a b c))
;;;; => #(A B C)

;;;; case ar-vector
(vector 1 'two "three" #\4)
;;;; => #(1 TWO "three" #\4)

;;;; case ar-aref-svref
(let ((v (vector 10 20 30))) (list (aref v 0) (svref v 2)))
;;;; => (10 30)

;;;; case ar-length
(list (length (make-array 5)) (length (vector)) (length #(1 2)))
;;;; => (5 0 2)

;;;; case ar-aref-out-of-bounds
(aref (vector 1 2 3) 3)
;;;; error: TYPE-ERROR

;;;; case ar-fill-pointer
(let ((v (make-array 5 :fill-pointer 0)))
  (vector-push 'a v)
  (vector-push 'b v)
  (list (fill-pointer v) (length v) v))
;;;; => (2 2 #(A B))

;;;; case ar-vector-push-full
(let ((v (make-array 1 :fill-pointer 0))) (list (vector-push 1 v) (vector-push 2 v) v))
;;;; => (0 NIL #(1))

;;;; case ar-vector-push-extend
(let ((v (make-array 0 :fill-pointer 0 :adjustable t)))
  (dotimes (i 10) (vector-push-extend i v))
  (list (length v) v))
;;;; => (10 #(0 1 2 3 4 5 6 7 8 9))

;;;; case ar-vector-pop
(let ((v (make-array 3 :fill-pointer 3 :initial-contents '(1 2 3))))
  (list (vector-pop v) (vector-pop v) (length v) v))
;;;; => (3 2 1 #(1))

;;;; case ar-setf-fill-pointer
(let ((v (make-array 4 :fill-pointer 4 :initial-element 0)))
  (setf (fill-pointer v) 2)
  (list (length v) v))
;;;; => (2 #(0 0))

;;;; case ar-adjustable-string
(let ((s (make-array 0 :element-type 'character :fill-pointer 0 :adjustable t)))
  (dolist (c '(#\h #\i)) (vector-push-extend c s))
  (list s (length s) (stringp s)))
;;;; => ("hi" 2 T)

;;;; case ar-predicates
(list (arrayp #(1)) (vectorp #(1)) (vectorp "s") (vectorp '(1)) (simple-vector-p (vector 1)) (arrayp nil))
;;;; => (T T T NIL T NIL)

;;;; case ar-vector-equality
(list (equal #(1 2) #(1 2)) (equalp #(1 2) #(1 2)) (let ((v #(1))) (eq v v)))
;;;; => (NIL T T)

;;;; case ar-vector-mutation-shared
(let* ((v (vector 1 2 3)) (alias v)) (setf (aref alias 0) 'changed) v)
;;;; => #(CHANGED 2 3)

;;;; case ar-vector-sum-loop
(let ((v (make-array 100))) (dotimes (i 100) (setf (aref v i) i)) (reduce #'+ v))
;;;; => 4950

;;;; case ar-nested-vectors
(let ((grid (vector (vector 1 2) (vector 3 4)))) (setf (aref (aref grid 1) 0) 'x) grid)
;;;; => #(#(1 2) #(X 4))

;;;; case ar-array-total-size
(list (array-dimension (make-array 7) 0) (array-total-size (make-array 7)))
;;;; => (7 7)

;;;; case ar-string-as-vector
(list (aref "hello" 1) (length "hello") (vectorp "hello"))
;;;; => (#\e 5 T)
