"""Results, reports, downloads and pages about people are never kept by a browser or proxy.

Every named URL of the results, reports, audit, cycles and disclosure apps, and the named
people and personal-links pages, is fetched by a member allowed to see it; each answer must
say `Cache-Control: no-store`. An information page must not, so the rule is not simply on
everything.
"""

import pytest
from django.urls import reverse

from selfassess.core.no_store import NO_STORE_NAMES, NO_STORE_NAMESPACES

from .expectations import CannotFill, expectation_for, fill
from .outcomes import OK
from .routes import all_routes
from .world import ADMIN

SENSITIVE = [
    route
    for route in all_routes()
    if route.namespace in NO_STORE_NAMESPACES or route.name in NO_STORE_NAMES
]


def test_the_list_covers_what_the_finding_named():
    names = {route.name for route in SENSITIVE}
    for name in (
        "results:overview",
        "reports:board",
        "reports:pdf",
        "reports:xlsx",
        "reports:csv",
        "reports:json",
        "reports:organisation_export",
        "organisations:people",
        "assessments:links_csv",
        "audit:download",
    ):
        assert name in names


@pytest.mark.parametrize("route", SENSITIVE, ids=[route.key for route in SENSITIVE])
def test_sensitive_pages_and_files_are_not_stored(route, world):
    expect = expectation_for(route)
    if not expect.get or expect.policy[ADMIN] != OK:
        pytest.skip("an admin cannot GET this page")
    try:
        url = reverse(route.name, kwargs=fill(route, world))
    except CannotFill as missing:
        pytest.fail(str(missing))
    response = world.client_for(ADMIN).get(url)
    assert response.status_code in (200, 302), response.status_code
    assert response["Cache-Control"] == "no-store"


def test_the_personal_links_csv_is_not_stored(world):
    assessment = world.home.assessment
    group = assessment.groups.first()
    response = world.client_for(ADMIN).post(
        reverse("assessments:links_csv", args=[assessment.pk]), {f"group_{group.pk}": "1"}
    )
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"


def test_an_information_page_may_be_stored(client, db):
    response = client.get(reverse("core:about"))
    assert "no-store" not in response.get("Cache-Control", "")
