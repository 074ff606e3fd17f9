;;;; Cases for bugs found by running the corpus in forced Tier 2 and automatic promotion (tests/tiers/).

;;;; case tr-fib-promoted-recursion
(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(list (fib 20) (fib 25))
;;;; => (6765 75025)

;;;; case tr-handler-case-in-function
(defun safe-div (a b) (handler-case (/ a b) (division-by-zero () 0)))
(list (safe-div 10 2) (safe-div 1 0) (safe-div 9 3))
;;;; => (5 0 3)

;;;; case tr-handler-case-values-in-function
(defun hc-values (x) (handler-case (floor x 3) (error () (values 'err 0))))
(list (multiple-value-list (hc-values 7)) (multiple-value-list (hc-values 'a)))
;;;; => ((2 1) (ERR 0))

;;;; case tr-stale-block-exit-control-error
(defun make-escape () (block b (lambda () (return-from b 1))))
(defun try-escape () (handler-case (funcall (make-escape)) (control-error () 'stale)))
(list (try-escape) (try-escape))
;;;; => (STALE STALE)

;;;; case tr-stale-tagbody-go-control-error
(defun make-go () (tagbody (return-from make-go (lambda () (go end))) end))
(handler-case (funcall (make-go)) (control-error () 'stale-go))
;;;; => STALE-GO

;;;; case tr-mv-call-in-tail-position
(defun mvc-tail () (multiple-value-call #'list (values 1 2) (values 3 4)))
(list (mvc-tail) (mvc-tail) (mvc-tail))
;;;; => ((1 2 3 4) (1 2 3 4) (1 2 3 4))

;;;; case tr-throw-values
(defun thrower () (throw 'tag (values 1 2 3)))
(defun catcher () (multiple-value-list (catch 'tag (thrower))))
(list (catcher) (catcher))
;;;; => ((1 2 3) (1 2 3))

;;;; case tr-macrolet-symbol-macrolet-in-function
(defun ml (cell)
  (macrolet ((twice (form) `(progn ,form ,form)))
    (symbol-macrolet ((head (car cell)))
      (twice (incf head))
      (setq head (* head 10))
      (list head cell))))
(list (ml (list 1 2)) (ml (list 5)))
;;;; => ((30 (30 2)) (70 (70)))

;;;; case tr-load-time-value-in-function
(defun ltv2 () (load-time-value (+ 40 2)))
(list (ltv2) (ltv2) (ltv2))
;;;; => (42 42 42)

;;;; case tr-bignum-boundary-promoted
(defun edge (x) (list (+ x 1) (- x 1) (* x 2) (- x)))
(list (edge 1073741823) (edge -1073741824) (edge 1073741823))
;;;; => ((1073741824 1073741822 2147483646 -1073741823) (-1073741823 -1073741825 -2147483648 1073741824) (1073741824 1073741822 2147483646 -1073741823))
