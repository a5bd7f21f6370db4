"""What of a demand visitors read in their language (django-modeltranslation). The passage
(``locator``) stays in the source's own words where it quotes it; only the team's summary of a
source is translated (``timeline.models.passage_translation_errors``)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Demand, Outcome


@register(Demand)
class DemandTranslationOptions(TranslationOptions):
    fields = ("made_by", "text", "locator")


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("note",)
