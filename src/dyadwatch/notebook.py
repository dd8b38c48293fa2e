"""The notebook API: ``dyadwatch.open(db)`` and pandas DataFrames of every record kind.

>>> import dyadwatch
>>> store = dyadwatch.open("dyadwatch.duckdb")              # doctest: +SKIP
>>> store.events(dyad="US-China", issue="taiwan", since="2022-01").head()  # doctest: +SKIP

Frames come through DuckDB's Arrow path; ``*_arrow`` methods return the Arrow table itself.
The store is opened read-only, so a notebook can sit beside a running ingest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from dyadwatch.storage import frames
from dyadwatch.storage.store import connect

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


class Store:
    """Read-only access to a dyadwatch store as DataFrames."""

    def __init__(self, db: str | Path | None = None) -> None:
        self.con: duckdb.DuckDBPyConnection = connect(db, read_only=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _df(rel: duckdb.DuckDBPyRelation) -> pd.DataFrame:
        return rel.arrow().read_all().to_pandas()

    def events(self, **filters: Any) -> pd.DataFrame:
        """Events: ``dyad``, ``issue``, ``since``, ``until``, ``type``, ``modality``."""
        return self._df(frames.events(self.con, **filters))

    def events_arrow(self, **filters: Any) -> pa.Table:
        return frames.events(self.con, **filters).arrow().read_all()

    def quotes(self, **filters: Any) -> pd.DataFrame:
        """Quotes: ``speaker`` (id or part of the name), ``issue``, ``since``, ``until``,
        ``found_by`` (``rules`` or ``tagger``)."""
        return self._df(frames.quotes(self.con, **filters))

    def stances(self, **filters: Any) -> pd.DataFrame:
        """Issue stances: ``dyad``, ``issue``, ``since``, ``until``."""
        return self._df(frames.stances(self.con, **filters))

    def forecasts(self, **filters: Any) -> pd.DataFrame:
        """Forecasts: ``dyad``, ``subject``, ``status``."""
        return self._df(frames.forecasts(self.con, **filters))

    def actors(self, **filters: Any) -> pd.DataFrame:
        """Actors with their roles and counts: ``country``, ``kind``."""
        return self._df(frames.actors(self.con, **filters))

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Any read-only SQL over the tables and views, as a DataFrame."""
        return self._df(self.con.query(query, params=params or []))


def open_store(db: str | Path | None = None) -> Store:
    """Open a store (default ``$DYADWATCH_DB``, else ``./dyadwatch.duckdb``) for notebooks."""
    return Store(db)
