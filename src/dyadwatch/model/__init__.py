"""Typed records shared by every stage."""

from dyadwatch.model.records import (
    Actor,
    Analysis,
    Article,
    Event,
    Forecast,
    IssueStance,
    Quote,
    Span,
)

__all__ = ["Actor", "Analysis", "Article", "Event", "Forecast", "IssueStance", "Quote", "Span"]
