# Tests of the Lisp data layer: reader, printer, FORMAT.
