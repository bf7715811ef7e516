"""Synthetic political news for benchmarks and scale tests: realistic text, known provenance.

Real archives cannot be shipped or grown on demand, so benchmarks build their corpus here: each
article strings together events (meetings, accusations, threats, attacks, sanctions, aid, talks)
between actors drawn from small tables of governments, leaders, ministers, spokespeople and
international organisations, with attributed quotes and relative dates, wrapped in one of a few
site layouts. Countries and organisations are real; every person is invented. Article ``i`` of a
seed depends only on ``(seed, i)``, so a larger corpus extends a smaller one.
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# (country, demonym, capital, other city, invented leader, invented foreign minister)
COUNTRIES = (
    ("France", "French", "Paris", "Marseille", "Claire Dumont", "Julien Moreau"),
    ("Germany", "German", "Berlin", "Hamburg", "Markus Albers", "Katrin Vogel"),
    ("Russia", "Russian", "Moscow", "St. Petersburg", "Oleg Varenko", "Dmitri Sorin"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv", "Andriy Melnyk", "Olena Kravets"),
    ("China", "Chinese", "Beijing", "Shanghai", "Li Weiming", "Zhao Hong"),
    ("Japan", "Japanese", "Tokyo", "Osaka", "Kenji Morita", "Yui Tanabe"),
    ("India", "Indian", "New Delhi", "Mumbai", "Arvind Rao", "Meera Iyer"),
    ("Pakistan", "Pakistani", "Islamabad", "Lahore", "Tariq Mahmood", "Sana Qureshi"),
    ("Iran", "Iranian", "Tehran", "Isfahan", "Reza Kazemi", "Hossein Farahani"),
    ("Israel", "Israeli", "Jerusalem", "Tel Aviv", "Avi Ben-Haim", "Noa Levin"),
    ("Turkey", "Turkish", "Ankara", "Istanbul", "Emre Aksoy", "Selin Kaya"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria", "Karim Nassar", "Hala Mansour"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos", "Chinedu Okafor", "Amina Bello"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa", "Daniel Otieno", "Grace Wanjiru"),
    ("Brazil", "Brazilian", "Brasilia", "Sao Paulo", "Rafael Duarte", "Luisa Campos"),
    ("Mexico", "Mexican", "Mexico City", "Guadalajara", "Alejandro Ruiz", "Mariana Soto"),
    ("Canada", "Canadian", "Ottawa", "Toronto", "Ethan Clarke", "Sophie Tremblay"),
    ("United States", "American", "Washington", "New York", "Thomas Whitfield", "Rachel Grant"),
    ("United Kingdom", "British", "London", "Manchester", "Oliver Hale", "Priya Shah"),
    ("Poland", "Polish", "Warsaw", "Krakow", "Piotr Nowicki", "Agata Wrobel"),
)
# Heads of government alternate between titles so the text is not uniform.
LEADER_TITLES = ("President", "Prime Minister")
MINISTRIES = ("Defence Minister", "Interior Minister", "Trade Minister", "Finance Minister")
ORGANISATIONS = (
    ("the United Nations", "UN Secretary-General", "Helena Brandt"),
    ("the European Union", "EU foreign policy chief", "Marco Ferretti"),
    ("NATO", "NATO Secretary-General", "Lars Eriksen"),
    ("the African Union", "African Union Commission chairperson", "Fatou Diallo"),
    ("the International Atomic Energy Agency", "IAEA Director General", "Ramon Ortega"),
    ("the World Health Organization", "WHO Director-General", "Ingrid Solberg"),
)
TOPICS = (
    "border security",
    "a long-delayed trade agreement",
    "grain exports through the Black Sea",
    "a prisoner exchange",
    "energy supplies for the coming winter",
    "the nuclear programme",
    "a ceasefire in the disputed region",
    "refugee flows",
    "cooperation on counter-terrorism",
    "debt relief",
)
ACCUSATIONS = (
    "violating the ceasefire",
    "interfering in its elections",
    "supplying weapons to armed groups",
    "mistreating detained journalists",
    "launching cyberattacks on government networks",
    "breaking the terms of the trade deal",
)
TARGETS = ("a military base", "an ammunition depot", "a border post", "a power station", "a supply convoy")
SANCTION_TARGETS = ("banks", "energy companies", "senior officials", "arms exporters", "shipping firms")
RELATIVE_DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday")
OTHER_WHEN = ("last week", "earlier this month", "yesterday", "on Tuesday evening", "late on Friday")
FUTURE_WHEN = ("next week", "later this month", "on Thursday", "before the end of the year")
SAY_VERBS = ("said", "said", "told reporters", "said in a statement", "wrote on social media")
SITES = ("worldwire.example", "dailyledger.example", "globalpost.example", "capitalherald.example")
# Wire stories reappear on other sites: this share of articles copies one of the previous
# SYNDICATION_MIN_INDEX articles, so duplicates fall both inside and across partitions.
SYNDICATED_SHARE = 0.04
SYNDICATION_MIN_INDEX = 8
# Publication dates spread over two years from this day, so relative dates resolve to many days.
EPOCH = datetime(2023, 1, 2, 6, 0, tzinfo=UTC)
SPREAD_DAYS = 730


@dataclass(slots=True)
class GeneratedArticle:
    url: str
    title: str
    text: str
    published: datetime
    html: str


@dataclass(slots=True)
class _Actor:
    """A side in a story: how to name it in full, briefly, and who speaks for it."""

    full: str
    short: str
    country: str | None
    spokesperson: str
    body: str  # the state or organisation it stands for, as event sentences name it


class _Story:
    """One article's random choices, kept together so paragraphs refer to the same actors."""

    def __init__(self, rng: random.Random, published: datetime):
        self.rng = rng
        self.published = published
        first, second = rng.sample(COUNTRIES, 2)
        self.place = first
        self.a = self._government_actor(first)
        self.b = self._government_actor(second)
        org, org_title, org_head = rng.choice(ORGANISATIONS)
        self.org = _Actor(f"{org_title} {org_head}", org_head.split()[-1], None, f"a spokesperson for {org}", org)
        self.introduced: set[str] = set()
        self.org_name = org

    def _government_actor(self, country: tuple[str, ...]) -> _Actor:
        name, demonym, _capital, _city, leader, minister = country
        roll = self.rng.random()
        if roll < 0.4:
            title = self.rng.choice(LEADER_TITLES)
            full, short = f"{demonym} {title} {leader}", leader.split()[-1]
        elif roll < 0.75:
            full, short = f"{demonym} Foreign Minister {minister}", minister.split()[-1]
        elif roll < 0.9:
            role = self.rng.choice(MINISTRIES)
            full, short = f"{demonym} {role} {minister}", minister.split()[-1]
        else:
            full, short = f"the {demonym} government", f"the {demonym} government"
        return _Actor(full, short, name, f"a spokesperson for the {demonym} foreign ministry", name)

    def name(self, actor: _Actor) -> str:
        """The full name on first mention, the short one afterwards, as news style has it."""
        if actor.full in self.introduced:
            return actor.short
        self.introduced.add(actor.full)
        return actor.full

    def when(self) -> str:
        return self.rng.choice(RELATIVE_DAYS)

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


