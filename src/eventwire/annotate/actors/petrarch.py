"""Readers for PETRARCH-2 dictionaries: actors (with date-bounded codes), agents and discards.

They return plain structures so both the actor resolver and the event coder can use them. The
format follows PETRARCH-2's ``PETRreader``:

* comments: lines starting with ``#`` or ``<!``, ``<!-- … -->`` (also over several lines), and
  anything after ``#`` or the legacy ``;`` on a line;
* actors: a primary phrase (optionally with ``[CODE]``), ``+`` synonym lines, then indented
  restrictions ``[CODE]``, ``[CODE >YYMMDD]``, ``[CODE <YYMMDD]`` or ``[CODE YYMMDD-YYMMDD]``
  (limits inclusive, 6- or 8-digit dates, ``YY`` <= 30 meaning 20YY). A primary phrase with no code
  at all shares the codes of the next entry, as in PETRARCH;
* agents: ``PHRASE {PLURAL} [~CODE]`` with regular plurals generated, ``{}`` for none, and
  ``!MARKER! = A, B`` substitution sets used as ``FOREIGN_!MINIST!``;
* discards: one phrase a line, ``+`` for story-level discards, a final ``_`` for whole words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from eventwire.errors import DateError

log = logging.getLogger(__name__)

# Two-digit years up to this value mean 20YY, as in KEDS/TABARI/PETRARCH.
TWO_DIGIT_YEAR_PIVOT = 30
_BRACKET = re.compile(r"\[([^\]]*)\]")
_XML_COMMENT = re.compile(r"<!--.*?-->")
_MARKER = re.compile(r"!([A-Za-z]+)!")
# The PETRARCH null code: the phrase is known but codes to nothing.
NULL_CODE = "---"


class DatedCode(NamedTuple):
    """One code of an actor; ``start``/``end`` bound (inclusively) when it applies, None = open."""

    code: str
    start: date | None = None
    end: date | None = None

    def applies(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    @property
    def is_default(self) -> bool:
        return self.start is None and self.end is None


@dataclass(slots=True)
class ActorEntry:
    """One actor record: its phrases (primary first, words separated by spaces) and its codes."""

    names: list[str]
    codes: list[DatedCode] = field(default_factory=list)
    comment: str = ""
    line: int = 0

    def code_on(self, when: date | None) -> str | None:
        """The code PETRARCH would assign on ``when``: first matching restriction, else the default."""
        if when is not None:
            for dated in self.codes:
                if not dated.is_default and dated.applies(when):
                    return None if dated.code == NULL_CODE else dated.code
        for dated in self.codes:
            if dated.is_default:
                return None if dated.code == NULL_CODE else dated.code
        return None


@dataclass(slots=True)
class AgentEntry:
    """An agent phrase with its generated forms. ``code`` keeps PETRARCH's ``~`` (``~GOV``, ``NGO~``)."""

    names: list[str]
    code: str

    @property
    def role(self) -> str:
        return self.code.replace("~", "").strip()

    @property
    def prefix(self) -> bool:
        """True when the agent code goes before the actor code (``NGO~``)."""
        return self.code.strip().endswith("~")


@dataclass(slots=True)
class DiscardEntry:
    phrase: str
    story: bool = False
    whole_word: bool = False


def parse_date(text: str) -> date:
    """A PETRARCH date: ``YYMMDD`` or ``YYYYMMDD``; longer digit runs keep their last eight digits.

    The Phoenix files contain a few ``19YYYYMMDD`` typos (``1920030320``); the last eight digits
    are the intended date.
    """
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        raise DateError(text)
    if len(digits) > 8:
        digits = digits[-8:]
    try:
        if len(digits) > 7:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        year = int(digits[:2])
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
        return date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError as exc:
        raise DateError(text) from exc


def parse_code(inner: str) -> DatedCode | None:
    """``RUSGOV >000507`` (the text inside brackets) → DatedCode; None when unreadable."""
    inner = inner.strip()
    if not inner:
        return None
    code, _, rest = inner.partition(" ")
    code = code.strip().upper()
    rest = rest.strip()
    try:
        if not rest:
            return DatedCode(code)
        if rest[0] in "<>":
            when = parse_date(rest[1:].strip())
            return DatedCode(code, None, when) if rest[0] == "<" else DatedCode(code, when, None)
        if "-" in rest:
            first, _, second = rest.partition("-")
            start, end = parse_date(first), parse_date(second)
            if end < start:
                raise DateError(rest)
            return DatedCode(code, start, end)
    except DateError:
        log.warning("unreadable date restriction [%s]", inner)
        return None
    log.warning("unreadable code [%s]", inner)
    return None


