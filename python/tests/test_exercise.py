"""Trainer exercises: scoring a trainee's choices against the policy, and cohort reports."""

import csv
import io

import pytest

import waymark


@pytest.fixture
def exercises(fixtures_dir, fixture_policy):
    return waymark.Exercise.load(fixtures_dir / "scenarios" / "answers-fixture.tests.toml", fixture_policy)


@pytest.fixture
def exercise(exercises):
    return exercises[0]


def kinds(score):
    return [(f.kind, f.id) for f in score.findings]


def test_load(exercises, exercise):
    assert [e.id for e in exercises] == ["evidence-spoke", "only-not-engaging"]
    assert exercise.title == "Evidence of risk; the adult was seen"
    assert "curtains" in exercise.vignette
    assert exercise.outcome.action_ids == ["review", "do_not_close"]
    assert exercise.failures == []
    assert exercise.date.isoformat() == "2026-11-25"
    assert [c[0] for c in exercise.menu()] == ["police_welfare_check", "close_case", "do_not_close", "review"]


def test_load_finds_the_policy_in_a_registry(fixtures_dir):
    registry = waymark.load_policies(fixtures_dir)
    assert len(waymark.Exercise.load(fixtures_dir / "scenarios" / "answers-fixture.tests.toml", registry)) == 2
    with pytest.raises(KeyError):
        waymark.Exercise.load(fixtures_dir / "scenarios" / "answers-fixture.tests.toml", waymark.PolicyRegistry())


def test_choices_that_match_the_policy(exercise):
    score = exercise.score(["review", "do_not_close"], trainee="T01")
    assert score.findings == [] and score.points == 0 and score.passed
    assert score.correct == ["review", "do_not_close"]
    assert "match what the policy recommends" in score.feedback()


def test_breaching_a_prohibition_scores_worst(exercise):
    score = exercise.score(["close_case", "review"])
    assert kinds(score) == [("breached_prohibition", "close_case")]  # not also "missed"
    (finding,) = score.findings
    assert finding.points == 10 and finding.severity == "critical"
    assert "Do not close the case." in finding.message
    assert finding.why == "w" and finding.source == "s"
    assert not score.passed


def test_missed_steps_and_prohibitions(exercise):
    score = exercise.score([])
    assert kinds(score) == [("missed_prohibition", "do_not_close"), ("missed_step", "review")]
    assert score.points == 5 + 3
    assert 'Missed the prohibition "Do not close the case." (essential; The worker, immediately).' == \
        score.findings[0].message
    assert score.reasons() == ['missed the prohibition "Do not close the case." (essential)',
                               f"0% of the marks, below the pass mark of {score.pass_mark}%"]
    assert score.findings[0] == score.findings[0] and str(score.findings[0]).startswith("[critical, 5]")


def test_wrong_owner_and_timescale(exercise):
    score = exercise.score(["do_not_close", {"action": "review", "owner": "worker", "urgency": "within 3 months"}])
    assert kinds(score) == [("late", "review")]
    assert score.passed and score.points == 2
    assert score.correct == ["do_not_close"]
    assert "due within 6 weeks, not within 3 months" in score.findings[0].message
    early = exercise.score(["do_not_close", waymark.TraineeChoice("review", urgency="within 1 week")])
    assert kinds(early) == [("too_early", "review")]


def test_unnecessary_choices(exercises):
    score = exercises[1].score(["review", "do_not_close"])
    assert kinds(score) == [("unnecessary", "do_not_close")]
    score = exercises[0].score(["do_not_close", "review", "police_welfare_check"])
    assert kinds(score) == [("unnecessary", "police_welfare_check")]


def test_bad_choices(exercise):
    with pytest.raises(waymark.AnswerError) as caught:
        exercise.score(["phone_them"])
    assert caught.value.question_id == "phone_them"
    with pytest.raises(ValueError, match="soonish"):
        exercise.score([{"action": "review", "urgency": "soonish"}])
    with pytest.raises(ValueError, match="a choice is"):
        exercise.score([{"id": "review"}])


def test_scores_of_the_file_responses(exercise):
    scores = exercise.score_responses()
    assert [(s.trainee, s.points, s.passed) for s in scores] == [("T01", 0, True), ("T02", 12, False), ("T03", 6, False)]


