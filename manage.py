#!/usr/bin/env python
"""Django's usual entry point; `selfassess` (selfassess/cli.py) is the same thing, installed."""

from selfassess.cli import main

if __name__ == "__main__":
    main()
