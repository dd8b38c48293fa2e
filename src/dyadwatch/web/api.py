"""The JSON API under ``/api``: read-only, paged, documented in the OpenAPI schema.

Every list takes ``limit`` (1..500) and ``offset``; every error has the one shape of
``dyadwatch.web.errors.ErrorBody``. Handlers only parse parameters and call the query modules
(``storage.browse``, ``storage.dyads``, ``storage.queries``): no SQL lives here.

Example: ``GET /api/events?dyad=US-China&quad_class=verbal_conflict&from=2023-01&limit=20``
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Annotated, Any, TypeVar, cast

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from dyadwatch.storage import browse, dyads, queries
from dyadwatch.web.db import ReadOnlyPool
from dyadwatch.web.errors import ERROR_RESPONSES
from dyadwatch.web.models import (
    ActorItem,
    ActorProfile,
    ArticleItem,
    ArticleRecord,
    DyadItem,
    DyadSummary,
    EventItem,
    EventType,
    ForecastItem,
    ForecastStatus,
    IssueView,
    Modality,
    Page,
    QuadClass,
    QuoteItem,
    QuoteReader,
    SearchResults,
    StoreStatus,
)  # fmt: skip

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
T = TypeVar("T")

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
ISSUE = r"^[a-z][a-z0-9_]{0,63}$"
ARTICLE_ID = r"^[0-9a-fA-F]{6,64}$"


def pool_of(request: Request) -> ReadOnlyPool:
    """The app's read-only connection pool."""
    pool: ReadOnlyPool = request.app.state.pool
    return pool


PAGE_WINDOW = 250


@functools.cache
def _defaults(func: Callable[..., Any]) -> dict[str, Any]:
    return {
        name: p.default for name, p in inspect.signature(func).parameters.items() if p.default is not p.empty
    }


def cached(request: Request, func: Callable[..., T], con: duckdb.DuckDBPyConnection, **kwargs: Any) -> T:
    """``func(con, **kwargs)``, answered from the pool's cache while the store file is unchanged.

    Arguments left at their defaults are not part of the key, so a page and an API route that ask
    for the same thing (``/actors/USA`` and ``/api/quotes?speaker=USA&limit=20``) share one entry.
    Pages after the first within the first ``PAGE_WINDOW`` rows of a list share one entry too: a
    reader paging on (or a client stepping through offsets) costs one query, not one per page.
    """
    offset, limit = kwargs.get("offset", 0), kwargs.get("limit")
    if offset and limit and offset + limit <= PAGE_WINDOW:
        # A later page of a list: cut from the first PAGE_WINDOW rows, fetched once per filter.
        window = cast(
            dict[str, Any], cached(request, func, con, **{**kwargs, "limit": PAGE_WINDOW, "offset": 0})
        )
        page = {**window, "items": window["items"][offset : offset + limit], "limit": limit, "offset": offset}
        return cast(T, page)
    defaults = _defaults(func)
    given = tuple(sorted((k, v) for k, v in kwargs.items() if k not in defaults or defaults[k] != v))
    key = (func.__module__, func.__qualname__, given)
    return pool_of(request).cached(key, lambda: func(con, **kwargs))


def article_parts(request: Request, con: duckdb.DuckDBPyConnection, article_id: str) -> list[tuple[str, str]]:
    """The stored rows of one article's record; the API route and the article page share them."""
    # A full id is its own key: a repeat costs no lookup (an unknown id fails in the lookup below).
    full = article_id.lower()
    key = full if queries.FULL_ID.fullmatch(full) else queries.resolve_article_id(con, article_id)
    return pool_of(request).cached(
        ("article", key),
        lambda: queries.analysis_parts(con, queries.resolve_article_id(con, key)),
        article=True,
    )


