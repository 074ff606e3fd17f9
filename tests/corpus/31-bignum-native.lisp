;;;; Integers outside the fixnum range made by compiled code (docs/ABI.md "Integers outside the fixnum range"):
;;;; Tier 2 keeps them as Wasm `$big` structs (base-2^32 limbs); + - * and MOD / FLOOR by a fixnum run in Wasm,
;;;; results that fit a fixnum become fixnums again, and they cross to Tier 1 as ordinary integers. POW2 and
;;;; POW10 build their values by compiled multiplication; EXPT makes the same values in Tier 1 (Python ints).

;;;; case native-big-limb-boundaries
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun add (a b) (+ a b))
(defun sub (a b) (- a b))
(list (add (sub (pow2 32) 1) 1) (sub (pow2 32) 1) (add (sub (pow2 64) 1) 1) (sub (pow2 64) 1)
      (sub (pow2 64) (pow2 64)) (sub (pow2 32) (pow2 64)) (add (pow2 96) (- (pow2 96)))
      (sub (pow2 96) (sub (pow2 64) 1)) (add (- (pow2 64)) (pow2 32)) (add (- (pow2 64)) (- (pow2 64)))
      (sub (- (pow2 31)) (pow2 31)) (add (pow2 31) (pow2 31)) (sub (pow2 33) (pow2 32)))
;;;; => (4294967296 4294967295 18446744073709551616 18446744073709551615 0 -18446744069414584320 0 79228162495817593519834398721 -18446744069414584320 -36893488147419103232 -4294967296 4294967296 4294967296)

;;;; case native-big-fixnum-boundary
(defun add (a b) (+ a b))
(defun sub (a b) (- a b))
(defun mul (a b) (* a b))
(defun neg (a) (- a))
(defun inc (a) (1+ a))
(defun dec (a) (1- a))
(let ((hi (1- (expt 2 30))) (lo (- (expt 2 30))))
  (list (inc hi) (dec (inc hi)) (dec lo) (inc (dec lo)) (mul -1 lo) (neg lo) (neg (neg lo)) (mul 32768 32768)
        (mul -32768 32768) (mul 65536 16384) (mul -65536 16384) (sub 0 lo) (add hi hi) (sub lo hi)
        (eql (dec (inc hi)) hi) (eql (inc (dec lo)) lo) (floor lo -1) (mod lo -1) (mul hi hi) (mul lo lo)))
;;;; => (1073741824 1073741823 -1073741825 -1073741824 1073741824 1073741824 -1073741824 1073741824 -1073741824 1073741824 -1073741824 1073741824 2147483646 -2147483647 T T 1073741824 0 1152921502459363329 1152921504606846976)

;;;; case native-big-multiply-signs
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun mul (a b) (* a b))
(let ((a (1- (pow2 70))) (b (+ (pow2 100) 12345)))
  (list (mul a b) (mul (- a) b) (mul a (- b)) (mul (- a) (- b)) (mul a 0) (mul 0 b) (mul a 1) (mul -1 b)
        (mul a -1073741824) (mul (pow2 64) (pow2 64)) (mul (1- (pow2 64)) (1- (pow2 64)))))
;;;; => (1496577676626844588239305632675649140482620761558983 -1496577676626844588239305632675649140482620761558983 -1496577676626844588239305632675649140482620761558983 1496577676626844588239305632675649140482620761558983 0 0 1180591620717411303423 -1267650600228229401496703217721 -1267650600228229401495629463552 340282366920938463463374607431768211456 340282366920938463426481119284349108225)

;;;; case native-big-floor-mod-signs
(defun pow10 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 10)))))
(defun fm (a b) (list (floor a b) (mod a b)))
(let ((x (+ (pow10 25) 3)))
  (list (fm x 7) (fm (- x) 7) (fm x -7) (fm (- x) -7) (fm x 1) (fm (- x) -1) (fm x 1073741823)
        (fm (- x) 1073741823) (fm x -1073741824) (fm (- x) -1073741824) (fm (* 7 x) 7) (fm (- (* 7 x)) 7)
        (fm (* 7 x) -7) (fm (pow10 20) 10) (fm (- (pow10 20)) 10)))
