;;; The Conses chapter: cons..cddddr, first..tenth, list, list*, make-list, length, list-length, append,
;;; revappend, nreconc, reverse, nreverse, nth, nthcdr, last, butlast, nbutlast, ldiff, tailp, member, assoc,
;;; rassoc (and -if/-if-not), acons, pairlis, copy-*, tree-equal, subst/sublis families, the map functions, getf,
;;; get-properties, set operations and their n- variants, endp, rplaca, rplacd, nconc.

;;;; case co-cons-car-cdr
(let ((c (cons 1 2))) (list (car c) (cdr c) c))
;;;; => (1 2 (1 . 2))

;;;; case co-car-cdr-nil
(list (car nil) (cdr nil) (car '(1)) (cdr '(1)))
;;;; => (NIL NIL 1 NIL)

;;;; case co-cxr-two-levels
(let ((x '((1 2) (3 4) 5 6)))
  (list (caar x) (cadr x) (cdar x) (cddr x)))
;;;; => (1 (3 4) (2) (5 6))

;;;; case co-cxr-three-levels
(let ((x '(((1 2) 3) (4 5) 6 7)))
  (list (caaar x) (caadr x) (cadar x) (caddr x) (cdaar x) (cdadr x) (cddar x) (cdddr x)))
;;;; => (1 4 3 6 (2) (5) NIL (7))

;;;; case co-cxr-four-levels
(defun tree (d n) (if (= d 0) n (cons (tree (1- d) (* 2 n)) (tree (1- d) (1+ (* 2 n))))))
(let ((x (tree 4 1)))
  (list (caaaar x) (caaadr x) (caadar x) (caaddr x) (cadaar x) (cadadr x) (caddar x) (cadddr x)
        (cdaaar x) (cdaadr x) (cdadar x) (cdaddr x) (cddaar x) (cddadr x) (cdddar x) (cddddr x)))
;;;; => (16 24 20 28 18 26 22 30 17 25 21 29 19 27 23 31)

;;;; case co-cxr-all-three-levels
(defun tree (d n) (if (= d 0) n (cons (tree (1- d) (* 2 n)) (tree (1- d) (1+ (* 2 n))))))
(let ((x (tree 3 1)))
  (list (caaar x) (caadr x) (cadar x) (caddr x) (cdaar x) (cdadr x) (cddar x) (cdddr x)))
;;;; => (8 12 10 14 9 13 11 15)

;;;; case co-first-to-tenth
(let ((x '(1 2 3 4 5 6 7 8 9 10 11)))
  (list (first x) (second x) (third x) (fourth x) (fifth x) (sixth x) (seventh x) (eighth x) (ninth x) (tenth x)))
;;;; => (1 2 3 4 5 6 7 8 9 10)

;;;; case co-first-beyond-end
(list (third '(1 2)) (rest '(1)) (first nil))
;;;; => (NIL NIL NIL)

;;;; case co-list-and-list*
(list (list) (list 1 2) (list* 1) (list* 1 2) (list* 1 2 '(3 4)))
;;;; => (NIL (1 2) 1 (1 . 2) (1 2 3 4))

;;;; case co-make-list
(list (make-list 3) (make-list 2 :initial-element 'x) (make-list 0))
;;;; => ((NIL NIL NIL) (X X) NIL)

;;;; case co-length
(list (length nil) (length '(1 2 3)) (length '((1 2) 3)))
;;;; => (0 3 2)

;;;; case co-list-length
(list (list-length '(1 2 3)) (let ((c (list 1 2))) (setf (cdr (last c)) c) (list-length c)))
;;;; => (3 NIL)

;;;; case co-append
(list (append) (append '(1) '(2 3) nil '(4)) (append '(1) 2) (append nil nil))
;;;; => (NIL (1 2 3 4) (1 . 2) NIL)

;;;; case co-append-shares-last
(let* ((tail (list 3 4)) (r (append (list 1 2) tail))) (eq (cddr r) tail))
;;;; => T

;;;; case co-append-copies-first
(let* ((a (list 1 2)) (r (append a '(3)))) (setf (car a) 'changed) r)
;;;; => (1 2 3)

;;;; case co-revappend-nreconc
(list (revappend (list 1 2 3) '(a b)) (nreconc (list 1 2 3) '(a b)))
;;;; => ((3 2 1 A B) (3 2 1 A B))

;;;; case co-reverse
(let ((l (list 1 2 3))) (list (reverse l) l))
;;;; => ((3 2 1) (1 2 3))

;;;; case co-nreverse
(nreverse (list 1 2 3 4))
;;;; => (4 3 2 1)

;;;; case co-nth-nthcdr
(list (nth 0 '(a b c)) (nth 2 '(a b c)) (nth 5 '(a b c)) (nthcdr 1 '(a b c)) (nthcdr 3 '(a b c)))
;;;; => (A C NIL (B C) NIL)

;;;; case co-last
(list (last '(1 2 3)) (last '(1 2 3) 2) (last nil) (last '(1 2 . 3)) (last '(1 2 3) 0))
;;;; => ((3) (2 3) NIL (2 . 3) NIL)

;;;; case co-butlast
(list (butlast '(1 2 3)) (butlast '(1 2 3) 2) (butlast '(1) ) (butlast '(1 2 3) 5))
;;;; => ((1 2) (1) NIL NIL)

;;;; case co-nbutlast
(list (nbutlast (list 1 2 3 4)) (nbutlast (list 1 2 3 4) 3) (nbutlast (list 1)))
;;;; => ((1 2 3) (1) NIL)

;;;; case co-ldiff-tailp
(let* ((l (list 1 2 3 4)) (tail (cddr l)))
  (list (ldiff l tail) (tailp tail l) (tailp (list 3 4) l) (tailp nil l)))
;;;; => ((1 2) T NIL T)

;;;; case co-member
(list (member 2 '(1 2 3)) (member 5 '(1 2 3)) (member "b" '("a" "b") :test #'string=)
      (member 2 '((1) (2) (3)) :key #'car))
;;;; => ((2 3) NIL ("b") ((2) (3)))

;;;; case co-member-uses-eql
(list (member 1.0 '(1 2)) (member (list 1) '((1))) (member (list 1) '((1)) :test #'equal))
;;;; => (NIL NIL ((1)))

;;;; case co-member-if
(list (member-if #'evenp '(1 3 4 5)) (member-if-not #'oddp '(1 3 4 5)) (member-if #'zerop '(1 2)))
;;;; => ((4 5) (4 5) NIL)

;;;; case co-assoc
(let ((al '((a . 1) (b . 2) (c . 3))))
  (list (assoc 'b al) (assoc 'z al) (cdr (assoc 'c al))))
;;;; => ((B . 2) NIL 3)

;;;; case co-assoc-test-key
(list (assoc "b" '(("a" . 1) ("b" . 2)) :test #'string=) (assoc 2 '((1 . a) (2 . b)) :key #'1+))
;;;; => (("b" . 2) (1 . A))

;;;; case co-assoc-skips-nil
(assoc 'a '(nil (a . 1)))
;;;; => (A . 1)

;;;; case co-assoc-if
(list (assoc-if #'evenp '((1 . a) (2 . b))) (assoc-if-not #'oddp '((1 . a) (4 . c))))
;;;; => ((2 . B) (4 . C))

;;;; case co-rassoc
(list (rassoc 2 '((a . 1) (b . 2))) (rassoc-if #'stringp '((a . 1) (b . "s"))) (rassoc-if-not #'numberp '((a . 1) (b . c))))
;;;; => ((B . 2) (B . "s") (B . C))

;;;; case co-acons
(acons 'k 'v '((a . b)))
;;;; => ((K . V) (A . B))

;;;; case co-pairlis
(let ((al (pairlis '(a b c) '(1 2 3)))) (list (length al) (cdr (assoc 'a al)) (cdr (assoc 'c al))))
;;;; => (3 1 3)

;;;; case co-pairlis-with-tail
(let ((al (pairlis '(x) '(9) '((z . 0))))) (list (assoc 'x al) (assoc 'z al) (length al)))
;;;; => ((X . 9) (Z . 0) 2)

;;;; case co-copy-list
(let* ((l (list 1 (list 2) 3)) (c (copy-list l)))
  (list (equal l c) (eq l c) (eq (second l) (second c))))
;;;; => (T NIL T)

;;;; case co-copy-alist
(let* ((a (list (cons 'x 1))) (c (copy-alist a)))
  (setf (cdr (first c)) 99)
  (list a c))
;;;; => (((X . 1)) ((X . 99)))

;;;; case co-copy-tree
(let* ((tr (list 1 (list 2 (list 3)))) (c (copy-tree tr)))
  (setf (car (cadr (cadr c))) 'changed)
  (list tr c))
;;;; => ((1 (2 (3))) (1 (2 (CHANGED))))

;;;; case co-tree-equal
;;;; known-deviation: one-character strings are Python str objects, which CPython interns, so separately read "a" literals are EQL
(list (tree-equal '(1 (2 3)) '(1 (2 3))) (tree-equal '(1 (2 3)) '(1 (2 4)))
      (tree-equal '("a") '("a")) (tree-equal '("a") '("a") :test #'equal))
;;;; => (T NIL NIL T)

;;;; case co-subst
(subst 'x 'a '(a b (a c (d a))))
;;;; => (X B (X C (D X)))

;;;; case co-subst-test
(subst 'big 5 '(1 5 (10 2)) :test (lambda (old x) (and (numberp x) (< old x))))
;;;; => (1 5 (BIG 2))

;;;; case co-subst-if
(list (subst-if 'num #'numberp '(a 1 (b 2))) (subst-if-not 'other #'listp '(a (b))))
;;;; => ((A NUM (B NUM)) (OTHER (OTHER)))

;;;; case co-nsubst-family
(list (nsubst 'z 'a (list 'a 'b (list 'a)))
      (nsubst-if 0 #'numberp (list 1 'x (list 2)))
      (nsubst-if-not 'atom #'consp (list 'p (list 'q))))
;;;; => ((Z B (Z)) (0 X (0)) (ATOM (ATOM . ATOM) . ATOM))

;;;; case co-sublis
(sublis '((a . 1) (b . 2)) '(a (b c) . a))
;;;; => (1 (2 C) . 1)

;;;; case co-nsublis
(nsublis '((x . 10)) (list 'x (list 'y 'x)))
;;;; => (10 (Y 10))

;;;; case co-mapcar
(list (mapcar #'+ '(1 2 3) '(10 20 30)) (mapcar #'list '(a b c) '(1 2)) (mapcar #'car '((1) (2))))
;;;; => ((11 22 33) ((A 1) (B 2)) (1 2))

;;;; case co-mapc-returns-first-list
(let ((acc nil)) (list (mapc (lambda (x) (push x acc)) '(1 2 3)) acc))
;;;; => ((1 2 3) (3 2 1))

;;;; case co-mapcan
(mapcan (lambda (x) (if (evenp x) (list x (* x x)) nil)) '(1 2 3 4))
;;;; => (2 4 4 16)

;;;; case co-maplist
(maplist #'identity '(1 2 3))
;;;; => ((1 2 3) (2 3) (3))

;;;; case co-maplist-two-lists
(maplist (lambda (a b) (list (length a) (length b))) '(1 2 3) '(x y))
;;;; => ((3 2) (2 1))

;;;; case co-mapl
(let ((acc nil)) (mapl (lambda (tail) (push (length tail) acc)) '(a b c)) acc)
;;;; => (1 2 3)

;;;; case co-mapcon
(mapcon (lambda (tail) (list (car tail) (length tail))) '(a b c))
;;;; => (A 3 B 2 C 1)

;;;; case co-getf
(let ((pl '(:a 1 :b 2 :c nil))) (list (getf pl :b) (getf pl :z) (getf pl :z 'default) (getf pl :c 'd)))
;;;; => (2 NIL DEFAULT NIL)

;;;; case co-get-properties
(multiple-value-list (get-properties '(:a 1 :b 2 :c 3) '(:c :b)))
;;;; => (:B 2 (:B 2 :C 3))

;;;; case co-get-properties-none
(multiple-value-list (get-properties '(:a 1) '(:z)))
;;;; => (NIL NIL NIL)

;;;; case co-adjoin
(list (adjoin 1 '(1 2)) (adjoin 3 '(1 2)) (adjoin "a" '("a") :test #'equal) (adjoin '(a 9) '((a 1)) :key #'car))
;;;; => ((1 2) (3 1 2) ("a") ((A 1)))

;;;; case co-union
(list (sort (union '(1 2 3) '(2 3 4)) #'<) (sort (nunion (list 1 2) (list 2 5)) #'<))
;;;; => ((1 2 3 4) (1 2 5))

;;;; case co-intersection
(list (sort (intersection '(1 2 3 4) '(2 4 6)) #'<) (sort (nintersection (list 1 2 3) (list 3 1)) #'<))
;;;; => ((2 4) (1 3))

;;;; case co-set-difference
(list (sort (set-difference '(1 2 3 4) '(2 4)) #'<) (sort (nset-difference (list 5 6 7) (list 6)) #'<))
;;;; => ((1 3) (5 7))

;;;; case co-set-exclusive-or
(list (sort (set-exclusive-or '(1 2 3) '(2 3 4)) #'<) (sort (nset-exclusive-or (list 1 2) (list 2 3)) #'<))
;;;; => ((1 4) (1 3))

;;;; case co-set-ops-test-key
(list (sort (union '((a . 1)) '((a . 2) (b . 3)) :key #'car) #'string< :key (lambda (p) (symbol-name (car p))))
      (intersection '("x" "y") '("y") :test #'string=))
;;;; => (((A . 1) (B . 3)) ("y"))

;;;; case co-subsetp
(list (subsetp '(1 2) '(3 2 1)) (subsetp '(1 5) '(1 2)) (subsetp nil '(1)) (subsetp '("a") '("a") :test #'equal))
;;;; => (T NIL T T)

;;;; case co-endp
(list (endp nil) (endp '(1)))
;;;; => (T NIL)

;;;; case co-rplaca-rplacd
(let ((c (list 1 2))) (list (rplaca c 'a) (rplacd c 'b) c))
;;;; => ((A . B) (A . B) (A . B))

;;;; case co-nconc
(let ((a (list 1 2)) (b (list 3))) (list (nconc a b) a))
;;;; => ((1 2 3) (1 2 3))

;;;; case co-nconc-nil-args
(list (nconc) (nconc nil (list 1) nil (list 2 3)))
;;;; => (NIL (1 2 3))

;;;; case co-predicates
(list (consp '(1)) (consp nil) (atom nil) (atom 'a) (atom '(1)) (listp nil) (listp '(1)) (listp 1) (null nil) (null 0))
;;;; => (T NIL T T NIL T T NIL T NIL)

;;;; case co-eq-eql-equal-equalp
(list (eq 'a 'a) (eql 1.5 1.5) (equal '(1 (2)) '(1 (2))) (equal "ab" "ab") (eq (list 1) (list 1))
      (equalp "AB" "ab") (equal "AB" "ab") (equalp '(1 #(2)) '(1 #(2))) (eql #\a #\a) (equalp 1 1.0))
;;;; => (T T T T NIL T NIL T T T)

;;;; case co-shared-structure-mutation
(let* ((shared (list 1 2)) (a (list 'a shared)) (b (list 'b shared)))
  (setf (car shared) 'changed)
  (list a b))
;;;; => ((A (CHANGED 2)) (B (CHANGED 2)))

;;;; case co-dotted-length-error
(length '(1 2 . 3))
;;;; error: TYPE-ERROR

;;;; case co-car-of-non-list-error
(car 'symbol)
;;;; error: TYPE-ERROR

;;;; case co-nth-negative-error
(nth -1 '(1 2))
;;;; error: TYPE-ERROR
