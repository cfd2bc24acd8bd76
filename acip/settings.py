"""Settings for ACIP Tracker: one file, every value from the environment (see .env.example).

With nothing set, the app runs on a SQLite file with DEBUG off; `make run` sets DJANGO_DEBUG=True for a
developer. Production sets DJANGO_SECRET_KEY, DATABASE_URL and DJANGO_ALLOWED_HOSTS.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent


# A developer's .env (written by `make run`), if there is one: the real environment always wins over it, and values
# are taken as written (no ${VAR} expansion, so that a secret with a $ in it stays as it is).
load_dotenv(BASE_DIR / ".env", override=False, interpolate=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file that NAME_FILE points to (Docker secrets)."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default).strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
# Tests run with the plain static storage and fast hashers (see tests/conftest.py and pyproject.toml).
TESTING = env_bool("DJANGO_TESTING", "pytest" in sys.modules)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=True for local development).")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # only with DEBUG or tests

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "acip",
    "partners",
    "meetings",
    # Status editions: every partner's status frozen on a date; composes partners and meetings.
    "acip.editions",
    # The demo and scale data sets and the benchmark, with their commands; on top of the three apps.
    "acip.devdata",
    "acip.reminders",
    # The programme published as IATI 2.03 activity XML; reads all three apps through the access layer.
    "acip.iati",
    # The read-only API (/api/v1/) and the personal tokens that open it; on top of the house, like the dashboards.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "acip.api",
    # One search box over every kind of record (acip/search/registry.py); on top of the three apps.
    "acip.search",
    # Partners take part: page confirmations, proposed corrections, reported values, staff's review queue.
    "acip.participation",
    # Documents attached to the programme's records, served only through the access layer; on top of the apps.
    "acip.documents",
    # Bulk import of survey results and records from spreadsheets; on top of partners.
    "acip.imports",
    # PDFs made off the request path by the task framework (django-tasks, its database backend), kept for download.
    "django_tasks",
    "django_tasks_db",
    "acip.pdfs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Cache-Control: no-store for logged-in users, and the Permissions-Policy (see "Headers" below).
    "acip.middleware.PrivateResponseMiddleware",
    "acip.middleware.MethodNotAllowedPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "acip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "acip.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "acip.wsgi.application"

# An unset DATABASE_URL means the SQLite file; a set but empty one is a mistake, not a request for SQLite.
if "DATABASE_URL" in os.environ and not os.environ["DATABASE_URL"].strip():
    raise ImproperlyConfigured("DATABASE_URL is set but empty: unset it to use SQLite, or give a URL.")
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# PostgreSQL binds parameters on the server, and a statement that a connection runs DJANGO_DB_PREPARE_THRESHOLD times
# (5) is prepared there: PostgreSQL then keeps its plan instead of planning it again on every request. The
# commitments' query, nine tables joined, took 26 to 30 ms to plan for 1 ms of work. It pays with connections kept
# open (DJANGO_CONN_MAX_AGE). An empty DJANGO_DB_PREPARE_THRESHOLD turns preparing off: PgBouncer before 1.21 in
# transaction mode cannot keep prepared statements.
# Bound on the server, a statement carries 65,535 parameters at most: acip.lib.postgresql batches Django's bulk
# writes and cascades under that.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "acip.lib.postgresql"
    never_prepare = os.environ.get("DJANGO_DB_PREPARE_THRESHOLD", "5").strip() == ""
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=None if never_prepare else env_int("DJANGO_DB_PREPARE_THRESHOLD", 5),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login lockout and throttles (acip/lib/lockout.py, acip/lib/throttle.py). Wrong passwords lock an account out from
# the address they came from, not from everywhere, so that nobody can lock someone else's account; an address that
# tries many accounts is throttled as a whole. django-axes keeps its counts in the database, shared by every worker.
AXES_HANDLER = "acip.lib.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Wrong passwords allowed in the cool-off time, for each of AXES_LOCKOUT_PARAMETERS: one account from one address,
# and all accounts from one address (an office behind one NAT shares it, hence the higher number).
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 10)
LOGIN_FAILURE_LIMITS = [AXES_FAILURE_LIMIT, env_int("DJANGO_AXES_IP_FAILURE_LIMIT", 50)]
if min(LOGIN_FAILURE_LIMITS) < 1:
    raise ImproperlyConfigured("DJANGO_AXES_FAILURE_LIMIT and DJANGO_AXES_IP_FAILURE_LIMIT must be 1 or more.")
AXES_COOLOFF_TIME = env_int("DJANGO_AXES_COOLOFF_HOURS", 1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "acip.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "acip.lib.throttle.client_ip"
# Password reset links asked for in PASSWORD_RESET_LIMIT_PERIOD seconds, per e-mail address and per visitor address.
PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
PASSWORD_RESET_LIMIT_PER_IP = 10
PASSWORD_RESET_LIMIT_PERIOD = 3600
# The throttles' counts live in a cache that every worker shares: by default a table of the database, made by
# `manage.py createcachetable` (make migrate and the image's start run it). A per-process cache (LocMemCache) would
# let each worker count on its own.
THROTTLE_CACHE = "default"
CACHES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "acip_cache"),
    }
}
# Stateless web processes (docs/PERFORMANCE.md, "Scaling out"): sessions live in the database (Django's default
# SESSION_ENGINE), the lockout counts too (AXES_HANDLER), and the throttles in the shared cache above. Production
# refuses a cache that one process keeps to itself, which would count throttles per process and forget on restart.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
PER_PROCESS_CACHES = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}
if not DEBUG and not TESTING and any(c["BACKEND"] in PER_PROCESS_CACHES for c in CACHES.values()):
    raise ImproperlyConfigured("DJANGO_CACHE_BACKEND must be a cache every process shares (database, Redis...).")

SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# The languages of the interface: those with a complete catalogue in locale/ (see README.md, "Languages").
# Spanish is for the Americas delegations (issue 18); tests/acip/test_i18n.py keeps each catalogue complete.
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them: pages use DATE_FORMAT, DATETIME_FORMAT and YEAR_MONTH_FORMAT (acip/formats/).
FORMAT_MODULE_PATH = ["acip.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # uploaded documents: see below
    "staticfiles": {
        # The manifest needs collectstatic; DEBUG and tests serve the files as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded documents (acip/documents). The default storage holds them and nothing else: on the file system under
# MEDIA_ROOT (outside the static files, and with no URL: MEDIA_URL is never routed, whitenoise never serves it), or,
# with DJANGO_S3_BUCKET set, in S3-compatible object storage. Either way a file reaches a browser only through the
# download view, after the access check: the file itself (file system), a signed URL that expires after
# DJANGO_S3_URL_EXPIRE_SECONDS (S3), or an X-Accel-Redirect to an internal nginx location (DJANGO_DOCUMENTS_SERVE).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", "").strip() or BASE_DIR / "media")
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "").strip()
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("DJANGO_S3_REGION", "").strip() or None,
            "access_key": env_secret("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("DJANGO_S3_PREFIX", "documents").strip(),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,  # every URL is signed
            "querystring_expire": env_int("DJANGO_S3_URL_EXPIRE_SECONDS", 60),
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
ACIP_DOCUMENTS_SERVE = os.environ.get("DJANGO_DOCUMENTS_SERVE", "").strip() or ("redirect" if S3_BUCKET else "file")
if ACIP_DOCUMENTS_SERVE not in {"file", "redirect", "accel"}:
    raise ImproperlyConfigured("DJANGO_DOCUMENTS_SERVE must be file, redirect or accel.")
if ACIP_DOCUMENTS_SERVE == "redirect" and not S3_BUCKET:
    raise ImproperlyConfigured("DJANGO_DOCUMENTS_SERVE=redirect needs the S3 storage (DJANGO_S3_BUCKET).")
# The internal nginx location that maps to MEDIA_ROOT, for DJANGO_DOCUMENTS_SERVE=accel (see README.md).
ACIP_DOCUMENTS_ACCEL_PREFIX = os.environ.get("DJANGO_DOCUMENTS_ACCEL_PREFIX", "/protected-documents/")
# The largest document one may upload (25 MB by default). Django keeps an upload in memory up to
# FILE_UPLOAD_MAX_MEMORY_SIZE and in a temporary file past it; the form fields of a request (not its files) stay
# under DATA_UPLOAD_MAX_MEMORY_SIZE. The web server in front should refuse a body a little over the limit.
ACIP_UPLOAD_MAX_BYTES = env_int("DJANGO_ACIP_UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
if ACIP_UPLOAD_MAX_BYTES < 1:
    raise ImproperlyConfigured("DJANGO_ACIP_UPLOAD_MAX_BYTES must be 1 or more.")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# Widgets render with the project's templates, Django's own behind them: every textarea with a maxlength gets its
# character counter (templates/django/forms/widgets/textarea.html), in the app's forms and in the admin.
FORM_RENDERER = "acip.lib.forms.FormRenderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# A country's page is stale once its latest programme event is older than this many days: the dashboard's default,
# the focal points' My work and the reminders (partners.models.PartnerQuerySet.stale()).
ACIP_STALE_DAYS = env_int("DJANGO_ACIP_STALE_DAYS", 180)
if not 1 <= ACIP_STALE_DAYS <= 3650:
    raise ImproperlyConfigured(f"DJANGO_ACIP_STALE_DAYS must be between 1 and 3650, not {ACIP_STALE_DAYS}")

# The read-only API (acip/api/, /api/v1/): sessions for the browsable API, personal tokens for other systems.
# A token lasts API_TOKEN_DEFAULT_DAYS unless its owner picks a shorter or longer life, never more than the most.
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = env_int("DJANGO_API_TOKEN_MAX_DAYS", 365)
if not API_TOKEN_DEFAULT_DAYS <= API_TOKEN_MAX_DAYS <= 3650:
    raise ImproperlyConfigured(f"DJANGO_API_TOKEN_MAX_DAYS must be between 90 and 3650, not {API_TOKEN_MAX_DAYS}")
# Requests per token (per user for a session), counted in a cache every worker shares (THROTTLE_CACHE's, above).
API_THROTTLE_CACHE = os.environ.get("DJANGO_API_THROTTLE_CACHE", THROTTLE_CACHE)
API_THROTTLE_RATE = os.environ.get("DJANGO_API_THROTTLE_RATE", "1200/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token first: its 401 names the scheme (WWW-Authenticate) to a caller that sent no credentials.
        "acip.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["acip.api.throttles.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "acip.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "acip.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ACIP Tracker API",
    "DESCRIPTION": "The read-only API of the ACIP Tracker: what each user may see on its pages, as JSON.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "acip-tracker@localhost")

# Reminders (acip/reminders, `manage.py send_reminders`): mails link to pages under SITE_URL (no request to take the
# host from); a stale page is ACIP_STALE_DAYS' (above).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://localhost:8000").rstrip("/")

# The IATI file (acip/iati): the WCO's IATI organisation identifier, the prefix of every activity's identifier. The
# WCO has none on record: XI-IATI-WCO is a placeholder in the form IATI allocates (prefix XI-IATI) to organisations
# that no registration agency lists; set the real one before publishing.
IATI_REPORTING_ORG_REF = os.environ.get("DJANGO_IATI_REPORTING_ORG_REF", "").strip() or "XI-IATI-WCO"

# Transport security. Production runs behind HTTPS; a local HTTP run (DEBUG, or the benchmark on 127.0.0.1)
# turns the redirect and the secure-only cookies off through the environment. Tests speak plain HTTP too (the test
# client, and the live server of the browser tests), whether or not a developer's .env sets DEBUG.
LOCAL_HTTP = DEBUG or TESTING
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not LOCAL_HTTP)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not LOCAL_HTTP)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language a user picks (Django's set_language view) is kept in a cookie: no script needs to read it.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if LOCAL_HTTP else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not LOCAL_HTTP)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: scripts and styles only from our own static files, no inline script anywhere.
# Inline style attributes stay allowed (Django admin and crispy forms write a few); scripts never.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Headers (acip/middleware.py): the browser features that no page of the site uses, denied to it and to any frame.
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Background tasks (django-tasks): the PDFs of editions and donor reports (acip/pdfs). In production the database
# backend queues them and `manage.py db_worker` (docker compose's `worker` service) makes them. In DEBUG (`make run`)
# and in tests the immediate backend makes them inside the request, so nothing else has to run.
# DJANGO_TASKS_BACKEND=database|immediate overrides the choice.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[
            os.environ.get("DJANGO_TASKS_BACKEND") or ("immediate" if DEBUG or TESTING else "database")
        ],
        "QUEUES": ["default"],
    }
}
