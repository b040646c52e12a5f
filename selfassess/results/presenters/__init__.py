"""Presenters: turn a ``Results`` into what one results page shows, so templates stay free of
logic and the logic is tested in one place. One module per page."""

from .component import component_context
from .discussion import discussion_context
from .groups import groups_context
from .overview import overview_context

__all__ = ["component_context", "discussion_context", "groups_context", "overview_context"]
