;;; Hash tables: make-hash-table with :test, gethash (default, second value), setf gethash, remhash, maphash,
;;; hash-table-count, clrhash, hash-table-p. (Iteration order is unspecified, so results are sorted.)

;;;; case ht-basic
(let ((h (make-hash-table))) (setf (gethash 'a h) 1) (setf (gethash 'b h) 2) (list (gethash 'a h) (gethash 'b h)))
;;;; => (1 2)

;;;; case ht-missing-default
(let ((h (make-hash-table))) (list (gethash 'x h) (gethash 'x h 'default)))
;;;; => (NIL DEFAULT)

;;;; case ht-second-value
(let ((h (make-hash-table)))
  (setf (gethash 'k h) nil)
  (list (multiple-value-list (gethash 'k h)) (multiple-value-list (gethash 'q h 0))))
;;;; => ((NIL T) (0 NIL))

;;;; case ht-overwrite
(let ((h (make-hash-table))) (setf (gethash 1 h) 'one) (setf (gethash 1 h) 'uno) (list (gethash 1 h) (hash-table-count h)))
;;;; => (UNO 1)

;;;; case ht-count
(let ((h (make-hash-table))) (dotimes (i 10) (setf (gethash i h) (* i i))) (list (hash-table-count h) (gethash 7 h)))
;;;; => (10 49)

;;;; case ht-eql-test-numbers
(let ((h (make-hash-table))) (setf (gethash 1.5 h) 'f (gethash (expt 2 70) h) 'big)
  (list (gethash 1.5 h) (gethash (expt 2 70) h) (gethash 1 h)))
;;;; => (F BIG NIL)

;;;; case ht-eq-test-vs-equal-strings
(let ((h1 (make-hash-table)) (h2 (make-hash-table :test 'equal)))
  (setf (gethash (copy-seq "key") h1) 1 (gethash (copy-seq "key") h2) 2)
  (list (gethash "key" h1) (gethash "key" h2)))
;;;; => (NIL 2)

;;;; case ht-equal-test-lists
(let ((h (make-hash-table :test #'equal)))
  (setf (gethash '(1 2) h) 'pair)
  (gethash (list 1 2) h))
;;;; => PAIR

;;;; case ht-equalp-test
(let ((h (make-hash-table :test 'equalp)))
  (setf (gethash "Hello" h) 'found)
  (list (gethash "HELLO" h) (gethash "hello" h)))
;;;; => (FOUND FOUND)

;;;; case ht-eq-test-symbols
(let ((h (make-hash-table :test 'eq))) (setf (gethash 'sym h) 's) (gethash 'sym h))
;;;; => S

;;;; case ht-remhash
(let ((h (make-hash-table)))
  (setf (gethash 'a h) 1 (gethash 'b h) 2)
  (list (remhash 'a h) (remhash 'zz h) (hash-table-count h) (gethash 'a h)))
;;;; => (T NIL 1 NIL)

;;;; case ht-maphash
(let ((h (make-hash-table)) (acc nil))
  (setf (gethash 1 h) 'a (gethash 2 h) 'b (gethash 3 h) 'c)
  (maphash (lambda (k v) (push (cons k v) acc)) h)
  (sort acc #'< :key #'car))
;;;; => ((1 . A) (2 . B) (3 . C))

;;;; case ht-maphash-returns-nil
(let ((h (make-hash-table))) (setf (gethash 1 h) 2) (maphash (lambda (k v) (+ k v)) h))
;;;; => NIL

;;;; case ht-clrhash
(let ((h (make-hash-table))) (setf (gethash 1 h) 2) (clrhash h) (list (hash-table-count h) (gethash 1 h)))
;;;; => (0 NIL)

;;;; case ht-hash-table-p
(list (hash-table-p (make-hash-table)) (hash-table-p '((a . 1))))
;;;; => (T NIL)

;;;; case ht-word-frequencies
(let ((h (make-hash-table :test 'equal)))
  (dolist (w '("a" "b" "a" "c" "b" "a")) (incf (gethash w h 0)))
  (sort (loop for k being the hash-keys of h using (hash-value v) collect (list k v)) #'string< :key #'first))
;;;; => (("a" 3) ("b" 2) ("c" 1))

;;;; case ht-memoized-fib
(defvar *memo* (make-hash-table))
(defun mfib (n)
  (or (gethash n *memo*)
      (setf (gethash n *memo*) (if (< n 2) n (+ (mfib (- n 1)) (mfib (- n 2)))))))
(mfib 90)
;;;; => 2880067194370816120

;;;; case ht-character-keys
(let ((h (make-hash-table)))
  (loop for c across "mississippi" do (incf (gethash c h 0)))
  (list (gethash #\s h) (gethash #\i h) (gethash #\m h)))
;;;; => (4 4 1)

;;;; case ht-values-are-shared
(let ((h (make-hash-table)) (cell (list 1)))
  (setf (gethash 'c h) cell)
  (setf (car cell) 99)
  (gethash 'c h))
;;;; => (99)
