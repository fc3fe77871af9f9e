"""Settings, all read from the environment (see the README's configuration table)."""

from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Without a secret only a debug site may serve: the web and Celery entry points refuse to start
# (letsconnect/startup.py), while offline commands (makemigrations, compilemessages) still run.
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key" if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.mediawiki",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.forms",
    "letsconnect",
    "mail",
    "participants",
    "skills",
    "clinics",
    "resources",
    "outreach",
    "badges",
    "activity",
    "impact",
    "api",
    "home",
]

MIDDLEWARE = [
    "letsconnect.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "letsconnect.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "letsconnect.middleware.NullCharacterMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "participants.middleware.MissingSocialAppMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "letsconnect.urls"
# Form widgets render through the project's template engine, so that templates/django/forms/ can replace one of
# Django's widget templates (the `<select>`'s, whose options are written in Python: letsconnect/templatetags).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "letsconnect.wsgi.application"
AUTH_USER_MODEL = "participants.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "letsconnect.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ for `make run`, PostgreSQL in production and tests.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'letsconnect.sqlite3'}")}
# Persistent connections with health checks: reconnecting on every request costs
# database pages about 40% of their throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    # No JIT compilation: the site's queries take milliseconds to a few hundred, and compiling them costs more
    # than it saves (measured: the home page's suggestions took 1.9 s with it, 0.6 s without).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
# A streaming replica of PostgreSQL, optional: the impact figures read from it (letsconnect/replica.py).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL") | {
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
    }
