"""Rule tables and weights for telling article paragraphs from web boilerplate lines.

The vocabulary is generic web furniture (calls to action, sharing, subscriptions, cookie and app
prompts, captions, counters) in English plus the most common equivalents in a few other languages.
Weights are hand-set on the line features' meaning, not fitted to any corpus.
"""

from __future__ import annotations

import re

# Imperative openings of calls to action. Verbs that are rarely anything but a request stand alone;
# verbs that double as nouns or statements ("Share prices fell", "Watch groups said") count only
# when an object typical of a request follows ("Share this", "Follow us", "Watch the video").
CTA_OBJECT = r"(?:this|these|the|our|us|me|now|here|today|more|on|to|for|up|in|via|with|free|all|your|it|below)\b"
CTA_STRONG = re.compile(
    r"^\W*(?:subscribe|sign\s*(?:up|in)|log\s*in|download|install|click|tap|join|donate|unlock|upgrade"
    r"|continue\s+reading|keep\s+reading|read\s+(?:more|next|the\s+full)|leave\s+a|discover\s+more"
    r"|explore\s+more|more\s+from|don[’']t\s+miss|never\s+miss|stay\s+(?:informed|updated|connected|tuned)"
    r"|abonnieren|abonniere|weiterlesen|abonnez|inscrivez|suscr[íi]bete|iscriviti|assine|abonneer)\b",
    re.IGNORECASE,
)
CTA_WEAK = re.compile(
    r"^\W*(?:share|follow|watch|listen|like|pin|print|register|accept|allow|enable|email|save|support|contact"
    r"|send|advertise|get|try|start|shop|order|buy|see|view|load|show|add|post|manage|turn\s+on|check\s+out"
    r"|teilen|folgen|partagez|partager|suivez|compartir|comparte|s[íi]guenos|condividi|seguici|compartilhe"
    r"|siga|deel|volg)\s+" + CTA_OBJECT,
    re.IGNORECASE,
)


def cta_start(text: str) -> str | None:
    """'strong' for a line opening with an unambiguous call to action, 'weak' for a likely one, else None."""
    if CTA_STRONG.match(text):
        return "strong"
    if CTA_WEAK.match(text):
        return "weak"
    return None


# Words of site furniture; each distinct hit adds evidence, none decides alone.
FURNITURE_TERMS = re.compile(
    r"\b(?:newsletters?|inbox|e-?mail|cookies?|privacy|consent|terms\s+of\s+(?:use|service)|rights\s+reserved"
    r"|copyright|advertisements?|advertising|sponsored|promoted|partner\s+content|app|apps|app\s+store"
    r"|google\s+play|whatsapp|telegram|facebook|twitter|instagram|linkedin|youtube|tiktok|pinterest|reddit"
    r"|threads|bluesky|mastodon|rss|notifications?|comments?|replies|subscribers?|subscriptions?|subscribe"
    r"|premium|paywall|archive|podcasts?|related|recommended|trending|most\s+(?:read|popular|viewed)"
    r"|popular|photos?|images?|credits?|getty|shutterstock|captions?|share|shares|sharing|follow"
    r"|login|log\s+in|sign\s+up|account|password|javascript|browser|ad\s*blocker"
    r"|werbung|anzeige|kommentare?|abonnement|datenschutz|publicit[ée]|commentaires?|abonnement"
    r"|publicidad|comentarios?|suscripci[óo]n|pubblicit[àa]|commenti|reclame|reacties)\b",
    re.IGNORECASE,
)

# Phrases that are boilerplate wherever they appear, even inside a full sentence.
STRONG_PHRASES = re.compile(
    r"\b(?:we\s+use\s+cookies|(?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies|use\s+of\s+cookies|cookie\s+(?:policy|settings|preferences|notice)"
    r"|accept\s+(?:all\s+)?cookies|by\s+(?:continuing|using\s+this\s+site)|privacy\s+policy"
    r"|all\s+rights\s+reserved|sign\s+up\s+for\s+(?:our|the|free)|subscribe\s+to\s+(?:our|the|get)"
    r"|(?:to|in)\s+your\s+inbox|download\s+(?:our|the)\s+(?:free\s+)?app|follow\s+us\s+on"
    r"|share\s+(?:this|on)\s|leave\s+a\s+(?:comment|reply)|continue\s+reading|read\s+more\b"
    r"|click\s+here|available\s+(?:only\s+)?(?:to|for)\s+subscribers|reached\s+your\s+(?:free\s+)?(?:article\s+)?limit"
    r"|already\s+(?:a\s+subscriber|have\s+an\s+account)|enable\s+javascript|your\s+browser\s+does\s+not"
    r"|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|get\s+access\s+to|access\s+to\s+the\s+full"
    r"|keep\s+reading|loading\s+(?:comments|more)|turn\s+on\s+notifications|join\s+(?:our|the)\s+(?:\w+\s+)?(?:community|channel|group)"
    r"|this\s+(?:article|story|post)\s+(?:was|is)\s+(?:originally\s+)?(?:published|produced)\s+(?:by|in\s+partnership))",
    re.IGNORECASE,
)

# Stems of consent, subscription and paywall notices: a prose paragraph is searched for several
# boilerplate phrases only when one of these occurs (a cheap substring test spares ordinary prose).
NOTICE_HINTS = ("cookie", "privacy", "rights reserved", "sign up", "subscri", "inbox", "javascript", "account",
                "newsletter")  # fmt: skip

