#!/usr/bin/env python3
"""The site checker, `vigie-check` (the vigie_check package, installed in .venv by make).

    python scripts/check_site.py [CHECK ...] [--config mkdocs.yml] [--site DIR] ...

Kept so that existing commands and CI steps keep working; see `vigie-check --help`.
"""

import sys

from vigie_check.cli import main

if __name__ == "__main__":
    sys.exit(main())
