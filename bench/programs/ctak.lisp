;;; ctak: Takeuchi's function returning through CATCH/THROW (Gabriel): non-local exits on every call.
;;; (run n) = (ctak n 12 6); Gabriel's size is 18.
(defun ctak-aux (x y z)
  (cond ((not (< y x))
         (throw 'ctak z))
        (t (ctak-aux
            (catch 'ctak (ctak-aux (1- x) y z))
            (catch 'ctak (ctak-aux (1- y) z x))
            (catch 'ctak (ctak-aux (1- z) x y))))))

(defun ctak (x y z)
  (catch 'ctak (ctak-aux x y z)))

(defun run (n)
  (ctak n 12 6))
