"""Values Python allows but Waymark cannot use are clear errors naming what is wrong (AnswerError
for an answer, ValueError for a date or timestamp), never pybind11's 'Unable to cast'."""

import pytest

import waymark


def test_a_number_too_large_for_a_float_names_the_question(rich_policy):
    with pytest.raises(waymark.AnswerError, match="missed: the number is too large") as caught:
        waymark.evaluate(rich_policy, {"missed": 10**400})
    assert caught.value.question_id == "missed"
    with pytest.raises(waymark.AnswerError, match="finite"):
        waymark.evaluate(rich_policy, {"missed": float("nan")})


@pytest.mark.parametrize("answers", [{"summary": "\ud800"}, {"risk": "\udc00"}, {"tried": ["calls", "\ud800"]}],
                         ids=["text", "choice", "multi_choice"])
def test_a_lone_surrogate_is_an_answer_error(rich_policy, answers):
    question = next(iter(answers))
    with pytest.raises(waymark.AnswerError, match="not valid Unicode") as caught:
        waymark.evaluate(rich_policy, answers)
    assert caught.value.question_id == question


def test_a_lone_surrogate_in_a_question_id_or_date_answer(rich_policy):
    with pytest.raises(waymark.AnswerError, match="question id is not valid Unicode"):
        waymark.evaluate(rich_policy, {"\ud800": 1})
    with pytest.raises(waymark.AnswerError, match="last_contact"):
        waymark.evaluate(rich_policy, {"last_contact": "\ud800"})


def test_a_date_that_does_not_exist_is_a_value_error_naming_it(rich_policy):
    with pytest.raises(ValueError, match="date '2026-02-30' is not a real date"):
        waymark.Session(rich_policy, "2026-02-30")
    with pytest.raises(ValueError, match="date 'soon'"):
        waymark.evaluate(rich_policy, {}, "soon")
    with pytest.raises(ValueError, match="2026-13-01"):
        waymark.Event("refusal", "2026-13-01")
    with pytest.raises(TypeError):  # not a str at all: still a TypeError
        waymark.Session(rich_policy, 20260230)


def test_an_answer_set_that_is_not_a_dict_names_its_index(rich_policy):
    with pytest.raises(waymark.AnswerError, match="answer set 1: answers are a dict") as caught:
        waymark.evaluate_many(rich_policy, [{}, 5])
    assert caught.value.index == 1
    with pytest.raises(TypeError):  # one call, not a batch: TypeError as before
        waymark.evaluate(rich_policy, 5)


@pytest.mark.parametrize("bad", ["yesterday-ish", "", "2026-11-25", "2026-11-25T25:00:00Z", "2026-02-30T10:00Z",
                                 "2026-11-25T10:04:00+1"])
def test_timestamps_must_be_iso_8601(rich_policy, bad):
    session = waymark.Session(rich_policy, "2026-11-25")
    with pytest.raises(ValueError, match="is not ISO 8601"):
        session.answer("risk", "evidence", at=bad)
    assert session.answers == {}
    with pytest.raises(ValueError, match="is not ISO 8601"):
        session.record(created_at=bad)
    with pytest.raises(ValueError, match="is not ISO 8601"):
        session.undo(at=bad)


@pytest.mark.parametrize("good", ["2026-11-25T10:04:00Z", "2026-11-25T10:04Z", "2026-11-25T10:04:00.123+01:00",
                                  "2026-11-25 10:04:00", "2026-11-25T10:04:00-05:00"])
def test_iso_8601_timestamps_are_taken(rich_policy, good):
    session = waymark.Session(rich_policy, "2026-11-25")
    session.answer("risk", "evidence", at=good)
    assert session.answered_at("risk") == good
    assert good in session.record(created_at=good)


def test_judge_checks_its_timestamp(rich_policy, full_answers):
    session = waymark.Session(rich_policy, "2026-11-25", answers=full_answers)
    with pytest.raises(ValueError, match="timestamp '' is not ISO 8601"):
        session.judge("review", "accept", at="")
    assert session.judgements == []
