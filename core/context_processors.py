"""What every page needs: its other languages (the switcher and ``hreflang`` alternates), and the
licences its footer states."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def languages(request) -> dict:
    """The page in each language: the same address (path and query string) under /ru/, /kk/ or none."""
    current = get_language()
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        alternates.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    default = next(item for item in alternates if item["code"] == settings.LANGUAGE_CODE)
    return {"language_alternates": alternates, "default_language_url": default["absolute_url"]}


def licences(request) -> dict:
    """The content's and the code's licences (``settings.LICENCES``: name and address), for the footer."""
    return {"licences": settings.LICENCES}
