;;; fib: doubly recursive Fibonacci. Calls and fixnum arithmetic only.
;;; (run n) = (fib n); the default size 25 is the issue's "fib 25".
(defun fib (n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(defun run (n)
  (fib n))
