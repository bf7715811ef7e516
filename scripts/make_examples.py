"""Build examples/news.warc.gz: a small web archive of three news pages, byte-for-byte reproducible.

The pages are written here (project-authored, fictional details), wrapped in site chrome, and
stored as HTTP response records with fixed dates and record ids, next to the records a real crawl
also holds (warcinfo, requests, a robots.txt and a stylesheet) so readers must skip those.

    .venv/bin/python scripts/make_examples.py
"""

from __future__ import annotations

import html
import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WARC_PATH = EXAMPLES / "news.warc.gz"
# Record ids derive from this namespace and the URI, so rebuilding gives identical bytes.
RECORD_NAMESPACE = uuid.UUID("6f1c2b0e-3d4a-4b8e-9a57-0c1d2e3f4a5b")


@dataclass(frozen=True)
class Page:
    url: str
    site: str
    section: str
    headline: str
    author: str
    published: str  # ISO 8601, also the crawl date base
    crawled: str  # WARC-Date
    paragraphs: tuple[str, ...]


COLOMBIA = Page(
    url="https://www.andesobserver.example/politics/2025/03/08/colombia-eln-peace-talks-resume",
    site="Andes Observer",
    section="Politics",
    headline="Colombia and ELN rebels agree to resume peace talks after six-month pause",
    author="Camilo Restrepo",
    published="2025-03-08T15:00:00-05:00",
    crawled="2025-03-08T21:12:09Z",
    paragraphs=(
        "BOGOTA - Colombia's government and the National Liberation Army (ELN) rebel group agreed on Friday to "
        "resume peace negotiations in Caracas later this month, ending a six-month suspension that followed a "
        "deadly attack on a military base.",
        "The announcement came in a joint statement read by representatives of Venezuela and Norway, which act as "
        "guarantors of the process. The two delegations will meet on March 24, the statement said.",
        '"We are returning to the table because Colombians want peace, not because the ELN has earned our trust," '
        "government peace commissioner Mariana Ospina told reporters in Bogota. She said the government would "
        "insist on an end to kidnappings before discussing a new ceasefire.",
        "ELN negotiator Aureliano Carvajal said in a video message that the group was ready to discuss a "
        '"humanitarian agreement" but would not lay down its weapons "as long as the causes of the conflict '
        'remain".',
        "Talks were suspended in September after a truck bomb attack on a military base in Arauca killed two "
        "soldiers. The army said on Thursday that its troops had clashed with ELN fighters in Norte de Santander "
        "earlier this week, leaving one soldier dead.",
        "The human rights ombudsman's office said more than 20,000 people had been displaced by fighting between "
        "armed groups in the Catatumbo region since January.",
    ),
)

PAKISTAN = Page(
    url="https://asialedger.example/south-asia/pakistan-airstrikes-paktika-khost-taliban-response",
    site="Asia Ledger",
    section="South Asia",
    headline="Pakistani airstrikes hit eastern Afghanistan; Taliban vow to respond",
    author="Farid Rahimi",
    published="2025-03-09T11:30:00+04:30",
    crawled="2025-03-09T09:48:51Z",
    paragraphs=(
        "KABUL/ISLAMABAD - Pakistani warplanes struck what Islamabad described as militant hideouts in "
        "Afghanistan's Paktika and Khost provinces overnight, killing at least eight people, Taliban officials "
        "said on Sunday, and the Taliban administration vowed to retaliate.",
        "Taliban government spokesman Abdul Qadir Hamidi said the dead included women and children and that the "
        "strikes had destroyed several homes in the Barmal district. \"This is a violation of Afghanistan's "
        'sovereignty and will not go unanswered," he said in a statement.',
        "Pakistan's military did not confirm the strikes directly, but a security official in Islamabad said the "
        "targets were camps used by the Pakistani Taliban, or Tehreek-e-Taliban Pakistan (TTP), which Islamabad "
        "blames for a surge of attacks on its soldiers. A suicide bombing at a checkpoint in North Waziristan "
        "killed 11 soldiers last week.",
        "Pakistan's Foreign Office spokeswoman Amna Siddiqui said on Saturday that Pakistan \"will take all "
        'necessary measures to protect its citizens" and again urged Kabul to stop militants from using Afghan '
        "soil. The Taliban deny sheltering the TTP.",
        "China, which has close ties with both governments, called for restraint. The United Nations Assistance "
        "Mission in Afghanistan said it was seeking information about civilian casualties.",
    ),
)

# The Global Dispatch story in examples/html/, as syndicated by a wire service: new headline, new
# chrome, a reworded opening, the last paragraph cut. Deduplication should find the pair.
SUDAN_SYNDICATED = Page(
    url="https://horizonwire.example/world/africa/sudan-army-rsf-negotiators-jeddah",
    site="Horizon Wire",
    section="World",
    headline="Sudan army and RSF to send negotiators to Jeddah, mediators say",
    author="Horizon Wire staff",
    published="2025-03-06T14:05:00Z",
    crawled="2025-03-06T16:30:27Z",
    paragraphs=(
        "Sudan's army and the paramilitary Rapid Support Forces have agreed to send delegations to Jeddah next "
        "week for a new round of ceasefire talks, Saudi Arabia and the United States said on Wednesday, the first "
        "direct negotiations between the two sides in more than a year.",
        "In a joint statement, the two mediators said the talks would focus on a nationwide humanitarian truce and "
        "on safe corridors for aid convoys into Darfur and Kordofan. The African Union and the United Arab "
        "Emirates will attend as observers, the statement said.",
        '"We have agreed to go to Jeddah because the suffering of our people must end," army spokesman Brigadier '
        "General Khalid Osman said in a televised address. He added that the army would not accept any deal that "
        'allowed the RSF "to keep the cities it has looted".',
        "An RSF adviser, Yousif Tirab, said the group welcomed the invitation and was ready to sign a ceasefire "
        '"today, not tomorrow". He accused the army of bombing markets in North Darfur last week, a charge the '
        "army denied.",
        "UN Secretary-General spokesperson Daniel Okoye welcomed the announcement and urged both sides to "
        '"negotiate in good faith". The United Nations says nearly 13 million people have been displaced since '
        "fighting erupted in April 2023 and that famine has been confirmed in several areas.",
    ),
)

