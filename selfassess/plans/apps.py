from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "selfassess.plans"
    verbose_name = "Development plan"

    def ready(self):
        from selfassess.assessments import panels

        from .panel import plan_panel

        panels.register("plans", order=20, template_name="plans/panel.jinja", context=plan_panel)
