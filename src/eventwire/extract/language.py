"""A cheap language guess: script ranges for CJK/Thai/etc., else stop-word coverage.

Stop words come from jusText's frequency-ordered lists (a trafilatura dependency, so nothing new to
install). A few hundred dictionary look-ups per document cost microseconds, far less than loading a
statistical detector.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

# jusText list name → ISO 639-1. Only languages with a two-letter code; dialect lists are left out
# because they mostly duplicate a larger language's function words.
JUSTEXT_ISO = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Armenian": "hy", "Azerbaijani": "az",
    "Basque": "eu", "Belarusian": "be", "Bengali": "bn", "Bosnian": "bs", "Breton": "br",
    "Bulgarian": "bg", "Catalan": "ca", "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl",
    "English": "en", "Esperanto": "eo", "Estonian": "et", "Finnish": "fi", "French": "fr",
    "Galician": "gl", "Georgian": "ka", "German": "de", "Greek": "el", "Gujarati": "gu", "Hebrew": "he",
    "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Indonesian": "id", "Irish": "ga",
    "Italian": "it", "Kannada": "kn", "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku", "Latvian": "lv",
    "Lithuanian": "lt", "Macedonian": "mk", "Malay": "ms", "Malayalam": "ml", "Maltese": "mt",
    "Marathi": "mr", "Nepali": "ne", "Norwegian_Bokmal": "no", "Persian": "fa", "Polish": "pl",
    "Portuguese": "pt", "Romanian": "ro", "Russian": "ru", "Serbian": "sr", "Slovak": "sk",
    "Slovenian": "sl", "Spanish": "es", "Swahili": "sw", "Swedish": "sv", "Tagalog": "tl", "Tamil": "ta",
    "Telugu": "te", "Turkish": "tr", "Ukrainian": "uk", "Urdu": "ur", "Vietnamese": "vi", "Welsh": "cy",
}  # fmt: skip

# Why 100: the 100 most frequent words of a language cover ~40-50 % of running text and are mostly
# function words; deeper in the lists topical words blur the languages together.
STOPWORDS_PER_LANGUAGE = 100
# Why 200 tokens: a paragraph or two is plenty to separate languages by function words.
SAMPLE_TOKENS = 200
SAMPLE_CHARS = 1600
# Why 0.15: real text in a listed language scores 0.3-0.5; lower means a language we lack or noise.
MIN_COVERAGE = 0.15
MIN_TOKENS = 5
# Why 0.3: a script that covers this share of the letters decides the language by itself.
MIN_SCRIPT_SHARE = 0.3

SCRIPT_RANGES = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana before Han: Japanese mixes both
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
ANY_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
LETTER = re.compile(r"[^\W\d_]")
TOKEN_EDGE = "\"'“”‘’«»()[]{}.,;:!?¿¡-–—…/\\*#"
# Why 0.05: one kana per twenty letters already marks Japanese (Chinese text has none).
MIN_KANA_SHARE = 0.05
LANG_ATTR = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """word → languages whose top stop words contain it (built once per process)."""
    stoplists = resources.files("justext") / "stoplists"
    index: dict[str, list[str]] = {}
    for name, code in JUSTEXT_ISO.items():
        try:
            words = (stoplists / f"{name}.txt").read_text(encoding="utf-8").split()
        except OSError:
            continue
        top = dict.fromkeys(word.lower() for word in words)
        for word in list(top)[:STOPWORDS_PER_LANGUAGE]:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def normalize_language_tag(tag: str | None) -> str | None:
    """'en-US', 'de_DE', 'fr' → ISO 639-1 ('en', 'de', 'fr'); None for empty or malformed tags."""
    if not tag:
        return None
    match = LANG_ATTR.match(tag.strip())
    if not match:
        return None
    code = match.group(1).lower()
    return code if len(code) == 2 else None


def _script_language(sample: str) -> str | None:
    if not ANY_SCRIPT.search(sample):
        return None
    letters = len(LETTER.findall(sample))
    if not letters:
        return None
    kana = len(SCRIPT_RANGES[0][1].findall(sample))
    han = len(SCRIPT_RANGES[1][1].findall(sample))
    if kana / letters >= MIN_KANA_SHARE and (kana + han) / letters >= MIN_SCRIPT_SHARE:
        return "ja"
    for code, pattern in SCRIPT_RANGES[1:]:
        if len(pattern.findall(sample)) / letters >= MIN_SCRIPT_SHARE:
            return code
    return None


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``: the detector when it is confident, else the page's declaration.

    Args:
        text: the article text (only its beginning is read).
        declared: a language tag the page declares (``<html lang>``, ``og:locale``), if any.

    Returns:
        A two-letter code, or None when neither the text nor the declaration tells.
    """
    declared_code = normalize_language_tag(declared)
    sample = text[:SAMPLE_CHARS]
    by_script = _script_language(sample)
    if by_script:
        return by_script
    tokens = [t.strip(TOKEN_EDGE) for t in sample.lower().split(maxsplit=SAMPLE_TOKENS)[:SAMPLE_TOKENS]]
    if len(tokens) < MIN_TOKENS:
        return declared_code
    index = _stopword_index()
    votes: Counter[str] = Counter()
    for codes in filter(None, map(index.get, tokens)):
        votes.update(codes)
    if not votes:
        return declared_code
    ranked = votes.most_common(2)
    best, hits = ranked[0]
    if declared_code and votes.get(declared_code, 0) == hits:
        return declared_code  # a tie with the declaration: trust the page
    if hits / len(tokens) >= MIN_COVERAGE:
        return best
    return declared_code or None
