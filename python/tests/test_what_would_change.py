"""What would change the advice, from Python: Session.what_would_change(action_id) gives the smallest
change of answers or events, and making that change in a copy of the session changes the outcome."""

import datetime

import pytest

import waymark

DAY = datetime.date(2026, 12, 3)


@pytest.fixture(scope="module")
def cqc():
    return waymark.PolicyRegistry.from_search_path()["cqc-refusal-pathway"]


def test_after_one_refusal_the_shift_lead_step_needs_the_person_still_declining(cqc):
    session = waymark.Session(cqc, DAY, answers={"pathway": "personal_care", "p1_after_alternative": "accepted"})
    assert "p1_step3_inform_shift_lead" not in session.outcome().action_ids
    what = session.what_would_change("p1_step3_inform_shift_lead")
    assert what["status"] == "found"
    assert not what["recommended"]
    [way] = what["ways"]
    [change] = way
    assert change["kind"] == "answer"
    assert (change["question_id"], change["from"], change["to"]) == (
        "p1_after_alternative",
        "accepted",
        "still_declining",
    )
    assert what["words"].startswith("Would be recommended if the answer to ")
    assert 'were "The person still declines support" (it is "The person accepted support")' in what["words"]

    changed = session.copy()
    changed.answer(change["question_id"], change["to"])
    assert "p1_step3_inform_shift_lead" in changed.outcome().action_ids
    removed = changed.what_would_change("p1_step3_inform_shift_lead")
    assert removed["recommended"] and removed["words"].startswith("Would no longer be recommended if")


def test_more_refusals_in_the_chronology_are_a_change_too(cqc):
    events = [waymark.Event("medication_refusal", DAY - datetime.timedelta(days=2), "20:00")]
    answers = {"pathway": "medication", "p2_important": True, "p2_repeated": False}
    session = waymark.Session(cqc, DAY, answers=answers, events=events)
    what = session.what_would_change("p2_chronology_three_in_a_week")
    by_events = [way for way in what["ways"] if way[0]["kind"] == "events"]
    assert by_events, what["words"]
    [change] = by_events[0]
    assert (change["event_kind"], change["added"], change["window"]["count"], change["count_now"]) == (
        "medication_refusal",
        2,
        3,
        1,
    )
    assert "making 3 in the 7 days to 2026-12-03 (now 1)" in change["words"]


def test_every_action_not_recommended_is_covered_and_a_small_budget_says_not_worked_out(cqc):
    session = waymark.Session(cqc, DAY, answers={"pathway": "personal_care", "p1_after_alternative": "accepted"})
    recommended = set(session.outcome().action_ids)
    every = session.what_would_change_all()
    assert {w["action_id"] for w in every} == {a.id for a in cqc.actions} - recommended
    tiny = session.what_would_change("p1_step3_inform_shift_lead", max_states=1)
    assert tiny["status"] == "not_worked_out"
    assert "not worked out" in tiny["words"]


def test_an_unknown_action_is_an_answer_error(cqc):
    session = waymark.Session(cqc, DAY)
    with pytest.raises(waymark.AnswerError):
        session.what_would_change("no_such_action")
