"""`selfassess plan check FILE`: the plan checker on a plan kept in a spreadsheet.

Exit status, so the check can sit in a script: 0 when there is nothing to report, 1 when there
are findings, 2 when the file cannot be checked (unreadable, not CSV, or missing columns).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from selfassess.plans.csv_plan import PlanFileError, check_rows, decode, read_plan


class Command(BaseCommand):
    help = "Check development plans for actions nobody could follow up."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        check = sub.add_parser(
            "check",
            help="Check a plan saved as CSV with columns title, owner, due date, measure and "
            "horizon; print each finding with its row (exit 1 if any, 2 if unreadable).",
        )
        check.add_argument("path", metavar="FILE")

    def handle(self, *args, action, **options):
        return getattr(self, "handle_" + action)(**options)

    def handle_check(self, path, **options):
        try:
            plan = read_plan(decode(Path(path).read_bytes()))
        except OSError as error:
            raise CommandError(
                f"{path}: cannot be read ({error.strerror}).", returncode=2
            ) from None
        except PlanFileError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from None
        findings = check_rows(plan, timezone.localdate())
        for finding in findings:
            where = f"row {finding.ref}" if finding.ref is not None else "whole plan"
            self.stdout.write(f"{path}, {where}: {finding.subject}")
            self.stdout.write(f"  {finding.explanation}")
            self.stdout.write(f"  To fix: {finding.fix}")
        rows = len(plan.actions)
        if findings:
            raise CommandError(
                f"{len(findings)} finding(s) in {rows} action(s); see above.", returncode=1
            )
        self.stdout.write(f"{path}: {rows} action(s) checked, nothing to report.")
