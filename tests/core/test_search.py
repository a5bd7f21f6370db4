"""Text folded for search (core/search.py): one form whatever the case, accents, script and spelling."""

import json
from pathlib import Path

import pytest

from core.search import fold

VECTORS = json.loads((Path(__file__).resolve().parent.parent / "js" / "fold-vectors.json").read_text())


@pytest.mark.parametrize(("text", "folded"), VECTORS)
def test_the_server_folds_the_examples_as_they_are_written_down(text, folded):
    # The browser's fold is held to the same examples (tests/js/fold.test.mjs).
    assert fold(text) == folded


@pytest.mark.parametrize(
    "spellings",
    [
        ["Жаңаөзен", "Жанаозен", "Zhanaozen", "Janaozen", "Zhangaozen", "ЖАНАОЗЕН", "жанаозен"],
        ["Tuletaeva", "Tuletayeva", "Тулетаева", "Төлетаева"],
        ["Мамай", "Mamay", "Mamai"],
        ["Маңғыстау", "Мангистау", "Mangystau", "Mangistau"],
        ["Жетібай", "Жетыбай", "Zhetybai", "Zhetybay"],
        ["Өзенмұнайгаз", "Озенмунайгаз", "OzenMunayGaz", "Ozenmunaigaz"],
        ["ҚазМұнайГаз", "КазМунайГаз", "KazMunayGaz", "Kazmunaigaz"],
        ["Ақтау", "Актау", "Aktau"],
        ["Евгений", "Yevgeniy", "Evgeny"],
    ],
)
def test_spellings_of_one_name_fold_alike(spellings):
    assert len({fold(spelling) for spelling in spellings}) == 1, [fold(spelling) for spelling in spellings]


@pytest.mark.parametrize(("one", "other"), [("Zhanaozen", "Aktau"), ("Мамай", "Мамин"), ("court", "cart")])
def test_different_names_stay_different(one, other):
    assert fold(one) != fold(other)


def test_white_space_is_one_space_and_never_a_line_break():
    # The search text keeps its parts on lines of their own: a folded query never spans two.
    assert fold(" Zhanaozen\n\tpolice\u00a0\u2003") == "janaozen police"
    assert fold("\n") == ""
