"""Settings of the API benches: the dev settings, DEBUG off, plus a plain Wagtail API v2 router for comparison."""

from cms.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.api_urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
