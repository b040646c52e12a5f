"""What the peer comparison remembers: every peer set it has shown to each organisation.

The rule that stops differencing (``selfassess.analysis.peers``) needs the sets already shown
to the viewing organisation, for each framework, measure and statement. Only the members
(share keys) are kept, never a figure, so the memory itself says nothing about any peer.
"""

from django.db import models
from django.utils import timezone


class ShownPeerSet(models.Model):
    # Names shares of this deployment's peers, which another deployment does not have: it
    # stays here when the organisation's data is exported (see selfassess.reports.orgdata).
    moves_with_organisation = False

    viewer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="shown_peer_sets"
    )
    scope = models.CharField(max_length=200, help_text="framework|measure|statement or component")
    digest = models.CharField(max_length=64)
    members = models.JSONField()
    shown_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["viewer", "scope", "digest"], name="one_shown_peer_set")
        ]
        indexes = [models.Index(fields=["viewer", "scope"], name="shown_peer_set_viewer_scope")]

    def __str__(self):
        return f"{len(self.members)} peers shown for {self.scope}"
