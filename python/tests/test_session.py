"""Sessions: next question, answering every kind, bad answers, change, undo, judgements."""

import copy
import datetime

import pytest

import waymark


@pytest.fixture
def session(rich_policy, day):
    return waymark.Session(rich_policy, day)


def test_new_session(session, rich_policy, day):
    assert session.policy.id == "rich"
    assert session.date == day
    assert session.case_reference == ""
    assert session.answers == {}
    assert not session.complete
    assert session.next_question() == rich_policy.question("risk")
    assert "next risk" in repr(session)


def test_date_defaults_to_today_and_accepts_iso_text(rich_policy):
    assert waymark.Session(rich_policy).date == datetime.date.today()
    assert waymark.Session(rich_policy, "2026-11-25").date == datetime.date(2026, 11, 25)
    with pytest.raises(TypeError):
        waymark.Session(rich_policy, datetime.datetime(2026, 11, 25, 10, 0))
    with pytest.raises(ValueError, match="date '25/11/2026' is not a real date written YYYY-MM-DD"):
        waymark.Session(rich_policy, "25/11/2026")


def test_answer_every_kind(session, full_answers):
    for question_id, value in full_answers.items():
        assert session.answer(question_id, value) == []
    assert session.complete
    assert session.next_question() is None
    answers = session.answers
    assert list(answers) == list(full_answers)
    assert answers["spoke"] is False
    assert answers["tried"] == ["calls", "letters"]
    assert answers["missed"] == 3.0 and isinstance(answers["missed"], float)
    assert answers["last_contact"] == datetime.date(2026, 10, 1)
    assert answers["summary"] == "No answer at the door."
    assert session.answer_of("risk") == "evidence"
    assert "complete" in repr(session)


def test_other_accepted_forms(session):
    session.answer("risk", "only")
    session.answer("tried", ("visits",))  # any iterable of option ids
    session.answer("missed", 2.5)
    session.answer("last_contact", "2026-10-01")
    assert session.answers["tried"] == ["visits"]
    assert session.answers["last_contact"] == datetime.date(2026, 10, 1)
    session.answer("tried", [])  # "none of these"
    assert session.answers["tried"] == []


def test_walk_yields_the_questions_still_to_ask(session, full_answers):
    asked = []
    for question in session.walk():
        asked.append(question.id)
        session.answer(question.id, full_answers[question.id])
    assert asked == list(full_answers)


def test_walk_skips_questions_that_do_not_apply(session):
    asked = []
    for question in session.walk():
        asked.append(question.id)
        session.answer(question.id, {"risk": "only", "spoke": False, "tried": [], "missed": 0,
                                     "last_contact": "2026-01-01", "summary": "x"}[question.id])
    assert asked == ["risk", "spoke", "tried", "missed", "last_contact", "summary"]
    assert not session.is_applicable("said")


def test_walk_without_answering_is_an_error(session):
    walk = session.walk()
    assert next(walk).id == "risk"
    with pytest.raises(waymark.AnswerError, match="answer this question"):
        next(walk)


@pytest.mark.parametrize(
    "question_id, value, expected",
    [
        ("risk", 1, "a choice question takes an option id"),
        ("spoke", "yes", "a yes_no question takes True or False, not str"),
        ("spoke", 1, "not int"),
        ("tried", "calls", "a list of option ids"),
        ("tried", ["calls", 2], "every option id in the list must be a str, not int"),
        ("missed", "3", "a number"),
        ("missed", True, "a number"),
        ("last_contact", datetime.datetime(2026, 10, 1, 9, 0), "a datetime.date"),
        ("last_contact", "01/10/2026", "a datetime.date"),
        ("summary", 42, "text"),
    ],
)
def test_wrong_answer_type(session, question_id, value, expected):
    if question_id == "spoke":
        session.answer("risk", "evidence")
    with pytest.raises(waymark.AnswerError, match=expected) as caught:
        session.answer(question_id, value)
    assert caught.value.question_id == question_id
    assert isinstance(caught.value, ValueError)
    assert session.answer_of(question_id) is None


def test_unknown_option(session):
    with pytest.raises(waymark.AnswerError, match="'maybe' is not one of the options") as caught:
        session.answer("risk", "maybe")
    assert caught.value.question_id == "risk"
    assert "not one of the options" in caught.value.reason
    with pytest.raises(waymark.AnswerError) as caught:
        session.answer("tried", ["calls", "emails"])
    assert caught.value.question_id == "tried"


def test_number_out_of_range(session):
    with pytest.raises(waymark.AnswerError) as caught:
        session.answer("missed", 101)
    assert caught.value.question_id == "missed"


def test_unknown_question_id(session):
    with pytest.raises(waymark.AnswerError, match="no question with that id") as caught:
        session.answer("nope", True)
    assert caught.value.question_id == "nope"
    with pytest.raises(waymark.AnswerError):
        session.answer_of("nope")


def test_question_not_asked(session):
    session.answer("spoke", False)
    with pytest.raises(waymark.AnswerError, match="not asked") as caught:
        session.answer("said", "x")
    assert caught.value.question_id == "said"


def test_change_an_answer_drops_answers_that_no_longer_apply(session):
    session.answer("spoke", True)
    session.answer("said", "I am fine")
    assert session.answer("spoke", False) == ["said"]
    assert session.answers == {"spoke": False}
    assert [(h.kind, h.question_id) for h in session.history] == [
        ("answered", "spoke"),
        ("answered", "said"),
        ("changed", "spoke"),
        ("dropped", "said"),
    ]
    changed = session.history[2]
    assert (changed.from_value, changed.to_value) == (True, False)


