;;; Packages: DEFPACKAGE (:use :export :nicknames :shadow :import-from), IN-PACKAGE into user packages,
;;; EXPORT, FIND-PACKAGE, FIND-SYMBOL status, pkg:sym and pkg::sym reading, package-qualified printing,
;;; *PACKAGE*, USE-PACKAGE, DO-EXTERNAL-SYMBOLS. Every case uses its own package names (SBCL runs the cases of
;;; a file in one image).

;;;; case pk-defpackage-returns-package
(defpackage :pk-a1 (:use :cl))
;;;; => #<PACKAGE "PK-A1">

;;;; case pk-in-package-and-qualified-call
(defpackage :pk-b1 (:use :cl) (:export #:double))
(in-package :pk-b1)
(defun double (x) (* 2 x))
(defun helper () :internal)
(in-package :cl-user)
(list (pk-b1:double 21) (pk-b1::helper))
;;;; => (42 :INTERNAL)

;;;; case pk-qualified-printing
(defpackage :pk-c1 (:use :cl) (:export #:shown))
(list 'pk-c1:shown 'pk-c1::hidden :kw 'car)
;;;; => (PK-C1:SHOWN PK-C1::HIDDEN :KW CAR)

;;;; case pk-nicknames
(defpackage :pk-d1-long-name (:use :cl) (:nicknames :pk-d1) (:export #:f))
(in-package :pk-d1)
(defun f () 'ok)
(in-package :cl-user)
(list (pk-d1:f) (package-name (find-package :pk-d1)) (eq (find-package :pk-d1) (find-package "PK-D1-LONG-NAME")))
;;;; => (PK-D1-LONG-NAME::OK "PK-D1-LONG-NAME" T)

;;;; case pk-use-inherits-exports
(defpackage :pk-e1 (:use :cl) (:export #:greet))
(in-package :pk-e1)
(defun greet (n) (format nil "hi ~a" n))
(defpackage :pk-e2 (:use :cl :pk-e1))
(in-package :pk-e2)
(greet "bob")
;;;; => "hi bob"

;;;; case pk-find-symbol-status
(defpackage :pk-f1 (:use :cl) (:export #:ext))
(defpackage :pk-f2 (:use :cl :pk-f1))
(intern "MINE" :pk-f2)
(list (nth-value 1 (find-symbol "EXT" :pk-f1))
      (nth-value 1 (find-symbol "EXT" :pk-f2))
      (nth-value 1 (find-symbol "MINE" :pk-f2))
      (nth-value 1 (find-symbol "CAR" :pk-f2))
      (find-symbol "NOPE" :pk-f2))
;;;; => (:EXTERNAL :INHERITED :INTERNAL :INHERITED NIL)

;;;; case pk-symbols-print-unqualified-in-own-package
(defpackage :pk-g1 (:use :cl))
(in-package :pk-g1)
(list 'local (symbol-name 'local) (package-name (symbol-package 'local)))
;;;; => (LOCAL "LOCAL" "PK-G1")

;;;; case pk-export-function
(defpackage :pk-h1 (:use :cl))
(in-package :pk-h1)
(defun later () 1)
(export 'later)
(in-package :cl-user)
(list 'pk-h1:later (nth-value 1 (find-symbol "LATER" :pk-h1)))
;;;; => (PK-H1:LATER :EXTERNAL)

;;;; case pk-shadow
(defpackage :pk-i1 (:use :cl) (:shadow #:car))
(in-package :pk-i1)
(defun car (x) (list :my-car x))
(list (car 1) (cl:car '(5 6)) (eq 'car 'cl:car))
;;;; => ((:MY-CAR 1) 5 NIL)

;;;; case pk-import-from
(defpackage :pk-j1 (:use :cl) (:export #:tool))
(in-package :pk-j1)
(defun tool () 'tooled)
(defpackage :pk-j2 (:use :cl) (:import-from :pk-j1 #:tool))
(in-package :pk-j2)
(list (tool) (eq 'tool 'pk-j1:tool))
;;;; => (PK-J1::TOOLED T)

;;;; case pk-package-variable
(defpackage :pk-k1 (:use :cl))
(in-package :pk-k1)
(list (package-name *package*) (string= (package-name (symbol-package 'x)) "PK-K1"))
;;;; => ("PK-K1" T)

;;;; case pk-find-package-missing
(list (find-package :pk-no-such-package) (packagep (find-package :cl)))
;;;; => (NIL T)

;;;; case pk-in-package-unknown
(in-package :pk-really-missing)
;;;; error: PACKAGE-ERROR

;;;; case pk-keywords-same-everywhere
(defpackage :pk-l1 (:use :cl))
(in-package :pk-l1)
(eq :key (intern "KEY" :keyword))
;;;; => T

;;;; case pk-do-external-symbols
(defpackage :pk-m1 (:use :cl) (:export #:b #:a #:c))
(let ((names nil))
  (do-external-symbols (s :pk-m1) (push (symbol-name s) names))
  (sort names #'string<))
;;;; => ("A" "B" "C")

;;;; case pk-use-package
(defpackage :pk-n1 (:use :cl) (:export #:thing))
(defpackage :pk-n2 (:use :cl))
(use-package :pk-n1 :pk-n2)
(list (eq (find-symbol "THING" :pk-n2) 'pk-n1:thing)
      (mapcar #'package-name (package-use-list :pk-n2)))
;;;; => (T ("PK-N1" "COMMON-LISP"))

;;;; case pk-intern-in-package
(defpackage :pk-o1 (:use :cl))
(let ((s (intern "ZED" :pk-o1)))
  (list s (symbol-name s) (eq s 'pk-o1::zed)))
;;;; => (PK-O1::ZED "ZED" T)

;;;; case pk-make-package
(let ((p (make-package :pk-p1 :use '(:cl))))
  (list (package-name p) (mapcar #'package-name (package-use-list p))))
;;;; => ("PK-P1" ("COMMON-LISP"))

;;;; case pk-defstruct-in-package
(defpackage :pk-q1 (:use :cl) (:export #:make-pt #:pt-x))
(in-package :pk-q1)
(defstruct pt x)
(in-package :cl-user)
(pk-q1:pt-x (pk-q1:make-pt :x 9))
;;;; => 9

;;;; case pk-internal-qualified-printing
(defpackage :pk-r1 (:use :cl))
(in-package :pk-r1)
(defstruct thing a)
(in-package :cl-user)
(list (pk-r1::make-thing :a 1) 'pk-r1::thing)
;;;; => (#S(PK-R1::THING :A 1) PK-R1::THING)
