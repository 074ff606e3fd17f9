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

;;;; case tr-counter-shared-with-tier1-closures
(defvar *peek*)
(defvar *poke*)
(let ((count 0))
  (defun counter () (incf count))
  (setq *peek* (lambda () count)
        *poke* (lambda (v) (setq count v))))
(dotimes (i 20) (counter))
(list (funcall *peek*) (progn (funcall *poke* 100) (counter)) (funcall *peek*) (counter))
;;;; => (20 101 101 102)

;;;; case tr-captured-variable-mutated-by-both-tiers
(let ((acc 0))
  (defun add-acc (x) (setq acc (+ acc x)))
  (dotimes (i 50) (add-acc i))
  (incf acc 1000)
  (list (add-acc 1) acc))
;;;; => (2226 2226)

;;;; case tr-defun-in-loop-captures-fresh-binding
(defvar *results* nil)
(dotimes (i 3)
  (let ((j i))
    (defun add-j (x) (+ x j))
    (push (list (add-j 10) (add-j 20) (add-j 30)) *results*)))
*results*
;;;; => ((12 22 32) (11 21 31) (10 20 30))

;;;; case tr-closures-over-loop-variables
(defun loop-closures (n)
  (let ((fs '()))
    (dotimes (i n) (let ((j i)) (push (lambda () (* j j)) fs)))
    (let ((total 0)) (dolist (f fs total) (incf total (funcall f))))))
(defun shared-loop-var ()
  (let ((fs '()) (k 0))
    (do ((i 0 (1+ i))) ((= i 3)) (setq k i) (push (lambda () k) fs))
    (mapcar #'funcall fs)))
(list (loop-closures 5) (loop-closures 10) (shared-loop-var) (shared-loop-var))
;;;; => (30 285 (2 2 2) (2 2 2))

;;;; case tr-local-functions-and-macros-of-tier1-env
(flet ((helper (x) (* x 10)))
  (labels ((rec (n) (if (= n 0) 0 (+ 1 (rec (- n 1))))))
    (defun use-helper (y) (list (helper y) (rec y) (funcall #'helper 2) (mapcar #'helper (list 1 2)))))
  (macrolet ((twice (x) `(* 2 ,x)))
    (symbol-macrolet ((sm 7))
      (defun use-mac (z) (list (twice z) sm)))))
(list (use-helper 3) (use-helper 4) (use-helper 5) (use-mac 1) (use-mac 2) (use-mac 3))
;;;; => ((30 3 20 (10 20)) (40 4 20 (10 20)) (50 5 20 (10 20)) (2 7) (4 7) (6 7))

;;;; case tr-defun-inside-compiled-function
(defun self-redef (n) (when (= n 2) (defun self-redef (n) (list 'new n))) (list 'old n))
(defun mk-counter () (let ((n 0)) (defun next-n () (incf n)) 'made))
(mk-counter)
(defun (setf my-second*) (new l) (setf (cadr l) new))
(defun set2 (x) (setf (my-second* x) 'two) (funcall #'(setf my-second*) 'deux x) x)
(list (self-redef 1) (self-redef 2) (self-redef 3) (next-n) (next-n) (next-n) (set2 (list 1 2 3)) (set2 (list 1 2)))
;;;; => ((OLD 1) (OLD 2) (NEW 3) 1 2 3 (1 DEUX 3) (1 DEUX))

;;;; case tr-caller-redefines-callee-mid-loop
(defun callee (x) (* x 10))
(defun caller (n)
  (let ((acc nil))
    (dotimes (i n) (when (= i 3) (defun callee (x) (- x))) (push (callee i) acc))
    (nreverse acc)))
(list (caller 6) (caller 6))
;;;; => ((0 10 20 -3 -4 -5) (0 -1 -2 -3 -4 -5))

;;;; case tr-function-redefines-itself-while-running
(defun worker (n)
  (let ((out nil))
    (dotimes (i n) (when (= i 2) (defun worker (n) (list 'new n))) (push i out))
    (list 'old (nreverse out))))
(list (worker 5) (worker 5))
;;;; => ((OLD (0 1 2 3 4)) (NEW 5))

;;;; case tr-special-parameters
(defvar *sp* 0)
(defun sp-reader () *sp*)
(defun sp-user (*sp* &rest more) (list *sp* (sp-reader) more))
(defun sp-x () (declare (special x)) x)
(defun sp-local (x) (declare (special x)) (list x (sp-x)))
(list (sp-user 1) (sp-user 2 3) (sp-user 3) (sp-local 'a) (sp-local 'b) *sp*)
;;;; => ((1 1 NIL) (2 2 (3)) (3 3 NIL) (A A) (B B) 0)
