"""What the reports app's management commands share: exit codes scripts can rely on.

0: done. 1: invalid input (a bad option, a mapping or rows that cannot be used). 2: a file
that cannot be read or written, or an assessment or organisation that does not exist.
Progress goes to stderr, so stdout and the output file stay clean for scripts.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

OK, INVALID, NOT_FOUND = 0, 1, 2
EXIT_CODES = (
    "Exit codes: 0 done; 1 invalid input (options, mapping or rows); 2 unreadable or "
    "unwritable file, or unknown assessment or organisation."
)


def invalid(message):
    return CommandError(message, returncode=INVALID)


def not_found(message):
    return CommandError(message, returncode=NOT_FOUND)


class ReportsCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("epilog", EXIT_CODES)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        called_from_command_line = parser.called_from_command_line

        def error(message):
            if called_from_command_line:
                parser.print_usage(sys.stderr)
                sys.stderr.write(f"{parser.prog}: error: {message}\n")
                sys.exit(INVALID)
            raise invalid(f"Error: {message}")

        parser.error = error
        return parser

    def progress(self, message):
        self.stderr.write(message)

    def read_bytes(self, path, most=None):
        """The file's bytes; with ``most``, no more than one byte past it, so a file over a
        limit is refused without being read into memory whole."""
        try:
            with open(path, "rb") as handle:
                return handle.read() if most is None else handle.read(most + 1)
        except OSError as error:
            raise not_found(f"Cannot read {path}: {error.strerror}.") from None

    def write_bytes(self, path, content):
        if path == "-":
            sys.stdout.buffer.write(content)
            return
        from selfassess.operations.private_files import write_private

        try:
            # An export holds the organisation's data: only the operator's user may read it.
            write_private(path, content)
        except OSError as error:
            raise not_found(f"Cannot write {path}: {error.strerror}.") from None

    def assessment(self, pk):
        from selfassess.assessments.models import Assessment

        assessment = (
            Assessment.objects.select_related("organisation", "framework_version")
            .filter(pk=pk)
            .first()
        )
        if assessment is None:
            raise not_found(f"There is no assessment {pk}.")
        return assessment
