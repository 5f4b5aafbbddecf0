"""A case's chronology from Python: events feed the CQC pathway's chronology functions the same way
an answers file's [[event]] tables and a scenario's [[scenario.event]] tables do
(policies/cqc-refusal-pathway.tests.toml, p2-chronology-*)."""

import datetime
import pathlib

import pytest

import waymark

DAY = datetime.date(2026, 12, 2)

# Pathway 2, and the worker answers that this refusal is not repeated.
ANSWERS = {
    "pathway": "medication",
    "p2_important": False,
    "p2_repeated": False,
    "p2_record": ["mar", "declined_and_how", "explanation", "anxiety_confusion", "possible_links", "reoffer"],
    "p2_warning_signs": [],
}

THREE_EVENINGS = [
    waymark.Event("medication_refusal", datetime.date(2026, 11, 27), "19:15", recorded_by="care worker"),
    waymark.Event("medication_refusal", "2026-11-30", datetime.time(19, 40), note="Declined; anxious."),
    waymark.Event("medication_refusal", DAY, "19:20"),
]


@pytest.fixture(scope="module")
def cqc():
    return waymark.PolicyRegistry.from_search_path()["cqc-refusal-pathway"]


def test_three_evening_refusals_in_a_week_are_flagged_against_the_answer_given(cqc):
    outcome = waymark.evaluate(cqc, ANSWERS, DAY, events=THREE_EVENINGS)
    assert "p2_chronology_three_in_a_week" in outcome.action_ids
    assert "p2_warning_same_time_of_day" in outcome.action_ids


def test_without_events_the_same_answers_raise_no_chronology_flags(cqc):
    outcome = waymark.evaluate(cqc, ANSWERS, DAY)
    assert "p2_chronology_three_in_a_week" not in outcome.action_ids
    assert "p2_warning_same_time_of_day" not in outcome.action_ids


def test_refusals_spread_over_a_month_are_not_three_in_a_week(cqc):
    spread = [waymark.Event("medication_refusal", datetime.date(2026, 11, d)) for d in (2, 12, 22)]
    outcome = waymark.evaluate(cqc, ANSWERS, DAY, events=spread)
    assert "p2_chronology_three_in_a_week" not in outcome.action_ids


def test_a_batch_evaluates_every_answer_set_with_the_events(cqc):
    outcomes = waymark.evaluate_many(cqc, [ANSWERS, dict(ANSWERS, p2_repeated=True)], DAY, events=THREE_EVENINGS)
    assert "p2_chronology_three_in_a_week" in outcomes[0].action_ids
    assert "p2_chronology_three_in_a_week" not in outcomes[1].action_ids  # repeated was answered


def test_a_session_keeps_its_events_in_date_order_and_in_its_record(cqc):
    session = waymark.Session(cqc, DAY, events=reversed(THREE_EVENINGS), answers=ANSWERS)
    assert [e.date for e in session.events] == [datetime.date(2026, 11, 27), datetime.date(2026, 11, 30), DAY]
    assert session.events[1].time == datetime.time(19, 40)
    assert "p2_chronology_three_in_a_week" in session.outcome().action_ids
    assert "medication_refusal" in session.record("json")
    resumed = waymark.Session.from_json(session.to_json(), cqc)
    assert len(resumed.events) == 3


def test_set_events_changes_what_the_outcome_says(cqc):
    session = waymark.Session(cqc, DAY, answers=ANSWERS)
    assert "p2_chronology_three_in_a_week" not in session.outcome().action_ids
    session.set_events(THREE_EVENINGS)
    assert "p2_chronology_three_in_a_week" in session.outcome().action_ids
    session.set_events(None)
    assert session.events == []


