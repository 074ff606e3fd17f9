# Tests of the clysm command line (run, eval, repl, compile).
