;;; New strings made by Tier 2 (docs/ABI.md "Strings and characters", str_make): SUBSEQ, STRING-UPCASE,
;;; STRING-DOWNCASE and (CONCATENATE 'STRING a b) of simple strings, their slow paths (other sequences, bad indices,
;;; non-ASCII case rules, other result types), and FORMAT given short Wasm lists (copied into Python, docs/ABI.md
;;; "Lists given to FORMAT") or lists it must walk itself. Each function is called enough times to be promoted.

;;;; case t2m-made-strings-are-ordinary-strings
(defun sub (s a b) (subseq s a b))
(defun sub2 (s a) (subseq s a))
(defun up (s) (string-upcase s))
(defun down (s) (string-downcase s))
(defun cat (a b) (concatenate 'string a b))
(let ((r nil))
  (dotimes (i 12)
    (let* ((s (format nil "item-~d:~x" i (* i 7)))
           (u (up (cat s "-done"))))
      (push (list (sub s 0 4) (sub2 s 5) u (down u) (length u) (char u 1) (search ":" u)
                  (parse-integer (sub s 5 (position #\: s))) (string= u (string-upcase (concatenate 'string s "-done"))))
            r)))
  (let ((h (make-hash-table :test 'equal)))
    (setf (gethash (cat "ab" "c") h) 1)
    (list (reverse r) (gethash "abc" h) (stringp (up "x")) (simple-string-p (sub "abc" 0 2)))))
;;;; => ((("item" "0:0" "ITEM-0:0-DONE" "item-0:0-done" 13 #\T 6 0 T) ("item" "1:7" "ITEM-1:7-DONE" "item-1:7-done" 13 #\T 6 1 T) ("item" "2:E" "ITEM-2:E-DONE" "item-2:e-done" 13 #\T 6 2 T) ("item" "3:15" "ITEM-3:15-DONE" "item-3:15-done" 14 #\T 6 3 T) ("item" "4:1C" "ITEM-4:1C-DONE" "item-4:1c-done" 14 #\T 6 4 T) ("item" "5:23" "ITEM-5:23-DONE" "item-5:23-done" 14 #\T 6 5 T) ("item" "6:2A" "ITEM-6:2A-DONE" "item-6:2a-done" 14 #\T 6 6 T) ("item" "7:31" "ITEM-7:31-DONE" "item-7:31-done" 14 #\T 6 7 T) ("item" "8:38" "ITEM-8:38-DONE" "item-8:38-done" 14 #\T 6 8 T) ("item" "9:3F" "ITEM-9:3F-DONE" "item-9:3f-done" 14 #\T 6 9 T) ("item" "10:46" "ITEM-10:46-DONE" "item-10:46-done" 15 #\T 7 10 T) ("item" "11:4D" "ITEM-11:4D-DONE" "item-11:4d-done" 15 #\T 7 11 T)) 1 T T)

;;;; case t2m-subseq-edges-and-other-sequences
(defun sub (s a b) (subseq s a b))
(defun sub2 (s a) (subseq s a))
(defun try (f) (handler-case (funcall f) (error () 'error)))
(dotimes (i 12) (sub "hello" 1 3) (sub2 "hello" 2))
(list (sub "hello" 0 nil) (sub "hello" 5 5) (sub "" 0 0) (sub2 "hello" 5) (sub "h😀llo" 1 3) (sub "λx.x" 0 2)
      (sub '(1 2 3 4) 1 3) (sub2 '(a b c) 1) (sub #(1 2 3) 0 2) (sub2 #(x y) 1)
      (sub (make-array 5 :element-type 'character :initial-contents "abcde" :fill-pointer 3) 1 3)
      (try (lambda () (sub "abc" 2 1))) (try (lambda () (sub "abc" 0 4))) (try (lambda () (sub "abc" -1 2)))
      (try (lambda () (sub2 "abc" 4))) (try (lambda () (sub "abc" 1.0 2))) (try (lambda () (sub 'abc 0 1))))
;;;; => ("hello" "" "" "" "😀l" "λx" (2 3) (B C) #(1 2) #(Y) "bc" ERROR ERROR ERROR ERROR ERROR ERROR)

;;;; case t2m-subseq-bad-end
(defun sub (s a b) (subseq s a b))
(dotimes (i 12) (sub "hello" 1 3))
(sub "hello" 2 9)
;;;; error: TYPE-ERROR

;;;; case t2m-case-conversion
(defun up (s) (string-upcase s))
(defun down (s) (string-downcase s))
(defun try (f) (handler-case (funcall f) (error () 'error)))
(dotimes (i 12) (up "abc") (down "ABC"))
(list (up "Hello, World! 123") (down "Hello, World! 123") (up "") (down "") (up "straße") (down "ÀÉÎ") (up "λx")
      (up 'sym) (down 'sym) (up #\a) (up (make-array 3 :element-type 'character :initial-contents "abc"
                                                         :fill-pointer 2))
      (string-upcase "abcdef" :start 2) (try (lambda () (up 12))))
;;;; => ("HELLO, WORLD! 123" "hello, world! 123" "" "" "STRAßE" "àéî" "ΛX" "SYM" "sym" "A" "AB" "abCDEF" ERROR)

;;;; case t2m-concatenate
(defun cat (a b) (concatenate 'string a b))
(defun cat-list (a b) (concatenate 'list a b))
(defun cat3 (a b c) (concatenate 'string a b c))
(defun try (f) (handler-case (funcall f) (error () 'error)))
(dotimes (i 12) (cat "a" "b") (cat-list "a" '(1)) (cat3 "a" "b" "c"))
(list (cat "ab" "cd") (cat "" "") (cat "x" "") (cat "😀" "λ") (cat "ab" '(#\c #\d)) (cat "ab" #(#\c))
      (cat-list "ab" '(1)) (cat3 "a" "b" "c") (concatenate 'simple-string "p" "q") (concatenate 'vector "ab" '(1))
      (cat (make-array 2 :element-type 'character :initial-contents "mn" :fill-pointer 1) "z")
      (try (lambda () (cat "a" '(1)))) (try (lambda () (cat "a" 'b))))
;;;; => ("abcd" "" "x" "😀λ" "abcd" "abc" (#\a #\b 1) "abc" "pq" #(#\a #\b 1) "mz" ERROR ERROR)

;;;; case t2m-concatenate-bad-element
(defun cat (a b) (concatenate 'string a b))
(dotimes (i 12) (cat "a" "b"))
(cat "a" '(1 2))
;;;; error: TYPE-ERROR

;;;; case t2m-format-short-wasm-lists
(defun rec (i) (format nil "~a-~d:~x/~b[~{~a~^,~}]" 'item i (* i 7) (mod i 64) (list (mod i 3) (mod i 5) (mod i 7))))
(defun show (l) (format nil "~a|~s|~{<~a>~}|~:{~a~}" l l l nil))
(defun twice (l) (format nil "~a ~a ~a" l l (eq l l)))
(let ((r nil))
  (dotimes (i 12) (push (rec i) r))
  (list (reverse r)
        (show (list 1 "two" #\3 'four 5/6 (expt 2 70) nil))
        (show (list (list 1 2) (vector 3 4) (cons 5 6)))
        (format nil "~a ~s" (list* 1 2 3) (list* "a" #\b)) (show nil)
        (twice (list "a" 'b))
        (show (let ((l nil)) (dotimes (i 70 l) (push i l))))))
;;;; => (("ITEM-0:0/0[0,0,0]" "ITEM-1:7/1[1,1,1]" "ITEM-2:E/10[2,2,2]" "ITEM-3:15/11[0,3,3]" "ITEM-4:1C/100[1,4,4]" "ITEM-5:23/101[2,0,5]" "ITEM-6:2A/110[0,1,6]" "ITEM-7:31/111[1,2,0]" "ITEM-8:38/1000[2,3,1]" "ITEM-9:3F/1001[0,4,2]" "ITEM-10:46/1010[1,0,3]" "ITEM-11:4D/1011[2,1,4]") "(1 two 3 FOUR 5/6 1180591620717411303424 NIL)|(1 \"two\" #\\3 FOUR 5/6 1180591620717411303424 NIL)|<1><two><3><FOUR><5/6><1180591620717411303424><NIL>|" "((1 2) #(3 4) (5 . 6))|((1 2) #(3 4) (5 . 6))|<(1 2)><#(3 4)><(5 . 6)>|" "(1 2 . 3) (\"a\" . #\\b)" "NIL|NIL||" "(a B) (a B) T" "(69 68 67 66 65 64 63 62 61 60 59 58 57 56 55 54 53 52 51 50 49 48 47 46 45 44 43 42 41 40 39 38 37 36 35 34 33 32 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0)|(69 68 67 66 65 64 63 62 61 60 59 58 57 56 55 54 53 52 51 50 49 48 47 46 45 44 43 42 41 40 39 38 37 36 35 34 33 32 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0)|<69><68><67><66><65><64><63><62><61><60><59><58><57><56><55><54><53><52><51><50><49><48><47><46><45><44><43><42><41><40><39><38><37><36><35><34><33><32><31><30><29><28><27><26><25><24><23><22><21><20><19><18><17><16><15><14><13><12><11><10><9><8><7><6><5><4><3><2><1><0>|")


;;;; case t2m-format-lists-with-indirection
(defun ind (l) (format nil "~@? / ~? / ~{~a~}" "~a+~a" 1 2 "<~{~a~}>" (list l) l))
(defun mutate-later (l) (format nil "~a" l))
(let ((r nil))
  (dotimes (i 12) (push (ind (list i (* i i))) r))
  (let ((l (list 1 2 3)))
    (mutate-later l)
    (setf (second l) 'x)
    (list (reverse r) (mutate-later l) l)))
;;;; => (("1+2 / <00> / 00" "1+2 / <11> / 11" "1+2 / <24> / 24" "1+2 / <39> / 39" "1+2 / <416> / 416" "1+2 / <525> / 525" "1+2 / <636> / 636" "1+2 / <749> / 749" "1+2 / <864> / 864" "1+2 / <981> / 981" "1+2 / <10100> / 10100" "1+2 / <11121> / 11121") "(1 X 3)" (1 X 3))

;;;; case t2m-made-strings-keep-identity
(defvar *last* nil)
(defun up (s) (string-upcase s))
(defun check (s)
  (let* ((u (up s)) (h (make-hash-table :test 'eq)) (seen nil))
    (setf (gethash u h) 1)
    (setq *last* u)
    (maphash (lambda (k v) (declare (ignore v)) (push (eq k u) seen)) h)
    (list (gethash u h) (eq u *last*) (eq u (symbol-value '*last*)) seen (position u (list "x" u) :test #'eq)
          (eq u (up s)) (equal u (up s)) (eq (char u 0) (char s 0)))))
(let ((r nil))
  (dotimes (i 12) (push (check (format nil "~r" i)) r))
  (list (first r) (check "é!") (check "x")))
;;;; => ((1 T T (T) 1 NIL T NIL) (1 T T (T) 1 NIL T NIL) (1 T T (T) 1 NIL T NIL))
