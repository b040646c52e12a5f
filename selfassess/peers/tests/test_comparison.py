"""The peer comparison page: figures against independently computed quartiles, the five-peer
rule, differencing by filters and by peers joining, and the context page."""

import re
import statistics
from fractions import Fraction

import pytest
from django.test import Client

from selfassess.organisations.models import Region
from selfassess.peers.models import ShownPeerSet
from tests.pages import shown_none

from .helpers import peer, viewer

pytestmark = pytest.mark.django_db


def nearest_half(x):
    doubled = Fraction(x) * 2
    whole = doubled.numerator // doubled.denominator
    return (whole + (1 if doubled - whole >= Fraction(1, 2) else 0)) / 2


def expected_cell(values):
    q1, median, q3 = statistics.quantiles(sorted(values), n=4, method="inclusive")
    return f"{nearest_half(q1):g}, {nearest_half(median):g}, {nearest_half(q3):g}"


def page(user, organisation, **query):
    client = Client()
    client.force_login(user)
    return client.get(f"/organisations/{organisation.pk}/peers/", query)


def row_for(html, number, caption):
    """The text of the row of statement ``number`` in the table captioned ``caption``."""
    table = html.split(f">{caption}</caption>")
    for part in table[1:]:
        body = part.split("</table>")[0]
        for row in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", body, re.S):
            if re.search(rf">\s*{re.escape(number)} ", row):
                return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
    raise AssertionError(f"no row {number} under {caption}")


CURRENTS = [1, 2, 2, 4, 5, 3]


def test_quartiles_of_peers_beside_our_own():
    for index, level in enumerate(CURRENTS):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    organisation, _, user = viewer({"a-1": (1, 4)})
    response = page(user, organisation)
    html = response.content.decode()
    row = row_for(html, "1.1", "Agreed current level")
    assert expected_cell(CURRENTS) in row
    assert "(6 organisations)" in row
    # Ours is 1; the lower quartile of 1,2,2,3,4,5 is 2 (h = 1.25 -> 2), so below it.
    assert "Below the lower quartile" in row
    assert "Context shapes what is possible" in html
    assert shown_none(html) == []


def test_fewer_than_five_peers_show_nothing():
    for index, level in enumerate([1, 2, 3, 4]):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    organisation, _, user = viewer({"a-1": (1, 4)})
    row = row_for(page(user, organisation).content.decode(), "1.1", "Agreed current level")
    assert "Fewer than 5 other organisations" in row
    assert "organisations)" not in row


def test_a_peer_joining_cannot_be_subtracted():
    for index, level in enumerate(CURRENTS):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    organisation, _, user = viewer({"a-1": (1, 4)})
    page(user, organisation)
    peer("Newcomer NHS Trust", {"a-1": (5, 5)})
    row = row_for(page(user, organisation).content.decode(), "1.1", "Agreed current level")
    assert "differ by fewer than 5 organisations" in row
    for index in range(4):
        peer(f"Later {index} NHS Trust", {"a-1": (3, 5)})
    row = row_for(page(user, organisation).content.decode(), "1.1", "Agreed current level")
    assert expected_cell([*CURRENTS, 5, 3, 3, 3, 3]) in row


def test_narrowing_the_peers_by_one_organisation_is_refused():
    for index, level in enumerate(CURRENTS):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    peer("Northern NHS Trust", {"a-1": (5, 5)}, region=Region.NORTH_WEST)
    organisation, _, user = viewer({"a-1": (1, 4)})
    wide = row_for(page(user, organisation).content.decode(), "1.1", "Agreed current level")
    assert expected_cell([*CURRENTS, 5]) in wide
    narrow = page(user, organisation, region="london")
    row = row_for(narrow.content.decode(), "1.1", "Agreed current level")
    assert "differ by fewer than 5 organisations" in row
    # The same wide set again is shown again: it tells nothing new.
    again = row_for(page(user, organisation).content.decode(), "1.1", "Agreed current level")
    assert again == wide


