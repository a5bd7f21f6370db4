"""What every public API endpoint shares: read-only access, formats, errors and HTTP caching.

Caching works on the state of the whole content rather than per object: the validators (ETag,
Last-Modified) come from one cheap query over every table the API reads (see ``content_state``),
so a conditional GET answers 304 without running the endpoint's own queries.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from modeltranslation.translator import NotRegistered, translator
from rest_framework import serializers
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer

from .freshness import ContentState, canonical_address, content_state, etag, kept, response_from
from .i18n import fallback_language
from .ratelimits import RateLimitThrottle, too_many_message
from .singleflight import SingleFlight

# Part of every ETag. Content changes are detected in the database; a change to how the content is
# represented (a field added or renamed, another date format) is not, so bump this with it.
REPRESENTATION_VERSION = "4"  # 2: no end_precision without an end; 3: actors' name_withheld; 4: date qualifiers


# Error responses in the schema: ``{"<parameter>": ["what is wrong"]}`` or ``{"detail": "..."}``.
ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT, description=gettext_lazy("A parameter is wrong: its name, with what is wrong.")
    ),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description=gettext_lazy("Not found.")),
}


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a bad parameter (400 naming it), not a missing page (404); so is an
    empty one, which the schema's list of formats does not have either."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested is not None and not format_suffix and requested not in {renderer.format for renderer in renderers}:
            choices = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError({"format": [_("Unknown format. Choose one of: %(choices)s.") % {"choices": choices}]})
        return super().select_renderer(request, renderers, format_suffix)


class NotModified(Exception):  # noqa: N818 (an outcome, like DRF's Throttled, not an error)
    """The client's copy is current: raised from ``initial`` like DRF's permission and throttle checks."""

    def __init__(self, response):
        super().__init__()
        self.response = response


class Cached(NotModified):
    """The response is in the shared cache: served from there, the endpoint's queries not run."""


LANGUAGE_PARAMETER = "lang"


def use_requested_language(request) -> None:
    """``?lang=ru`` chooses the language of the texts; without it, the request's Accept-Language
    does (Django's LocaleMiddleware). An unknown language is a 400 naming ``lang``."""
    requested = request.query_params.get(LANGUAGE_PARAMETER)
    if requested is None:  # core.middleware.LanguageMiddleware has read Accept-Language
        return
    languages = [code for code, _name in settings.LANGUAGES]
    if requested not in languages:
        message = _("Unknown language. Choose one of: %(choices)s.") % {"choices": ", ".join(languages)}
        raise ValidationError({LANGUAGE_PARAMETER: [message]})
    translation.activate(requested)


class PublicAutoSchema(AutoSchema):
    """Every public endpoint takes ``lang`` and answers with Content-Language."""

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                LANGUAGE_PARAMETER,
                str,
                enum=[code for code, _name in settings.LANGUAGES],
                description=gettext_lazy(
                    "The language of the texts (titles, summaries, names…); without it, the request's "
                    "Accept-Language chooses, and English is the default. The response's Content-Language "
                    "says which was used; a text not yet translated is given in English, and its "
                    "`<field>_language` says so."
                ),
            ),
        ]


@extend_schema_field({"type": "string", "enum": [code for code, _name in settings.LANGUAGES]})
class ShownLanguageField(serializers.Field):
    """The language a translated text is given in: the requested one, or English where it is not
    yet translated."""

    def __init__(self, translated: str, **kwargs):
        self.translated = translated
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return fallback_language(instance, self.translated) or get_language()


class TranslatedFieldsMixin:
    """Beside each translated text (``title``), ``title_language``: the language it is in."""

    def get_fields(self):
        fields = super().get_fields()
        try:
            translated = translator.get_options_for_model(self.Meta.model).fields
        except NotRegistered:
            return fields
        with_languages = {}
        for name, field in fields.items():
            with_languages[name] = field
            if name in translated and field.source in (None, name):
                with_languages[f"{name}_language"] = ShownLanguageField(
                    name, help_text=gettext_lazy("The language the text is in: English where not yet translated.")
                )
        return with_languages


