"""Local development: SQLite, *.localhost hostnames, console e-mail, a secret key of this installation."""

import os
import secrets
from pathlib import Path

os.environ.setdefault("PORTAL_BASE_DOMAIN", "localhost")
os.environ.setdefault("PORTAL_SITE_PORT", "8000")

from .base import *  # noqa: E402,F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"


def installation_secret_key(path=BASE_DIR / "var" / "secret-key"):  # noqa: F405
    """DJANGO_SECRET_KEY, else this installation's own random key in var/ (outside git), made on first use.

    It signs sessions and headless preview tokens (api/preview.py): a key written in the repository would let
    anyone who read the code forge them on every copy of the portal.
    """
    if os.environ.get("DJANGO_SECRET_KEY"):
        return os.environ["DJANGO_SECRET_KEY"]
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created readable by its owner only; never overwritten (a second process reads the first one's key).
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
                file.write(secrets.token_urlsafe(50) + "\n")
        except FileExistsError:
            pass
    return path.read_text().strip()


SECRET_KEY = installation_secret_key()
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1"]  # noqa: F405
PORTAL_ADMIN_HOSTNAMES = [*PORTAL_ADMIN_HOSTNAMES, "127.0.0.1"]  # noqa: F405
WAGTAILADMIN_BASE_URL = f"http://{PORTAL_BASE_DOMAIN}:{PORTAL_SITE_PORT}"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PORTAL_ALLOW_DEMO_CONTENT = True
# Plain storage so that runserver works without collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
