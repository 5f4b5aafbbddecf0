"""Notebook display and plain data: _repr_html_, to_dict() and (when pandas is there) to_dataframe()."""

import json
import os
import pathlib

import pytest
import waymark

FIXTURES = pathlib.Path(os.environ["WAYMARK_FIXTURES"])
EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def cohort():
    exercises = waymark.Exercise.load(EXAMPLES / "scenarios" / "adult-non-engagement.toml")
    c = waymark.Cohort(exercises)
    c.add_csv(EXAMPLES / "cohort-responses.csv")
    return c


@pytest.fixture(scope="module")
def outcome(cohort):
    return cohort.exercises["son-at-the-door"].outcome


def test_outcome_to_dict_is_json_ready_and_matches_the_outcome(outcome):
    data = json.loads(json.dumps(outcome.to_dict()))
    assert data["policy"]["id"] == "adult-non-engagement"
    assert [a["id"] for a in data["actions"]] == outcome.action_ids
    # What a user sees: the steps to do now first, then the rest, the prohibitions under Keep in mind.
    groups = [a["group"] for a in data["actions"]]
    assert groups[0] == "do_now" and groups.count("do_now") <= 5
    assert groups == sorted(groups, key=["do_now", "also_recommended", "keep_in_mind"].index)
    close = next(a for a in data["actions"] if a["id"] == "do_not_close")
    assert close["kind"] == "prohibition" and close["group"] == "keep_in_mind" and close["due"] == "2026-11-25"
    assert data["pathways"][0]["id"] == "flowchart" and data["pathways"][0]["step"] == "next_steps"


def test_outcome_html_is_self_contained_and_grouped(outcome):
    page = outcome._repr_html_()
    assert "Do not close the case." in page
    assert page.index(">Do now<") < page.index(">Also recommended<") < page.index(">Keep in mind<")
    assert "Where this case is" in page
    assert "<link" not in page and "<script" not in page and "http" not in page


def test_html_escapes_what_it_shows(cohort):
    score = cohort.exercises["son-at-the-door"].score(["do_not_close"], trainee="<b>T99</b>")
    assert "&lt;b&gt;T99&lt;/b&gt;" in score._repr_html_() and "<b>T99" not in score._repr_html_()


def test_score_to_dict_carries_each_finding_with_its_reasons(cohort):
    score = next(s for s in cohort.scores if s.trainee == "T02")
    data = score.to_dict()
    assert data["points"] == score.points and data["passed"] is False
    breach = data["findings"][0]
    assert breach["kind"] == "breached_prohibition" and breach["severity"] == "critical" and breach["why"]


def test_cohort_to_dict_and_html_list_every_trainee(cohort):
    data = json.loads(json.dumps(cohort.to_dict()))
    assert len(data["scores"]) == len(cohort.scores)
    assert {row["id"] for row in data["summary"]} >= {"do_not_close"}
    page = cohort._repr_html_()
    for trainee in {s.trainee for s in cohort.scores}:
        assert f">{trainee}<" in page


def test_cohort_to_dataframe_has_a_row_per_trainee_and_exercise(cohort):
    pandas = pytest.importorskip("pandas")
    frame = cohort.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(cohort.scores)
    t02 = frame[frame.trainee == "T02"].iloc[0]
    assert t02.critical >= 1 and not t02.passed


def test_outcome_to_dataframe_has_a_row_per_action(outcome):
    pytest.importorskip("pandas")
    frame = outcome.to_dataframe()
    assert list(frame["id"]) == outcome.action_ids


def test_to_dataframe_without_pandas_says_how_to_get_it(outcome, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="python3-pandas"):
        outcome.to_dataframe()


def test_cohort_html_report_is_one_offline_page_with_charts_and_verdicts(cohort, tmp_path):
    page = cohort.to_html(tmp_path / "cohort.html")
    assert page.startswith("<!DOCTYPE html>") and (tmp_path / "cohort.html").read_text() == page
    assert "<script" not in page and "<link" not in page and "src=" not in page and "url(" not in page
    assert page.count("<svg") == 3 * len({s.scenario_id for s in cohort.scores})  # three charts per exercise
    for score in cohort.scores:
        assert escape_html(score.verdict()) in page
    with pytest.raises(FileExistsError):
        cohort.to_html(tmp_path / "cohort.html")


def test_trainee_csv_has_marks_and_the_reasons(cohort):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(cohort.to_trainee_csv())))
    assert len(rows) == len(cohort.scores)
    t02 = next(r for r in rows if r["trainee"] == "T02" and r["scenario"] == "son-at-the-door")
    assert t02["passed"] == "False" and "goes against a prohibition" in t02["why"]


def escape_html(text):
    import html

    return html.escape(text)
