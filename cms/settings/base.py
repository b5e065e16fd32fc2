"""Settings shared by every environment. Everything that differs comes from the environment."""

import hashlib
import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")

# Quy chế Art. 5.2: the city lives on the base domain, every unit on <label>.<base>.
PORTAL_BASE_DOMAIN = os.environ.get("PORTAL_BASE_DOMAIN", "hanoi.gov.vn")
# The port written into each Wagtail Site, so that absolute links point where the portal answers.
PORTAL_SITE_PORT = int(os.environ.get("PORTAL_SITE_PORT", "443"))
# Demo articles and accounts are refused unless an environment allows them (dev and test do).
PORTAL_ALLOW_DEMO_CONTENT = False

ALLOWED_HOSTS = [PORTAL_BASE_DOMAIN, f".{PORTAL_BASE_DOMAIN}", *env_list("DJANGO_EXTRA_ALLOWED_HOSTS")]

INSTALLED_APPS = [
    # The portal's own apps, from the bottom layer up (docs/architecture.md).
    "sites",
    "security",
    "home",
    "boards",
    "syndication",
    "citizens",
    "search",
    "compliance",
    "provisioning",
    "operations",
    "caching",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with account control: sites/accounts.py.
    "sites.apps.PortalUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Wagtail's background tasks queued in the database for `manage.py db_worker` (TASKS below).
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the zero-set-up default; production sets DATABASE_URL to PostgreSQL.
# A worker keeps its connection for a minute: opening one to PostgreSQL costs 14 ms, a fifth of a rendered page
# (docs/performance.md). Each request first checks the kept connection, so after a database restart the next request
# opens a new one instead of failing.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets gunicorn workers read while the scheduler or an editor writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first (Quy chế Art. 4.2.g), English for the city's /english portal.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogues come first so that they complete and override Wagtail's Vietnamese.
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Citizens' forms (citizens/defences.py): the proof of work's bound (a browser tries half of it on average) and
# the rate limits per client address and per contact.
PORTAL_POW_MAX_NUMBER = int(os.environ.get("PORTAL_POW_MAX_NUMBER", "50000"))
PORTAL_QUESTIONS_PER_IP_HOUR = int(os.environ.get("PORTAL_QUESTIONS_PER_IP_HOUR", "20"))
PORTAL_QUESTIONS_PER_CONTACT_DAY = int(os.environ.get("PORTAL_QUESTIONS_PER_CONTACT_DAY", "5"))
PORTAL_COMMENTS_PER_IP_HOUR = int(os.environ.get("PORTAL_COMMENTS_PER_IP_HOUR", "20"))
PORTAL_RATINGS_PER_IP_HOUR = int(os.environ.get("PORTAL_RATINGS_PER_IP_HOUR", "60"))
# Files only staff may download (citizens' attachments): never under MEDIA_URL, never served by a web server.
PORTAL_PRIVATE_MEDIA_ROOT = Path(os.environ.get("PORTAL_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Cổng thông tin điện tử thành phố Hà Nội")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{PORTAL_BASE_DOMAIN}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every image must say what it shows (its alt text), asked for in Vietnamese: home/images.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.PortalImageForm"
# Editors pick the section; moving pages between sites is an operator's job.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Slugs end up ASCII: PortalPage folds them with anyascii on save (đ -> d). The admin's own ASCII mode is off
# on purpose: its JavaScript transliterates Vietnamese badly ("Đăng ký" -> "djang-ky"), while the Unicode slug
# it proposes folds cleanly on the server.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"no-reply@{PORTAL_BASE_DOMAIN}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every page save and background task logs at INFO; that drowns provisioning and imports.
    "loggers": {
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
    },
}

# Headless API (docs/api.md). The `api` app invalidates cached API responses on publish, unpublish and moves.
WAGTAILAPI_LIMIT_MAX = 100
# Seconds a public API response may be reused by browsers, proxies and the server's own response cache.
# URLs per sitemap file (home/sitemaps.py); sitemaps.org allows 50,000, smaller files answer faster.
PORTAL_SITEMAP_LIMIT = int(os.environ.get("PORTAL_SITEMAP_LIMIT", "2000"))
PORTAL_API_CACHE_SECONDS = int(os.environ.get("PORTAL_API_CACHE_SECONDS", "60"))
# Front ends allowed to read the API from a browser (CORS): origins, or "*" for any.
PORTAL_API_CORS_ORIGINS = env_list("PORTAL_API_CORS_ORIGINS")
# External front end per site for headless preview, "hostname=url,…"; a site without one previews on itself.
PORTAL_FRONTEND_URLS = dict(item.split("=", 1) for item in env_list("PORTAL_FRONTEND_URLS"))
PORTAL_PREVIEW_TOKEN_SECONDS = int(os.environ.get("PORTAL_PREVIEW_TOKEN_SECONDS", str(30 * 60)))

# Wagtail's own search (admin, Page.search()) folds Vietnamese too: vi_unaccent on PostgreSQL, an asciifolding and
# shingle analysis on Elasticsearch/OpenSearch when their URL is set (search/backends/analysis.py, docs/search.md).
# Citizen search (/tim-kiem/, /api/search/) has its own index, search.models.SearchEntry.
from search.backends.analysis import backend_settings as _search_backend_settings  # noqa: E402

WAGTAILSEARCH_BACKENDS = {"default": _search_backend_settings(os.environ, DATABASES["default"]["ENGINE"])}

# The engine of citizen search (search/engine.py, docs/search.md): "auto" (SQLite FTS5 or PostgreSQL, by the
# database), "sqlite", "postgresql", or "elasticsearch": the cluster at PORTAL_SEARCH_URL, index PORTAL_SEARCH_INDEX
# (fill it with `manage.py rebuild_citizen_search`).
PORTAL_SEARCH_ENGINE = os.environ.get("PORTAL_SEARCH_ENGINE", "auto")
PORTAL_SEARCH_URL = os.environ.get("PORTAL_SEARCH_URL", "")
PORTAL_SEARCH_INDEX = os.environ.get("PORTAL_SEARCH_INDEX", "hanoi_portal_citizen_search")

# --- Several nodes (docs/operator-guide.md "Chạy nhiều máy chủ") ---------------------------------------------------
# With REDIS_URL every node shares one cache: the per-site version stamps (caching/versions.py), the cached pages and
# API responses, and the sessions. Without it the processes of one machine share a cache in files: gunicorn's
# workers, the task worker and a `manage.py import_content` are separate processes, and a memory cache each would
# let one worker serve a page for minutes after another saw it withdrawn. One directory per database, so two
# portals on one checkout (the test suites on SQLite and PostgreSQL side by side) never read each other's pages.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Installations sharing one Redis server (staging beside production) never read each other's keys.
            "KEY_PREFIX": os.environ.get("PORTAL_CACHE_PREFIX", PORTAL_BASE_DOMAIN),
            "TIMEOUT": 300,
            "OPTIONS": {
                # A node that cannot reach Redis answers an error within a second instead of holding its workers.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # Errors are not ignored: a logout, a suspension or an invalidation stamp silently dropped while
                # Redis blinks would let another node keep serving a closed session or a withdrawn page.
                "IGNORE_EXCEPTIONS": False,
            },
        }
    }
    # Sessions read from the shared cache, written through to the database (which outlives a Redis restart). Only
    # with a shared cache: with per-process memory caches a session ended on one worker would live on in another.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _database = DATABASES["default"]
    _database_key = hashlib.sha256(f"{_database.get('HOST')}:{_database.get('PORT')}:{_database['NAME']}".encode())
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PORTAL_CACHE_DIR")
            or BASE_DIR / "var" / "cache" / _database_key.hexdigest()[:16],
            "TIMEOUT": 300,
            # Django's default (300 entries) would cull the pages of a few sites; every miss lists the directory.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Media on S3-compatible object storage, so that every node serves the same uploads. The bucket stays private
