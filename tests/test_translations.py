"""The messages translators get: extracted by Django's makemessages, as they will be for Russian and Kazakh."""

import re
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

# What counts a number of things in the extracted messages: a placeholder (``%(total)s`` from
# ``{{ total }}`` in a template, ``%(total)d``, ``{total}``), then a plural noun at once or after one
# more word ("%(total)s events", "{count} published events"). Nouns are told by their English
# plural -s; these words end in s and are not nouns.
PLACEHOLDER = r"(?:%\(\w+\)[sd]|\{\w+\})"
NOT_NOUNS = {"is", "was", "has", "does", "goes", "its", "this", "his", "us", "thus", "as", "less"}

# Counts the lead engineer is rewriting (the explorer's result count and the labels its scripts
# get): empty this list once they use plural forms.
EXEMPT: set[str] = set()


def counts_things(msgid: str) -> bool:
    for match in re.finditer(PLACEHOLDER + r"\s+(\w+)(?:\s+(\w+))?", msgid):
        for word in match.groups():
            if word and word.endswith("s") and not word.endswith("ss") and word.lower() not in NOT_NOUNS:
                return True
    return False


def read_po(text: str) -> list[dict[str, str]]:
    """The entries of a PO file, each a dict of its keywords (msgid, msgid_plural, …) to their text,
    with ``fuzzy`` where its flags say so; not the header."""
    entries, entry, keyword = [], {}, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, keyword = {}, None
        elif line.startswith("#,"):  # flags
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := re.fullmatch(r'(\w+(?:\[\d+\])?) "(.*)"', line):
            keyword = match[1]
            entry[keyword] = match[2]
        elif line.startswith('"') and keyword:
            entry[keyword] += line[1:-1]
    return [entry for entry in entries if entry.get("msgid")]  # not the header


@pytest.fixture(scope="module")
def messages(tmp_path_factory):
    """The project's messages as ``makemessages`` extracts them from its Python files, templates and scripts.

    It runs on a copy of the first-party packages, so no translation file in the project is touched.
    """
    root = tmp_path_factory.mktemp("messages")
    for package in settings.BASE_DIR.iterdir():
        if package.name == "tests" or not (package / "__init__.py").is_file():
            continue
        for path in package.rglob("*"):
            if path.suffix in {".py", ".html", ".txt", ".js"} and path.is_file():
                copy = root / "src" / path.relative_to(settings.BASE_DIR)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[root / "locale"]):
        patch.chdir(root / "src")
        for domain in ("django", "djangojs"):
            call_command("makemessages", locale=["ru"], domain=domain, no_wrap=True, verbosity=0)
    catalogues = root / "locale" / "ru" / "LC_MESSAGES"
    return [entry for domain in ("django", "djangojs") for entry in read_po((catalogues / f"{domain}.po").read_text())]


def test_extraction_finds_the_messages_of_python_and_templates(messages):
    msgids = {entry["msgid"] for entry in messages}
    assert "Give the colour as #rrggbb." in msgids  # timeline/models.py
    assert "Sources" in msgids  # templates
    assert "%(name)s and %(others)s place nearby" in msgids  # scripts


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("%(total)s events", True),
        ("{count} published events", True),
        ("The selection has %(total)s events; the first %(shown)s are shown.", True),
        ("%(counter)s stop", False),
        ("%(value)s is not a date in the calendar.", False),
        ("Slide 1 of %(total)s", False),
        ("Map: %(place)s", False),
    ],
)
def test_a_count_of_things_is_told_from_other_placeholders(msgid, expected):
    assert counts_things(msgid) is expected


def test_every_count_of_things_has_plural_forms(messages):
    """Russian and Kazakh write "1 событие, 2 события, 5 событий": a count needs ngettext or
    ``{% blocktranslate count … %}``, whose message has a plural."""
    counts = [entry["msgid"] for entry in messages if counts_things(entry["msgid"])]
    singular_only = [
        entry["msgid"]
        for entry in messages
        if counts_things(entry["msgid"]) and "msgid_plural" not in entry and entry["msgid"] not in EXEMPT
    ]
    assert not singular_only, "these counts need plural forms (ngettext, blocktranslate count)"
    assert not EXEMPT - set(counts), "these exemptions match nothing any more: remove them"
