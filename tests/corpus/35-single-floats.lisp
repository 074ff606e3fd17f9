;;;; Single- and double-floats as SBCL has them with *read-default-float-format* = SINGLE-FLOAT: 1.5, 1.5e3,
;;;; 1.5f0, 1.5s0 read as singles (rounded to IEEE binary32 after every operation), 1.5d0 and 1.5l0 as doubles,
;;;; which print with a d exponent marker. Rationals meeting a single give singles; a double anywhere gives a double.

;;;; case sf-read-and-print
(list 1.5 1.5e3 1.5f0 1.5s0 1.5d0 1.5l0 1.5e10 1d20 1d-5 1e-5 1e7 1234567.0 12345678.0 0.001 1d7 1d-3)
;;;; => (1.5 1500.0 1.5 1.5 1.5d0 1.5d0 1.5e10 1.0d20 1.0d-5 1.0e-5 1.0e7 1234567.0 1.2345678e7 0.001 1.0d7 0.001d0)

;;;; case sf-shortest-digits
(list (/ 1.0 3) (/ 2.0 3) 0.1 (* 1.1 1.1) (- 0.1 0.3) (+ 0.1 0.2) 16777217.0 3.4028235e38 1.17549435e-38)
;;;; => (0.33333334 0.6666667 0.1 1.21 -0.20000002 0.3 1.6777216e7 3.4028235e38 1.1754944e-38)

;;;; case sf-double-digits
(list (/ 1d0 3) (+ 0.1d0 0.2d0) (float 1/3 1d0) 123456789d0 1d16 -0d0 -0.0)
;;;; => (0.3333333333333333d0 0.30000000000000004d0 0.3333333333333333d0 1.23456789d8 1.0d16 -0.0d0 -0.0)

;;;; case sf-contagion
(list (+ 1.5 1.5d0) (+ 1/3 1.5) (* 2 0.1) (- 1.5) (1+ 1.5) (+ 16777216 1.0) (* 1.5 2/3) (max 1 2.0) (max 1.0 2d0)
      (abs -1.5) (/ 1 4.0) (/ 1.0 4d0))
;;;; => (3.0d0 1.8333334 0.2 -1.5 2.5 1.6777216e7 1.0 2.0 2.0d0 1.5 0.25 0.25d0)

;;;; case sf-irrational
(list (sqrt 2) (sqrt 2d0) (sqrt 16) (exp 1) (log 10) (log 8 2) (log 100 10) (expt 2 0.5) (expt 2.0 3)
      (expt 2 -0.5) (expt 1.1 10) (atan 1 2) (sin 1) (cos 0) (tan 1) (sin 1d0) (log 1000 10d0))
;;;; => (1.4142135 1.4142135623730951d0 4.0 2.7182817 2.3025851 3.0 2.0 1.4142135 8.0 0.70710677 2.593743 0.4636476 0.84147096 1.0 1.5574077 0.8414709848078965d0 2.9999999999999996d0)

