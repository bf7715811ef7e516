"""A small hand-made news store (real articles, offsets and events written through ``Store.write_batch``)
shared by the analysis, API, export and dashboard tests, and the read queries over it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from eventwire.dedup import fingerprint
from eventwire.model import (
    Actor,
    ActorMention,
    Article,
    Document,
    Event,
    EventActor,
    Place,
    Quote,
    Sentence,
    Span,
    Timex,
)
from eventwire.store import queries
from eventwire.store.database import Duplicate, PendingArticle, Store

START = date(2024, 10, 1)
SPIKE_DAY = 50  # the day Russian forces escalate in the fixture world

ACTORS = {
    "Russian forces": Actor("ru-mil", "Russian armed forces", "RUS", "MIL", "RUSMIL"),
    "The Kremlin": Actor("ru-gov", "Government of Russia", "RUS", "GOV", "RUSGOV"),
    "Kyiv": Actor("ua-gov", "Government of Ukraine", "UKR", "GOV", "UKRGOV"),
    "Ukrainian troops": Actor("ua-mil", "Ukrainian armed forces", "UKR", "MIL", "UKRMIL"),
    "civilians in Kharkiv": Actor("ua-cvl", "Ukrainian civilians", "UKR", "CVL", "UKRCVL"),
    "Washington": Actor("us-gov", "Government of the United States", "USA", "GOV", "USAGOV"),
    "Paris": Actor("fr-gov", "Government of France", "FRA", "GOV", "FRAGOV"),
    "The United Nations": Actor("un", "United Nations", None, "IGO", "IGOUNO"),
}
SPEAKERS = {
    "Volodymyr Zelensky": Actor("zelensky", "Volodymyr Zelensky", "UKR", "GOV", "UKRGOV"),
    "Sergei Lavrov": Actor("lavrov", "Sergei Lavrov", "RUS", "GOV", "RUSGOV"),
}


@dataclass(slots=True)
class Act:
    """One sentence ``<source> <verb> <target> on <weekday>.`` and the event it codes."""

    source: str
    verb: str
    target: str
    cameo: str
    plover: str
    goldstein: float
    quad: int
    negated: bool = False


ACCUSE = ("accused", "112", "ACCUSE", -2.0, 3)
CRITICISE = ("criticised", "111", "ACCUSE", -2.0, 3)
AID = ("sent weapons to", "070", "AID", 7.4, 2)
MEET = ("held talks with", "040", "CONSULT", 1.0, 1)
SHELL = ("shelled", "190", "ASSAULT", -10.0, 4)
BOMB = ("bombed", "183", "ASSAULT", -9.0, 4)
SEIZE = ("seized the offices of", "173", "COERCE", -7.0, 4)
DENY_SHELLING = ("did not shell", "190", "ASSAULT", -10.0, 4)


def act(source: str, kind: tuple, target: str, negated: bool = False) -> Act:
    verb, cameo, plover, goldstein, quad = kind
    return Act(source, verb, target, cameo, plover, goldstein, quad, negated)


@dataclass(slots=True)
class Story:
    day: int
    title: str
    acts: list[Act]
    quote: tuple[str, str] | None = None  # (speaker, words)
    site: str = "wire.example"
    extra: list[str] = field(default_factory=list)


def _actor_mention(text: str, start: int, name: str) -> ActorMention:
    return ActorMention(start, start + len(name), text[start : start + len(name)], ACTORS[name])


def build_article(story: Story, index: int) -> PendingArticle:
    """Write the story's text and annotate it with exact offsets, as the NLP stages would."""
    day = START + timedelta(days=story.day)
    published = datetime.combine(day, datetime.min.time()) + timedelta(hours=9)
    weekday = day.strftime("%A")
    parts: list[str] = []
    doc = Document(Article(text="", title=story.title, published=published))
    offset = 0
    for a in story.acts:
        verb = a.verb
        tgt_text = "t" + a.target[1:] if a.target.startswith("The ") else a.target
        sentence = f"{a.source} {verb} {tgt_text} on {weekday}."
        s0 = offset
        src_start = s0
        verb_start = src_start + len(a.source) + 1
        tgt_start = verb_start + len(verb) + 1
        time_start = tgt_start + len(tgt_text) + 4
        doc.sentences.append(Sentence(s0, s0 + len(sentence)))
        src_m = ActorMention(src_start, src_start + len(a.source), a.source, ACTORS[a.source])
        tgt_m = ActorMention(tgt_start, tgt_start + len(tgt_text), tgt_text, ACTORS[a.target])
        doc.actors += [src_m, tgt_m]
        doc.timexes.append(Timex(time_start, time_start + len(weekday), weekday, "DATE", day.isoformat(), "dct"))
        src_actor, tgt_actor = ACTORS[a.source], ACTORS[a.target]
        doc.events.append(
            Event(
                source=EventActor(
                    src_actor.cameo_code, src_actor.name, Span(src_m.start, src_m.end, a.source), src_actor
                ),
                target=EventActor(
                    tgt_actor.cameo_code, tgt_actor.name, Span(tgt_m.start, tgt_m.end, tgt_text), tgt_actor
                ),
                action=Span(verb_start, verb_start + len(verb), verb),
                sentence=Span(s0, s0 + len(sentence), sentence),
                cameo_code=a.cameo,
                root_code=a.cameo[:2],
                plover_type=a.plover,
                goldstein=a.goldstein,
                quad_class=a.quad,
                negated=a.negated,
                event_date=day,
                location=Place("Kharkiv", "UA", 49.99, 36.23) if a.quad == 4 else None,
                confidence=0.9,
                coder="test",
            )
        )
        parts.append(sentence)
        offset += len(sentence) + 1
    if story.quote:
        speaker, words = story.quote
        sentence = f'"{words}," said {speaker}.'
        content_start = offset + 1
        speaker_start = offset + len(words) + 9
        doc.sentences.append(Sentence(offset, offset + len(sentence)))
        doc.quotes.append(
            Quote(
                start=offset,
                end=offset + len(sentence) - 1,
                content=Span(content_start, content_start + len(words), words),
                kind="direct",
                speaker=Span(speaker_start, speaker_start + len(speaker), speaker),
                cue=Span(speaker_start - 5, speaker_start - 1, "said"),
                speaker_actor=SPEAKERS[speaker],
            )
        )
        parts.append(sentence)
        offset += len(sentence) + 1
    for extra in story.extra:
        doc.sentences.append(Sentence(offset, offset + len(extra)))
        parts.append(extra)
        offset += len(extra) + 1
    text = " ".join(parts)
    url = f"https://{story.site}/{day.isoformat()}/story-{index}"
    article = Article(
        text=text,
        title=story.title,
        url=url,
        canonical_url=url,
        published=published,
        site=story.site,
        source_kind="html",
    )
    doc.article = article
    return PendingArticle(article, fingerprint(text, url), document=doc, annotator="test")


