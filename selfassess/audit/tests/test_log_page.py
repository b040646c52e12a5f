"""The audit log page and its CSV: admins only, one organisation, filtered, paginated, safe."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from selfassess.audit.models import Action, AuditEvent
from selfassess.audit.services import record
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Riverside NHS Trust")


@pytest.fixture
def admin(organisation, member_of):
    return member_of(organisation, Role.ADMIN, user__email="admin@example.nhs.uk")


def log_url(organisation, query=""):
    return f"/organisations/{organisation.pk}/audit/" + (f"?{query}" if query else "")


def download_url(organisation, query=""):
    return f"/organisations/{organisation.pk}/audit/download/" + (f"?{query}" if query else "")


def _event(organisation, action, summary, when=None):
    event = record(organisation=organisation, actor=None, action=action, summary=summary)
    if when is not None:
        AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return event


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FACILITATOR])
def test_members_below_admin_are_refused(client, organisation, member_of, role):
    client.force_login(member_of(organisation, role))
    assert client.get(log_url(organisation)).status_code == 403
    assert client.get(download_url(organisation)).status_code == 403


def test_another_organisations_admin_finds_nothing(client, organisation, member_of):
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert client.get(log_url(organisation)).status_code == 404
    assert client.get(download_url(organisation)).status_code == 404


def test_an_admin_sees_only_their_own_organisations_events(client, organisation, admin):
    _event(organisation, Action.EXPORTED, "Downloaded the workbook here")
    _event(OrganisationFactory(), Action.EXPORTED, "Downloaded the workbook elsewhere")
    client.force_login(admin)
    page = client.get(log_url(organisation)).content.decode()
    assert "Downloaded the workbook here" in page
    assert "elsewhere" not in page
    rows = _csv_rows(client.get(download_url(organisation)))
    summaries = [row[3] for row in rows[1:]]
    assert "Downloaded the workbook here" in summaries
    assert not any("elsewhere" in summary for summary in summaries)


def test_filter_by_kind_and_dates(client, organisation, admin):
    day = datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)
    _event(organisation, Action.EXPORTED, "Export before", day - datetime.timedelta(days=5))
    _event(organisation, Action.EXPORTED, "Export within", day)
    _event(organisation, Action.DELETED, "Deletion within", day)
    _event(organisation, Action.EXPORTED, "Export after", day + datetime.timedelta(days=5))
    client.force_login(admin)
    query = (
        "kind=exported&since[day]=8&since[month]=4&since[year]=2026"
        "&until[day]=10&until[month]=4&until[year]=2026"
    )
    page = client.get(log_url(organisation, query)).content.decode()
    assert "Export within" in page
    for absent in ("Export before", "Deletion within", "Export after"):
        assert absent not in page
    rows = _csv_rows(client.get(download_url(organisation, query)))
    assert [row[3] for row in rows[1:]] == ["Export within"]


def test_a_wrong_date_says_what_to_fix_and_filters_nothing(client, organisation, admin):
    _event(organisation, Action.EXPORTED, "Some export")
    client.force_login(admin)
    response = client.get(log_url(organisation, "since[day]=31&since[month]=2&since[year]=2026"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "From date must be a real date" in page
    assert "Some export" in page
    download = client.get(download_url(organisation, "since[day]=99"))
    assert download.status_code == 302


def test_dates_the_wrong_way_round_are_refused(client, organisation, admin):
    client.force_login(admin)
    query = (
        "since[day]=10&since[month]=4&since[year]=2026&until[day]=1&until[month]=4&until[year]=2026"
    )
    response = client.get(log_url(organisation, query))
    assert response.status_code == 400
    assert "To date must be the same as or after the from date" in response.content.decode()


def test_the_log_is_paginated_newest_first(client, organisation, admin):
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(55):
        _event(
            organisation,
            Action.OTHER,
            f"Event number {n:02d}",
            start + datetime.timedelta(minutes=n),
        )
    client.force_login(admin)  # itself the newest event: a sign-in
    first = client.get(log_url(organisation)).content.decode()
    assert "Event number 54" in first and "Event number 06" in first
    assert "Event number 05" not in first
    assert "Older events" in first
    second = client.get(log_url(organisation, "page=2")).content.decode()
    assert "Event number 05" in second and "Event number 00" in second
    assert "Event number 54" not in second and "Newer events" in second
    assert client.get(log_url(organisation, "page=nonsense")).status_code == 200


def test_the_csv_cannot_start_a_formula(client, organisation, admin):
    _event(organisation, Action.OTHER, '=HYPERLINK("http://example.com","x")')
    client.force_login(admin)
    response = client.get(download_url(organisation))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0] == ["When (UTC)", "Who", "Kind of event", "What happened", "Details"]
    written = [row[3] for row in rows[1:] if "HYPERLINK" in row[3]]
    assert written == ['\'=HYPERLINK("http://example.com","x")']
