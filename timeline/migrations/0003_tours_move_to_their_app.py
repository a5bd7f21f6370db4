"""Tour and TourStop now belong to the tours app (see its 0001): the timeline forgets them, and
their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("timeline", "0002_tours"),
        ("tours", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="TourStop"),
                migrations.DeleteModel(name="Tour"),
            ],
            database_operations=[],
        ),
    ]
