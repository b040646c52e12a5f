"""Staff-survey indicators, kept beside the maturity trend.

A maturity self-assessment is people's view of the culture; the staff survey is another view
of the same thing, measured differently. Showing the two side by side lets a board ask whether
they move together. The figures belong to one organisation and are imported from a CSV file
(see ``survey_import``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from selfassess.organisations.models import Organisation

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class StaffSurveyIndicator(models.Model):
    """One indicator in one survey year: the share of staff answering positively."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_survey_indicators"
    )
    year = models.PositiveSmallIntegerField()
    code = models.CharField("indicator code", max_length=40)
    label = models.CharField(max_length=200)
    percentage_positive = models.DecimalField(max_digits=5, decimal_places=2, validators=PERCENT)
    comparator = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text="A benchmark to read the figure against, such as the average of similar "
        "organisations.",
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "code"], name="one_indicator_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(percentage_positive__gte=0, percentage_positive__lte=100),
                name="indicator_percentage_0_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(comparator__isnull=True)
                | models.Q(comparator__gte=0, comparator__lte=100),
                name="indicator_comparator_0_to_100",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.year}: {self.percentage_positive}%"