# (no ACLs); a bucket policy makes images/ and original_images/ publicly readable (Wagtail images have no privacy,
# and their URLs go into pages and the API unsigned, never expiring), while documents/ stays private and is
# streamed through Wagtail's document view, which checks collection privacy first.
if os.environ.get("PORTAL_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["PORTAL_S3_BUCKET"],
            "endpoint_url": os.environ.get("PORTAL_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("PORTAL_S3_REGION") or None,
            "access_key": os.environ.get("PORTAL_S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("PORTAL_S3_SECRET_ACCESS_KEY"),
            # A CDN or public hostname in front of the bucket, when there is one.
            "custom_domain": os.environ.get("PORTAL_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            # Two editors uploading "bao-cao.pdf" keep two files.
            "file_overwrite": False,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Backup and restore (operations/backup.py, `manage.py backup` / `restore`, docs/operator-guide.md "Sao lưu và khôi
# phục"): where archives go and how many days of them `backup` keeps (eight weekly archives by default).
PORTAL_BACKUP_DIR = Path(os.environ.get("PORTAL_BACKUP_DIR", BASE_DIR / "var" / "backups"))
PORTAL_BACKUP_KEEP_DAYS = int(os.environ.get("PORTAL_BACKUP_KEEP_DAYS", "56"))
# The scheduler (`run_scheduler`, operations/scheduler.py) makes a backup every day at this time, Hanoi ("02:00");
# empty: it makes none (the operator runs `backup` some other way).
PORTAL_BACKUP_AT = os.environ.get("PORTAL_BACKUP_AT", "")
# ------------------------------------------------------------------------------------------------------------------
# Lockout and security headers (issue #14 items 2–3: security/lockout.py, security/headers.py,
# security/admin_hosts.py; docs/operator-guide.md, "Khóa tài khoản và tiêu đề bảo mật").
from datetime import timedelta  # noqa: E402

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

INSTALLED_APPS += ["axes", "csp", "ninja"]  # ninja: the search API's Swagger UI from our own static files
# The CSP wraps everything, the admin hostnames' 404 too; axes comes last, as its documentation asks.
MIDDLEWARE.insert(1, "security.headers.PortalCSPMiddleware")
MIDDLEWARE.insert(2, "security.admin_hosts.AdminHostsMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# After this many failed sign-ins, an account, and separately a client address, is refused for the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PORTAL_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The request.META key holding the client address: REMOTE_ADDR, or the header the operator's own proxy sets
# (HTTP_X_FORWARDED_FOR, HTTP_X_REAL_IP); no other header is believed.
PORTAL_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER", "REMOTE_ADDR")
AXES_CLIENT_IP_CALLABLE = "security.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
# Not the "AXES: BEGIN" banner at every manage.py command; failures are still logged, and audited (lockout.py).
AXES_VERBOSE = False
# Who a locked-out user should call, shown on the lockout page.
PORTAL_LOCKOUT_CONTACT = os.environ.get("PORTAL_LOCKOUT_CONTACT", "Đơn vị vận hành Cổng thông tin điện tử thành phố")

# The hostnames the admin answers on; on every other hostname /admin/ is "page not found".
PORTAL_ADMIN_HOSTNAMES = env_list("PORTAL_ADMIN_HOSTNAMES", PORTAL_BASE_DOMAIN)

# Public pages and the API: scripts and styles only from our static files or with the response's nonce.
# Embeds (video, maps) are frames of the https provider the editor chose; media may sit on a storage's own origin.
PORTAL_MEDIA_ORIGINS = env_list("PORTAL_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *PORTAL_MEDIA_ORIGINS],
        "media-src": [SELF, *PORTAL_MEDIA_ORIGINS],
        "frame-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": "/csp-report/",
    }
}
# Wagtail's admin needs inline scripts and styles (wagtail#1288): enforced relaxed, the strict policy reported only
# (security/headers.py).
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *PORTAL_MEDIA_ORIGINS],
    }
}
# ---- Operations: maintenance notices, health checks, request-id JSON logs (issue #14, items 5 and 6) ----
# Every request gets an id first, so that every log line, even of a refused request, carries it; maintenance mode
# needs the user (operators keep the admin during a window), so it follows authentication.
MIDDLEWARE.insert(0, "operations.logging.RequestIdMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "operations.maintenance.MaintenanceMiddleware",
)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("operations.context_processors.maintenance_notice")
# "json": one JSON object per line (operations/logging.py), for a log collector; "plain": for a person reading.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING["formatters"] = {
    "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    "json": {"()": "operations.logging.JsonFormatter"},
}
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
# ------------------------------------------------------------------------------------------------------------------
# Staff two-factor authentication (security/two_factor.py; docs/operator-guide.md "Xác thực hai lớp").
# django_otp's middleware reads the verified device from the session; ours then sends every admin URL of a session
# without the second factor to enrolment or verification.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
_after_authentication = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_after_authentication:_after_authentication] = [
    "django_otp.middleware.OTPMiddleware",
    "security.two_factor.TwoFactorMiddleware",
]
# Operators, site admins, board heads and superusers always need it; "1" asks it of every member of staff.
PORTAL_2FA_REQUIRED_FOR_ALL = os.environ.get("PORTAL_2FA_REQUIRED_FOR_ALL", "0") == "1"
# The account's name in the authenticator app: "Cổng TTĐT Hà Nội: <username>".
OTP_TOTP_ISSUER = "Cổng TTĐT Hà Nội"