def test_undo_restores_what_a_change_dropped(session):
    session.answer("spoke", True)
    session.answer("said", "I am fine")
    session.answer("spoke", False)
    assert session.undo() is True
    assert session.answers == {"spoke": True, "said": "I am fine"}
    assert session.history[-1].kind == "undone"
    assert session.undo() and session.undo()
    assert session.answers == {}
    assert session.undo() is False


def test_answer_text_parses_typed_input(session):
    session.answer_text("risk", "1")
    session.answer_text("spoke", "no")
    session.answer_text("tried", "1,3")
    session.answer_text("last_contact", "2026-10-01")
    assert session.answers == {
        "risk": "evidence",
        "spoke": False,
        "tried": ["calls", "visits"],
        "last_contact": datetime.date(2026, 10, 1),
    }
    with pytest.raises(waymark.AnswerError):
        session.answer_text("missed", "lots")


def test_timestamps(session):
    session.answer("risk", "evidence", at="2026-11-25T09:00:00Z")
    assert session.answered_at("risk") == "2026-11-25T09:00:00Z"
    assert session.history[0].at == "2026-11-25T09:00:00Z"
    session.answer("spoke", True)
    assert session.answered_at("spoke").endswith("Z")


def test_case_reference(session, rich_policy):
    session.case_reference = "C-1042"
    assert session.case_reference == "C-1042"
    with pytest.raises(waymark.AnswerError, match="never a name"):
        session.case_reference = "Jane Smith"
    assert waymark.Session(rich_policy, case_reference="C/7").case_reference == "C/7"


def test_start_with_answers(rich_policy, full_answers, day):
    session = waymark.Session(rich_policy, day, answers=full_answers)
    assert session.complete
    with pytest.raises(waymark.AnswerError) as caught:
        waymark.Session(rich_policy, answers={"spoke": False, "said": "x"})
    assert caught.value.question_id == "said"
    with pytest.raises(TypeError):
        waymark.Session(rich_policy, answers=["risk"])


def test_judgements_and_added_actions(session, full_answers):
    for question_id, value in full_answers.items():
        session.answer(question_id, value)
    session.judge("do_not_close", "accept", at="2026-11-25T10:00:00Z")
    session.judge("supervision", "adapt", "Team meeting instead; no supervision this week.")
    (first, second) = session.judgements
    assert (first.action_id, first.judgement, first.reason, first.at) == ("do_not_close", "accept", "", "2026-11-25T10:00:00Z")
    assert second.judgement == "adapt"
    with pytest.raises(waymark.AnswerError, match="give a reason"):
        session.judge("review", "decline")
    with pytest.raises(waymark.AnswerError, match="accept, adapt or decline"):
        session.judge("review", "ignore")
    with pytest.raises(waymark.AnswerError, match="not recommended"):
        session.judge("nope", "accept")
    session.add_action("Ring the GP.", "The GP saw her last week.", owner="worker")
    (added,) = session.added_actions
    assert (added.text, added.owner, added.reason) == ("Ring the GP.", "worker", "The GP saw her last week.")
    with pytest.raises(waymark.AnswerError):
        session.add_action("Ring the GP.", "")


def test_judgements_are_action_judgements(session, full_answers):
    for question_id, value in full_answers.items():
        session.answer(question_id, value)
    session.judge("do_not_close", "accept", at="2026-11-25T10:00:00Z")
    (judgement,) = session.judgements
    assert isinstance(judgement, waymark.ActionJudgement)
    assert repr(judgement) == "<ActionJudgement do_not_close accept>"
    assert isinstance(session.walk(), waymark.QuestionIterator)


# The old names keep working for code written against them, but warn.


def test_decide_and_decisions_still_work_but_warn(session, full_answers):
    for question_id, value in full_answers.items():
        session.answer(question_id, value)
    with pytest.warns(DeprecationWarning, match=r"Session.decide\(\) is deprecated; use Session.judge\(\)"):
        session.decide("supervision", "adapt", "Team meeting instead.", at="2026-11-25T10:00:00Z")
    with pytest.warns(DeprecationWarning, match="Session.decisions is deprecated; use Session.judgements") as caught:
        (old,) = session.decisions
    assert caught[0].filename == __file__  # points at the caller, not at waymark
    assert (old.action_id, old.judgement, old.reason) == ("supervision", "adapt", "Team meeting instead.")
    assert [j.action_id for j in session.judgements] == ["supervision"]
    with pytest.warns(DeprecationWarning), pytest.raises(waymark.AnswerError, match="give a reason"):
        session.decide("review", "decline")


@pytest.mark.parametrize("old, new", [("Decision", "ActionJudgement"), ("QuestionWalk", "QuestionIterator")])
def test_old_class_names_still_work_but_warn(old, new):
    with pytest.warns(DeprecationWarning, match=f"waymark.{old} is deprecated; use waymark.{new}") as caught:
        cls = getattr(waymark, old)
    assert cls is getattr(waymark, new)
    assert caught[0].filename == __file__
    with pytest.warns(DeprecationWarning):
        exec(f"from waymark import {old}", {})
    assert old not in waymark.__all__
    with pytest.raises(AttributeError, match="has no attribute 'Decisions'"):
        waymark.Decisions


def test_copy_is_independent(session):
    session.answer("risk", "evidence")
    for other in (session.copy(), copy.copy(session), copy.deepcopy(session)):
        other.answer("risk", "only")
        assert session.answers == {"risk": "evidence"}
        assert other.answers == {"risk": "only"}