def _event_sentence(story: _Story, kind: str, a: _Actor, b: _Actor) -> str:
    rng, when = story.rng, story.when()
    capital = story.place[2]
    if kind == "met":
        return f"{story.name(a)} met {story.name(b)} in {capital} {when} to discuss {rng.choice(TOPICS)}."
    if kind == "accused":
        return f"{story.name(a)} {when} accused {b.body} of {rng.choice(ACCUSATIONS)}."
    if kind == "threatened":
        return (
            f"{story.name(a)} threatened {when} to cut diplomatic ties with {b.body} "
            f"unless it stopped {rng.choice(ACCUSATIONS)}."
        )
    if kind == "attacked":
        killed = story.number(2, 40)
        return (
            f"{a.body} forces attacked {rng.choice(TARGETS)} near {b.body}'s border "
            f"{when}, killing {killed} people, local officials said."
        )
    if kind == "sanctioned":
        return (
            f"{a.body} imposed new sanctions on {b.body} {when}, targeting "
            f"{rng.choice(SANCTION_TARGETS)} over {rng.choice(ACCUSATIONS)}."
        )
    if kind == "aid":
        amount = story.number(5, 900)
        return f"{a.body} pledged ${amount} million in humanitarian aid to {b.body} {when}."
    return (
        f"Negotiators from {a.body} and {b.body} held talks {when} on "
        f"{rng.choice(TOPICS)}, according to officials familiar with the discussions."
    )


EVENT_KINDS = ("met", "accused", "threatened", "attacked", "sanctioned", "aid", "negotiated")
HEADLINES = {
    "met": "{a} and {b} leaders meet over {topic}",
    "accused": "{a} accuses {b} of {accusation}",
    "threatened": "{a} threatens to cut ties with {b}",
    "attacked": "Deadly strike near {b} border blamed on {a}",
    "sanctioned": "{a} slaps new sanctions on {b}",
    "aid": "{a} pledges aid to {b}",
    "negotiated": "{a} and {b} resume talks on {topic}",
}
QUOTE_LINES = (
    "We will not accept any attempt to change borders by force",
    "Our door remains open to dialogue, but patience is running out",
    "This is a serious escalation and it will have consequences",
    "The agreement is within reach if both sides show good faith",
    "We have been clear that these actions violate international law",
    "The humanitarian situation is getting worse every day",
    "Nobody wants a wider war in the region",
)
INDIRECT_CLAUSES = (
    "the talks had been constructive but that no agreement had been reached",
    "the government would respond with all necessary measures",
    "more than 10,000 people had been displaced by the fighting",
    "the sanctions were aimed at individuals rather than ordinary citizens",
    "a second round of negotiations could take place next month",
)


