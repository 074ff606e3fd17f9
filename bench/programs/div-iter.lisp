;;; div-iter: Gabriel's DIV2, iterative version: halve a 200-element list by walking it and consing.
;;; (run n) halves the list 4n times; the check value sums the lengths of the results.
(defun create-n (n)
  (do ((n n (1- n))
       (a () (push () a)))
      ((= n 0) a)))

(defun iterative-div2 (l)
  (do ((l l (cddr l))
       (a () (push (car l) a)))
      ((null l) a)))

(defun run (n)
  (let ((l (create-n 200))
        (sum 0))
    (dotimes (i n sum)
      (setq sum (+ sum (length (iterative-div2 l))))
      (iterative-div2 l)
      (iterative-div2 l)
      (iterative-div2 l))))
