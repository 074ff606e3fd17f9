;;; Characters and strings: char, schar, string comparisons, case conversion, char-code/code-char, digit-char-p,
;;; parse-integer, string, write-to-string, prin1-to-string, princ-to-string, make-string.

;;;; case st-char-schar
(list (char "hello" 1) (schar "hello" 4))
;;;; => (#\e #\o)

;;;; case st-char-out-of-range
(char "abc" 10)
;;;; error: TYPE-ERROR

;;;; case st-string=
(list (string= "abc" "abc") (string= "abc" "ABC") (string= "abc" "abcd") (string= "xabcx" "abc" :start1 1 :end1 4))
;;;; => (T NIL NIL T)

;;;; case st-string=-symbols
(list (string= 'abc "ABC") (string= :key "KEY"))
;;;; => (T T)

;;;; case st-string<
(list (string< "abc" "abd") (string< "abd" "abc") (string< "ab" "abc") (string< "abc" "abc"))
;;;; => (2 NIL 2 NIL)

;;;; case st-string-other-comparisons
(list (string> "b" "a") (string<= "a" "a") (string>= "a" "b") (string/= "abc" "abd"))
;;;; => (0 1 NIL 2)

;;;; case st-string-equal
(list (string-equal "Hello" "hELLO") (string-equal "a" "b") (string-lessp "apple" "Banana"))
;;;; => (T NIL 0)

;;;; case st-case-conversion
(list (string-upcase "Hello World") (string-downcase "Hello World") (string-upcase "abc" :start 1))
;;;; => ("HELLO WORLD" "hello world" "aBC")

;;;; case st-string-capitalize
(string-capitalize "hello big world")
;;;; => "Hello Big World"

;;;; case st-char-code-code-char
(list (char-code #\A) (char-code #\a) (code-char 97) (code-char 48) (char-code #\Space))
;;;; => (65 97 #\a #\0 32)

;;;; case st-char-case
(list (char-upcase #\a) (char-downcase #\A) (char-upcase #\1) (upper-case-p #\A) (lower-case-p #\A) (both-case-p #\1))
;;;; => (#\A #\a #\1 T NIL NIL)

;;;; case st-char-comparisons
(list (char= #\a #\a) (char= #\a #\A) (char-equal #\a #\A) (char< #\a #\b #\c) (char> #\b #\a) (char/= #\a #\b))
;;;; => (T NIL T T T T)

;;;; case st-char-predicates
(list (alpha-char-p #\a) (alpha-char-p #\1) (digit-char-p #\7) (digit-char-p #\a) (digit-char-p #\f 16)
      (alphanumericp #\_) (characterp #\a) (characterp "a"))
;;;; => (T NIL 7 NIL 15 NIL T NIL)

;;;; case st-digit-char
(list (digit-char 7) (digit-char 11 16) (digit-char 12))
;;;; => (#\7 #\B NIL)

;;;; case st-parse-integer
(list (parse-integer "123") (parse-integer "-45") (parse-integer "  42  ") (parse-integer "+7"))
;;;; => (123 -45 42 7)

;;;; case st-parse-integer-values
(multiple-value-list (parse-integer "12abc" :junk-allowed t))
;;;; => (12 2)

;;;; case st-parse-integer-radix
(list (parse-integer "ff" :radix 16) (parse-integer "101" :radix 2) (parse-integer "z" :radix 36))
;;;; => (255 5 35)

;;;; case st-parse-integer-start-end
(parse-integer "xx123yy" :start 2 :end 5)
;;;; => 123

;;;; case st-parse-integer-bignum
(parse-integer "123456789012345678901234567890")
;;;; => 123456789012345678901234567890

;;;; case st-parse-integer-junk-nil
(parse-integer "abc" :junk-allowed t)
;;;; => NIL

;;;; case st-parse-integer-error
(parse-integer "12x")
;;;; error: PARSE-ERROR

;;;; case st-string-function
(list (string 'foo) (string #\c) (string "s") (string '|mixed Case|))
;;;; => ("FOO" "c" "s" "mixed Case")

;;;; case st-write-to-string
(list (write-to-string 42) (write-to-string "s") (write-to-string 'sym) (write-to-string '(1 . 2)))
;;;; => ("42" "\"s\"" "SYM" "(1 . 2)")

;;;; case st-prin1-princ-to-string
(list (prin1-to-string #\x) (princ-to-string #\x) (prin1-to-string "q") (princ-to-string "q") (princ-to-string 12))
;;;; => ("#\\x" "x" "\"q\"" "q" "12")

;;;; case st-make-string
(list (make-string 3 :initial-element #\z) (length (make-string 5)))
;;;; => ("zzz" 5)

;;;; case st-string-length-and-empty
(list (length "") (string= "" "") (concatenate 'string))
;;;; => (0 T "")

;;;; case st-string-building
(let ((words '("the" "quick" "fox")) (result ""))
  (dolist (w words) (setq result (concatenate 'string result (string-upcase w) "-")))
  result)
;;;; => "THE-QUICK-FOX-"

;;;; case st-string-reverse-search
(let ((s "racecar")) (string= s (reverse s)))
;;;; => T

;;;; case st-char-arithmetic
(map 'string (lambda (c) (code-char (1+ (char-code c)))) "HAL")
;;;; => "IBM"

;;;; case st-string-to-list-of-digits
(map 'list #'digit-char-p "2024")
;;;; => (2 0 2 4)

;;;; case st-string-trim
(list (string-trim " " "  hi  ") (string-left-trim "x" "xxay") (string-right-trim "!" "wow!!"))
;;;; => ("hi" "ay" "wow")

;;;; case st-search-mismatch
(list (search "lo" "hello") (search "zz" "hello") (mismatch "abcd" "abxd"))
;;;; => (3 NIL 2)

;;;; case st-string-stream-output
(with-output-to-string (s) (write-string "abc" s) (write-char #\d s) (princ 12 s))
;;;; => "abcd12"

;;;; case st-equal-on-strings
(list (equal "abc" "abc") (eq "abc" (copy-seq "abc")) (equalp "abc" "ABC"))
;;;; => (T NIL T)
