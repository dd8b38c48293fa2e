"""Versioned schema migrations, registered in code and recorded in the database.

Each migration runs once, in order, inside a transaction; ``schema_migrations`` records which
ran. Add a migration by appending to ``MIGRATIONS``: never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]]

# How a quote was found ("rules" or "tagger") and the tagger's confidence, read from its record
# for queries over ``quotes q`` (quotes stored before the tagger have neither: they are rules').
QUOTE_FOUND_BY = (
    "coalesce(q.record->>'found_by', 'rules') AS found_by, "
    "TRY_CAST(q.record->>'confidence' AS DOUBLE) AS confidence"
)
# A filter on the same field: quotes of one reader, "rules" (the cue rules) or "tagger" (the learned
# attribution tagger). Records stored before the tagger existed are the rules'.
QUOTE_FOUND_BY_IS = " AND coalesce(q.record->>'found_by', 'rules') = ?"
QUOTE_READERS = ("rules", "tagger")


def _m001_core(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            source_path VARCHAR,
            outlet VARCHAR,
            title VARCHAR,
            authors VARCHAR[],
            published VARCHAR,
            published_precision VARCHAR,
            published_inferred BOOLEAN,
            dateline VARCHAR,
            language VARCHAR,
            kind VARCHAR,
            text VARCHAR NOT NULL,
            record JSON NOT NULL,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""")
    con.execute("""
        CREATE TABLE sources (
            article_id VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            seen_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (article_id, source)
        )""")
    con.execute("""
        CREATE TABLE actors (
            article_id VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            name VARCHAR,
            kind VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            role VARCHAR,
            affiliation VARCHAR,
            n_mentions INTEGER,
            record JSON NOT NULL,
            PRIMARY KEY (article_id, actor_id)
        )""")
    con.execute("""
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text VARCHAR,
            in_caption BOOLEAN
        )""")
    con.execute("""
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            speaker VARCHAR,
            speaker_name VARCHAR,
            text VARCHAR,
            start INTEGER,
            "end" INTEGER,
            cue VARCHAR,
            direct BOOLEAN,
            issues VARCHAR[],
            record JSON NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    con.execute("""
        CREATE TABLE events (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            source VARCHAR,
            target VARCHAR,
            source_country VARCHAR,
            target_country VARCHAR,
            type VARCHAR,
            cameo VARCHAR,
            goldstein DOUBLE,
            quad_class VARCHAR,
            modality VARCHAR,
            date VARCHAR,
            date_precision VARCHAR,
            location VARCHAR,
            issues VARCHAR[],
            reported_by VARCHAR,
            trigger_start INTEGER,
            trigger_end INTEGER,
            record JSON NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    con.execute("""
        CREATE TABLE issue_stances (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            issue VARCHAR,
            dyad VARCHAR,
            stance VARCHAR,
            score DOUBLE,
            voices VARCHAR[],
            record JSON NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    con.execute("""
        CREATE TABLE forecasts (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            speaker VARCHAR,
            text VARCHAR,
            start INTEGER,
            "end" INTEGER,
            subject VARCHAR,
            dyad VARCHAR,
            horizon VARCHAR,
            polarity VARCHAR,
            likelihood VARCHAR,
            status VARCHAR,
            record JSON NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    con.execute("""
        CREATE TABLE skipped (
            input VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            skipped_at TIMESTAMP DEFAULT current_timestamp
        )""")


def _m002_fetch_state(con: duckdb.DuckDBPyConnection) -> None:
    # The DDL lives with the code that reads it (storage/fetch_state.py).
    from dyadwatch.storage.fetch_state import create_fetch_tables

    create_fetch_tables(con)


# A country code that can stand in a dyad: three capitals, not one of PLOVER's non-state codes.
_COUNTRY = "regexp_full_match({c}, '[A-Z]{{3}}') AND {c} NOT IN ('IGO','UNO','EUR','NGO','MNC','ISM','IMG')"


def _m003_analytics_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views for dyad x issue x month stance, the dyad x month cooperation-conflict index and
    actor activity. Views, not tables: they follow every write with nothing to refresh."""
    src, tgt = _COUNTRY.format(c="e.source_country"), _COUNTRY.format(c="e.target_country")
    con.execute("""
        CREATE VIEW v_issue_stance_months AS
        SELECT s.dyad, s.issue, left(a.published, 7) AS month,
               count(*) AS n_records, count(DISTINCT s.article_id) AS n_articles,
               round(avg(s.score), 3) AS score,
               count(*) FILTER (WHERE s.stance = 'cooperation') AS n_cooperation,
               count(*) FILTER (WHERE s.stance = 'contention') AS n_contention,
               count(*) FILTER (WHERE s.stance = 'mixed') AS n_mixed,
               CASE WHEN count(DISTINCT s.stance) = 1 THEN any_value(s.stance)
                    WHEN avg(s.score) > 0.15 THEN 'cooperation'
                    WHEN avg(s.score) < -0.15 THEN 'contention' ELSE 'mixed' END AS stance,
               arg_max(s.article_id, abs(s.score)) AS top_article_id,
               arg_max(s.idx, abs(s.score)) AS top_idx
        FROM issue_stances s JOIN articles a ON a.id = s.article_id
        WHERE a.published IS NOT NULL AND length(a.published) >= 7
        GROUP BY s.dyad, s.issue, left(a.published, 7)""")
    con.execute(f"""
        CREATE VIEW v_dyad_index_months AS
        WITH ev AS (
            SELECT e.*, CASE WHEN e.source_country < e.target_country
                             THEN e.source_country || '-' || e.target_country
                             ELSE e.target_country || '-' || e.source_country END AS dyad,
                   CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) ELSE left(a.published, 7) END AS month
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE e.modality = 'asserted' AND {src} AND {tgt} AND e.source_country <> e.target_country)
        SELECT dyad, month, count(*) AS n_events,
               count(*) FILTER (WHERE quad_class = 'verbal_cooperation') AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 'material_cooperation') AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 'verbal_conflict') AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 'material_conflict') AS material_conflict,
               round(avg(goldstein), 3) AS mean_goldstein,
               round((count(*) FILTER (WHERE quad_class LIKE '%cooperation')
                      - count(*) FILTER (WHERE quad_class LIKE '%conflict')) / count(*), 3) AS coop_index,
               arg_min(article_id, goldstein) AS top_article_id, arg_min(idx, goldstein) AS top_idx
        FROM ev WHERE month IS NOT NULL GROUP BY dyad, month""")
    con.execute("""
        CREATE VIEW v_actor_activity AS
        WITH m AS (
            SELECT actor_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
                   count(DISTINCT article_id) AS n_articles, sum(n_mentions) AS n_mentions
            FROM actors GROUP BY actor_id),
        q AS (SELECT speaker AS actor_id, count(*) AS n_quotes FROM quotes WHERE speaker IS NOT NULL GROUP BY 1),
        es AS (SELECT source AS actor_id, count(*) AS n_events_source FROM events GROUP BY 1),
        et AS (SELECT target AS actor_id, count(*) AS n_events_target FROM events WHERE target IS NOT NULL GROUP BY 1),
        seen AS (SELECT ac.actor_id, min(a.published) AS first_seen, max(a.published) AS last_seen
                 FROM actors ac JOIN articles a ON a.id = ac.article_id GROUP BY 1)
        SELECT m.*, coalesce(q.n_quotes, 0) AS n_quotes, coalesce(es.n_events_source, 0) AS n_events_source,
               coalesce(et.n_events_target, 0) AS n_events_target, seen.first_seen, seen.last_seen
        FROM m LEFT JOIN q USING (actor_id) LEFT JOIN es USING (actor_id) LEFT JOIN et USING (actor_id)
        LEFT JOIN seen USING (actor_id)""")


def _m004_event_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """Event clusters (analysis/event_links.py): reports of one real-world event share a
    ``cluster_id``. The index view now counts each cluster once, in the month of its most
    precisely dated report; events not (yet) linked count as their own cluster."""
    con.execute("""
        CREATE TABLE event_clusters (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            cluster_id VARCHAR NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""")
    src, tgt = _COUNTRY.format(c="e.source_country"), _COUNTRY.format(c="e.target_country")
    con.execute(f"""
        CREATE OR REPLACE VIEW v_dyad_index_months AS
        WITH ev AS (
            SELECT e.*, CASE WHEN e.source_country < e.target_country
                             THEN e.source_country || '-' || e.target_country
                             ELSE e.target_country || '-' || e.source_country END AS dyad,
                   CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) ELSE left(a.published, 7) END AS month,
                   coalesce(c.cluster_id, e.article_id || ':' || e.idx) AS cluster_id,
                   count(*) OVER (PARTITION BY coalesce(c.cluster_id, e.article_id || ':' || e.idx)) AS n_reports,
                   row_number() OVER (
                       PARTITION BY coalesce(c.cluster_id, e.article_id || ':' || e.idx)
                       ORDER BY CASE e.date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END,
                                a.published, e.article_id, e.idx) AS rank_in_cluster
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.idx = e.idx
            WHERE e.modality = 'asserted' AND {src} AND {tgt} AND e.source_country <> e.target_country),
        one AS (SELECT * FROM ev WHERE rank_in_cluster = 1)
        SELECT dyad, month, count(*) AS n_events,
               count(*) FILTER (WHERE quad_class = 'verbal_cooperation') AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 'material_cooperation') AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 'verbal_conflict') AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 'material_conflict') AS material_conflict,
               round(avg(goldstein), 3) AS mean_goldstein,
               round((count(*) FILTER (WHERE quad_class LIKE '%cooperation')
                      - count(*) FILTER (WHERE quad_class LIKE '%conflict')) / count(*), 3) AS coop_index,
               arg_min(article_id, goldstein) AS top_article_id, arg_min(idx, goldstein) AS top_idx,
               sum(n_reports)::INTEGER AS n_reports
        FROM one WHERE month IS NOT NULL GROUP BY dyad, month""")


# Point lookups the web app and the CLI make on every article, actor or speaker page: without an
# index each one scans the whole table (records are stored in ingest order, so the min/max of a
# row group says nothing about an article id). DuckDB only uses an index for selective filters
# and falls back to a scan otherwise, so these never make a query slower.
LOOKUP_INDEXES = [
    ("actors", "article_id"), ("actors", "actor_id"), ("mentions", "article_id"),
    ("quotes", "article_id"), ("quotes", "speaker"), ("events", "article_id"), ("events", "source"),
    ("events", "target"), ("issue_stances", "article_id"), ("forecasts", "article_id"),
]  # fmt: skip


def _m005_lookup_indexes(con: duckdb.DuckDBPyConnection) -> None:
    for table, column in LOOKUP_INDEXES:
        con.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{column} ON {table} ({column})")


MIGRATIONS: list[Migration] = [
    (
        1,
        "core tables: articles, sources, actors, mentions, quotes, events, issue_stances, forecasts, skipped",
        _m001_core,
    ),
    (
        2,
        "fetch state: fetch_validators, fetch_failures, watch_feeds, feed_entries",
        _m002_fetch_state,
    ),
    (
        3,
        "analytics views: v_issue_stance_months, v_dyad_index_months, v_actor_activity",
        _m003_analytics_views,
    ),
    (
        4,
        "event clusters: event_clusters table; v_dyad_index_months counts each cluster once",
        _m004_event_clusters,
    ),
    (
        5,
        "lookup indexes: article_id of every record table, actor_id, quote speaker, event source/target",
        _m005_lookup_indexes,
    ),
]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations; return the versions applied now."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name VARCHAR,
            applied_at TIMESTAMP DEFAULT current_timestamp
        )""")
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, func in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            func(con)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
