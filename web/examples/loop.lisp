;;; The LOOP macro: iteration, accumulation and termination clauses.

(defun primep (n)
  (and (> n 1)
       (loop for d from 2 to (isqrt n)
             never (zerop (mod n d)))))

(format t "primes: ~a~%" (loop for n from 2 below 60 when (primep n) collect n))
(format t "sum of squares 1..10: ~a~%" (loop for i from 1 to 10 sum (* i i)))
(format t "pairs: ~a~%" (loop for x in '(a b c) for i from 1 collect (cons i x)))

(loop for word in '("lisp" "wasm" "jit" "tier")
      maximize (length word) into longest
      count (find #\i word) into with-i
      finally (return (list :longest longest :with-i with-i)))
