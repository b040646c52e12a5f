"""Settings shared by every environment.

Environment-specific files (local, test, production) import everything from here and change
only what differs, so a reader sees the whole configuration in one place.
"""

import os
from pathlib import Path

import dj_database_url

from selfassess.core import limits

PROJECT_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = PROJECT_DIR / "selfassess"
VAR_DIR = Path(os.environ.get("SELFASSESS_VAR_DIR", PROJECT_DIR / "var"))

DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "selfassess.core",
    "selfassess.accounts",
    "selfassess.organisations",
    "selfassess.frameworks",
    "selfassess.assessments",
    "selfassess.participation",
    "selfassess.results",
    "selfassess.workshop",
    "selfassess.plans",
    "selfassess.cycles",
    "selfassess.reports",
    "selfassess.operations",
    "selfassess.audit",
    "selfassess.disclosure",
    "selfassess.systems",
    "selfassess.peers",
    "selfassess.exchange",
    "selfassess.demo",
    "selfassess.mail",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "selfassess.core.security_headers.SecurityHeadersMiddleware",
    "selfassess.core.no_store.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "selfassess.operations.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "selfassess.core.uploads.RequestBodyLimitMiddleware",
    "selfassess.core.session_expiry.SessionExpiryMiddleware",
    "selfassess.accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Request bodies and uploads within core.limits; see selfassess/core/uploads.py.
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.FORM_BODY_BYTES_MAX
DATA_UPLOAD_MAX_NUMBER_FIELDS = limits.FORM_FIELDS_MAX
DATA_UPLOAD_MAX_NUMBER_FILES = limits.FORM_FILES_MAX
FILE_UPLOAD_MAX_MEMORY_SIZE = limits.REQUEST_BODY_BYTES_MAX
FILE_UPLOAD_HANDLERS = ["selfassess.core.uploads.BoundedUploadHandler"]

ROOT_URLCONF = "selfassess.config.urls"
WSGI_APPLICATION = "selfassess.config.wsgi.application"
# The workshop's live updates are server-sent events, so the service is served under ASGI
# (uvicorn; see selfassess/config/asgi.py and selfassess/workshop/stream.py).
ASGI_APPLICATION = "selfassess.config.asgi.application"

