"""The one settings module, driven by environment variables.

SQLite under ``var/`` is the embedded default (a demo or one school);
``DATABASE_URL`` points production and CI at PostgreSQL.
"""

import os
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
# A fixed key is acceptable only for the local demo; production sets TDKT_SECRET_KEY.
SECRET_KEY = os.environ.get("TDKT_SECRET_KEY", "tdkt-local-demo-key-not-for-production-use-0123456789")
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
    "tdkt.meetings",
    "tdkt.campaigns",
    "tdkt.awards",
    "tdkt.reportcheck",
    "tdkt.dashboards",
    "tdkt.site",  # the top layer: home page, menu, demo, load_reference (docs/architecture.md, "Layers")
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
    "django_htmx.middleware.HtmxMiddleware",
    "tdkt.accounts.middleware.PermissionMapMiddleware",
    "tdkt.core.middleware.PermissionRefusedMiddleware",
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
            ],
            "builtins": ["tdkt.core.templatetags.vi"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tdkt.sqlite3'}",
        conn_max_age=int(os.environ.get("TDKT_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the embedded database usable with a few
    # concurrent office users and background jobs.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
SESSION_COOKIE_SECURE = env_bool("TDKT_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

PAGE_SIZE = int(os.environ.get("TDKT_PAGE_SIZE", "50"))

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
