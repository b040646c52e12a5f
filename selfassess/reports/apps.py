from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "selfassess.reports"
    verbose_name = "Reports and data"

    def ready(self):
        from selfassess.assessments import panels

        from .panel import panel_context

        panels.register(
            "reports", order=40, template_name="reports/panel.jinja", context=panel_context
        )
