"""Sources: files, directories, globs, stdin, URLs, feeds, WARC and JSONL → RawDoc | Failure.

``read_sources`` is the entry point; ``fetch`` holds the only network code (``fetch_url``), and
``feeds.poll_feed`` polls a feed URL with conditional GET.
"""

from eventwire.errors import FetchError
from eventwire.sources.detect import detect_kind
from eventwire.sources.feeds import FeedState, poll_feed
from eventwire.sources.fetch import FetchResult, FetchSettings, fetch_url
from eventwire.sources.reader import read_sources

__all__ = [
    "FeedState",
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "detect_kind",
    "fetch_url",
    "poll_feed",
    "read_sources",
]
