"""What of a demand visitors read in their language (django-modeltranslation). The passage
(``locator``) stays in the source's own words."""

from modeltranslation.translator import TranslationOptions, register

from .models import Demand, Outcome


@register(Demand)
class DemandTranslationOptions(TranslationOptions):
    fields = ("made_by", "text")


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("note",)
