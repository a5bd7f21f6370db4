"""The language of each request."""

from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control

# The addresses outside the language prefixes that are not English pages: the editors' admin (and
# its language chooser) and the API. They take the visitor's choice instead of the default.
CHOOSING_NAMESPACES = {"admin", "api"}


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that the admin and the API, which have no /ru/ or /kk/
    prefix, follow the language cookie (the admin's chooser) or the browser's Accept-Language.

    A public page without a prefix stays English: that address is the English page."""

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return
        if set(match.namespaces) & CHOOSING_NAMESPACES:
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()


def private_when_setting_cookies(get_response):
    """A response that sets a cookie (a session, a CSRF token) is someone's own: ``private``, so that
    no shared cache keeps it, and the service worker, which cannot see ``Set-Cookie``, neither."""

    def middleware(request):
        response = get_response(request)
        if response.cookies:
            patch_cache_control(response, private=True)
        return response

    return middleware
