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
        load.add_argument(
            "--organisation",
            metavar="ORG",
            help=(
                "Load a custom framework for one organisation (its number or ODS code): only "
                "that organisation sees it. Without it the framework is for every organisation."
            ),
        )
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
        loaded = {
            (v.framework_id, v.version): v for v in FrameworkVersion.objects.select_related("owner")
        }
        self.stdout.write("Loaded versions:")
        if not loaded:
            self.stdout.write("  none yet (run: selfassess framework load-library)")
        for version in sorted(loaded.values(), key=lambda v: (v.framework_id, v.loaded_at)):
            framework = version.framework
            whose = f", for {version.owner.name} only" if version.owner_id else ""
            self.stdout.write(
                f"  {version.framework_id} {version.version}: {version.title} "
                f"({len(framework.components)} components, "
                f"{len(framework.statements())} statements, "
                f"{len(framework.scale.levels)} levels) from {version.source}{whose}"
            )
        self.stdout.write("Files:")
        for path in framework_files():
            problems = validate_file(path)
            state = "valid" if not problems else f"{len(problems)} problem(s)"
            self.stdout.write(f"  {path}: {state}")

    def owner(self, value):
        from selfassess.organisations.models import Organisation

        if not value:
            return None
        text = value.strip()
        found = (
            Organisation.objects.filter(pk=int(text)).first()
            if text.isascii() and text.isdigit()
            else Organisation.objects.filter(ods_code=text.upper()).first()
        )
        if found is None:
            raise CommandError(
                f"There is no organisation {text!r}; give its number or ODS code.", returncode=2
            )
        return found

    def handle_load(self, paths, organisation=None, **options):
        owner = self.owner(organisation)
        errors = []
        for path in paths:
            try:
                result = load_file(path, owner=owner)
            except FrameworkInvalid as invalid:
                errors.extend(str(p) for p in invalid.problems)
                continue
            except VersionConflict as conflict:
                errors.append(str(conflict))
                continue
            if result.created:
                whose = f" for {owner.name}" if owner is not None else ""
                self.stdout.write(f"Loaded: {result.snapshot}{whose}")
            elif options["verbosity"] > 1:
                self.stdout.write(f"Already loaded: {result.snapshot}")
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError("Some files were not loaded; see the problems above.", returncode=1)

    def handle_load_library(self, **options):
        self.handle_load([str(p) for p in framework_files()], **options)
