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

;;;; Prelude (docs/ABI.md, "Literals, prelude, demotion"): each list built-in on Wasm-made lists, Tier-1/Python-made
;;;; lists (READ-FROM-STRING, MAKE-LIST, COERCE), quoted literals, mixed and dotted lists, and improper arguments.

;;;; case pl-length-list-length-kinds
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) l))
(defun len (x) (length x))
(defun llen (x) (list-length x))
(defun lit () '(a b (c d) 1 "s"))
(list (len (mk 0)) (len (mk 5)) (len (mk 1000)) (len (lit)) (len (read-from-string "(1 2 3)"))
      (len (cons 0 (read-from-string "(1 2)"))) (len (make-list 4)) (len "abcd") (len #(1 2 3)) (len nil)
      (llen (mk 7)) (llen (lit)) (llen (read-from-string "(x y)")) (llen (cons 1 (make-list 2))) (llen nil))
;;;; => (0 5 1000 5 3 3 4 4 3 0 7 5 2 3 0)

;;;; case pl-list-length-circular
(defun llen (x) (list-length x))
(defun circ (n) (let ((l (make-list n :initial-element 'z))) (setf (cdr (last l)) l) l))
(defun wcirc (n) (let ((l nil)) (dotimes (i n) (push i l)) (setf (cdr (last l)) l) l))
(list (llen (circ 1)) (llen (circ 4)) (llen (wcirc 1)) (llen (wcirc 2)) (llen (wcirc 5)) (llen (list 1 2 3))
      (let ((l (list 1 2 3))) (setf (cdr (cddr l)) (cdr l)) (llen l)))
;;;; => (NIL NIL NIL NIL NIL 3 NIL)

;;;; case pl-length-of-fixnum-type-error
(defun len (x) (length x))
(list (len '(1 2)) (len (list 3)))
(len 5)
;;;; error: TYPE-ERROR

;;;; case pl-length-of-dotted-list-type-error
(defun len (x) (length x))
(len (list 1 2))
(len (list* 1 2 3))
;;;; error: TYPE-ERROR

;;;; case pl-list-length-dotted-type-error
(defun llen (x) (list-length x))
(llen (list 1 2))
(llen (cons 1 2))
;;;; error: TYPE-ERROR

;;;; case pl-nth-nthcdr
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) (nreverse l)))
(defun getn (n l) (nth n l))
(defun dropn (n l) (nthcdr n l))
(let ((w (mk 6)) (p (read-from-string "(a b c)")) (d (list* 1 2 3)))
  (list (getn 0 w) (getn 5 w) (getn 6 w) (getn 100 w) (getn 1 p) (getn 3 p) (getn 0 nil) (getn 2 '(x y z))
        (getn 1 d) (getn 1 (cons 'q p)) (getn (expt 10 20) w)
        (dropn 0 w) (dropn 4 w) (dropn 6 w) (dropn 9 w) (dropn 2 p) (dropn 2 d) (dropn 1 '(x y z))
        (dropn 3 nil) (dropn 2 (cons 'q p)) (dropn (expt 10 20) w)))
;;;; => (0 5 NIL NIL B NIL NIL Z 2 A NIL (0 1 2 3 4 5) (4 5) NIL NIL (C) 3 (Y Z) NIL (B C) NIL)

;;;; case pl-nth-negative-type-error
(defun getn (n l) (nth n l))
(list (getn 1 (list 1 2)) (getn 0 (list 1 2)))
(getn -1 (list 1 2 3))
;;;; error: TYPE-ERROR

;;;; case pl-nthcdr-negative-and-improper-errors
(defun dropn (n l) (nthcdr n l))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (dropn 1 (list 1 2)) (try (lambda () (dropn -1 (list 1 2)))) (try (lambda () (dropn 1 5)))
      (try (lambda () (dropn 'a (list 1)))) (try (lambda () (dropn 3 (list* 1 2 3)))))
;;;; => ((2) TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case pl-last-copy-list-reverse
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) (nreverse l)))
(defun lst (x) (last x))
(defun cp (x) (copy-list x))
(defun rev (x) (reverse x))
(defun lit () '(a (b c) "d" 4))
(let* ((w (mk 5)) (c (cp w)) (p (read-from-string "(p q r)")))
  (list (lst w) (lst nil) (lst (lit)) (lst p) (lst (list* 1 2 3)) (lst (cons 0 p)) (lst (list 9))
        c (eq c w) (equal c w) (cp nil) (cp (lit)) (eq (cp (lit)) (lit)) (cp p) (cp (list* 1 2 3)) (cp (cons 0 p))
        (rev w) w (rev nil) (rev (lit)) (rev p) (rev (cons 0 p)) (rev "abc") (rev #(1 2 3))
        (let ((r (rev (lit)))) (setf (car r) 'changed) (list r (lit)))))
;;;; => ((4) NIL (4) (R) (2 . 3) (R) (9) (0 1 2 3 4) NIL T NIL (A (B C) "d" 4) NIL (P Q R) (1 2 . 3) (0 P Q R) (4 3 2 1 0) (0 1 2 3 4) NIL (4 "d" (B C) A) (R Q P) (R Q P 0) "cba" #(3 2 1) ((CHANGED "d" (B C) A) (A (B C) "d" 4)))

;;;; case pl-reverse-dotted-type-error
(defun rev (x) (reverse x))
(rev (list 1 2))
(rev (list* 1 2 3))
;;;; error: TYPE-ERROR

;;;; case pl-reverse-of-number-type-error
(defun rev (x) (reverse x))
(rev (list 1 2))
(rev 7)
;;;; error: TYPE-ERROR

;;;; case pl-append-nconc
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) (nreverse l)))
(defun app (a b) (append a b))
(defun nc (a b) (nconc a b))
(defun lit () '(x y))
(let* ((b (list 'tail)) (a (mk 3)) (ab (app a b)) (p (read-from-string "(p q)")))
  (list ab a (eq (cdddr ab) b) (app nil b) (eq (app nil b) b) (app a nil) (eq (app a nil) a) (app a 5)
        (app (lit) (lit)) (lit) (app p a) (app a p) (app (cons 0 p) b) (app nil nil)
        (nc (mk 2) (list 'z)) (nc nil (list 1)) (nc (mk 2) 5) (nc (mk 1) nil) (nc nil nil)
        (nc (read-from-string "(r s)") (mk 2)) (nc (cons 0 (read-from-string "(r s)")) (list 'u))
        (let ((x (mk 2))) (nc x (list 'w)) x)))
;;;; => ((0 1 2 TAIL) (0 1 2) T (TAIL) T (0 1 2) NIL (0 1 2 . 5) (X Y X Y) (X Y) (P Q 0 1 2) (0 1 2 P Q) (0 P Q TAIL) NIL (0 1 Z) (1) (0 1 . 5) (0) NIL (R S 0 1) (0 R S U) (0 1 W))

;;;; case pl-append-improper-first-type-error
(defun app (a b) (append a b))
(app (list 1) (list 2))
(app 5 (list 2))
;;;; error: TYPE-ERROR

;;;; case pl-member-assoc
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) (nreverse l)))
(defun mem (x l) (member x l))
(defun asc (x l) (assoc x l))
(defun alist () '((a . 1) (b . 2) nil (c . 3)))
(let ((w (mk 5)) (big (list 1 (expt 2 70) 3)) (p (read-from-string "(a b c)")))
  (list (mem 3 w) (mem 0 w) (mem 9 w) (mem 'b '(a b c)) (mem 'z '(a b c)) (mem 'b p) (mem 'z p)
        (mem (expt 2 70) big) (mem 1.5 (list 1 1.5 2)) (mem 1 (list 1.0 2)) (mem #\b (list #\a #\b))
        (mem 'q (cons 'q p)) (mem 'c (cons 'q p)) (mem 3 nil) (eq (mem 2 w) (cddr w))
        (asc 'b (alist)) (asc 'c (alist)) (asc 'z (alist)) (asc nil (alist)) (asc 'y (read-from-string "((x . 1) (y . 2))"))
        (asc 2 (mapcar (lambda (i) (cons i (* i i))) w)) (asc (expt 2 70) (list (cons (expt 2 70) 'big)))
        (asc 'k nil) (asc 'b (cons '(a . 0) (read-from-string "((b . 9))")))))
;;;; => ((3 4) (0 1 2 3 4) NIL (B C) NIL (B C) NIL (1180591620717411303424 3) (1.5 2) NIL (#\b) (Q A B C) (C) NIL T (B . 2) (C . 3) NIL NIL (Y . 2) (2 . 4) (1180591620717411303424 . BIG) NIL (B . 9))

;;;; case pl-member-assoc-improper
(defun mem (x l) (member x l))
(defun asc (x l) (assoc x l))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (mem 2 (list* 1 2 3)) (asc 'a (list '(a . 1) 5)) (mem 1 (list 1 2))
      (try (lambda () (mem 1 5))) (try (lambda () (asc 'a 5))) (try (lambda () (asc 'z (list '(a . 1) 5)))))
;;;; => ((2 . 3) (A . 1) (1 2) TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case pl-mapcar-mapc
(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) (nreverse l)))
(defun sq (x) (* x x))
(defun m1 (f l) (mapcar f l))
(defun m2 (f a b) (mapcar f a b))
(defun mc (f l) (mapc f l))
(defun scale (k l) (mapcar (lambda (x) (* k x)) l))
(defun sum-into (l) (let ((s 0)) (list (mc (lambda (x) (incf s x)) l) s)))
(defun first-neg (l) (block found (mapc (lambda (x) (when (minusp x) (return-from found x))) l) 'none))
(let ((w (mk 5)) (p (read-from-string "(1 2 3)")))
  (list (m1 #'1+ w) (m1 #'sq w) (m1 (lambda (x) (list x)) w) (m1 #'car '((a) (b))) (m1 'sq w) (m1 #'1+ p)
        (m1 (lambda (x) (+ x 100)) p) (m1 #'1+ nil) (m1 #'1+ '(10 20)) (m1 #'1+ (cons 0 p))
        (m2 #'+ w p) (m2 #'cons w '(a b)) (m2 (lambda (a b) (* a b)) w w) (m2 #'list nil w) (m2 #'- p p)
        (scale 3 w) (scale -1 p) (sum-into w) (sum-into p) (first-neg (list 1 2 -3 4)) (first-neg w)
        (let ((acc nil)) (mc (lambda (x) (push x acc)) w) acc) (mc #'1+ w) (mc #'print nil)))
;;;; => ((1 2 3 4 5) (0 1 4 9 16) ((0) (1) (2) (3) (4)) (A B) (0 1 4 9 16) (2 3 4) (101 102 103) NIL (11 21) (1 2 3 4) (1 3 5) ((0 . A) (1 . B)) (0 1 4 9 16) NIL (0 0 0) (0 3 6 9 12) (-1 -2 -3) ((0 1 2 3 4) 10) ((1 2 3) 6) -3 NONE (4 3 2 1 0) (0 1 2 3 4) NIL)

;;;; case pl-mapcar-car-of-number-type-error
(defun m1 (f l) (mapcar f l))
(m1 #'car '((1) (2)))
(m1 #'car '(1 2))
;;;; error: TYPE-ERROR

;;;; case pl-mapcar-closure-error-propagates
(defun m1 (f l) (mapcar f l))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (division-by-zero () 'div0) (error () 'error)))
(list (try (lambda () (m1 (lambda (x) (/ 10 x)) (list 1 2 0))))
      (try (lambda () (m1 (lambda (x) (car x)) (list 1))))
      (try (lambda () (m1 5 (list 1))))
      (try (lambda () (m1 #'1+ (list* 1 2 3))))
      (m1 (lambda (x) (/ 10 x)) (list 1 2 5)))
;;;; => (DIV0 TYPE-ERROR TYPE-ERROR TYPE-ERROR (10 5 2))

;;;; case pl-equal
(defun eqa (a b) (equal a b))
(defun tree (n) (if (= n 0) (list "leaf" 1.5 #\c) (list n (tree (- n 1)) (cons n 'dot))))
(defun lit () '(1 (2 "x") (3 . 4)))
(list (eqa (tree 4) (tree 4)) (eqa (tree 4) (tree 3)) (eqa (lit) (list 1 (list 2 "x") (cons 3 4)))
      (eqa (lit) (read-from-string "(1 (2 \"x\") (3 . 4))")) (eqa (read-from-string "(1 (2 \"x\"))") (list 1 (list 2 "x")))
      (eqa (lit) (list 1 (list 2 "X") (cons 3 4))) (eqa "abc" "abc") (eqa "abc" "ABC") (eqa 3 3) (eqa 3 4)
      (eqa 1.0 1) (eqa 1.5 1.5) (eqa (expt 2 70) (expt 2 70)) (eqa 1/2 (/ 2 4)) (eqa #\a #\a) (eqa 'a 'a)
      (eqa nil nil) (eqa nil (list)) (eqa (list nil) (list nil)) (eqa (list 1 2) (list 1 2 3)) (eqa (list 1) 1)
      (eqa 1 (list 1)) (eqa (vector 1) (vector 1)) (eqa (list 1 (expt 2 70)) (list 1 (expt 2 70)))
      (eqa (cons 1 2) (cons 1 2)) (eqa (cons 1 2) (cons 1 3)) (eqa (list "a" (list #\b)) (list "a" (list #\b))))
;;;; => (T NIL T T T NIL T NIL T NIL NIL T T T T T T T T NIL NIL NIL NIL T T NIL T)

;;;; case pl-endp-mod-floor
(defun e? (x) (endp x))
(defun m (a b) (mod a b))
(defun fl (a b) (floor a b))
(defun fl1 (a) (floor a))
(defun fl-mv (a b) (multiple-value-list (floor a b)))
(list (e? nil) (e? (list 1)) (e? '(a)) (e? (read-from-string "(1)"))
      (m 7 3) (m -7 3) (m 7 -3) (m -7 -3) (m 0 5) (m 6 3) (m -1073741824 -1) (m 1073741823 2)
      (m (expt 10 30) 7) (m (- (expt 10 30)) 7) (m (expt 10 30) -7) (m 7 (expt 10 30)) (m -7 (expt 10 30))
      (m 7.5 2) (m -7.5 2) (m 7/2 1) (m -7/2 2)
      (fl 7 3) (fl -7 3) (fl 7 -3) (fl -7 -3) (fl -1073741824 -1) (fl -1073741824 1) (fl 1073741823 -1)
      (fl (expt 10 30) 7) (fl (- (expt 10 30)) 7) (fl (expt 10 30) -7) (fl -7 (expt 10 30))
      (fl 7.5 2) (fl -7.5 2) (fl 7 2.0) (fl 7/2 1) (fl -7/2 1) (fl 10 4/3) (fl1 -2.5) (fl1 5) (fl1 -7/2)
      (fl-mv 7 3) (fl-mv -7 3) (fl-mv -7.5 2) (fl-mv (expt 10 30) -7))
;;;; => (T NIL NIL NIL 1 2 -2 -1 0 0 0 1 1 6 -6 7 999999999999999999999999999993 1.5 0.5 1/2 1/2 2 -3 -3 2 1073741824 -1073741824 -1073741823 142857142857142857142857142857 -142857142857142857142857142858 -142857142857142857142857142858 -1 3 -4 3 3 -4 7 -3 5 -4 (2 1) (-3 2) (-4 0.5) (-142857142857142857142857142858 -6))

;;;; case pl-endp-of-fixnum-type-error
(defun e? (x) (endp x))
(list (e? nil) (e? (list 1)))
(e? 5)
;;;; error: TYPE-ERROR

;;;; case pl-mod-by-zero
(defun m (a b) (mod a b))
(list (m 5 2) (m 5 3))
(m 5 0)
;;;; error: DIVISION-BY-ZERO

;;;; case pl-floor-by-zero
(defun fl (a b) (floor a b))
(list (fl 5 2) (fl 5 3))
(fl 5 0)
;;;; error: DIVISION-BY-ZERO

;;;; case pl-mod-floor-type-errors
(defun m (a b) (mod a b))
(defun fl (a b) (floor a b))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (division-by-zero () 'div0) (error () 'error)))
(list (m 5 2) (try (lambda () (m 'a 2))) (try (lambda () (m 5 nil))) (try (lambda () (fl "x" 2)))
      (try (lambda () (fl 1 0))) (try (lambda () (m (expt 10 30) 0))) (try (lambda () (fl 1.5 0))))
;;;; => (1 TYPE-ERROR TYPE-ERROR TYPE-ERROR DIV0 DIV0 DIV0)

;;;; case pl-quoted-literals
(defun lit () '(a b (c d) 1 "s" (1 . 2) #\x 2.5))
(defun lit-ops ()
  (let ((l (lit)))
    (list (length l) (nth 2 l) (nthcdr 5 l) (last l) (reverse l) (member 'b l) (assoc 'c (list (nth 2 l)))
          (equal l '(a b (c d) 1 "s" (1 . 2) #\x 2.5)) (mapcar #'atom l) (append l '(end)))))
(list (lit-ops) (lit-ops) (lit-ops))
;;;; => ((8 (C D) ((1 . 2) #\x 2.5) (2.5) (2.5 #\x (1 . 2) "s" 1 (C D) B A) (B (C D) 1 "s" (1 . 2) #\x 2.5) (C D) T (T T NIL T T NIL T T) (A B (C D) 1 "s" (1 . 2) #\x 2.5 END)) (8 (C D) ((1 . 2) #\x 2.5) (2.5) (2.5 #\x (1 . 2) "s" 1 (C D) B A) (B (C D) 1 "s" (1 . 2) #\x 2.5) (C D) T (T T NIL T T NIL T T) (A B (C D) 1 "s" (1 . 2) #\x 2.5 END)) (8 (C D) ((1 . 2) #\x 2.5) (2.5) (2.5 #\x (1 . 2) "s" 1 (C D) B A) (B (C D) 1 "s" (1 . 2) #\x 2.5) (C D) T (T T NIL T T NIL T T) (A B (C D) 1 "s" (1 . 2) #\x 2.5 END)))

;;;; case pl-tier1-lists-into-promoted-functions
(defvar *data* (list 5 3 8 1))
(defvar *alist* (list (cons 'a 1) (cons 'b 2)))
(defun stats (l) (list (length l) (nth 1 l) (last l) (reverse l) (member 8 l) (mapcar #'1+ l) (equal l (copy-list l))))
(defun lookup (k) (cdr (assoc k *alist*)))
(list (stats *data*) (stats *data*) (stats (read-from-string "(5 3 8 1)")) (stats (coerce #(5 3 8 1) 'list))
      (lookup 'a) (lookup 'b) (lookup 'c) (stats *data*))
;;;; => ((4 3 (1) (1 8 3 5) (8 1) (6 4 9 2) T) (4 3 (1) (1 8 3 5) (8 1) (6 4 9 2) T) (4 3 (1) (1 8 3 5) (8 1) (6 4 9 2) T) (4 3 (1) (1 8 3 5) (8 1) (6 4 9 2) T) 1 2 NIL (4 3 (1) (1 8 3 5) (8 1) (6 4 9 2) T))

;;;; case vec-svref-loops
(defun vsum (v) (let ((s 0)) (dotimes (i (length v) s) (setq s (+ s (svref v i))))))
(defun vinc (v) (dotimes (i (length v) v) (setf (svref v i) (1+ (svref v i)))))
(defun asq (v) (dotimes (i (length v) v) (setf (aref v i) (* (aref v i) (aref v i)))))
(let ((a (make-array 5 :initial-element 1)) (b (vector 1 2 3)) (c (coerce '(4 5 6) 'simple-vector)))
  (list (vsum a) (vinc a) (vsum a) (vinc (vinc b)) (asq c) (vsum c) (vsum a) (vinc a) (asq b) (vsum b) a b c))
;;;; => (5 #(3 3 3 3 3) 10 #(9 16 25) #(16 25 36) 77 10 #(3 3 3 3 3) #(9 16 25) 50 #(3 3 3 3 3) #(9 16 25) #(16 25 36))

;;;; case vec-identity-and-elements
(defun put (v i x) (setf (svref v i) x))
(defun get-it (v i) (svref v i))
(defun same (v) (svref v 0) v)
(defvar *v* (make-array 4 :initial-element nil))
(let ((inner (vector 'a 'b)) (l (list 1 2)))
  (list (eq (same *v*) *v*) (eq (same *v*) (same *v*)) (put *v* 0 inner) (eq (get-it *v* 0) inner)
        (put *v* 1 l) (eq (get-it *v* 1) l) (put *v* 2 (list 'made 'in 'tier2)) (car (svref *v* 2))
        (progn (setf (svref inner 1) 'changed) (get-it (get-it *v* 0) 1))
        (progn (put inner 0 'z) (svref inner 0)) (put *v* 3 "str") (get-it *v* 3) *v*))
;;;; => (T T #(Z CHANGED) T (1 2) T (MADE IN TIER2) MADE CHANGED Z "str" "str" #(#(Z CHANGED) (1 2) (MADE IN TIER2) "str"))

;;;; case vec-svref-index-error
(defun r (v i) (svref v i))
(defvar *v* (vector 1 2 3))
(list (r *v* 0) (r *v* 2) (r *v* 1))
(r *v* 99)
;;;; error: TYPE-ERROR

;;;; case vec-svref-type-error
(defun r (v i) (svref v i))
(list (r (vector 1 2 3) 0) (r (vector 1 2 3) 2))
(r '(1) 0)
;;;; error: TYPE-ERROR

;;;; case vec-setf-svref-index-error
(defun w (v i x) (setf (svref v i) x))
(defvar *v* (vector 1 2 3))
(list (w *v* 0 'a) (w *v* 2 'b) *v*)
(w *v* 3 'c)
;;;; error: TYPE-ERROR

;;;; case vec-errors-handled
(defun r (v i) (svref v i))
(defun ar (v i) (aref v i))
(defun w (v i x) (setf (svref v i) x))
(defun aw (v i x) (setf (aref v i) x))
(defun len (x) (length x))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(defvar *v* (vector 1 2 3))
(list (r *v* 0) (ar *v* 1) (w *v* 2 'x) (aw *v* 0 'y) (len *v*)
      (try (lambda () (r *v* 3))) (try (lambda () (r *v* -1))) (try (lambda () (r *v* 'a)))
      (try (lambda () (r '(1 2) 0))) (try (lambda () (r "abc" 0))) (try (lambda () (ar *v* 3)))
      (try (lambda () (ar 'sym 0))) (try (lambda () (w *v* 5 0))) (try (lambda () (aw *v* -1 0)))
      (try (lambda () (w 7 0 0))) (try (lambda () (len 'sym))) (try (lambda () (r *v* (expt 2 70))))
      *v*)
;;;; => (1 2 X Y 3 TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR #(Y 2 X))

;;;; case vec-tier1-builtins-on-tier2-vectors
(defun touch (v) (dotimes (i (length v) v) (setf (svref v i) (svref v i))))
(defun fresh () (touch (vector 5 1 4 1 3)))
(list (fresh) (fresh) (length (fresh)) (coerce (fresh) 'list) (map 'list #'1+ (fresh)) (subseq (fresh) 1 3)
      (position 4 (fresh)) (find 3 (fresh)) (count 1 (fresh)) (equalp (fresh) #(5 1 4 1 3)) (copy-seq (fresh))
      (reverse (fresh)) (nreverse (fresh)) (sort (fresh) #'<) (fill (fresh) 0 :start 2) (replace (fresh) #(8 9))
      (reduce #'+ (fresh)) (remove 1 (fresh)) (substitute 7 1 (fresh)) (prin1-to-string (fresh))
      (format nil "~a|~s" (fresh) (fresh)) (elt (fresh) 2) (every #'plusp (fresh)) (search #(1 3) (fresh))
      (let ((v (fresh))) (setf (elt v 0) 'e) (touch v)) (coerce (fresh) 'list))
;;;; => (#(5 1 4 1 3) #(5 1 4 1 3) 5 (5 1 4 1 3) (6 2 5 2 4) #(1 4) 2 3 2 T #(5 1 4 1 3) #(3 1 4 1 5) #(3 1 4 1 5) #(1 1 3 4 5) #(5 1 0 0 0) #(8 9 4 1 3) 14 #(5 4 3) #(5 7 4 7 3) "#(5 1 4 1 3)" "#(5 1 4 1 3)|#(5 1 4 1 3)" 4 T 3 #(E 1 4 1 3) (5 1 4 1 3))

;;;; case vec-non-simple-and-specialised
(defun asum (v) (let ((s 0)) (dotimes (i (length v) s) (setq s (+ s (aref v i))))))
(defun aset1 (v i x) (setf (aref v i) x) v)
(let ((fp (make-array 5 :initial-element 2 :fill-pointer 3)) (adj (make-array 3 :initial-element 1 :adjustable t))
      (fx (make-array 4 :initial-element 3 :element-type 'fixnum)) (bits (make-array 6 :element-type 'bit :initial-element 1))
      (s (make-array 3 :element-type 'character :initial-element #\a)))
  (list (asum fp) (asum fp) (progn (vector-push 9 fp) (asum fp)) (asum adj) (asum (adjust-array adj 5 :initial-element 4))
        (asum fx) (aset1 fx 0 10) (asum fx) (asum bits) (aset1 bits 1 0) (asum bits) (aset1 s 1 #\b)
        (length "hello") (aref "hello" 1) (length (list 1 2 3)) (length nil) fp))
;;;; => (6 6 15 3 11 12 #(10 3 3 3) 19 6 #*101111 5 "aba" 5 #\e 3 0 #(2 2 2 9))

;;;; case vec-predicates
(defun preds (x) (list (simple-vector-p x) (vectorp x) (arrayp x)))
(let ((v (vector 1 2)))
  (list (preds v) (progn (svref v 0) (preds v)) (preds "str") (preds '(1 2)) (preds nil) (preds 3) (preds 'sym)
        (preds (make-array 2 :fill-pointer 1)) (preds (make-array 2 :element-type 'bit)) (preds #'car) (preds 1.5)
        (preds (make-array 3 :initial-element 0)) (preds (cons 1 2))))
;;;; => ((T T T) (T T T) (NIL T T) (NIL NIL NIL) (NIL NIL NIL) (NIL NIL NIL) (NIL NIL NIL) (NIL T T) (NIL T T) (NIL NIL NIL) (NIL NIL NIL) (T T T) (NIL NIL NIL))

;;;; case vec-triangle-small
(defun triang-count (board a b c depth)
  (if (= depth 0)
      1
      (let ((sum 0))
        (dotimes (i 36 sum)
          (let ((ai (svref a i)) (bi (svref b i)) (ci (svref c i)))
            (when (and (eql 1 (svref board ai)) (eql 1 (svref board bi)) (eql 0 (svref board ci)))
              (setf (svref board ai) 0) (setf (svref board bi) 0) (setf (svref board ci) 1)
              (setq sum (+ sum (triang-count board a b c (1- depth))))
              (setf (svref board ai) 1) (setf (svref board bi) 1) (setf (svref board ci) 0)))))))
(defun run (n)
  (let ((board (make-array 16 :initial-element 1))
        (a (coerce '(1 2 4 3 5 6 1 3 6 2 5 4 11 12 13 7 8 4 4 7 11 8 12 13 6 10 15 9 14 13 13 14 15 9 10 6) 'simple-vector))
        (b (coerce '(2 4 7 5 8 9 3 6 10 5 9 8 12 13 14 8 9 5 2 4 7 5 8 9 3 6 10 5 9 8 12 13 14 8 9 5) 'simple-vector))
        (c (coerce '(4 7 11 8 12 13 6 10 15 9 14 13 13 14 15 9 10 6 1 2 4 3 5 6 1 3 6 2 5 4 11 12 13 7 8 4) 'simple-vector)))
    (setf (svref board 5) 0)
    (list (triang-count board a b c n) board)))
(list (run 1) (run 2) (run 3) (run 4))
;;;; => ((2 #(1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1)) (6 #(1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1)) (26 #(1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1)) (118 #(1 1 1 1 1 0 1 1 1 1 1 1 1 1 1 1)))

;;;; case vec-elt
(defun esum (s) (let ((n 0)) (dotimes (i (length s) n) (setq n (+ n (elt s i))))))
(defun edouble (s) (dotimes (i (length s) s) (setf (elt s i) (* 2 (elt s i)))))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(let ((v (vector 1 2 3)) (l (list 4 5 6)) (fx (make-array 3 :element-type 'fixnum :initial-element 2))
      (fp (make-array 4 :initial-element 1 :fill-pointer 2)))
  (list (esum v) (edouble v) (esum v) (esum l) (edouble l) (esum fx) (edouble fx) (esum fp) (edouble fp) fp
        (try (lambda () (elt v 3))) (try (lambda () (elt l -1))) (try (lambda () (elt fp 2)))
        (try (lambda () (elt 'x 0))) (try (lambda () (setf (elt v -1) 0))) (try (lambda () (elt fx 3))) v))
;;;; => (6 #(2 4 6) 12 15 (8 10 12) 6 #(4 4 4) 2 #(2 2) #(2 2) TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR #(2 4 6))

;;;; case vec-made-by-functions
(defun mk (n x) (make-array n :initial-element x))
(defun mk0 (n) (make-array n))
(defun v3 (a b c) (vector a b c))
(defun squares (n) (let ((v (make-array n))) (dotimes (i n v) (setf (svref v i) (* i i)))))
(defun pairs (n) (let ((l nil)) (dotimes (i n (nreverse l)) (push (vector i (* 2 i)) l))))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(let ((a (squares 6)) (b (v3 1 'b "c")))
  (setf (svref a 0) 'zero)
  (list a b (mk 3 'x) (mk0 2) (v3 nil nil nil) (pairs 3) (svref (second (pairs 4)) 1) (length (squares 10))
        (equalp (v3 1 2 3) #(1 2 3)) (eq b b) (reduce #'+ (squares 5)) (sort (v3 3 1 2) #'<) (type-of (v3 1 2 3))
        (simple-vector-p (mk 2 0)) (map 'list #'1+ (squares 4)) (coerce (mk 2 'q) 'list) (vector) (mk 0 1)
        (try (lambda () (mk -1 0))) (try (lambda () (mk 'a 0))) (try (lambda () (svref (v3 1 2 3) 3)))
        (try (lambda () (aref (mk0 2) 2)))))
;;;; => (#(ZERO 1 4 9 16 25) #(1 B "c") #(X X X) #(0 0) #(NIL NIL NIL) (#(0 0) #(1 2) #(2 4)) 2 10 T T 30 #(1 2 3) (SIMPLE-VECTOR 3) T (1 2 5 10) (Q Q) #() #() TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case vec-coerce-lists
(defun lit () (coerce '(1 2 4 3) 'simple-vector))
(defun cv (x) (coerce x 'vector))
(defun csv (x) (coerce x 'simple-vector))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(let ((v (vector 1 2)) (l (list 'a 'b)))
  (list (lit) (eq (lit) (lit)) (cv l) (csv (list 1 (list 2) "x")) (cv nil) (csv nil) (eq (cv v) v) (eq (csv v) v)
        (cv "ab") (csv (read-from-string "(p q r)")) (svref (lit) 2) (length (csv (make-list 100 :initial-element 0)))
        (let ((w (csv l))) (setf (svref w 0) 'z) (list w l)) (try (lambda () (csv '(1 . 2)))) (try (lambda () (cv 5)))))
;;;; => (#(1 2 4 3) NIL #(A B) #(1 (2) "x") #() #() T T "ab" #(P Q R) 4 100 (#(Z B) (A B)) TYPE-ERROR TYPE-ERROR)

;;;; case hcons-tier1-list-read-written-by-both
(defparameter *hl* (list 1 (list 2 3) 4 5))
(defun hl-sum (l) (let ((s 0)) (dolist (x l s) (setq s (+ s (if (consp x) (car x) x))))))
(defun hl-set (l x) (rplaca l x) l)
(let ((r '()))
  (dotimes (i 30) (push (hl-sum *hl*) r))
  (rplaca *hl* 10)
  (push (hl-sum *hl*) r)
  (setf (car (cdr (cdr *hl*))) 40)
  (push (hl-sum *hl*) r)
  (hl-set (cdr *hl*) (list 20 21))
  (push (hl-sum *hl*) r)
  (push (eq (cdr *hl*) (cdr (hl-set *hl* 11))) r)
  (list (subseq r 0 4) *hl*))
;;;; => ((T 75 57 21) (11 (20 21) 40 5))

;;;; case hcons-length-of-tier2-lists
(defun hl-make (n) (if (= n 0) nil (cons n (hl-make (1- n)))))
(defun hl-dotted (n) (cons n (cons n n)))
(let ((s 0))
  (dotimes (i 30) (setq s (+ s (length (hl-make 20)))))
  (list s (length (list* 'a 'b (hl-make 5)))
        (handler-case (length (hl-dotted 1)) (type-error () 'type-error))
        (handler-case (length (cons 0 (hl-dotted 1))) (type-error () 'type-error))))
;;;; => (600 7 TYPE-ERROR TYPE-ERROR)
