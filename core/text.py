"""Small text helpers that know no domain."""


def split_names(value: str) -> list[str]:
    """``"Rosa, Roza ,"`` → ``["Rosa", "Roza"]``: a comma-separated list of names, as editors type it."""
    return [name.strip() for name in (value or "").split(",") if name.strip()]


# A spreadsheet reads a text cell that begins with one of these as a formula ("=HYPERLINK(…)",
# "+cmd", "-1+1", "@SUM(1)"): as OWASP advises, such a cell is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """``value`` as a spreadsheet cell that is never a formula. A text that already starts with
    apostrophes before a formula's sign gets one more, so that ``unescape_formula`` gives it back."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """The text ``escape_formula`` was given: one leading apostrophe before a formula's sign removed."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value
