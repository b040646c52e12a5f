"""The one way the accounts app sends email.

Sign-in links, "you have been added" emails and "no account for this address" replies all
leave through `send_account_email`, so when the service gains a durable outbox (mail that
waits and retries in the background) only this function has to change.
"""

from django.conf import settings
from django.core.mail import EmailMessage


def send_account_email(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text email to one person. Raises smtplib/OSError errors as Django does."""
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send()
