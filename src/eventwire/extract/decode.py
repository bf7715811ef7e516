"""Bytes → str for web pages and text files whose declared encoding is often missing or wrong.

Order of trust: a byte-order mark; valid UTF-8 (pages labelled latin-1 are very often UTF-8);
mostly-UTF-8 bytes with stray single-byte characters (pages assembled from several sources), decoded
byte by byte as windows-1252 where UTF-8 fails; the declared charset (HTTP header or ``<meta>``);
charset-normalizer's guess; windows-1252 with replacement as the last resort, so decoding never
fails on text.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

from eventwire.errors import ExtractionError

# Why 20 MB: the largest real news pages (inline images as data: URIs) stay under ~10 MB; beyond
# that it is a dump or an attack, and lxml's memory use grows ~10x the input size.
MAX_INPUT_BYTES = 20 * 1024 * 1024

# Magic numbers of common binary formats that reach a news pipeline by mistake (linked PDFs, images).
BINARY_SIGNATURES = {
    b"%PDF-": "PDF",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive or office document",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "legacy office document",
    b"\x7fELF": "executable",
    b"OggS": "audio/video",
    b"ID3": "MP3 audio",
    b"\x00asm": "WebAssembly",
    b"RIFF": "audio/video/image container",
    b"\x28\xb5\x2f\xfd": "zstd archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-zip archive",
}
GZIP_MAGIC = b"\x1f\x8b"

# Why 5 %: text in any 8-bit encoding has almost no C0 control bytes besides tab/newline/CR/FF/ESC;
# compressed or encrypted data has ~10.5 % (27 of 256 byte values), executables and images more.
MAX_CONTROL_BYTE_SHARE = 0.05
SNIFF_BYTES = 8192
TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
CONTROL_BYTES = bytes(b for b in range(32) if b not in TEXT_CONTROLS)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers (WHATWG Encoding standard) read these labels as windows-1252; so do the pages' authors.
WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})  # codecs' names for latin-1/us-ascii labels
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
HIGH_BYTE = re.compile(rb"[\x80-\xff]")

MIXED_ERRORS = "eventwire-cp1252-fallback"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as windows-1252 (latin-1 for its five undefined bytes)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in chunk
    ), error.end


codecs.register_error(MIXED_ERRORS, _cp1252_fallback)


def check_size(size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise ExtractionError(f"page larger than {MAX_INPUT_BYTES} bytes ({size} bytes)")


def _gunzip(data: bytes) -> bytes:
    """Decompress a gzipped body, never past MAX_INPUT_BYTES (decompression bombs)."""
    inflater = zlib.decompressobj(31)
    try:
        out = inflater.decompress(data, MAX_INPUT_BYTES + 1)
    except zlib.error as exc:
        raise ExtractionError("corrupt gzip content") from exc
    check_size(len(out))
    return out


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM puts a NUL in every other byte (for Latin-script text)."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def sniff_binary(data: bytes) -> str | None:
    """A short name of the binary format ``data`` looks like, or None when it looks like text."""
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return name
    head = data[:SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in BOMS) or _utf16_without_bom(head):
        return None
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if head and controls / len(head) > MAX_CONTROL_BYTE_SHARE:
        return "binary data"
    return None


def _normal_codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if name in WINDOWS_1252_ALIASES else name


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or an XML declaration within its first bytes."""
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    return _normal_codec((match.group(1) or match.group(2)).decode("ascii", "ignore"))


def _mostly_utf8(data: bytes) -> bool:
    """True when UTF-8 sequences account for most high bytes: a UTF-8 page with a few stray bytes.

    Whatever the page declares: single-byte text almost never forms valid UTF-8 sequences by chance.
    """
    sequences = UTF8_MULTIBYTE.findall(data)
    if not sequences:
        return False
    stray = len(HIGH_BYTE.findall(data)) - sum(len(m) for m in sequences)
    return len(sequences) >= stray


def decode_bytes(data: bytes, charset_hint: str | None = None, *, html: bool = True) -> str:
    """Decode page or text bytes to str; raise ExtractionError for oversize, empty or binary input.

    Args:
        data: the raw bytes (gzip is decompressed first).
        charset_hint: a charset from outside the document (an HTTP Content-Type header).
        html: also look for a ``<meta charset>`` declaration.

    Returns:
        The decoded text; undecodable bytes become U+FFFD rather than failing.
    """
    check_size(len(data))
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data)
    if not data or data.isspace():
        raise ExtractionError("empty input")
    binary = sniff_binary(data)
    if binary:
        raise ExtractionError(f"binary content (not text): looks like {binary}")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors=MIXED_ERRORS)
    declared = _normal_codec(charset_hint) or (declared_charset(data) if html else None)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")