TEMPLATES = [
    {
        # The service's own pages: Jinja2 with the NHS.UK design system macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "selfassess.config.jinja2_env.environment"},
    },
    {
        # Django's admin, for the operator, keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]


def database_from_environment(default_sqlite_path):
    """Read DATABASE_URL, falling back to the embedded SQLite file.

    SQLite runs in WAL mode with immediate transactions so that readers never block the
    writer and concurrent writers queue instead of failing with "database is locked".

    Connections are not kept by a request's thread: under ASGI each request runs its database
    work in a thread of its own, and a connection kept in a thread that has finished would
    never be closed (Django's advice for ASGI). PostgreSQL connections come from a pool per
    worker process instead (psycopg's, through Django), so a request borrows one in
    microseconds rather than opening one, which costs more than most pages' queries. The pool
    holds at most ``SELFASSESS_DB_POOL_SIZE`` (default 20) per process: the database must
    allow workers x that, plus room for migrations and backups. A long-lived workshop stream
    gives its connection back as soon as it has read what it needs
    (``selfassess.workshop.stream``).
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        # With a pool, health checks make Django have the pool check each connection before
        # lending it, so one the database dropped (a restart, a failover) is replaced.
        database = dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
        if database["ENGINE"] == "django.db.backends.postgresql":
            size = int(os.environ.get("SELFASSESS_DB_POOL_SIZE", "20"))
            database.setdefault("OPTIONS", {})["pool"] = {
                "min_size": min(2, size),
                "max_size": size,
                "timeout": 10,  # seconds a request waits for a free connection
            }
        return database
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite_path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_environment(VAR_DIR / "selfassess.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# NCSC guidance: favour length over composition rules, and block common passwords. No rule
# demands digits, capitals or symbols, and passwords never expire. Passwords are used only
# where a sign-in link is not (the operator's admin, and anyone who set one).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that too many failed attempts stop any password check (see its docstring).
    "selfassess.accounts.backends.SignInRateLimitBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Markers for sign-ins that are not a password (see their docstring). The link backend
    # comes before the password one, so a test's force_login counts as a link sign-in.
    "selfassess.accounts.backends.SignInLinkBackend",
    "selfassess.accounts.backends.SingleSignOnBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions end after an hour unused, and after a working day however busy (see
# selfassess/core/session_expiry.py), and when the browser closes; someone who ticks "stay
# signed in for the working day" keeps the working day through breaks and browser restarts.
SESSION_IDLE_TIMEOUT = 60 * 60
SESSION_ABSOLUTE_TIMEOUT = 8 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Everything from this service's own origin; no inline script or style (the NHS.UK template's
# one inline line is allowed by its hash, see selfassess/core/csp.py); nothing from elsewhere,
# as the service calls no outside service.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# The cache holds the sign-in rate-limit counters, so every worker and app server must share
# it: the database by default (its table is made by the accounts migrations), or a redis://
# address in SELFASSESS_CACHE. "memory" keeps counts per process (one-process use only).
#
# The client's address, for the per-client limits, is the connection's; the proxy's forwarded
# header is believed only from the addresses or networks in SELFASSESS_TRUSTED_PROXIES
# (comma-separated, for example "127.0.0.1,10.0.0.0/8"). SELFASSESS_CLIENT_IP_HEADER names the
# header as Django spells it in META (HTTP_X_FORWARDED_FOR unless set).
SELFASSESS_CLIENT_IP_HEADER = os.environ.get("SELFASSESS_CLIENT_IP_HEADER", "")
SELFASSESS_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("SELFASSESS_TRUSTED_PROXIES", "").split(",") if p.strip()
]


#: Entries the database and memory caches hold before they cull. The rate limits keep their
#: counts in the cache, and Django's default of 300 would let anyone wipe them: fail from
#: enough addresses and the cull throws away a third of the counts, the attacker's with them.
#: Counts expire after 15 minutes, and expired entries are the first to go.
CACHE_ENTRIES_MAX = 1_000_000


def cache_from_environment(value):
    if value.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    if value == "memory":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": CACHE_ENTRIES_MAX},
        }
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "selfassess_cache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_ENTRIES_MAX},
    }


CACHES = {"default": cache_from_environment(os.environ.get("SELFASSESS_CACHE", ""))}


def channel_layer_from_environment(value):
    """Where the workshop's live updates fan out (Django Channels' channel layer).

    One process (``make run``, or one app server) needs nothing: the layer lives in its
    memory. Several worker processes or app servers must share Redis, so that a change made
    through one reaches the phones connected to the others; its publish/subscribe layer
    sends each change to Redis once, whatever the size of the room.
    """
    if value.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [value]},
        }
    return {"BACKEND": "channels.layers.InMemoryChannelLayer"}


CHANNEL_LAYERS = {
    "default": channel_layer_from_environment(os.environ.get("SELFASSESS_LIVE_REDIS_URL", ""))
}

# Two factors (django-otp). The operator's admin never shows a person's authenticator key or
# QR code, so the operator can remove a lost authenticator but never copy one.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = "Improvement self-assessment"

# Single sign-on (see docs/single-sign-on.md). Each provider is off until configured.
SELFASSESS_SSO = {
    "entra": {
        "authority": os.environ.get(
            "SELFASSESS_ENTRA_AUTHORITY", "https://login.microsoftonline.com"
        ).rstrip("/"),
        "client_id": os.environ.get("SELFASSESS_ENTRA_CLIENT_ID", ""),
        "client_secret": os.environ.get("SELFASSESS_ENTRA_CLIENT_SECRET", ""),
        # JSON: [{"id": "<tenant id>", "name": "NHSmail", "domains": ["nhs.net"]}, ...]
        "tenants": os.environ.get("SELFASSESS_ENTRA_TENANTS", ""),
    },
    "cis2": {
        "metadata_url": os.environ.get("SELFASSESS_CIS2_METADATA_URL", ""),
        "client_id": os.environ.get("SELFASSESS_CIS2_CLIENT_ID", ""),
        "private_key_file": os.environ.get("SELFASSESS_CIS2_PRIVATE_KEY_FILE", ""),
        "acr_values": os.environ.get("SELFASSESS_CIS2_ACR_VALUES", "AAL2_OR_AAL3_ANY"),
        "scope": os.environ.get("SELFASSESS_CIS2_SCOPE", "openid email profile"),
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The zone an organisation's closing dates are meant in: answers stop at the end of the
# closing date there (selfassess/assessments/closing.py).
SELFASSESS_ORGANISATION_TIME_ZONE = os.environ.get(
    "SELFASSESS_ORGANISATION_TIME_ZONE", "Europe/London"
)

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
# The NHS.UK frontend assets come from the npm registry at set-up (node_modules) and are
# served under /static/nhsuk/; they are never committed. Their stylesheet is served without
# its web fonts, which would come from outside (selfassess/core/staticfinders.py), from a
# copy made beside the package.
NHSUK_FRONTEND_DIR = PROJECT_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
NHSUK_DERIVED_DIR = PROJECT_DIR / "node_modules" / ".selfassess"
STATICFILES_FINDERS = [
    "selfassess.core.staticfinders.NhsukFrontendFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "self-assessment@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
# A mail server that stops answering fails one attempt, which is tried again later, rather
# than holding the worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Invitations and reminders wait in the database and are sent by the background worker
# (`selfassess db_worker`, started by `make run`; see selfassess/mail/door.py). The database
# backend works on SQLite and on PostgreSQL, with one worker or several.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Seconds to wait before each new try when the mail server has passing trouble; after the
# last, the email is shown as failed with the reason.
SELFASSESS_MAIL_RETRY_DELAYS = [60, 300, 1800, 7200]

# Who may set up an organisation (and so send invitations from this service's address):
# "open" (anyone signed in), "domains" (people whose email address is at one of
# SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS, comma-separated; a domain includes its
# subdomains), or "approval" (anyone, but the organisation sends no email until the operator
# approves it in the admin or with `selfassess approve_organisation`).
SELFASSESS_ORGANISATION_SIGN_UP = os.environ.get("SELFASSESS_ORGANISATION_SIGN_UP", "open")
SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS = [
    d.strip().lower().lstrip("@.")
    for d in os.environ.get("SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS", "").split(",")
    if d.strip()
]

# Extra folders of framework files an organisation has written for itself (local
# adaptation), separated by ":". The shipped library is always included.
SELFASSESS_FRAMEWORK_DIRS = [
    Path(p) for p in os.environ.get("SELFASSESS_FRAMEWORK_DIRS", "").split(":") if p
]

# Every handler takes personal-link and sign-in tokens out of what it writes (the request
# warnings name paths; runserver's "django.server" lines are its access log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "selfassess.core.redaction.RedactTokensFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_tokens"],
        },
    },
    "loggers": {
        # Replaces Django's default handlers for "django" (whose console copy in DEBUG would
        # print paths unfiltered); what they wrote now goes through the filtered console.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
