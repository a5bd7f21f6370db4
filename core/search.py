"""Text folded for search: one form for a word whatever its case, accents, script and common spelling.

``fold("Жаңаөзен") == fold("Жанаозен") == fold("Zhanaozen") == fold("Janaozen") == fold("Zhangaozen")``.
The browser folds a query the same way (``timeline/static/timeline/fold.js``), with the tables below,
which the server sends it (``rules()``, in the filters' contract), so that a search gives the same
events with JavaScript or without it; ``tests/js/fold-vectors.json`` holds examples that both must
fold alike, and a test has both fold every character.

The steps, in order:

1. compatibility decomposition (NFKD) and no combining marks: accents go (é → e, й → и, ё → е), and
   so do ligatures and other compatibility forms (ﬁ → fi, a no-break space → a space);
2. lower case (Unicode's full mapping, which JavaScript's ``toLowerCase()`` has too; JavaScript has no
   ``casefold()``, so what case folding does beyond it, for letters a name may have, is in ``LETTERS``);
3. ``LETTERS``, one character at a time: Kazakh letters to their Russian counterparts, then Cyrillic to
   Latin (a simple Russian transliteration: ж zh, х kh, ц ts, ш sh, щ shch, ю yu, я ya, ъ and ь
   dropped);
4. ``SPELLINGS``, in order, each replaced throughout: the variants of Latin spellings of Kazakh and
   Russian names (zh/j, kh/h, ng/n, ye/e); u and o are one letter, because Kazakh ө is о in one
   Russian spelling and у in another (Жаңаөзен/Жанаозен, Төлетаева/Тулетаева, Өзен/Узень), and so
   are y and i, because й is i or y (Мамай, Mamay) and Kazakh і and ы are Russian ы and и
   (Жетібай/Жетыбай, Маңғыстау/Мангистау);
5. runs of white space become one space, none at either end.

What that costs: words that differ only in those letters meet (son and sun), and a query that starts
or ends inside a folded pair misses (``hanaozen`` is not in ``janaozen``; ``Tuletay`` folds to
``toletai``, which ``toletaeva`` does not hold).
"""

import re
import unicodedata

KAZAKH = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# What case folding (``str.casefold``) does beyond lower case, for the letters a name may have.
CASE_FOLDING = {"ß": "ss", "ς": "σ"}
LETTERS = {**CASE_FOLDING, **CYRILLIC, **{kazakh: CYRILLIC[russian] for kazakh, russian in KAZAKH.items()}}

SPELLINGS = (
    ("u", "o"),  # Kazakh ө is о or у in Russian: Жаңаөзен, Жанаозен; Төлетаева, Тулетаева; Өзен, Узень
    ("dzh", "j"),  # Джаксыбеков, Jaksybekov
    ("zh", "j"),  # Zhanaozen, Janaozen
    ("kh", "h"),  # Kazakh, Kazah
    ("ng", "n"),  # Zhangaozen (ң as ng), Zhanaozen
    ("ye", "e"),  # Tuletayeva, Tuletaeva; Yevgeniy, Evgeniy
    ("y", "i"),  # Mamay, Мамай (й is i); Маңғыстау, Мангистау; Жетібай, Жетыбай (ы is y)
    ("ii", "i"),  # Евгений, Yevgeniy, Evgeny; Новый, Novy
)

# White space as both languages know it (Python's str.isspace and JavaScript's \s differ a little).
WHITESPACE = "\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WHITESPACE_RUN = re.compile(f"[{WHITESPACE}]+")


def fold(text: str) -> str:
    """``text`` in the form search compares: see the module's docstring."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    folded = "".join(char for char in decomposed if unicodedata.category(char) != "Mn").lower()
    folded = "".join(LETTERS.get(char, char) for char in folded)
    for spelling, variant in SPELLINGS:
        folded = folded.replace(spelling, variant)
    return _WHITESPACE_RUN.sub(" ", folded).strip(" ")


def rules() -> dict:
    """The tables, for the browser's fold (``fold.js``): the same rules from one place."""
    return {"letters": LETTERS, "spellings": [list(pair) for pair in SPELLINGS], "whitespace": WHITESPACE}