class PublicAPIMixin:
    """For the public API's read-only viewsets: conditional GET, caching headers, JSON errors, CORS.

    Anyone may read and nobody may write through the API: the viewsets only have read actions, so
    any other method answers 405.
    """

    content_negotiation_class = FormatNegotiation
    throttle_classes = [RateLimitThrottle]
    cache_max_age = 60  # seconds; afterwards clients revalidate, which costs one query
    download_formats = frozenset({"geojson", "csv"})
    # The formats kept in the shared cache: not the browsable API's HTML pages.
    cached_formats = frozenset({"json", "geojson", "csv"})
    cache_validators = None
    flight = None

    def rate_limit_group(self, request) -> str | None:
        """The rate limit (``settings.RATE_LIMITS``) a request counts against, if any: none here,
        where every response is cheap or cached."""
        return None

    def throttled(self, request, wait):
        raise Throttled(wait, detail=too_many_message())

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # negotiates the format, which the ETag depends on
        use_requested_language(request)
        if request.method not in {"GET", "HEAD"}:
            return
        # The state is read *before* the content: if an edit lands in between, the response carries
        # newer content under the older validator, which only costs the client one more download.
        # The other order could pin a client to stale content.
        state = content_state()
        self.cache_validators = (self.etag(request, state), self.last_modified(state))
        etag, last_modified = self.cache_validators
        timestamp = int(last_modified.timestamp()) if last_modified else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if not_modified is not None:
            raise NotModified(not_modified)
        if request.accepted_renderer.format in self.cached_formats:
            self.serve_from_cache(request, state)

    def cache_parameters(self, request) -> list[tuple[str, str]]:
        """The query parameters the response is built from, each in one canonical form (the format
        and language, already read, as they were asked for): anything else in the query string is
        dropped before the endpoint runs, so it changes neither the response nor its cache key."""
        query = request.query_params
        format_parameter = self.settings.URL_FORMAT_OVERRIDE
        return [
            *([(format_parameter, request.accepted_renderer.format)] if format_parameter in query else []),
            *([(LANGUAGE_PARAMETER, get_language())] if LANGUAGE_PARAMETER in query else []),
        ]

    def serve_from_cache(self, request, state: ContentState) -> None:
        """Raise ``Cached`` with the response if the shared cache has it; else the endpoint runs
        (once for all the requests asking at the same moment: ``core.singleflight``) and
        ``finalize_response`` keeps what it built."""
        address = canonical_address(request._request, self.cache_parameters(request))
        parts = (state.fingerprint, request.accepted_media_type, get_language(), REPRESENTATION_VERSION, address)
        self.flight = SingleFlight(f"api:{etag(*parts)}")
        cached = self.flight.fetch()
        if cached is not None:
            self.flight = None
            raise Cached(response_from(request._request, cached, headers=cached["headers"]))

    def etag(self, request, state: ContentState) -> str:
        # One representation per media type and language (``date_display``, messages) of the same URL.
        parts = (state.fingerprint, request.accepted_media_type, get_language(), REPRESENTATION_VERSION)
        return etag(*parts, weak=True)

    def last_modified(self, state: ContentState) -> datetime.datetime | None:
        # HTTP dates count whole seconds. While the second of the latest change lasts, another change
        # could follow under the same Last-Modified, so none is sent until it is over (the ETag is).
        if state.last_modified is None:
            return None
        if int(state.last_modified.timestamp()) >= int(timezone.now().timestamp()):
            return None
        return state.last_modified

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        # A download format is for the content only: errors (and OPTIONS) are JSON whatever was asked,
        # also when no format could be agreed on (DRF would take the first, GeoJSON for places).
        renderer_format = getattr(getattr(request, "accepted_renderer", None), "format", None)
        is_content = request.method in {"GET", "HEAD"} and response.status_code < 400
        if (renderer_format is None or renderer_format in self.download_formats) and not is_content:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.flight is not None:
            self.keep_in_cache(response)
        if self.cache_validators and response.status_code in {200, 304}:
            etag, last_modified = self.cache_validators
            response["ETag"] = etag
            if last_modified is not None:
                response["Last-Modified"] = http_date(int(last_modified.timestamp()))
            patch_cache_control(response, public=True, max_age=self.cache_max_age)
        # Public content, no cookies or credentials involved: any site may read it from a browser.
        response["Access-Control-Allow-Origin"] = "*"
        response["Content-Language"] = get_language()
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def keep_in_cache(self, response) -> None:
        """Keep a response just built (a 200) in the shared cache, without the headers that each
        request's own answer sets (validators, language, CORS), and let the others have it."""
        try:
            if response.status_code == 200:
                response.render()
                headers = {name: value for name, value in response.items() if name not in PER_REQUEST_HEADERS}
                self.flight.store(kept(response.content, headers=headers))
        finally:
            self.flight.release()
            self.flight = None


PER_REQUEST_HEADERS = {"ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin", "Content-Language"}


@extend_schema_field({"type": "string", "format": "uri"})
class AbsoluteURLField(serializers.ReadOnlyField):
    """A path (from ``get_absolute_url``) as a full address, on the host the request came to."""

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value)


@extend_schema_field({"type": "string", "format": "uri"})
class APIURLField(serializers.Field):
    """An object's address in the API, by slug.

    Unlike DRF's HyperlinkedIdentityField, it does not carry the request's ``?format=`` over: the
    address of an event in a CSV download is its JSON address.
    """

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        path = reverse(self.view_name, kwargs={"slug": value.slug})
        return self.context["request"].build_absolute_uri(path)
