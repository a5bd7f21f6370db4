"""Each event's search text: what a search looks in, folded (``core.search``), one column per language.

The text of a language (``search_text_ru``) holds the event's title and summary in that language (in
English where they are not translated yet, as the page shows them) and the names of its place and its
people and organisations in every language, with their other spellings (but not a withheld name's,
``Actor.withhold_name``): each folded, on a line of its own, so that a query (which has no line break
once folded) never matches across two of them. The browser gets the same text for the page's language
(``explorer_event``) and looks in it the same way.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname, get_language

from core.search import fold
from core.text import split_names

LANGUAGES = translation_settings.AVAILABLE_LANGUAGES
DEFAULT_LANGUAGE = translation_settings.DEFAULT_LANGUAGE


def search_field(language: str | None = None) -> str:
    """The column of ``language``'s search text (by default the active language's): ``search_text_ru``."""
    return build_localized_fieldname("search_text", language or get_language())


def _translated(obj, field: str, language: str) -> str:
    return getattr(obj, build_localized_fieldname(field, language)) or ""


def _lines(texts) -> str:
    folded = (fold(text) for text in texts)
    return "\n".join(dict.fromkeys(line for line in folded if line))


def search_texts(event, place, actors) -> dict[str, str]:
    """``event``'s search text in each language, by column, from its fields, ``place`` and ``actors``.

    Reads only the fields' columns (``title_en``, ``name_kk``…), so that a migration's historical
    models can use it as well as the models themselves."""
    names = []
    # A withheld name is not searchable: finding the events by it would confirm who it is.
    # (``getattr``: a migration's historical model before 0006 has no ``withhold_name``.)
    shown = [actor for actor in actors if not getattr(actor, "withhold_name", False)]
    for named in [place, *shown] if place else shown:
        names += [_translated(named, "name", language) for language in LANGUAGES]
        names += split_names(named.alt_names)
    texts = {}
    for language in LANGUAGES:
        own = [
            _translated(event, field, language) or _translated(event, field, DEFAULT_LANGUAGE)
            for field in ("title", "summary")
        ]
        texts[search_field(language)] = _lines(own + names)
    return texts


def refresh_search_text(events, *, batch_size: int = 500) -> int:
    """Compute again the search text of ``events`` (a queryset) from what the database holds, and
    write only that, for those where it changed: nothing else (``updated``) moves, no signal is sent.
    Returns how many changed."""
    fields = [search_field(language) for language in LANGUAGES]
    rows = events.model._base_manager
    pks = list(events.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(pks), batch_size):
        batch = rows.filter(pk__in=pks[start : start + batch_size]).select_related("place").prefetch_related("actors")
        stale = []
        for event in batch:
            texts = search_texts(event, event.place, event.actors.all())
            if any(getattr(event, field) != text for field, text in texts.items()):
                for field, text in texts.items():
                    setattr(event, field, text)
                stale.append(event)
        rows.bulk_update(stale, fields)
        changed += len(stale)
    return changed


# Inside ``deferred()``: the ids of the events whose search text waits for the end of the block.
_waiting: ContextVar[set | None] = ContextVar("search_text_waiting", default=None)


def search_waiting() -> set | None:
    """Inside ``deferred()``, the set to add an event's id to instead of computing its search text."""
    return _waiting.get()


@contextmanager
def deferred(*, batch_size: int = 500):
    """The search texts that the writes inside the block change, computed once at its end instead of
    at each write: loading the content saves each event, place and person several times (once a
    language), and would compute the same texts again each time. Use it inside a transaction: if the
    block fails, nothing is computed, since its writes are to be undone with it."""
    if _waiting.get() is not None:  # inside another such block: that one computes them
        yield
        return
    token = _waiting.set(set())
    try:
        yield
        events = apps.get_model("timeline", "Event")._base_manager
        pks = sorted(_waiting.get())
        for start in range(0, len(pks), batch_size):
            refresh_search_text(events.filter(pk__in=pks[start : start + batch_size]), batch_size=batch_size)
    finally:
        _waiting.reset(token)
