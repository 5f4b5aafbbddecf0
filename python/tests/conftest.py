"""Shared fixtures. ctest sets PYTHONPATH to the build tree, so `import waymark` is the real build."""

import datetime
import os
import pathlib

import pytest

import waymark

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(os.environ.get("WAYMARK_FIXTURES", REPO / "tests" / "fixtures"))
DAY = datetime.date(2026, 11, 25)

# A small policy using every question kind, a fact, a note, two roles and every action kind.
RICH_POLICY = """
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

[[question]]
id = "risk"
text = "Evidence of risk, or only not engaging?"
help = "Non-engagement alone is not a reason to act."
kind = "choice"
options = [ { id = "evidence", text = "Evidence of risk" }, { id = "only", text = "Only not engaging" } ]
source = "001: heading"

[[question]]
id = "spoke"
section = "Am I colluding?"
text = "Have you spoken to the adult themselves?"
help = "h"
kind = "yes_no"
ask_if = "risk == 'evidence'"
source = "001: Am I colluding?"

[[question]]
id = "tried"
text = "What have you tried?"
help = "h"
kind = "multi_choice"
options = [ { id = "calls", text = "Calls" }, { id = "letters", text = "Letters" }, { id = "visits", text = "Visits" } ]
source = "001: strategies"

[[question]]
id = "missed"
text = "How many appointments were missed?"
help = "h"
kind = "number"
min = 0
max = 100
source = "001: appointments"

[[question]]
id = "last_contact"
text = "When was the last contact?"
help = "h"
kind = "date"
source = "001: contact"

[[question]]
id = "summary"
text = "Describe the last contact"
help = "h"
kind = "text"
source = "001: contact"

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
