"""Configuration of the workflow checked at startup, not at first use."""

from typing import Any

from django.core.checks import CheckMessage, Error, register

from congso.workflow import signing


@register()
def signer_is_importable(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    try:
        signing.get_signer()
    except (ImportError, AttributeError, ValueError, TypeError) as error:
        return [
            Error(
                f"CONGSO_SIGNER cannot be loaded: {error}",
                hint='Use "module.path:ClassName" of a class with a sign() method.',
                id="congso.E020",
            )
        ]
    return []