PAGES = (SUDAN_SYNDICATED, COLOMBIA, PAKISTAN)

STYLESHEET = b"body{font-family:Georgia,serif;margin:0}nav a{margin-right:1em}.cookie{position:fixed;bottom:0}\n"
ROBOTS = b"User-agent: *\nDisallow: /search\n"


def render(page: Page) -> str:
    """The page as its site would serve it: meta tags, menus, cookie notice, sharing, comments, footer."""
    e = html.escape
    body = "\n".join(f"      <p>{e(p)}</p>" for p in page.paragraphs)
    host = page.url.split("/")[2]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(page.headline)} | {e(page.site)}</title>
<meta name="author" content="{e(page.author)}">
<meta property="og:site_name" content="{e(page.site)}">
<meta property="og:title" content="{e(page.headline)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{e(page.url)}">
<meta property="article:published_time" content="{page.published}">
<meta property="article:section" content="{e(page.section)}">
<link rel="canonical" href="{e(page.url)}">
<link rel="stylesheet" href="https://{host}/static/site.css">
</head>
<body>
<div class="cookie">We use cookies to improve your experience. <a href="/privacy">Learn more</a>
  <button>Accept</button> <button>Decline</button></div>
<header>
  <a class="logo" href="/">{e(page.site)}</a>
  <nav><a href="/world/">World</a> <a href="/politics/">Politics</a> <a href="/business/">Business</a>
  <a href="/opinion/">Opinion</a> <a href="/video/">Video</a> <a href="/subscribe/">Subscribe</a></nav>
</header>
<main>
  <article>
    <p class="section">{e(page.section)}</p>
    <h1>{e(page.headline)}</h1>
    <p class="byline">By {e(page.author)} | <time datetime="{page.published}">{page.published[:10]}</time></p>
    <div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
    <div class="article-body">
{body}
    </div>
    <div class="newsletter">Get our morning briefing. <a href="/newsletters">Sign up for free</a></div>
  </article>
  <section class="comments"><h2>Comments</h2>
    <p class="comment"><b>reader_2291</b> Thanks for the clear reporting.</p>
    <p class="comment"><b>K. Mensah</b> We have heard promises like this before.</p>
    <p>Log in or register to join the discussion.</p></section>
  <aside class="related"><h2>Related</h2>
    <ul><li><a href="/world/">More world news</a></li><li><a href="/analysis/">Analysis: what comes next</a></li></ul>
  </aside>
</main>
<footer><a href="/about">About</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a>
  <p>&copy; 2025 {e(page.site)}. Sample page from the eventwire examples; events and people are fictional.</p></footer>
</body>
</html>
"""


def _record_id(uri: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, kind + ' ' + uri)}>"


def _write_exchange(writer: WARCWriter, uri: str, date: str, content_type: str, payload: bytes) -> None:
    """A request/response pair as a crawler stores it."""
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", host), ("User-Agent", "eventwire-examples/1.0"), ("Accept", "*/*")],
        is_http_request=True,
    )
    response_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(payload))), ("Date", date)],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=response_headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _record_id(uri, "response")},
    )
    request = writer.create_warc_record(
        uri,
        "request",
        http_headers=request_headers,
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Record-ID": _record_id(uri, "request"),
            "WARC-Concurrent-To": _record_id(uri, "response"),
        },
    )
    writer.write_record(response)
    writer.write_record(request)


def build_warc() -> bytes:
    """The whole archive; identical bytes on every run."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        "news.warc.gz",
        {"software": "eventwire scripts/make_examples.py", "description": "eventwire sample archive"},
    )
    info.rec_headers.replace_header("WARC-Date", "2025-03-09T22:00:00Z")
    info.rec_headers.replace_header("WARC-Record-ID", _record_id("news.warc.gz", "warcinfo"))
    writer.write_record(info)
    _write_exchange(writer, "https://asialedger.example/robots.txt", "2025-03-06T16:30:20Z", "text/plain", ROBOTS)
    for page in PAGES:
        content = render(page).encode("utf-8")
        _write_exchange(writer, page.url, page.crawled, "text/html; charset=utf-8", content)
    stylesheet_uri = "https://asialedger.example/static/site.css"
    _write_exchange(writer, stylesheet_uri, "2025-03-09T09:48:53Z", "text/css", STYLESHEET)
    return buffer.getvalue()


def main() -> None:
    data = build_warc()
    WARC_PATH.write_bytes(data)
    print(f"wrote {WARC_PATH.relative_to(EXAMPLES.parent)} ({len(data)} bytes, {len(PAGES)} pages)")


if __name__ == "__main__":
    main()
