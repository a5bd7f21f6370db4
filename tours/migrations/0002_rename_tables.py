"""The tables taken over from the timeline app get this app's names (tours_tour, tours_tourstop)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("tours", "0001_initial"),
        # The timeline's state no longer has these models before their tables are renamed.
        ("timeline", "0003_tours_move_to_their_app"),
    ]

    operations = [
        migrations.AlterModelTable(name="tour", table=None),
        migrations.AlterModelTable(name="tourstop", table=None),
    ]
