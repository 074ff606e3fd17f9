;;; Closures and counters: every call of MAKE-COUNTER captures a fresh binding.

(defun make-counter (&optional (start 0) (step 1))
  (let ((count start))
    (lambda () (incf count step))))

(defun make-adder (n)
  (lambda (x) (+ x n)))

(defun compose (f g)
  (lambda (x) (funcall f (funcall g x))))

(let ((a (make-counter))
      (b (make-counter 100 10)))
  (dotimes (i 3) (funcall a))
  (funcall b)
  (format t "a: ~a  b: ~a~%" (funcall a) (funcall b)))

(let ((add5-then-double (compose (lambda (x) (* 2 x)) (make-adder 5))))
  (mapcar add5-then-double '(1 2 3 4)))
