;;; tak: Takeuchi's function (Gabriel). Calls and fixnum comparisons.
;;; (run n) evaluates (tak 18 12 6) n times and sums the results (7 each); size 1 is the issue's "tak 18 12 6".
(defun tak (x y z)
  (if (not (< y x))
      z
      (tak (tak (1- x) y z)
           (tak (1- y) z x)
           (tak (1- z) x y))))

(defun run (n)
  (let ((sum 0))
    (dotimes (i n sum)
      (setq sum (+ sum (tak 18 12 6))))))
