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
    from dyadwatch.model import Analysis


def analyze(text_or_html: str, url: str | None = None) -> Analysis:
    """Analyse one article (text or HTML) and return its record; nothing is stored."""
    from dyadwatch.pipeline import analyze as _analyze

    return _analyze(text_or_html, url=url)


__all__ = ["analyze", "__version__"]