def test_an_event_says_what_it_is():
    event = THREE_EVENINGS[0]
    assert repr(event) == "<Event medication_refusal on 2026-11-27 at 19:15>"
    assert (event.kind, event.recorded_by, event.agency) == ("medication_refusal", "care worker", "")


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: waymark.Event("Medication Refusal", DAY), ValueError, "lower case"),
        (lambda: waymark.Event("refusal", DAY, "7pm"), ValueError, "HH:MM"),
        (lambda: waymark.Event("refusal", DAY, "24:00"), ValueError, "HH:MM"),
        (lambda: waymark.Event("refusal", DAY, 1900), TypeError, "datetime.time"),
        (lambda: waymark.Event("refusal", "2026-02-30"), ValueError, "not a real date"),
    ],
)
def test_a_malformed_event_is_refused_with_a_reason(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_events_must_be_event_objects(cqc):
    with pytest.raises(TypeError, match="waymark.Event"):
        waymark.evaluate(cqc, ANSWERS, DAY, events=[{"kind": "medication_refusal", "date": DAY}])


def test_a_scenario_file_s_events_reach_its_exercise(cqc):
    tests_file = pathlib.Path(__file__).resolve().parents[2] / "policies" / "cqc-refusal-pathway.tests.toml"
    scenarios = waymark.load_scenarios(tests_file)
    scenario = next(s for s in scenarios if s.id == "p2-chronology-three-evening-refusals")
    assert [e.kind for e in scenario.events] == ["medication_refusal"] * 3
    exercise = next(e for e in waymark.Exercise.load(tests_file, cqc) if e.id == scenario.id)
    assert "p2_chronology_three_in_a_week" in exercise.outcome.action_ids


def test_a_scripted_exercise_takes_events(cqc):
    exercise = waymark.Exercise.create(cqc, ANSWERS, id="evenings", date=DAY, events=THREE_EVENINGS)
    assert "p2_chronology_three_in_a_week" in exercise.outcome.action_ids


def test_a_session_draws_its_timeline_with_the_windows_its_conditions_counted(cqc):
    import xml.etree.ElementTree as ET

    hostile = [waymark.Event("medication_refusal", "2026-11-28", "19:00", note="</title><script>x</script> & more")]
    session = waymark.Session(cqc, DAY, events=list(THREE_EVENINGS) + hostile, answers=ANSWERS)
    windows = session.counted_windows()
    in_a_week = [w for w in windows if w["function"] == "events_within" and w["end"] - w["start"] == datetime.timedelta(6)]
    assert in_a_week and in_a_week[0]["kind"] == "medication_refusal" and in_a_week[0]["count"] == 4
    svg = session.timeline_svg()
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    marks = [e for e in root.iter() if e.get("class") == "wm-event"]
    assert sorted((m.get("data-kind"), m.get("data-date")) for m in marks) == sorted(
        (e.kind, e.date.isoformat()) for e in session.events
    )
    drawn = {(w.get("data-function"), w.get("data-from"), w.get("data-to"), w.get("data-count"))
             for w in root.iter() if w.get("class") == "wm-window"}
    assert ("events_within", in_a_week[0]["start"].isoformat(), DAY.isoformat(), "4") in drawn
    assert not list(root.iter(ns + "script"))
    assert "</title><script>x</script> & more" in "".join(t.text or "" for t in root.iter(ns + "title"))


def test_an_outcome_draws_each_pathway_that_applies_as_its_ladder(cqc):
    import xml.etree.ElementTree as ET

    outcome = waymark.evaluate(cqc, ANSWERS, DAY)
    assert outcome.pathways, "the medication pathway applies"
    place = outcome.pathways[0]
    root = ET.fromstring(outcome.ladder_svg(place["id"]))  # well-formed XML
    steps = [e for e in root.iter() if e.get("class") == "wm-step"]
    assert len(steps) == place["step_count"]
    current = [s.get("data-step") for s in steps if s.get("data-state") == "current"]
    assert current == [place["step"]]
    assert [s.get("data-step") for s in steps if s.get("data-state") == "next"] == [n["step"] for n in place["next"]]
    text = outcome.ladder_text(place["id"])
    assert "<- you are here" in text and place["step_title"] in text
    with pytest.raises(KeyError, match="no pathway 'nowhere' applies"):
        outcome.ladder_svg("nowhere")
