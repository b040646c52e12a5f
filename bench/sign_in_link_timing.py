"""``python -m bench.sign_in_link_timing``: how long "Email me a sign-in link" takes for an
address with an account and for one without, to show the two answers stay in one timing
band (so the time taken says no more than the page does about who has an account).

Each request goes through Django's whole stack (sessions, CSRF, rate limits, the account
look-up, making the link, writing the email to the in-memory mail backend). Requests for
the two kinds alternate, so a slow moment of the machine falls on both alike. Prints::

    link_request_known median_ms=9.1 floor_ms=3.2 ratio=2.8
    link_request_unknown median_ms=8.7 floor_ms=3.2 ratio=2.7
    link_request_band known_over_unknown=1.05

`floor_ms` is the cheapest page of the service (the "Check your email" page); the band is
the ratio of the two medians, which should stay close to 1. A real mail server adds the same
sending time to both (each answer sends one email).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sign_in_link_timing")
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    db = root / "var" / "bench" / "link_timing.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SELFASSESS_BENCH_DB"] = str(db)

    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from selfassess.accounts.models import User

    setup_test_environment()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        n = args.requests
        User.objects.bulk_create(User(email=f"known{i}@example.nhs.uk") for i in range(n + 5))
        client = Client()
        timings = {"known": [], "unknown": [], "floor": []}

        def timed(kind, call):
            started = time.perf_counter()
            call()
            timings[kind].append((time.perf_counter() - started) * 1000)

        for i in range(-5, n):  # five warm-up rounds, not counted
            address = f"192.0.{(i + 5) // 200}.{(i + 5) % 200 + 1}"
            for kind, email in (("known", f"known{i + 5}"), ("unknown", f"unknown{i + 5}")):
                timed(
                    kind,
                    lambda email=email, address=address: client.post(
                        "/sign-in/email-link/",
                        {"email": f"{email}@example.nhs.uk"},
                        REMOTE_ADDR=address,
                    ),
                )
            timed("floor", lambda: client.get("/sign-in/check-your-email/"))
            mail.outbox.clear()
        median = {kind: statistics.median(values[5:]) for kind, values in timings.items()}
        for kind in ("known", "unknown"):
            print(
                f"link_request_{kind} median_ms={median[kind]:.1f} "
                f"floor_ms={median['floor']:.1f} ratio={median[kind] / median['floor']:.1f}"
            )
        print(f"link_request_band known_over_unknown={median['known'] / median['unknown']:.2f}")
    finally:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