def test_scripted_exercise(rich_policy, full_answers, day):
    exercise = waymark.Exercise.create(
        rich_policy, full_answers, id="scripted", date=day, vignette="Mrs A's son answers the door.",
        distractors=[{"id": "close", "text": "Close the case", "breaches": "do_not_close"}])
    assert exercise.outcome.action_ids == ["supervision", "review", "do_not_close", "collusion"]
    score = exercise.score(["close", "collusion", {"action": "supervision", "owner": "worker"}, "review"])
    assert kinds(score) == [("breached_prohibition", "close"), ("wrong_owner", "supervision")]
    assert "Line manager (line_manager), not worker" in score.findings[1].message
    score = exercise.score(["do_not_close", "supervision", "review"])
    assert kinds(score) == [("missed_flag", "collusion")]
    with pytest.raises(ValueError, match="not a prohibition"):
        waymark.Exercise.create(rich_policy, full_answers, id="x", distractors=[
            {"id": "close", "text": "Close", "breaches": "review"}])
    with pytest.raises(waymark.AnswerError):
        waymark.Exercise.create(rich_policy, {"risk": "perhaps"}, id="x")


def test_cohort_report(exercises, tmp_path):
    cohort = waymark.Cohort(exercises)
    cohort.add_file_responses()
    cohort.add_csv(io.StringIO(
        "trainee,scenario,action,owner,urgency\n"
        "T04,evidence-spoke,close_case,,\n"
        "T04,evidence-spoke,review,worker,within 6 weeks\n"
        "T05,evidence-spoke,,,\n"))
    assert len(cohort.scores) == 7
    rows = {(r.scenario_id, r.id): r for r in cohort.summary()}
    prohibition = rows[("evidence-spoke", "do_not_close")]
    assert (prohibition.trainees, prohibition.chose, prohibition.missed, prohibition.breached) == (5, 1, 2, 2)
    review = rows[("evidence-spoke", "review")]
    assert (review.chose, review.missed, review.wrong_timescale) == (4, 1, 1)
    assert rows[("evidence-spoke", "police_welfare_check")].unnecessary == 1
    assert rows[("only-not-engaging", "do_not_close")].unnecessary == 1

    text = cohort.to_csv(tmp_path / "cohort.csv")
    assert (tmp_path / "cohort.csv").read_text() == text
    table = list(csv.DictReader(io.StringIO(text)))
    assert table[0]["scenario"] == "evidence-spoke" and table[0]["action"] == "do_not_close"
    assert table[0]["missed"] == "2" and table[0]["breached"] == "2"

    markdown = cohort.to_markdown(tmp_path / "cohort.md")
    assert markdown.startswith("# Cohort report\n")
    assert "| Do not close the case. (`do_not_close`) | prohibition | yes | 1 | 2 | 2 |" in markdown
    t02 = next(s for s in cohort.scores if s.trainee == "T02" and s.scenario_id == "evidence-spoke")
    assert f"| T02 | evidence-spoke | {t02.percent}% (pass 70%) | 12 | no | Not passed: " in markdown
    assert (tmp_path / "cohort.md").read_text() == markdown


def test_cohort_bad_input(exercises):
    cohort = waymark.Cohort(exercises)
    with pytest.raises(KeyError, match="no exercise 'nope'"):
        cohort.add("T1", "nope", [])
    with pytest.raises(ValueError, match="needs the columns"):
        cohort.add_csv(io.StringIO("who,what\nT1,x\n"))
    with pytest.raises(ValueError, match="line 2"):
        cohort.add_csv(io.StringIO("trainee,scenario,action\n,evidence-spoke,review\n"))


def test_load_refuses_a_file_that_does_not_fit_the_policy(tmp_path, fixture_policy):
    path = tmp_path / "answers-fixture.tests.toml"
    path.write_text('[[scenario]]\nid = "a"\n[scenario.answers]\nrisk = "maybe"\n')
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.Exercise.load(path, fixture_policy)
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), 4, 8)
    other = waymark.load_policy_text(fixture_policy_text().replace('"answers-fixture"', '"other"'), "o.toml")
    with pytest.raises(ValueError, match="is for policy 'answers-fixture', not 'other'"):
        waymark.Exercise.load(path, other)


def fixture_policy_text():
    from conftest import FIXTURES

    return (FIXTURES / "answers_policy.toml").read_text()


@pytest.fixture
def rich_exercise(rich_policy, full_answers, day):
    return waymark.Exercise.create(
        rich_policy, full_answers, id="rich", date=day,
        distractors=[{"id": "close", "text": "Close the case", "breaches": "do_not_close"},
                     {"id": "police", "text": "Ask the police to visit"}])


NO_RISK = {"risk": "only", "tried": [], "missed": 0, "last_contact": "2026-11-01", "summary": "x"}


