"""Settings for the attribution tracker, read from environment variables.

Every variable is optional in development (DJANGO_DEBUG=1, the default).
With DJANGO_DEBUG=0 the server refuses to start without DJANGO_SECRET_KEY.
"""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; anything but the usual spellings is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more, not {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Development only: never used once DEBUG is off (see above).
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tracker.middleware.RefuseNulCharactersMiddleware",
    # Before anything reads the database: where this request reads from.
    "tracker.replicas.ReadReplicaMiddleware",
    # Before the session and the rest: anonymous readers' pages found in the cache.
    "claims.caching.CachedPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the sessions and before CommonMiddleware, as Django's documentation asks.
    "tracker.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: locks out clients that keep failing to log in.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "tracker.context_processors.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        # A connection dropped by a database restart is replaced, not reused.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it begins, so that a second writer
    # waits for it; begun deferred, a transaction that read first cannot wait and is
    # refused at once ("database is locked"), which two editors saving together met.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

# Read replicas of the primary (tracker/replicas.py): anonymous reads go to one of them.
REPLICA_DATABASES = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(
        url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    # The test run reads a replica's alias from the test database itself.
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    REPLICA_DATABASES.append(alias)
DATABASE_ROUTERS = ["tracker.replicas.ReadReplicaRouter"]


def cache_config(url: str) -> dict:
    """`redis://host:port/db` (shared by every server process), `locmem://` or nothing
    (this process's memory, Django's default)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "tracker.redis_cache.SharedClientRedisCache", "LOCATION": url}
    if url in ("", "locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"DJANGO_CACHE_URL must be redis://… or locmem://, not {url!r}")


CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
CACHES = {
    "default": cache_config(CACHE_URL) | {"KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "")},
    # How far a running import has gone (claims/import_jobs.py): written by the worker
    # from inside the import's transaction, so not in the database; read by any web
    # process. Redis when there is one, else files every process on this machine reads.
    "progress": (
        cache_config(CACHE_URL)
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(tempfile.gettempdir()) / "tracker-progress"),
        }
    )
    | {"KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "")},
}
# Anonymous pages and API reads are cached until the next edit (claims/caching.py), by
# default only in a cache every server process shares: a per-process cache would keep
# serving a page that another process's edit has changed.
PAGE_CACHE_SECONDS = env_int(
    "DJANGO_PAGE_CACHE_SECONDS", 600 if CACHES["default"]["BACKEND"].endswith("RedisCache") else 0
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What one claim may carry, whichever way it is written: each quote is checked against its
# source's captured text (claims/quotes.py), and every page showing the claim lists them.
QUOTE_MAX_LENGTH = env_int("DJANGO_QUOTE_MAX_LENGTH", 2_000, minimum=1)
CLAIM_MAX_CITATIONS = env_int("DJANGO_CLAIM_MAX_CITATIONS", 50, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface speaks English, Arabic and Persian. Reader pages take their language from
# their address (/ar/…, /fa/…, English without a prefix); the admin and the API from the
# language cookie (the admin's switcher sets it) or else the browser's Accept-Language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية"), ("fa", "فارسی")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing,
        # so that runserver works without collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"

# JSON fixtures and backups keep date-times to the microsecond (see the module).
SERIALIZATION_MODULES = {"json": "claims.lossless_json"}

# --- Security -------------------------------------------------------------------------
# Production (DJANGO_DEBUG=0) is served over HTTPS; `manage.py check --deploy` is clean
# with the environment the README documents.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the site append the address they received a request
# from to X-Forwarded-For (nginx: `proxy_add_x_forwarded_for`). The client's address is that
# header's entry this many places from its end, or REMOTE_ADDR with none: entries further
# left were written by the client and prove nothing. One setting for the API's rate limits
# (DRF's NUM_PROXIES) and the login lockout (tracker/client_address.py) alike.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# Requests larger than this are refused (413 from the API); imports upload files instead.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_REQUEST_BYTES", 2_621_440)

# Content-Security-Policy: every script comes from this site, none inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin sets a few style attributes; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Failed logins: after AXES_FAILURE_LIMIT failures from one address, that address is
# locked out for AXES_COOLOFF_TIME; a successful login resets the count.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# The address a failure is counted against, found as the API's rate limits find it.
AXES_CLIENT_IP_CALLABLE = "tracker.client_address.client_address"

# Django 6 behaviour now: a web address typed without a scheme is taken as https.
FORMS_URLFIELD_ASSUME_HTTPS = True

SIMPLE_HISTORY_REVERT_DISABLED = False

# Capturing a source from its URL (claims/capture/fetch.py): how long to wait, how much
# to read, and whether private and loopback addresses may be fetched (never in
# production: an editor could otherwise reach the server's own network).
CAPTURE_TIMEOUT_SECONDS = env_int("DJANGO_CAPTURE_TIMEOUT_SECONDS", 10)
CAPTURE_MAX_BYTES = env_int("DJANGO_CAPTURE_MAX_BYTES", 5_000_000)
CAPTURE_ALLOW_PRIVATE_ADDRESSES = env_bool("DJANGO_CAPTURE_ALLOW_PRIVATE_ADDRESSES", False)

# Background jobs (webhook deliveries): the Django tasks API, its jobs kept in the
# database and run by `manage.py db_worker` (`make run` starts one beside the server).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Webhooks (claims/webhooks.py): no delivery to a private, loopback or link-local
# address unless this is on (the tests run a receiver on 127.0.0.1).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("DJANGO_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
WEBHOOK_TIMEOUT_SECONDS = env_int("DJANGO_WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is open; writing needs the user's model permissions.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # DRF's two, the JSON written by orjson (the same bytes, faster: claims/api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "claims.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "claims.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "claims.api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.TrackerAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.AnonymousRateThrottle",
        "claims.api.throttling.AccountRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_ANON_RATE", "120/minute"),
        "user": os.environ.get("DJANGO_API_USER_RATE", "2000/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Attribution tracker API",
    "DESCRIPTION": (
        "Claims about who was responsible for attacks, strikes and killings, each with its "
        "quotes and sources. Reading is open and shows published claims only; writing needs "
        # A code span: Swagger UI renders the description as Markdown, where a bare <key>
        # is an HTML tag and disappears.
        "a token (`Authorization: Token <key>`) and the account's permissions."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's scripts are served from this site, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "claims.models.events.DatePrecision"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # The lockout app announces itself at every start; only its warnings matter.
    "loggers": {"axes": {"level": "WARNING"}},
}
