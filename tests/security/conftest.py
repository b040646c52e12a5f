import pytest
from django.core.cache import cache

from .world import World


@pytest.fixture
def world(db):
    """Two organisations with people in every role; rate-limit counters start from zero."""
    cache.clear()
    return World.build()
