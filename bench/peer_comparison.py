"""``python -m bench.peer_comparison``: a peer comparison over 250 organisations.

Each organisation has an assessment on the benchmark framework (30 statements) with an agreed
current and target level for every statement, shared with the peer comparison through the
real sharing code (``selfassess.systems.sharing.share``). One more organisation views the
comparison. It prints::

    peer_comparison organisations=250 statements=30 queries=8 median_ms=... floor_ms=... ratio=...
    peer_page organisations=250 statements=30 queries=... median_ms=... floor_ms=... ratio=...

* ``peer_comparison``: ``selfassess.peers.services.build_page``: reading every peer's share,
  the viewer's memory of shown sets, working out every statement's and component's spread
  for three measures and the differencing rule, and remembering what is shown.
* ``peer_page``: the viewer's GET of the comparison page through Django (session, permission,
  the same work, the template).
* the floor: one raw ``SELECT payload FROM systems_share WHERE audience = 'peers'``, fetched
  and decoded from JSON in Python: the least any code must spend to read the peers' figures.

``queries`` is the number of database queries one comparison makes; it does not depend on
the number of organisations (``selfassess/peers/tests/test_queries.py`` fixes it). The ratio
is the figure to compare across machines. The database is a throwaway SQLite file, as in
``python -m bench``.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path


def create_peers(organisations: int, seed: int = 1):
    """``organisations`` peers who shared with the peer comparison, and a viewer who did too;
    returns (viewer organisation, viewer's share, a user who may read it)."""
    from selfassess.accounts.models import User
    from selfassess.assessments.models import Assessment, ConsensusRating
    from selfassess.organisations.models import (
        Deprivation,
        Membership,
        Organisation,
        OrganisationType,
        Region,
        Role,
    )
    from selfassess.systems import sharing
    from selfassess.systems.models import Audience

    from .data import framework_version

    rng = random.Random(seed)  # noqa: S311 - seeded on purpose: the same rows every run
    version = framework_version()
    statement_ids = [s.id for s in version.framework.statements()]
    shares = []
    for index in range(organisations + 1):
        organisation = Organisation.objects.create(
            name=f"Peer {index} NHS Trust",
            organisation_type=OrganisationType.ACUTE_TRUST,
            region=rng.choice(Region.values),
            deprivation=rng.choice(Deprivation.values),
            peer_comparison=True,
        )
        assessment = Assessment.objects.create(
            organisation=organisation, framework_version=version, cycle_label="2025/26"
        )
        lean = rng.randint(1, 4)
        ConsensusRating.objects.bulk_create(
            ConsensusRating(
                assessment=assessment,
                statement_id=sid,
                current_level=(current := min(5, max(1, lean + rng.choice((-1, 0, 0, 1))))),
                target_level=min(5, current + rng.choice((0, 1, 1, 2))),
            )
            for sid in statement_ids
        )
        shares.append(
            sharing.share(assessment, audience=Audience.PEERS, scope=sharing.Scope(), actor=None)
        )
    viewer_share = shares[-1]
    viewer = viewer_share.assessment.organisation
    user = User.objects.create_user(f"viewer-{organisations}@bench.invalid")
    Membership.objects.create(organisation=viewer, user=user, role=Role.VIEWER)
    return viewer, viewer_share, user


def count_queries(connection, run) -> int:
    """Queries ``run`` makes, counted at the database wrapper (a page's request would clear
    Django's own query log when it starts)."""
    seen = []

    def counting(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        run()
    return len(seen)


def _floor():
    from django.db import connection

    from selfassess.systems.models import Share

    sql = f"SELECT payload FROM {Share._meta.db_table} WHERE audience = %s"  # noqa: S608

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, ["peers"])
            return [json.loads(row[0]) for row in cursor.fetchall()]

    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peer_comparison")
    parser.add_argument("--organisations", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.organisations < 1 or args.repeat < 1:
        parser.error("--organisations and --repeat must be at least 1")
    root = Path(__file__).resolve().parent.parent
    db = (root / "var" / "bench" / "peers.sqlite3").resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SELFASSESS_BENCH_DB"] = str(db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from selfassess.peers import services

    from .measure import median_ms

    try:
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        viewer, share, user = create_peers(args.organisations)
        print(
            f"# {args.organisations} peers in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        statements = len(share.payload["positions"])
        floor = median_ms(_floor(), args.repeat)
        client = Client()
        client.force_login(user)
        url = f"/organisations/{viewer.pk}/peers/"
        runs = {
            "peer_comparison": lambda: services.build_page(viewer, share, {}),
            "peer_page": lambda: client.get(url),
        }
        for name, run in runs.items():
            queries = count_queries(connection, run)
            median = median_ms(run, args.repeat)
            print(
                f"{name} organisations={args.organisations} statements={statements} "
                f"queries={queries} median_ms={median:.1f} floor_ms={floor:.1f} "
                f"ratio={median / floor:.1f}",
                flush=True,
            )
    finally:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
