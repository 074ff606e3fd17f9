;;; A TAGBODY/GO state machine: count the words in a string, one character at a time.

(defun count-words (string)
  (let ((i 0) (words 0) (n (length string)))
    (tagbody
     between
       (when (>= i n) (go done))
       (if (char= (char string i) #\Space)
           (progn (incf i) (go between))
           (progn (incf words) (go inside)))
     inside
       (when (>= i n) (go done))
       (incf i)
       (if (and (< i n) (char= (char string i) #\Space))
           (go between)
           (go inside))
     done)
    words))

(format t "~a~%" (count-words "the quick  brown fox"))
(count-words "  a tiered JIT for Common Lisp  ")
