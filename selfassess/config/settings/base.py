"""Settings shared by every environment.

Environment-specific files (local, test, production) import everything from here and change
only what differs, so a reader sees the whole configuration in one place.
"""

import os
from pathlib import Path

import dj_database_url

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
    "selfassess.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "selfassess.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "selfassess.operations.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "selfassess.core.session_expiry.SessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "selfassess.config.urls"
WSGI_APPLICATION = "selfassess.config.wsgi.application"

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
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
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
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions end after an hour unused, and after a working day however busy (see
# selfassess/core/session_expiry.py), and when the browser closes.
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

# The cache holds the sign-in rate-limit counters. Local memory works with no set-up; with
# several app servers set SELFASSESS_CACHE to "database" (after `selfassess createcachetable`)
# or to a redis:// address (needs the `redis` package), so every server counts the same.
# Behind a proxy, SELFASSESS_CLIENT_IP_HEADER names the header with the client's address,
# as Django spells it in META (for example HTTP_X_FORWARDED_FOR).
SELFASSESS_CLIENT_IP_HEADER = os.environ.get("SELFASSESS_CLIENT_IP_HEADER", "")


def cache_from_environment(value):
    if value.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    if value == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "selfassess_cache",
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": cache_from_environment(os.environ.get("SELFASSESS_CACHE", ""))}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

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

# Extra folders of framework files an organisation has written for itself (local
# adaptation), separated by ":". The shipped library is always included.
SELFASSESS_FRAMEWORK_DIRS = [
    Path(p) for p in os.environ.get("SELFASSESS_FRAMEWORK_DIRS", "").split(":") if p
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