def _quote_paragraph(story: _Story, speaker: _Actor) -> str:
    rng = story.rng
    line = rng.choice(QUOTE_LINES)
    style = rng.randrange(3)
    if style == 0:
        return f'"{line}," {story.name(speaker)} {rng.choice(SAY_VERBS)}.'
    if style == 1:
        first = _capitalise(f"{story.name(speaker)} said that {rng.choice(INDIRECT_CLAUSES)}. ")
        return first + f'"{line}," {story.name(speaker)} added.'
    second = rng.choice(QUOTE_LINES)
    return f'"{line}," said {speaker.spokesperson}. "{second}."'


ANALYSTS = (
    ("Nadia Petrov", "the Institute for Security Studies"),
    ("James Okoro", "the Centre for Strategic Affairs"),
    ("Elena Sarto", "the Global Policy Forum"),
    ("Hiroshi Kane", "the Asia-Pacific Research Council"),
    ("Laura Jensen", "the Nordic Institute of International Affairs"),
)
ANALYSES = (
    "Both governments need a deal more than they are willing to admit",
    "The risk is that a small incident spirals into something nobody can control",
    "Sanctions rarely change behaviour quickly, but they raise the cost of delay",
    "What we are seeing is a test of how far each side is prepared to go",
)
DOMESTIC = (
    "opposition lawmakers accused the government of acting too slowly",
    "thousands of protesters gathered outside parliament",
    "the cabinet held an emergency session that lasted late into the night",
    "business groups warned that the dispute could cost jobs",
)


def _explicit_date(story: _Story) -> str:
    """A calendar date shortly before publication, written as news does ("on March 3")."""
    day = story.published - timedelta(days=story.number(1, 20))
    return f"on {day:%B} {day.day}"


def _background(story: _Story) -> str:
    rng = story.rng
    months = story.number(2, 30)
    return (
        f"Relations between {story.a.country or 'the two sides'} and {story.b.country or 'its neighbour'} "
        f"have been strained for {months} months, and the dispute over {rng.choice(TOPICS)} flared again "
        f"{_explicit_date(story)}. Diplomats said a meeting of {story.org_name} could take up the issue "
        f"{rng.choice(FUTURE_WHEN)}."
    )


def _analyst_paragraph(story: _Story) -> str:
    name, institute = story.rng.choice(ANALYSTS)
    return f'"{story.rng.choice(ANALYSES)}," said {name}, an analyst at {institute}.'


def _domestic_paragraph(story: _Story) -> str:
    side = story.rng.choice((story.a, story.b))
    capital = next(c[2] for c in COUNTRIES if c[0] == side.country)
    return f"In {capital}, {story.rng.choice(DOMESTIC)} {story.when()}."


def _figures_paragraph(story: _Story) -> str:
    fled = story.number(2, 90) * 1000
    return (
        f"{story.org_name[0].upper()}{story.org_name[1:]} estimates that {fled:,} people have left the area "
        f"since the clashes began {_explicit_date(story)}, and aid agencies say shelters are close to capacity."
    )


def _story_paragraphs(story: _Story, lead_kind: str) -> list[str]:
    rng = story.rng
    city = story.place[2].upper()
    lead = f"{city} — {_event_sentence(story, lead_kind, story.a, story.b)}"
    quote_a = _quote_paragraph(story, story.a)
    reply = _event_sentence(story, rng.choice(EVENT_KINDS), story.b, story.a) + " " + _quote_paragraph(story, story.b)
    # Paragraphs are written in their final order so first mentions carry the full name.
    optional = [
        lambda: _background(story),
        lambda: (
            f"{_capitalise(story.name(story.org))} called on both sides to show restraint {story.when()}. "
            + _quote_paragraph(story, story.org)
        ),
        lambda: _analyst_paragraph(story),
        lambda: _domestic_paragraph(story),
        lambda: _figures_paragraph(story),
        lambda: _event_sentence(story, rng.choice(EVENT_KINDS), story.a, story.org if rng.random() < 0.3 else story.b),
    ]
    rng.shuffle(optional)
    chosen = [quote_a, reply] + [make() for make in optional[: rng.randint(4, len(optional))]]
    if rng.random() < 0.5:
        demonym = next((c[1] for c in COUNTRIES if c[0] == story.b.country), "foreign")
        chosen.append(f"The {demonym} embassy in {story.place[2]} did not respond to a request for comment.")
    return [lead, *(_capitalise(p) for p in chosen)]


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _headline(story: _Story, kind: str) -> str:
    rng = story.rng
    template = HEADLINES[kind]
    return template.format(
        a=story.a.country or story.a.short,
        b=story.b.country or story.b.short,
        topic=rng.choice(TOPICS),
        accusation=rng.choice(ACCUSATIONS),
    )


