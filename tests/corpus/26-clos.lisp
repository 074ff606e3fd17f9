;;; A small CLOS: DEFCLASS (initargs, initforms, accessors, readers, writers, inheritance), MAKE-INSTANCE,
;;; SLOT-VALUE, DEFGENERIC/DEFMETHOD on standard, built-in and structure classes, EQL specializers,
;;; CALL-NEXT-METHOD, NEXT-METHOD-P, :before/:after/:around, PRINT-OBJECT, PRINT-UNREADABLE-OBJECT, WITH-SLOTS,
;;; WITH-ACCESSORS, CLASS-OF, CLASS-NAME, FIND-CLASS. (Instances print with addresses: never as values.)

;;;; case cl-make-instance-accessors
(defclass point () ((x :initarg :x :initform 0 :accessor point-x) (y :initarg :y :initform 0 :reader point-y)))
(let ((p (make-instance 'point :x 3)))
  (list (point-x p) (point-y p) (slot-value p 'x)))
;;;; => (3 0 3)

;;;; case cl-setf-accessor-and-slot-value
(defclass point () ((x :initarg :x :initform 0 :accessor point-x) (y :initform 0 :accessor point-y)))
(let ((p (make-instance 'point)))
  (setf (point-x p) 10)
  (incf (point-y p) 4)
  (setf (slot-value p 'y) (* 2 (slot-value p 'y)))
  (push 1 (slot-value p 'x))
  (list (point-x p) (point-y p)))
;;;; => ((1 . 10) 8)

;;;; case cl-writer-option
(defclass box () ((content :initarg :content :reader box-content :writer set-box-content)))
(let ((b (make-instance 'box :content 1)))
  (set-box-content 42 b)
  (box-content b))
;;;; => 42

;;;; case cl-initform-evaluated-per-instance
(defvar *n* 0)
(defclass ticket () ((id :initform (incf *n*) :reader ticket-id)))
(list (ticket-id (make-instance 'ticket)) (ticket-id (make-instance 'ticket)) *n*)
;;;; => (1 2 2)

;;;; case cl-inheritance
(defclass animal () ((name :initarg :name :accessor name) (sound :initform "..." :accessor sound)))
(defclass dog (animal) ((sound :initform "woof")))
(let ((d (make-instance 'dog :name "rex")))
  (list (name d) (sound d) (typep d 'animal) (typep d 'dog) (typep (make-instance 'animal) 'dog)))
;;;; => ("rex" "woof" T T NIL)

;;;; case cl-generic-dispatch-and-next-method
(defclass shape () ())
(defclass circle (shape) ((r :initarg :r :reader r)))
(defclass square (shape) ((side :initarg :side :reader side)))
(defgeneric area (s))
(defmethod area ((c circle)) (* 3 (r c) (r c)))
(defmethod area ((s square)) (* (side s) (side s)))
(defgeneric describe-shape (s))
(defmethod describe-shape ((s shape)) (list :shape (area s)))
(defmethod describe-shape ((c circle)) (list :circle (call-next-method)))
(list (describe-shape (make-instance 'circle :r 2)) (describe-shape (make-instance 'square :side 3)))
;;;; => ((:CIRCLE (:SHAPE 12)) (:SHAPE 9))

;;;; case cl-builtin-class-specializers
(defgeneric kind (x))
(defmethod kind ((x integer)) :integer)
(defmethod kind ((x number)) :number)
(defmethod kind ((x string)) :string)
(defmethod kind ((x symbol)) :symbol)
(defmethod kind ((x null)) :null)
(defmethod kind ((x cons)) :cons)
(defmethod kind ((x list)) :list)
(defmethod kind ((x t)) :other)
(mapcar #'kind (list 1 1.5 1/2 "s" 'a nil '(1) #\c))
;;;; => (:INTEGER :NUMBER :NUMBER :STRING :SYMBOL :NULL :CONS :OTHER)

;;;; case cl-eql-specializer
(defgeneric fact (n))
(defmethod fact ((n (eql 0))) 1)
(defmethod fact ((n integer)) (* n (fact (1- n))))
(defmethod greet ((x (eql :hi))) "hello")
(defmethod greet ((x symbol)) (list :sym x (next-method-p)))
(list (fact 10) (greet :hi) (greet :bye))
;;;; => (3628800 "hello" (:SYM :BYE NIL))

;;;; case cl-next-method-p
(defclass a () ())
(defclass b (a) ())
(defgeneric probe (x))
(defmethod probe ((x a)) (list :a (next-method-p)))
(defmethod probe ((x b)) (list :b (next-method-p) (call-next-method)))
(probe (make-instance 'b))
;;;; => (:B T (:A NIL))

;;;; case cl-call-next-method-with-args
(defgeneric scale (x factor))
(defmethod scale ((x number) factor) (* x factor))
(defmethod scale ((x integer) factor) (call-next-method x (* 10 factor)))
(list (scale 2 3) (scale 2.0 3))
;;;; => (60 6.0)

;;;; case cl-method-combination-order
(defvar *log* nil)
(defgeneric act (x))
(defmethod act ((x integer)) (push :primary *log*) (* x 2))
(defmethod act ((x number)) (push :number-primary *log*) 0)
(defmethod act :before ((x integer)) (push :before-int *log*))
(defmethod act :before ((x number)) (push :before-num *log*))
(defmethod act :after ((x integer)) (push :after-int *log*))
(defmethod act :after ((x number)) (push :after-num *log*))
(defmethod act :around ((x integer)) (push :around *log*) (+ 1 (call-next-method)))
(list (act 5) (reverse *log*))
;;;; => (11 (:AROUND :BEFORE-INT :BEFORE-NUM :PRIMARY :AFTER-NUM :AFTER-INT))

;;;; case cl-around-can-skip
(defgeneric risky (x))
(defmethod risky ((x integer)) (/ 10 x))
(defmethod risky :around ((x integer)) (if (zerop x) :refused (call-next-method)))
(list (risky 2) (risky 0))
;;;; => (5 :REFUSED)

;;;; case cl-multiple-inheritance-cpl
(defclass base () ())
(defclass left (base) ())
(defclass right (base) ())
(defclass both (left right) ())
(defgeneric who (x))
(defmethod who ((x base)) '(base))
(defmethod who ((x left)) (cons 'left (call-next-method)))
(defmethod who ((x right)) (cons 'right (call-next-method)))
(defmethod who ((x both)) (cons 'both (call-next-method)))
(who (make-instance 'both))
;;;; => (BOTH LEFT RIGHT BASE)

;;;; case cl-multiple-inheritance-slots
(defclass named () ((name :initarg :name :initform "anon" :accessor name)))
(defclass aged () ((age :initarg :age :initform 0 :accessor age)))
(defclass person (named aged) ())
(let ((p (make-instance 'person :age 30)))
  (list (name p) (age p) (typep p 'named) (typep p 'aged)))
;;;; => ("anon" 30 T T)

;;;; case cl-print-object
(defclass point () ((x :initarg :x) (y :initarg :y)))
(defmethod print-object ((p point) stream)
  (format stream "#<POINT ~a,~a>" (slot-value p 'x) (slot-value p 'y)))
(let ((p (make-instance 'point :x 1 :y 2)))
  (list (prin1-to-string p) (format nil "~a" p) (format nil "~s" (list p p))))
;;;; => ("#<POINT 1,2>" "#<POINT 1,2>" "(#<POINT 1,2> #<POINT 1,2>)")

;;;; case cl-print-unreadable-object
(defclass account () ((owner :initarg :owner :reader owner)))
(defmethod print-object ((a account) stream)
  (print-unreadable-object (a stream :type t)
    (format stream "~a" (owner a))))
(prin1-to-string (make-instance 'account :owner "ann"))
;;;; => "#<ACCOUNT ann>"

;;;; case cl-print-object-on-struct
(defstruct card rank suit)
(defmethod print-object ((c card) stream)
  (format stream "~a of ~a" (card-rank c) (card-suit c)))
(format nil "~a" (make-card :rank 10 :suit 'hearts))
;;;; => "10 of HEARTS"

;;;; case cl-methods-on-structs
(defstruct animal name)
(defstruct (cat (:include animal)) lives)
(defgeneric speak (a))
(defmethod speak ((a animal)) (list (animal-name a) 'noise))
(defmethod speak ((c cat)) (cons 'meow (call-next-method)))
(list (speak (make-animal :name "gen")) (speak (make-cat :name "tom")))
;;;; => (("gen" NOISE) (MEOW "tom" NOISE))

;;;; case cl-with-slots
(defclass point () ((x :initarg :x) (y :initarg :y)))
(let ((p (make-instance 'point :x 1 :y 2)))
  (with-slots (x (why y)) p
    (setf x (+ x 10))
    (incf why)
    (list x why (slot-value p 'x) (slot-value p 'y))))
;;;; => (11 3 11 3)

;;;; case cl-with-accessors
(defclass point () ((x :initarg :x :accessor px) (y :initarg :y :accessor py)))
(let ((p (make-instance 'point :x 1 :y 2)))
  (with-accessors ((a px) (b py)) p
    (rotatef a b)
    (list a b (px p) (py p))))
;;;; => (2 1 2 1)

;;;; case cl-class-of-and-names
(defclass widget () ())
(defstruct gadget)
(list (class-name (class-of (make-instance 'widget)))
      (class-name (class-of (make-gadget)))
      (eq (find-class 'widget) (class-of (make-instance 'widget)))
      (class-name (find-class 'integer))
      (class-name (class-of nil))
      (class-name (class-of '(1)))
      (class-name (class-of 'a))
      (find-class 'no-such-class-here nil))
;;;; => (WIDGET GADGET T INTEGER NULL CONS SYMBOL NIL)

;;;; case cl-find-class-error
(find-class 'no-such-class-at-all)
;;;; error: CELL-ERROR

;;;; case cl-no-applicable-method
(defgeneric only-ints (x))
(defmethod only-ints ((x integer)) x)
(only-ints "str")
;;;; error: ERROR

;;;; case cl-unbound-slot
(defclass empty () ((v :accessor v)))
(handler-case (v (make-instance 'empty))
  (unbound-slot (c) (list :unbound (cell-error-name c))))
;;;; => (:UNBOUND V)

;;;; case cl-slot-boundp-makunbound
(defclass thing () ((a :initarg :a)))
(let ((x (make-instance 'thing :a 1)) (y (make-instance 'thing)))
  (let ((before (slot-boundp x 'a)))
    (slot-makunbound x 'a)
    (list before (slot-boundp x 'a) (slot-boundp y 'a) (slot-exists-p x 'a) (slot-exists-p x 'b))))
;;;; => (T NIL NIL T NIL)

;;;; case cl-initialize-instance-after
(defclass rect () ((w :initarg :w :reader w) (h :initarg :h :reader h) (area :reader area)))
(defmethod initialize-instance :after ((r rect) &key)
  (setf (slot-value r 'area) (* (w r) (h r))))
(area (make-instance 'rect :w 3 :h 4))
;;;; => 12

;;;; case cl-default-initargs
(defclass conn () ((host :initarg :host :reader host) (port :initarg :port :reader port))
  (:default-initargs :host "localhost" :port 80))
(let ((c (make-instance 'conn :port 8080)))
  (list (host c) (port c)))
;;;; => ("localhost" 8080)

;;;; case cl-class-allocation
(defclass counter () ((count :allocation :class :initform 0 :accessor shared-count)))
(let ((a (make-instance 'counter)) (b (make-instance 'counter)))
  (incf (shared-count a))
  (incf (shared-count b) 10)
  (list (shared-count a) (shared-count b)))
;;;; => (11 11)

;;;; case cl-defgeneric-with-methods
(defgeneric size (x)
  (:method ((x string)) (length x))
  (:method ((x list)) (length x))
  (:method ((x t)) 1))
(list (size "abc") (size '(1 2)) (size 5))
;;;; => (3 2 1)

;;;; case cl-setf-generic-method
(defclass cell-box () ((v :initform nil :reader value)))
(defgeneric (setf value) (new obj))
(defmethod (setf value) (new (obj cell-box)) (setf (slot-value obj 'v) (list :set new)))
(let ((b (make-instance 'cell-box)))
  (setf (value b) 7)
  (value b))
;;;; => (:SET 7)

;;;; case cl-method-redefinition
(defgeneric f (x))
(defmethod f ((x integer)) :first)
(defmethod f ((x integer)) :second)
(f 1)
;;;; => :SECOND

;;;; case cl-typep-and-typecase-on-classes
(defclass vehicle () ())
(defclass car-class (vehicle) ())
(defun classify (x) (typecase x (car-class :car) (vehicle :vehicle) (t :other)))
(list (classify (make-instance 'car-class)) (classify (make-instance 'vehicle)) (classify 3)
      (subtypep 'car-class 'vehicle) (subtypep 'vehicle 'car-class))
;;;; => (:CAR :VEHICLE :OTHER T NIL)

;;;; case cl-generic-with-keys
(defgeneric render (x &key))
(defmethod render ((x integer) &key (base 10)) (write-to-string x :base base))
(list (render 255) (render 255 :base 16))
;;;; => ("255" "FF")

;;;; case cl-condition-specializer
(defgeneric explain (c))
(defmethod explain ((c error)) :some-error)
(defmethod explain ((c division-by-zero)) (list :div (call-next-method)))
(list (explain (make-condition 'division-by-zero)) (explain (make-condition 'simple-error)))
;;;; => ((:DIV :SOME-ERROR) :SOME-ERROR)

;;;; case cl-invalid-initarg
(defclass strict () ((a :initarg :a)))
(make-instance 'strict :b 1)
;;;; error: PROGRAM-ERROR

;;;; case clos-class-and-generic-function-printed-names
(defclass cl-printed () ())
(defstruct cl-printed-struct a)
(defgeneric cl-printed-gf (x))
(defmethod cl-printed-gf ((x integer)) x)
(defun cl-after-package (x) (let ((s (princ-to-string x))) (subseq s (search "::" s))))
(list (cl-after-package (find-class 'cl-printed)) (cl-after-package (find-class 'cl-printed-struct))
      (cl-after-package #'cl-printed-gf)
      (mapcar #'prin1-to-string (mapcar #'find-class '(integer cons symbol character string float))))
;;;; => ("::CL-PRINTED>" "::CL-PRINTED-STRUCT>" "::CL-PRINTED-GF (1)>" ("#<BUILT-IN-CLASS COMMON-LISP:INTEGER>" "#<BUILT-IN-CLASS COMMON-LISP:CONS>" "#<BUILT-IN-CLASS COMMON-LISP:SYMBOL>" "#<BUILT-IN-CLASS COMMON-LISP:CHARACTER>" "#<BUILT-IN-CLASS COMMON-LISP:STRING>" "#<BUILT-IN-CLASS COMMON-LISP:FLOAT>"))
