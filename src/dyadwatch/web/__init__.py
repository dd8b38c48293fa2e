"""The read-only web app of ``dyadwatch serve``: a JSON API (FastAPI, OpenAPI schema) and pages.

>>> from dyadwatch.web import create_app
>>> create_app("dyadwatch.duckdb").title
'dyadwatch'
"""

from __future__ import annotations

from dyadwatch.web.app import create_app

__all__ = ["create_app"]
