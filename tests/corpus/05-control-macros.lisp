;;; Control macros: cond when unless and or case ecase ccase typecase etypecase do do* dolist dotimes prog prog*
;;; prog1 prog2 return psetq, and defmacro/macroexpand basics.

;;;; case cm-cond-first-true
(cond ((= 1 2) 'a) ((= 1 1) 'b) (t 'c))
;;;; => B

;;;; case cm-cond-default
(cond ((> 1 2) 'a) (t 'default))
;;;; => DEFAULT

;;;; case cm-cond-no-match
(cond ((> 1 2) 'a))
;;;; => NIL

;;;; case cm-cond-test-value
(cond ((member 2 '(1 2 3))))
;;;; => (2 3)

;;;; case cm-cond-multiple-body
(let ((x 0)) (cond (t (incf x) (incf x) (list 'done x))))
;;;; => (DONE 2)

;;;; case cm-when
(list (when t 1 2) (when nil 1 2))
;;;; => (2 NIL)

;;;; case cm-unless
(list (unless nil 1 2) (unless t 1 2))
;;;; => (2 NIL)

;;;; case cm-and
(list (and) (and 1 2 3) (and 1 nil 3))
;;;; => (T 3 NIL)

;;;; case cm-and-short-circuit
(let ((x 0)) (and nil (setq x 1)) x)
;;;; => 0

;;;; case cm-or
(list (or) (or nil 2 3) (or nil nil))
;;;; => (NIL 2 NIL)

;;;; case cm-or-short-circuit
(let ((x 0)) (or 1 (setq x 1)) x)
;;;; => 0

;;;; case cm-or-multiple-values-last
(multiple-value-list (or nil (values 1 2)))
;;;; => (1 2)

;;;; case cm-case-basic
(defun classify (x) (case x (1 'one) ((2 3) 'two-or-three) (otherwise 'many)))
(mapcar #'classify '(1 2 3 4))
;;;; => (ONE TWO-OR-THREE TWO-OR-THREE MANY)

;;;; case cm-case-symbols
(case 'banana (apple 'red) (banana 'yellow) (t 'unknown))
;;;; => YELLOW

;;;; case cm-case-no-match
(case 5 (1 'a) (2 'b))
;;;; => NIL

;;;; case cm-case-characters
(case #\b (#\a 1) (#\b 2) (t 3))
;;;; => 2

;;;; case cm-case-t-clause
(case 'zzz ((a b) 1) (t 'fallback))
;;;; => FALLBACK

;;;; case cm-ecase-match
(ecase 2 (1 'a) (2 'b))
;;;; => B

;;;; case cm-ecase-no-match
(ecase 3 (1 'a) (2 'b))
;;;; error: TYPE-ERROR

;;;; case cm-ccase-match
(let ((x 2)) (ccase x (1 'a) (2 'b)))
;;;; => B

;;;; case cm-typecase
(defun kind (x) (typecase x (integer 'int) (string 'str) (symbol 'sym) (cons 'cons) (t 'other)))
(mapcar #'kind (list 1 "s" 'a '(1) 1.5 nil))
;;;; => (INT STR SYM CONS OTHER SYM)

;;;; case cm-typecase-more-types
(defun kind (x) (typecase x (null 'null) (list 'list) (character 'char) (float 'float) (ratio 'ratio) (number 'num)))
(mapcar #'kind (list nil '(1) #\a 2.0 1/2 3))
;;;; => (NULL LIST CHAR FLOAT RATIO NUM)

;;;; case cm-etypecase-match
(etypecase "x" (integer 1) (string 2))
;;;; => 2

;;;; case cm-etypecase-no-match
(etypecase 'sym (integer 1) (string 2))
;;;; error: TYPE-ERROR

;;;; case cm-do
(do ((i 0 (1+ i)) (acc nil (cons i acc))) ((= i 4) acc))
;;;; => (3 2 1 0)

;;;; case cm-do-parallel-step
(do ((a 1 b) (b 2 a) (n 0 (1+ n))) ((= n 3) (list a b)))
;;;; => (2 1)

;;;; case cm-do-star-sequential-step
(do* ((a 1 (+ a 1)) (b a (* a 10))) ((> a 3) (list a b)))
;;;; => (4 40)

;;;; case cm-do-body-and-return
(do ((i 0 (1+ i))) ((> i 10) 'never) (when (= i 3) (return (* i 100))))
;;;; => 300

;;;; case cm-do-no-step
(let ((n 0)) (do ((x 5)) ((<= x n) n) (incf n)))
;;;; => 5

;;;; case cm-dolist
(let ((sum 0)) (dolist (x '(1 2 3 4) sum) (incf sum x)))
;;;; => 10

;;;; case cm-dolist-result-nil
(dolist (x '(1 2)) x)
;;;; => NIL

;;;; case cm-dolist-return
(dolist (x '(1 2 3 4)) (when (evenp x) (return x)))
;;;; => 2

;;;; case cm-dolist-result-sees-var
(dolist (x '(1 2 3) x))
;;;; => NIL

;;;; case cm-dotimes
(let ((acc nil)) (dotimes (i 5) (push i acc)) acc)
;;;; => (4 3 2 1 0)

;;;; case cm-dotimes-result
(let ((s 0)) (dotimes (i 5 s) (incf s i)))
;;;; => 10

;;;; case cm-dotimes-zero
(let ((n 0)) (dotimes (i 0) (incf n)) n)
;;;; => 0

;;;; case cm-dotimes-result-count
(dotimes (i 3 i))
;;;; => 3

;;;; case cm-prog
(prog ((i 0) (acc nil))
 top
   (when (>= i 3) (return (nreverse acc)))
   (push i acc)
   (setq i (1+ i))
   (go top))
;;;; => (0 1 2)

;;;; case cm-prog-star
(prog* ((a 2) (b (* a a))) (return (list a b)))
;;;; => (2 4)

;;;; case cm-prog-returns-nil
(prog ((x 1)) (setq x 2))
;;;; => NIL

;;;; case cm-prog1
(let ((x 1)) (list (prog1 x (setq x 2)) x))
;;;; => (1 2)

;;;; case cm-prog1-single-value
(multiple-value-list (prog1 (values 1 2) 3))
;;;; => (1)

;;;; case cm-prog2
(prog2 1 2 3)
;;;; => 2

;;;; case cm-return-from-nil-block
(dotimes (i 10) (when (= i 3) (return 'three)))
;;;; => THREE

;;;; case cm-psetq-swap
(let ((a 1) (b 2)) (psetq a b b a) (list a b))
;;;; => (2 1)

;;;; case cm-psetq-returns-nil
(let ((a 1)) (psetq a 2))
;;;; => NIL

;;;; case cm-defmacro-basic
(defmacro square (x) `(* ,x ,x))
(square 7)
;;;; => 49

;;;; case cm-defmacro-returns-name
(defmacro nothing () nil)
;;;; => NOTHING

;;;; case cm-defun-returns-name
(defun something () nil)
;;;; => SOMETHING

;;;; case cm-macroexpand-1
(defmacro inc1 (x) `(+ ,x 1))
(macroexpand-1 '(inc1 y))
;;;; => (+ Y 1)

;;;; case cm-macroexpand-full
(defmacro m1 (x) `(m2 ,x))
(defmacro m2 (x) `(list ,x))
(list (macroexpand-1 '(m1 a)) (macroexpand '(m1 a)))
;;;; => ((M2 A) (LIST A))

;;;; case cm-macroexpand-non-macro
(multiple-value-list (macroexpand '(+ 1 2)))
;;;; => ((+ 1 2) NIL)

;;;; case cm-macro-function
(defmacro mm () 1)
(list (not (null (macro-function 'mm))) (macro-function 'car))
;;;; => (T NIL)

;;;; case cm-gensym-hygiene
(defmacro my-swap (a b) (let ((tmp (gensym))) `(let ((,tmp ,a)) (setf ,a ,b) (setf ,b ,tmp))))
(let ((tmp 1) (other 2)) (my-swap tmp other) (list tmp other))
;;;; => (2 1)

;;;; case cm-macro-recursive-expansion
(defmacro my-and (&rest xs) (if (null xs) t (if (null (cdr xs)) (car xs) `(if ,(car xs) (my-and ,@(cdr xs)) nil))))
(list (my-and) (my-and 1 2 3) (my-and 1 nil 3))
;;;; => (T 3 NIL)

;;;; case cm-macro-evaluates-once
(defmacro twice-val (x) (let ((g (gensym))) `(let ((,g ,x)) (+ ,g ,g))))
(let ((n 0)) (list (twice-val (incf n)) n))
;;;; => (2 1)

;;;; case cm-nested-when-unless
(defun sign-word (n) (cond ((plusp n) 'positive) ((minusp n) 'negative) (t 'zero)))
(mapcar #'sign-word '(5 -3 0))
;;;; => (POSITIVE NEGATIVE ZERO)
