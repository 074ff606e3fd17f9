;;; deriv: symbolic derivative (Gabriel): allocation, MAPCAR with a function argument, quoted constant input.
;;; (run n) differentiates the Gabriel expression 5n times; the check value counts the conses of the last
;;; result plus n.
(defun deriv-aux (a)
  (list '/ (deriv a) a))

(defun deriv (a)
  (cond ((atom a)
         (cond ((eq a 'x) 1) (t 0)))
        ((eq (car a) '+)
         (cons '+ (mapcar #'deriv (cdr a))))
        ((eq (car a) '-)
         (cons '- (mapcar #'deriv (cdr a))))
        ((eq (car a) '*)
         (list '* a (cons '+ (mapcar #'deriv-aux (cdr a)))))
        ((eq (car a) '/)
         (list '- (list '/ (deriv (cadr a)) (caddr a))
               (list '/ (cadr a) (list '* (caddr a) (caddr a) (deriv (caddr a))))))
        (t 'error)))

(defun count-conses (x)
  (if (consp x)
      (+ 1 (count-conses (car x)) (count-conses (cdr x)))
      0))

(defun run (n)
  (let ((r nil))
    (dotimes (i n)
      (setq r (deriv '(+ (* 3 x x) (* a x x) (* b x) 5)))
      (setq r (deriv '(+ (* 3 x x) (* a x x) (* b x) 5)))
      (setq r (deriv '(+ (* 3 x x) (* a x x) (* b x) 5)))
      (setq r (deriv '(+ (* 3 x x) (* a x x) (* b x) 5)))
      (setq r (deriv '(+ (* 3 x x) (* a x x) (* b x) 5))))
    (+ n (count-conses r))))
