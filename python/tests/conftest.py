"""Shared fixtures. ctest sets PYTHONPATH to the build tree, so `import waymark` is the real build."""

import datetime
import os
import pathlib

import pytest

import waymark

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(os.environ.get("WAYMARK_FIXTURES", REPO / "tests" / "fixtures"))
DAY = datetime.date(2026, 11, 25)

# A small policy using every question kind, a fact, a note, two roles and every action kind. Its
# questions are tests/fixtures/question_kinds.toml, which the C++ tests use too, and one more, asked
# only if the adult was spoken to, for the tests of questions that do not apply.
RICH_POLICY_HEADER = """
[policy]
id = "rich"
title = "Rich test policy"
version = "2.1.0"
owner = "Test board"
applies_to = "tests"
effective = 2026-01-01
review_by = 2028-01-01
sources = ["001_test.txt"]
summary = "For the Python tests."

[roles]
worker = "The allocated worker"
line_manager = "Line manager"
"""

RICH_POLICY_REST = """
[[question]]
id = "said"
text = "What did the adult say?"
help = "h"
kind = "text"
ask_if = "spoke"
source = "001: Am I colluding?"

[[fact]]
id = "many_missed"
text = "Three or more appointments were missed"
value = "missed >= 3"

[[action]]
id = "do_not_close"
kind = "prohibition"
text = "Do not close the case."
owner = "worker"
urgency = "immediate"
record = "The decision not to close, in the case notes."
why = "Inaction could lead to abuse, neglect, injury or death."
when = "risk == 'evidence'"
section = "Next Steps"
source = "001: Next Steps"

[[action]]
id = "collusion"
kind = "flag"
text = "Possible collusion: you have not spoken to the adult."
owner = "worker"
urgency = "same_day"
why = "Taking a family member's word is a sign of collusion."
when = "spoke == false"
source = "001: Am I colluding?"

[[action]]
id = "supervision"
kind = "step"
text = "Discuss the case in supervision."
owner = "line_manager"
urgency = "within 5 days"
timescale = "at the next supervision, and within 5 working days"
record = "The discussion and what was agreed."
why = "A second view guards against drift."
when = "many_missed"
source = "001: Next Steps"

[[action]]
id = "review"
kind = "step"
text = "Review the case."
owner = "worker"
urgency = "within 6 weeks"
why = "Keep the plan current."
when = "true"
source = "001: Review"

[[note]]
id = "silent"
text = "The source gives no timescale for the review."
source = "001"
"""

RICH_POLICY = RICH_POLICY_HEADER + "\n" + (FIXTURES / "question_kinds.toml").read_text() + RICH_POLICY_REST

# Answers that complete RICH_POLICY and fire every action.
FULL_ANSWERS = {
    "risk": "evidence",
    "spoke": False,
    "tried": ["calls", "letters"],
    "missed": 3,
    "last_contact": datetime.date(2026, 10, 1),
    "summary": "No answer at the door.",
}


@pytest.fixture
def day():
    return DAY


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture
def rich_policy():
    return waymark.load_policy_text(RICH_POLICY, "rich.toml")


@pytest.fixture
def rich_policy_file(tmp_path):
    path = tmp_path / "rich.toml"
    path.write_text(RICH_POLICY)
    return path


@pytest.fixture
def full_answers():
    return dict(FULL_ANSWERS)


@pytest.fixture
def fixture_policy():
    return waymark.load_policy(FIXTURES / "answers_policy.toml")


@pytest.fixture
def cli():
    """The built `waymark` command, when ctest says where it is."""
    path = os.environ.get("WAYMARK_CLI")
    if not path:
        pytest.skip("WAYMARK_CLI is not set (run through ctest)")
    return path
