"""What a response means for access, in a handful of words the declarations use."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import reverse

OK = "ok"  # the page, a form with errors, a file, or a redirect onward in the service
SIGN_IN = "sign_in"  # redirected to the service's sign-in page
OPERATOR_SIGN_IN = "operator_sign_in"  # redirected to the operator's (admin) sign-in page
FORBIDDEN = "forbidden"  # 403: a member whose role is too low, or a participant without a link
NOT_FOUND = "not_found"  # 404: another organisation's data is simply not there
NOT_ALLOWED = "not_allowed"  # 405: a method the view does not accept
GONE = "gone"  # 410: a participant whose assessment has closed
SERVER_ERROR = "server_error"

DENIALS = {SIGN_IN, OPERATOR_SIGN_IN, FORBIDDEN, NOT_FOUND}


def outcome_of(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path == reverse("accounts:sign_in"):
            return SIGN_IN
        if path == reverse("admin:login"):
            return OPERATOR_SIGN_IN
        return OK
    if status >= 500:
        return SERVER_ERROR
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED, 410: GONE}.get(status, OK)
