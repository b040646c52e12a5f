"""`selfassess framework validate|list|load|load-library`."""

from django.core.management.base import BaseCommand, CommandError

from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.reading import reading_load
from selfassess.frameworks.schema import FrameworkInvalid, load_framework_file, validate_file
from selfassess.frameworks.services import VersionConflict, framework_files, load_file


class Command(BaseCommand):
    help = "Check, list and load framework files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        validate = sub.add_parser(
            "validate", help="Check framework files and list every problem (exit 1 if any)."
        )
        validate.add_argument("paths", nargs="+", metavar="PATH")
        sub.add_parser("list", help="List framework files and the versions loaded.")
        load = sub.add_parser("load", help="Validate a framework file and load it.")
        load.add_argument("paths", nargs="+", metavar="PATH")
        sub.add_parser(
            "load-library",
            help="Load the shipped frameworks and any in SELFASSESS_FRAMEWORK_DIRS.",
        )

    def handle(self, *args, action, **options):
        return getattr(self, "handle_" + action.replace("-", "_"))(**options)

    def handle_validate(self, paths, **options):
        failed = False
        for path in paths:
            problems = validate_file(path)
            if problems:
                failed = True
                for problem in problems:
                    self.stderr.write(str(problem))
            else:
                # Authors see what their wording asks of participants, as the pages count it.
                load = reading_load(load_framework_file(path))
                self.stdout.write(f"{path}: valid")
                self.stdout.write(f"  {load.summary()}")
        if failed:
            raise CommandError("Fix the problems listed above and validate again.", returncode=1)

    def handle_list(self, **options):
        loaded = {(v.framework_id, v.version): v for v in FrameworkVersion.objects.all()}
        self.stdout.write("Loaded versions:")
        if not loaded:
            self.stdout.write("  none yet (run: selfassess framework load-library)")
        for version in sorted(loaded.values(), key=lambda v: (v.framework_id, v.loaded_at)):
            framework = version.framework
            self.stdout.write(
                f"  {version.framework_id} {version.version}: {version.title} "
                f"({len(framework.components)} components, "
                f"{len(framework.statements())} statements, "
                f"{len(framework.scale.levels)} levels) from {version.source}"
            )
        self.stdout.write("Files:")
        for path in framework_files():
            problems = validate_file(path)
            state = "valid" if not problems else f"{len(problems)} problem(s)"
            self.stdout.write(f"  {path}: {state}")

    def handle_load(self, paths, **options):
        errors = []
        for path in paths:
            try:
                result = load_file(path)
            except FrameworkInvalid as invalid:
                errors.extend(str(p) for p in invalid.problems)
                continue
            except VersionConflict as conflict:
                errors.append(str(conflict))
                continue
            if result.created:
                self.stdout.write(f"Loaded: {result.snapshot}")
            elif options["verbosity"] > 1:
                self.stdout.write(f"Already loaded: {result.snapshot}")
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError("Some files were not loaded; see the problems above.", returncode=1)

    def handle_load_library(self, **options):
        self.handle_load([str(p) for p in framework_files()], **options)
