"""The example exercises in python/examples run against the bundled policies and still pass."""

import importlib.util
import pathlib

import pytest

import waymark

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def scenario_files():
    return sorted((EXAMPLES / "scenarios").glob("*.toml"))


def registry_with(policy_id):
    registry = waymark.PolicyRegistry.from_search_path()
    if policy_id not in registry:
        pytest.skip(f"policy '{policy_id}' is not on the search path (policies/ not on this branch yet)")
    return registry


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.name)
def test_example_exercises_pass(path):
    scenarios = waymark.load_scenarios(path)
    registry = registry_with(scenarios.policy_id)
    exercises = waymark.Exercise.load(path, registry)
    assert len(exercises) == len(scenarios)
    for exercise in exercises:
        assert exercise.failures == [], [str(f) for f in exercise.failures]
        assert exercise.vignette and exercise.distractors
        perfect = exercise.score(exercise.outcome.action_ids)
        assert perfect.points == 0 and perfect.passed


def test_cohort_report_example(tmp_path, capsys):
    registry_with("adult-non-engagement")
    spec = importlib.util.spec_from_file_location("cohort_report", EXAMPLES / "cohort_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(EXAMPLES / "scenarios" / "adult-non-engagement.toml", EXAMPLES / "cohort-responses.csv", tmp_path)
    assert "T02: son-at-the-door" in capsys.readouterr().out
    assert (tmp_path / "cohort.csv").read_text().startswith("scenario,action,kind,recommended")
    assert "# Cohort report" in (tmp_path / "cohort.md").read_text()


def test_a_childrens_exercise_shows_a_prohibition_being_breached():
    registry = registry_with("childrens-persistent-non-engagement")
    path = EXAMPLES / "scenarios" / "childrens-persistent-non-engagement.toml"
    exercise = {e.id: e for e in waymark.Exercise.load(path, registry)}["family-did-not-come-to-the-meeting"]
    assert exercise.outcome["professionals_continue_to_meet"].kind == "prohibition"
    score = exercise.score([a for a in exercise.outcome.action_ids if a != "professionals_continue_to_meet"]
                           + ["call_off_meeting"])
    assert [(f.kind, f.id) for f in score.findings] == [("breached_prohibition", "call_off_meeting")]
    assert not score.passed and "continue to meet" in score.findings[0].message
