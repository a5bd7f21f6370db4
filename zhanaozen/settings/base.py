"""Settings shared by every environment.

Secrets and the database come from the environment only: ``SECRET_KEY``,
``DATABASE_URL`` (``spatialite:///path`` or ``postgis://user@host:port/name``),
``DEBUG`` and ``ALLOWED_HOSTS``. See ``.env.example``.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_from_url(url: str) -> dict:
    """``CACHES["default"]`` from ``CACHE_URL``: Django's Redis cache (one client per pool: core/cache.py) for ``redis://host:port/db``
    (``rediss://`` with TLS, ``unix:///path.sock?db=N``), shared by every worker and server; memory,
    each process its own, when empty. Anything else is refused with a message, not a traceback."""
    url = url.strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    from redis.connection import parse_url

    scheme = url.partition("://")[0].lower()
    if scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            f"CACHE_URL must be a Redis address such as redis://127.0.0.1:6379/0 (or empty for a cache in "
            f"each process's memory), not {url!r}."
        )
    try:
        parts = urlsplit(url)
        parse_url(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"CACHE_URL {url!r} is not a Redis address: {error}") from None
    if scheme == "unix" and not parts.path:
        raise ImproperlyConfigured(f"CACHE_URL {url!r} names no socket: unix:///path/to/redis.sock?db=0.")
    if scheme != "unix" and not parts.hostname:
        raise ImproperlyConfigured(f"CACHE_URL {url!r} names no host: redis://127.0.0.1:6379/0.")
    if scheme != "unix" and not re.fullmatch(r"/?([0-9]+)?", parts.path):
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: after the host and port comes a database number, such as /0.")
    return {"BACKEND": "core.cache.RedisCache", "LOCATION": url}


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
    return int(value)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    # First, so that its templates (the admin's base_site.html) take precedence.
    "zhanaozen",
    # Before the admin, so that its tabs take the translated fields.
    "modeltranslation",
    # The admin, on our own site: two-factor sign-in (editors.sites).
    "zhanaozen.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "leaflet",
    "reversion",
    "reversion_compare",
    "adminsortable2",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "dbbackup",
    # Spreadsheets in and out of the admin (core.spreadsheets).
    "import_export",
    "core",
    "editors",
    "geo",
    "timeline",
    "tours",
    "demands",
]

# The apps whose models hold the content: editors keep them, and any write to them changes the
# content's state (core.freshness). User management is deliberately not among them.
CONTENT_APPS = ["geo", "timeline", "tours", "demands"]
# Models outside them that public pages show something of (the name an editor chose to be credited
# as, on the public history): their changes too refresh the cached pages (core.freshness).
SHOWN_IN_PUBLIC = ["editors.EditorProfile"]
# Whether a publisher may publish an event they were the last to change (timeline/review.py): false
# keeps a second pair of eyes on every publication; true suits a team too small for one.
PUBLISH_OWN_CHANGES = env_bool("PUBLISH_OWN_CHANGES", False)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the two below: the pages' CSP and permissions policy on documents only (zhanaozen.policies).
    "zhanaozen.policies.for_documents_only",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Pages are compressed on the fly (production adds WhiteNoise for static files).
    "django.middleware.gzip.GZipMiddleware",
    # Outside the middleware that set cookies: a response that sets one is marked private.
    "core.middleware.private_when_setting_cookies",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Knows whether this session signed in with a second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-reversion's, but the sign-in is not held in a transaction (see there).
    "editors.middleware.RevisionMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhanaozen.urls"
WSGI_APPLICATION = "zhanaozen.wsgi.application"

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
                "django.template.context_processors.i18n",
                "core.context_processors.languages",
                "core.context_processors.licences",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"spatialite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)}
if DATABASES["default"]["ENGINE"] not in {
    "django.contrib.gis.db.backends.spatialite",
    "django.contrib.gis.db.backends.postgis",
}:
    raise ImproperlyConfigured(
        "DATABASE_URL must start with spatialite:// or postgis:// (GeoDjango needs a spatial database)."
    )
if DATABASES["default"]["ENGINE"].endswith("spatialite"):
    # A transaction that reads, then writes (a failed sign-in's count) takes SQLite's write lock when
    # it begins and waits its turn: otherwise two at once can fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache of built pages and API responses (core.freshness) and of the rate limits' counters:
# CACHE_URL=redis://… shares one among every worker and server (see README, "Configuration").
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
# The content's state (core.freshness) is read from the database once per change and kept in the cache,
# where every process that writes shares it (Redis); with a cache per process it is read per request,
# since a write on one process would not reach the others' caches. At most this many seconds old
# whatever happens, for a write past Django that does not call ``content_changed()``.
CONTENT_STATE_CACHED = env_bool("CONTENT_STATE_CACHED", default=CACHES["default"]["BACKEND"].endswith("RedisCache"))
CONTENT_STATE_MAX_AGE = 60

# django-axes first: a locked-out sign-in is refused before the password's hash is computed (a
# PBKDF2 hash costs a fraction of a second of CPU: without this, wrong logins starve the site).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default (its pages have no prefix); Russian under /ru/, Kazakh (Cyrillic) under /kk/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The content's texts per language (django-modeltranslation): a field not yet translated shows the
# English, marked as such (core/templatetags/translations.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "kk")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# Kazakh date and number formats, which Django lacks, and corrections to its Russian ones.
FORMAT_MODULE_PATH = ["zhanaozen.formats"]

TIME_ZONE = "Asia/Aqtau"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")

LOGIN_URL = "admin:login"

# The largest form is an event with its citations. Its body may have up to 100 000 characters
# (timeline.models.EVENT_BODY_MAX_LENGTH), which a browser sends percent-encoded: a Cyrillic letter
# as six bytes ("%D0%B0"), so up to 0.6 MB. 10 MiB leaves room for the rest and for a body pasted far
# past the limit (3 MB of Cyrillic text), which then comes back in the form with a message naming
# the limit, not as a bare "400 Bad Request" that loses the editor's text.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The explorer's map covers western Kazakhstan; tiles are optional (see the offline basemap).
# Where every map opens (the explorer, the slides, the small maps' zoom, the admin's place widget):
# western Kazakhstan, from the Caspian coast to Zhanaozen. Defined here once; the maps receive it.
MAP_BOUNDS = ((41.0, 49.5), (46.5, 56.0))  # (south, west), (north, east)
MAP_ZOOM = 6

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": tuple((low + high) / 2 for low, high in zip(*MAP_BOUNDS, strict=True)),
    "DEFAULT_ZOOM": MAP_ZOOM,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "TILES": [
        (
            _("OpenStreetMap"),
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            {
                "attribution": (
                    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
                ),
                "maxZoom": 19,
            },
        )
    ],
    "RESET_VIEW": False,
    "NO_GLOBALS": True,
}

# A strict Content-Security-Policy on every response, the admin and the API's docs included: no inline
# style, nothing from other hosts but map tiles, and no inline script but the few that carry the
# request's nonce. NONCE only reaches the header of a response that used ``request.csp_nonce``:
# django-leaflet's map widget in the admin (the only inline scripts left). Public pages never do,
# so their cached copies hold no nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Who may show the embeds (/embed/, /embed/tour/<slug>/) in a frame: CSP frame-ancestors sources,
# "*" for any site or a list of origins ("https://news.example"). Every other page stays unframeable
# (frame-ancestors 'none', X-Frame-Options: DENY). See core/embed.py.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", "*")

# A place's page lists its events, so it belongs to the timeline app; geo, below it, does not know it.
ABSOLUTE_URL_OVERRIDES = {"geo.place": lambda place: reverse("timeline:place", kwargs={"slug": place.slug})}

# Browser features no page of ours uses are off for every page and anything it embeds; full screen
# stays on for this site's own slideshows.
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
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
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },  # fmt: skip
    "fullscreen": ["self"],
}

# Only editors have sessions (visitors need none): a session lasts a working day, not two weeks.
SESSION_COOKIE_AGE = 8 * 60 * 60

# Where the editors' admin lives ("admin/" unless ADMIN_URL says otherwise, e.g. "editing-4f7a/"):
# a path nobody guesses keeps password-guessing robots away from the login.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/" or not all(
    part.isascii() and part.replace("-", "").replace("_", "").isalnum() for part in ADMIN_URL.strip("/").split("/")
):
    raise ImproperlyConfigured("ADMIN_URL is a path such as editing/ (letters, digits, - and _).")

# Editors' sign-in (README, "Editors' accounts"). After AXES_FAILURE_LIMIT wrong attempts for one
# username, or from one address (each counted separately), sign-in is refused for AXES_COOLOFF_MINUTES
# from the last counted failure; attempts while locked out are refused without being counted, so an
# attacker cannot keep an editor locked out for ever, nor make the server hash passwords.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 60, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "editors.views.locked_out"
# The client's address: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT says how many proxies of ours
# (nginx, a load balancer) stand in front of the app and append to X-Forwarded-For; a header a
# client sends itself is never trusted (core.clients.client_address, also read by the rate limits below).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"

# Who must sign in with a second factor (an authenticator app's code, or a recovery code):
# "superusers" (the default), "staff" (every editor) or "none". Everyone else may turn it on.
TWO_FACTOR_REQUIRED_FOR = os.environ.get("TWO_FACTOR_REQUIRED_FOR", "superusers")
if TWO_FACTOR_REQUIRED_FOR not in {"superusers", "staff", "none"}:
    raise ImproperlyConfigured("TWO_FACTOR_REQUIRED_FOR is superusers, staff or none.")
OTP_TOTP_ISSUER = "Zhanaozen"

# Rate limits on what no cache can serve (core.ratelimits, django-ratelimit's counters in the default
# cache), per client address; over one, a 429 with Retry-After. Off here and in the tests (a test turns
# them on), on in production; RATELIMIT_ENABLE=false turns them off. Each is one or more rates
# ("count/period", such as 1000/10m, comma-separated: each holds), sized for a class of 40 behind one
# address, which must never meet them:
# - search (a text in q=, on the explorer, the slideshows or the API): the explorer searches in the
#   browser as one types, so a visitor's searches reach the server only from a link, a reload or
#   without JavaScript; on those pages only a search that has to be built counts (a class opening
#   one link is one build). 60 a minute is more than a class types by hand; 1000 in ten minutes is
#   25 for each of 40 pupils, more than a lesson needs. A script sending new searches as fast as it
#   can is refused after its 60th in the minute (bench/load.sh: it then holds no worker).
# - typing (the explorer's search as one types, /explorer/search.json: a list of slugs, one query,
#   cheap): each new text that is not yet in the cache counts; 600 a minute lets a class of 40 type
#   together, and holds a script to ten a second.
# - download (the API's events as CSV or GeoJSON, every matching event at once): 200 an hour is 5
#   for each of 40 pupils; a script downloading in a loop meets it at the 201st.
# Cached pages, the event pages and the API's JSON pages without q are never limited. With the
# default cache (memory, per process) each server process counts for itself: a shared cache
# (CACHES, Redis or Memcached) makes the limit one for the site. An address refused is refused until
# the window that refused it ends, and its requests meanwhile are not counted: each process remembers
# the refusal (core.ratelimits), so a flood of them costs no trip to the cache.
# - at once: an address may have this many pages being built for it at the same moment (a search's
#   page, a map of a view); past that, a 429 asking it to try again in a second. A class clicking
#   one link is one build (the others wait for its copy); a script firing 50 new searches at once
#   holds one worker, not all. With 2, /healthz beside such a flood had a p99 of 163 ms; with 1,
#   46 ms (bench: docs/performance.md).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=False)
RATELIMIT_CONCURRENT = env_int("RATELIMIT_CONCURRENT", 1)
RATELIMIT_IP_META_KEY = "core.clients.client_address"
RATELIMIT_FAIL_OPEN = True  # a cache that fails does not shut the searches for everyone
RATE_LIMITS = {
    "search": os.environ.get("RATELIMIT_SEARCH", "60/m,1000/10m"),
    "typing": os.environ.get("RATELIMIT_TYPING", "600/m"),
    "download": os.environ.get("RATELIMIT_DOWNLOAD", "200/h"),
}
for _group, _rates in RATE_LIMITS.items():
    if _rates and not re.fullmatch(r"[0-9]+/[0-9]*[smhd](,[0-9]+/[0-9]*[smhd])*", _rates):
        raise ImproperlyConfigured(
            f"RATELIMIT_{_group.upper()} is one or more counts per period, such as 1000/10m or 60/m,1000/10m."
        )

# Backups (README, "Backups"): ``manage.py backup`` and ``restore`` (core), through django-dbbackup.
# A backup holds everything, the editors' password hashes included: its files are readable by their
# owner only, and encrypted with GPG for BACKUP_GPG_RECIPIENT (a key in the gpg keyring of the user
# who runs the backups) when one is set. BACKUP_KEEP backups are kept, the oldest deleted.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BACKUP_DIR, "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    },
}
DBBACKUP_FILENAME_TEMPLATE = "zhanaozen-{databasename}-{servername}-{datetime}.{extension}"
DBBACKUP_CLEANUP_KEEP = env_int("BACKUP_KEEP", 30, minimum=1)
DBBACKUP_GPG_RECIPIENT = os.environ.get("BACKUP_GPG_RECIPIENT", "").strip() or None
# The recipient's key is the one the operator imported on purpose; gpg would refuse it otherwise
# until it is signed, which only adds a step.
DBBACKUP_GPG_ALWAYS_TRUST = True
# SpatiaLite: the SQLite backup of the whole file (spatial metadata and indexes included), restored in
# place through SQLite's backup API. PostGIS: pg_dump, restored with psql by the database's owner
# (no superuser needed). See core.backups.
DBBACKUP_CONNECTOR_MAPPING = {
    "django.contrib.gis.db.backends.spatialite": "core.backups.SpatiaLiteConnector",
    "django.contrib.gis.db.backends.postgis": "core.backups.PostGISConnector",
}
DBBACKUP_SEND_EMAIL = False

# Where load_content finds the project's content.
CONTENT_FIXTURES_DIR = BASE_DIR / "fixtures"

# The explorer's events (timeline/compact.py) come in its page while there are at most this many
# published: its first view then needs no request and waits for none (with the real content 14 KB
# before compression, with 1 000 events 87 KB; with 1 000 events they were painted 23–125 ms sooner
# in three paired comparisons: docs/performance.md). With more, the page preloads them from
# /explorer/events.json, cached apart from the page for a year under the content's version (with
# 10 000 events 0.9 MB).
EXPLORER_INLINE_EVENTS = env_int("EXPLORER_INLINE_EVENTS", 2000)

# Debian 12 ships GDAL 3.6, which cannot block file and network access from spatial reference
# strings. Only staff enter geometry here (through the admin's map widget), never the public, so
# the warning is silenced; drop this once the OS has GDAL 3.9 or newer.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# The public API is read-only: anonymous reads, no writes (see zhanaozen/api.py).
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "core.api.PublicAutoSchema",
}

# What the site publishes (texts, dates, places, the API's data and downloads) may be shared and
# adapted with credit, under the same terms; the code is free software, and whoever runs a changed
# copy as a public service must offer its source (README, "Licence"; the code's text in LICENSE).
LICENCES = {
    "content": {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
    "code": {"name": "GNU AGPL 3.0", "url": "https://www.gnu.org/licenses/agpl-3.0.html"},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Zhanaozen API",
    "DESCRIPTION": "Read-only access to the sourced timeline of the 2011 Zhanaozen strike and what followed.",
    "VERSION": "1",
    # The API serves the content: its data are under the content's licence.
    "LICENSE": LICENCES["content"],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, where several models share a field name ("kind").
    "ENUM_NAME_OVERRIDES": {
        "PlaceKindEnum": "geo.models.PlaceKind",
        "LanguageEnum": [code for code, _name in LANGUAGES],
        "ActorKindEnum": "timeline.models.ActorKind",
        "SourceKindEnum": "timeline.models.SourceKind",
        "PrecisionEnum": "timeline.dates.Precision",
        "QualifierEnum": "timeline.dates.Qualifier",
    },
}
