;;; CATCH/THROW: leave a deep recursion at once when the answer is found.

(defun find-first (predicate tree)
  (catch 'found
    (labels ((walk (x)
               (cond ((null x) nil)
                     ((atom x) (when (funcall predicate x) (throw 'found x)))
                     (t (walk (car x)) (walk (cdr x))))))
      (walk tree)
      :none)))

(format t "first even: ~a~%" (find-first #'evenp '(1 (3 5 (7 8)) 10)))
(format t "first > 100: ~a~%" (find-first (lambda (x) (> x 100)) '(1 (2 3))))

(defun sum-of-squares (numbers)
  (catch 'negative
    (let ((sum 0))
      (dolist (n numbers sum)
        (when (minusp n) (throw 'negative (list :negative n)))
        (incf sum (* n n))))))

(list (sum-of-squares '(1 2 3)) (sum-of-squares '(1 -2 3)))
