;;; strings: string building and FORMAT (~a ~d ~x ~b ~{ ~^ ~}), STRING-UPCASE, CONCATENATE, SUBSEQ, SEARCH,
;;; PARSE-INTEGER, CHAR-CODE. (run n) formats n records and returns a checksum of the characters.
(defun record-string (i)
  (format nil "~a-~d:~x/~b[~{~a~^,~}]" 'item i (* i 7) (mod i 64) (list (mod i 3) (mod i 5) (mod i 7))))

(defun string-checksum (s)
  (let ((sum 0))
    (dotimes (k (length s) sum)
      (setq sum (mod (+ (* sum 31) (char-code (char s k))) 1000003)))))

(defun run (n)
  (let ((total 0))
    (dotimes (i n total)
      (let* ((s (record-string i))
             (u (string-upcase (concatenate 'string s "-done")))
             (p (search ":" u))
             (num (parse-integer (subseq s 5 p))))
        (setq total (mod (+ total num (length u) (string-checksum u)) 1000003))))))