def test_choosing_everything_on_the_menu_does_not_pass(rich_exercise, rich_policy, day):
    everything = rich_exercise.score([choice for choice, _ in rich_exercise.menu()])
    assert not everything.passed
    # Every action of the policy, where only the review is recommended: unnecessary escalations fail.
    only = waymark.Exercise.create(rich_policy, NO_RISK, id="no-risk", date=day)
    assert only.outcome.action_ids == ["review"]
    actions = only.score([a.id for a in rich_policy.actions])
    assert kinds(actions) == [("unnecessary", "do_not_close"), ("unnecessary", "collusion"),
                              ("unnecessary", "supervision")]
    assert not actions.passed
    assert "Not passed: 3 choices the policy does not recommend here" in actions.feedback()


def test_one_unnecessary_choice_is_allowed(rich_exercise, full_answers):
    score = rich_exercise.score(full_answers_ids(rich_exercise) + ["police"])
    assert kinds(score) == [("unnecessary", "police")] and score.passed
    assert score.unnecessary == 1


def full_answers_ids(exercise):
    return list(exercise.outcome.action_ids)


def test_a_breach_counts_even_when_the_prohibition_is_not_recommended_here(rich_policy, day):
    exercise = waymark.Exercise.create(rich_policy, NO_RISK, id="no-risk", date=day,
                                       distractors=[{"id": "close", "text": "Close the case", "breaches": "do_not_close"}])
    assert "do_not_close" not in exercise.outcome
    score = exercise.score(["review", "close"])
    assert kinds(score) == [("breached_prohibition", "close")] and not score.passed
    assert "Do not close the case." in score.findings[0].message


def test_the_example_close_distractor_without_evidence_breaches_the_closure_rule():
    import pathlib
    path = pathlib.Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "adult-non-engagement.toml"
    registry = waymark.PolicyRegistry.from_search_path()
    if "adult-non-engagement" not in registry:
        pytest.skip("the bundled policies are not on the search path")
    exercise = {e.id: e for e in waymark.Exercise.load(path, registry)}["not-engaging-no-evidence"]
    score = exercise.score(list(exercise.outcome.action_ids) + ["close_for_non_attendance"])
    assert kinds(score) == [("breached_prohibition", "close_for_non_attendance")] and not score.passed


def test_no_timescale_in_the_source_means_no_timescale_is_wrong(full_answers, day):
    from conftest import RICH_POLICY

    text = RICH_POLICY.replace('urgency = "within 6 weeks"', 'urgency = "not_stated"')
    text = text.replace('urgency = "within 5 days"', 'urgency = "next_review"')
    policy = waymark.load_policy_text(text, "rich.toml")
    exercise = waymark.Exercise.create(policy, full_answers, id="x", date=day)
    score = exercise.score(["do_not_close", "collusion", "supervision",
                            {"action": "review", "urgency": "within 5 days"}])
    assert score.findings == [] and "review" in score.correct
    # 'At the next review' is a timescale: giving a week instead is too early.
    score = exercise.score(["do_not_close", "collusion", {"action": "supervision", "urgency": "within 1 week"},
                            "review"])
    assert kinds(score) == [("too_early", "supervision")]


def test_findings_are_sorted_by_severity_then_points(rich_exercise):
    # A missed flag comes before a late step (minor, 2 points); the flag is due immediately, so
    # by default it is essential: critical, 5 points.
    score = rich_exercise.score(["do_not_close", "supervision", {"action": "review", "urgency": "within 3 months"}])
    assert kinds(score) == [("missed_flag", "collusion"), ("late", "review")]
    assert [f.points for f in score.findings] == [5, 2]
    assert [f.importance for f in score.findings] == ["essential", ""]


def test_choices_are_checked(rich_exercise):
    with pytest.raises(TypeError, match="a list of choices"):
        rich_exercise.score("do_not_close")
    with pytest.raises(TypeError, match="not NoneType"):
        rich_exercise.score([None])
    with pytest.raises(TypeError, match="'owner' is a str"):
        rich_exercise.score([{"action": "review", "owner": 3}])
    with pytest.raises(ValueError, match="owner 'manager' is not a role of policy 'rich'"):
        rich_exercise.score([{"action": "supervision", "owner": "manager"}])
    with pytest.raises(ValueError, match="review: chosen twice"):
        rich_exercise.score(["review", {"action": "review", "owner": "worker"}])


