"""Server-rendered pages: home, dyad overview, issue, article, actor, forecast ledger, search.

Pages read through the same query modules as the API and render autoescaped templates; charts
are drawn in the browser by ``static/charts.js`` from the API's JSON (no inline scripts).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dyadwatch.errors import BadDyad
from dyadwatch.storage import browse, dyads
from dyadwatch.web.api import (
    ARTICLE_ID,
    ISSUE,
    ActorQ,
    Con,
    DateFrom,
    DateTo,
    DyadPath,
    DyadQ,
    Issue,
    Offset,
    Text,
    article_record,
    cached,
    dyad_key,
)  # fmt: skip
from dyadwatch.web.errors import PAGE_ERROR_RESPONSES
from dyadwatch.web.highlight import record_lists, segments
from dyadwatch.web.models import ForecastStatus
from dyadwatch.web.render import render_page

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse, responses=PAGE_ERROR_RESPONSES)

PAGE_SIZE = 25
PageLimit = Annotated[int, Query(ge=1, le=100, description="rows per page (at most 100)")]


def page(template: str, request: Request, **context: Any) -> HTMLResponse:
    """Render a page template into a response."""
    return HTMLResponse(render_page(template, request, **context))


@router.get("/", summary="Home: search box, dyads, latest articles")
def home(request: Request, con: Con) -> HTMLResponse:
    """The start page."""
    return page(
        "home.html", request, title="dyadwatch", counts=cached(request, browse.store_counts, con),
        dyads=cached(request, dyads.list_dyads, con, limit=20),
        latest=cached(request, browse.list_articles, con, limit=10),
    )  # fmt: skip


@router.get("/dyads/{dyad}", summary="Dyad overview page", response_model=None)
def dyad_page(request: Request, con: Con, dyad: DyadPath) -> Response:
    """Cooperation–conflict line, issue × month heat map, latest events and quotes of a dyad."""
    key = dyads.parse_dyad(dyad)
    if key != dyad:
        return RedirectResponse(f"/dyads/{key}", status_code=307)
    return page(
        "dyad.html", request, title=f"{key} overview", dyad=key, issues=cached(request, dyads.dyad_issues, con, dyad=key),
        events=cached(request, browse.find_events, con, dyad=key, limit=10),
        quotes=cached(request, browse.find_quotes, con, dyad=key, limit=10),
    )  # fmt: skip


@router.get("/dyads/{dyad}/issues/{issue}", summary="Issue page of a dyad", response_model=None)
def issue_page(
    request: Request, con: Con, dyad: DyadPath, issue: Annotated[str, Path(pattern=ISSUE)],
    offset: Offset = 0,
) -> Response:  # fmt: skip
    """Stance over time, stance records with evidence, quotes for and against, events."""
    key = dyads.parse_dyad(dyad)
    if key != dyad:
        return RedirectResponse(f"/dyads/{key}/issues/{issue}", status_code=307)
    return page(
        "issue.html", request, title=f"{issue} · {key}", dyad=key, issue=issue,
        stances=cached(request, dyads.issue_stance_records, con, dyad=key, issue=issue, limit=PAGE_SIZE, offset=offset),
        quotes=cached(request, dyads.issue_quotes, con, dyad=key, issue=issue, limit=10),
        events=cached(request, browse.find_events, con, dyad=key, issue=issue, limit=20),
    )  # fmt: skip


@router.get("/articles", summary="Article list and search page")
def articles_page(
    request: Request, con: Con, q: Text = None, actor: ActorQ = None, issue: Issue = None,
    dyad: DyadQ = None, date_from: DateFrom = None, date_to: DateTo = None, limit: PageLimit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:  # fmt: skip
    """Articles filtered by words, actor, issue, dyad and date, newest first."""
    filters = {"q": q, "actor": actor, "issue": issue, "dyad": dyad, "from": date_from, "to": date_to}
    result = cached(
        request, browse.list_articles, con, q=q, actor=actor, issue=issue, dyad=dyad_key(dyad), date_from=date_from, date_to=date_to,
        limit=limit, offset=offset,
    )  # fmt: skip
    return page("articles.html", request, title="Articles", result=result, filters=filters)


@router.get("/articles/{article_id}", summary="Article page with highlighted records")
def article_page(
    request: Request, con: Con, article_id: Annotated[str, Path(pattern=ARTICLE_ID)]
) -> HTMLResponse:
    """The text with actors, quotes, events, issue evidence and forecasts marked."""
    record = article_record(request, con, article_id)
    return page(
        "article.html", request, title=record["article"].get("title") or "Article", record=record,
        article=record["article"], segments=segments(record), lists=record_lists(record),
    )  # fmt: skip


@router.get("/actors", summary="Actor list page")
def actors_page(
    request: Request, con: Con, q: Text = None, limit: PageLimit = PAGE_SIZE, offset: Offset = 0
) -> HTMLResponse:
    """Actors, most-mentioned first, filtered by name."""
    result = cached(request, browse.list_actors, con, q=q, limit=limit, offset=offset)
    return page("actors.html", request, title="Actors", result=result, filters={"q": q})


@router.get("/actors/{actor_id}", summary="Actor page")
def actor_page(
    request: Request, con: Con, actor_id: Annotated[str, Path(min_length=1, max_length=200)]
) -> HTMLResponse:
    """Roles, affiliation, quotes, and events as source and as target."""
    profile = cached(request, browse.actor_profile, con, actor_id=actor_id)
    return page(
        "actor.html", request, title=profile["name"] or actor_id, actor=profile,
        quotes=cached(request, browse.find_quotes, con, speaker=actor_id, limit=20),
        as_source=cached(request, browse.find_events, con, source=actor_id, limit=20),
        as_target=cached(request, browse.find_events, con, target=actor_id, limit=20),
    )  # fmt: skip


@router.get("/forecasts", summary="Forecast ledger page")
def forecasts_page(
    request: Request, con: Con, status: Annotated[ForecastStatus | None, Query()] = None,
    dyad: DyadQ = None, offset: Offset = 0,
) -> HTMLResponse:  # fmt: skip
    """Forecasts open, due and past, with the words behind each."""
    result = cached(
        request,
        browse.find_forecasts,
        con,
        status=status,
        dyad=dyad_key(dyad),
        limit=PAGE_SIZE,
        offset=offset,
    )
    return page(
        "forecasts.html", request, title="Forecast ledger", result=result, status=status,
        counts=cached(request, browse.forecast_counts, con), filters={"status": status, "dyad": dyad},
    )  # fmt: skip


@router.get("/search", summary="Search page")
def search_page(request: Request, con: Con, q: Text = None) -> HTMLResponse:
    """Articles, actors and quotes matching the words, and a link to the dyad when they name one."""
    results = cached(request, browse.search_all, con, q=q, limit=10) if q else None
    try:
        dyad = dyads.parse_dyad(q) if q and len(q.split()) <= 4 else None
    except BadDyad:
        dyad = None
    return page("search.html", request, title="Search", q=q or "", results=results, dyad=dyad)
