;;; Errors: HANDLER-CASE catches a condition; the last form signals one that
;;; nothing handles, so it is reported in the output pane (the session survives:
;;; try (average '(1 2 3)) in the REPL line below).

(defun average (numbers)
  (if (null numbers)
      (error "cannot average an empty list")
      (/ (reduce #'+ numbers) (length numbers))))

(format t "average: ~a~%" (average '(1 2 3 4)))
(format t "handled: ~a~%"
        (handler-case (average '())
          (error (c) (format nil "caught ~a" c))))

(average '())
