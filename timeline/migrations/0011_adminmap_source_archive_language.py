"""A source's archived copy and the date its address was accessed (both empty for the sources that
exist: nothing is filled in that no one has seen); its language becomes one of the site's codes.

The language was free text ("en, ru, kk…"). The ways of writing each language that an editor may
have used become its code; anything else stops the migration, naming the sources, rather than being
guessed at."""

from django.db import migrations, models

# Lower-cased, trimmed spellings of each language → its code.
SPELLINGS = {
    "en": {"en", "eng", "en-gb", "en-us", "en_gb", "en_us", "english", "английский", "ағылшын", "ағылшынша"},
    "ru": {"ru", "rus", "ru-ru", "ru_ru", "russian", "русский", "русский язык", "орыс", "орысша"},
    "kk": {"kk", "kaz", "kz", "kk-kz", "kk_kz", "kazakh", "qazaq", "казахский", "қазақ", "қазақша", "қазақ тілі"},
}
CODE = {spelling: code for code, spellings in SPELLINGS.items() for spelling in spellings}


def language_codes(apps, schema_editor):
    Source = apps.get_model("timeline", "Source")
    unknown = []
    for source in Source.objects.order_by("pk"):
        code = CODE.get(source.language.strip().lower())
        if code is None:
            unknown.append(f"{source.slug!r} ({source.language!r})")
        elif code != source.language:
            Source.objects.filter(pk=source.pk).update(language=code)
    if unknown:
        raise RuntimeError(
            "These sources' language is not one of en, ru, kk: " + ", ".join(unknown) + ". Set it to one of "
            "them (manage.py shell, or the admin before this migration) and migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0010_event_publish_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="accessed_on",
            field=models.DateField(
                blank=True,
                help_text="When the address was last seen to hold the source.",
                null=True,
                verbose_name="accessed on",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="archived_url",
            field=models.URLField(
                blank=True,
                help_text="The address of a copy in a web archive (such as the Wayback Machine) that you have seen.",
                max_length=500,
                verbose_name="archived copy",
            ),
        ),
        migrations.RunPython(language_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("ru", "Russian"), ("kk", "Kazakh")],
                default="en",
                help_text="The language the source is written in.",
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["en", "ru", "kk"])), name="source_language_valid"
            ),
        ),
    ]