# --- Several nodes: background tasks (docs/operator-guide.md "Chạy nhiều máy chủ") -------------------------------
# Wagtail's background tasks (reference index updates, suggested focal points, deleting replaced files) go through
# django-tasks. PORTAL_TASKS=database (the default) queues them in the database for `manage.py db_worker`, a process
# of its own on one or more nodes, so that an editor's publish does not wait for them and a task outlives a node
# that dies; "immediate" runs them inside the request that caused them (the test settings' default).
def task_settings(choice):
    backends = {
        "database": "django_tasks_db.DatabaseBackend",
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    }
    if choice not in backends:
        raise ImproperlyConfigured(f"PORTAL_TASKS must be one of {', '.join(backends)}, not {choice!r}.")
    return {"default": {"BACKEND": backends[choice]}}


TASKS = task_settings(os.environ.get("PORTAL_TASKS", "database"))


# --- Public page cache and the proxy in front (issue #20; caching/, docs/operator-guide.md "Bộ nhớ đệm trang") ---
# Anonymous reads of pages, listings, feeds, sitemaps and search are served from the cache (Redis with REDIS_URL)
# until something on their site changes (caching/versions.py). "0" turns it off (the load bench's peer).
PORTAL_PAGE_CACHE = os.environ.get("PORTAL_PAGE_CACHE", "1") == "1"
# How long a stored page lives without a change (the version stamps end it sooner), and a search result.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "600"))
PORTAL_PAGE_CACHE_SEARCH_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SEARCH_SECONDS", "60"))
# Browsers keep a page this long (max-age; they are never purged); a proxy may serve a stale one this long while it
# fetches the new (stale-while-revalidate); its own time is s-maxage, the cache's time above.
PORTAL_PAGE_BROWSER_SECONDS = int(os.environ.get("PORTAL_PAGE_BROWSER_SECONDS", "30"))
PORTAL_PAGE_STALE_SECONDS = int(os.environ.get("PORTAL_PAGE_STALE_SECONDS", "60"))
# Before the session: a hit costs no session, user or database; after the CSP, security headers and request id,
# which are written fresh on every response, hit or not.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"), "caching.pages.PageCacheMiddleware"
)
# A proxy or CDN in front, purged on the same changes (caching/purge.py through wagtail.contrib.frontend_cache):
# PORTAL_FRONTEND_CACHE_URL for nginx or Varnish answering PURGE; Cloudflare with its token and zone.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("PORTAL_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["PORTAL_FRONTEND_CACHE_URL"],
    }
if os.environ.get("PORTAL_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("PORTAL_CLOUDFLARE_TOKEN", ""),
        "ZONEID": os.environ["PORTAL_CLOUDFLARE_ZONE_ID"],
    }
