"""``python -m bench.system_view``: the system view of a system of 50 members on the default
framework, as ratios to a floor measured in the same run.

One member's assessment on the NHS IMPACT framework gets real answers, agreed positions and a
release, and is shared through ``sharing.share`` with every scope; the other members' shares
are copies of that payload with their own seeded-random agreed levels and survey medians, so
every member shows a full set of figures. Each member also writes a learning note on a few
statements. Prints::

    system_view members=50 statements=.. median_ms=.. floor_ms=.. ratio=.. queries=..
    system_component members=50 ... ; system_exchange ...; system_workbook ...

``floor_ms`` is the least any view of the shares must do: one query reading every share's
payload for the system, decoded from JSON into Python. ``queries`` is the number of database
queries of one request (fixed whatever the number of members: see
``selfassess/systems/tests/test_query_counts.py``). Use ``--members`` to try other sizes and
``--pdf`` to time the board paper too (WeasyPrint is slow, so it is off by default).
"""

import argparse
import copy
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path


def _median_ms(run, repeat):
    run()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def build(members: int, seed: int = 18):
    from selfassess.accounts.models import User
    from selfassess.assessments.models import (
        Assessment,
        ConsensusRating,
        Participant,
        ParticipantGroup,
        Response,
    )
    from selfassess.disclosure import gate
    from selfassess.disclosure.models import ReleaseKind
    from selfassess.frameworks.services import LIBRARY_DIR, load_file
    from selfassess.organisations.models import Organisation
    from selfassess.systems import services, sharing
    from selfassess.systems.models import Audience, LearningNote, Share, SystemKind, SystemRoleName

    rng = random.Random(seed)  # noqa: S311 - seeded on purpose: the same figures every run
    version = load_file(LIBRARY_DIR / "nhs-impact.yaml").snapshot
    framework = version.framework
    icb = Organisation.objects.create(name="Bench Integrated Care Board", organisation_type="icb")
    system = services.create_system(organisation=icb, kind=SystemKind.ICB, actor=None)
    lead = User.objects.create_user(email="bench.lead@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=None)
    first, payload = None, None
    for index in range(members):
        organisation = Organisation.objects.create(
            name=f"Bench member {index:03d} NHS Trust", organisation_type="acute_trust"
        )
        member = services.invite(system=system, organisation=organisation, actor=None)
        services.accept(member, actor=None)
        assessment = Assessment.objects.create(
            organisation=organisation, framework_version=version, cycle_label="2026/27"
        )
        if first is None:
            group = ParticipantGroup.objects.create(assessment=assessment, name="Everyone")
            for person in range(12):
                participant, _token = Participant.invite(assessment, group, f"p{person}@b.uk")
                Response.objects.bulk_create(
                    Response(participant=participant, statement_id=s.id, level=rng.randint(1, 5))
                    for s in framework.statements()
                )
            for statement in framework.statements():
                ConsensusRating.objects.create(
                    assessment=assessment,
                    statement_id=statement.id,
                    current_level=rng.randint(1, 5),
                    target_level=5,
                    rationale="Agreed in the workshop.",
                )
            gate.make_release(assessment, kind=ReleaseKind.CLOSING, actor=None)
            share = sharing.share(
                assessment,
                audience=Audience.SYSTEM,
                system=system,
                scope=sharing.Scope(rationale=True, survey=True),
                actor=None,
            )
            first, payload = share, share.payload
        else:
            copied = copy.deepcopy(payload)
            copied["organisation"]["name"] = organisation.name
            for position in copied["positions"].values():
                position["current"] = rng.randint(1, 5)
            for figures in copied["survey"]["statements"].values():
                figures["median"] = rng.choice([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
            share = Share.objects.create(
                assessment=assessment,
                audience=Audience.SYSTEM,
                system=system,
                rationale=True,
                survey=True,
                release_number=1,
                payload=copied,
            )
        for statement in framework.statements()[:3]:
            LearningNote.objects.create(
                share=share,
                statement_id=statement.id,
                text="What worked for us.",
                contact_role="Head of Improvement",
            )
    return system, lead, len(framework.statements()), framework.components[0].id


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.system_view")
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="time the board paper too")
    args = parser.parse_args(argv)
    if args.members < 1 or args.repeat < 1:
        parser.error("--members and --repeat must be at least 1")
    root = Path(__file__).resolve().parent.parent
    db = root / "var" / "bench" / "system_view.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SELFASSESS_BENCH_DB"] = str(db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection, connections
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from selfassess.systems.models import Share

    setup_test_environment()
    # Keep one connection for the run, as the test client does, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        call_command("migrate", verbosity=0, interactive=False)
        system, lead, statements, component_id = build(args.members)
        client = Client()
        client.force_login(lead)

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT payload FROM {Share._meta.db_table} WHERE system_id = %s",  # noqa: S608
                    [system.pk],
                )
                return [json.loads(row[0]) for row in cursor.fetchall()]

        floor_ms = _median_ms(floor, args.repeat)
        urls = {
            "system_view": reverse("systems:view", args=[system.pk]),
            "system_component": reverse("systems:component", args=[system.pk, component_id]),
            "system_exchange": reverse("systems:exchange", args=[system.pk]),
            "system_workbook": reverse("systems:xlsx", args=[system.pk]),
        }
        if args.pdf:
            urls["system_board_paper"] = reverse("systems:pdf", args=[system.pk])
        for name, url in urls.items():
            queries = []

            def counted(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(counted):
                status = client.get(url).status_code
            if status != 200:
                print(f"# {name} answered {status}", file=sys.stderr)
                return 1
            median = _median_ms(lambda url=url: client.get(url), args.repeat)
            print(
                f"{name} members={args.members} statements={statements} "
                f"median_ms={median:.1f} floor_ms={floor_ms:.1f} ratio={median / floor_ms:.1f} "
                f"queries={len(queries)}",
                flush=True,
            )
    finally:
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
