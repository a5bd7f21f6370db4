"""The explorer's style sheets written into its page (core/styles.py): as they are served, their
addresses absolute, each allowed by its hash in the page's CSP, on a copy from the cache and a 304
too, and the categories' colours following an edit."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

from core.styles import absolute_urls, checked, static_style
from tests.factories import EventFactory
from tests.inline import style_texts
from tests.test_assets import PRODUCTION_STORAGES, collected
from tests.test_pages import allowed_styles

pytestmark = pytest.mark.django_db


def sha256(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_relative_addresses_are_made_absolute_and_others_left_alone():
    text = "a{background:url(images/a.png)} b{background:url('../b.svg')} c{behavior:url(#default#VML)}"
    text += " d{background:url(data:image/png;base64,AAAA)} e{background:url(/static/e.png)} f{x:url(https://x.org/f)}"
    made = absolute_urls(text, "leaflet/leaflet.css")
    assert "url(/static/leaflet/images/a.png)" in made
    assert "url('/static/b.svg')" in made
    for kept in ("url(#default#VML)", "url(data:image/png;base64,AAAA)", "url(/static/e.png)", "url(https://x.org/f)"):
        assert kept in made


@pytest.mark.parametrize("text", ["p{}</style><script>alert(1)</script>", "p{}</STYLE>", "<!-- p{} -->"])
def test_a_text_that_would_end_its_element_is_refused(text):
    with pytest.raises(ValueError, match="cannot be written into a page"):
        checked(text, "a test")


def test_the_explorer_and_its_304_carry_the_hash_of_each_of_its_styles(client):
    EventFactory()
    first = client.get("/")
    texts = style_texts(first.content.decode())
    assert len(texts) == 2
    assert "--category-color" in texts[1]
    sources = [sha256(text) for text in texts]
    assert all(source in allowed_styles(first) for source in sources)
    again = client.get("/")  # from the page cache
    assert style_texts(again.content.decode()) == texts
    assert all(source in allowed_styles(again) for source in sources)
    not_modified = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert all(source in allowed_styles(not_modified) for source in sources)
    assert "/categories.css" not in first.content.decode()  # the other pages link it


def test_new_style_sheets_make_a_new_page_not_a_copy_the_new_policy_would_leave_unstyled(client, monkeypatch):
    """A deploy that changes a style sheet, the shared cache still holding the page built before it:
    the page is built again with the new styles (their hashes in its policy), and a browser holding
    the old page gets it whole, not a 304 whose policy would no longer allow the styles it holds."""
    EventFactory()
    before = client.get("/")
    old = style_texts(before.content.decode())[0]
    new = old + "\n.deployed { color: red; }"
    monkeypatch.setattr("timeline.views.static_style", lambda paths: (new, sha256(new)))
    for headers in ({}, {"HTTP_IF_NONE_MATCH": before["ETag"]}):
        after = client.get("/", **headers)
        assert after.status_code == 200
        texts = style_texts(after.content.decode())
        assert texts[0] == new
        assert all(sha256(text) in allowed_styles(after) for text in texts)
    assert after["ETag"] != before["ETag"]


def test_a_new_colour_is_in_the_explorers_page_and_its_policy_at_once(client):
    event = EventFactory()
    category = event.categories.get()
    before = style_texts(client.get("/").content.decode())[1]
    category.color = "#123456"
    category.save()
    response = client.get("/")
    after = style_texts(response.content.decode())[1]
    assert f'[data-category="{category.slug}"] {{ --category-color: #123456; }}' in after
    assert after != before
    assert sha256(after) in allowed_styles(response)
    assert sha256(before) not in allowed_styles(response)


def test_in_production_the_styles_are_the_collected_files_minified_their_addresses_hashed(tmp_path):
    """Collected with the production storage: Leaflet's style sheet as served (minified), its
    pictures' addresses the hashed names the files were collected under."""
    names = ["layers.png", "layers-2x.png", "marker-icon.png"]
    paths = ["leaflet/leaflet.css", *(f"leaflet/images/{name}" for name in names)]
    storage, folder = collected(tmp_path, paths)
    served = (folder / storage.stored_name("leaflet/leaflet.css")).read_text()
    with override_settings(STATIC_ROOT=folder, STORAGES=PRODUCTION_STORAGES):
        text, source_of_it = static_style(("leaflet/leaflet.css",))
        assert text == absolute_urls(served, "leaflet/leaflet.css")
    original = Path(finders.find("leaflet/leaflet.css")).read_text()
    assert len(text) < 0.9 * len(original)  # minified
    pictures = re.findall(r"url\(([^)#]+)\)", text)
    assert pictures
    for address in pictures:
        assert re.fullmatch(r"/static/leaflet/images/[\w-]+\.[0-9a-f]{12}\.png", address), address
        assert (folder / address.removeprefix("/static/")).is_file()
    assert source_of_it == sha256(text)
