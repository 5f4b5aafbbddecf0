"""Saving and resuming sessions, and evidence records (JSON, Markdown, text)."""

import json
import subprocess

import pytest

import waymark


@pytest.fixture
def finished(rich_policy, full_answers, day):
    session = waymark.Session(rich_policy, day, case_reference="C-1042")
    for question_id, value in full_answers.items():
        session.answer(question_id, value, at="2026-11-25T09:00:00Z")
    session.judge("do_not_close", "accept", at="2026-11-25T10:00:00Z")
    return session


def test_save_and_resume(tmp_path, finished, rich_policy):
    path = tmp_path / "session.json"
    finished.save(path)
    saved = json.loads(path.read_text())
    assert saved["format"] == "waymark-session"
    assert saved["policy"]["id"] == "rich"
    resumed = waymark.Session.resume(path, rich_policy)
    assert resumed.answers == finished.answers
    assert resumed.case_reference == "C-1042"
    assert resumed.date == finished.date
    assert [d.action_id for d in resumed.judgements] == ["do_not_close"]
    assert len(resumed.history) == len(finished.history)
    with pytest.raises(FileExistsError):
        finished.save(path)
    finished.save(path, overwrite=True)


def test_to_json_and_from_json_part_way(rich_policy, day):
    session = waymark.Session(rich_policy, day)
    session.answer("risk", "evidence")
    resumed = waymark.Session.from_json(session.to_json(), rich_policy)
    assert resumed.next_question().id == "spoke"


def test_resume_refuses_another_policy_version(rich_policy, finished):
    from conftest import RICH_POLICY

    changed = waymark.load_policy_text(RICH_POLICY.replace("Review the case.", "Review the plan."), "v2.toml")
    with pytest.raises(waymark.RecordError, match="cannot be resumed"):
        waymark.Session.from_json(finished.to_json(), changed)
    with pytest.raises(waymark.RecordError, match="not valid JSON"):
        waymark.Session.from_json("{", rich_policy)
    with pytest.raises(FileNotFoundError):
        waymark.Session.resume("/nonexistent/session.json", rich_policy)


def test_record_json(finished):
    record = json.loads(finished.record(created_at="2026-11-25T10:05:00Z"))
    assert record["format"] == "waymark-evidence-record"
    assert record["created_at"] == "2026-11-25T10:05:00Z"
    assert record["waymark_version"] == waymark.__version__
    assert record["policy"]["content_sha256"] == finished.policy.content_hash
    assert record["session"] == {"date": "2026-11-25", "case_reference": "C-1042", "complete": True}
    assert [a["id"] for a in record["outcome"]["actions"]] == finished.outcome().action_ids
    decided = next(a for a in record["outcome"]["actions"] if a["id"] == "do_not_close")
    assert decided["decision"]["judgement"] == "accept" and decided["group"] == "keep_in_mind"


def test_record_markdown_and_text(finished):
    markdown = finished.record("markdown")
    assert markdown.startswith("# Evidence record: Rich test policy")
    assert "Do not close the case." in markdown
    text = finished.record("text")
    assert text.startswith("Evidence record: Rich test policy\n=")
    with pytest.raises(ValueError, match="format 'pdf'"):
        finished.record("pdf")


def test_write_record_follows_the_suffix(tmp_path, finished):
    finished.write_record(tmp_path / "record.json")
    finished.write_record(tmp_path / "record.md")
    finished.write_record(tmp_path / "record.txt")
    finished.write_record(tmp_path / "record.out", format="markdown")
    assert json.loads((tmp_path / "record.json").read_text())["format"] == "waymark-evidence-record"
    assert (tmp_path / "record.md").read_text().startswith("# Evidence record")
    assert (tmp_path / "record.out").read_text().startswith("# Evidence record")
    assert not (tmp_path / "record.txt").read_text().startswith("#")
    with pytest.raises(ValueError, match="cannot tell the record format"):
        finished.write_record(tmp_path / "record.pdf")
    with pytest.raises(FileExistsError):
        finished.write_record(tmp_path / "record.json")
    finished.write_record(tmp_path / "record.json", overwrite=True)
    assert not list(tmp_path.glob("*.partial"))


def test_render_and_explain_record(finished):
    record = finished.record()
    assert waymark.render_record(record) == finished.record("markdown", created_at=json.loads(record)["created_at"])
    assert waymark.render_record(record, "text").startswith("Evidence record")
    explained = waymark.explain_record(record)
    assert explained.startswith("Why each action was recommended (Rich test policy version 2.1.0")
    with pytest.raises(waymark.RecordError):
        waymark.render_record('{"format": "something else"}')
    with pytest.raises(waymark.RecordError):
        waymark.explain_record("not json")


def test_record_matches_the_cli(cli, fixtures_dir, fixture_policy, tmp_path):
    """The CLI and the module write the same record for the same answers."""
    answers = fixtures_dir / "answers" / "evidence.toml"
    out = subprocess.run([cli, "run", str(fixtures_dir / "answers_policy.toml"), "--answers", str(answers),
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    from_cli = json.loads(out)
    session = waymark.Session(fixture_policy, "2026-11-25", case_reference="C-1042", answers={
        "risk": "evidence", "spoke": True, "tried": ["calls", "letters"], "missed": 3, "last_contact": "2026-10-01"})
    session.judge("do_not_close", "accept")
    from_python = json.loads(session.record())
    for record in (from_cli, from_python):
        record.pop("created_at")
        for answer in record["answers"]:
            answer.pop("answered_at")
        for entry in record["history"]:
            entry.pop("at")
        for action in record["outcome"]["actions"]:
            if action["decision"]:
                action["decision"].pop("at")
    assert from_python == from_cli


def test_writing_into_a_missing_folder_names_the_folder(tmp_path, finished):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(FileNotFoundError, match="no-such-folder' does not exist") as caught:
        finished.write_record(missing / "record.json")
    assert caught.value.filename == str(missing / "record.json")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        finished.save(missing / "session.json")
    assert not missing.exists()
