;;; List processing: recursion over conses, higher-order functions, sorting.

(defun qsort (list)
  (if (null list)
      nil
      (let ((pivot (car list)))
        (append (qsort (remove-if-not (lambda (x) (< x pivot)) (cdr list)))
                (list pivot)
                (qsort (remove-if-not (lambda (x) (>= x pivot)) (cdr list)))))))

(defun my-reverse (list &optional acc)
  (if (null list) acc (my-reverse (cdr list) (cons (car list) acc))))

(defun flatten (tree)
  (cond ((null tree) nil)
        ((atom tree) (list tree))
        (t (append (flatten (car tree)) (flatten (cdr tree))))))

(format t "sorted:   ~a~%" (qsort '(31 4 15 9 26 5 35 8 97 93 2 38)))
(format t "reversed: ~a~%" (my-reverse '(a b c d e)))
(format t "flat:     ~a~%" (flatten '(1 (2 (3 4)) ((5) 6))))
(format t "squares:  ~a~%" (mapcar (lambda (x) (* x x)) '(1 2 3 4 5)))
(reduce #'+ (mapcar #'length '((a b) (c) (d e f))))
