"""What of a place visitors read in their language (django-modeltranslation). Other spellings stay
one list for every language and script: search finds a place by any of them."""

from modeltranslation.translator import TranslationOptions, register

from .models import Place


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
