# `python -m clysm`: the command-line tool.
from clysm.cli import main

raise SystemExit(main())
