"""What visitors read in their language (django-modeltranslation): events, categories, people and
organisations, accounts, and what the team writes of a source and of a citation (their notes). A
source's title stays in the language it was published in (``Source.language``); a citation's passage
in its source's words."""

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
    # The passage (``locator``) stays in the source's own words.
    fields = ("topic", "according_to", "claim", "note")


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    # The title and the author stay as the source gives them.
    fields = ("note",)


@register(Citation)
class CitationTranslationOptions(TranslationOptions):
    # The passage (``locator``) stays in the source's own words.
    fields = ("note",)
