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
    assert outcome.action_ids == ["do_not_close", "collusion", "supervision", "review"]
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
    because = recommendations[2].because
    del policy, session
    gc.collect()
    assert recommendations[0].owner_title == "The allocated worker"
    assert recommendations[2].action.policy.id == "rich"
    assert "Line manager" in recommendations[2].explain()
    assert because[0].id == "many_missed"
