;;; A runaway program: this loop never ends. Press Stop (or Escape) to end it;
;;; the engine restarts by itself and your code stays here.

(defun spin (n)
  (loop (setf n (+ n 1))))

(spin 0)
