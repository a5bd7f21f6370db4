"""A tour carried whole in its address, made by anyone, with no account and nothing kept on the server.

``/present/?events=a,b,c&title=…&stopnotes=…`` (and ``/present/handout/?…``):

- ``events``: the events' slugs, comma-separated, in the order they are presented (at most
  ``MAX_STOPS``, each once).
- ``title``: optional, plain text as typed (percent-encoded, as any address is; at most ``MAX_TITLE``
  characters), so that the address bar still says what the tour is.
- ``stopnotes``: optional, the teacher's note for each stop, in the order of ``events``: the notes
  joined by U+001E (the record separator, which no note may hold), as UTF-8, deflated (raw DEFLATE,
  RFC 1951, which browsers make with ``CompressionStream("deflate-raw")``) and written in unpadded
  base64url (RFC 4648 §5): nothing in it to percent-encode, and Russian or Kazakh text takes less
  room than percent-encoding's ``%D0%B0`` a letter would. At most ``MAX_NOTE`` characters a note and
  ``MAX_NOTES_PARAMETER`` characters in all. Not ``notes``: ``notes=1`` is the presenter view.

The notes are in the address, so whoever has the whole address can read them: the audience's page
does not show them, and the QR codes of the closing slide and of the builder leave them out.
"""

import base64
import binascii
import dataclasses
import re
import zlib

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

EVENTS = "events"
TITLE = "title"
NOTES = "stopnotes"
PARAMETERS = (EVENTS, TITLE, NOTES)

MAX_STOPS = 40  # a lesson's worth, and an address that fits in a QR code a phone still reads
MAX_TITLE = 120
MAX_NOTE = 600
MAX_NOTES_PARAMETER = 6000  # with the rest, under the 8 KB of a request line that servers accept
SEPARATOR = "\x1e"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# What a title or a note may not hold: control characters (a note keeps its line breaks and tabs).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class TourAddressError(ValueError):
    """A parameter of a tour's address that cannot be read, and why (a sentence's end, as
    ``timeline.filters.FilterError`` says it)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _last(query, name: str) -> str:
    values = query.getlist(name)
    return values[-1] if values else ""


def encode_notes(notes) -> str:
    """``stopnotes``'s value for these notes ("" when there are none)."""
    notes = list(notes)
    while notes and not notes[-1]:
        notes.pop()
    if not notes:
        return ""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(SEPARATOR.join(notes).encode()) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode_notes(value: str) -> list[str]:
    """The notes ``stopnotes`` holds; ``TourAddressError`` if it is not what ``encode_notes`` writes."""
    unreadable = TourAddressError(NOTES, _("cannot be read: copy the whole address again from the tour builder."))
    if len(value) > MAX_NOTES_PARAMETER:
        message = ngettext(
            "is longer than %(limit)s character: shorten the notes.",
            "is longer than %(limit)s characters: shorten the notes.",
            MAX_NOTES_PARAMETER,
        )
        raise TourAddressError(NOTES, message % {"limit": MAX_NOTES_PARAMETER})
    if not re.fullmatch(r"[-_A-Za-z0-9]*", value):
        raise unreadable
    try:
        packed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        unpacker = zlib.decompressobj(-15)
        # Never more than the notes may hold, however well a crafted value compresses.
        limit = (MAX_NOTE + 1) * MAX_STOPS * 4
        text = unpacker.decompress(packed, limit)
        if unpacker.unconsumed_tail or not unpacker.eof:
            raise unreadable
        return text.decode().split(SEPARATOR)
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        raise unreadable from None


