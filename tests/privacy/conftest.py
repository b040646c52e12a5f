import pytest
from django.core.cache import cache

from tests.security.world import World

from . import world as attack


@pytest.fixture
def attacked(db):
    cache.clear()
    return attack.build()


@pytest.fixture
def world(db):
    """The access test's world: two organisations with people in every role."""
    cache.clear()
    return World.build()
