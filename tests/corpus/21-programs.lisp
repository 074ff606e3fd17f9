;;; Classic small programs: recursion, bignums, sorting, sieves, string building, higher-order functions, deep
;;; tail recursion, mutual recursion, state machines, non-local exits across functions, a tiny interpreter.

;;;; case pg-fib
(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(fib 20)
;;;; => 6765

;;;; case pg-fib-iterative-bignum
(defun fib-iter (n) (let ((a 0) (b 1)) (dotimes (i n a) (psetq a b b (+ a b)))))
(fib-iter 150)
;;;; => 9969216677189303386214405760200

;;;; case pg-tak
(defun tak (x y z) (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y))))
(tak 12 8 4)
;;;; => 5

;;;; case pg-ackermann
(defun ack (m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (t (ack (- m 1) (ack m (- n 1))))))
(list (ack 1 2) (ack 2 3) (ack 3 3))
;;;; => (4 9 61)

;;;; case pg-factorial-50
(defun fact (n) (if (<= n 1) 1 (* n (fact (- n 1)))))
(fact 50)
;;;; => 30414093201713378043612608166064768844377641568960512000000000000

;;;; case pg-factorial-loop-100-digits
(let ((f 1)) (loop for i from 1 to 100 do (setq f (* f i))) (length (princ-to-string f)))
;;;; => 158

;;;; case pg-primes-sieve
(defun sieve (n)
  (let ((composite (make-array (1+ n) :initial-element nil)))
    (loop for i from 2 to n
          unless (aref composite i)
            collect i
            and do (loop for j from (* i i) to n by i do (setf (aref composite j) t)))))
(sieve 60)
;;;; => (2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59)

