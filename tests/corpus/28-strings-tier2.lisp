;;; Strings and characters as Tier 2 reads them (docs/ABI.md "Strings and characters"): CHAR/SCHAR/LENGTH on
;;; simple strings, character identity (EQ to the reader's characters), char comparisons and case, STRING=, and
;;; every slow path (non-strings, mutable strings, bad indices, non-characters) giving Tier 1's results and errors.
;;; Each function is called enough times to be promoted under automatic tiering.

;;;; case t2s-checksum-and-identity
(defun cks (s)
  (let ((sum 0))
    (dotimes (k (length s) sum)
      (setq sum (mod (+ (* sum 31) (char-code (char s k))) 1000003)))))
(defun count-char (c s)
  (let ((n 0)) (dotimes (i (length s) n) (when (eq (schar s i) c) (setq n (1+ n))))))
(let ((r nil))
  (dotimes (i 15) (push (list (cks (format nil "item-~d" i)) (count-char #\1 (format nil "~b" i))) r))
  (list (reverse r) (cks "") (cks "λx.x") (count-char #\a "banana")))
;;;; => (((295026 0) (295027 1) (295028 1) (295029 2) (295030 1) (295031 2) (295032 2) (295033 3) (295034 1) (295035 2) (145858 2) (145859 3) (145860 2) (145861 3) (145862 3)) 0 567187 3)

;;;; case t2s-char-results-are-the-readers-characters
(defun ch (s i) (char s i))
(let ((ok t))
  (dotimes (i 12) (unless (eq (ch "hello world!" i) (char "hello world!" i)) (setq ok nil)))
  (list ok (eq (ch "abc" 0) #\a) (eql (ch "x y" 1) #\Space) (ch "h😀llo" 1) (ch "h😀llo" 2)
        (char-code (ch "h😀llo" 1)) (eq (ch "λ" 0) (code-char 955)) (ch (string #\Newline) 0)))
;;;; => (T T T #\GRINNING_FACE #\l 128512 T #\Newline)

;;;; case t2s-length-of-every-sequence
(defun len (x) (length x))
(let ((r nil))
  (dotimes (i 11) (push (len (make-string i :initial-element #\z)) r))
  (list r (len "") (len "h😀llo") (len '(1 2 3)) (len nil) (len #(1 2)) (len (make-array 5 :fill-pointer 2))
        (len (make-array 3 :element-type 'character :initial-element #\a :adjustable t :fill-pointer 1))))
;;;; => ((10 9 8 7 6 5 4 3 2 1 0) 0 5 3 0 2 2 1)

;;;; case t2s-length-of-a-non-sequence
(defun len (x) (length x))
(dotimes (i 12) (len "abc"))
(len 'abc)
;;;; error: TYPE-ERROR

;;;; case t2s-char-slow-paths
(defun ch (s i) (char s i))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(let ((m (make-string 3 :initial-element #\q)))
  (setf (char m 1) #\r)
  (list (loop for i below 12 collect (ch "abcdefghijkl" i))
        (ch m 1) (ch (make-array 2 :element-type 'character :initial-contents "xy" :fill-pointer 1) 1)
        (try (lambda () (ch "abc" 3))) (try (lambda () (ch "abc" -1))) (try (lambda () (ch "" 0)))
        (try (lambda () (ch "abc" (expt 2 70)))) (try (lambda () (ch "abc" 1.0))) (try (lambda () (ch 'abc 0)))
        (try (lambda () (ch '(#\a) 0))) (try (lambda () (ch nil 0)))))
;;;; => ((#\a #\b #\c #\d #\e #\f #\g #\h #\i #\j #\k #\l) #\r #\y TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case t2s-char-index-error
(defun ch (s i) (char s i))
(dotimes (i 12) (ch "abc" 1))
(ch "abc" 3)
;;;; error: TYPE-ERROR

;;;; case t2s-char-code-code-char
(defun cc (c) (char-code c))
(defun co (n) (code-char n))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (loop for i from 60 below 75 collect (cc (co i)))
      (eq (co 97) #\a) (eq (co 955) (char "λ" 0)) (co 128512) (co 0) (cc #\Nul) (co 1114111)
      (try (lambda () (cc "a"))) (try (lambda () (cc 97))) (try (lambda () (co -1)))
      (try (lambda () (co 1114112))) (try (lambda () (co 'a))) (try (lambda () (co (expt 2 70)))))
;;;; => ((60 61 62 63 64 65 66 67 68 69 70 71 72 73 74) T T #\GRINNING_FACE #\Nul 0 #\U10FFFF TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case t2s-char-comparisons
(defun cmp (a b) (list (char= a b) (char/= a b) (char< a b) (char> a b) (char<= a b) (char>= a b) (char-equal a b)))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (loop for (a b) in '((#\a #\a) (#\a #\b) (#\b #\a) (#\a #\A) (#\Z #\z) (#\@ #\`) (#\[ #\{) (#\λ #\Λ)
                           (#\0 #\9) (#\Space #\Newline) (#\é #\É) (#\~ #\Rubout))
            collect (cmp a b))
      (try (lambda () (cmp #\a 1))) (try (lambda () (cmp "a" #\a))) (try (lambda () (cmp nil nil))))
;;;; => (((T NIL NIL NIL T T T) (NIL T T NIL T NIL NIL) (NIL T NIL T NIL T NIL) (NIL T NIL T NIL T T) (NIL T T NIL T NIL T) (NIL T T NIL T NIL NIL) (NIL T T NIL T NIL NIL) (NIL T NIL T NIL T T) (NIL T T NIL T NIL NIL) (NIL T NIL T NIL T NIL) (NIL T NIL T NIL T T) (NIL T T NIL T NIL NIL)) TYPE-ERROR TYPE-ERROR TYPE-ERROR)

;;;; case t2s-char-case-and-characterp
(defun cases (c) (list (char-upcase c) (char-downcase c) (characterp c)))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (loop for c across "aZ0@[`{~ λΛéß" collect (cases c))
      (eq (char-upcase #\a) #\A) (characterp "a") (characterp 97) (characterp nil) (characterp '(#\a))
      (try (lambda () (cases "a"))) (try (lambda () (cases 65))))
;;;; => (((#\A #\a T) (#\Z #\z T) (#\0 #\0 T) (#\@ #\@ T) (#\[ #\[ T) (#\` #\` T) (#\{ #\{ T) (#\~ #\~ T) (#\  #\  T) (#\GREEK_CAPITAL_LETTER_LAMDA #\GREEK_SMALL_LETTER_LAMDA T) (#\GREEK_CAPITAL_LETTER_LAMDA #\GREEK_SMALL_LETTER_LAMDA T) (#\LATIN_CAPITAL_LETTER_E_WITH_ACUTE #\LATIN_SMALL_LETTER_E_WITH_ACUTE T) (#\LATIN_SMALL_LETTER_SHARP_S #\LATIN_SMALL_LETTER_SHARP_S T)) T NIL NIL NIL NIL TYPE-ERROR TYPE-ERROR)

;;;; case t2s-string=
(defun s= (a b) (string= a b))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(let ((m (make-array 3 :element-type 'character :initial-contents "abc" :adjustable t)))
  (list (loop for (a b) in '(("abc" "abc") ("abc" "abd") ("abc" "ab") ("" "") ("λ😀" "λ😀") ("λ😀" "λ😁")
                             ("ABC" "abc"))
              collect (s= a b))
        (let ((x (format nil "~a" 12))) (list (s= x x) (s= x "12") (s= "12" x)))
        (s= 'abc "ABC") (s= #\a "a") (s= m "abc") (s= "abc" m) (s= :key "KEY")
        (try (lambda () (s= 1 "1"))) (try (lambda () (s= "a" '(#\a))))))
;;;; => ((T NIL NIL T T NIL NIL) (T T T) T T T T T TYPE-ERROR TYPE-ERROR)

;;;; case t2s-strings-cross-tiers-identity
(defvar *s* (format nil "shared-~a" 42))
(defun same (x) (eq x *s*))
(defun pass (x) x)
(defun first-char (x) (char x 0))
(list (loop repeat 12 collect (same (pass *s*))) (eq (pass *s*) *s*) (eql (first-char *s*) #\s)
      (eq (pass "lit") "lit") (string= (pass *s*) "shared-42") (length (pass *s*)))
;;;; => ((T T T T T T T T T T T T) T T NIL T 9)

;;;; case t2s-search-two-strings
(defun se (a b) (search a b))
(defun try (f) (handler-case (funcall f) (type-error () 'type-error) (error () 'error)))
(list (loop for (a b) in '((":" "item-12:54") ("" "abc") ("" "") ("abc" "abc") ("abcd" "abc") ("c" "abc")
                           ("bc" "abcbc") ("x" "abc") ("😀l" "h😀llo") ("aab" "aaab") ("λ" "αβλ"))
            collect (se a b))
      (se '(1 2) '(0 1 2)) (se "b" (make-array 3 :element-type 'character :initial-contents "abc" :adjustable t))
      (se #(2) '(1 2)) (se '(#\b) "abc")
      (try (lambda () (se 1 "abc"))) (try (lambda () (se "a" 'abc))))
;;;; => ((7 0 0 0 NIL 2 1 NIL 1 1 2) 1 1 1 1 TYPE-ERROR TYPE-ERROR)

;;;; case t2s-parse-integer
(defun pi1 (s) (parse-integer s))
(defun pi-both (s) (multiple-value-list (parse-integer s)))
(defun pi-tail (s) (parse-integer s))
(defun try (f) (handler-case (funcall f) (parse-error () 'parse-error) (type-error () 'type-error) (error () 'error)))
(list (loop for s in '("0" "7" "-7" "+7" "123456789" "-999999999" "1234567890" "99999999999999999999" " 12"
                       "12 " "-0" "007" "٣")
            collect (pi1 s))
      (pi-both "42") (pi-both " 42 ") (multiple-value-list (pi-tail "17"))
      (try (lambda () (pi1 ""))) (try (lambda () (pi1 "-"))) (try (lambda () (pi1 "+"))) (try (lambda () (pi1 "1x")))
      (try (lambda () (pi1 "1 2"))) (try (lambda () (pi1 'abc))) (try (lambda () (pi1 12))) (try (lambda () (pi1 "  "))))
;;;; => ((0 7 -7 7 123456789 -999999999 1234567890 99999999999999999999 12 12 0 7 3) (42 2) (42 4) (17 2) PARSE-ERROR PARSE-ERROR PARSE-ERROR PARSE-ERROR PARSE-ERROR TYPE-ERROR TYPE-ERROR PARSE-ERROR)

;;;; case t2s-stringp
(defun sp (x) (list (stringp x) (simple-string-p x)))
(list (loop for x in (list "abc" "" 'abc #\a 1 (expt 2 70) 1.5 '(#\a) nil (vector #\a) (lambda (y) y)
                           (make-string 2 :initial-element #\z)
                           (make-array 2 :element-type 'character :initial-element #\z :adjustable t)
                           (make-array 2 :element-type 'character :initial-element #\z :fill-pointer 1)
                           (format nil "~a" 12) (make-hash-table))
            collect (sp x)))
;;;; => (((T T) (T T) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (NIL NIL) (T T) (T NIL) (T NIL) (T T) (NIL NIL)))
