"""Synthetic events for benchmarks: millions of realistic-looking rows made by DuckDB in seconds."""

from __future__ import annotations

from datetime import date

from eventwire.store.database import Store
from eventwire.store.queries import scalar

SYNTHETIC_ACTORS = (
    "RUS", "RUSGOV", "RUSMIL", "UKR", "UKRGOV", "UKRMIL", "USA", "USAGOV", "CHN", "CHNGOV", "FRA", "DEU", "GBR",
    "ISR", "ISRMIL", "PSE", "IRN", "IRNGOV", "TUR", "SYR", "IRQ", "IND", "PAK", "SDN", "ETH", "NGA", "BRA", "MEX",
    "JPN", "KOR", "PRK", "IGOUNO", "IGOEUR", "IGONAT", "NGOHRW", "AFG", "YEM", "SAU", "EGY", "LBY",
)  # fmt: skip
# (CAMEO code, PLOVER type, Goldstein, quad class): one per root, the mix a news stream has.
SYNTHETIC_ACTIONS = (
    ("010", "CONSULT", 0.0, 1), ("020", "REQUEST", 3.0, 1), ("036", "AGREE", 4.0, 1), ("040", "CONSULT", 1.0, 1),
    ("051", "COOPERATE", 3.4, 1), ("061", "COOPERATE", 6.4, 2), ("070", "AID", 7.0, 2), ("081", "CONCEDE", 5.0, 2),
    ("090", "CONSULT", -2.0, 3), ("100", "REQUEST", -5.0, 3), ("111", "ACCUSE", -2.0, 3), ("120", "REJECT", -4.0, 3),
    ("130", "THREATEN", -4.4, 3), ("141", "PROTEST", -6.5, 3), ("150", "MOBILIZE", -7.2, 4), ("160", "SANCTION", -4.0, 3),
    ("173", "COERCE", -5.0, 4), ("183", "ASSAULT", -10.0, 4), ("190", "ASSAULT", -10.0, 4), ("200", "ASSAULT", -10.0, 4),
)  # fmt: skip


def fill_synthetic_events(store: Store, n: int, start: date = date(2020, 1, 1), days: int = 1826) -> int:
    """Append ``n`` deterministic synthetic events (no articles) to ``store.events``, in one SQL statement.

    For benchmarks: the rows have the distribution of real ones (40 actors, every CAMEO root, five
    years of dates, a few negated or hypothetical) and take seconds to make for millions.
    """
    actors = list(SYNTHETIC_ACTORS)
    codes = [a[0] for a in SYNTHETIC_ACTIONS]
    types = [a[1] for a in SYNTHETIC_ACTIONS]
    golds = [a[2] for a in SYNTHETIC_ACTIONS]
    quads = [a[3] for a in SYNTHETIC_ACTIONS]
    offset = scalar(store, "SELECT count(*) FROM events")
    store.con.execute(
        """
        INSERT INTO events BY NAME
        WITH r AS (
            SELECT i, hash(i * 7919) AS h1, hash(i * 104729 + 1) AS h2, hash(i * 1299709 + 2) AS h3
            FROM range(?, ?) t(i)
        ), s AS (
            SELECT i, h1, h2, h3,
                CAST(h1 % len(?::VARCHAR[]) AS INTEGER) + 1 AS src,
                CAST((h1 % len(?::VARCHAR[]) + 1 + h2 % (len(?::VARCHAR[]) - 1)) % len(?::VARCHAR[]) AS INTEGER) + 1 AS tgt,
                CAST(h3 % len(?::VARCHAR[]) AS INTEGER) + 1 AS act
            FROM r
        )
        SELECT
            'e_syn' || lpad(CAST(i AS VARCHAR), 11, '0') AS event_id,
            'synthetic|' || i AS event_key,
            ?::DATE + CAST(h2 % ? AS INTEGER) AS event_date,
            (?::VARCHAR[])[src] AS source_code, (?::VARCHAR[])[src] AS source_name,
            (?::VARCHAR[])[tgt] AS target_code, (?::VARCHAR[])[tgt] AS target_name,
            (?::VARCHAR[])[act] AS cameo_code, left((?::VARCHAR[])[act], 2) AS root_code,
            (?::VARCHAR[])[act] AS plover_type, 'verbal' AS plover_mode,
            (?::DOUBLE[])[act] AS goldstein, (?::INTEGER[])[act] AS quad_class,
            h3 % 50 = 0 AS negated, h3 % 70 = 1 AS hypothetical, h3 % 90 = 2 AS future, h3 % 4 = 0 AS reported,
            1 + CAST(h1 % 5 AS INTEGER) AS num_mentions, 1 + CAST(h2 % 3 AS INTEGER) AS num_sources,
            1 + CAST(h2 % 3 AS INTEGER) AS num_articles, 0.5 + (h3 % 50) / 100.0 AS confidence,
            'synthetic sentence ' || i AS sentence
        FROM s
        """,
        [offset, offset + n, actors, actors, actors, actors, codes, start, days,
         actors, actors, actors, actors, codes, codes, types, golds, quads],
    )  # fmt: skip
    return n
