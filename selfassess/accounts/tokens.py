"""One-time sign-in links.

Built on Django's password-reset token: the token hashes the user's last sign-in time, so
signing in with it once makes it invalid, and it expires after SIGN_IN_LINK_SECONDS. This
lets `make run` print a way in without any password fixed in the code.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

SIGN_IN_LINK_SECONDS = 60 * 60


class SignInLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "selfassess.accounts.tokens.SignInLinkTokenGenerator"

    def check_token(self, user, token):
        """Django's check, plus a shorter lifetime than a password-reset link has."""
        if not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - issued <= SIGN_IN_LINK_SECONDS


sign_in_link_tokens = SignInLinkTokenGenerator()


def sign_in_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = sign_in_link_tokens.make_token(user)
    return reverse("accounts:sign_in_link", kwargs={"uidb64": uid, "token": token})
