;;; bignum: arbitrary-precision integers: factorial by repeated multiplication, a large Fibonacci number by
;;; iteration, and their decimal digit sums by repeated FLOOR by 10 (bignum division).
;;; (run n) = digit-sum(n!) + digit-sum(fib(5n)).
(defun factorial (n)
  (do ((i 1 (1+ i))
       (acc 1 (* acc i)))
      ((> i n) acc)))

(defun big-fib (n)
  (do ((i 0 (1+ i))
       (a 0 b)
       (b 1 (+ a b)))
      ((= i n) a)))

(defun digit-sum (x)
  (let ((sum 0))
    (loop while (> x 0)
          do (setq sum (+ sum (mod x 10))
                   x (floor x 10)))
    sum))

(defun run (n)
  (+ (digit-sum (factorial n))
     (digit-sum (big-fib (* 5 n)))))
