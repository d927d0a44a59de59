"""One Django project, run twice: the Trust Anchor with the SPID provider, and the CIE provider.

Everything that differs between the two processes comes from the environment set by
scripts/oidc-provider.sh: OIDC_PROFILE (spid or cie), OIDC_DB (the SQLite file), OIDC_TA (the
Trust Anchor's URL).
"""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE = os.environ.get("OIDC_PROFILE", "spid")

SECRET_KEY = "test-provider-only-" + PROFILE
DEBUG = False
ALLOWED_HOSTS = ["*"]
APPEND_SLASH = False
ROOT_URLCONF = "testprovider.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "spid_cie_oidc_accounts.User"
# Cookies ignore ports: the two processes on one host must not read each other's.
SESSION_COOKIE_NAME = f"op_{PROFILE}_session"
CSRF_COOKIE_NAME = f"op_{PROFILE}_csrf"

OIDCFED_DEFAULT_TRUST_ANCHOR = os.environ["OIDC_TA"]
OIDCFED_TRUST_ANCHORS = [OIDCFED_DEFAULT_TRUST_ANCHOR]
OIDCFED_PROVIDER_PROFILE = PROFILE
OIDCFED_REQUIRED_TRUST_MARKS = ["https://www.spid.gov.it/certification/rp/public"]
OIDCFED_PROVIDER_SALT = "cassetto-test-provider"
HTTPC_PARAMS = {"connection": {"ssl": False}}

LOGIN_URL = "/oidc/op/landing"
LOGIN_REDIRECT_URL = "/oidc/op/landing"
LOGOUT_REDIRECT_URL = "/oidc/op/landing"

INSTALLED_APPS = [
    "spid_cie_oidc.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "bootstrap_italia_template",
    "spid_cie_oidc.entity",
    "spid_cie_oidc.authority",
    "spid_cie_oidc.provider",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_DB"]}
}
LANGUAGE_CODE = "it-it"
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "spid_cie_oidc": {"handlers": ["console"], "level": os.environ.get("OIDC_LOG", "WARNING")},
        "django": {"handlers": ["console"], "level": "ERROR"},
    },
}
