"""Quotation-mark pairing: balanced, unbalanced, nested and look-alike marks."""

from eventwire.annotate.quotes.marks import find_marked_spans


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


def test_quote_marks_pairs_straight_and_curly_quotes():
    text = 'He said "we will win" and she said “we will not.”'
    assert _texts(text) == ['"we will win"', "“we will not.”"]


def test_quote_marks_unbalanced_mark_stops_at_paragraph_end():
    text = 'He said "we will win and left.\n\nThe next day was calm.\n\nNobody said "anything" then.'
    spans = find_marked_spans(text)
    first = spans[0]
    assert text[first.start : first.end] == '"we will win and left.'
    assert first.unclosed
    assert _texts(text)[1] == '"anything"'


def test_quote_marks_ignore_apostrophes_and_single_quotes():
    text = "It's Trump's 'America First' plan; he's 6' tall."
    assert _texts(text) == []


def test_quote_marks_flag_quotation_continued_in_next_paragraph():
    text = '"We will fight on the beaches.\n\n"We shall never surrender," he said.'
    spans = find_marked_spans(text)
    assert [s.unclosed for s in spans] == [True, False]
    assert spans[1].continued


def test_quote_marks_keep_curly_quotes_nested_in_straight_ones():
    text = '"The department isn’t about “Equal Justice” anymore," she said.'
    assert _texts(text) == ['"The department isn’t about “Equal Justice” anymore,"']


def test_quote_marks_accept_a_mistyped_closing_mark():
    text = "“Apparently not,“ he said. “A leopard doesn’t change its spots.”"
    assert _texts(text) == ["“Apparently not,“", "“A leopard doesn’t change its spots.”"]


def test_quote_marks_skip_markup_attribute_values():
    text = '<tweet author="GovChristie" pic="">Praying for all</tweet>'
    assert _texts(text) == []


def test_quote_marks_read_doubled_apostrophes_as_double_quotes():
    text = "''She came on the stage,'' said Ann Lewis. ''Who is 'she'?''' It's over."
    assert _texts(text) == ["''She came on the stage,''", "''Who is 'she'?'''"]
