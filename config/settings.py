"""The one settings module, driven by environment variables.

SQLite under ``var/`` is the embedded default (a demo or one school);
``DATABASE_URL`` points production and CI at PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TDKT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("TDKT_DEBUG", False)


def local_secret_key(var_dir: Path) -> str:
    """A random key made once for this machine and kept in ``var_dir/secret_key`` (mode 0600), for the
    demo, the development server and the tests: never a key written in the code, which anyone could read
    and use to forge sessions and password-reset links. Parallel test workers race to create the file;
    the loser reads the winner's key."""
    from django.core.management.utils import get_random_secret_key

    path = var_dir / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):
            key = path.read_text().strip()
            if key:
                return key
            import time

            time.sleep(0.02)  # the creator has not written it yet
        raise
    key = get_random_secret_key()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


# Production sets TDKT_SECRET_KEY and refuses to start without it. The demo (`./start`, `tdkt demo`,
# `tdkt serve`, `tdkt setup`) and the tests set TDKT_LOCAL_SECRET_KEY=1 (as DEBUG does): a key generated
# once under TDKT_VAR_DIR. The check tdkt.W001 (`check --deploy`) flags that key with DEBUG off.
SECRET_KEY = os.environ.get("TDKT_SECRET_KEY", "").strip()
SECRET_KEY_IS_LOCAL = False
if not SECRET_KEY:
    if not (DEBUG or env_bool("TDKT_LOCAL_SECRET_KEY", False)):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "TDKT_SECRET_KEY chưa đặt: hệ thống không chạy khi chưa có khoá bí mật. Đặt TDKT_SECRET_KEY là một "
            "chuỗi ngẫu nhiên dài (ví dụ: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "giữ kín và giống nhau trên mọi máy chủ; chỉ bản demo mới dùng TDKT_LOCAL_SECRET_KEY=1. / "
            "TDKT_SECRET_KEY is not set: production refuses to start without a secret key (see docs/security.md)."
        )
    SECRET_KEY = local_secret_key(VAR_DIR)
    SECRET_KEY_IS_LOCAL = True
