"""What of a tour visitors and teachers read in their language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Tour, TourStop


@register(Tour)
class TourTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(TourStop)
class TourStopTranslationOptions(TranslationOptions):
    fields = ("focus", "note")
