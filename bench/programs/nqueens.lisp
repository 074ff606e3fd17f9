;;; nqueens: count the solutions of the n-queens problem with lists of placed rows (recursion, consing,
;;; fixnum comparisons). (run n) = number of solutions on an n x n board (8 -> 92).
(defun safe-p (row dist placed)
  (or (null placed)
      (and (/= row (car placed))
           (/= row (+ (car placed) dist))
           (/= row (- (car placed) dist))
           (safe-p row (1+ dist) (cdr placed)))))

(defun try-rows (row n col placed)
  (if (> row n)
      0
      (+ (if (safe-p row 1 placed)
             (place-column n (1+ col) (cons row placed))
             0)
         (try-rows (1+ row) n col placed))))

(defun place-column (n col placed)
  (if (> col n)
      1
      (try-rows 1 n col placed)))

(defun run (n)
  (place-column n 1 nil))