;;;; => ((1428571428571428571428571 6) (-1428571428571428571428572 1) (-1428571428571428571428572 -1) (1428571428571428571428571 -6) (10000000000000000000000003 0) (10000000000000000000000003 0) (9313225754828402 584343157) (-9313225754828403 489398666) (-9313225746154786 -905969661) (9313225746154785 -167772163) (10000000000000000000000003 0) (-10000000000000000000000003 0) (-10000000000000000000000003 0) (10000000000000000000 0) (-10000000000000000000 0))

;;;; case native-big-compare-mixes
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun cmp (a b) (list (< a b) (= a b) (> a b) (/= a b)))
(list (cmp (pow2 70) (expt 2 70)) (cmp (expt 2 70) (pow2 70)) (cmp (pow2 70) (1+ (expt 2 70)))
      (cmp (- (pow2 70)) (- (expt 2 70))) (cmp (- (pow2 70)) (- -1 (expt 2 70))) (cmp (pow2 70) (pow2 71))
      (cmp (- (pow2 71)) (- (pow2 70))) (cmp (pow2 64) (1- (pow2 64))) (cmp (pow2 40) 5) (cmp -5 (- (pow2 40)))
      (cmp (pow2 40) (- (pow2 40))) (cmp (pow2 70) 1.5d0) (cmp (pow2 70) 1/3) (cmp (pow2 70) (float (expt 2 70) 1d0))
      (list (zerop (pow2 40)) (plusp (pow2 40)) (minusp (- (pow2 40)))))
;;;; => ((NIL T NIL NIL) (NIL T NIL NIL) (T NIL NIL T) (NIL T NIL NIL) (NIL NIL T T) (T NIL NIL T) (T NIL NIL T) (NIL NIL T T) (NIL NIL T T) (NIL NIL T T) (NIL NIL T T) (NIL NIL T T) (NIL NIL T T) (NIL T NIL NIL) (NIL T T))

;;;; case native-big-eql-across-tiers
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun same (a b) (list (eql a b) (equal a b) (eql b a)))
(let ((h (make-hash-table)) (x (pow2 80)))
  (setf (gethash (expt 2 80) h) :found)
  (list (same x (expt 2 80)) (same x (pow2 80)) (same x (- (pow2 80))) (same x 1) (same x 1.5d0)
        (gethash x h) (member x (list 1 (expt 2 80))) (eql x x) (position (pow2 80) (vector 1 2 (expt 2 80)))))
;;;; => ((T T T) (T T T) (NIL NIL NIL) (NIL NIL NIL) (NIL NIL NIL) :FOUND (1208925819614629174706176) T 2)

;;;; case native-big-python-operands
(defun add (a b) (+ a b))
(defun sub (a b) (- a b))
(defun mul (a b) (* a b))
(defun md (a b) (list (mod a b) (floor a b)))
(list (add (expt 10 30) 1) (sub (expt 10 30) (expt 10 30)) (mul (expt 10 30) (- (expt 10 30)))
      (add (- (expt 2 64)) (1- (expt 2 64))) (sub (expt 16 8) (expt 16 7)) (md (- (expt 10 30)) 9)
      (md (expt 2 100) -3))
;;;; => (1000000000000000000000000000001 0 -1000000000000000000000000000000000000000000000000000000000000 -1 4026531840 (8 -111111111111111111111111111112) (-2 -422550200076076467165567735126))

;;;; case native-big-other-operations
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun ops (x) (list (format nil "~a" x) (integer-length x) (gcd x (pow2 50)) (multiple-value-list (truncate x 7))
                     (rem (- x) 7) (/ x 3) (+ x 1.5d0) (* x 1/3) (floor x (pow2 65)) (mod x (- (pow2 65)))
                     (evenp x) (abs (- x)) (max x 3) (logand x 255)))
(list (ops (+ (pow2 70) 5)) (- 0.0d0))
;;;; => (("1180591620717411303429" 71 1 (168655945816773043347 0) 0 393530540239137101143 1.1805916207174113d21 393530540239137101143 32 -36893488147419103227 NIL 1180591620717411303429 1180591620717411303429 5) -0.0d0)

;;;; case native-big-type-error
(defun pow2 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 2)))))
(defun add (a b) (+ a b))
(add (pow2 70) nil)
;;;; error: TYPE-ERROR