@dataclasses.dataclass(frozen=True)
class AddressedTour:
    """What a tour's address says: which events in which order, a title, a note for each stop."""

    slugs: tuple[str, ...]
    title: str = ""
    notes: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, query) -> "AddressedTour":
        """Read ``query`` (a ``QueryDict``); ``TourAddressError`` names the first parameter that is
        wrong. A parameter given twice counts with its last value, as the filters read theirs."""
        slugs = [slug.strip() for slug in _last(query, EVENTS).split(",") if slug.strip()]
        notes = decode_notes(_last(query, NOTES)) if _last(query, NOTES) else []
        return cls.checked(slugs=slugs, title=_last(query, TITLE), notes=notes)

    @classmethod
    def checked(cls, *, slugs: list[str], title: str, notes: list[str]) -> "AddressedTour":
        """A tour of these, if it keeps the limits; ``TourAddressError`` says which it breaks."""
        if not slugs:
            raise TourAddressError(EVENTS, _("names no event: give their slugs, separated by commas."))
        bad = [slug for slug in slugs if not SLUG.fullmatch(slug)]
        if bad:
            raise TourAddressError(EVENTS, _("holds “%(slug)s”, which is not an event's slug.") % {"slug": bad[0]})
        if len(slugs) > MAX_STOPS:
            raise TourAddressError(
                EVENTS,
                ngettext(
                    "names %(count)s event; a tour presents %(limit)s at the most.",
                    "names %(count)s events; a tour presents %(limit)s at the most.",
                    len(slugs),
                )
                % {"count": len(slugs), "limit": MAX_STOPS},
            )
        repeated = [slug for number, slug in enumerate(slugs) if slug in slugs[:number]]
        if repeated:
            raise TourAddressError(
                EVENTS, _("names “%(slug)s” more than once; a tour stops at an event once.") % {"slug": repeated[0]}
            )
        title = " ".join(title.split())
        if CONTROL.search(title):
            raise TourAddressError(TITLE, _("holds control characters."))
        if len(title) > MAX_TITLE:
            raise TourAddressError(
                TITLE,
                ngettext(
                    "is %(length)s character long; a title has %(limit)s at the most.",
                    "is %(length)s characters long; a title has %(limit)s at the most.",
                    len(title),
                )
                % {"length": len(title), "limit": MAX_TITLE},
            )
        if len(notes) > len(slugs):
            raise TourAddressError(
                NOTES,
                ngettext(
                    "holds notes for more stops than the %(count)s it names: copy the whole address again "
                    "from the tour builder.",
                    "holds notes for more stops than the %(count)s it names: copy the whole address again "
                    "from the tour builder.",
                    len(slugs),
                )
                % {"count": len(slugs)},
            )
        notes = [note.replace("\r\n", "\n").strip() for note in notes]
        for number, note in enumerate(notes, start=1):
            if CONTROL.search(note):
                raise TourAddressError(
                    NOTES, _("holds control characters in the note of stop %(number)s.") % {"number": number}
                )
            if len(note) > MAX_NOTE:
                raise TourAddressError(
                    NOTES,
                    ngettext(
                        "has a note of %(length)s character at stop %(number)s; a note has %(limit)s at the most.",
                        "has a note of %(length)s characters at stop %(number)s; a note has %(limit)s at the most.",
                        len(note),
                    )
                    % {"length": len(note), "number": number, "limit": MAX_NOTE},
                )
        notes += [""] * (len(slugs) - len(notes))
        return cls(slugs=tuple(slugs), title=title, notes=tuple(notes))

    def note(self, slug: str) -> str:
        return self.notes[self.slugs.index(slug)] if slug in self.slugs and self.notes else ""

    def parameters(self, *, notes: bool = True) -> list[tuple[str, str]]:
        """The address's query, in one canonical form: without ``notes``, the audience's (as the QR
        codes give it)."""
        pairs = [(EVENTS, ",".join(self.slugs))]
        if self.title:
            pairs.append((TITLE, self.title))
        encoded = encode_notes(self.notes) if notes else ""
        if encoded:
            pairs.append((NOTES, encoded))
        return pairs

    def without(self, slugs) -> "AddressedTour":
        """The same tour without the events ``slugs`` (those that are not, or no longer, published)."""
        kept = [i for i, slug in enumerate(self.slugs) if slug not in set(slugs)]
        return dataclasses.replace(
            self, slugs=tuple(self.slugs[i] for i in kept), notes=tuple(self.notes[i] for i in kept if self.notes)
        )


def asks_for_addressed_tour(query) -> bool:
    """Whether ``/present/`` is asked for a tour from its address (``events=``), rather than the
    tours or a selection by filters: ``events`` wins over any filter beside it."""
    return EVENTS in query
