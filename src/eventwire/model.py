"""The one data model every stage shares.

Sources yield ``RawDoc``; extraction turns it into an ``Article``; annotation and event coding
fill a ``Document`` whose items are character-offset views (``start``/``end``) into
``Document.text``, which is the stored article text. Everything converts to plain dicts so the
store, the API and Parquet exports see the same fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from eventwire.errors import OverTimeBudget

T = TypeVar("T")

# The kinds of input, named once for the readers, --kind options and their help: a document's
# content, a feed, an archive of records, and "url" for a file that lists URLs.
DOCUMENT_KINDS = ("html", "text")
ARCHIVE_KINDS = ("warc", "jsonl")
INPUT_KINDS = (*DOCUMENT_KINDS, "feed", *ARCHIVE_KINDS)
SOURCE_KINDS = (*INPUT_KINDS, "url")


class SpanIndex(Generic[T]):
    """Items with character spans, looked up by overlap in about logarithmic time.

    A long article has thousands of mentions; checking each candidate against all of them made
    annotation quadratic in the text's length. Spans are kept sorted by start; a look-up scans
    back only as far as the longest span reaches.
    """

    def __init__(self, items: Iterable[T] = (), span: Callable[[T], tuple[int, int]] = lambda x: x) -> None:
        self._span = span
        self._keys: list[tuple[int, int, int]] = []  # (start, end, order)
        self._items: dict[int, T] = {}
        self._longest = 0
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        start, end = self._span(item)
        order = len(self._items)
        insort(self._keys, (start, end, order))
        self._items[order] = item
        self._longest = max(self._longest, end - start)

    def _hits(self, start: int, end: int) -> Iterator[int]:
        keys = self._keys
        i = bisect_left(keys, (end,)) - 1
        while i >= 0 and keys[i][0] > start - self._longest - 1:
            if keys[i][1] > start:
                yield keys[i][2]
            i -= 1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any item's span overlaps ``[start, end)``."""
        return next(self._hits(start, end), None) is not None

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items overlapping ``[start, end)``, in the order they were added."""
        return [self._items[n] for n in sorted(self._hits(start, end))]


def stable_id(*parts: str | None, prefix: str = "") -> str:
    """A short deterministic id: the same inputs always give the same id, across runs and machines."""
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return prefix + digest[:16]


@dataclass(slots=True)
class RawDoc:
    """One item read from a source, before extraction.

    ``item`` names it for humans and error lines (a path, a URL, ``file.warc.gz#record-3``);
    ``kind`` is the content (html or text), ``container`` what it was found in;
    ``metadata`` carries what the container already knew (feed title, JSONL ``published`` …).
    """

    item: str
    content: bytes
    kind: str
    url: str | None = None
    fetched: datetime | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    container: str | None = None  # "feed", "warc", "jsonl" or "url" when the item came inside one


@dataclass(slots=True)
class Failure:
    """An item that could not be read or extracted, with a one-line reason."""

    item: str
    reason: str
    stage: str = "ingest"


def unexpected_reason(exc: Exception) -> str:
    """The one-line reason recorded when an error of ours (not the input's) fails an item."""
    return f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0]


@dataclass(slots=True)
class Article:
    """A clean article: the main text plus its metadata. ``text`` is what every offset points into."""

    text: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    published: date | datetime | None = None  # a date when only the day is known
    fetched: datetime | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None
    source_kind: str = "text"
    item: str | None = None
    raw: bytes | None = field(default=None, repr=False)
    id: str = ""

    def __post_init__(self) -> None:
        from eventwire.dates import coerce_datetime, coerce_published

        self.published = coerce_published(self.published)
        self.fetched = coerce_datetime(self.fetched)
        if not self.id:
            self.id = stable_id(self.canonical_url or self.url, self.text, prefix="a_")

    def to_dict(self, raw: bool = False) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        if not raw:
            data.pop("raw")
        return data


@dataclass(slots=True)
class Span:
    """A character range of ``Document.text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """A named-entity mention as the statistical model found it."""

    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class Actor:
    """A canonical political actor from the actor dictionary."""

    actor_id: str
    name: str
    country: str | None = None
    sector: str | None = None
    cameo_code: str | None = None
    wikidata_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class ActorMention:
    """A span of text resolved to an actor; ``method`` says how (dictionary, title, metonymy …)."""

    start: int
    end: int
    text: str
    actor: Actor
    method: str = "dictionary"
    score: float = 1.0


@dataclass(slots=True)
class Quote:
    """Attributed speech. ``start``/``end`` cover the whole attribution (speaker, cue and content).

    ``speaker`` is the mention at the cue as annotators mark it ("He" in "He said …", "who");
    ``speaker_ref`` is what a pronoun speaker refers to (None for a named speaker, or when nothing
    was found); ``speaker_actor`` is the actor of ``speaker_ref``, else of ``speaker``.
    """

    start: int
    end: int
    content: Span
    kind: str  # "direct" | "indirect"
    speaker: Span | None = None
    cue: Span | None = None
    speaker_actor: Actor | None = None
    speaker_ref: Span | None = None

    @property
    def resolved_speaker(self) -> Span | None:
        """Who speaks: the antecedent of a pronoun speaker, else the speaker mention itself."""
        return self.speaker_ref or self.speaker


@dataclass(slots=True)
class Timex:
    """A time expression normalised to a TIMEX3-style ``value`` (2024-11-19, 2024-W47, P2M …)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    anchor: str | None = None  # what the value was computed from: "dct", an anchor event id …


@dataclass(slots=True)
class Place:
    """Where an event happened: a gazetteer place named in its sentence (``span``: the name's offsets)."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        span = data.get("span")
        if isinstance(span, dict):
            span = Span(span["start"], span["end"], span.get("text", data.get("name", "")))
        return cls(data["name"], data.get("country"), data.get("lat"), data.get("lon"), span)

    def get(self, key: str, default: Any = None) -> Any:
        """Mapping-style access, so readers of the older dict form keep working."""
        return getattr(self, key, default)


@dataclass(slots=True)
class EventActor:
    """One side of an event: the resolved actor, or only the text when unresolved (a generic target).

    ``name`` is the code's name ("Russia (government)"); ``person`` is the person behind the side
    ("Vladimir Putin", the same Actor as ``actor``), None for a code-level actor such as a country.
    """

    code: str | None
    name: str
    span: Span | None = None
    actor: Actor | None = None
    person: Actor | None = None


@dataclass(slots=True)
class Event:
    """A coded political event with its evidence spans and flags."""

    source: EventActor
    target: EventActor | None
    action: Span
    sentence: Span
    cameo_code: str
    root_code: str
    plover_type: str
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    goldstein: float | None = None
    quad_class: int | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    speaker: str | None = None
    event_date: date | None = None
    location: Place | None = None
    confidence: float = 0.5
    coder: str = ""
    id: str = ""


@dataclass(slots=True)
class Document:
    """One article and every annotation of it. Offsets of every item point into ``article.text``.

    Stages fill the lists in place; ``parse`` holds the spaCy parse while the pipeline runs (it is
    never stored or serialised).
    """

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # What a stage left out and why ("events: …"): stored with the article, never dropped silently.
    warnings: list[str] = field(default_factory=list)
    annotator: str = ""
    parse: Any = field(default=None, repr=False, compare=False)
    # Set when annotation stopped (over the time budget): the document is not stored.
    failure: str | None = None
    # ``time.monotonic()`` past which annotation stops, and the budget it came from (seconds).
    deadline: float | None = field(default=None, repr=False, compare=False)
    budget: float | None = field(default=None, repr=False, compare=False)

    def start_clock(self, budget: float | None) -> None:
        """Start the document's time budget (none when ``budget`` is falsy)."""
        self.budget = budget or None
        self.deadline = time.monotonic() + budget if budget else None

    def check_time(self, where: str) -> None:
        """Raise ``OverTimeBudget`` once the document is past its deadline; stages call it between steps."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OverTimeBudget(
                f"annotation stopped: over the time budget of {self.budget:g} s per article (at {where}, "
                f"{len(self.text)} characters); raise article_time_budget to annotate it"
            )

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def title(self) -> str | None:
        return self.article.title

    @property
    def published(self) -> date | datetime | None:
        return self.article.published

    @property
    def article_id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        return to_plain(self)


# Fields that never leave the process: raw page bytes and the spaCy parse.
UNSERIALISED = {"raw", "parse", "failure", "deadline", "budget"}


def to_plain(obj: Any) -> Any:
    """Dataclasses → JSON-ready dicts (dates as ISO strings), recursively."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in UNSERIALISED}
    if isinstance(obj, list | tuple):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    return obj
