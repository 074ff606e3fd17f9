;;; clysm's tier API (names from the seed contract). Not part of Common Lisp, so SBCL skips these and their
;;; expected lines are written by hand; every case gives the same answer in every tiering mode.

;;;; case tier-compile-star-anonymous
;;;; skip-sbcl: COMPILE* is a clysm extension
(funcall (compile* nil '(lambda (x) (+ x 1))) 41)
;;;; => 42

;;;; case tier-compile-star-named-installs
;;;; skip-sbcl: COMPILE* is a clysm extension
(compile* 'my-add '(lambda (a b) (+ a b)))
(my-add 20 22)
;;;; => 42

;;;; case tier-compile-star-returns-function
;;;; skip-sbcl: COMPILE* is a clysm extension
(functionp (compile* nil '(lambda () 1)))
;;;; => T

;;;; case tier-compile-star-recompile-hotpatches
;;;; skip-sbcl: COMPILE* is a clysm extension
(compile* 'answer '(lambda () 1))
(defun ask () (answer))
(ask)
(compile* 'answer '(lambda () 2))
(ask)
;;;; => 2

;;;; case tier-compile-star-not-a-lambda
;;;; skip-sbcl: COMPILE* is a clysm extension
(compile* 'bad '(not-a-lambda (x) x))
;;;; error: ERROR

;;;; case tier-compile-with-tier-1
;;;; skip-sbcl: COMPILE-WITH-TIER is a clysm extension
(funcall (compile-with-tier :tier-1 '(lambda (n) (* n n))) 12)
;;;; => 144

;;;; case tier-compile-with-bad-tier
;;;; skip-sbcl: COMPILE-WITH-TIER is a clysm extension
(compile-with-tier :tier-7 '(lambda (n) n))
;;;; error: ERROR

;;;; case tier-threshold-is-positive-fixnum
;;;; skip-sbcl: *COMPILATION-THRESHOLD* is a clysm extension
(and (typep *compilation-threshold* 'fixnum) (plusp *compilation-threshold*))
;;;; => T

;;;; case tier-threshold-checked
;;;; skip-sbcl: *COMPILATION-THRESHOLD* is a clysm extension
(setf *compilation-threshold* -5)
(defun after-bad-threshold () 1)
(after-bad-threshold)
;;;; error: ERROR

;;;; case tier-function-tier-of-defun
;;;; skip-sbcl: FUNCTION-TIER is a clysm extension
(defun tiered (x) (* x 2))
(dotimes (i 20) (tiered i))
(not (null (member (function-tier 'tiered) '(:tier-1 :tier-2))))
;;;; => T

;;;; case tier-defun-result-same-after-many-calls
(defun sq (x) (* x x))
(let ((acc 0)) (dotimes (i 50) (incf acc (sq i))) acc)
;;;; => 40425