DATABASE_ROUTERS = ["letsconnect.replica.ReplicaRouter"]
# SQLite (the development default) builds covering indexes without their INCLUDE columns: fine there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache and Celery broker. Every socket has a timeout, so that a Redis that
# accepts connections but never answers cannot hold a request or `delay()` for minutes.
REDIS_URL = env("REDIS_URL", default="")
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)
# After Redis failed once, a process does without it (local-memory cache, tasks kept in PostgreSQL) for this long,
# so that a request waits at most one timeout (letsconnect/cache.py explains the choice).
REDIS_BREAKER_SECONDS = env.float("REDIS_BREAKER_SECONDS", default=10.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "letsconnect.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "letsconnect",
            "OPTIONS": {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery. Without Redis (the `make run` default) an embedded broker on the file
# system under var/ lets a real worker and beat run tasks in development.
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": REDIS_TIMEOUT,
        "socket_connect_timeout": REDIS_TIMEOUT,
        "visibility_timeout": 3600,
    }
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
else:
    for folder in ("queue", "processed", "results", "control"):
        (CELERY_BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        # Where kombu keeps its exchange table; by default a `control/` folder in the working directory.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_BROKER_DIR / 'results'}"
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish that cannot reach the broker gives up after about two seconds instead of hanging.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_TASK_ACKS_LATE = True
# Tasks send emails and write rows: nobody reads their return values, so a publish never touches the result
# store (which, with Redis down, would fail the publish even when the task could be kept for later).
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Clinic reminders: one planning sweep a minute (REMINDER_SWEEP_SECONDS; tests shorten it) writes what fell due to
# the outbox. A sweep that waited longer than its interval in the queue is dropped: the next one does the same work.
REMINDER_SWEEP_SECONDS = env.float("REMINDER_SWEEP_SECONDS", default=60.0)
# Tasks kept in PostgreSQL while Redis was down are queued again this often (tests shorten it).
DEFERRED_REPLAY_SECONDS = env.float("DEFERRED_REPLAY_SECONDS", default=60.0)
# The outbox (mail/): beat starts the sender this often; it takes over the rows of a sender that died once their
# lease ended, so within MAIL_LEASE_SECONDS + MAIL_SWEEP_SECONDS of the death, whatever the broker does.
MAIL_SWEEP_SECONDS = env.float("MAIL_SWEEP_SECONDS", default=30.0)
MAIL_LEASE_SECONDS = env.int("MAIL_LEASE_SECONDS", default=60)
MAIL_BATCH_SIZE = env.int("MAIL_BATCH_SIZE", default=100)
# Messages per second one sending worker process sends at most (the outbox's rate limit).
MAIL_RATE = env.float("MAIL_RATE", default=20.0)
# A sending task hands over to a fresh one after this long (so beat and other tasks get the worker too).
MAIL_TASK_SECONDS = env.float("MAIL_TASK_SECONDS", default=50.0)
CELERY_BEAT_SCHEDULE = {
    "mail-sweep": {
        "task": "mail.send_due",
        "schedule": MAIL_SWEEP_SECONDS,
        "options": {"expires": MAIL_SWEEP_SECONDS},
    },
    "clinic-reminders": {
        "task": "clinics.tasks.plan_reminders",
        "schedule": REMINDER_SWEEP_SECONDS,
        "options": {"expires": REMINDER_SWEEP_SECONDS},
    },
    "replay-deferred-tasks": {"task": "letsconnect.replay_deferred_tasks", "schedule": DEFERRED_REPLAY_SECONDS},
    # A safety net for badges earned through bulk imports, which bypass the signals that trigger evaluations.
    "evaluate-badges-nightly": {"task": "badges.tasks.evaluate_everyone", "schedule": crontab(hour=3, minute=17)},
    # The impact page's summaries are rebuilt after each change; this is the safety net (a lost task).
    "impact-summaries-nightly": {"task": "impact.tasks.rebuild_summaries", "schedule": crontab(hour=4, minute=23)},
    # On-wiki activity of the participants who share it (activity.tasks), at night in Europe and Africa.
    "read-wiki-activity-nightly": {"task": "activity.tasks.read_due_activity", "schedule": crontab(hour=2, minute=41)},
    "outreach-monthly-digest": {
        "task": "outreach.tasks.send_monthly_digest",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
}

# Email.
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# An email the mail server fails to take (4xx, connection errors) is tried this many times, after EMAIL_RETRY_BACKOFF
# seconds doubling each time up to EMAIL_RETRY_BACKOFF_MAX (about two hours in all by default), then failed
# (mail/policy.py). A 5xx refusal fails it at once.
EMAIL_RETRY_MAX = env.int("EMAIL_RETRY_MAX", default=8)
EMAIL_RETRY_BACKOFF = env.float("EMAIL_RETRY_BACKOFF", default=30.0)
EMAIL_RETRY_BACKOFF_MAX = env.float("EMAIL_RETRY_BACKOFF_MAX", default=3600.0)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Let's Connect <letsconnect@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The contact published in the Open Badges issuer profile.
BADGE_ISSUER_EMAIL = env("BADGE_ISSUER_EMAIL", default=parseaddr(DEFAULT_FROM_EMAIL)[1])

# On-wiki activity (activity app): the MediaWiki Action API of each wiki ({host}: e.g. sw.wikipedia.org), the
# contact in our User-Agent, the replica lag at which the servers should refuse us (seconds), requests a day (all
# workers together), how often an account is read again, and the first month read.
WIKI_ACTIVITY_API_URL = env("WIKI_ACTIVITY_API_URL", default="https://{host}/w/api.php")
WIKI_ACTIVITY_CONTACT = env("WIKI_ACTIVITY_CONTACT", default=parseaddr(DEFAULT_FROM_EMAIL)[1])
WIKI_ACTIVITY_MAXLAG = env.int("WIKI_ACTIVITY_MAXLAG", default=5)
WIKI_ACTIVITY_DAILY_REQUESTS = env.int("WIKI_ACTIVITY_DAILY_REQUESTS", default=10000)
WIKI_ACTIVITY_REFRESH_DAYS = env.int("WIKI_ACTIVITY_REFRESH_DAYS", default=7)
WIKI_ACTIVITY_SINCE = env("WIKI_ACTIVITY_SINCE", default="2022-01-01")

# Open Badges 3.0 credentials are signed with these private keys (PEM; "\n" may stand for newlines): RSA of at
# least 2048 bits (RS256, preferred) and Ed25519 (EdDSA). Both empty: only Open Badges 2.0 hosted verification.
# After a rotation, the public keys (PEM) of the keys replaced stay published: BADGES_RETIRED_PUBLIC_KEYS.
BADGES_SIGNING_KEY = env("BADGES_SIGNING_KEY", default="").replace("\\n", "\n")
BADGES_RSA_SIGNING_KEY = env("BADGES_RSA_SIGNING_KEY", default="").replace("\\n", "\n")
BADGES_RETIRED_PUBLIC_KEYS = env("BADGES_RETIRED_PUBLIC_KEYS", default="").replace("\\n", "\n")

# Accounts (django-allauth): sign-up by email with verification, sign-in by email or username,
# and "Sign in with Wikimedia" (MediaWiki OAuth 2) once its credentials are configured.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "participants.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "participants.account_forms.SignupForm"}
SOCIALACCOUNT_ADAPTER = "participants.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so that they are visibly on. They count in the cache (Redis in production,
    # shared by every web process). Per key: per login (email or username) typed, whatever the host header.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "change_email": "1/m/user",
}
# The client address allauth counts "per ip" by: the last entry of X-Forwarded-For when that many proxies of our
# own each append one (one TLS-terminating proxy by default, see the README's "Deployment"); earlier entries are
# the client's to write and so are never trusted. 0: REMOTE_ADDR, for a site reached without a proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=1)
# Or a header the proxy sets to the client's address alone (X-Real-IP, CF-Connecting-IP), read instead.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Let's Connect] "
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_REAUTHENTICATION_TIMEOUT = 600
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
WIKIMEDIA_CLIENT_ID = env("WIKIMEDIA_CLIENT_ID", default="")
WIKIMEDIA_REST_API = env("WIKIMEDIA_REST_API", default="https://meta.wikimedia.org/w/rest.php")
SOCIALACCOUNT_PROVIDERS = {
    "mediawiki": {
        "REST_API": WIKIMEDIA_REST_API,
        "USERPAGE_TEMPLATE": env("WIKIMEDIA_USERPAGE", default="https://meta.wikimedia.org/wiki/User:{username}"),
        "USER_AGENT": f"LetsConnect/1.0 ({SITE_URL})",
        "APPS": [{"client_id": WIKIMEDIA_CLIENT_ID, "secret": env("WIKIMEDIA_CLIENT_SECRET", default="")}]
        if WIKIMEDIA_CLIENT_ID
        else [],
    }
}
# Where certificates find the Noto fonts for scripts DejaVu Sans lacks (Debian's fonts-noto-core, fonts-noto-cjk).
CERTIFICATE_FONT_DIRS = env.list(
    "CERTIFICATE_FONT_DIRS", default=["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"]
)
# The version of the privacy statement (templates/participants/privacy.html) people consent to.
PRIVACY_STATEMENT_VERSION = "2026-11"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public API (api/, under /api/v1/): Django REST Framework with drf-spectacular's OpenAPI schema. Reads are
# anonymous; the signed-in person's own data takes a personal access token (Authorization: Bearer ...). No
# session authentication: a browser's cookies never act through the API, so it needs no CSRF token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.AccessTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AddressThrottle", "api.throttling.TokenThrottle"],
    # Requests per client address (anonymous) or per token, counted in the cache: Redis, or each process's own
    # memory while Redis cannot be reached (letsconnect/cache.py), as allauth's sign-in limits are.
    "DEFAULT_THROTTLE_RATES": {
        "address": env("API_RATE_PER_ADDRESS", default="120/minute"),
        "token": env("API_RATE_PER_TOKEN", default="300/minute"),
        "capx": env("API_RATE_CAPX", default="60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Let's Connect API",
    "DESCRIPTION": "The Learning Clinics, the skills taxonomy, the Skills Directory, resources and the program's "
    "figures; and, with a personal access token, your own profile, skills and RSVPs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"LanguageEnum": "api.schema.LANGUAGE_CHOICES"},
}
# CORS (django-cors-headers): any site may read the anonymous endpoints from a browser; no cookies, no
# Authorization header (so no token) and no writes cross origins.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/api/v1/(?!me/|me$|capx/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language", "Retry-After"]
# CapX (the Capacity Exchange) enrols people by posting a JWT signed with its RSA private key; this is its public
# key (PEM; "\n" may stand for newlines). Empty: the enrolment endpoint answers 503.
CAPX_PUBLIC_KEY = env("CAPX_PUBLIC_KEY", default="").replace("\\n", "\n")
# A signed enrolment whose `timestamp` is further than this from now is refused (a null timestamp is accepted:
# CapX sends one, and its nonce, accepted once, stops replays).
CAPX_TIMESTAMP_WINDOW_SECONDS = env.int("CAPX_TIMESTAMP_WINDOW_SECONDS", default=600)

# Languages: the interface through gettext under locale/, content through modeltranslation.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("pt", _("Portuguese")),
    ("sw", _("Swahili")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kosovo has no ISO 3166 code of its own; the Foundation's table lists it as XK.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
# Links typed without a scheme are https (Django 6 behaviour, opted into now).
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"
# The largest learning resource file anyone may upload (bytes); the web server's own body limit should allow it.
RESOURCE_UPLOAD_MAX_BYTES = env.int("RESOURCE_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# Security: safe by default, relaxed only for a debug site on http://127.0.0.1.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The language chosen with the language switch (`django_language`): the same rules as the other cookies.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from the site's own static files, never inline.
# Codex draws its icons as data: SVG images. Forms post to the site itself, and "Sign in with Wikimedia" redirects
# a POST to the wiki's OAuth page, which form-action must allow (Chromium checks redirects after a form too).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, "{0.scheme}://{0.netloc}".format(urlsplit(WIKIMEDIA_REST_API))],
    }
}
# Browser features the site never uses, refused to every page and to anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
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
    )
}

# Logs on standard output: one JSON object a line in production (for a log collector), plain lines for a debug
# site. The web (gunicorn's access log too), the worker and beat all log the same way.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # fontTools logs every step of subsetting a font at INFO, some 30 lines per certificate PDF.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# Error reporting: set SENTRY_DSN to send unhandled errors of the web, worker and beat to Sentry (or any service
# that speaks its protocol). No personal data is sent: no cookies, no user, no request bodies.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
