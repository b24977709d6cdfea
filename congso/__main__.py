"""The `congso` command: Django's management commands with the project's settings."""

import os
import sys
from pathlib import Path


def main() -> None:
    # A local `.env` is a convenience for development; real environment variables
    # always win, so production (systemd EnvironmentFile, containers) is unaffected.
    env_file = Path(os.environ.get("CONGSO_ENV_FILE", ".env"))
    if env_file.is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
