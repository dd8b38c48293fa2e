"""Exceptions named after their condition, each with a code and a hint on how to fix it."""

from __future__ import annotations


class DyadwatchError(Exception):
    """Base class: ``code`` is stable so that messages can be looked up in the README."""

    code = "E000"

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        text = f"[{self.code}] {message}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class InputRejected(DyadwatchError):
    """An input that cannot become an article: binary, empty, too large, undecodable, ..."""

    code = "E001"


class ModelNotFound(DyadwatchError):
    code = "E002"


class BadDyad(DyadwatchError):
    code = "E003"


class ArticleNotFound(DyadwatchError):
    code = "E004"


class BadQuery(DyadwatchError):
    code = "E005"


class GoldDataMissing(DyadwatchError):
    code = "E006"


class BaselineViolation(DyadwatchError):
    """A quality figure fell under its pinned floor."""

    code = "E007"