;;;; case sf-complex-results
(list (sqrt -4) (expt -8 1/3) (cis 1))
;;;; => (#C(0.0 2.0) #C(1.0 1.7320508) #C(0.5403023 0.84147096))

;;;; case sf-float-coerce
(list (float 1/3) (float 1/3 1d0) (float 5 1d0) (float 1.5d0 1.0) (float 1.5d0) (coerce 1/3 'float)
      (coerce 1/3 'double-float) (coerce 1 'single-float) (coerce 1.5d0 'single-float) (coerce 1.5 'double-float)
      (coerce 1.5d0 'float))
;;;; => (0.33333334 0.3333333333333333d0 5.0d0 1.5 1.5d0 0.33333334 0.3333333333333333d0 1.0 1.5 1.5d0 1.5d0)

;;;; case sf-rounding-functions
(list (multiple-value-list (floor 2.5)) (ffloor 2.5) (ffloor 2.5d0) (ffloor 5 2) (fround 7/2)
      (multiple-value-list (round 2.5)) (multiple-value-list (truncate 1.7)) (mod 5.5 2) (rem -5.5 2)
      (multiple-value-list (floor 1.0 0.1)) (multiple-value-list (floor 1d0 0.1d0)) (ceiling 1.2) (round -2.5))
;;;; => ((2 0.5) 2.0 2.0d0 2.0 4.0 (2 0.5) (1 0.70000005) 1.5 -1.5 (10 0.0) (10 0.0d0) 2 -2)

;;;; case sf-types
(list (type-of 1.0) (type-of 1d0) (typep 1.0 'single-float) (typep 1.0 'short-float) (typep 1.0 'double-float)
      (typep 1d0 'long-float) (typep 1.0 'float) (typep 1d0 'float) (floatp 1.0) (typep 1.5 '(single-float 0.0 2.0))
      (subtypep 'single-float 'float) (realp 1.0))
;;;; => (SINGLE-FLOAT DOUBLE-FLOAT T T NIL T T T T T T T)

;;;; case sf-equality
(list (eql 1.0 1d0) (= 1.0 1d0) (equalp 1.0 1d0) (equal 1.0 1.0) (eql 0.1 0.1) (= 0.1 0.1d0) (= 0.5 0.5d0)
      (eql 0.0 -0.0) (= 0.0 -0.0) (= 1/2 0.5) (< 0.1 0.1d0) (equalp 1 1.0))
;;;; => (NIL T T T T NIL T NIL T T NIL T)

;;;; case sf-hash-keys
(let ((h (make-hash-table)) (e (make-hash-table :test 'equalp)))
  (setf (gethash 1.0 h) :single (gethash 1d0 h) :double (gethash 1 h) :integer)
  (setf (gethash 1.0 e) :single (gethash 1d0 e) :double)
  (list (hash-table-count h) (gethash 1.0 h) (gethash 1d0 h) (hash-table-count e) (gethash 1 e)))
;;;; => (3 :SINGLE :DOUBLE 1 :DOUBLE)

;;;; case sf-limits
(list most-positive-single-float least-positive-single-float least-positive-normalized-single-float
      most-negative-single-float single-float-epsilon most-positive-double-float most-positive-short-float
      most-positive-long-float)
;;;; => (3.4028235e38 1.4012985e-45 1.1754944e-38 -3.4028235e38 5.960465e-8 1.7976931348623157d308 3.4028235e38 1.7976931348623157d308)

;;;; case sf-float-digits-decode
(list (float-digits 1.0) (float-digits 1d0) (float-precision 1.0) (multiple-value-list (decode-float 1.5))
      (multiple-value-list (integer-decode-float 1.5)) (multiple-value-list (integer-decode-float 0.1))
      (multiple-value-list (integer-decode-float 0.1d0)) (rational 0.1) (rationalize 0.1) (scale-float 1.0 3)
      (float-sign -2.0) (float-sign 1.0 -3d0) (signum -2.5) (float-radix 1.0))
;;;; => (24 53 24 (0.75 1 1.0) (12582912 -23 1) (13421773 -27 1) (7205759403792794 -56 1) 13421773/134217728 1/10 8.0 -1.0 3.0d0 -1.0 2)

;;;; case sf-format
(list (format nil "~F ~E ~G ~$ ~A ~S" 1.5 1.5 1.5 1.5 1.5 1.5)
      (format nil "~F ~G ~$ ~A ~S" 1.5d0 1.5d0 1.5d0 1.5d0 1.5d0)
      (format nil "~F ~E ~,2F ~,3F" 1/3 1/3 0.1 (/ 2.0 3))
      (format nil "~,3E ~10,4F ~D ~,2$" 123.456 3.14159 2.5 1234567.891)
      (format nil "~F ~,2F" 1d20 0.005))
;;;; => ("1.5 1.5e+0 1.5     1.50 1.5 1.5" "1.5 1.5     1.50 1.5d0 1.5d0" "0.33333334 3.3333334e-1 0.10 0.667" "1.235e+2     3.1416 2.5 1234567.90" "100000000000000000000.0 0.00")

;;;; case sf-overflow-single
(* 1e30 1e30)
;;;; error: FLOATING-POINT-OVERFLOW

;;;; case sf-overflow-coerce
(float 1d300 1.0)
;;;; error: FLOATING-POINT-OVERFLOW

;;;; case sf-read-overflow
(read-from-string "1e39")
;;;; error: READER-ERROR

;;;; case sf-read-default-double
(let ((*read-default-float-format* 'double-float))
  (list (read-from-string "1.5") (type-of (read-from-string "1.5")) (type-of (read-from-string "1.5f0"))
        (prin1-to-string 1.5d0) (prin1-to-string 1.5)))
;;;; => (1.5d0 DOUBLE-FLOAT SINGLE-FLOAT "1.5" "1.5f0")

;;;; case sf-parse-and-strings
(list (parse-integer "42") (read-from-string "0.1") (read-from-string "0.1d0") (prin1-to-string 0.1)
      (princ-to-string 1d0) (write-to-string 2.5e-5))
;;;; => (42 0.1 0.1d0 "0.1" "1.0d0" "2.5e-5")

;;;; case sf-loop-sum
(defun mean (xs) (/ (reduce #'+ xs) (length xs)))
(list (mean '(1 2 3 4)) (mean '(1.0 2.0 3.5)) (mean '(0.1 0.2 0.3)) (mean '(0.1d0 0.2d0 0.3d0))
      (let ((s 0.0)) (dotimes (i 10 s) (incf s 0.1))))
;;;; => (5/2 2.1666667 0.2 0.20000000000000004d0 1.0000001)

;;;; case sf-log-with-base
(list (log 8 2) (log 884086 2) (log 394827 10) (log 998966 10d0) (log 5.8689e24 10d0) (log 8.020402159496268d0 2.0)
      (log 8d0 2) (log 90/29 10d0) (log 0.5 2))
;;;; => (3.0 19.753826 5.5964065 5.999550707181274d0 24.76855597528154d0 3.003674569943378d0 3.0d0 0.4918445290797354d0 -1.0)

;;;; case sf-format-exponential-digits
(list (format nil "~E|~E|~E|~E" 1.5d0 123.456d0 -415.359 39/28)
      (format nil "~G|~G|~G|~G|~G" 8.39221e29 2.29621e-24 1/19 0 3.96687e-5))
;;;; => ("1.4999999999999997d+0|1.2345600000000001d+2|-4.1535902e+2|1.3928571e+0" "839221000000000000000000000000.    |2.29621010000000000000000000000e-24|5.26315800e-2|0.    |3.9668700000e-5")

;;;; case sf-random-and-sums
(let ((*random-state* (make-random-state nil)))
  (list (typep (random 1.0) 'single-float) (typep (random 1d0) 'double-float)
        (loop repeat 5 always (< (random 2.5) 2.5))
        (reduce #'+ '(0.1 0.2 0.3 0.4)) (reduce #'* '(1.1 1.1 1.1)) (apply #'max '(1 2.5 2.5d0 2))))
;;;; => (T T T 1.0 1.3310001 2.5)

;;;; case sf-float-arrays
(list (make-array 2 :element-type 'double-float) (make-array 2 :element-type 'single-float)
      (array-element-type (make-array 2 :element-type 'float))
      (array-element-type (make-array 2 :element-type 'single-float))
      (upgraded-array-element-type 'double-float) (simple-vector-p (make-array 2 :element-type 'single-float)))
;;;; => (#(0.0d0 0.0d0) #(0.0 0.0) T SINGLE-FLOAT DOUBLE-FLOAT NIL)
