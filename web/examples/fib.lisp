;;; Fibonacci: the classic JIT demo.
;;; FIB starts in Tier 1 (the Python evaluator). After *compilation-threshold*
;;; calls clysm compiles it to WebAssembly GC and hot-patches it, so the rest of
;;; the ~250,000 calls run as Wasm. Watch the tier view and the time-per-call chart.

(defun fib (n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(format t "fib(10) = ~a~%" (fib 10))
(fib 25)
