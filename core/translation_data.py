"""For the migrations that add translated fields: the texts written so far are the English ones."""

from django.db.models import F


def copy_to_default_language(fields_by_model: dict[str, tuple[str, ...]], language: str = "en"):
    """A RunPython function that fills ``<field>_<language>`` from ``<field>`` for each model."""

    def forward(apps, schema_editor):
        for label, fields in fields_by_model.items():
            model = apps.get_model(label)
            model._base_manager.update(**{f"{field}_{language}": F(field) for field in fields})

    return forward
