import pytest
from django.core.checks import run_checks
from django.urls import reverse

from selfassess.operations.models import FloorRow

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    return reverse("operations:floor")


def test_floor_is_off_unless_switched_on(client, url, settings, monkeypatch):
    monkeypatch.delenv("SELFASSESS_BENCH_FLOOR", raising=False)
    settings.SELFASSESS_BENCH_FLOOR = None
    assert client.post(url).status_code == 404
    assert FloorRow.objects.count() == 0


def test_the_setting_wins_over_the_environment(client, url, settings, monkeypatch):
    monkeypatch.setenv("SELFASSESS_BENCH_FLOOR", "1")
    settings.SELFASSESS_BENCH_FLOOR = False
    assert client.post(url).status_code == 404


def test_floor_inserts_one_row_per_post(client, url, monkeypatch):
    monkeypatch.setenv("SELFASSESS_BENCH_FLOOR", "1")
    first = client.post(url)
    second = client.post(url)
    assert (first.status_code, second.status_code) == (201, 201)
    assert FloorRow.objects.count() == 2
    assert int(second.content) == FloorRow.objects.latest("pk").pk


def test_floor_takes_only_posts(client, url, monkeypatch):
    monkeypatch.setenv("SELFASSESS_BENCH_FLOOR", "1")
    assert client.get(url).status_code == 405
    assert FloorRow.objects.count() == 0


def test_deploy_check_warns_while_the_floor_is_on(settings):
    settings.SELFASSESS_BENCH_FLOOR = True
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "operations.W001" in ids
    settings.SELFASSESS_BENCH_FLOOR = False
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "operations.W001" not in ids
