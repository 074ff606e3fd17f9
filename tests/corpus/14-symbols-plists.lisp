;;; Symbols and property lists: symbol-name, symbol-value, symbol-function, fboundp, boundp, makunbound,
;;; fmakunbound, gensym, make-symbol, intern, keywordp, symbolp, get, remprop.

;;;; case sy-symbol-name
(list (symbol-name 'abc) (symbol-name :kw) (symbol-name '|lower|))
;;;; => ("ABC" "KW" "lower")

;;;; case sy-symbol-value
(defvar *sv1* 'value)
(symbol-value '*sv1*)
;;;; => VALUE

;;;; case sy-set
(defvar *settable* 1)
(set '*settable* 2)
*settable*
;;;; => 2

;;;; case sy-symbol-value-keyword
(list (symbol-value :k) (symbol-value t) (symbol-value nil))
;;;; => (:K T NIL)

;;;; case sy-symbol-function
(defun sf-target (x) (* x 100))
(funcall (symbol-function 'sf-target) 2)
;;;; => 200

;;;; case sy-fboundp
(defun fb-yes () t)
(list (not (null (fboundp 'fb-yes))) (fboundp 'fb-no-such-function) (not (null (fboundp 'car))))
;;;; => (T NIL T)

;;;; case sy-boundp-makunbound
(defvar *mk* 1)
(list (boundp '*mk*) (progn (makunbound '*mk*) (boundp '*mk*)))
;;;; => (T NIL)

;;;; case sy-makunbound-returns-symbol
(defvar *mk2* 1)
(makunbound '*mk2*)
;;;; => *MK2*

;;;; case sy-fmakunbound
(defun goner () 1)
(fmakunbound 'goner)
(fboundp 'goner)
;;;; => NIL

;;;; case sy-fmakunbound-then-call
(defun goner2 () 1)
(fmakunbound 'goner2)
(goner2)
;;;; error: UNDEFINED-FUNCTION

;;;; case sy-gensym-properties
(let ((g (gensym)) (h (gensym)))
  (list (symbolp g) (eq g h) (symbol-package g) (string= (symbol-name g) (symbol-name h))))
;;;; => (T NIL NIL NIL)

;;;; case sy-gensym-prefix
(let ((g (gensym "FOO"))) (string= "FOO" (subseq (symbol-name g) 0 3)))
;;;; => T

;;;; case sy-make-symbol
(let ((s (make-symbol "NEW"))) (list (symbol-name s) (eq s 'new) (symbol-package s)))
;;;; => ("NEW" NIL NIL)

;;;; case sy-intern
(list (eq (intern "ABC") 'abc) (symbol-name (intern "xyz")) (eq (intern "KW" "KEYWORD") :kw))
;;;; => (T "xyz" T)

;;;; case sy-intern-twice-same
(eq (intern "SAME-ONE") (intern "SAME-ONE"))
;;;; => T

;;;; case sy-keywordp
(list (keywordp :a) (keywordp 'a) (keywordp ":a") (keywordp nil))
;;;; => (T NIL NIL NIL)

;;;; case sy-symbolp
(list (symbolp 'a) (symbolp nil) (symbolp t) (symbolp :k) (symbolp "a") (symbolp 1))
;;;; => (T T T T NIL NIL)

;;;; case sy-get
(setf (get 'person 'name) "Ann")
(setf (get 'person 'age) 30)
(list (get 'person 'name) (get 'person 'age) (get 'person 'height) (get 'person 'height 'unknown))
;;;; => ("Ann" 30 NIL UNKNOWN)

;;;; case sy-remprop
(setf (get 'thing 'color) 'blue)
(list (not (null (remprop 'thing 'color))) (get 'thing 'color) (remprop 'thing 'color))
;;;; => (T NIL NIL)

;;;; case sy-symbol-plist-single
(setf (get 'pl-sym 'only) 1)
(symbol-plist 'pl-sym)
;;;; => (ONLY 1)

;;;; case sy-nil-and-t
(list (symbol-name nil) (symbol-name t) (symbolp '()) (eq nil '()))
;;;; => ("NIL" "T" T T)

;;;; case sy-symbol-value-of-unbound
(symbol-value 'definitely-unbound-variable)
;;;; error: UNBOUND-VARIABLE

;;;; case sy-symbol-function-of-undefined
(symbol-function 'definitely-undefined-function)
;;;; error: UNDEFINED-FUNCTION

;;;; case sy-fboundp-macros-and-special-operators
(defmacro fb-mac (x) `(list ,x))
(defun fb-probe (name) (let ((f (fboundp name))) (if f (list (functionp f) (eq f (symbol-function name))) :unbound)))
(list (fb-probe 'fb-mac) (fb-probe 'when) (fb-probe 'if) (fb-probe 'let)
      (eq (fdefinition 'when) (symbol-function 'when)) (eq (symbol-function 'if) (symbol-function 'if))
      (eq (fboundp 'fb-mac) (macro-function 'fb-mac)) (functionp (macro-function 'fb-mac))
      (funcall (macro-function 'fb-mac) '(fb-mac 1) nil))
;;;; => ((T T) (T T) (T T) (T T) T T NIL T (LIST 1))

;;;; case sy-funcall-symbol-function-of-macro
(defmacro fb-mac2 (x) x)
(funcall (symbol-function 'fb-mac2) 1)
;;;; error: UNDEFINED-FUNCTION

;;;; case sy-funcall-symbol-function-of-special-operator
(funcall (fboundp 'if) t 1 2)
;;;; error: UNDEFINED-FUNCTION

;;;; case sy-predicate-true-values
(defvar *pv* 1)
(list (special-operator-p 'if) (special-operator-p 'when) (boundp '*pv*) (boundp nil) (boundp :k) (keywordp :a)
      (string= "a" "a") (string-equal "a" "A") (string< "a" "b") (string>= "b" "a") (string/= "ab" "ac")
      (string-not-lessp "b" "a") (char-equal #\a #\A) (digit-char-p #\7) (digit-char-p #\a 16) (digit-char-p #\z)
      (alpha-char-p #\a) (upper-case-p #\1) (both-case-p #\a) (= 1 1) (eql 1 1) (equalp "a" "A")
      (functionp #'car) (compiled-function-p #'car) (hash-table-p (make-hash-table)) (packagep *package*)
      (constantp 'pi) (subtypep 'fixnum 'integer) (typep 1 'integer) (some #'evenp '(1 2)) (every #'evenp '(2))
      (notany #'evenp '(1)) (notevery #'evenp '(1)) (tailp nil '(1)) (subsetp '(1) '(1 2)) (logtest 1 3)
      (logbitp 0 1) (member 2 '(1 2 3)) (find-symbol "CAR") (mismatch "ab" "ab") (search "b" "ab"))
;;;; => (T NIL T T T T T T 0 0 1 0 T 7 10 NIL T NIL T T T T T T T T T T T T T T T T T T T (2 3) CAR NIL 1)
