"""Fast, isolated settings for the test suite (SQLite in memory unless DATABASE_URL is set)."""

import os
import secrets

os.environ.setdefault("PORTAL_BASE_DOMAIN", "localhost")
os.environ.setdefault("PORTAL_SITE_PORT", "80")

from .base import *  # noqa: E402,F403

# A new random key each run: no key in the repository, and no test may depend on one.
SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
PORTAL_ADMIN_HOSTNAMES = [*PORTAL_ADMIN_HOSTNAMES, "testserver"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each run its own memory cache and database sessions, even when the shell has REDIS_URL: stamps and responses left
# in Redis by an earlier run would outlive its database. tests/test_several_nodes.py runs real nodes on Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Background tasks inline, so that a test sees their effect at once; tests/test_background_tasks.py runs a worker.
TASKS = task_settings(os.environ.get("PORTAL_TASKS", "immediate"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PORTAL_PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
# The citizen forms' proof of work stays on in tests, only lighter (citizens/defences.py).
PORTAL_POW_MAX_NUMBER = 50
PORTAL_ALLOW_DEMO_CONTENT = True
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
