"""Response models of the JSON API: they document the OpenAPI schema and shape every answer.

Lists come as a page: ``items``, ``total`` (all matches), ``limit`` and ``offset``.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

QuadClass = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
Modality = Literal["asserted", "planned", "hypothetical", "negated"]
ForecastStatus = Literal["open", "due", "past"]
# Which reader found a quote: the cue rules or the learned attribution tagger.
QuoteReader = Literal["rules", "tagger"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="matches in all pages")
    limit: int
    offset: int


class ArticleItem(BaseModel):
    id: str
    title: str | None
    published: str | None
    published_precision: str | None
    outlet: str | None
    kind: str | None
    url: str | None
    authors: list[str] | None
    snippet: str | None = Field(description="the first 240 characters of the text")


class ActorItem(BaseModel):
    id: str
    name: str | None
    kind: str | None
    country: str | None
    sector: str | None
    n_articles: int
    n_mentions: int


class RoleItem(BaseModel):
    role: str | None
    affiliation: str | None
    n_articles: int


class ActorProfile(BaseModel):
    id: str
    name: str | None
    names: list[str]
    kind: str | None
    country: str | None
    sector: str | None
    roles: list[RoleItem]
    n_articles: int
    n_mentions: int


class QuoteItem(BaseModel):
    article_id: str
    idx: int
    speaker: str | None
    speaker_name: str | None
    text: str | None
    start: int | None
    end: int | None
    cue: str | None
    direct: bool | None
    issues: list[str] | None
    title: str | None
    published: str | None
    # "rules" or "tagger" (the learned attribution tagger), with the tagger's confidence.
    found_by: QuoteReader | None = None
    confidence: float | None = None


class EventItem(BaseModel):
    article_id: str
    idx: int
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    dyad: str | None
    type: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: str | None
    modality: str | None
    date: str | None
    date_precision: str | None
    location: str | None
    issues: list[str] | None
    reported_by: str | None
    trigger_start: int | None
    trigger_end: int | None
    trigger_text: str | None
    title: str | None
    published: str | None


class ForecastItem(BaseModel):
    article_id: str
    idx: int
    speaker: str | None
    text: str | None
    start: int | None
    end: int | None
    subject: str | None
    dyad: str | None
    horizon: str | None
    polarity: str | None
    likelihood: str | None
    status: str | None
    title: str | None
    published: str | None


class DyadItem(BaseModel):
    dyad: str
    n_events: int
    n_stances: int
    n_articles: int


class IndexMonth(BaseModel):
    month: str
    n_events: int
    goldstein: float | None
    cooperation: int
    conflict: int
    index: float = Field(description="(cooperation - conflict) / events, asserted events only")


class StanceCell(BaseModel):
    issue: str | None
    month: str
    n: int
    score: float | None
    cooperation: int
    contention: int
    mixed: int
    stance: str
    article_id: str = Field(description="article of the strongest stance record in the cell")
    idx: int = Field(description="that record's index in the article's issues")


class IssueCount(BaseModel):
    issue: str | None
    n: int
    score: float | None
    stance: str
    n_articles: int


class DyadSummary(BaseModel):
    dyad: str
    index_by_month: list[IndexMonth]
    stances_by_month: list[StanceCell]
    issues: list[IssueCount]


class StanceRecord(BaseModel):
    article_id: str
    idx: int
    stance: str | None
    score: float | None
    voices: list[str] | None
    title: str | None
    published: str | None
    evidence: list[list[int]] | None
    excerpt: str | None


class IssueQuote(BaseModel):
    article_id: str
    idx: int
    speaker: str | None
    speaker_name: str | None
    text: str | None
    cue: str | None
    title: str | None
    published: str | None


class IssueView(BaseModel):
    dyad: str
    issue: str
    by_month: list[StanceCell]
    stances: Page[StanceRecord]
    quotes: dict[str, list[IssueQuote]] = Field(description="cooperation / contention / mixed")


class SearchResults(BaseModel):
    articles: Page[ArticleItem]
    actors: Page[ActorItem]
    quotes: Page[QuoteItem]


class ArticleRecord(BaseModel):
    """The export-contract object of one article (DESIGN §2)."""

    article: dict[str, Any]
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    forecasts: list[dict[str, Any]]


class StoreStatus(BaseModel):
    counts: dict[str, int]
    forecasts: dict[str, int]
