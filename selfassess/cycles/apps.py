from django.apps import AppConfig

PANEL_ORDER = 30


class CyclesConfig(AppConfig):
    name = "selfassess.cycles"
    verbose_name = "Cycles over time"

    def ready(self):
        from selfassess.assessments import panels

        from .panel import panel_context

        panels.register(
            "cycles",
            order=PANEL_ORDER,
            template_name="cycles/panel.jinja",
            context=panel_context,
        )
