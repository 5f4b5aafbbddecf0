"""evaluate() in one call, and evaluate_many() in C++ for many answer sets."""

import datetime
import threading

import pytest

import waymark


def test_evaluate(rich_policy, full_answers, day):
    outcome = waymark.evaluate(rich_policy, full_answers, day)
    assert outcome.complete
    assert outcome.action_ids == ["supervision", "review", "do_not_close", "collusion"]
    assert outcome.date == day
    assert outcome.policy.id == "rich"


def test_evaluate_applies_answers_in_policy_order(rich_policy, day):
    # "said" (asked only if "spoke") comes before "spoke" in the dict, but is checked after it.
    outcome = waymark.evaluate(rich_policy, {"said": "I am fine", "spoke": True, "risk": "evidence"}, day)
    assert "do_not_close" in outcome and "collusion" not in outcome
    assert not outcome.complete
    assert outcome.unanswered == ["tried", "missed", "last_contact", "summary"]


def test_evaluate_date_default_and_due_dates(rich_policy):
    assert waymark.evaluate(rich_policy, {"risk": "only"}).date == datetime.date.today()
    outcome = waymark.evaluate(rich_policy, {"risk": "only"}, date="2026-01-31")
    assert outcome["review"].due == datetime.date(2026, 3, 14)


def test_evaluate_accepts_any_mapping(rich_policy, day):
    class Answers:
        def items(self):
            return [("risk", "only")]

    assert "review" in waymark.evaluate(rich_policy, Answers(), day)


@pytest.mark.parametrize(
    "answers, question_id, message",
    [
        ({"nope": True}, "nope", "no question with that id"),
        ({"risk": True}, "risk", "takes an option id"),
        ({"risk": "maybe"}, "risk", "not one of the options"),
        ({"spoke": False, "said": "x"}, "said", "not asked given the answers before it"),
        ({"missed": -1}, "missed", ""),
    ],
)
def test_evaluate_bad_answers(rich_policy, answers, question_id, message):
    with pytest.raises(waymark.AnswerError, match=message) as caught:
        waymark.evaluate(rich_policy, answers)
    assert caught.value.question_id == question_id
    assert caught.value.index is None


def test_evaluate_bad_inputs_are_type_errors(rich_policy):
    with pytest.raises(TypeError, match="dict of question id"):
        waymark.evaluate(rich_policy, ["risk"])
    with pytest.raises(TypeError, match="question ids are str"):
        waymark.evaluate(rich_policy, {1: "only"})
    with pytest.raises(TypeError):
        waymark.evaluate("rich", {"risk": "only"})


def answer_sets():
    return [
        {"risk": "evidence", "spoke": False, "missed": 4},
        {"risk": "only"},
        {"risk": "evidence", "spoke": True, "tried": [], "missed": 0, "last_contact": "2026-01-01", "summary": "x"},
        {},
    ]


def test_evaluate_many_matches_evaluate(rich_policy, day):
    many = waymark.evaluate_many(rich_policy, answer_sets(), day)
    one_by_one = [waymark.evaluate(rich_policy, answers, day) for answers in answer_sets()]
    assert [o.action_ids for o in many] == [o.action_ids for o in one_by_one]
    assert [o.complete for o in many] == [o.complete for o in one_by_one]
    assert [o.unanswered for o in many] == [o.unanswered for o in one_by_one]
    assert many[0]["supervision"].due == one_by_one[0]["supervision"].due
    assert many[0]["supervision"].explain() == one_by_one[0]["supervision"].explain()