def article_record(request: Request, con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """One article with all records, as a new dict."""
    return queries.assemble_analysis(article_parts(request, con, article_id))


def reader(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for one request, interrupted at the query-time limit."""
    with pool_of(request).cursor() as cur:
        yield cur


Con = Annotated[duckdb.DuckDBPyConnection, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_LIMIT, description="page size (at most 500)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Text = Annotated[str | None, Query(min_length=1, max_length=200, description="words to look for")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE, description="ISO date, month or year")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE, description="ISO date, month or year")]
Issue = Annotated[str | None, Query(pattern=ISSUE, description="issue key, e.g. taiwan")]
DyadQ = Annotated[
    str | None, Query(min_length=3, max_length=100, description="two countries: CHN-USA, US-China ...")
]
ActorQ = Annotated[str | None, Query(min_length=1, max_length=200, description="actor id or name")]
ArticleQ = Annotated[str | None, Query(pattern=ARTICLE_ID, description="article id or id prefix")]


def dyad_key(dyad: str | None) -> str | None:
    """The canonical dyad key of a parameter, or None."""
    return dyads.parse_dyad(dyad) if dyad else None


def article_key(con: duckdb.DuckDBPyConnection, article: str | None) -> str | None:
    """A full article id from an id or a unique prefix, or None."""
    return queries.resolve_article_id(con, article) if article else None


@router.get("/status", response_model=StoreStatus, summary="Record counts of the store")
def status(request: Request, con: Con) -> dict[str, Any]:
    """How many articles, actors, quotes, events, issue stances and forecasts are stored."""
    return {
        "counts": cached(request, browse.store_counts, con),
        "forecasts": cached(request, browse.forecast_counts, con),
    }


@router.get("/articles", response_model=Page[ArticleItem], summary="List and search articles")
def articles(
    request: Request, con: Con, q: Text = None, actor: ActorQ = None, issue: Issue = None, dyad: DyadQ = None,
    date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = browse.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Articles, newest first, by words in title or text, actor, issue, dyad and publication date."""
    return cached(
        request, browse.list_articles, con, q=q, actor=actor, issue=issue, dyad=dyad_key(dyad), date_from=date_from, date_to=date_to,
        limit=limit, offset=offset,
    )  # fmt: skip


@router.get("/articles/{article_id}", response_model=ArticleRecord, summary="One article with all records")
def article(request: Request, con: Con, article_id: Annotated[str, Path(pattern=ARTICLE_ID)]) -> Response:
    """The export-contract record: article, actors, quotes, events, issues, forecasts."""
    # The stored JSON as it is: parsing it only to serialise it again was most of this route's time.
    return Response(
        queries.analysis_json(article_parts(request, con, article_id)), media_type="application/json"
    )


@router.get("/actors", response_model=Page[ActorItem], summary="List and search actors")
def actors(
    request: Request, con: Con, q: Text = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3")] = None,
    kind: Annotated[str | None, Query(pattern=r"^[a-z]{1,32}$", description="state, person ...")] = None,
    limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Actors (one per id), most-mentioned first."""
    return cached(
        request, browse.list_actors, con, q=q, country=country, kind=kind, limit=limit, offset=offset
    )


@router.get("/actors/{actor_id}", response_model=ActorProfile, summary="One actor")
def actor(
    request: Request, con: Con, actor_id: Annotated[str, Path(min_length=1, max_length=200)]
) -> dict[str, Any]:
    """Names, kind, country, roles and affiliations of one actor across the store."""
    return cached(request, browse.actor_profile, con, actor_id=actor_id)


@router.get("/quotes", response_model=Page[QuoteItem], summary="List and search quotes")
def quotes(
    request: Request, con: Con, speaker: ActorQ = None, issue: Issue = None, q: Text = None, article: ArticleQ = None,
    dyad: DyadQ = None, found_by: Annotated[QuoteReader | None, Query(description="rules or tagger")] = None,
    limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Quotes by speaker (id or name), issue, words, article, dyad, or the reader that found them."""
    return cached(
        request, browse.find_quotes, con, speaker=speaker, issue=issue, q=q, article=article_key(con, article), dyad=dyad_key(dyad),
        found_by=found_by, limit=limit, offset=offset,
    )  # fmt: skip


@router.get("/events", response_model=Page[EventItem], summary="List and filter events")
def events(
    request: Request, con: Con, dyad: DyadQ = None, type: Annotated[EventType | None, Query()] = None,
    quad_class: Annotated[QuadClass | None, Query()] = None,
    modality: Annotated[Modality | None, Query()] = None, date_from: DateFrom = None,
    date_to: DateTo = None, issue: Issue = None, actor: ActorQ = None, article: ArticleQ = None,
    source: ActorQ = None, target: ActorQ = None, limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Events by dyad, PLOVER type, quad class, modality, date range, issue, actor (source or
    target), source, target or article."""
    return cached(
        request, browse.find_events, con, dyad=dyad_key(dyad), type=type, quad_class=quad_class, modality=modality,
        date_from=date_from, date_to=date_to, issue=issue, actor=actor, article=article_key(con, article),
        source=source, target=target, limit=limit, offset=offset,
    )  # fmt: skip


@router.get("/dyads", response_model=Page[DyadItem], summary="Dyads in the store")
def dyad_list(
    request: Request, con: Con, limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Country pairs with events or issue stances, busiest first."""
    return cached(request, dyads.list_dyads, con, limit=limit, offset=offset)


DyadPath = Annotated[str, Path(min_length=3, max_length=100, description="CHN-USA, US-China ...")]


@router.get("/dyads/{dyad}/summary", response_model=DyadSummary, summary="Dyad overview data")
def dyad_summary(request: Request, con: Con, dyad: DyadPath) -> dict[str, Any]:
    """Cooperation–conflict index by month and issue stances by month for one dyad."""
    key = dyads.parse_dyad(dyad)
    return cached(request, dyads.dyad_summary, con, dyad=key)


@router.get("/dyads/{dyad}/issues/{issue}", response_model=IssueView, summary="One issue of a dyad")
def dyad_issue(
    request: Request, con: Con, dyad: DyadPath, issue: Annotated[str, Path(pattern=ISSUE)],
    limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Stance by month, stance records with evidence, and quotes for and against."""
    key = dyads.parse_dyad(dyad)
    return {
        "dyad": key,
        "issue": issue,
        "by_month": cached(request, dyads.stances_by_month, con, dyad=key, issue=issue),
        "stances": cached(
            request, dyads.issue_stance_records, con, dyad=key, issue=issue, limit=limit, offset=offset
        ),
        "quotes": cached(request, dyads.issue_quotes, con, dyad=key, issue=issue),
    }


@router.get("/forecasts", response_model=Page[ForecastItem], summary="The forecast ledger")
def forecasts(
    request: Request, con: Con, status: Annotated[ForecastStatus | None, Query()] = None, dyad: DyadQ = None,
    subject: Issue = None, limit: Limit = browse.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:  # fmt: skip
    """Forecasts by status (open, due, past), dyad and subject issue."""
    return cached(
        request,
        browse.find_forecasts,
        con,
        status=status,
        dyad=dyad_key(dyad),
        subject=subject,
        limit=limit,
        offset=offset,
    )


@router.get("/search", response_model=SearchResults, summary="Search articles, actors and quotes")
def search(
    request: Request, con: Con, q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, Any]:  # fmt: skip
    """The search box: the first ``limit`` articles, actors and quotes matching the words."""
    return cached(request, browse.search_all, con, q=q, limit=limit)