ALLOWED_HOSTS = [h for h in os.environ.get("TDKT_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TDKT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",  # sign-in throttling (LOGIN THROTTLING below)
    "django_otp",  # the TOTP second factor (tdkt.accounts.two_factor)
    "django_otp.plugins.otp_totp",
    "ninja",
    "bootstrap",
    "treebeard",
    "django_tasks",  # background work: the Tasks API (see TASKS below)
    "django_tasks_db",
    "tdkt.core",
    "tdkt.audit",
    "tdkt.accounts",
    "tdkt.org",
    "tdkt.people",
    "tdkt.eligibility",
    "tdkt.records",
    "tdkt.documents",
    "tdkt.signatures",
    "tdkt.meetings",
    "tdkt.campaigns",
    "tdkt.awards",
    "tdkt.notifications",
    "tdkt.reportcheck",
    "tdkt.complaints",
    "tdkt.events",
    "tdkt.scoresheets",
    "tdkt.exemplars",
    "tdkt.dashboards",
    "tdkt.site",  # the top layer: home page, menu, demo, load_reference (docs/architecture.md, "Layers")
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tdkt.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tdkt.accounts.middleware.PermissionMapMiddleware",
    "tdkt.core.middleware.PermissionRefusedMiddleware",
    "tdkt.accounts.session_idle.IdleSessionMiddleware",
    "tdkt.accounts.two_factor.TwoFactorMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into our lockout page (tdkt.accounts.throttle).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "tdkt.site.context_processors.navigation",
                "tdkt.notifications.context_processors.bell",
            ],
            "builtins": ["tdkt.core.templatetags.vi"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}",
        conn_max_age=int(os.environ.get("TDKT_CONN_MAX_AGE", "60")),
        # A connection kept open (CONN_MAX_AGE) is checked before each request reuses it, so a database
        # restart or a dropped connection costs a reconnect, not a 500 on every worker's next request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database under a school's concurrency (README, "SQLite or PostgreSQL"): WAL lets pages
    # read while one writer writes; every transaction takes the write lock when it begins (IMMEDIATE), so
    # a transaction that read first never fails to upgrade its lock ("database is locked" at once, which
    # no timeout helps); writers queue for the lock up to `timeout` seconds. TDKT_SQLITE_TRANSACTION_MODE
    # =DEFERRED brings back SQLite's default, to measure the difference (bench/sqlite_writers.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": int(os.environ.get("TDKT_SQLITE_TIMEOUT", "20")),
        "transaction_mode": os.environ.get("TDKT_SQLITE_TRANSACTION_MODE", "IMMEDIATE"),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in throttling (django-axes; docs/security.md): after TDKT_LOGIN_FAILURE_LIMIT wrong passwords for
# one account, or TDKT_LOGIN_ADDRESS_FAILURE_LIMIT from one address (a school's staff often share one
# public address), sign-in is refused for TDKT_LOGIN_COOLOFF_MINUTES (each further try
# during the lock starts the wait again); a right password resets the count. Behind a reverse proxy,
# TDKT_PROXY_COUNT=1 takes the client's address from X-Forwarded-For (set by the proxy), not the proxy's.
AUTHENTICATION_BACKENDS = [
    "tdkt.accounts.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("TDKT_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("TDKT_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_HANDLER = "tdkt.accounts.throttle.LoginThrottleHandler"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TDKT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, or the address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tdkt.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "tdkt.accounts.throttle.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
PROXY_COUNT = int(os.environ.get("TDKT_PROXY_COUNT", "0"))

# Idle sessions end after TDKT_SESSION_IDLE_MINUTES without a request (tdkt.accounts.session_idle
# refreshes the session at most once a minute, so reads do not write the session on every page).
SESSION_IDLE_MINUTES = int(os.environ.get("TDKT_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# A TOTP second factor (an authenticator app): any account may turn it on, and then signs in with a
# code too; TDKT_REQUIRE_2FA_ADMINS=1 (production) makes administrators turn it on before anything else.
REQUIRE_2FA_ADMINS = env_bool("TDKT_REQUIRE_2FA_ADMINS", False)
OTP_TOTP_ISSUER = "TĐKT"

# API tokens expire after TDKT_API_TOKEN_DAYS unless issued with another lifetime (tdkt api_token --days).
API_TOKEN_DAYS = int(os.environ.get("TDKT_API_TOKEN_DAYS", "90"))

# E-mail (password reset): SMTP when TDKT_EMAIL_HOST is set, otherwise printed on the console.
EMAIL_HOST = os.environ.get("TDKT_EMAIL_HOST", "")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = int(os.environ.get("TDKT_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TDKT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TDKT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TDKT_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("TDKT_EMAIL_FROM", "TĐKT <khong-tra-loi@localhost>")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TDKT_PASSWORD_RESET_HOURS", "24")) * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "tdkt.accounts.passwords.MinimumLengthValidator"},  # Django's, said in Vietnamese
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "tdkt" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "tdkt" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Digital signatures (tdkt/signatures; docs/signatures.md). Trust roots: PEM files, separated by ":";
# unset, the demo CA that `tdkt signing demo-ca` makes is the only root (a production site lists the
# national and official-duty roots instead, STANDARDS_NOTES.md §3b). No TSA: the server's clock.
TDKT_SIGNING_TRUST_ROOTS = [p for p in os.environ.get(
    "TDKT_SIGNING_TRUST_ROOTS", str(VAR_DIR / "signing" / "demo" / "demo-ca.pem")).split(":") if p]
TDKT_SIGNING_TSA_URL = os.environ.get("TDKT_SIGNING_TSA_URL", "")
TDKT_SIGNING_FONT = os.environ.get("TDKT_SIGNING_FONT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True

# HTTPS (docs/security.md, "Production variables"): TDKT_HTTPS=1 turns on the redirect to https, HSTS
# for a year, and secure cookies; each can be set apart. Behind nginx, which speaks TLS and forwards
# plain HTTP, TDKT_PROXY_SSL_HEADER=1 trusts its X-Forwarded-Proto (only if nginx sets that header
# itself, overwriting the client's).
HTTPS = env_bool("TDKT_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("TDKT_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("TDKT_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TDKT_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
# Preloading is the domain owner's choice (a list in every browser, slow to leave): off unless asked,
# and its check (security.W021) silenced below for that reason only.
SECURE_HSTS_PRELOAD = env_bool("TDKT_HSTS_PRELOAD", False)
if env_bool("TDKT_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("TDKT_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy (tdkt.core.security): scripts from our origin only, no inline scripts.
CONTENT_SECURITY_POLICY = os.environ.get("TDKT_CSP", "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # style= attributes and htmx's indicator style; never scripts
    "img-src 'self' data:",  # QR codes are embedded as data: images
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]))
CSP_REPORT_ONLY = env_bool("TDKT_CSP_REPORT_ONLY", False)

PAGE_SIZE = int(os.environ.get("TDKT_PAGE_SIZE", "50"))
# The eligibility page of a subtree with fewer people than this judges live (a school sees fresh results);
# a larger one (an office, the province) shows its latest stored run and re-runs in the background.
ELIGIBILITY_LIVE_MAX_PEOPLE = int(os.environ.get("TDKT_ELIGIBILITY_LIVE_MAX_PEOPLE", "300"))

# Background jobs (docs/architecture.md, "Background jobs"): Django's Tasks API. By default the
# database backend (no broker; `tdkt worker` runs it); TDKT_TASKS_BACKEND=rq moves the tasks to RQ on
# Redis (TDKT_REDIS_URL; run `manage.py rqworker --job-class django_tasks_rq.Job`), =immediate runs
# each task inside the call that enqueues it, and any dotted path names another backend (Celery).
TASKS_BACKEND = os.environ.get("TDKT_TASKS_BACKEND", "db").strip() or "db"
TASKS = {"default": {"BACKEND": {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
}.get(TASKS_BACKEND, TASKS_BACKEND), "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("TDKT_REDIS_URL", "redis://127.0.0.1:6379/0")}}

# E-mail (tdkt/core/email_url.py): TDKT_EMAIL_URL=smtp://user:pass@host:587?tls=1, or EMAIL_HOST and
# friends; without either the console backend prints the e-mails (the demo). Links in e-mails start
# with TDKT_SITE_URL; the sender's display name is the unit's, its address TDKT_EMAIL_FROM.
from tdkt.core.email_url import email_settings  # noqa: E402

globals().update(email_settings(os.environ))
DEFAULT_FROM_EMAIL = os.environ.get("TDKT_EMAIL_FROM", "tdkt@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TDKT_SITE_URL = os.environ.get("TDKT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TDKT_LOG_LEVEL", "WARNING")},
}

# Growing past one machine (docs/deployment.md §8): Redis cache and sessions, a read replica, S3
# storage, each only when its variable is set (config/growth.py says which settings it may set).
from config.growth import apply as _apply_growth  # noqa: E402

_apply_growth(globals())
