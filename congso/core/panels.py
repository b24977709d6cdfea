"""Panels of the staff home page. Each app registers its own in AppConfig.ready(),
so the home page shows every app's panel without importing the apps."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFactory = Callable[[HttpRequest], Panel | None]
_factories: list[PanelFactory] = []


def register(factory: PanelFactory) -> PanelFactory:
    """Add a panel factory (usable as a decorator). It returns None to show nothing."""
    if factory not in _factories:
        _factories.append(factory)
    return factory


def for_request(request: HttpRequest) -> list[Panel]:
    panels = [panel for factory in _factories if (panel := factory(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
