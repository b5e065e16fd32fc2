"""Local development: SQLite, *.localhost hostnames, console e-mail."""

import os

os.environ.setdefault("PORTAL_BASE_DOMAIN", "localhost")
os.environ.setdefault("PORTAL_SITE_PORT", "8000")

from .base import *  # noqa: E402,F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1"]  # noqa: F405
WAGTAILADMIN_BASE_URL = f"http://{PORTAL_BASE_DOMAIN}:{PORTAL_SITE_PORT}"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PORTAL_ALLOW_DEMO_CONTENT = True
# Plain storage so that runserver works without collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
