import os
import subprocess
import sys
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from congso.config import settings as project_settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-production-secret-key-of-many-characters-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "congso.example.gov.vn",
    "DATABASE_URL": "postgres://congso@127.0.0.1:5432/congso",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def _congso(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE")
    }
    return subprocess.run(
        [sys.executable, "-m", "congso", *args],
        env=clean | env | {"CONGSO_ENV_FILE": "-"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class SettingsTests(SimpleTestCase):
    def test_env_bool_refuses_anything_but_true_or_false(self) -> None:
        with (
            mock.patch.dict(os.environ, {"X_FLAG": "maybe"}),
            self.assertRaises(ImproperlyConfigured),
        ):
            project_settings.env_bool("X_FLAG")
        with mock.patch.dict(os.environ, {"X_FLAG": "true"}):
            self.assertTrue(project_settings.env_bool("X_FLAG"))

    def test_env_secret_reads_a_file(self) -> None:
        path = os.path.join(os.environ["CONGSO_DATA_DIR"], "secret.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("from-file\n")
        with mock.patch.dict(os.environ, {"X_SECRET_FILE": path}):
            self.assertEqual(project_settings.env_secret("X_SECRET"), "from-file")

    def test_production_settings_pass_the_deploy_check(self) -> None:
        result = _congso("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_it_refuses_to_start_without_a_secret_key_in_production(self) -> None:
        result = _congso("check", env=PRODUCTION_ENV | {"SECRET_KEY": ""})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)