def test_evaluate_many_over_several_chunks_matches_evaluate(rich_policy, day):
    # Over 256 sets the batch converts in more than one chunk, writing each answer over the one
    # that stood in its place: with the dicts' orders rotated, a place held a choice, a number, a
    # date or text before. Nothing of an earlier answer may show through.
    sets = []
    for n in range(600):
        answers = list(answer_sets()[n % 4].items())
        shift = n % (len(answers) or 1)
        sets.append(dict(answers[shift:] + answers[:shift]))
    for reasons in ("include", "on_demand", "omit"):
        many = waymark.evaluate_many(rich_policy, sets, day, reasons=reasons)
        one_by_one = [waymark.evaluate(rich_policy, answers, day, reasons=reasons) for answers in sets]
        assert [o.action_ids for o in many] == [o.action_ids for o in one_by_one]
        assert [o.unanswered for o in many] == [o.unanswered for o in one_by_one]
        if reasons != "omit":
            assert [[r.explain() for r in o.actions] for o in many] == [
                [r.explain() for r in o.actions] for o in one_by_one
            ]


class Key(str):
    """A str subclass: may carry state, so evaluate_many must not remember it by address."""


def test_evaluate_many_reads_question_ids_however_their_str_objects_come(rich_policy, day):
    # Shared objects (a DataFrame's column names), a fresh str for every set (a CSV parsed row by
    # row), a subclass, and the interned ids a policy gives: a batch must read every one by its text.
    ids = [q.id for q in rich_policy.questions]
    assert rich_policy.questions[0].id is ids[0]  # interned, as Python's own identifiers are
    expected = [waymark.evaluate(rich_policy, answers, day).action_ids for answers in answer_sets()]
    fresh = lambda key: "".join(list(key))  # equal text, another object
    for make_key in (lambda key: key, fresh, Key, lambda key: ids[ids.index(key)]):
        # Made one by one and dropped once read (a freed str's address is soon another's), with the
        # keys in turn forwards and backwards.
        sets = (
            {make_key(k): v for k, v in (items if n % 2 else reversed(items))}
            for n in range(300)
            for items in (list(answers.items()) for answers in answer_sets())
        )
        outcomes = waymark.evaluate_many(rich_policy, sets, day, reasons="omit")
        assert [o.action_ids for o in outcomes] == expected * 300


def test_evaluate_many_takes_any_iterable(rich_policy, day):
    generated = ({"risk": "only", "missed": n} for n in range(5))
    outcomes = waymark.evaluate_many(rich_policy, generated, day)
    assert ["supervision" in o for o in outcomes] == [False, False, False, True, True]
    assert len(waymark.evaluate_many(rich_policy, [], day)) == 0


def test_outcomes_is_a_sequence(rich_policy, day):
    outcomes = waymark.evaluate_many(rich_policy, answer_sets(), day)
    assert len(outcomes) == 4
    assert outcomes[-1].action_ids == outcomes[3].action_ids == ["review"]
    assert [o.action_ids for o in outcomes[1:3]] == [["review"], ["review", "do_not_close"]]
    assert [len(o) for o in outcomes] == [4, 1, 2, 1]
    assert outcomes.action_counts() == {"do_not_close": 2, "collusion": 1, "supervision": 1, "review": 4}
    with pytest.raises(IndexError):
        outcomes[4]
    assert "4 answer sets" in repr(outcomes)


def test_an_outcome_outlives_its_batch(rich_policy, day):
    import gc

    outcomes = waymark.evaluate_many(rich_policy, answer_sets(), day)
    first = outcomes[0]
    recommendation = first["supervision"]
    del outcomes
    gc.collect()
    assert first.action_ids == ["supervision", "review", "do_not_close", "collusion"]
    assert recommendation.owner_title == "Line manager"


def test_evaluate_many_names_the_bad_answer_set(rich_policy):
    sets = answer_sets()
    sets.insert(2, {"spoke": False, "said": "x"})  # fails in C++, after conversion
    with pytest.raises(waymark.AnswerError, match="answer set 2: said:") as caught:
        waymark.evaluate_many(rich_policy, sets)
    assert (caught.value.index, caught.value.question_id) == (2, "said")

    sets = answer_sets()
    sets.append({"risk": 3})  # fails while converting
    with pytest.raises(waymark.AnswerError) as caught:
        waymark.evaluate_many(rich_policy, sets)
    assert (caught.value.index, caught.value.question_id) == (4, "risk")


