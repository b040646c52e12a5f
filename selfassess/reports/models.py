"""What a facilitator decides about an assessment's board report.

The figures are never stored here: they come from the release the report is made from (see
``selfassess.disclosure``), so a report cannot drift from the results pages. Only the choices
are kept: which sections, the foreword and which participants' comments a board should read,
named by the gate's comment keys (a keyed digest of the text), never by a response id whose
order would say who wrote what.
The cover sheet that makes the report a board paper (the meeting, who presents it, what the
board is asked to do and why) is kept here too.
"""

from django.conf import settings
from django.db import models

from .sections import DEFAULT_SECTIONS


def default_sections():
    return list(DEFAULT_SECTIONS)


class Purpose(models.TextChoices):
    """Why a paper comes to the board, in the words board agendas use."""

    APPROVAL = "approval", "For approval"
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    ASSURANCE = "assurance", "For assurance"
    INFORMATION = "information", "For information"


class ReportSettings(models.Model):
    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="report_settings"
    )
    sections = models.JSONField(default=default_sections)
    foreword = models.TextField(blank=True, max_length=5000)
    comment_keys = models.JSONField(default=list, blank=True)
    # The cover sheet. Blank fields are left off the cover rather than filled with a guess.
    cover_title = models.CharField(blank=True, max_length=200)
    meeting = models.CharField(blank=True, max_length=200)
    meeting_date = models.DateField(null=True, blank=True)
    presenter = models.CharField(blank=True, max_length=200)
    purpose = models.CharField(blank=True, max_length=16, choices=Purpose.choices)
    board_asked = models.TextField(blank=True, max_length=2000)
    cover_summary = models.TextField(blank=True, max_length=3000)
    risks = models.TextField(blank=True, max_length=2000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "report settings"

    def __str__(self):
        return f"Report settings for {self.assessment}"