def test_every_member_of_the_organisation_shares_one_memory():
    for index, level in enumerate(CURRENTS):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    peer("Northern NHS Trust", {"a-1": (5, 5)}, region=Region.NORTH_WEST)
    organisation, _, user = viewer({"a-1": (1, 4)})
    page(user, organisation)
    from selfassess.organisations.tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=organisation, role="viewer").user
    row = row_for(
        page(colleague, organisation, region="london").content.decode(),
        "1.1",
        "Agreed current level",
    )
    assert "differ by fewer than 5 organisations" in row
    assert ShownPeerSet.objects.filter(viewer=organisation).exists()


def test_peers_are_chosen_by_context():
    for index, level in enumerate([1, 1, 2, 2, 2]):
        peer(f"Deprived {index} NHS Trust", {"a-1": (level, 5)}, deprivation="most")
    for index, level in enumerate([5, 5, 4, 4, 4]):
        peer(f"Affluent {index} NHS Trust", {"a-1": (level, 5)}, deprivation="less")
    organisation, _, user = viewer({"a-1": (3, 4)})
    row = row_for(
        page(user, organisation, deprivation="most").content.decode(), "1.1", "Agreed current level"
    )
    assert expected_cell([1, 1, 2, 2, 2]) in row
    assert "Above the upper quartile" in row


def test_a_bad_filter_is_refused_with_a_message_and_shows_nothing():
    organisation, _, user = viewer({"a-1": (3, 4)})
    response = page(user, organisation, deprivation="nowhere")
    assert response.status_code == 400
    assert "from the list" in response.content.decode()
    assert not ShownPeerSet.objects.exists()


def test_without_taking_part_there_is_no_comparison():
    for index, level in enumerate(CURRENTS):
        peer(f"Peer {index} NHS Trust", {"a-1": (level, 5)})
    organisation, _, user = viewer({"a-1": (1, 4)}, opted_in=False)
    html = page(user, organisation).content.decode()
    assert "does not take part" in html
    assert "organisations)" not in html


def test_the_context_page_saves_what_an_admin_says():
    organisation, _, admin = viewer({"a-1": (1, 4)}, role="admin", opted_in=False)
    client = Client()
    client.force_login(admin)
    url = f"/organisations/{organisation.pk}/context/"
    assert "Deprivation of the population served" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "deprivation": "most",
            "financial_position": "recovery",
            "leadership_continuity": "interim",
            "improvement_capacity": "",
            "peer_comparison": "on",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.deprivation, organisation.financial_position) == ("most", "recovery")
    assert (organisation.leadership_continuity, organisation.improvement_capacity) == (
        "interim",
        "",
    )
    assert organisation.peer_comparison is True
    bad = client.post(url, {"deprivation": "somewhere", "peer_comparison": ""})
    assert bad.status_code == 400
    assert "Select one of the deprivation" in bad.content.decode()
    organisation.refresh_from_db()
    assert organisation.deprivation == "most" and organisation.peer_comparison is True


def test_how_many_peers_match_is_said_only_from_five():
    for index in range(3):
        peer(f"Peer {index} NHS Trust", {"a-1": (3, 5)})
    organisation, _, user = viewer({"a-1": (1, 4)})
    html = page(user, organisation).content.decode()
    assert "Fewer than 5 other organisations match" in html
    assert "3 other organisations" not in html


def test_an_admin_with_nothing_shared_is_shown_where_to_share():
    from selfassess.assessments.tests.factories import AssessmentFactory
    from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

    organisation = OrganisationFactory(peer_comparison=True)
    assessment = AssessmentFactory(organisation=organisation)
    admin = MembershipFactory(organisation=organisation, role="admin").user
    html = page(admin, organisation).content.decode()
    assert "Nothing of" in html
    assert f'href="/assessments/{assessment.pk}/sharing/"' in html
