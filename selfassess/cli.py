"""The `selfassess` command: Django's management commands under the product's name.

`selfassess framework validate FILE`, `selfassess migrate`, `selfassess seed_demo` and the
rest are management commands; this entry point only chooses the settings, so operators need
not know about manage.py. With none chosen it uses the local settings, which keep DEBUG off
(a debug page shows settings and code to whoever reaches it) unless DEBUG=1; `make run`
chooses the dev settings, which turn it on.
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
