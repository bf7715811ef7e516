"""Language guess and byte decoding, the cheap helpers every extracted article goes through."""

from __future__ import annotations

import pytest

from eventwire.extract import ExtractionError
from eventwire.extract.decode import declared_charset, decode_bytes, sniff_binary
from eventwire.extract.language import detect_language, normalize_language_tag

SAMPLES = {
    "en": "The minister said on Tuesday that the government would not change its plans for the border.",
    "de": "Der Minister sagte am Dienstag, dass die Regierung ihre Pläne für die Grenze nicht ändern werde.",
    "fr": "Le ministre a déclaré mardi que le gouvernement ne changerait pas ses plans pour la frontière.",
    "es": "El ministro dijo el martes que el gobierno no cambiaría sus planes para la frontera del país.",
    "it": "Il ministro ha detto martedì che il governo non cambierà i suoi piani per il confine del paese.",
    "pl": "Minister powiedział we wtorek, że rząd nie zmieni swoich planów dotyczących granicy z sąsiadem.",
    "ru": "Министр заявил во вторник, что правительство не изменит свои планы в отношении границы.",
    "zh": "部长周二表示，政府不会改变其边境计划，并将继续与邻国进行谈判。",
    "ja": "大臣は火曜日、政府は国境に関する計画を変更しないと述べた。",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_extract_language_detects(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_extract_language_declaration_used_when_text_too_short() -> None:
    assert detect_language("OK", "pt-BR") == "pt"
    assert detect_language("OK") is None


def test_extract_language_text_beats_wrong_declaration() -> None:
    assert detect_language(SAMPLES["de"], "en-US") == "de"


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("de_DE", "de"), ("FR", "fr"), ("zh-Hant-TW", "zh"), ("", None), ("english", None)],
)
def test_extract_language_tag_normalised(tag: str, code: str | None) -> None:
    assert normalize_language_tag(tag) == code


def test_extract_decode_prefers_valid_utf8_over_wrong_label() -> None:
    data = '<meta charset="iso-8859-1"><p>Zürich – “quoted”</p>'.encode()
    assert "Zürich – “quoted”" in decode_bytes(data)


def test_extract_decode_declared_charset_read() -> None:
    assert declared_charset(b'<html><head><meta charset="windows-1251">') == "cp1251"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "cp1252"
    data = '<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251")
    assert "Москва" in decode_bytes(data)


def test_extract_decode_gzip_body() -> None:
    import gzip

    assert decode_bytes(gzip.compress("<p>Grüße</p>".encode())) == "<p>Grüße</p>"


def test_extract_decode_text_never_sniffed_as_binary() -> None:
    assert sniff_binary(b"Line one\tcolumn\r\nLine two\f\n") is None
    with pytest.raises(ExtractionError, match="binary"):
        decode_bytes(b"\x7fELF\x02\x01\x01" + bytes(100))
