"""Waymark: guided walk-throughs of safeguarding policies, from Python.

Load a policy, walk through its questions (or give all the answers at once), and read what it
recommends: who owns each action, how urgent it is, its due date, what to record, why, and which
passage of the policy says so. See docs/python.md.
"""

from typing import TYPE_CHECKING

from ._errors import AnswerError, Error, PolicyError, RecordError
from ._core import (
    Action,
    ActionExpectation,
    ActionJudgement,
    AddedAction,
    Because,
    Choice,
    Diagnostic,
    Distractor,
    Event,
    Expectations,
    HistoryEntry,
    Note,
    Option,
    Outcome,
    Outcomes,
    Plugin,
    Policy,
    PolicyRegistry,
    Question,
    QuestionIterator,
    Recommendation,
    Response,
    Scenario,
    ScenarioFile,
    ScenarioRun,
    Session,
    Urgency,
    __version__,
    evaluate,
    evaluate_many,
    explain_record,
    load_policies,
    load_policy,
    load_policy_text,
    load_scenarios,
    parse_scenarios,
    policy_search_path,
    plugin_search_path,
    render_record,
)
from . import _deprecated, _display
from .cohort import ActionSummary, Cohort
from .exercise import Exercise, Finding, Score, TraineeChoice

_display.attach()  # Outcome.to_dict(), .to_dataframe() and notebook display
_deprecated.attach()  # Session.decide() and .decisions, which warn

if TYPE_CHECKING:  # the old names, for type checkers; at run time __getattr__ gives them with a warning
    from ._core import ActionJudgement as Decision, QuestionIterator as QuestionWalk  # noqa: F401


def __getattr__(name: str):
    """The old class names (Decision, QuestionWalk) still work, with a DeprecationWarning (PEP 562)."""
    cls = _deprecated.renamed_class(name)
    if cls is None:
        raise AttributeError(f"module 'waymark' has no attribute {name!r}")
    return cls


__all__ = [
    "Action",
    "ActionExpectation",
    "ActionJudgement",
    "ActionSummary",
    "AddedAction",
    "AnswerError",
    "Because",
    "Choice",
    "Cohort",
    "Diagnostic",
    "Distractor",
    "Error",
    "Event",
    "Exercise",
    "Expectations",
    "Finding",
    "HistoryEntry",
    "Note",
    "Option",
    "Outcome",
    "Outcomes",
    "Plugin",
    "Policy",
    "PolicyError",
    "PolicyRegistry",
    "Question",
    "QuestionIterator",
    "Recommendation",
    "RecordError",
    "Response",
    "Scenario",
    "ScenarioFile",
    "ScenarioRun",
    "Score",
    "Session",
    "TraineeChoice",
    "Urgency",
    "__version__",
    "evaluate",
    "evaluate_many",
    "explain_record",
    "load_policies",
    "load_policy",
    "load_policy_text",
    "load_scenarios",
    "parse_scenarios",
    "policy_search_path",
    "plugin_search_path",
    "render_record",
]
