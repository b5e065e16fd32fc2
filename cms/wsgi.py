import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# What a worker loads at start-up (modules, classes, the URL patterns and the views they import, loaded here rather
# than on the first request) is never garbage: set aside from the collector (gc.freeze), its full collections walk
# only what requests leave. They walked it all every few renders of a large page: 130-160 ms at a time, the
# rendered RSS feed's p95 241 ms against a p50 of 52 at a million pages; 17-52 ms with it set aside
# (docs/performance.md).
_url_patterns = get_resolver().url_patterns
gc.freeze()
