# The shared Lisp corpus: every tier's corpus tests load cases through this package (see README.md).
from .loader import (
    CORPUS_DIR,
    Case,
    CorpusError,
    compare_result,
    corpus_files,
    load_cases,
    parse_file,
)

__all__ = ["CORPUS_DIR", "Case", "CorpusError", "compare_result", "corpus_files", "load_cases", "parse_file"]
