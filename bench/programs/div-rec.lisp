;;; div-rec: Gabriel's DIV2, recursive version: halve a 200-element list by non-tail recursion.
;;; (run n) halves the list 4n times; the check value sums the lengths of the results.
(defun create-n (n)
  (do ((n n (1- n))
       (a () (push () a)))
      ((= n 0) a)))

(defun recursive-div2 (l)
  (cond ((null l) ())
        (t (cons (car l) (recursive-div2 (cddr l))))))

(defun run (n)
  (let ((l (create-n 200))
        (sum 0))
    (dotimes (i n sum)
      (setq sum (+ sum (length (recursive-div2 l))))
      (recursive-div2 l)
      (recursive-div2 l)
      (recursive-div2 l))))
