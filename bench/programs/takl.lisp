;;; takl: Takeuchi's function with lists as counters (Gabriel): list walking, no allocation in the loop.
;;; (run n) = (length (mas (listn n) (listn 12) (listn 6))); Gabriel's size is 18.
(defun listn (n)
  (if (not (= 0 n))
      (cons n (listn (1- n)))))

(defun shorterp (x y)
  (and y (or (null x)
             (shorterp (cdr x) (cdr y)))))

(defun mas (x y z)
  (if (not (shorterp y x))
      z
      (mas (mas (cdr x) y z)
           (mas (cdr y) z x)
           (mas (cdr z) x y))))

(defun run (n)
  (length (mas (listn n) (listn 12) (listn 6))))
