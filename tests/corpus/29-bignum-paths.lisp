;;;; Integers outside the fixnum range in compiled code (docs/ABI.md "Wire numbers"): their kind (integer above or
;;;; below every fixnum) travels with the wire, so comparisons with fixnums and sign tests are decided without
;;;; asking Python; arithmetic, MOD and FLOOR on them run in Wasm (31-bignum-native.lisp), other numbers take the
;;;; registry call.

;;;; case big-compare-with-fixnums
(defun cmp-all (a b) (list (< a b) (> a b) (<= a b) (>= a b) (= a b) (/= a b)))
(let ((big (expt 2 40)) (neg (- (expt 2 40))))
  (list (cmp-all big 0) (cmp-all 0 big) (cmp-all neg 5) (cmp-all 5 neg) (cmp-all big neg) (cmp-all neg big)
        (cmp-all big big) (cmp-all big (1+ big)) (cmp-all (expt 2 30) (1- (expt 2 30)))
        (cmp-all (- (expt 2 30)) (- -1 (expt 2 30)))))
;;;; => ((NIL T NIL T NIL T) (T NIL T NIL NIL T) (T NIL T NIL NIL T) (NIL T NIL T NIL T) (NIL T NIL T NIL T) (T NIL T NIL NIL T) (NIL NIL T T T NIL) (T NIL T NIL NIL T) (NIL T NIL T NIL T) (NIL T NIL T NIL T))

;;;; case big-compare-with-non-integers
(defun cmp-all (a b) (list (< a b) (> a b) (= a b)))
(let ((big (expt 2 40)))
  (list (cmp-all big 1.5d12) (cmp-all big 1/3) (cmp-all big (float (expt 2 40) 1d0)) (cmp-all 1/3 (- big))))
;;;; => ((T NIL NIL) (NIL T NIL) (NIL NIL T) (NIL T NIL))

;;;; case big-sign-tests
(defun signs (x) (list (zerop x) (plusp x) (minusp x)))
(list (signs (expt 2 40)) (signs (- (expt 2 40))) (signs (expt 2 30)) (signs (- -1 (expt 2 30))) (signs 0)
      (signs 1.5d0) (signs -1/2))
;;;; => ((NIL T NIL) (NIL NIL T) (NIL T NIL) (NIL NIL T) (T NIL NIL) (NIL T NIL) (NIL NIL T))

;;;; case big-eql-equal
(defun same (a b) (list (eql a b) (equal a b) (eq a a)))
(let ((x (expt 2 70)))
  (list (same x (expt 2 70)) (same (- x) (- (expt 2 70))) (same x (- x)) (same x 1) (same 1.5d0 1.5d0)))
;;;; => ((T T T) (T T T) (NIL NIL T) (NIL NIL T) (T T T))

;;;; case big-mod-floor
(defun mf (a b) (list (mod a b) (floor a b) (multiple-value-list (floor a b))))
(list (mf (expt 10 20) 7) (mf (- (expt 10 20)) 7) (mf (expt 10 20) -7) (mf 100 (expt 10 20))
      (mf (- (expt 2 30)) -1) (mf (expt 10 20) (expt 10 19)) (mf 7.5d0 2))
;;;; => ((2 14285714285714285714 (14285714285714285714 2)) (5 -14285714285714285715 (-14285714285714285715 5)) (-5 -14285714285714285715 (-14285714285714285715 -5)) (100 0 (0 100)) (0 1073741824 (1073741824 0)) (0 10 (10 0)) (1.5d0 3 (3 1.5d0)))

;;;; case big-mod-by-zero
(defun m0 (a b) (mod a b))
(m0 (expt 10 20) 0)
;;;; error: DIVISION-BY-ZERO

;;;; case big-digit-sum-factorial
(defun fact (n) (do ((i 1 (1+ i)) (acc 1 (* acc i))) ((> i n) acc)))
(defun digit-sum (x) (let ((sum 0)) (loop while (> x 0) do (setq sum (+ sum (mod x 10)) x (floor x 10))) sum))
(list (digit-sum (fact 100)) (fact 25) (- (fact 22)))
;;;; => (648 15511210043330985984000000 -1124000727777607680000)
