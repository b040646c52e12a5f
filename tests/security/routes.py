"""Every named URL of the service, read from the URL configuration itself.

Walking the resolver (rather than listing URLs by hand) is what makes the access test cover a
new URL the moment it is added: an undeclared URL shows up here and fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    """One named pattern: its full name ("namespace:name"), its route text and its kwargs."""

    name: str
    route: str
    kwargs: tuple[str, ...]
    callback: object

    @property
    def namespace(self) -> str:
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""

    @property
    def key(self) -> str:
        """Names are not unique (an optional part gives two patterns one name), so a route is
        identified by its name and its kwargs together."""
        return f"{self.name}({', '.join(self.kwargs)})" if self.kwargs else self.name


def _walk(resolver, namespace, prefix):
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, inner, text)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(entry.pattern.regex.groupindex)
            yield Route(name, text, kwargs, entry.callback)


def all_routes() -> list[Route]:
    """Every named route, in the order the URL configuration lists them."""
    seen, routes = set(), []
    for route in _walk(get_resolver(), "", ""):
        if route.key not in seen:
            seen.add(route.key)
            routes.append(route)
    return routes
