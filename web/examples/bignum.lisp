;;; Bignums: integers grow without limit, in both tiers.

(defun factorial (n)
  (if (< n 2)
      1
      (* n (factorial (- n 1)))))

(format t "20! = ~a~%" (factorial 20))
(format t "2^100 = ~a~%" (expt 2 100))
(format t "digits in 100!: ~a~%" (length (format nil "~a" (factorial 100))))
(factorial 50)
