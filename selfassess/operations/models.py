"""The one table the operations app owns: rows written by the benchmark floor endpoint.

The floor is the cheapest write the service can do through the same server, framework and
database as a real submission; benchmarks divide their figures by it so that results compare
across machines. The table holds nothing about people or assessments.
"""

from django.db import models


class FloorRow(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Floor row {self.pk}"