# "Label: ..." lines: captions, credits, related links, tags.
LABEL_LINE = re.compile(
    r"^\W*(?:related(?:\s+(?:articles?|stories|coverage|posts?))?|read\s+(?:more|also|next)|also\s+read|see\s+also"
    r"|more(?:\s+on\s+this(?:\s+story)?)?|photo(?:graph)?s?|image|picture|pictured|credit|source|video|watch"
    r"|listen|tags?|topics?|filed\s+under|categor(?:y|ies)|advertisement|sponsored|caption|illustration"
    r"|foto|bild|quelle|mehr\s+zum\s+thema|lesen\s+sie\s+auch|à\s+lire\s+aussi|lire\s+aussi|voir\s+aussi"
    r"|lee\s+tambi[ée]n|ver\s+tambi[ée]n|leggi\s+anche|leia\s+tamb[ée]m)\s*[:|–—]",
    re.IGNORECASE,
)

# "Comments (12)", "12 comments", "Shares: 40", "1.2k views".
COUNTER_LINE = re.compile(
    r"^\W*(?:(?:comments?|replies|responses|shares?|likes?|views?|reactions?)\W*\d[\d.,kKmM]*\W*"
    r"|\d[\d.,kKmM]*\s+(?:comments?|replies|responses|shares?|likes?|views?|reactions?))\W*$",
    re.IGNORECASE,
)

# Whole-line interface strings (compared lower-cased, punctuation stripped).
UI_STRINGS = frozenset(
    {
        "advertisement", "ad", "sponsored", "share", "tweet", "email", "print", "menu", "home", "close",
        "next", "previous", "prev", "loading", "skip to content", "back to top", "log in", "login",
        "sign in", "sign up", "subscribe", "register", "search", "comments", "comment", "reply", "like",
        "follow", "share this", "share this article", "share on facebook", "share on twitter",
        "copy link", "link copied", "save", "more", "see more", "show more", "load more", "read more",
        "continue reading", "listen to this article", "listen", "play", "pause", "facebook", "twitter",
        "instagram", "linkedin", "whatsapp", "telegram", "youtube", "pinterest", "reddit", "x",
        "anzeige", "werbung", "teilen", "publicité", "publicidad", "pubblicità", "partager", "compartir",
    }
)  # fmt: skip

# A dateline or reading-time line at the top of a scraped article.
META_LINE = re.compile(
    r"^\W*(?:(?:published|updated|posted|last\s+updated|modified)\b.{0,40}"
    r"|\d{1,2}\s+min(?:ute)?s?\s+read|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s+\d{1,2}:\d{2})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.{0,20}"
    r"|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}.{0,20}"
    r"|(?:additional\s+)?(?:reporting|writing|editing|research|compiled|translated)\s+by\b.{0,200})$",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^\s*(?i:by|written\s+by|von|par|por|di|door)\s+"
    r"([A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|and|und|et|y|e|&|de|van|von|der|den|la|le|da|dos|del),?){0,8})\s*$"
)

TERMINAL_PUNCT = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
TAIL_CHARS = 6  # final punctuation plus a few closing quotes/brackets
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Fragment evidence weights: a fragment is boilerplate when its evidence reaches the threshold of
# its region. Hand-set from what each feature means, not fitted to data.
WEIGHT_STRONG_PHRASE = 3.0  # unambiguous furniture phrase: decides alone
WEIGHT_LABEL_OR_COUNTER = 3.0  # "Photo: …", "Comments (12)", a bare UI word: decides alone
WEIGHT_CTA_START = 2.0  # an imperative opening asks rather than tells: needs one more signal
WEIGHT_FURNITURE_TERM = 0.75  # per distinct furniture word, at most MAX_FURNITURE_TERMS counted
MAX_FURNITURE_TERMS = 3
WEIGHT_REPEATED = 1.0  # the same short line twice: a template, or a list of results; shape alone never decides
WEIGHT_SHORT_FRAGMENT = 1.0  # few words and no sentence punctuation
WEIGHT_EDGE_REGION = 1.0  # before the first or after the last paragraph of prose

# Why 6 words: kickers, section names and UI strings are short; body paragraphs are longer.
SHORT_FRAGMENT_WORDS = 6
# Why 25 words: after the article, unpunctuated lines up to headline length are related links/teasers.
TAIL_FRAGMENT_WORDS = 25
# Why 8 words: below that a punctuated line is as often a slogan as a sentence.
SENTENCE_MIN_WORDS = 8
# Why 20 words: a line this long is prose even when it lacks final punctuation (quotes, emoji).
PROSE_MIN_WORDS = 20
# Why 12 words: a sentence this long anchors the body; chrome rarely reaches it.
BODY_ANCHOR_WORDS = 12
# Why 15 words: repeated longer lines are more likely quotes or pull-quotes than templates.
REPEAT_MAX_WORDS = 15
# Why 3 words: "We use cookies", "By continuing to", "Sign up for our …" open their sentence.
LEADING_PHRASE_WORDS = 3
# Why 2: one boilerplate phrase inside a sentence can be reporting; two make it a notice.
PROSE_MIN_STRONG_PHRASES = 2
DROP_THRESHOLD = 2.5  # inside the body: a decisive signal or a call to action plus one more
DROP_THRESHOLD_EDGE = 2.0  # at the edges: the edge weight plus one more signal