BACKGROUND = (
    "The front line has barely moved in months, and both sides report heavy losses. "
    "Diplomats in several capitals say a negotiated settlement remains distant."
)


def fixture_stories() -> list[Story]:
    """Sixty days: steady verbal conflict between Russia and Ukraine, Western aid, talks, then an
    escalation on day 50 reported by two outlets, plus a negated claim."""
    stories: list[Story] = []
    for day in range(0, SPIKE_DAY, 3):
        stories.append(Story(day, f"Kremlin accuses Kyiv, day {day}", [act("The Kremlin", ACCUSE, "Kyiv")]))
    for day in range(1, SPIKE_DAY, 5):
        quote = ("Volodymyr Zelensky", "We will not give up an inch of our land") if day % 10 == 1 else None
        stories.append(Story(day, f"Kyiv criticises Moscow, day {day}", [act("Kyiv", CRITICISE, "The Kremlin")], quote))
    for day in range(2, 60, 7):
        stories.append(
            Story(day, f"Washington sends aid, day {day}", [act("Washington", AID, "Kyiv")], site="daily.example")
        )
    for day in (4, 18, 33):
        quote = ("Sergei Lavrov", "Our door remains open to dialogue") if day == 18 else None
        stories.append(Story(day, f"Paris and Moscow talk, day {day}", [act("Paris", MEET, "The Kremlin")], quote))
    spike = [
        act("Russian forces", SHELL, "Ukrainian troops"),
        act("Russian forces", BOMB, "civilians in Kharkiv"),
        act("Russian forces", SEIZE, "Kyiv"),
    ]
    stories.append(Story(SPIKE_DAY, "Russian forces launch heavy assault on Kharkiv", spike, extra=[BACKGROUND]))
    stories.append(
        Story(SPIKE_DAY, "Kharkiv under fire as Russia escalates", spike[:2], site="daily.example", extra=[BACKGROUND])
    )
    stories.append(
        Story(
            52,
            "Moscow denies new strikes",
            [act("Russian forces", DENY_SHELLING, "civilians in Kharkiv", negated=True)],
        )
    )
    stories.append(Story(55, "UN condemns attacks", [act("The United Nations", CRITICISE, "Russian forces")]))
    return stories


@dataclass(slots=True)
class NewsStore:
    path: Path
    articles: list[PendingArticle]

    def article_titled(self, title: str) -> PendingArticle:
        return next(p for p in self.articles if p.article.title == title)


def build_news_store(path: Path) -> NewsStore:
    """Write the fixture world into a new store file, with one syndicated copy linked as a duplicate."""
    pending = [build_article(story, i) for i, story in enumerate(fixture_stories())]
    with Store(path) as store:
        store.write_batch(pending)
        lead = next(p for p in pending if p.article.title.startswith("Russian forces launch"))
        copy = Article(
            text=lead.article.text + " (wire copy)",
            title="Syndicated: heavy assault on Kharkiv",
            url="https://mirror.example/kharkiv",
            item="https://mirror.example/kharkiv",
        )
        store.record_duplicate(copy, Duplicate(lead.article.id, "near", 0.93))
    return NewsStore(path, pending)


