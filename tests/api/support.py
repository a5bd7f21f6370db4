"""What several of the API's test modules share."""

# Every list endpoint in every format, for what must hold for all of them.
LIST_URLS = [
    "/api/events/",
    "/api/events/?format=geojson",
    "/api/events/?format=csv",
    "/api/events/?format=api",
    "/api/places/",
    "/api/places/?format=json",
    "/api/categories/",
    "/api/actors/",
    "/api/sources/",
]


def assert_no_secrets(text: str) -> None:
    """Nothing of the draft or the event in review (see the ``content`` fixture): not their slugs,
    titles, passages, nor the place, category, person and source that only they use."""
    assert "secret" not in text.lower()
