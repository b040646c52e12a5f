from django.apps import AppConfig

PANEL_ORDER = 45


class SystemsConfig(AppConfig):
    name = "selfassess.systems"
    verbose_name = "Systems and sharing"

    def ready(self):
        from selfassess.assessments import panels

        from .panel import panel_context

        panels.register(
            "systems",
            order=PANEL_ORDER,
            template_name="systems/panel.jinja",
            context=panel_context,
        )
