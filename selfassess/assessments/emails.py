"""The invitation and reminder emails, in plain text.

Plain text because NHS mail clients often strip HTML, and a long link in plain text is still
a working link. Each email names the group the person was invited as, so someone invited to
the wrong group can say so before answering.
"""

from django.conf import settings
from django.core.mail import EmailMessage

from selfassess.config.jinja2_env import date_format
from selfassess.frameworks.reading import reading_load


def _closing(assessment):
    if assessment.closes_on:
        return f"The assessment closes on {date_format(assessment.closes_on)}."
    return ""


def _privacy(assessment):
    return (
        "Your answers are never shown with your name or email address. Results are only "
        f"shown for groups of {assessment.anonymity_threshold} people or more."
    )


def invitation(assessment, participant, link, replaces_earlier=False):
    """The first email a person gets, or, with ``replaces_earlier``, the same invitation sent
    again with a new link: to someone who has not started, or who was carried over from the
    last cycle and not yet emailed, a "you have not finished" reminder would read wrongly."""
    organisation = assessment.organisation.name
    parts = [
        f"{organisation} is asking people across the organisation where it stands on "
        f"improvement, using the {assessment.framework_version.title}. You are invited to "
        f"take part as one of the “{participant.group.name}” group.",
        assessment.introduction,
        f"Start here:\n{link}",
        f"It takes about {reading_load(assessment.framework).minutes()} minutes. Your "
        "progress is saved on every page, so you can stop and come back with the same link. "
        "You can answer “don't know” to any statement.",
        _privacy(assessment),
        _closing(assessment),
        "This is a new link: if an earlier email about this assessment reached you, its link "
        "no longer works."
        if replaces_earlier
        else "",
        "This link is personal to you: please do not forward it.",
    ]
    return EmailMessage(
        subject=f"Take part in the {organisation} improvement self-assessment",
        body="\n\n".join(part for part in parts if part) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[participant.email],
    )


def reminder(assessment, participant, link):
    organisation = assessment.organisation.name
    parts = [
        f"You were invited to take part in the {organisation} improvement self-assessment "
        f"({assessment.cycle_label}), and you have not finished yet.",
        _closing(assessment),
        f"Carry on here:\n{link}",
        "This is a new link. It replaces the one in earlier emails, which no longer works. "
        "Any answers you have already given are kept.",
        _privacy(assessment),
        "This link is personal to you: please do not forward it.",
    ]
    return EmailMessage(
        subject=f"Reminder: the {organisation} improvement self-assessment",
        body="\n\n".join(part for part in parts if part) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[participant.email],
    )
