"""dyadwatch: evidence-linked international-relations data from news text.

>>> import dyadwatch
>>> analysis = dyadwatch.analyze("US Secretary of State Antony Blinken met Wang Yi in Beijing on Monday.")
>>> analysis.article.language
'en'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from dyadwatch.model import Analysis
    from dyadwatch.notebook import Store


def analyze(text_or_html: str, url: str | None = None) -> Analysis:
    """Analyse one article (text or HTML) and return its record; nothing is stored."""
    from dyadwatch.pipeline import analyze as _analyze

    return _analyze(text_or_html, url=url)


def open(db: str | Path | None = None) -> Store:  # noqa: A001 - mirrors sqlite3.connect / duckdb style
    """Open a store read-only for notebooks: ``dyadwatch.open(db).events(dyad="US-China")``."""
    from dyadwatch.notebook import open_store

    return open_store(db)


__all__ = ["analyze", "open", "__version__"]
