;;; Numbers: generic arithmetic with ratios, floats and bignums, the i31 fixnum boundary (2^30) in both signs,
;;; comparisons, floor/ceiling/truncate/round with both values, mod rem gcd lcm expt isqrt sqrt, predicates.

;;;; case num-add
(+ 1 2 3 4)
;;;; => 10

;;;; case num-identity-elements
(list (+) (*) (- 5) (/ 2) (/ 0.5))
;;;; => (0 1 -5 1/2 2.0)

;;;; case num-subtract-multi
(- 10 1 2 3)
;;;; => 4

;;;; case num-multiply
(* 2 3 7)
;;;; => 42

;;;; case num-divide-exact
(/ 12 4)
;;;; => 3

;;;; case num-divide-ratio
(/ 1 3)
;;;; => 1/3

;;;; case num-divide-multi
(/ 60 2 3)
;;;; => 10

;;;; case num-ratio-arithmetic
(list (+ 1/2 1/3) (- 1/2 1/3) (* 2/3 3/4) (/ 1/2 1/4))
;;;; => (5/6 1/6 1/2 2)

;;;; case num-ratio-to-integer
(+ 1/2 1/2)
;;;; => 1

;;;; case num-ratio-negative
(list (- 1/3) (* -1 2/5) (/ -4 6))
;;;; => (-1/3 -2/5 -2/3)

;;;; case num-float-contagion
(list (+ 1 0.5) (* 2 1.5) (- 1/2 0.25) (/ 1.0 4))
;;;; => (1.5 3.0 0.25 0.25)

;;;; case num-float-arithmetic
(list (+ 0.1 0.2) (* 1.5 1.5) (/ 10.0 4) (- 0.5 1))
;;;; => (0.3 2.25 2.5 -0.5)

;;;; case num-double-arithmetic
(list (+ 0.1d0 0.2d0) (* 1.5d0 1.5d0) (/ 10.0d0 4) (- 0.5d0 1))
;;;; => (0.30000000000000004d0 2.25d0 2.5d0 -0.5d0)

;;;; case num-i31-max-plus-one
(+ 1073741823 1)
;;;; => 1073741824

;;;; case num-i31-min-minus-one
(- -1073741824 1)
;;;; => -1073741825

;;;; case num-i31-boundaries-exact
(list 1073741823 1073741824 -1073741824 -1073741825)
;;;; => (1073741823 1073741824 -1073741824 -1073741825)

;;;; case num-i31-1+-overflow
(list (1+ 1073741823) (1- -1073741824) (1+ -1073741825) (1- 1073741824))
;;;; => (1073741824 -1073741825 -1073741824 1073741823)

;;;; case num-i31-square-overflow
(list (* 32768 32768) (* -32768 32768) (* 32768 32767))
;;;; => (1073741824 -1073741824 1073709056)

;;;; case num-i31-negate-min
(list (- -1073741824) (abs -1073741824) (* -1 -1073741824))
;;;; => (1073741824 1073741824 1073741824)

;;;; case num-i31-sum-back-to-fixnum
(- (+ 1073741823 10) 20)
;;;; => 1073741813

;;;; case num-i31-doubling
(list (+ 1073741823 1073741823) (+ -1073741824 -1073741824))
;;;; => (2147483646 -2147483648)

;;;; case num-i31-loop-crossing
(let ((x 1073741820) (acc nil)) (dotimes (i 6) (push (+ x i) acc)) (nreverse acc))
;;;; => (1073741820 1073741821 1073741822 1073741823 1073741824 1073741825)

;;;; case num-i31-negative-loop-crossing
(let ((x -1073741821) (acc nil)) (dotimes (i 6) (push (- x i) acc)) (nreverse acc))
;;;; => (-1073741821 -1073741822 -1073741823 -1073741824 -1073741825 -1073741826)

;;;; case num-i31-compare-across
(list (< 1073741823 1073741824) (> -1073741825 -1073741824) (= (+ 1073741823 1) 1073741824))
;;;; => (T NIL T)

