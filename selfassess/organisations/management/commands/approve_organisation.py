"""`selfassess approve_organisation ID_OR_ODS...`: let organisations set up under the
"approval" sign-up policy send email. `--list` shows those waiting."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from selfassess.organisations import policy
from selfassess.organisations.models import Organisation


class Command(BaseCommand):
    help = "Approve organisations to send invitations and reminders, or list those waiting."

    def add_arguments(self, parser):
        parser.add_argument("organisations", nargs="*", help="id or ODS code")
        parser.add_argument("--list", action="store_true", help="list those waiting")

    def handle(self, *args, organisations, list, **options):
        if list or not organisations:
            for org in Organisation.objects.filter(awaiting_approval=True).order_by("pk"):
                self.stdout.write(f"{org.pk}\t{org.ods_code or '-'}\t{org.name}")
            return
        for key in organisations:
            match = Q(ods_code=key.upper()) if not key.isdigit() else Q(pk=int(key))
            found = Organisation.objects.filter(match)
            if not found.exists():
                raise CommandError(f"No organisation with id or ODS code {key}")
            policy.approve(found)
            self.stdout.write(f"Approved: {found.get().name}")
