;;;; Arrays of any rank: make-array with a dimension list (:initial-element, nested :initial-contents,
;;;; :element-type, :adjustable), aref / (setf aref) with any number of subscripts, the dimension functions,
;;;; row-major access, predicates, type-of / typep, equalp, printing and the #nA reader syntax, adjust-array, and
;;;; programs (matrices, dynamic programming tables, game boards) whose functions Tier 2 compiles.

;;;; case nd-make-2d-initial-element
(make-array '(2 3) :initial-element 0)
;;;; => #2A((0 0 0) (0 0 0))

;;;; case nd-make-2d-default
(make-array (list 2 2))
;;;; => #2A((0 0) (0 0))

;;;; case nd-make-rank0
(list (make-array '()) (make-array nil :initial-element 5) (make-array '() :initial-contents '(a b)))
;;;; => (#0A0 #0A5 #0A(A B))

;;;; case nd-initial-contents-2d
(make-array '(2 2) :initial-contents '((1 2) (3 4)))
;;;; => #2A((1 2) (3 4))

;;;; case nd-initial-contents-3d
(make-array '(2 2 2) :initial-contents '(((1 2) (3 4)) ((5 6) (7 8))))
;;;; => #3A(((1 2) (3 4)) ((5 6) (7 8)))

;;;; case nd-initial-contents-vectors-and-strings
(make-array '(2 2) :initial-contents (vector (vector 1 2) "ab"))
;;;; => #2A((1 2) (#\a #\b))

;;;; case nd-zero-dimensions
(list (make-array '(2 0)) (make-array '(0 2)) (make-array '(2 3 0)) (array-dimensions (make-array '(0 2))))
;;;; => (#2A(() ()) #2A() #3A((() () ()) (() () ())) (0 2))

;;;; case nd-high-rank
(make-array '(1 1 1 1 1 1 1 1) :initial-element 3)
;;;; => #8A((((((((3))))))))

;;;; case nd-one-dimension-list-is-a-vector
(let ((v (make-array '(3) :initial-element 1)))
  (list v (vectorp v) (simple-vector-p v) (array-rank v) (type-of v)))
;;;; => (#(1 1 1) T T 1 (SIMPLE-VECTOR 3))

;;;; case nd-element-types
(list (make-array '(2 2) :element-type 'character :initial-element #\a)
      (make-array '(2 2) :element-type 'bit)
      (make-array '(1 2) :element-type 'double-float :initial-element 1.5d0)
      (make-array '(2 1) :element-type 'fixnum))
;;;; => (#2A((#\a #\a) (#\a #\a)) #2A((0 0) (0 0)) #2A((1.5d0 1.5d0)) #2A((0) (0)))

;;;; case nd-type-of
(list (type-of (make-array '(2 3)))
      (type-of (make-array '()))
      (type-of (make-array '(2 3) :element-type 'character))
      (type-of (make-array '(2 3) :element-type 'bit))
      (type-of (make-array '(4 5) :element-type 'fixnum))
      (type-of (make-array '(2 3) :element-type 'double-float))
      (type-of (make-array '(2 2) :adjustable t)))
;;;; => ((SIMPLE-ARRAY T (2 3)) (SIMPLE-ARRAY T NIL) (SIMPLE-ARRAY CHARACTER (2 3)) (SIMPLE-ARRAY BIT (2 3)) (SIMPLE-ARRAY FIXNUM (4 5)) (SIMPLE-ARRAY DOUBLE-FLOAT (2 3)) (ARRAY T (2 2)))

;;;; case nd-array-element-type
(list (array-element-type (make-array '(2 2) :element-type 'character))
      (array-element-type (make-array '(2 2) :element-type 'bit))
      (array-element-type (make-array '(2 2))))
;;;; => (CHARACTER BIT T)

;;;; case nd-aref-setf-2d
(let ((a (make-array '(2 3) :initial-element 0)))
  (setf (aref a 1 2) 'x)
  (incf (aref a 0 1) 5)
  (list a (aref a 1 2) (aref a 0 1)))
;;;; => (#2A((0 5 0) (0 0 X)) X 5)

;;;; case nd-aref-setf-3d
(let ((a (make-array '(2 3 4) :initial-element 0)))
  (dotimes (i 2) (dotimes (j 3) (dotimes (k 4) (setf (aref a i j k) (+ (* 100 i) (* 10 j) k)))))
  (list (aref a 1 2 3) (aref a 0 1 2) (row-major-aref a 23) (row-major-aref a 6)))
;;;; => (123 12 123 12)

;;;; case nd-aref-rank0
(let ((a (make-array '() :initial-element 7)))
  (list (aref a) (setf (aref a) 9) a (incf (aref a))))
;;;; => (7 9 #0A10 10)

;;;; case nd-aref-funcall-apply
(let ((a (make-array '(2 2) :initial-contents '((1 2) (3 4)))))
  (list (funcall #'aref a 1 0) (apply #'aref a '(0 1)) (apply #'aref a 1 '(1))))
;;;; => (3 2 4)

;;;; case nd-aref-index-too-large
(let ((a (make-array '(2 3)))) (aref a 2 0))
;;;; error: TYPE-ERROR

;;;; case nd-aref-second-index-too-large
(defun get-cell (a i j) (aref a i j))
(get-cell (make-array '(2 3)) 1 3)
;;;; error: TYPE-ERROR

;;;; case nd-aref-negative-index
(defun get-cell2 (a i j) (aref a i j))
(get-cell2 (make-array '(2 3)) -1 0)
;;;; error: TYPE-ERROR

;;;; case nd-aref-non-integer-index
(defun get-cell3 (a i j) (aref a i j))
(get-cell3 (make-array '(2 3)) 'x 0)
;;;; error: TYPE-ERROR

;;;; case nd-aref-too-many-subscripts
(defun get-cell4 (a) (aref a 0 1 2))
(get-cell4 (make-array '(2 3)))
;;;; error: TYPE-ERROR

;;;; case nd-aref-two-subscripts-on-vector
(defun get-cell5 (a) (aref a 0 1))
(get-cell5 (vector 1 2))
;;;; error: TYPE-ERROR

;;;; case nd-aref-of-list
(defun get-cell6 (a) (aref a 0 1))
(get-cell6 (list 1 2))
;;;; error: TYPE-ERROR

;;;; case nd-aref-no-subscripts-on-vector
(defun get-cell7 (a) (aref a))
(get-cell7 (vector 1))
;;;; error: TYPE-ERROR

;;;; case nd-bounds-error-handled
(defun safe-ref (a i j) (handler-case (aref a i j) (type-error () :out)))
(let ((a (make-array '(2 2) :initial-element 1)))
  (list (safe-ref a 1 1) (safe-ref a 2 0) (safe-ref a 0 5) (safe-ref a 0 -1)))
;;;; => (1 :OUT :OUT :OUT)

;;;; case nd-setf-index-too-large
(defun set-cell (a i j v) (setf (aref a i j) v))
(set-cell (make-array '(2 3)) 5 0 1)
;;;; error: TYPE-ERROR

;;;; case nd-setf-bit-element-type
(defun set-bit-cell (a v) (setf (aref a 0 0) v))
(set-bit-cell (make-array '(2 3) :element-type 'bit) 2)
;;;; error: TYPE-ERROR

;;;; case nd-setf-character-element-type
(defun set-char-cell (a v) (setf (aref a 0 0) v))
(set-char-cell (make-array '(2 3) :element-type 'character :initial-element #\a) 2)
;;;; error: TYPE-ERROR

;;;; case nd-setf-fixnum-element-type
(defun set-fix-cell (a v) (setf (aref a 1 1) v))
(let ((a (make-array '(2 2) :element-type 'fixnum)))
  (set-fix-cell a 42)
  (list a (handler-case (set-fix-cell a 'x) (type-error () :refused)) a))
;;;; => (#2A((0 0) (0 42)) :REFUSED #2A((0 0) (0 42)))

;;;; case nd-dimension-functions
(let ((a (make-array '(2 3 4))))
  (list (array-rank a) (array-dimensions a) (array-dimension a 0) (array-dimension a 2) (array-total-size a)))
;;;; => (3 (2 3 4) 2 4 24)

;;;; case nd-rank0-dimension-functions
(let ((a (make-array '())))
  (list (array-rank a) (array-dimensions a) (array-total-size a) (array-row-major-index a) (array-in-bounds-p a)))
;;;; => (0 NIL 1 0 T)

;;;; case nd-vector-dimension-functions
(let ((v (vector 1 2 3)))
  (list (array-rank v) (array-dimensions v) (array-dimension v 0) (array-total-size v) (array-rank "abc")))
;;;; => (1 (3) 3 3 1)

;;;; case nd-array-dimension-axis-too-big
(defun dim (a k) (array-dimension a k))
(dim (make-array '(2 3)) 2)
;;;; error: SIMPLE-ERROR

;;;; case nd-array-dimension-vector-axis
(defun dim2 (a k) (array-dimension a k))
(dim2 (vector 1 2) 1)
;;;; error: SIMPLE-ERROR

;;;; case nd-array-rank-of-list
(defun rank (a) (array-rank a))
(rank '(1 2))
;;;; error: TYPE-ERROR

;;;; case nd-row-major-index
(let ((a (make-array '(2 3 4))))
  (list (array-row-major-index a 0 0 0) (array-row-major-index a 1 2 3) (array-row-major-index a 1 0 2)))
;;;; => (0 23 14)

;;;; case nd-row-major-index-out-of-bounds
(defun rmi (a i j) (array-row-major-index a i j))
(rmi (make-array '(2 3)) 1 3)
;;;; error: TYPE-ERROR

;;;; case nd-row-major-aref
(let ((a (make-array '(2 2) :initial-contents '((1 2) (3 4)))))
  (setf (row-major-aref a 3) 'z)
  (list (row-major-aref a 0) (row-major-aref a 2) a))
;;;; => (1 3 #2A((1 2) (3 Z)))

;;;; case nd-row-major-aref-out-of-bounds
(defun rma (a i) (row-major-aref a i))
(rma (make-array '(2 2)) 4)
;;;; error: TYPE-ERROR

;;;; case nd-row-major-copy
(defun copy-array (a)
  (let ((b (make-array (array-dimensions a))))
    (dotimes (i (array-total-size a) b)
      (setf (row-major-aref b i) (row-major-aref a i)))))
(let* ((a (make-array '(2 3) :initial-contents '((1 2 3) (4 5 6)))) (b (copy-array a)))
  (setf (aref b 0 0) 'new)
  (list a b (eq a b) (equalp a (copy-array a))))
;;;; => (#2A((1 2 3) (4 5 6)) #2A((NEW 2 3) (4 5 6)) NIL T)

;;;; case nd-array-in-bounds-p
(let ((a (make-array '(2 3))))
  (list (array-in-bounds-p a 1 2) (array-in-bounds-p a 2 2) (array-in-bounds-p a -1 2) (array-in-bounds-p a 0 3)))
;;;; => (T NIL NIL NIL)

;;;; case nd-predicates
(let ((a (make-array '(2 2))))
  (list (arrayp a) (vectorp a) (simple-vector-p a) (typep a 'simple-array) (typep a 'sequence) (typep a 'atom)
        (stringp (make-array '(2 2) :element-type 'character)) (bit-vector-p (make-array '(2 2) :element-type 'bit))))
;;;; => (T NIL NIL T NIL T NIL NIL)

;;;; case nd-typep-dimension-specs
(let ((a (make-array '(2 2))))
  (list (typep a '(array t (2 2))) (typep a '(array t (* *))) (typep a '(array t (*))) (typep a '(array * 2))
        (typep a '(simple-array * (2 *))) (typep a '(array t (2 3))) (typep a '(array fixnum)) (typep a 'vector)
        (typep a '(vector t)) (typep (vector 1 2 3) '(array * 1)) (typep (vector 1 2 3) '(array * 2))
        (typep (make-array '()) '(array t 0)) (typep "abc" '(array character (3)))))
;;;; => (T T NIL T T NIL NIL NIL NIL T NIL T T)

;;;; case nd-typep-adjustable
(let ((a (make-array '(2 2) :adjustable t)))
  (list (typep a 'array) (typep a 'simple-array) (adjustable-array-p a) (adjustable-array-p (make-array '(2 2)))
        (array-has-fill-pointer-p a)))
;;;; => (T NIL T NIL NIL)

;;;; case nd-typecase-dispatch
(defun describe-shape (x)
  (typecase x
    (string :string)
    (vector :vector)
    ((array * 2) :matrix)
    (array :array)
    (t :other)))
(mapcar #'describe-shape (list "s" (vector 1) (make-array '(2 2)) (make-array '(1 1 1)) 5))
;;;; => (:STRING :VECTOR :MATRIX :ARRAY :OTHER)

;;;; case nd-equalp
(list (equalp (make-array '(2 2) :initial-element 1) (make-array '(2 2) :initial-element 1.0))
      (equalp (make-array '(2 2) :initial-element 1) (make-array '(4) :initial-element 1))
      (equalp (make-array '(2 2) :initial-element 1) (make-array '(1 4) :initial-element 1))
      (equalp (make-array '(2 2) :initial-element #\a) (make-array '(2 2) :initial-element #\A))
      (equalp #2A(("AB" 2)) #2A(("ab" 2.0)))
      (equalp (make-array '() :initial-element 1) (make-array '() :initial-element 1)))
;;;; => (T NIL NIL T T T)

;;;; case nd-equal-is-identity
(let ((a (make-array '(2 2) :initial-element 1)))
  (list (equal a a) (equal a (make-array '(2 2) :initial-element 1)) (eql a a)))
;;;; => (T NIL T)

;;;; case nd-equalp-hash-table
(let ((h (make-hash-table :test 'equalp)))
  (setf (gethash #2A((1 2)) h) 'x)
  (list (gethash #2A((1.0 2)) h) (gethash #(1 2) h) (gethash #2A((1) (2)) h)))
;;;; => (X NIL NIL)

;;;; case nd-reader-syntax
(list '#2A((1 2) (3 4)) #2A((a b) (c d)) '#0A5 #0Afoo '#1A(1 2 3) #3A(((1 2)) ((3 4))) #2A() #2A(() ()))
;;;; => (#2A((1 2) (3 4)) #2A((A B) (C D)) #0A5 #0AFOO #(1 2 3) #3A(((1 2)) ((3 4))) #2A() #2A(() ()))

;;;; case nd-reader-syntax-dimensions
(list (array-dimensions #2A(() ())) (array-dimensions #2A()) (array-dimensions #2A("ab" "cd")) (aref #2A("ab" "cd") 1 0)
      (type-of #2A((1 2) (3 4))))
;;;; => ((2 0) (0 0) (2 2) #\c (SIMPLE-ARRAY T (2 2)))

;;;; case nd-read-from-string
(let ((a (read-from-string "#2a((1 2 3) (4 5 6))")))
  (list a (aref a 1 2) (array-dimensions a)))
;;;; => (#2A((1 2 3) (4 5 6)) 6 (2 3))

;;;; case nd-read-from-string-malformed
(read-from-string "#2A(1 2)")
;;;; error: READER-ERROR

;;;; case nd-printing
(let ((a #2A((1 "a") (#\b c))))
  (list (prin1-to-string a) (princ-to-string a) (format nil "~a|~s" #0A"x" #0A"x")
        (prin1-to-string (make-array '(2 2) :element-type 'character :initial-element #\x))))
;;;; => ("#2A((1 \"a\") (#\\b C))" "#2A((1 a) (b C))" "#0Ax|#0A\"x\"" "#2A((#\\x #\\x) (#\\x #\\x))")

;;;; case nd-print-length
(list (let ((*print-length* 1)) (prin1-to-string #2A((1 2) (3 4))))
      (let ((*print-length* 0)) (prin1-to-string #2A((1 2) (3 4))))
      (let ((*print-length* 2)) (prin1-to-string (make-array '(3 3 3) :initial-element 1))))
;;;; => ("#2A((1 ...) ...)" "#2A(...)" "#3A(((1 1 ...) (1 1 ...) ...) ((1 1 ...) (1 1 ...) ...) ...)")

;;;; case nd-print-level
(list (let ((*print-level* 1)) (prin1-to-string #2A((1 2) (3 4))))
      (let ((*print-level* 1)) (prin1-to-string (list #2A((1 2) (3 4)))))
      (let ((*print-level* 2)) (prin1-to-string (list #2A((1 2) (3 4)))))
      (let ((*print-level* 3)) (prin1-to-string (make-array '(2 2) :initial-element '(a (b)))))
      (let ((*print-level* 0)) (prin1-to-string #0A(1 2)))
      (let ((*print-level* 0)) (prin1-to-string #0A5)))
;;;; => ("#2A(# #)" "(#2A#)" "(#2A(# #))" "#2A(((A #) (A #)) ((A #) (A #)))" "#0A#" "#0A5")

;;;; case nd-print-output
(let ((board (make-array '(2 2) :initial-contents '((x o) (nil x)))))
  (print board)
  (format t "~%~a~%" board)
  (write board)
  nil)
;;;; => NIL
;;;; out: ""
;;;; out: "#2A((X O) (NIL X)) "
;;;; out: "#2A((X O) (NIL X))"
;;;; out: "#2A((X O) (NIL X))"

;;;; case nd-malformed-contents-short-row
(make-array '(2 2) :initial-contents '((1 2) (3)))
;;;; error: SIMPLE-ERROR

;;;; case nd-malformed-contents-too-many-rows
(make-array '(2 2) :initial-contents '((1 2) (3 4) (5 6)))
;;;; error: SIMPLE-ERROR

;;;; case nd-malformed-contents-not-a-sequence
(defun mk-bad (c) (make-array '(2 2) :initial-contents c))
(mk-bad 5)
;;;; error: SIMPLE-ERROR

;;;; case nd-bad-dimension
(defun mk-dims (d) (make-array d))
(mk-dims '(2 -1))
;;;; error: TYPE-ERROR

;;;; case nd-bad-dimension-symbol
(defun mk-dims2 (d) (make-array d))
(mk-dims2 '(2 a))
;;;; error: TYPE-ERROR

;;;; case nd-both-initial-element-and-contents
(defun mk-both (d) (make-array d :initial-element 0 :initial-contents '((1 2) (3 4))))
(mk-both '(2 2))
;;;; error: SIMPLE-ERROR

;;;; case nd-fill-pointer-refused
(defun mk-fp (d) (make-array d :fill-pointer 0))
(mk-fp '(2 2))
;;;; error: SIMPLE-ERROR

;;;; case nd-fill-pointer-nil-accepted
(make-array '(2 2) :fill-pointer nil :initial-element 'e)
;;;; => #2A((E E) (E E))

;;;; case nd-not-a-sequence
(defun len (x) (length x))
(len (make-array '(2 2)))
;;;; error: TYPE-ERROR

;;;; case nd-not-a-sequence-map
(defun to-list (x) (map 'list #'identity x))
(to-list (make-array '(2 2)))
;;;; error: TYPE-ERROR

;;;; case nd-svref-refused
(defun sv (x) (svref x 0))
(sv (make-array '(2 2)))
;;;; error: TYPE-ERROR

;;;; case nd-fill-pointer-of-matrix
(defun fp (x) (fill-pointer x))
(fp (make-array '(2 2)))
;;;; error: TYPE-ERROR

;;;; case nd-adjust-array
(let ((a (make-array '(2 2) :initial-contents '((1 2) (3 4)))))
  (list (adjust-array a '(3 3) :initial-element 0) (adjust-array a '(1 3)) a
        (adjust-array a '(1 3) :initial-contents '((a b c)))))
;;;; => (#2A((1 2 0) (3 4 0) (0 0 0)) #2A((1 2 0)) #2A((1 2) (3 4)) #2A((A B C)))

;;;; case nd-adjust-array-adjustable-in-place
(let* ((a (make-array '(2 2) :adjustable t :initial-contents '((1 2) (3 4)))) (b (adjust-array a '(3 1))))
  (list (eq a b) a (type-of a)))
;;;; => (T #2A((1) (3) (0)) (ARRAY T (3 1)))

;;;; case nd-adjust-array-wrong-rank
(defun adj (a d) (adjust-array a d))
(adj (make-array '(2 2)) '(4))
;;;; error: SIMPLE-ERROR

;;;; case nd-bit-arrays
(let ((a (make-array '(2 2) :element-type 'bit))
      (b (make-array '(2 2) :element-type 'bit :initial-contents '((1 1) (0 1)))))
  (setf (bit a 1 1) 1)
  (setf (sbit a 0 0) 1)
  (list a (bit a 1 1) (sbit b 0 1) (bit-and a b) (bit-ior a b) (bit-not a)))
;;;; => (#2A((1 0) (0 1)) 1 1 #2A((1 0) (0 1)) #2A((1 1) (0 1)) #2A((0 1) (1 0)))

;;;; case nd-vector-of-vectors-still-works
(let ((rows (vector (vector 1 2) (vector 3 4))))
  (setf (aref (aref rows 1) 0) 'x)
  rows)
;;;; => #(#(1 2) #(X 4))

;;;; case nd-matrix-multiply
(defun matmul (a b)
  (let* ((n (array-dimension a 0)) (m (array-dimension a 1)) (p (array-dimension b 1))
         (c (make-array (list n p) :initial-element 0)))
    (dotimes (i n c)
      (dotimes (j p)
        (let ((sum 0))
          (dotimes (k m) (incf sum (* (aref a i k) (aref b k j))))
          (setf (aref c i j) sum))))))
(defun identity-matrix (n)
  (let ((m (make-array (list n n) :initial-element 0)))
    (dotimes (i n m) (setf (aref m i i) 1))))
(defun matrix-power (a k)
  (let ((r (identity-matrix (array-dimension a 0))))
    (dotimes (i k r) (setf r (matmul r a)))))
(let ((fibm (make-array '(2 2) :initial-contents '((1 1) (1 0))))
      (a (make-array '(2 3) :initial-contents '((1 2 3) (4 5 6))))
      (b (make-array '(3 2) :initial-contents '((7 8) (9 10) (11 12)))))
  (list (matmul a b) (matmul b a) (aref (matrix-power fibm 30) 0 1) (matrix-power fibm 12)))
;;;; => (#2A((58 64) (139 154)) #2A((39 54 69) (49 68 87) (59 82 105)) 832040 #2A((233 144) (144 89)))

;;;; case nd-lcs-dp-table
(defun lcs-length (x y)
  (let* ((n (length x)) (m (length y)) (table (make-array (list (1+ n) (1+ m)) :initial-element 0)))
    (loop for i from 1 to n do
      (loop for j from 1 to m do
        (setf (aref table i j)
              (if (char= (char x (1- i)) (char y (1- j)))
                  (1+ (aref table (1- i) (1- j)))
                  (max (aref table (1- i) j) (aref table i (1- j)))))))
    (aref table n m)))
(mapcar #'lcs-length '("ABCBDAB" "kitten" "common lisp" "" "aaaa" "dynamic" "matrix" "array" "table" "xyz" "lisp" "wasm")
        '("BDCABA" "sitting" "compiled lisp" "abc" "aa" "programming" "matrices" "arrays" "tablet" "abc" "clisp" "wasm"))
;;;; => (4 4 8 0 2 3 5 5 5 0 4 4)

;;;; case nd-edit-distance
(defun edit-distance (s u)
  (let* ((n (length s)) (m (length u)) (d (make-array (list (1+ n) (1+ m)))))
    (dotimes (i (1+ n)) (setf (aref d i 0) i))
    (dotimes (j (1+ m)) (setf (aref d 0 j) j))
    (loop for i from 1 to n do
      (loop for j from 1 to m do
        (setf (aref d i j) (min (1+ (aref d (1- i) j)) (1+ (aref d i (1- j)))
                                (+ (aref d (1- i) (1- j)) (if (char= (char s (1- i)) (char u (1- j))) 0 1))))))
    (aref d n m)))
(loop for (a b) in '(("kitten" "sitting") ("flaw" "lawn") ("" "abc") ("lisp" "lisp") ("intention" "execution")
                     ("sunday" "saturday") ("abc" "") ("a" "b") ("gumbo" "gambol") ("book" "back") ("x" "xy"))
      collect (edit-distance a b))
;;;; => (3 2 3 0 5 3 3 1 2 2 1)

;;;; case nd-pascal-triangle
(defun pascal (n)
  (let ((tab (make-array (list n n) :initial-element 0)))
    (dotimes (i n tab)
      (setf (aref tab i 0) 1)
      (loop for j from 1 to i do
        (setf (aref tab i j) (+ (aref tab (1- i) (1- j)) (aref tab (1- i) j)))))))
(defun binomial (n k) (aref (pascal (1+ n)) n k))
(list (pascal 5) (loop for k from 0 to 10 collect (binomial 10 k)) (binomial 40 20))
;;;; => (#2A((1 0 0 0 0) (1 1 0 0 0) (1 2 1 0 0) (1 3 3 1 0) (1 4 6 4 1)) (1 10 45 120 210 252 210 120 45 10 1) 137846528820)

;;;; case nd-tic-tac-toe-board
(defun make-board () (make-array '(3 3) :initial-element nil))
(defun line-winner (board cells)
  (let ((first (aref board (car (first cells)) (cdr (first cells)))))
    (and first (every (lambda (c) (eq (aref board (car c) (cdr c)) first)) cells) first)))
(defun winner (board)
  (let ((lines (append (loop for i below 3 collect (loop for j below 3 collect (cons i j)))
                       (loop for j below 3 collect (loop for i below 3 collect (cons i j)))
                       (list (loop for i below 3 collect (cons i i)) (loop for i below 3 collect (cons i (- 2 i)))))))
    (some (lambda (cells) (line-winner board cells)) lines)))
(defun play (moves)
  (let ((board (make-board)))
    (loop for (who i j) in moves do (setf (aref board i j) who))
    (list (winner board) board)))
(list (play '((x 0 0) (o 1 1) (x 0 1) (o 2 2) (x 0 2)))
      (play '((x 0 2) (o 0 0) (x 1 1) (o 1 0) (x 2 0)))
      (play '((x 0 0) (o 1 1))))
;;;; => ((X #2A((X X X) (NIL O NIL) (NIL NIL O))) (X #2A((O NIL X) (O X NIL) (X NIL NIL))) (NIL #2A((X NIL NIL) (NIL O NIL) (NIL NIL NIL))))

;;;; case nd-game-of-life
(defun neighbours (grid i j)
  (let ((n 0) (rows (array-dimension grid 0)) (cols (array-dimension grid 1)))
    (loop for di from -1 to 1 do
      (loop for dj from -1 to 1 do
        (let ((r (+ i di)) (c (+ j dj)))
          (when (and (not (and (= di 0) (= dj 0))) (array-in-bounds-p grid r c) (= 1 (aref grid r c)))
            (incf n)))))
    n))
(defun life-step (grid)
  (let ((new (make-array (array-dimensions grid) :element-type 'bit)))
    (dotimes (i (array-dimension grid 0) new)
      (dotimes (j (array-dimension grid 1))
        (let ((n (neighbours grid i j)))
          (setf (aref new i j) (if (or (= n 3) (and (= n 2) (= 1 (aref grid i j)))) 1 0)))))))
(let ((g (make-array '(5 5) :element-type 'bit
                     :initial-contents '((0 0 0 0 0) (0 0 1 0 0) (0 0 1 0 0) (0 0 1 0 0) (0 0 0 0 0)))))
  (list (life-step g) (equalp g (life-step (life-step g)))))
;;;; => (#2A((0 0 0 0 0) (0 0 0 0 0) (0 1 1 1 0) (0 0 0 0 0) (0 0 0 0 0)) T)

;;;; case nd-transpose-and-sum
(defun transpose (m)
  (let* ((r (array-dimension m 0)) (c (array-dimension m 1)) (tr (make-array (list c r))))
    (dotimes (i r tr) (dotimes (j c) (setf (aref tr j i) (aref m i j))))))
(defun row-sums (m)
  (loop for i below (array-dimension m 0)
        collect (loop for j below (array-dimension m 1) sum (aref m i j))))
(let ((m #2A((1 2 3) (4 5 6))))
  (list (transpose m) (row-sums m) (row-sums (transpose m)) (transpose (transpose m))))
;;;; => (#2A((1 4) (2 5) (3 6)) (6 15) (5 7 9) #2A((1 2 3) (4 5 6)))

;;;; case nd-mixed-1d-and-2d-in-one-function
(defun fill-from-vector (v rows cols)
  (let ((m (make-array (list rows cols))))
    (dotimes (k (length v) m)
      (setf (aref m (floor k cols) (mod k cols)) (aref v k)))))
(defun diagonal (m)
  (let ((d (make-array (min (array-dimension m 0) (array-dimension m 1)))))
    (dotimes (i (length d) d) (setf (aref d i) (aref m i i)))))
(let ((m (fill-from-vector (vector 1 2 3 4 5 6 7 8 9) 3 3)))
  (list m (diagonal m) (diagonal (fill-from-vector #(a b c d) 2 2)) (simple-vector-p (diagonal m))))
;;;; => (#2A((1 2 3) (4 5 6) (7 8 9)) #(1 5 9) #(A D) T)

;;;; case nd-3d-counts-in-function
(defun histogram-3d (points)
  (let ((h (make-array '(2 2 2) :initial-element 0)))
    (dolist (p points h)
      (incf (aref h (first p) (second p) (third p))))))
(histogram-3d '((0 0 0) (1 1 1) (1 1 1) (0 1 0) (1 0 1) (1 1 1)))
;;;; => #3A(((1 0) (1 0)) ((0 1) (0 3)))

;;;; case nd-array-passed-between-functions-many-calls
(defun cell-inc (a i j) (setf (aref a i j) (1+ (aref a i j))))
(defun sweep (a)
  (dotimes (i (array-dimension a 0) a)
    (dotimes (j (array-dimension a 1))
      (cell-inc a i j))))
(let ((a (make-array '(3 4) :initial-element 0)))
  (dotimes (k 12) (sweep a))
  (list a (reduce #'+ (loop for i below 12 collect (row-major-aref a i)))))
;;;; => (#2A((12 12 12 12) (12 12 12 12) (12 12 12 12)) 144)

;;;; case nd-array-displacement-and-limits
(list (multiple-value-list (array-displacement (make-array '(2 2)))) (multiple-value-list (array-displacement (vector 1)))
      array-rank-limit (< 1000000 array-total-size-limit))
;;;; => ((NIL 0) (NIL 0) 129 T)
