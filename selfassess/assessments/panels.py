"""Sections that other parts of the service add to an assessment's overview page.

The workshop, the development plan, the next cycle and the reports each belong to their own
app. Rather than the assessments app importing all of them (and each of them importing it
back), an app registers a panel from its ``AppConfig.ready``: a template and a function that
builds that template's context. The overview renders the panels in order, after its own.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template_name: str
    context: Callable  # (request, assessment) -> dict, or None to leave the panel out


_registry: dict[str, Panel] = {}


def register(key, *, order, template_name, context):
    """Register (or replace, so reloading an app is harmless) the panel called ``key``."""
    _registry[key] = Panel(order=order, template_name=template_name, context=context)


def panels_for(request, assessment):
    """Return ``(template_name, context)`` pairs for the panels that apply to ``assessment``."""
    rendered = []
    for panel in sorted(_registry.values(), key=lambda p: p.order):
        context = panel.context(request, assessment)
        if context is not None:
            rendered.append((panel.template_name, context))
    return rendered
