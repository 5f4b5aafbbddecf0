"""Outcomes: recommended actions with owner, urgency, due date, record, rationale, source, reasons."""

import datetime
import gc

import pytest

import waymark


@pytest.fixture
def outcome(rich_policy, full_answers, day):
    return waymark.Session(rich_policy, day, answers=full_answers).outcome()


def test_actions_in_order_of_urgency(outcome):
    assert outcome.complete
    assert outcome.unanswered == []
    assert outcome.action_ids == ["supervision", "review", "do_not_close", "collusion"]
    assert [r.id for r in outcome] == outcome.action_ids
    assert len(outcome) == 4
    assert "complete: 4 actions" in repr(outcome)


def test_recommendation_fields(outcome, day):
    rec = outcome["supervision"]
    assert rec.text == "Discuss the case in supervision."
    assert rec.kind == "step"
    assert rec.owner == "line_manager"
    assert rec.owner_title == "Line manager"
    assert rec.urgency == "within 5 days"
    assert rec.urgency_label == "Within 5 days"
    assert rec.timescale == "at the next supervision, and within 5 working days"
    assert rec.due == datetime.date(2026, 11, 30)
    assert rec.record == "The discussion and what was agreed."
    assert rec.why == "A second view guards against drift."
    assert rec.source == "001: Next Steps"
    assert rec.action == outcome.policy.action("supervision")
    assert "supervision" in repr(rec) and "2026-11-30" in repr(rec)
    assert outcome["do_not_close"].due == day
    assert outcome["do_not_close"].kind == "prohibition"
    assert outcome["collusion"].kind == "flag"
    assert outcome.date == day


def test_because_names_the_answers_and_facts(outcome):
    because = outcome["supervision"].because
    assert [(b.kind, b.id) for b in because] == [("fact", "many_missed"), ("answer", "missed")]
    assert because[0].text == "Three or more appointments were missed"
    assert because[0].value == "Yes"
    assert because[1].value == "3"
    assert because[1].source == "001: appointments"
    spoke = outcome["collusion"].because[0]
    assert (spoke.id, spoke.value, spoke.section) == ("spoke", "No", "Am I colluding?")
    assert str(spoke).startswith('you answered "No" to "Have you spoken')
    assert outcome["review"].because == []


def test_explain(outcome):
    text = outcome["collusion"].explain()
    assert text.startswith("Possible collusion: you have not spoken to the adult.\n")
    assert 'Because you answered "No" to "Have you spoken to the adult themselves?"' in text
    assert "The policy says why: Taking a family member's word is a sign of collusion." in text
    assert "Owner: The allocated worker. When: The same day, due 2026-11-25. Source: 001: Am I colluding?" in text
    assert "in every case" in outcome["review"].explain()


def test_notes(outcome):
    assert [n.id for n in outcome.notes] == ["silent"]


def test_contains_and_missing_actions(rich_policy, day):
    outcome = waymark.evaluate(rich_policy, {"risk": "only"}, day)
    assert "review" in outcome
    assert "do_not_close" not in outcome
    with pytest.raises(KeyError, match="not recommended"):
        outcome["do_not_close"]


def test_incomplete_outcome_lists_unanswered(rich_policy, day):
    session = waymark.Session(rich_policy, day)
    session.answer("risk", "evidence")
    outcome = session.outcome()
    assert not outcome.complete
    assert outcome.unanswered == ["spoke", "tried", "missed", "last_contact", "summary"]
    assert "do_not_close" in outcome
    assert "INCOMPLETE" in repr(outcome)


def test_recommendations_outlive_their_outcome_session_and_policy(rich_policy_file, full_answers, day):
    policy = waymark.load_policy(rich_policy_file)
    session = waymark.Session(policy, day, answers=full_answers)
    recommendations = list(session.outcome())
    # Grouped: the steps to do now (supervision first), then what to keep in mind (do_not_close).
    assert [r.id for r in recommendations] == ["supervision", "review", "do_not_close", "collusion"]
    because = recommendations[0].because
    del policy, session
    gc.collect()
    assert recommendations[2].owner_title == "The allocated worker"
    assert recommendations[0].action.policy.id == "rich"
    assert "Line manager" in recommendations[0].explain()
    assert because[0].id == "many_missed"


def test_reasons_outlive_everything_they_came_from(rich_policy_file, full_answers, day):
    # A reason's texts are viewed in the policy: the Python Because keeps the policy alive.
    session = waymark.Session(waymark.load_policy(rich_policy_file), day, answers=full_answers)
    because = session.outcome()["supervision"].because
    del session
    gc.collect()
    [waymark.load_policy(rich_policy_file) for _ in range(20)]  # reuses freed memory, if any was
    assert [(b.id, b.text) for b in because] == [
        ("many_missed", "Three or more appointments were missed"),
        ("missed", "How many appointments were missed?"),
    ]
    assert str(because[1]) == 'you answered "3" to "How many appointments were missed?" (source: 001: appointments)'


# A question asked only after a "yes": with "no" it is not asked, and an action turns on that.
UNASKED_POLICY = """
[policy]
id = "unasked"
title = "Unasked"
version = "1.0.0"
owner = "Test board"
applies_to = "tests"
effective = 2026-01-01
review_by = 2028-01-01
sources = ["s"]

[roles]
worker = "Worker"

[[question]]
id = "spoke"
text = "Have you spoken to the adult?"
help = "h"
kind = "yes_no"
source = "s"

[[question]]
id = "who"
text = "Who did you speak to?"
help = "h"
kind = "text"
ask_if = "spoke"
source = "s"

[[action]]
id = "ask"
text = "Speak to the adult."
kind = "step"
owner = "worker"
urgency = "immediate"
why = "w"
when = "not answered(who)"
source = "s"
"""


def test_because_says_which_options_decided_it(day):
    from conftest import REPO

    policy = waymark.load_policy(REPO / "policies" / "adult-non-engagement.toml")
    answers = {"aged_18_or_over": True, "risk_basis": "only_not_engaging",
               "strategies_tried": ["letters", "gp_contact"], "concerns_raised": ["duress", "mental_health"]}
    outcome = waymark.Session(policy, day, answers=answers).outcome()
    calls = outcome["try_calls"].because[0]
    assert calls.id == "strategies_tried" and calls.value == "Letters; GP contact"
    assert calls.not_chosen == ["Calls"] and calls.chosen == []
    assert calls.no_answer is None
    assert str(calls).startswith('you did not choose "Calls" in answer to "Which of these strategies')
    assert ': you chose "Letters; GP contact" (Strategies to consider;' in str(calls)
    assert 'Because you did not choose "Calls"' in outcome["try_calls"].explain()
    duress = outcome["possible_duress"].because[0]
    assert duress.chosen == ["The person may be under duress"] and duress.not_chosen == []
    unasked = waymark.load_policy_text(UNASKED_POLICY, "unasked.toml")
    because = waymark.Session(unasked, day, answers={"spoke": False}).outcome()["ask"].because[0]
    assert because.no_answer == "not_asked" and because.value == "not asked"
    assert str(because) == '"Who did you speak to?" was not asked (it did not apply) (source: s)'
