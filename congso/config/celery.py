"""Celery wiring: settings come from Django (CELERY_* names), tasks from each app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.config.settings")

app = Celery("congso")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