;;;; case num-i31-floor-of-bignum
(multiple-value-list (floor 1073741824 2))
;;;; => (536870912 0)

;;;; case num-64bit-boundary
(list (* 4294967296 4294967296) (- (expt 2 63)) (+ 9223372036854775807 1) (* 3037000500 3037000500))
;;;; => (18446744073709551616 -9223372036854775808 9223372036854775808 9223372037000250000)

;;;; case num-bignum-arithmetic
(list (expt 2 100) (* (expt 10 20) (expt 10 20)) (- (expt 2 64) 1))
;;;; => (1267650600228229401496703205376 10000000000000000000000000000000000000000 18446744073709551615)

;;;; case num-bignum-back-to-fixnum
(list (- (expt 2 100) (expt 2 100)) (/ (expt 2 100) (expt 2 98)) (- (expt 2 40) (expt 2 40) -5))
;;;; => (0 4 5)

;;;; case num-bignum-ratio
(/ (expt 2 70) (expt 3 40))
;;;; => 1180591620717411303424/12157665459056928801

;;;; case num-bignum-negative
(* -99999999999 99999999999)
;;;; => -9999999999800000000001

;;;; case num-comparisons
(list (< 1 2 3) (< 1 3 2) (= 1 1 1) (/= 1 2 3) (/= 1 2 1) (<= 1 1 2) (>= 3 3 1) (> 3 2 2))
;;;; => (T NIL T T NIL T T NIL)

;;;; case num-compare-mixed
(list (= 1 1.0) (< 1/3 0.34) (= 1/2 0.5) (> 2 3/2))
;;;; => (T T T T)

;;;; case num-1+-1-
(list (1+ 5) (1- 5) (1+ 1/2) (1- 0.5))
;;;; => (6 4 3/2 -0.5)

;;;; case num-min-max
(list (min 3 1 2) (max 3 1 2) (max 1/2 1/3) (min -1 -5))
;;;; => (1 3 1/2 -5)

;;;; case num-abs
(list (abs -5) (abs 5) (abs -1/2) (abs -2.5) (abs (- (expt 2 70))))
;;;; => (5 5 1/2 2.5 1180591620717411303424)

;;;; case num-mod-rem
(list (mod 7 3) (mod -7 3) (mod 7 -3) (rem 7 3) (rem -7 3) (rem 7 -3))
;;;; => (1 2 -2 1 -1 1)

;;;; case num-mod-float
(list (mod 5.5 2) (rem -5.5 2))
;;;; => (1.5 -1.5)

;;;; case num-floor
(list (multiple-value-list (floor 7 2)) (multiple-value-list (floor -7 2)) (multiple-value-list (floor 7)))
;;;; => ((3 1) (-4 1) (7 0))

;;;; case num-ceiling
(list (multiple-value-list (ceiling 7 2)) (multiple-value-list (ceiling -7 2)))
;;;; => ((4 -1) (-3 -1))

;;;; case num-truncate
(list (multiple-value-list (truncate 7 2)) (multiple-value-list (truncate -7 2)))
;;;; => ((3 1) (-3 -1))

;;;; case num-round
(list (multiple-value-list (round 7 2)) (multiple-value-list (round 5 2)) (multiple-value-list (round -5 2)))
;;;; => ((4 -1) (2 1) (-2 -1))

