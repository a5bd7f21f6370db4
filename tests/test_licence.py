"""The code's licence (LICENSE, the GNU AGPL 3.0 verbatim) and the content's (CC BY-SA 4.0), stated
in the README and in every page's footer. The API's side is in tests/api/test_licence.py."""

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The AGPL 3.0 as Debian ships it (fonts-urw-base35 and libwmflite have it byte for byte the same):
# any change to the file, a reflowed line or a "corrected" word, shows here.
AGPL_SHA256 = "57c8ff33c9c0cfc3ef00e650a1cc910d7ee479a8bc509f6c9209a7c2a11399d6"


def test_the_code_is_under_the_agpl_verbatim():
    text = (ROOT / "LICENSE").read_bytes()
    assert hashlib.sha256(text).hexdigest() == AGPL_SHA256
    lines = text.decode().splitlines()
    assert lines[0].strip() == "GNU AFFERO GENERAL PUBLIC LICENSE"
    assert lines[1].strip() == "Version 3, 19 November 2007"
    assert "  13. Remote Network Interaction; Use with the GNU General Public License." in lines


def test_the_readme_states_both_licences_and_why():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence\n", 1)[1].split("\n## ", 1)[0]
    for phrase in ("GNU Affero General Public License, version 3", "(LICENSE)", "Attribution-ShareAlike 4.0"):
        assert phrase in section
    assert "public web service" in section  # why the AGPL


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/ru", "/kk"])
def test_every_page_footer_links_the_licences(client, prefix):
    page = client.get(f"{prefix}/sources/").content.decode()
    footer = page.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]
    assert '<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>' in footer
    assert '<a href="https://www.gnu.org/licenses/agpl-3.0.html">GNU AGPL 3.0</a>' in footer