def _slug(title: str) -> str:
    return "-".join("".join(ch for ch in word if ch.isalnum()) for word in title.lower().split())[:60]


def generate_article(index: int, seed: int = 0) -> GeneratedArticle:
    """Article ``index`` of corpus ``seed``: the same pair always gives the same article.

    A share of articles are syndicated copies of an earlier one (same story on another site,
    sometimes without its last paragraph), as wire stories are in real crawls.
    """
    rng = random.Random(f"eventwire-generate:{seed}:{index}")
    published = EPOCH + timedelta(days=rng.randrange(SPREAD_DAYS), minutes=rng.randrange(16 * 60))
    site = rng.choice(SITES)
    if index >= SYNDICATION_MIN_INDEX and rng.random() < SYNDICATED_SHARE:
        original = generate_article(rng.randrange(index - SYNDICATION_MIN_INDEX, index), seed)
        paragraphs = original.text.split("\n\n")
        if rng.random() < 0.5 and len(paragraphs) > 4:
            paragraphs = paragraphs[:-1]
        title, text = original.title, "\n\n".join(paragraphs)
        published = original.published + timedelta(hours=rng.randint(1, 30))
    else:
        story = _Story(rng, published)
        kind = rng.choice(EVENT_KINDS)
        title = _headline(story, kind)
        text = "\n\n".join(_story_paragraphs(story, kind))
    url = f"https://{site}/{published:%Y/%m/%d}/{_slug(title)}-{seed}-{index}"
    return GeneratedArticle(url, title, text, published, render_html(site, url, title, text, published, rng))


def generate_articles(n: int, seed: int = 0) -> Iterator[GeneratedArticle]:
    """``n`` varied political news articles, deterministic by ``seed``."""
    for index in range(n):
        yield generate_article(index, seed)


def render_html(site: str, url: str, title: str, text: str, published: datetime, rng: random.Random) -> str:
    """A news page around the text: navigation, share bar, related links and footer chrome."""
    esc = html.escape
    paragraphs = "\n".join(f"      <p>{esc(p)}</p>" for p in text.split("\n\n"))
    sections = rng.sample(["World", "Politics", "Business", "Europe", "Asia", "Africa", "Americas", "Opinion"], 5)
    nav = "".join(f'<li><a href="https://{site}/{s.lower()}">{s}</a></li>' for s in sections)
    related = "".join(
        f'<li><a href="https://{site}/related/{rng.randrange(10**6)}">{esc(_headline(_Story(rng, published), k))}</a></li>'
        for k in rng.sample(EVENT_KINDS, 3)
    )
    stamp = published.isoformat()
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} | {site}</title>
  <link rel="canonical" href="{esc(url)}">
  <meta property="og:title" content="{esc(title)}">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="{stamp}">
</head>
<body>
  <header class="site-header"><a class="logo" href="https://{site}/">{site}</a>
    <nav><ul>{nav}</ul></nav>
    <button class="subscribe">Subscribe</button>
  </header>
  <main>
    <article>
      <h1>{esc(title)}</h1>
      <div class="byline">By Staff Reporter · <time datetime="{stamp}">{published:%B %d, %Y}</time></div>
{paragraphs}
    </article>
    <div class="share">Share this article: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
    <aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
  </main>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
  <footer><p>© {published:%Y} {site}. All rights reserved.</p>
    <a href="https://{site}/privacy">Privacy policy</a> · <a href="https://{site}/terms">Terms of use</a>
  </footer>
</body>
</html>
"""


def write_warc(path: str | Path, articles: Iterable[GeneratedArticle]) -> int:
    """Write articles as a gzipped WARC (warcinfo, then one HTTP response record each); returns the count."""
    count = 0
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = writer.create_warcinfo_record(
            Path(path).name, {"software": "eventwire benchmarks.synthetic", "format": "WARC File Format 1.1"}
        )
        writer.write_record(info)
        for article in articles:
            body = article.html.encode("utf-8")
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            fetched = article.published + timedelta(hours=2)
            record = writer.create_warc_record(
                article.url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": fetched.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)
            count += 1
    return count
