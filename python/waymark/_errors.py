"""Exceptions Waymark raises for problems a user can cause. The compiled module raises these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

if TYPE_CHECKING:
    from ._core import Diagnostic


class Error(Exception):
    """Base of every error Waymark reports to a user."""


class PolicyError(Error):
    """A policy (or a file claiming to be one) that cannot be loaded.

    ``diagnostics`` holds every problem found; ``file``, ``line`` and ``column`` are those of the
    first error, for callers that report only one.
    """

    def __init__(self, message: str, diagnostics: Sequence["Diagnostic"] = ()) -> None:
        super().__init__(message)
        self.diagnostics: list["Diagnostic"] = list(diagnostics)

    def _first(self) -> Optional["Diagnostic"]:
        for diagnostic in self.diagnostics:
            if diagnostic.severity == "error":
                return diagnostic
        return self.diagnostics[0] if self.diagnostics else None

    @property
    def file(self) -> str:
        first = self._first()
        return first.file if first else ""

    @property
    def line(self) -> int:
        """Line of the first error, counting from 1 (0 when not known)."""
        first = self._first()
        return first.line if first else 0

    @property
    def column(self) -> int:
        """Column of the first error, counting from 1 (0 when not known)."""
        first = self._first()
        return first.column if first else 0


class AnswerError(Error, ValueError):
    """An answer that does not fit its question: an unknown question id, the wrong type, an
    unknown option, a number out of range, or a question that is not asked given the answers
    before it.

    ``index`` is set when the answer came from one answer set of :func:`waymark.evaluate_many`.
    """

    def __init__(self, message: str, question_id: str = "", reason: str = "", index: Optional[int] = None) -> None:
        super().__init__(message)
        self.question_id = question_id
        self.reason = reason or message
        self.index = index


class RecordError(Error, ValueError):
    """A saved session or evidence record that cannot be read back (corrupt, another format
    version, or made with a different policy)."""


# Shown as waymark.PolicyError (where users catch them), not waymark._errors.PolicyError.
for _error in (Error, PolicyError, AnswerError, RecordError):
    _error.__module__ = "waymark"