def test_evaluate_many_runs_alongside_other_threads(rich_policy, day):
    sets = answer_sets() * 2000
    expected = [o.action_ids for o in waymark.evaluate_many(rich_policy, sets, day)]
    results = {}

    def work(n):
        results[n] = [o.action_ids for o in waymark.evaluate_many(rich_policy, sets, day)]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n] == expected for n in range(4))


def test_fixture_policy(fixture_policy, day):
    outcome = waymark.evaluate(fixture_policy, {"risk": "evidence", "spoke": True}, day)
    assert outcome.action_ids == ["review", "do_not_close"]


def test_reasons_when_asked_for_are_the_same_whenever_worked_out(rich_policy, day):
    sets = answer_sets()
    eager = waymark.evaluate_many(rich_policy, sets, day, reasons="include")
    lazy = waymark.evaluate_many(rich_policy, sets, day)  # on demand: worked out when read
    assert sum(len(r.because) for o in eager for r in o.actions) > 0
    for before, after in zip(eager, lazy):
        assert [[str(b) for b in r.because] for r in before.actions] == [
            [str(b) for b in r.because] for r in after.actions
        ]
        assert [r.explain() for r in before.actions] == [r.explain() for r in after.actions]
    one = waymark.evaluate(rich_policy, sets[0], day, reasons="include")
    assert [r.explain() for r in one.actions] == [r.explain() for r in lazy[0].actions]


def test_reasons_omitted_say_so_rather_than_look_empty(rich_policy, day):
    outcomes = waymark.evaluate_many(rich_policy, answer_sets(), day, reasons="omit")
    assert outcomes[0].action_ids == waymark.evaluate(rich_policy, answer_sets()[0], day).action_ids
    with pytest.raises(ValueError, match="reasons='omit'"):
        outcomes[0]["supervision"].because
    with pytest.raises(ValueError, match="reasons='omit'"):
        outcomes[0]["supervision"].explain()
    with pytest.raises(ValueError, match="'on_demand', 'include' or 'omit'"):
        waymark.evaluate_many(rich_policy, answer_sets(), day, reasons="sometimes")


def outcome_as_seen(outcome):
    """Everything a front end shows of an outcome, as plain values."""
    return {
        "complete": outcome.complete,
        "unanswered": outcome.unanswered,
        "actions": [(r.action.id, r.due) for r in outcome.actions],
        "groups": [[r.action.id for r in group] for group in (outcome.do_now, outcome.also_recommended, outcome.keep_in_mind)],
        "notes": [n.id for n in outcome.notes],
        "pathways": outcome.pathways,
    }


@pytest.mark.parametrize("policy_id", ["adult-non-engagement", "childrens-persistent-non-engagement",
                                       "cqc-refusal-pathway", "enforcement-risk", "practice-failure-remediation"])
def test_a_batch_keeps_every_bundled_scenario_s_outcome_as_evaluated(policy_id):
    # evaluate_many keeps its outcomes small and remakes each one looked at: the remade outcome is
    # the one evaluate() gives, whatever the policy's pathways, notes and groups.
    import pathlib

    policy = waymark.PolicyRegistry.from_search_path()[policy_id]
    tests_file = pathlib.Path(__file__).resolve().parents[2] / "policies" / f"{policy_id}.tests.toml"
    day = datetime.date(2026, 12, 2)

    def evaluates(answers):  # a few scenarios answer a question their other answers leave unasked
        try:
            return waymark.evaluate(policy, answers, day) is not None
        except waymark.AnswerError:
            return False

    sets = [s.answers for s in waymark.load_scenarios(tests_file) if evaluates(s.answers)]
    assert len(sets) >= 3
    for reasons in ("omit", "on_demand", "include"):
        many = waymark.evaluate_many(policy, sets, day, reasons=reasons)
        one_by_one = [waymark.evaluate(policy, answers, day, reasons=reasons) for answers in sets]
        assert [outcome_as_seen(o) for o in many] == [outcome_as_seen(o) for o in one_by_one]
        if reasons != "omit":
            assert [[r.explain() for r in o.actions] for o in many] == [
                [r.explain() for r in o.actions] for o in one_by_one
            ]
