"""The one place the Jinja2 environment is built.

Django's Jinja2 backend finds each app's `jinja2/` folder; the NHS.UK design system macros
come from the `nhsuk_frontend_jinja` package, added behind the app templates so an app can
override a component when it must.
"""

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from selfassess.analysis import agreement_text


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date_format(value, fmt="%-d %B %Y"):
    """NHS style dates: '3 March 2026', never 03/03/2026."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime(fmt)


def number(value, places=1):
    """A figure for a page: a dash when undefined, otherwise rounded for display."""
    if value is None:
        return "\N{EN DASH}"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.{places}f}"


def levels(value):
    """A spread in levels of the scale: "1 level", "1.5 levels", a dash when undefined."""
    if value is None:
        return "\N{EN DASH}"
    text = number(value)
    return f"{text} level" if text == "1" else f"{text} levels"


def percent(value, places=0):
    if value is None:
        return "\N{EN DASH}"
    return f"{value * 100:.{places}f}%"


def error_message(field):
    """A bound field's first error as the NHS.UK macros take it, or None when it has none.

    A function rather than a macro: a macro's result is always text, and the text "None"
    is a message the macros would show (and screen readers read out) as "Error: None".
    """
    errors = getattr(field, "errors", None)
    return {"text": errors[0]} if errors else None


def environment(**options):
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    env = Environment(**options)  # noqa: S701 - autoescape is set just above
    env.globals.update(
        {
            "url": url,
            "error_message": error_message,
            "static": static,
            "get_messages": messages.get_messages,
            "service_name": "Improvement self-assessment",
            "debug": settings.DEBUG,
        }
    )
    env.filters.update(
        {
            "date": date_format,
            "number": number,
            "percent": percent,
            "agreement": agreement_text,
            "levels": levels,
        }
    )
    return env
