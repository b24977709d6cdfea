"""Settings for every environment; environments differ only in environment variables.

Every variable read here is documented in `.env.example`.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

# Lets generic Django classes be subscripted at run time (ModelAdmin[User]) for typing.
django_stubs_ext.monkeypatch()


def env_str(name: str, default: str = "") -> str:
    """The variable's value; unset and empty both mean the default."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("true", "1", "yes", "on"):
        return True
    if value.lower() in ("false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the content of the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return env_str(name, default)


PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CONGSO_DATA_DIR", "var")).resolve()
STORAGE_ROOT = Path(env_str("CONGSO_STORAGE_ROOT", str(DATA_DIR / "files"))).resolve()
# The embedded database lives here, so it must exist before the first connection.
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set (or DEBUG=true for development)")
    SECRET_KEY = "insecure-development-key-only-with-debug"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Mã định danh điện tử of agencies (QĐ 20/2020): an inferred pattern, so configurable.
CONGSO_AGENCY_CODE_PATTERN = env_str("CONGSO_AGENCY_CODE_PATTERN", r"[A-Z]\d{2}(\.[0-9A-Z]+)*")

INSTALLED_APPS = [
    "congso.core",
    "congso.org",
    "congso.archive",
    "congso.workflow",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API explorer from its own static files (no CDN)
    "django_htmx",
    "template_partials",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congso.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "congso.config.urls"
WSGI_APPLICATION = "congso.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congso.org.context_processors.current_post",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Each language is named in itself, whatever the current language.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["congso.config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": STORAGE_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from the app folders too, so a development run needs no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "congso@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: in-process until a broker is configured.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_SERIALIZER = "json"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Each entry has a management command twin for cron: `congso resume`, `congso watch --once`.
    "requeue-stale-documents": {
        "task": "congso.archive.tasks.requeue_stale_documents",
        "schedule": 300.0,
    },
    "scan-watched-folders": {
        "task": "congso.archive.tasks.scan_watched_folders",
        "schedule": 60.0,
    },
    # `congso learn_lexicon`: the words each agency writes, to correct OCR'd fields.
    "learn-lexicons": {
        "task": "congso.archive.tasks.learn_lexicons",
        "schedule": 24 * 3600.0,
    },
    # `congso verify`: stored files hashed again, the audit chain walked; the last result
    # is on the operators' page (/luu-tru/toan-ven/).
    "check-integrity": {
        "task": "congso.archive.tasks.check_integrity",
        "schedule": 24 * 3600.0,
    },
    # `congso remind_deadlines`: notices (and e-mails) for work due by the next working day
    # or overdue; a notice is never given twice, so a second run a day is harmless.
    "remind-deadlines": {
        "task": "congso.workflow.tasks.remind_deadlines",
        "schedule": 24 * 3600.0,
    },
}

# Digitization (archive). Limits and thresholds are configuration, not law.
CONGSO_MAX_FILE_MB = int(env_str("CONGSO_MAX_FILE_MB", "1024"))
CONGSO_MAX_PAGES = int(env_str("CONGSO_MAX_PAGES", "5000"))
CONGSO_MAX_IMAGE_PIXELS = int(env_str("CONGSO_MAX_IMAGE_PIXELS", "150000000"))
CONGSO_OCR_LANGUAGES = env_str("CONGSO_OCR_LANGUAGES", "vie")
CONGSO_OCR_DPI = int(env_str("CONGSO_OCR_DPI", "300"))
CONGSO_OCR_PAGE_JOBS = int(env_str("CONGSO_OCR_PAGE_JOBS", "0"))  # 0: one per core
CONGSO_OCR_PAGE_TIMEOUT = int(env_str("CONGSO_OCR_PAGE_TIMEOUT", "300"))
CONGSO_OCR_RETRY_BELOW = float(env_str("CONGSO_OCR_RETRY_BELOW", "60"))
CONGSO_OCR_REVIEW_BELOW = float(env_str("CONGSO_OCR_REVIEW_BELOW", "75"))
CONGSO_TEXT_LAYER_MIN_CHARS = int(env_str("CONGSO_TEXT_LAYER_MIN_CHARS", "40"))
CONGSO_THUMBNAIL_WIDTH = int(env_str("CONGSO_THUMBNAIL_WIDTH", "200"))
CONGSO_OFFICE_TIMEOUT = int(env_str("CONGSO_OFFICE_TIMEOUT", "300"))
CONGSO_STALE_MINUTES = int(env_str("CONGSO_STALE_MINUTES", "30"))
# Scanner output: one sub-folder per agency, named by its electronic ID code.
CONGSO_SCAN_INBOX = Path(env_str("CONGSO_SCAN_INBOX", str(DATA_DIR / "scan-inbox"))).resolve()
# Certificates (PEM/DER files) that signed PDFs must chain to: the national root CAs.
CONGSO_TRUST_ROOTS = env_str("CONGSO_TRUST_ROOTS", "")
# How approved drafts are signed: "module.path:ClassName" of a Signer (workflow/signing.py);
# empty records the signer's approval without a cryptographic signature.
CONGSO_SIGNER = env_str("CONGSO_SIGNER", "")
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a per-domain decision

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # An untrusted signer is a validation result, shown on the document, not an error.
    "loggers": {"pyhanko_certvalidator": {"level": "CRITICAL"}},
}
