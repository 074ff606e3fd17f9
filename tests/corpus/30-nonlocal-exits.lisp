;;;; Non-local exits inside compiled functions: CATCH/THROW, UNWIND-PROTECT and MULTIPLE-VALUE-PROG1 (native in
;;;; Tier 2, docs/ABI.md "Non-local exits"), local exits leaving them, values and cleanups.

;;;; case nl-return-from-through-unwind-protect
(defun nl-ret (x)
  (let ((log nil))
    (list (block b (unwind-protect (when x (return-from b 'early)) (push 'cleanup log)) 'late) log)))
(list (nl-ret t) (nl-ret nil))
;;;; => ((EARLY (CLEANUP)) (LATE (CLEANUP)))

;;;; case nl-go-through-unwind-protect
(defun nl-go (n)
  (let ((i 0) (cleanups 0))
    (tagbody
     top
       (unwind-protect (when (< i n) (setq i (1+ i)) (go top)) (setq cleanups (1+ cleanups))))
    (list i cleanups)))
(list (nl-go 0) (nl-go 5))
;;;; => ((0 1) (5 6))

;;;; case nl-local-exit-leaves-catch
(defun nl-leave-catch () (block b (catch 'x (return-from b 'left))))
(defun nl-thrower () (throw 'x 'thrown))
(defun nl-after-leave () (catch 'x (list (nl-leave-catch) (nl-thrower))))
(list (nl-after-leave) (nl-after-leave))
;;;; => (THROWN THROWN)

;;;; case nl-go-leaves-catch
(defun nl-go-catch (n)
  (let ((i 0))
    (tagbody
     top
       (catch 'c (when (< i n) (setq i (1+ i)) (go top))))
    (catch 'c (throw 'c (list 'caught i)))))
(nl-go-catch 4)
;;;; => (CAUGHT 4)

;;;; case nl-throw-values-through-cleanup-values
(defun nl-tv () (multiple-value-list (catch 'k (unwind-protect (throw 'k (values 1 2)) (values 3 4 5)))))
(list (nl-tv) (nl-tv))
;;;; => ((1 2) (1 2))

;;;; case nl-unwind-protect-tail-values
(defun nl-uv (x) (unwind-protect (values x (* 2 x)) (floor 7 2)))
(list (multiple-value-list (nl-uv 3)) (multiple-value-list (nl-uv 4)))
;;;; => ((3 6) (4 8))

;;;; case nl-cleanup-sees-assignments
(defun nl-assign (n) (let ((x 0)) (unwind-protect (setq x n) (setq x (* x 10))) x))
(list (nl-assign 4) (nl-assign 5))
;;;; => (40 50)

;;;; case nl-multiple-value-prog1-keeps-values
(defun nl-mvp1 (x) (multiple-value-list (multiple-value-prog1 (floor x 3) (floor 100 7) (values))))
(defun nl-mvp1-tail (x) (multiple-value-prog1 (values x (* 2 x)) (values 0 0 0)))
(list (nl-mvp1 10) (multiple-value-list (nl-mvp1-tail 5)) (nl-mvp1-tail 6))
;;;; => ((3 1) (5 10) 6)

;;;; case nl-throw-through-builtin-callback
(defun nl-reduce (l) (catch 'found (reduce (lambda (a b) (if (> b 2) (throw 'found (list 'at b)) (+ a b))) l)))
(list (nl-reduce '(1 2 3 4)) (nl-reduce '(1 1 1)))
;;;; => ((AT 3) 3)

;;;; case nl-nested-same-tag-innermost
(defun nl-inner (f) (catch 'a (funcall f) 'inner-normal))
(defun nl-outer () (list (catch 'a (nl-inner (lambda () (throw 'a 'to-inner)))) (catch 'a (throw 'a 'to-outer))))
(list (nl-outer) (nl-outer))
;;;; => ((TO-INNER TO-OUTER) (TO-INNER TO-OUTER))

;;;; case nl-catch-fixnum-and-computed-tags
(defun nl-tags (n) (list (catch n (throw 7 'seven)) (catch (list n) 'no-throw) (catch 'q (throw (car '(q)) 'q))))
(catch 7 (nl-tags 8))
;;;; => SEVEN

;;;; case nl-throw-without-catch-in-function
(defun nl-nowhere () (throw 'nowhere 1))
(defun nl-try () (handler-case (nl-nowhere) (control-error () 'control-error)))
(list (nl-try) (nl-try))
;;;; => (CONTROL-ERROR CONTROL-ERROR)

;;;; case nl-cleanups-order-across-functions
(defvar *nl-log* nil)
(defun nl-level (n)
  (if (= n 0) (throw 'top 'done) (unwind-protect (nl-level (1- n)) (push n *nl-log*))))
(list (catch 'top (nl-level 4)) (reverse *nl-log*))
;;;; => (DONE (1 2 3 4))

;;;; case nl-cleanups-on-stack-exhaustion
;;;; skip-sbcl: SBCL's control stack exhaustion is a STORAGE-CONDITION, not an ERROR; clysm makes it an ERROR
(defvar *nl-in* 0)
(defvar *nl-out* 0)
(defun nl-deep () (setq *nl-in* (1+ *nl-in*)) (unwind-protect (nl-deep) (setq *nl-out* (1+ *nl-out*))))
(list (handler-case (nl-deep) (error () 'exhausted)) (= *nl-in* *nl-out*) (> *nl-in* 100))
;;;; => (EXHAUSTED T T)

;;;; case nl-return-from-values-through-builtin
(defun nl-rv () (multiple-value-list (block b (reduce (lambda (a x) (return-from b (values a x 'r))) '(1 2 3)))))
(list (nl-rv) (nl-rv))
;;;; => ((1 2 R) (1 2 R))

;;;; case nl-throw-out-of-special-binding
(defvar *nl-d* 0)
(defun nl-g () (throw 'x (list *nl-d*)))
(defun nl-f () (catch 'x (let ((*nl-d* 1)) (nl-g))))
(list (nl-f) *nl-d* (nl-f))
;;;; => ((1) 0 (1))

;;;; case nl-handler-throws-to-catch
(defun nl-bad (x) (car x))
(defun nl-h (x) (catch 'e (handler-bind ((error (lambda (c) (declare (ignore c)) (throw 'e 'handled)))) (nl-bad x))))
(list (nl-h 5) (nl-h '(1)) (nl-h 'sym))
;;;; => (HANDLED 1 HANDLED)

;;;; case nl-catch-unwind-protect-in-loop
(defun nl-loop (n)
  (let ((sum 0) (cleanups 0))
    (dotimes (i n)
      (setq sum (+ sum (catch 'step (unwind-protect (if (evenp i) (throw 'step i) 0) (setq cleanups (1+ cleanups)))))))
    (list sum cleanups)))
(nl-loop 10)
;;;; => (20 10)

;;;; case nl-progv-in-function
(defvar *nl-p*)
(defun nl-pv (syms vals)
  (progv syms vals (list (boundp '*nl-p*) (if (boundp '*nl-p*) (symbol-value '*nl-p*) 'unbound))))
(list (nl-pv '(*nl-p*) '(1)) (nl-pv '(*nl-p*) '()) (nl-pv '() '(2)) (boundp '*nl-p*))
;;;; => ((T 1) (NIL UNBOUND) (NIL UNBOUND) NIL)

;;;; case nl-throw-and-error-out-of-eval
(defun nl-ev-catch (form) (catch 'tag (eval form) 'no-throw))
(defun nl-ev-t1 (form) (eval form))
(defun nl-ev-via (form) (catch 'tag (nl-ev-t1 form) 'no-throw))
(defun nl-ev-handled (form) (handler-case (eval form) (error () 'handled)))
(list (nl-ev-catch '(throw 'tag 42)) (nl-ev-via '(throw 'tag 43)) (nl-ev-catch '(+ 1 2))
      (nl-ev-handled '(error "boom")) (nl-ev-handled '(throw 'nowhere 1))
      (catch 'tag (nl-ev-catch '(catch 'tag (throw 'tag 7)))))
;;;; => (42 43 NO-THROW HANDLED HANDLED NO-THROW)

;;;; case tb-forward-and-backward-to-one-tag
(defun tb-fb (n)
  (let ((out '()) (i 0))
    (tagbody
       (go mid)
     top
       (push (list 'top i) out)
     mid
       (incf i)
       (push i out)
       (when (< i n) (go top))
       (when (= i n) (go end))
       (push 'never out)
     end)
    (nreverse out)))
(list (tb-fb 1) (tb-fb 3))
;;;; => ((1) (1 (TOP 1) 2 (TOP 2) 3))

;;;; case tb-overlapping-loops-fall-back
(defun tb-ov (n)
  (let ((trace '()) (i 0))
    (tagbody
     a
       (push 'a trace)
     b
       (push 'b trace)
       (incf i)
       (when (= i 2) (go a))
     c
       (push 'c trace)
       (when (< i n) (go b)))
    (nreverse trace)))
(list (tb-ov 1) (tb-ov 4))
;;;; => ((A B C) (A B C B A B C B C))

;;;; case tb-nested-tagbodies-go-outer
(defun tb-nest (rows cols)
  (let ((cells '()) (r 0) (c 0))
    (tagbody
     row
       (when (>= r rows) (go done))
       (setq c 0)
       (tagbody
        col
          (when (>= c cols) (go next-row))
          (push (cons r c) cells)
          (incf c)
          (go col))
     next-row
       (incf r)
       (go row)
     done)
    (length cells)))
(list (tb-nest 0 5) (tb-nest 3 4) (tb-nest 2 0))
;;;; => (0 12 0)

;;;; case tb-go-leaves-catch-and-let
(defvar *tb-d* 'outer)
(defun tb-catch (n)
  (let ((k 0) (seen '()))
    (tagbody
     again
       (catch 'tb
         (let ((*tb-d* k))
           (push *tb-d* seen)
           (incf k)
           (when (< k n) (go again))))
       (push *tb-d* seen))
    (list (nreverse seen) *tb-d*)))
(list (tb-catch 1) (tb-catch 3))
;;;; => (((0 OUTER) OUTER) ((0 1 2 OUTER) OUTER))

;;;; case tb-go-from-value-position
(defun tb-val (xs)
  (let ((sum 0))
    (tagbody
     next
       (setq sum (+ sum (if (null xs) (go end) (pop xs))))
       (go next)
     end)
    sum))
(list (tb-val '()) (tb-val '(1 2 3 4)))
;;;; => (0 10)
