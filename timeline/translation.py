"""What visitors read in their language (django-modeltranslation): events, categories, people and
organisations, accounts, and what the team writes of a source and of a citation (their notes). A
source's title stays in the language it was published in (``Source.language``); a passage (``locator``
of a citation or an account) in its source's words where it quotes it: only the team's summary of a
source is translated (``models.passage_translation_errors``)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Account, Actor, Category, Citation, Event, Source


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Actor)
class ActorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "public_description")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    # search_text: not written by editors but computed per language (timeline/search.py).
    fields = ("title", "summary", "body", "search_text")


@register(Account)
class AccountTranslationOptions(TranslationOptions):
    fields = ("topic", "according_to", "claim", "locator", "note")


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    # The title and the author stay as the source gives them.
    fields = ("note",)


@register(Citation)
class CitationTranslationOptions(TranslationOptions):
    fields = ("locator", "note")
