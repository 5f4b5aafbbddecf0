"""Scenario files from Python: reading, checking against a policy, running expectations."""

import datetime

import pytest

import waymark


@pytest.fixture
def scenario_path(fixtures_dir):
    return fixtures_dir / "scenarios" / "answers-fixture.tests.toml"


def test_load_scenarios(scenario_path):
    scenarios = waymark.load_scenarios(scenario_path)
    assert scenarios.policy_id == "answers-fixture"  # from the file name
    assert scenarios.origin == str(scenario_path)
    assert scenarios.date == datetime.date(2026, 11, 25)
    assert len(scenarios) == 2 and "evidence-spoke" in scenarios
    assert [s.id for s in scenarios] == ["evidence-spoke", "only-not-engaging"]
    scenario = scenarios["evidence-spoke"]
    assert scenario.title == "Evidence of risk; the adult was seen"
    assert "curtains stay closed" in scenario.vignette
    assert scenario.answers == {
        "risk": "evidence",
        "spoke": True,
        "tried": ["calls", "letters"],
        "missed": 3.0,
        "last_contact": datetime.date(2026, 10, 1),
    }
    assert scenario.expect.fires == ["do_not_close", "review"]
    assert scenario.expect.complete
    (first, second) = scenario.expect.actions
    assert (first.action_id, first.owner, first.urgency, first.due) == (
        "do_not_close", "worker", "immediate", datetime.date(2026, 11, 25))
    assert (second.owner, second.urgency) == (None, None)
    assert [(d.id, d.breaches) for d in scenario.distractors] == [("close_case", "do_not_close"),
                                                                  ("police_welfare_check", None)]
    (t01, t02, t03) = scenario.responses
    assert t01.trainee == "T01"
    assert [(c.id, c.owner, c.urgency) for c in t01.choices] == [("do_not_close", None, None),
                                                                 ("review", "worker", "within 6 weeks")]
    assert scenarios.date_of("only-not-engaging") == datetime.date(2026, 12, 1)
    with pytest.raises(KeyError):
        scenarios["nope"]


def test_check_and_run(scenario_path, fixture_policy):
    scenarios = waymark.load_scenarios(scenario_path)
    assert scenarios.check(fixture_policy) == []
    run = scenarios.run("evidence-spoke", fixture_policy)
    assert run.passed and run.failures == []
    assert run.outcome.action_ids == ["review", "do_not_close"]
    assert run.outcome["review"].due == datetime.date(2027, 1, 6)


def test_failed_expectations_say_what_happened(fixture_policy):
    scenarios = waymark.parse_scenarios("""policy = "answers-fixture"
date = 2026-11-25

[[scenario]]
id = "wrong"
[scenario.answers]
risk = "only"
tried = []
missed = 0
last_contact = 2026-11-01
[scenario.expect]
fires = ["do_not_close"]
does_not_fire = ["review"]
""", "wrong.tests.toml")
    run = scenarios.run("wrong", fixture_policy)
    assert not run.passed
    (not_fired, fired) = run.failures
    assert (not_fired.file, not_fired.line, not_fired.column) == ("wrong.tests.toml", 12, 10)
    assert "'do_not_close' should fire, but does not" in not_fired.message
    assert "'review' should not fire, but does" in fired.message


def test_malformed_scenario_file(tmp_path):
    path = tmp_path / "x.tests.toml"
    path.write_text('[[scenario]]\nid = "a"\nvignete = "typo"\n[scenario.answers]\n')
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_scenarios(path)
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), 3, 1)
    assert "vignette" in str(caught.value)


def test_scenario_file_that_does_not_fit_the_policy(fixture_policy):
    scenarios = waymark.parse_scenarios("""policy = "answers-fixture"
[[scenario]]
id = "a"
[scenario.answers]
risk = "maybe"
spoke = "yes"
""", "bad.toml")
    problems = scenarios.check(fixture_policy)
    assert [(p.line, p.column) for p in problems] == [(5, 8), (6, 9)]
    assert "not one of the options" in problems[0].message
    assert "wrong answer type for 'spoke'" in problems[1].message
    with pytest.raises(waymark.PolicyError) as caught:
        scenarios.run("a", fixture_policy)
    assert caught.value.line == 5


def test_urgency():
    soon, later = waymark.Urgency.parse("within 2 weeks"), waymark.Urgency.parse("within 1 month")
    assert soon < later and soon.rank < later.rank
    assert soon.spelling == "within 2 weeks" and soon.label == "Within 2 weeks"
    assert soon.due(datetime.date(2026, 11, 25)) == datetime.date(2026, 12, 9)
    assert waymark.Urgency.parse("next_review").due("2026-11-25") is None
    assert waymark.Urgency.parse("immediate") == waymark.Urgency.parse("immediate")
    with pytest.raises(ValueError):
        waymark.Urgency.parse("soonish")
