"""None where a policy is wanted is a TypeError, never a crash of the interpreter (pybind11 turns
None into an empty pointer, which the engine would follow)."""

import pytest

import waymark

SCENARIOS = 'policy = "rich"\n[[scenario]]\nid = "a"\n[scenario.answers]\nrisk = "only"\n'


@pytest.mark.parametrize(
    "call",
    [
        lambda: waymark.Session(None),
        lambda: waymark.Session(None, "2026-11-25", answers={}),
        lambda: waymark.evaluate(None, {}),
        lambda: waymark.evaluate_many(None, [{}]),
        lambda: waymark.Session.from_json("{}", None),
        lambda: waymark.Session.resume("no-such-file.json", None),
        lambda: waymark.parse_scenarios(SCENARIOS).run("a", None),
        lambda: waymark.parse_scenarios(SCENARIOS).check(None),
        lambda: waymark.Exercise.create(None, {}, id="x"),
    ],
    ids=["Session", "Session+answers", "evaluate", "evaluate_many", "from_json", "resume", "ScenarioFile.run",
         "ScenarioFile.check", "Exercise.create"],
)
def test_none_as_the_policy_is_a_type_error(call):
    with pytest.raises(TypeError, match="policy must be a waymark.Policy, not None"):
        call()


def test_an_exercise_needs_a_policy_and_an_outcome(rich_policy, full_answers):
    outcome = waymark.evaluate(rich_policy, full_answers)
    with pytest.raises(TypeError, match="policy"):
        waymark.Exercise(None, outcome, id="x")
    with pytest.raises(TypeError, match="outcome"):
        waymark.Exercise(rich_policy, None, id="x")


def test_the_policy_still_works_after_a_refused_call(rich_policy, full_answers):
    with pytest.raises(TypeError):
        waymark.evaluate(None, full_answers)
    assert "review" in waymark.evaluate(rich_policy, full_answers)