@pytest.fixture()
def news(tmp_path: Path) -> NewsStore:
    return build_news_store(tmp_path / "news.duckdb")


def test_build_article_offsets_point_at_the_evidence():
    p = build_article(
        Story(3, "t", [act("Russian forces", SHELL, "Ukrainian troops")], ("Sergei Lavrov", "No comment")), 0
    )
    text, ev = p.article.text, p.document.events[0]
    assert text[ev.action.start : ev.action.end] == "shelled"
    assert text[ev.source.span.start : ev.source.span.end] == "Russian forces"
    assert text[ev.target.span.start : ev.target.span.end] == "Ukrainian troops"
    q = p.document.quotes[0]
    assert text[q.content.start : q.content.end] == "No comment"
    assert text[q.speaker.start : q.speaker.end] == "Sergei Lavrov"
    assert text[q.cue.start : q.cue.end] == "said"
    assert text[p.document.timexes[0].start : p.document.timexes[0].end] == "Friday"


def test_queries_filter_events_by_actor_dyad_type_dates_and_flags(news):
    with Store(news.path, read_only=True) as store:
        everything = queries.count_events(store, queries.EventFilter())
        russia = queries.list_events(store, queries.EventFilter(actor="RUS"), limit=500)
        assert russia and all("RUS" in (e["source_code"] + e["target_code"]) for e in russia)
        assert len(russia) < everything
        dyad = queries.list_events(store, queries.EventFilter(dyad=("RUS", "UKR")), sort="goldstein", limit=500)
        assert dyad and all(e["source_code"].startswith("RUS") and e["target_code"].startswith("UKR") for e in dyad)
        assert dyad[0]["goldstein"] == -10.0
        assaults = queries.list_events(store, queries.EventFilter(plover_type="assault", negated=False))
        assert {e["root_code"] for e in assaults} == {"18", "19"}
        assert all(not e["negated"] for e in assaults)
        negated = queries.list_events(store, queries.EventFilter(negated=True))
        assert len(negated) == 1 and negated[0]["event_date"] == START + timedelta(days=52)
        window = queries.EventFilter(since=START + timedelta(days=10), until=START + timedelta(days=12))
        assert all(
            START + timedelta(days=10) <= e["event_date"] <= START + timedelta(days=12)
            for e in queries.list_events(store, window)
        )
        found = queries.list_events(store, queries.EventFilter(text="bombed"))
        assert [e["root_code"] for e in found] == ["18"]
        page1 = queries.list_events(store, queries.EventFilter(), limit=5)
        page2 = queries.list_events(store, queries.EventFilter(), limit=5, offset=5)
        assert len(page1) == 5 and not {e["event_id"] for e in page1} & {e["event_id"] for e in page2}
        with pytest.raises(ValueError, match="unknown sort key"):
            queries.list_events(store, queries.EventFilter(), sort="event_id; DROP TABLE events")


def test_queries_event_detail_groups_both_reports_of_the_assault(news):
    with Store(news.path, read_only=True) as store:
        shelling = queries.list_events(store, queries.EventFilter(root_code="19", negated=False))
        assert len(shelling) == 1 and shelling[0]["num_articles"] == 2
        detail = queries.event_detail(store, shelling[0]["event_id"])
        assert len(detail["mentions"]) == 2
        for m in detail["mentions"]:
            text = queries.article_detail(store, m["article_id"])["text"]
            assert text[m["action_start"] : m["action_end"]] == "shelled"
            assert text[m["sentence_start"] : m["sentence_end"]] == m["sentence"]
        assert queries.event_detail(store, "e_missing") is None


def test_queries_article_detail_quotes_and_actors(news):
    lead = news.article_titled("Russian forces launch heavy assault on Kharkiv")
    with Store(news.path, read_only=True) as store:
        detail = queries.article_detail(store, lead.article.id)
        assert len(detail["event_mentions"]) == 3
        assert detail["duplicates"][0]["kind"] == "near"
        assert {a["text"] for a in detail["annotations"]["actor_mentions"]} >= {"Russian forces", "Kyiv"}
        quotes, total = queries.list_quotes(store, speaker="lavrov")
        assert total == 1 and quotes[0]["content"] == "Our door remains open to dialogue"
        by_code, _ = queries.list_quotes(store, speaker="UKRGOV")
        assert by_code and all(q["speaker"] == "Volodymyr Zelensky" for q in by_code)
        actors = queries.list_actors(store)
        assert actors[0]["events"] >= actors[-1]["events"]
        kremlin = next(a for a in queries.list_actors(store, search="RUSGOV"))
        assert kremlin["events_as_source"] > 0 and kremlin["events_as_target"] > 0
        articles, total = queries.list_articles(store, search="Kharkiv")
        assert total == 3 and all("Kharkiv" in a["title"] or a["event_mentions"] for a in articles)
