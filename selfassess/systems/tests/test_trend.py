"""The system's trend: per cycle, the median across members of their agreed level."""

from statistics import median

import pytest

from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience
from selfassess.systems.picture import system_picture

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db

# {member: {cycle: (a-1, a-2, a-3) agreed levels}}
CYCLES = {
    "Larch NHS Trust": {"2024/25": (1, 1, 2), "2025/26": (2, 3, 3)},
    "Hazel NHS Trust": {"2024/25": (2, 2, 2), "2025/26": (3, 4, 5)},
    "Rowan NHS Trust": {"2025/26": (1, 2, 2)},
}


def test_trend_across_cycles_and_the_latest_cycle_side_by_side():
    system = SystemFactory()
    for name, cycles in CYCLES.items():
        organisation = OrganisationFactory(name=name)
        link = services.invite(system=system, organisation=organisation, actor=None)
        services.accept(link, actor=None)
        for label, levels in cycles.items():
            assessment = answered_assessment(
                organisation,
                cycle_label=label,
                positions={
                    sid: (lv, 5, "") for sid, lv in zip(("a-1", "a-2", "a-3"), levels, strict=True)
                },
            )
            sharing.share(
                assessment,
                audience=Audience.SYSTEM,
                system=system,
                scope=sharing.Scope(),
                actor=None,
            )
    picture = system_picture(system)
    labels, rows = picture.trend
    assert labels == ["2024/25", "2025/26"]
    expected = [
        median([median(c[label]) for c in CYCLES.values() if label in c]) for label in labels
    ]
    # 2024/25: Larch 1, Hazel 2 -> 1.5; 2025/26: Larch 3, Hazel 4, Rowan 2 -> 3.
    assert rows["comp-a"] == expected == [1.5, 3]
    assert rows["comp-b"] == [None, None]
    assert {m: c.cycle for m, c in picture.latest.items()} == dict.fromkeys(CYCLES, "2025/26")
