from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "selfassess.workshop"
    verbose_name = "Consensus workshop"

    def ready(self):
        from selfassess.assessments import panels

        from .panel import panel_context

        panels.register(
            "workshop", order=10, template_name="workshop/panel.jinja", context=panel_context
        )
