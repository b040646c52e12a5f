"""The `selfassess` command: Django's management commands under the product's name.

`selfassess framework validate FILE`, `selfassess migrate`, `selfassess seed_demo` and the
rest are management commands; this entry point only chooses the settings, so operators need
not know about manage.py.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfassess.config.settings.local")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "selfassess"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
