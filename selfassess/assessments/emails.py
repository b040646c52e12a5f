"""The invitation and reminder emails, in plain text.

Plain text because NHS mail clients often strip HTML, and a long link in plain text is still
a working link. Each email names the group the person was invited as, so someone invited to
the wrong group can say so before answering.

Each returns (to, subject, body) for the mail door (`selfassess.mail.door`), which sends it.
Names an organisation typed (its own, a group's, the cycle's) go in as one plain line each, so
a line break in a name can neither reach a header nor break the email's layout.
"""

from selfassess.config.jinja2_env import date_format
from selfassess.frameworks.reading import reading_load
from selfassess.mail.door import plain_line


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
    organisation = plain_line(assessment.organisation.name)
    parts = [
        f"{organisation} is asking people across the organisation where it stands on "
        f"improvement, using the {plain_line(assessment.framework_version.title)}. You are "
        f"invited to take part as one of the “{plain_line(participant.group.name)}” group.",
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
    return (
        participant.email,
        f"Take part in the {organisation} improvement self-assessment",
        "\n\n".join(part for part in parts if part) + "\n",
    )


def reminder(assessment, participant, link):
    organisation = plain_line(assessment.organisation.name)
    parts = [
        f"You were invited to take part in the {organisation} improvement self-assessment "
        f"({plain_line(assessment.cycle_label)}), and you have not finished yet.",
        _closing(assessment),
        f"Carry on here:\n{link}",
        "This is a new link. It replaces the one in earlier emails, which no longer works. "
        "Any answers you have already given are kept.",
        _privacy(assessment),
        "This link is personal to you: please do not forward it.",
    ]
    return (
        participant.email,
        f"Reminder: the {organisation} improvement self-assessment",
        "\n\n".join(part for part in parts if part) + "\n",
    )
