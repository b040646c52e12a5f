"""The database holds whatever the declared limits allow: a migration that narrows a column
below core.limits, or a new column for statement ids shorter than an id may be, fails here."""

import pytest
from django.apps import apps
from django.db import connection, models

from selfassess.core import limits
from selfassess.frameworks.models import FrameworkVersion

LEVEL_COLUMNS = [
    ("assessments", "Response", "level"),
    ("assessments", "ConsensusRating", "current_level"),
    ("assessments", "ConsensusRating", "target_level"),
    ("workshop", "Vote", "level"),
]


def _columns_named(*names):
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("selfassess."):
            continue
        for field in model._meta.concrete_fields:
            if field.name in names:
                yield model, field


def test_every_statement_and_component_id_column_holds_the_longest_id():
    found = list(
        _columns_named(
            "statement_id", "current_statement_id", "resume_component_id", "framework_id"
        )
    )
    assert len(found) >= 5
    for model, field in found:
        assert field.max_length >= limits.ID_CHARS_MAX, f"{model.__name__}.{field.name}"


def test_the_framework_snapshot_columns_hold_the_longest_texts():
    sizes = {f.name: f.max_length for f in FrameworkVersion._meta.concrete_fields}
    assert sizes["framework_id"] >= limits.ID_CHARS_MAX
    assert sizes["version"] >= limits.VERSION_CHARS_MAX
    assert sizes["title"] >= limits.TITLE_CHARS_MAX
    assert sizes["source"] >= limits.SOURCE_CHARS_MAX


@pytest.mark.parametrize("app, model_name, field_name", LEVEL_COLUMNS)
def test_every_level_column_holds_every_allowed_level(app, model_name, field_name):
    field = apps.get_model(app, model_name)._meta.get_field(field_name)
    assert isinstance(field, models.IntegerField)
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    assert low is None or low <= limits.LEVEL_VALUE_MIN
    assert high is None or high >= limits.LEVEL_VALUE_MAX


def test_the_year_range_keeps_date_arithmetic_safe():
    import datetime

    latest = datetime.date(limits.YEAR_MAX, 12, 31)
    assert latest + datetime.timedelta(days=3650) > latest
    assert limits.YEAR_MIN >= datetime.MINYEAR
