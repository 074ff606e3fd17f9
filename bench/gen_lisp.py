# Benchmark helper: generate a Lisp source file of about N lines made of typical playground functions (numeric
# loops, list recursion, LET*/COND, LABELS, closures over MAPCAR, &OPTIONAL/&KEY, LOOP, CASE, hash tables, FORMAT),
# each a DEFUN with a unique name, to measure compile throughput (lines of Lisp -> validated Wasm bytes / s).
# Runs on CPython and inside Pyodide; `python bench/gen_lisp.py 1000` prints one.
from __future__ import annotations

import sys

TEMPLATES = [
    """\
(defun sum-squares-{i} (n)
  (let ((sum 0))
    (dotimes (k n sum)
      (setq sum (+ sum (* k k))))))
""",
    """\
(defun count-if-{i} (pred list)
  (cond ((null list) 0)
        ((funcall pred (car list))
         (+ 1 (count-if-{i} pred (cdr list))))
        (t (count-if-{i} pred (cdr list)))))
""",
    """\
(defun classify-{i} (x y)
  (let* ((a (+ x y))
         (b (- x y))
         (c (* a b)))
    (when (> c 100)
      (setq c (- c 100)))
    (if (< a b) (list a b c) (cons c (list b a)))))
""",
    """\
(defun flatten-{i} (tree)
  (labels ((walk (x acc)
             (cond ((null x) acc)
                   ((atom x) (cons x acc))
                   (t (walk (car x) (walk (cdr x) acc))))))
    (walk tree nil)))
""",
    """\
(defun scale-all-{i} (factor list)
  (mapcar (lambda (x) (* factor x))
          (remove-if-not #'numberp list)))
""",
    """\
(defun make-range-{i} (n &key (start 0) (step 1))
  (do ((k start (+ k step))
       (acc nil (cons k acc)))
      ((>= k n) (nreverse acc))))
""",
    """\
(defun evens-{i} (list)
  (loop for x in list
        when (evenp x)
          collect (* x 10)))
""",
    """\
(defun describe-{i} (x)
  (case x
    ((0) 'zero)
    ((1 2 3) 'small)
    (t (if (and (integerp x) (> x 100)) 'big 'other))))
""",
    """\
(defun tally-{i} (words)
  (let ((table (make-hash-table :test #'equal)))
    (dolist (w words)
      (setf (gethash w table) (+ 1 (gethash w table 0))))
    (hash-table-count table)))
""",
    """\
(defun label-{i} (name n)
  (format nil "~a: ~d item~:p" name n))
""",
    """\
(defun counter-{i} ()
  (let ((count 0))
    (lambda (&optional (by 1))
      (setq count (+ count by))
      count)))
""",
    """\
(defun find-pair-{i} (alist key)
  (block search
    (dolist (entry alist nil)
      (when (eql (car entry) key)
        (return-from search (cdr entry))))))
""",
]


def generate(lines: int) -> str:
    """About `lines` lines (whole functions, never more than one function over) of distinct DEFUNs."""
    out: list[str] = []
    total = 0
    i = 0
    while total < lines:
        text = TEMPLATES[i % len(TEMPLATES)].format(i=i)
        out.append(text)
        total += text.count("\n")
        i += 1
    return "".join(out)


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