def _clean_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, content without comments, comment text) for each meaningful line."""
    in_comment = False
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line[line.index("-->") + 3 :]
            in_comment = False
        line = _XML_COMMENT.sub("", line)
        if "<!--" in line:
            line = line[: line.index("<!--")]
            in_comment = True
        if not line.strip() or line.startswith(("#", "<!")):
            continue
        comment = ""
        for mark in ("#", ";"):
            if mark in line:
                line, _, rest = line.partition(mark)
                comment = comment or rest.strip()
        if line.strip():
            yield number, line.rstrip(), comment


def _phrase(text: str) -> str:
    """A dictionary phrase with words separated by single spaces: ``VLADIMIR_PUTIN_`` → ``VLADIMIR PUTIN``."""
    return " ".join(text.replace("_", " ").split())


def read_actor_dictionary(path: str | Path, merge_uncoded: bool = True) -> list[ActorEntry]:
    """Read a PETRARCH actor dictionary (``Phoenix.*.actors.txt``, ``PETR.Validate.actors.txt``).

    Args:
        path: the dictionary file.
        merge_uncoded: give an entry without any code the codes of the next entry, as PETRARCH
            does; when False such entries are returned with an empty ``codes`` list.
    Returns:
        The entries in file order.
    """
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for number, line, comment in _clean_lines(Path(path)):
        if "---STOP---" in line:
            break
        stripped = line.strip()
        codes = [c for c in (parse_code(m) for m in _BRACKET.findall(stripped)) if c is not None]
        phrase = _phrase(_BRACKET.sub(" ", stripped).lstrip("+"))
        if stripped.startswith("[") and line[:1].isspace():
            if current is not None:
                current.codes.extend(codes)
            continue
        if stripped.startswith("+"):
            if current is not None and phrase:
                current.names.append(phrase)
                current.codes.extend(codes)
            continue
        if not phrase:
            continue
        carried: list[str] = []
        if current is not None:
            if current.codes or not merge_uncoded:
                entries.append(current)
            else:
                carried = current.names
        current = ActorEntry(names=[*carried, phrase], codes=codes, comment=comment, line=number)
    if current is not None and (current.codes or not merge_uncoded):
        entries.append(current)
    return entries


def _plural(phrase: str) -> str:
    """The regular plural PETRARCH generates for an agent phrase (last word)."""
    if phrase.endswith("Y") and phrase[-2:-1] not in ("A", "E", "O", "U"):
        return phrase[:-1] + "IES"
    if phrase.endswith(("S", "X", "CH", "SH")):
        return phrase + "ES"
    return phrase + "S"


def read_agent_dictionary(path: str | Path) -> list[AgentEntry]:
    """Read a PETRARCH agent dictionary (``Phoenix.agents.txt``, ``PLOVER_agents.txt``)."""
    markers: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for _number, line, _comment in _clean_lines(Path(path)):
        if "!" in line and "=" in line and "[" not in line:
            name, _, values = line.partition("=")
            marker = _MARKER.search(name)
            if marker:
                markers[marker.group(1).upper()] = [v.strip().upper() for v in values.split(",") if v.strip()]
            continue
        if "[" not in line:
            log.warning("agent without a code: %r", line)
            continue
        text, _, rest = line.partition("[")
        code = rest.partition("]")[0].strip().upper()
        if not code:
            continue
        text = text.strip()
        marker = _MARKER.search(text)
        if marker:
            forms = markers.get(marker.group(1).upper())
            if forms is None:
                log.warning("undefined substitution marker in %r", line)
                continue
            names = [_phrase(text[: marker.start()] + form + text[marker.end() :]) for form in forms]
        elif "{" in text:
            if "}" not in text:
                log.warning("missing '}' in %r", line)
                continue
            singular = _phrase(text[: text.index("{")])
            plural = _phrase(text[text.index("{") + 1 : text.index("}")])
            names = [singular, plural] if plural else [singular]
        else:
            singular = _phrase(text)
            names = [singular, _plural(singular)]
        names = [n for n in names if n]
        if names:
            entries.append(AgentEntry(names=names, code=code))
    return entries


def read_discards(path: str | Path) -> list[DiscardEntry]:
    """Read a PETRARCH discard list (``Phoenix.discards.txt``)."""
    entries = []
    for _number, line, _comment in _clean_lines(Path(path)):
        text = line.strip()
        story = text.startswith("+")
        text = text.lstrip("+").strip()
        whole = text.endswith("_")
        phrase = _phrase(text)
        if phrase:
            entries.append(DiscardEntry(phrase=phrase, story=story, whole_word=whole))
    return entries
