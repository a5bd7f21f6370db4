"""Tour and TourStop move from the timeline app to this one, with their data.

Their tables (``timeline_tour``, ``timeline_tourstop``) stay as they are: this migration only tells
Django that the models now belong here (the timeline app's 0003 forgets them on its side), and
0002 renames the tables. Their content types move too, so that editors' permissions, the admin's
log and the django-reversion history of tours keep pointing at them.
"""

import json

import django.contrib.gis.db.models.fields
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import timeline.models

MODELS = ("tour", "tourstop")


def _move_content_types(apps, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for model in MODELS:
        content_type = ContentType.objects.filter(app_label=old, model=model).first()
        if content_type is None:  # a new database: post_migrate creates them under their new label
            continue
        existing = ContentType.objects.filter(app_label=new, model=model).first()
        if existing is not None:
            # Made by post_migrate after an earlier migration to and fro: without history of its own,
            # it gives way (with its permissions) to the one that has it.
            if Version.objects.filter(content_type=existing).exists():
                continue
            existing.delete()
        content_type.app_label = new
        content_type.save(update_fields=["app_label"])
        # Reversion keeps each version as serialised JSON that names the model by its label.
        versions = []
        for version in Version.objects.filter(content_type=content_type, format="json").iterator():
            objects = json.loads(version.serialized_data)
            for item in objects:
                if item.get("model") == f"{old}.{model}":
                    item["model"] = f"{new}.{model}"
            version.serialized_data = json.dumps(objects, ensure_ascii=False)
            versions.append(version)
        Version.objects.bulk_update(versions, ["serialized_data"], batch_size=500)
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move_content_types(apps, old="timeline", new="tours")


def backwards(apps, schema_editor):
    _move_content_types(apps, old="tours", new="timeline")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("timeline", "0002_tours"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Tour",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                        ("summary", models.TextField(blank=True, help_text="What the tour tells, for the list of tours.", verbose_name="summary")),
                        ("status", models.CharField(choices=[("draft", "draft"), ("review", "in review"), ("published", "published")], default="draft", max_length=10, verbose_name="status")),
                        ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated", models.DateTimeField(auto_now=True, verbose_name="updated")),
                    ],
                    options={
                        "verbose_name": "tour",
                        "verbose_name_plural": "tours",
                        "ordering": ["title"],
                        "db_table": "timeline_tour",
                        "constraints": [models.CheckConstraint(condition=models.Q(("status__in", ["draft", "review", "published"])), name="tour_status_valid")],
                    },
                    bases=(timeline.models.NaturalKeyMixin, models.Model),
                ),
                migrations.CreateModel(
                    name="TourStop",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("order", models.PositiveIntegerField(db_index=True, default=0, verbose_name="order")),
                        ("focus", models.TextField(blank=True, help_text="Shown instead of the event's summary on this slide (optional).", verbose_name="focus")),
                        ("note", models.TextField(blank=True, help_text="Shown only in the presenter view.", verbose_name="teacher's note")),
                        ("map_center", django.contrib.gis.db.models.fields.PointField(blank=True, help_text="Optional: where the map looks on this slide.", null=True, srid=4326, verbose_name="map centre")),
                        ("map_zoom", models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(2), django.core.validators.MaxValueValidator(18)], verbose_name="map zoom")),
                        ("event", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="tour_stops", to="timeline.event", verbose_name="event")),
                        ("tour", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stops", to="tours.tour", verbose_name="tour")),
                    ],
                    options={
                        "verbose_name": "stop",
                        "verbose_name_plural": "stops",
                        "ordering": ["order", "pk"],
                        "db_table": "timeline_tourstop",
                        "constraints": [models.UniqueConstraint(fields=("tour", "event"), name="tour_stop_event_once", violation_error_message="This event is already a stop of the tour."), models.CheckConstraint(condition=models.Q(("map_zoom__isnull", True), models.Q(("map_zoom__gte", 2), ("map_zoom__lte", 18)), _connector="OR"), name="tour_stop_zoom_range")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