def test_a_trainee_is_scored_once_per_exercise(exercises):
    cohort = waymark.Cohort(exercises)
    cohort.add("T09", "evidence-spoke", ["review"])
    with pytest.raises(ValueError, match="trainee 'T09' already has a score for 'evidence-spoke'"):
        cohort.add("T09", "evidence-spoke", ["review", "do_not_close"])
    assert len(cohort.scores) == 1 and cohort.scores[0].points == 5
    cohort.add("T09", "evidence-spoke", ["review", "do_not_close"], replace=True)
    assert len(cohort.scores) == 1 and cohort.scores[0].points == 0
    assert cohort.summary()[0].trainees == 1
    # The file's T01 clashes with a CSV's T01: nothing of the CSV is added.
    cohort.add_file_responses()
    with pytest.raises(ValueError, match="'T01' already has a score"):
        cohort.add_csv(io.StringIO("trainee,scenario,action\nT10,evidence-spoke,review\nT01,evidence-spoke,review\n"))
    assert {s.trainee for s in cohort.scores} == {"T01", "T02", "T03", "T09"}
    assert repr(cohort) == "<Cohort 2 exercises, 4 trainees, 6 scores>"


def test_a_csv_from_excel_with_a_byte_order_mark_and_odd_headers(exercises, tmp_path):
    path = tmp_path / "responses.csv"
    path.write_bytes("\ufeffTrainee , Scenario,ACTION,Owner,Urgency\r\nT04,evidence-spoke,review,worker,\r\n".encode())
    cohort = waymark.Cohort(exercises)
    cohort.add_csv(path)
    assert [(s.trainee, s.scenario_id) for s in cohort.scores] == [("T04", "evidence-spoke")]
    # Read by the caller as plain utf-8, the BOM is still in the first header.
    with open(path, newline="", encoding="utf-8") as file:
        waymark.Cohort(exercises).add_csv(file)


def test_two_exercises_with_one_id_are_refused(exercises):
    with pytest.raises(ValueError, match="two exercises have the id 'evidence-spoke'"):
        waymark.Cohort(exercises + exercises[:1])


def test_reports_are_not_overwritten_unless_asked(exercises, tmp_path):
    cohort = waymark.Cohort(exercises)
    cohort.add_file_responses()
    for write, name in ((cohort.to_csv, "cohort.csv"), (cohort.to_markdown, "cohort.md")):
        (tmp_path / name).write_text("the trainer's notes")
        with pytest.raises(FileExistsError, match="pass overwrite=True") as caught:
            write(tmp_path / name)
        assert caught.value.filename == str(tmp_path / name)
        assert (tmp_path / name).read_text() == "the trainer's notes"
        assert write(tmp_path / name, overwrite=True) == (tmp_path / name).read_text()


# Importance, marks and the pass mark (docs/scenarios.md) -----------------------------------------

SCORED_FILE = """
policy = "answers-fixture"
date = 2026-11-25

[[scenario]]
id = "scored"
pass_mark = 60
[scenario.importance]
review = "optional"
[scenario.answers]
risk = "evidence"
spoke = true
tried = ["calls"]
missed = 1
last_contact = 2026-11-01
"""


def write_scored(tmp_path, text):
    path = tmp_path / "scored.toml"
    path.write_text(text)
    return path


def test_the_file_sets_importance_and_pass_mark(tmp_path, exercise):
    [scored] = waymark.Exercise.load(write_scored(tmp_path, SCORED_FILE), exercise.policy)
    assert scored.pass_mark == 60 and scored.importance["review"] == "optional"
    assert scored.importance["do_not_close"] == "essential"  # the default for a prohibition
    # Missing an optional action costs little and cannot fail a trainee; missing the essential one does.
    optional_missed = scored.score(["do_not_close"])
    assert optional_missed.passed and optional_missed.findings[0].severity == "minor"
    assert optional_missed.verdict().startswith("Passed with 100% of the marks (pass mark 60%)")
    essential_missed = scored.score(["review"])
    assert not essential_missed.passed
    assert essential_missed.reasons()[0] == 'missed the prohibition "Do not close the case." (essential)'


@pytest.mark.parametrize("line, message", [
    ('review = "vital"', 'the importance of \'review\' is "essential", "expected" or "optional"'),
    ('no_such_action = "optional"', "names 'no_such_action', which is not an action of policy"),
])
def test_bad_importance_names_the_file_and_line(tmp_path, exercise, line, message):
    path = write_scored(tmp_path, SCORED_FILE.replace('review = "optional"', line))
    with pytest.raises(waymark.PolicyError, match=message) as error:
        waymark.Exercise.load(path, exercise.policy)
    assert "scored.toml:9:" in str(error.value)


def test_bad_pass_mark_names_the_file_and_line(tmp_path, exercise):
    path = write_scored(tmp_path, SCORED_FILE.replace("pass_mark = 60", "pass_mark = 170"))
    with pytest.raises(waymark.PolicyError, match="pass_mark is a whole percentage from 0 to 100") as error:
        waymark.Exercise.load(path, exercise.policy)
    assert "scored.toml:7:" in str(error.value)
