"""Waymark: guided walk-throughs of safeguarding policies, from Python.

Load a policy, walk through its questions (or give all the answers at once), and read what it
recommends: who owns each action, how urgent it is, its due date, what to record, why, and which
passage of the policy says so. See docs/python.md.
"""

from ._errors import AnswerError, Error, PolicyError, RecordError
from ._core import (
    Action,
    AddedAction,
    Because,
    Decision,
    Diagnostic,
    HistoryEntry,
    Note,
    Option,
    Outcome,
    Outcomes,
    Policy,
    PolicyRegistry,
    Question,
    QuestionWalk,
    Recommendation,
    Session,
    __version__,
    evaluate,
    evaluate_many,
    explain_record,
    load_policies,
    load_policy,
    load_policy_text,
    policy_search_path,
    render_record,
)

__all__ = [
    "Action",
    "AddedAction",
    "AnswerError",
    "Because",
    "Decision",
    "Diagnostic",
    "Error",
    "HistoryEntry",
    "Note",
    "Option",
    "Outcome",
    "Outcomes",
    "Policy",
    "PolicyError",
    "PolicyRegistry",
    "Question",
    "QuestionWalk",
    "Recommendation",
    "RecordError",
    "Session",
    "__version__",
    "evaluate",
    "evaluate_many",
    "explain_record",
    "load_policies",
    "load_policy",
    "load_policy_text",
    "policy_search_path",
    "render_record",
]
