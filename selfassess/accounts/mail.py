"""The one way the accounts app sends email.

Sign-in links, "you have been added" emails and "no account for this address" replies all
leave through `send_account_email`, which hands them to the service's mail door
(`selfassess.mail.door.send_now`). They are sent at once rather than queued, because the
person is waiting on the page for the link; the door makes the subject one plain line.
"""

from selfassess.mail import door


def send_account_email(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text email to one person. Raises smtplib/OSError errors as Django does."""
    door.send_now(to=to, subject=subject, body=body)