;;;; case pg-count-primes
(defun primep (n) (and (> n 1) (loop for d from 2 to (isqrt n) never (zerop (mod n d)))))
(count-if #'primep (loop for i from 1 to 1000 collect i))
;;;; => 168

;;;; case pg-quicksort-list
(defun qsort (l)
  (if (null l) nil
      (let ((p (car l)) (rest (cdr l)))
        (append (qsort (remove-if-not (lambda (x) (< x p)) rest))
                (list p)
                (qsort (remove-if-not (lambda (x) (>= x p)) rest))))))
(qsort '(3 1 4 1 5 9 2 6 5 3 5 8 9 7 9))
;;;; => (1 1 2 3 3 4 5 5 5 6 7 8 9 9 9)

;;;; case pg-merge-sort
(defun merge-lists (a b)
  (cond ((null a) b) ((null b) a)
        ((<= (car a) (car b)) (cons (car a) (merge-lists (cdr a) b)))
        (t (cons (car b) (merge-lists a (cdr b))))))
(defun msort (l)
  (if (or (null l) (null (cdr l))) l
      (let ((half (floor (length l) 2)))
        (merge-lists (msort (subseq l 0 half)) (msort (subseq l half))))))
(msort '(38 27 43 3 9 82 10))
;;;; => (3 9 10 27 38 43 82)

;;;; case pg-insertion-sort-vector
(defun isort (v)
  (loop for i from 1 below (length v)
        do (let ((key (aref v i)) (j (1- i)))
             (loop while (and (>= j 0) (> (aref v j) key))
                   do (setf (aref v (1+ j)) (aref v j)) (decf j))
             (setf (aref v (1+ j)) key)))
  v)
(isort (vector 5 2 4 6 1 3))
;;;; => #(1 2 3 4 5 6)

;;;; case pg-string-building
(defun join (strings sep)
  (with-output-to-string (out)
    (loop for (s . more) on strings do (write-string s out) (when more (write-string sep out)))))
(join '("alpha" "beta" "gamma") ", ")
;;;; => "alpha, beta, gamma"

;;;; case pg-string-reverse-words
(defun split (s)
  (loop with start = 0 for i from 0 to (length s)
        when (or (= i (length s)) (char= (char s i) #\Space))
          collect (subseq s start i) and do (setq start (1+ i))))
(format nil "~{~a~^ ~}" (reverse (split "the quick brown fox")))
;;;; => "fox brown quick the"

;;;; case pg-mapcar-with-closures
(let ((multipliers (mapcar (lambda (n) (lambda (x) (* n x))) '(1 2 3))))
  (mapcar (lambda (f) (funcall f 10)) multipliers))
;;;; => (10 20 30)

;;;; case pg-tail-recursive-loop-100000
(defun count-up (n acc) (if (= n 0) acc (count-up (- n 1) (+ acc 1))))
(count-up 100000 0)
;;;; => 100000

;;;; case pg-tail-recursive-sum-100000
(defun sum-to (n acc) (if (zerop n) acc (sum-to (1- n) (+ acc n))))
(sum-to 100000 0)
;;;; => 5000050000

;;;; case pg-iterative-loop-100000
(let ((s 0)) (dotimes (i 100000) (setq s (+ s i))) s)
;;;; => 4999950000

;;;; case pg-mutual-recursion-labels
(labels ((my-even-p (n) (if (= n 0) t (my-odd-p (- n 1))))
         (my-odd-p (n) (if (= n 0) nil (my-even-p (- n 1)))))
  (list (my-even-p 100) (my-odd-p 77) (my-even-p 51)))
;;;; => (T T NIL)

;;;; case pg-mutual-recursion-defun
(defun hofstadter-f (n) (if (= n 0) 1 (- n (hofstadter-m (hofstadter-f (- n 1))))))
(defun hofstadter-m (n) (if (= n 0) 0 (- n (hofstadter-f (hofstadter-m (- n 1))))))
(loop for i from 0 below 15 collect (hofstadter-f i))
;;;; => (1 1 2 2 3 3 4 5 5 6 6 7 8 8 9)

;;;; case pg-tagbody-state-machine
(defun count-words (s)
  (let ((i 0) (n (length s)) (words 0))
    (tagbody
     space
       (when (>= i n) (go done))
       (if (char= (char s i) #\Space) (progn (incf i) (go space)) (progn (incf words) (go word)))
     word
       (when (>= i n) (go done))
       (if (char= (char s i) #\Space) (go space) (progn (incf i) (go word)))
     done)
    words))
(list (count-words "  hello   big  world ") (count-words "") (count-words "one"))
;;;; => (3 0 1)

;;;; case pg-catch-throw-search
(defun find-in-tree (tree pred)
  (catch 'found
    (labels ((walk (x) (cond ((funcall pred x) (throw 'found x))
                             ((consp x) (walk (car x)) (walk (cdr x))))))
      (walk tree)
      nil)))
(list (find-in-tree '(1 (2 (3 "deep" 4))) #'stringp) (find-in-tree '(1 2) #'stringp))
;;;; => ("deep" NIL)

;;;; case pg-catch-throw-across-functions
(defun check-item (x) (when (minusp x) (throw 'invalid (list 'bad-item x))) x)
(defun process (items) (catch 'invalid (mapcar #'check-item items)))
(list (process '(1 2 3)) (process '(1 -2 3)))
;;;; => ((1 2 3) (BAD-ITEM -2))

;;;; case pg-small-interpreter
(defun lookup (var env) (cdr (assoc var env)))
(defun ev (expr env)
  (cond ((numberp expr) expr)
        ((symbolp expr) (lookup expr env))
        (t (case (first expr)
             (add (+ (ev (second expr) env) (ev (third expr) env)))
             (mul (* (ev (second expr) env) (ev (third expr) env)))
             (let1 (ev (fourth expr) (acons (second expr) (ev (third expr) env) env)))
             (if0 (if (zerop (ev (second expr) env)) (ev (third expr) env) (ev (fourth expr) env)))
             (t (error "unknown op ~a" (first expr)))))))
(ev '(let1 x 5 (let1 y (mul x x) (if0 (add y -25) (add x y) 0))) nil)
;;;; => 30

;;;; case pg-lambda-calculus-interpreter
(defun lc-eval (e env)
  (cond ((symbolp e) (cdr (assoc e env)))
        ((numberp e) e)
        ((eq (car e) 'lam) (let ((param (cadr e)) (body (caddr e)))
                             (lambda (arg) (lc-eval body (acons param arg env)))))
        ((eq (car e) '+) (+ (lc-eval (cadr e) env) (lc-eval (caddr e) env)))
        (t (funcall (lc-eval (car e) env) (lc-eval (cadr e) env)))))
(lc-eval '(((lam f (lam x (f (f x)))) (lam y (+ y 10))) 1) nil)
;;;; => 21

;;;; case pg-rpn-calculator
(defun rpn (tokens)
  (let ((stack nil))
    (dolist (tok tokens (car stack))
      (if (numberp tok)
          (push tok stack)
          (let ((b (pop stack)) (a (pop stack)))
            (push (funcall tok a b) stack))))))
(rpn (list 3 4 '+ 2 '* 7 '-))
;;;; => 7

;;;; case pg-towers-of-hanoi
(defun hanoi (n from to via)
  (if (= n 0) nil
      (append (hanoi (1- n) from via to) (list (cons from to)) (hanoi (1- n) via to from))))
(list (length (hanoi 10 'a 'c 'b)) (hanoi 2 'a 'c 'b))
;;;; => (1023 ((A . B) (A . C) (B . C)))

;;;; case pg-n-queens
(defun queens (n)
  (let ((count 0))
    (labels ((ok (col placed)
               (loop for c in placed for d from 1
                     never (or (= c col) (= (abs (- c col)) d))))
             (place (row placed)
               (if (= row n) (incf count)
                   (dotimes (col n) (when (ok col placed) (place (1+ row) (cons col placed)))))))
      (place 0 nil))
    count))
(list (queens 4) (queens 6))
;;;; => (2 4)

;;;; case pg-collatz
(defun collatz-length (n) (loop for x = n then (if (evenp x) (/ x 2) (1+ (* 3 x))) count t until (= x 1)))
(loop for i from 1 to 30 maximize (collatz-length i))
;;;; => 112

;;;; case pg-binary-tree
(defun tree-insert (tree x)
  (cond ((null tree) (list x nil nil))
        ((< x (first tree)) (list (first tree) (tree-insert (second tree) x) (third tree)))
        (t (list (first tree) (second tree) (tree-insert (third tree) x)))))
(defun tree-inorder (tree)
  (when tree (append (tree-inorder (second tree)) (list (first tree)) (tree-inorder (third tree)))))
(tree-inorder (reduce #'tree-insert '(50 30 70 20 40 60 80 35) :initial-value nil))
;;;; => (20 30 35 40 50 60 70 80)

;;;; case pg-flatten
(defun flatten (x) (cond ((null x) nil) ((atom x) (list x)) (t (append (flatten (car x)) (flatten (cdr x))))))
(flatten '(1 (2 (3 4) ()) ((5)) 6))
;;;; => (1 2 3 4 5 6)

;;;; case pg-matrix-multiply
(defun mat* (a b)
  (let ((bt (apply #'mapcar #'list b)))
    (mapcar (lambda (row) (mapcar (lambda (col) (reduce #'+ (mapcar #'* row col))) bt)) a)))
(mat* '((1 2) (3 4)) '((5 6) (7 8)))
;;;; => ((19 22) (43 50))

;;;; case pg-power-set
(defun power-set (s) (if (null s) '(()) (let ((rest (power-set (cdr s)))) (append rest (mapcar (lambda (x) (cons (car s) x)) rest)))))
(power-set '(a b c))
;;;; => (NIL (C) (B) (B C) (A) (A C) (A B) (A B C))

;;;; case pg-permutations
(defun perms (l) (if (null l) '(()) (mapcan (lambda (x) (mapcar (lambda (p) (cons x p)) (perms (remove x l)))) l)))
(perms '(1 2 3))
;;;; => ((1 2 3) (1 3 2) (2 1 3) (2 3 1) (3 1 2) (3 2 1))

;;;; case pg-gcd-euclid
(defun my-gcd (a b) (if (zerop b) a (my-gcd b (mod a b))))
(list (my-gcd 1071 462) (my-gcd (expt 2 100) (expt 6 40)))
;;;; => (21 1099511627776)

;;;; case pg-bignum-power-of-two-digits
(reduce #'+ (map 'list #'digit-char-p (princ-to-string (expt 2 1000))))
;;;; => 1366

;;;; case pg-run-length-encoding
(defun rle (s)
  (let ((out nil))
    (loop for c across s
          do (if (and out (char= (caar out) c)) (incf (cdar out)) (push (cons c 1) out)))
    (format nil "~{~a~}" (mapcar (lambda (p) (format nil "~d~a" (cdr p) (car p))) (nreverse out)))))
(rle "aaabccdddd")
;;;; => "3a1b2c4d"

;;;; case pg-caesar-cipher
(defun caesar (s k)
  (map 'string (lambda (c) (if (alpha-char-p c)
                               (code-char (+ 65 (mod (+ (- (char-code (char-upcase c)) 65) k) 26)))
                               c))
       s))
(caesar "Hello, World" 3)
;;;; => "KHOOR, ZRUOG"

;;;; case pg-assoc-list-database
(defvar *db* nil)
(defun add-record (name age) (push (list :name name :age age) *db*))
(add-record "ann" 31) (add-record "bob" 25) (add-record "cy" 40)
(mapcar (lambda (r) (getf r :name)) (sort (copy-list *db*) #'< :key (lambda (r) (getf r :age))))
;;;; => ("bob" "ann" "cy")

;;;; case pg-printing-program
(defun show-table (n)
  (dotimes (i n)
    (format t "~d x ~d = ~d~%" (1+ i) n (* (1+ i) n))))
(show-table 3)
;;;; => NIL
;;;; out: "1 x 3 = 3"
;;;; out: "2 x 3 = 6"
;;;; out: "3 x 3 = 9"
;;;; out: ""

;;;; case pg-counter-generator-output
(defun make-gen () (let ((i 0)) (lambda () (prog1 i (incf i)))))
(let ((g (make-gen))) (dotimes (k 4) (princ (funcall g)) (princ ",")) (funcall g))
;;;; => 4
;;;; out: "0,1,2,3,"

;;;; case pg-deep-non-tail-recursion-1000
(defun depth (n) (if (= n 0) 0 (1+ (depth (1- n)))))
(depth 1000)
;;;; => 1000

;;;; case pg-unwind-protect-in-recursion
(defvar *trace* nil)
(defun descend (n)
  (unwind-protect (if (= n 0) (throw 'bottom 'hit) (descend (1- n)))
    (push n *trace*)))
(list (catch 'bottom (descend 3)) *trace*)
;;;; => (HIT (3 2 1 0))

;;;; case pg-memo-closure
(defun memoize (f)
  (let ((cache (make-hash-table :test 'equal)))
    (lambda (&rest args)
      (multiple-value-bind (v found) (gethash args cache)
        (if found v (setf (gethash args cache) (apply f args)))))))
(defvar *calls* 0)
(defun slow-square (x) (incf *calls*) (* x x))
(let ((fast (memoize #'slow-square)))
  (list (funcall fast 9) (funcall fast 9) (funcall fast 3) *calls*))
;;;; => (81 81 9 2)