;;;; case native-big-digit-sums
(defun fact (n) (do ((i 1 (1+ i)) (acc 1 (* acc i))) ((> i n) acc)))
(defun big-fib (n) (do ((i 0 (1+ i)) (a 0 b) (b 1 (+ a b))) ((= i n) a)))
(defun digit-sum (x) (let ((sum 0)) (loop while (> x 0) do (setq sum (+ sum (mod x 10)) x (floor x 10))) sum))
(list (digit-sum (fact 300)) (digit-sum (big-fib 1500)) (mod (fact 300) 1000003) (floor (big-fib 300) 99991)
      (- (big-fib 200) (big-fib 199) (big-fib 198)))
;;;; => (2466 1395 943844 2222522473316802967564479737795501267180715655373981308227 0)

;;;; case native-truncate-rem-signs
(defun pow10 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 10)))))
(defun tr (a b) (list (truncate a b) (rem a b) (multiple-value-list (truncate a b))))
(let ((x (+ (pow10 25) 3)))
  (list (tr x 7) (tr (- x) 7) (tr x -7) (tr (- x) -7) (tr x 1073741823) (tr (- x) -1073741824) (tr (* 7 x) -7)
        (tr 17 5) (tr -17 5) (tr 17 -5) (tr -17 -5) (tr (- (expt 2 30)) -1) (tr (- (expt 2 30)) 1)
        (tr 0 -3) (tr 7.5d0 2) (tr (expt 10 20) (expt 10 19)) (tr -100 (expt 10 20))))
;;;; => ((1428571428571428571428571 6 (1428571428571428571428571 6)) (-1428571428571428571428571 -6 (-1428571428571428571428571 -6)) (-1428571428571428571428571 6 (-1428571428571428571428571 6)) (1428571428571428571428571 -6 (1428571428571428571428571 -6)) (9313225754828402 584343157 (9313225754828402 584343157)) (9313225746154785 -167772163 (9313225746154785 -167772163)) (-10000000000000000000000003 0 (-10000000000000000000000003 0)) (3 2 (3 2)) (-3 -2 (-3 -2)) (-3 2 (-3 2)) (3 -2 (3 -2)) (1073741824 0 (1073741824 0)) (-1073741824 0 (-1073741824 0)) (0 0 (0 0)) (3 1.5d0 (3 1.5d0)) (10 0 (10 0)) (0 -100 (0 -100)))

;;;; case native-rem-by-zero
(defun r0 (a b) (rem a b))
(r0 (* (expt 10 10) (expt 10 10)) 0)
;;;; error: DIVISION-BY-ZERO

;;;; case native-truncate-fixnum-by-zero
(defun t0 (a b) (truncate a b))
(t0 5 0)
;;;; error: DIVISION-BY-ZERO

;;;; case native-repeated-division-same-operands
(defun pow10 (n) (let ((x 1)) (dotimes (i n x) (setq x (* x 10)))))
(defun seq (x d) (let* ((q (truncate x d)) (f (floor x d)) (m (mod x d)) (r (rem x d)) (q2 (truncate x d))
                        (f2 (floor x d)) (f3 (floor x (- d))) (m3 (mod x (- d))))
                   (list q f m r q2 f2 f3 m3 (eql q q2) (eql f f2))))
(let ((x (- 5 (pow10 30))))
  (list (seq x 7) (seq (- x) 7) (seq x 1) (seq (pow10 30) 1000) (seq (+ x (pow10 31)) 1073741823)))
;;;; => ((-142857142857142857142857142856 -142857142857142857142857142857 4 -3 -142857142857142857142857142856 -142857142857142857142857142857 142857142857142857142857142856 -3 T T) (142857142857142857142857142856 142857142857142857142857142856 3 3 142857142857142857142857142856 142857142857142857142857142856 -142857142857142857142857142857 -4 T T) (-999999999999999999999999999995 -999999999999999999999999999995 0 0 -999999999999999999999999999995 -999999999999999999999999999995 999999999999999999999999999995 0 T T) (1000000000000000000000000000 1000000000000000000000000000 0 0 1000000000000000000000000000 1000000000000000000000000000 -1000000000000000000000000000 0 T T) (8381903179345562289790 8381903179345562289790 831112835 831112835 8381903179345562289790 8381903179345562289790 -8381903179345562289791 -242628988 T T))
