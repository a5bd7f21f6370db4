"""The pure ES modules (filters, state, fold) under ``node --test``, with the server's filter contract."""

import datetime
import json
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from core.dates_i18n import date_style
from core.search import fold
from timeline.dates import Precision, display_date
from timeline.filters import contract
from zhanaozen.storage import collected_script

ROOT = Path(__file__).resolve().parent.parent
UNITS = "tests/js"
SCRIPTS = "timeline/static/timeline"


def date_cases() -> dict:
    """Per language, the server's date rules and how the server writes a few periods with them."""
    periods = [("2011", Precision.YEAR), ("2011-12", Precision.MONTH), ("2011-12-16", Precision.DAY)]
    periods += [(f"2012-{month:02}-0{month % 9 + 1}", Precision.DAY) for month in range(1, 13)]
    cases = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            written = [
                [value, display_date(datetime.date.fromisoformat(f"{value}-01-01"[:10]), precision)]
                for value, precision in periods
            ]
            cases[code] = {"style": date_style().as_json(), "periods": written}
    return cases


@pytest.mark.parametrize("collected", [False, True], ids=["as-written", "collected"])
def test_the_browser_reads_the_filters_and_writes_dates_as_the_server_does(tmp_path, collected):
    """The modules as written (what the browser tests load) and as ``collectstatic`` writes them for
    production, minified and holding what they import (``zhanaozen.storage``): the same answers."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.fail("Node.js runs the scripts' unit tests: apt-get install nodejs (make test does this).")
    # The modules as the browser loads them, beside a package.json that tells Node (18 or newer)
    # they are ES modules: nothing is added to the static files themselves.
    for folder, pattern in [(SCRIPTS, "*.js"), (UNITS, "*.test.mjs"), (UNITS, "*.json")]:
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for path in (ROOT / folder).glob(pattern):
            if collected and folder == SCRIPTS:
                name = f"timeline/{path.name}"
                (tmp_path / folder / path.name).write_text(collected_script(name, path.read_text()), encoding="utf-8")
            else:
                shutil.copyfile(path, tmp_path / folder / path.name)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    characters = tmp_path / "fold-characters.json"
    characters.write_text(json.dumps(folded_characters()))
    units = sorted(str(path) for path in (tmp_path / UNITS).glob("*.test.mjs"))
    result = subprocess.run(
        [node, "--test", *units],
        cwd=tmp_path,
        env={
            **os.environ,
            "FILTER_CONTRACT": json.dumps(contract()),
            "DATE_CASES": json.dumps(date_cases()),
            "FOLD_CHARACTERS": str(characters),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def folded_characters() -> list[tuple[int, str]]:
    """What the server folds each character of the Basic Multilingual Plane to (those this Python's
    Unicode knows, as Node's may be newer), for the browser's fold to agree with."""
    return [
        (point, fold(chr(point)))
        for point in range(0x10000)
        if not 0xD800 <= point <= 0xDFFF and unicodedata.category(chr(point)) != "Cn"
    ]
