"""Changes the accounts app makes: sending sign-in links, and recording sign-ins.

A person asking for a link gets the same page, and an email, whether or not the address has
an account: the account holder gets a link; anyone else is told that the address has no
account and how to get one. So the page says nothing about who has an account, and the
work done for either is the same (one email), which keeps the two answers in one timing band
(measured by bench/sign_in_link_timing.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import reverse

from selfassess.audit.models import Action
from selfassess.audit.services import record

from . import tokens
from .backends import sign_in_method
from .mail import send_account_email

SERVICE = "the improvement self-assessment service"


def _link_email(*, link: str, purpose) -> str:
    return (
        f"Use this link to sign in to {SERVICE}:\n{link}\n\n"
        f"It opens a page with a Sign in button. The link works once, within "
        f"{tokens.lifetime_words(purpose)}.\n\n"
        "If you did not ask to sign in, you can ignore this email: nobody can sign in "
        "without opening it.\n"
    )


def request_sign_in_link(*, email: str, base_url: str) -> None:
    """Email a one-time link if `email` has an active account; otherwise say it has none."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is not None:
        token = tokens.issue(user, purpose=tokens.Purpose.REQUESTED)
        send_account_email(
            to=user.email,
            subject="Your sign-in link for the improvement self-assessment",
            body=_link_email(
                link=base_url + tokens.path_for(token), purpose=tokens.Purpose.REQUESTED
            ),
        )
        return
    send_account_email(
        to=email.strip(),
        subject="Signing in to the improvement self-assessment",
        body=(
            f"Someone asked for a link to sign in to {SERVICE} with this email address, "
            "but it has no account.\n\n"
            "Accounts are given by an organisation's admin. If you expected to have one, ask "
            "the person who runs the self-assessment in your organisation to add this "
            "address. If you were invited to answer an assessment, use the personal link in "
            "your invitation instead: you do not need an account for that.\n\n"
            "If you did not ask, you can ignore this email.\n"
        ),
    )


def send_added_email(*, user, organisation_name: str, role_name: str, base_url: str) -> None:
    """Tell a colleague an admin has added them: what the service is, and how to sign in."""
    token = tokens.issue(user, purpose=tokens.Purpose.ADDED)
    sign_in_page = base_url + reverse("accounts:sign_in")
    send_account_email(
        to=user.email,
        subject=f"You have been added to the improvement self-assessment for {organisation_name}",
        body=(
            f"An admin of {organisation_name} has given you the {role_name} role on {SERVICE}.\n\n"
            "The service is where your organisation assesses its improvement maturity against "
            "NHS IMPACT: colleagues rate statements independently, the results show where "
            "views differ, and a workshop agrees where you stand and what to do next. The "
            "results belong to your organisation and are not sent to NHS England.\n\n"
            f"Sign in for the first time with this link:\n{base_url + tokens.path_for(token)}\n\n"
            "It opens a page with a Sign in button, and works once, within "
            f"{tokens.lifetime_words(tokens.Purpose.ADDED)}. You do not need a password.\n\n"
            f'Later, go to {sign_in_page} and choose "Email me a sign-in link" (or sign in '
            "with your work account, if your organisation uses that).\n\n"
            "If you were not expecting this email, you can ignore it.\n"
        ),
    )


def send_new_link_email(*, user, organisation_name: str, base_url: str) -> None:
    """An admin sends a colleague a fresh link from their page."""
    token = tokens.issue(user, purpose=tokens.Purpose.RESENT)
    send_account_email(
        to=user.email,
        subject=f"Sign in to the improvement self-assessment for {organisation_name}",
        body=(
            f"An admin of {organisation_name} has sent you a new sign-in link.\n\n"
            + _link_email(link=base_url + tokens.path_for(token), purpose=tokens.Purpose.RESENT)
        ),
    )


@receiver(user_logged_in)
def _record_sign_in(sender, request, user, **kwargs):
    """Each organisation the person belongs to sees the sign-in in its audit log."""
    method = sign_in_method(request) if request is not None else ""
    summary = f"Signed in with {'a ' if method in ('password', 'link') else ''}{method}".strip()
    details = {"method": method or "unknown"}
    organisation_ids = list(user.memberships.values_list("organisation_id", flat=True))
    from selfassess.organisations.models import Organisation

    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        record(
            organisation=organisation,
            actor=user,
            action=Action.SIGN_IN,
            summary=summary,
            details=details,
        )
    if not organisation_ids:
        record(
            organisation=None, actor=user, action=Action.SIGN_IN, summary=summary, details=details
        )
