from django.core.management.base import BaseCommand, CommandError

from selfassess.accounts.models import User
from selfassess.accounts.tokens import SIGN_IN_LINK_SECONDS, sign_in_path
from selfassess.demo.generator import DEMO_ADMIN, DEMO_FACILITATOR, DEMO_VIEWER


class Command(BaseCommand):
    help = "Print a one-time sign-in link for a demo user (no password is ever fixed in code)."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEMO_FACILITATOR)
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, email, base_url, **options):
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {email}; run `selfassess seed_demo` first.")
        minutes = SIGN_IN_LINK_SECONDS // 60
        link = base_url.rstrip("/") + sign_in_path(user)
        self.stdout.write("")
        self.stdout.write(f"Sign in as the demo facilitator ({email}) with this one-time link,")
        self.stdout.write(f"which works once within {minutes} minutes:")
        self.stdout.write(f"    {link}")
        self.stdout.write(
            "For another link: .venv/bin/selfassess demo_sign_in "
            f"(add --email {DEMO_ADMIN} or {DEMO_VIEWER} for the other demo roles)."
        )
        self.stdout.write("To give a user a password: .venv/bin/selfassess changepassword EMAIL")
        self.stdout.write("")
