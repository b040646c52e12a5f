"""A deployment check, so ``check --deploy`` says when the benchmark floor is switched on."""

from django.core.checks import Warning, register

from .floor import floor_enabled


@register("operations", deploy=True)
def floor_is_off(app_configs, **kwargs):
    if not floor_enabled():
        return []
    return [
        Warning(
            "The benchmark floor endpoint is switched on.",
            hint="Unset SELFASSESS_BENCH_FLOOR: only the benchmark harness should set it.",
            id="operations.W001",
        )
    ]