;;;; case num-round-half-even
(mapcar #'round '(0.5 1.5 2.5 3.5 -0.5 -1.5))
;;;; => (0 2 2 4 0 -2)

;;;; case num-floor-float
(list (multiple-value-list (floor 2.5)) (multiple-value-list (ceiling 2.5)) (multiple-value-list (truncate -2.5)))
;;;; => ((2 0.5) (3 -0.5) (-2 -0.5))

;;;; case num-floor-ratio
(list (multiple-value-list (floor 7/2)) (multiple-value-list (round 7/2)) (multiple-value-list (floor 1/2 1/3)))
;;;; => ((3 1/2) (4 -1/2) (1 1/6))

;;;; case num-floor-bignum
(multiple-value-list (floor (expt 10 30) 7))
;;;; => (142857142857142857142857142857 1)

;;;; case num-gcd-lcm
(list (gcd 12 18) (gcd) (gcd -12 18) (gcd 7) (lcm 4 6) (lcm) (lcm 3 5 7))
;;;; => (6 0 6 7 12 1 105)

;;;; case num-gcd-bignum
(gcd (expt 2 80) (* (expt 2 70) 3))
;;;; => 1180591620717411303424

;;;; case num-expt
(list (expt 2 10) (expt 2/3 3) (expt 2 -2) (expt 2.0 3) (expt 0 0) (expt -3 3))
;;;; => (1024 8/27 1/4 8.0 1 -27)

;;;; case num-expt-float-exponent
(expt 2.0 0.5)
;;;; => 1.4142135

;;;; case num-isqrt
(list (isqrt 17) (isqrt 16) (isqrt 0) (isqrt (expt 10 40)))
;;;; => (4 4 0 100000000000000000000)

;;;; case num-sqrt-float
(list (sqrt 16.0) (sqrt 2.0) (sqrt 0.25))
;;;; => (4.0 1.4142135 0.5)

;;;; case num-predicates
(list (zerop 0) (zerop 0.0) (plusp 1) (plusp 0) (minusp -1/2) (evenp 4) (oddp 4) (evenp -3) (oddp -3))
;;;; => (T T T NIL T T NIL NIL T)

;;;; case num-type-predicates
(list (numberp 1) (numberp 'a) (integerp 1/2) (integerp (expt 2 90)) (rationalp 1/2) (rationalp 0.5)
      (floatp 0.5) (floatp 1) (realp 1/3) (realp "1"))
;;;; => (T NIL NIL T T NIL T NIL T NIL)

;;;; case num-numerator-denominator
(list (numerator 6/4) (denominator 6/4) (numerator 5) (denominator 5))
;;;; => (3 2 5 1)

;;;; case num-float-conversion
(list (float 1/2 1.0) (float 3 1.0) (float 0.25 1.0))
;;;; => (0.5 3.0 0.25)

;;;; case num-truncate-to-integer
(list (truncate 3.7) (floor -3.7) (ceiling 3.2) (round 3.7))
;;;; => (3 -4 4 4)

;;;; case num-eql-vs-equal-numbers
(list (eql 1 1) (eql 1 1.0) (eql (expt 2 80) (expt 2 80)) (equal 1/2 2/4) (eql 0.5 0.5))
;;;; => (T NIL T T T)

;;;; case num-bit-operations
(list (ash 1 10) (ash 1024 -3) (ash -1 3) (logand 12 10) (logior 12 10) (logxor 12 10))
;;;; => (1024 128 -8 8 14 6)

;;;; case num-large-factorial-division
(let ((f 1)) (dotimes (i 25) (setq f (* f (1+ i)))) (/ f (* 24 23 22)))
;;;; => 1277273554292736000000

;;;; case num-incf-across-boundary
(let ((n 1073741822)) (incf n) (incf n) (incf n) n)
;;;; => 1073741825

;;;; case num-decf-across-boundary
(let ((n -1073741823)) (decf n) (decf n) (decf n) n)
;;;; => -1073741826

;;;; case num-sum-of-list-big
(reduce #'+ (list 1073741823 1073741823 1073741823 1073741823))
;;;; => 4294967292

;;;; case num-signed-product-signs
(list (* -1073741824 2) (* 1073741824 -2) (* -1073741824 -1073741824))
;;;; => (-2147483648 -2147483648 1152921504606846976)

;;;; case num-division-ratio-large
(/ (expt 2 31) 6)
;;;; => 1073741824/3

;;;; case num-float-large-small
(list 1.0d100 1.0d-100 (* 1.0d200 1.0d100))
;;;; => (1.0d100 1.0d-100 1.0d300)
