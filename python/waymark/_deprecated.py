"""Old names that keep working for code written against them, each with a DeprecationWarning.

A practitioner's accept, adapt or decline on a recommended action was a "decision"; the outcome is
advice, never a decision, so it is now a judgement (`Session.judge`, `Session.judgements`,
`ActionJudgement`). The iterator `Session.walk()` returns was `QuestionWalk`; it is
`QuestionIterator`. Saved files keep their keys ("decisions"): only the Python names changed.
"""

from __future__ import annotations

import warnings

from . import _core

# Module-level class names: old name -> new name (waymark.__getattr__ reads this, PEP 562).
RENAMED_CLASSES = {
    "Decision": "ActionJudgement",
    "QuestionWalk": "QuestionIterator",
}


def warn(old: str, new: str) -> None:
    """Warns that `old` is deprecated, pointing at the caller's caller (the user's code)."""
    warnings.warn(f"waymark: {old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def renamed_class(name: str):
    """The class an old module-level name stands for, with a warning; None for any other name."""
    new = RENAMED_CLASSES.get(name)
    if new is None:
        return None
    warnings.warn(f"waymark.{name} is deprecated; use waymark.{new}", DeprecationWarning, stacklevel=3)
    return getattr(_core, new)


def _decide(self, action_id, judgement, reason="", *, at=None):
    """Deprecated: use judge(), which takes the same arguments."""
    warn("Session.decide()", "Session.judge()")
    return self.judge(action_id, judgement, reason, at=at)


def _decisions(self):
    warn("Session.decisions", "Session.judgements")
    return self.judgements


def attach() -> None:
    """Gives the compiled Session its old method names, as thin wrappers that warn."""
    _core.Session.decide = _decide
    _core.Session.decisions = property(_decisions, doc="Deprecated: use judgements.")
