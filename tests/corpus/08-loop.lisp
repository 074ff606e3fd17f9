;;; The full standard LOOP: for/as (from to below downto by in on across = then), hash-keys/values, with,
;;; repeat, while, until, always, never, thereis, accumulation (collect append nconc count sum maximize minimize
;;; with into), conditionals (when if unless else end and), do, return, named, initially, finally.

;;;; case lp-for-from-to
(loop for i from 1 to 5 collect i)
;;;; => (1 2 3 4 5)

;;;; case lp-for-from-below
(loop for i from 0 below 5 collect i)
;;;; => (0 1 2 3 4)

;;;; case lp-for-by
(loop for i from 0 to 10 by 3 collect i)
;;;; => (0 3 6 9)

;;;; case lp-for-downto
(loop for i from 5 downto 1 collect i)
;;;; => (5 4 3 2 1)

;;;; case lp-for-downfrom
(loop for i downfrom 3 to 0 collect i)
;;;; => (3 2 1 0)

;;;; case lp-for-upto
(loop for i upto 3 collect i)
;;;; => (0 1 2 3)

;;;; case lp-for-above
(loop for i from 10 above 6 by 2 collect i)
;;;; => (10 8)

;;;; case lp-for-in
(loop for x in '(a b c) collect (list x))
;;;; => ((A) (B) (C))

;;;; case lp-for-in-by
(loop for x in '(1 2 3 4 5 6) by #'cddr collect x)
;;;; => (1 3 5)

;;;; case lp-for-on
(loop for tail on '(1 2 3) collect tail)
;;;; => ((1 2 3) (2 3) (3))

;;;; case lp-for-across-vector
(loop for c across #(1 2 3) sum c)
;;;; => 6

;;;; case lp-for-across-string
(loop for ch across "abc" collect (char-upcase ch))
;;;; => (#\A #\B #\C)

;;;; case lp-for-equals
(loop for x = 1 then (* x 2) repeat 6 collect x)
;;;; => (1 2 4 8 16 32)

;;;; case lp-for-equals-no-then
(loop for i from 1 to 3 for sq = (* i i) collect sq)
;;;; => (1 4 9)

;;;; case lp-as-parallel-termination
(loop for x in '(a b c d) as i from 1 collect (cons i x))
;;;; => ((1 . A) (2 . B) (3 . C) (4 . D))

;;;; case lp-for-destructuring
(loop for (a b) in '((1 2) (3 4)) collect (+ a b))
;;;; => (3 7)

;;;; case lp-for-destructuring-dotted
(loop for (k . v) in '((a . 1) (b . 2)) collect k collect v)
;;;; => (A 1 B 2)

;;;; case lp-sequential-for
(loop for x from 1 to 3 for y = (* x 10) collect (list x y))
;;;; => ((1 10) (2 20) (3 30))

;;;; case lp-hash-keys
(let ((h (make-hash-table)))
  (setf (gethash 1 h) 'one (gethash 2 h) 'two (gethash 3 h) 'three)
  (sort (loop for k being the hash-keys of h collect k) #'<))
;;;; => (1 2 3)

;;;; case lp-hash-values-using
(let ((h (make-hash-table)))
  (setf (gethash 1 h) 10 (gethash 2 h) 20)
  (sort (loop for v being the hash-values of h using (hash-key k) collect (+ k v)) #'<))
;;;; => (11 22)

;;;; case lp-hash-key-each
(let ((h (make-hash-table :test 'equal)))
  (setf (gethash "a" h) 1 (gethash "b" h) 2)
  (loop for k being each hash-key in h sum (gethash k h)))
;;;; => 3

;;;; case lp-with
(loop with base = 100 for i from 1 to 3 collect (+ base i))
;;;; => (101 102 103)

;;;; case lp-with-and
(loop with a = 1 and b = 2 repeat 1 collect (list a b))
;;;; => ((1 2))

;;;; case lp-repeat
(let ((n 0)) (loop repeat 4 do (incf n)) n)
;;;; => 4

;;;; case lp-while
(let ((i 0)) (loop while (< i 5) do (incf i)) i)
;;;; => 5

;;;; case lp-until
(loop for i from 1 until (> (* i i) 20) collect i)
;;;; => (1 2 3 4)

;;;; case lp-always
(list (loop for x in '(2 4 6) always (evenp x)) (loop for x in '(2 3) always (evenp x)))
;;;; => (T NIL)

;;;; case lp-never
(list (loop for x in '(1 3) never (evenp x)) (loop for x in '(1 2) never (evenp x)))
;;;; => (T NIL)

;;;; case lp-thereis
(list (loop for x in '(1 2 3) thereis (and (> x 1) (* x 10))) (loop for x in '(1) thereis (> x 5)))
;;;; => (20 NIL)

;;;; case lp-collect-into
(loop for x in '(1 2 3 4) when (evenp x) collect x into evens else collect x into odds
      finally (return (list evens odds)))
;;;; => ((2 4) (1 3))

;;;; case lp-append
(loop for x in '((1 2) (3) ()) append x)
;;;; => (1 2 3)

;;;; case lp-nconc
(loop for x in '(1 2 3) nconc (list x x))
;;;; => (1 1 2 2 3 3)

;;;; case lp-count
(loop for x in '(1 2 3 4 5) count (oddp x))
;;;; => 3

;;;; case lp-sum
(loop for i from 1 to 100 sum i)
;;;; => 5050

;;;; case lp-sum-into
(loop for i from 1 to 4 sum i into total finally (return (* total 2)))
;;;; => 20

;;;; case lp-maximize-minimize
(list (loop for x in '(3 9 2) maximize x) (loop for x in '(3 9 2) minimize x))
;;;; => (9 2)

;;;; case lp-maximize-empty-with-default
(or (loop for x in '() when (> x 0) collect x) 'empty)
;;;; => EMPTY

;;;; case lp-when-do
(let ((acc nil)) (loop for i from 1 to 6 when (evenp i) do (push i acc)) acc)
;;;; => (6 4 2)

;;;; case lp-if-else
(loop for i from 1 to 5 if (oddp i) collect 'odd else collect 'even)
;;;; => (ODD EVEN ODD EVEN ODD)

;;;; case lp-unless
(loop for i from 1 to 5 unless (= i 3) collect i)
;;;; => (1 2 4 5)

;;;; case lp-when-and
(loop for i from 1 to 4 when (evenp i) collect i and collect (* i 10))
;;;; => (2 20 4 40)

;;;; case lp-when-it
(loop for x in '((a . 1) (b . nil) (c . 3)) when (cdr x) collect it)
;;;; => (1 3)

;;;; case lp-conditional-end
(loop for i from 1 to 6
      when (evenp i) collect i into evens end
      collect i into all
      finally (return (list evens all)))
;;;; => ((2 4 6) (1 2 3 4 5 6))

;;;; case lp-nested-conditionals
(loop for i from 1 to 9
      when (oddp i)
        if (> i 4) collect (list 'big-odd i)
        else collect (list 'small-odd i)
        end
      else collect i)
;;;; => ((SMALL-ODD 1) 2 (SMALL-ODD 3) 4 (BIG-ODD 5) 6 (BIG-ODD 7) 8 (BIG-ODD 9))

;;;; case lp-do-multiple-forms
(let ((a 0) (b 0)) (loop for i from 1 to 3 do (incf a i) (incf b)) (list a b))
;;;; => (6 3)

;;;; case lp-return
(loop for i from 1 do (when (> i 3) (return (* i 100))))
;;;; => 400

;;;; case lp-return-clause
(loop for x in '(1 2 3 4) when (> x 2) return x)
;;;; => 3

;;;; case lp-named
(loop named outer for i from 1 to 3 do
  (loop for j from 1 to 3 do (when (= (* i j) 4) (return-from outer (list i j)))))
;;;; => (2 2)

;;;; case lp-initially-finally
(let ((log nil))
  (loop initially (push 'start log) for i from 1 to 2 do (push i log) finally (push 'end log))
  (nreverse log))
;;;; => (START 1 2 END)

;;;; case lp-finally-return
(loop for x in '(a b c) count x into n finally (return (list 'counted n)))
;;;; => (COUNTED 3)

;;;; case lp-simple-infinite-with-return
(let ((n 0)) (loop (incf n) (when (>= n 7) (return n))))
;;;; => 7

;;;; case lp-collect-multiple-lists
(loop for i from 1 to 3 collect i collect (- i))
;;;; => (1 -1 2 -2 3 -3)

;;;; case lp-count-into
(loop for c across "hello world" count (char= c #\o) into os finally (return os))
;;;; => 2

;;;; case lp-for-in-nil
(loop for x in nil collect x)
;;;; => NIL

;;;; case lp-loop-returns-nil-by-default
(loop for i from 1 to 3 do (+ i 1))
;;;; => NIL

;;;; case lp-for-from-to-negative-step
(loop for i from 10 downto 0 by 3 collect i)
;;;; => (10 7 4 1)

;;;; case lp-sum-floats
(loop for x in '(0.5 0.25 0.25) sum x)
;;;; => 1.0

;;;; case lp-nested-loops-collect
(loop for i from 1 to 3 collect (loop for j from 1 to i collect j))
;;;; => ((1) (1 2) (1 2 3))

;;;; case lp-for-on-by
(loop for (a b) on '(1 2 3 4 5) by #'cddr collect (list a b))
;;;; => ((1 2) (3 4) (5 NIL))

;;;; case lp-append-into-and-return
(loop for x in '(1 2 3) append (list x x) into acc finally (return (length acc)))
;;;; => 6

;;;; case lp-minimize-into
(loop for x in '(5 3 8) minimize x into m finally (return (list 'min m)))
;;;; => (MIN 3)

;;;; case lp-while-after-for
(loop for x in '(1 2 3 nil 5) while x collect x)
;;;; => (1 2 3)

;;;; case lp-thereis-string
(loop for s in '("a" "bb" "ccc") thereis (and (> (length s) 1) s))
;;;; => "bb"
