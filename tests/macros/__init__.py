# Tests of the standard macros (clysm/eval/macros): expansion structure and evaluation against SBCL.
