"""Password rules follow NCSC guidance: length over complexity, common passwords blocked, no
composition rules. Passwords are used by the operator's admin and anyone who sets one."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from selfassess.accounts.models import User

from .world import OPERATOR


def refused(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_a_passphrase_of_three_random_words_is_accepted_without_digits_or_capitals():
    assert refused("kettle orbit lantern") == []
    assert refused("x" * 5 + " meadow-cactus-violin" * 10) == []  # long ones too


def test_a_password_under_twelve_characters_is_refused():
    assert refused("Xq7!vT2#pL9") != []  # 11 characters, however "complex"
    assert refused("kettle orbit") == []


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123", "1234567890123"])
def test_common_passwords_are_refused(password):
    assert any("too common" in message for message in refused(password))


def test_a_password_like_the_persons_email_is_refused(db):
    user = User(email="chief.executive@example.nhs.uk")
    assert refused("chief.executive", user) != []


def test_no_composition_rules_are_configured():
    names = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
    }


def test_the_operator_cannot_give_someone_a_common_password(world):
    client = world.client_for(OPERATOR)
    before = User.objects.count()
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "new@example.nhs.uk", "password1": "password1234", "password2": "password1234"},
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert User.objects.count() == before
