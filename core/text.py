"""Small text helpers that know no domain."""


def split_names(value: str) -> list[str]:
    """``"Rosa, Roza ,"`` → ``["Rosa", "Roza"]``: a comma-separated list of names, as editors type it."""
    return [name.strip() for name in (value or "").split(",") if name.strip()]
