from django.core.management.base import BaseCommand, CommandError

from selfassess.demo.generator import create_demo


class Command(BaseCommand):
    help = "Create the demo organisation and its assessment, once (a second run does nothing)."

    def handle(self, *args, **options):
        try:
            summary = create_demo()
        except LookupError as missing:
            raise CommandError(str(missing)) from None
        if summary is None:
            if options["verbosity"] > 1:
                self.stdout.write("The demo organisation already exists; nothing changed.")
            return
        self.stdout.write(
            f"Created {summary.organisation} with {summary.participants} participants "
            f"and {summary.responses} responses."
        )
