"""System checks: configuration errors fail at start-up, not at first use."""

import contextlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_data_dirs(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    for name in ("DATA_DIR", "STORAGE_ROOT"):
        path = Path(getattr(settings, name))
        with contextlib.suppress(OSError):  # reported just below
            path.mkdir(parents=True, exist_ok=True)
        if not os.access(path, os.W_OK):
            errors.append(Error(f"{name} ({path}) is not writable", id="congso.E001"))
    return errors
