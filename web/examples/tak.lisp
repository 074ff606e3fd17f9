;;; TAK: Takeuchi's function, a deep, call-heavy benchmark (63,609 calls).
;;; It is promoted to Tier 2 after a few calls; try mode "Tier 1 only" to compare.

(defun tak (x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(tak 18 12 6)
