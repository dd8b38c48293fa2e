"""Versioned schema migrations, registered in code and recorded in the database.

Each migration runs once, in order, inside a transaction; ``schema_migrations`` records which
ran. Add a migration by appending to ``MIGRATIONS``: never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]]


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
