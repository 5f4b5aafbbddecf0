"""Loading policies: files, text, folders, the search path; metadata; malformed files."""

import datetime
import gc
import re

import pytest

import waymark


def test_load_policy_file_metadata(rich_policy_file):
    policy = waymark.load_policy(rich_policy_file)
    assert policy.id == "rich"
    assert policy.title == "Rich test policy"
    assert policy.version == "2.1.0"
    assert policy.owner == "Test board"
    assert policy.applies_to == "tests"
    assert policy.effective == datetime.date(2026, 1, 1)
    assert policy.review_by == datetime.date(2028, 1, 1)
    assert policy.sources == ["001_test.txt"]
    assert policy.summary == "For the Python tests."
    assert policy.origin == str(rich_policy_file)
    assert re.fullmatch(r"[0-9a-f]{64}", policy.content_hash)
    assert policy.roles == {"worker": "The allocated worker", "line_manager": "Line manager"}
    assert "rich" in repr(policy) and "2.1.0" in repr(policy)


def test_load_policy_accepts_str_paths(rich_policy_file):
    assert waymark.load_policy(str(rich_policy_file)).id == "rich"


def test_content_hash_ignores_formatting(rich_policy):
    from conftest import RICH_POLICY

    reformatted = waymark.load_policy_text("# a comment\n" + RICH_POLICY.replace(" = ", "="), "other.toml")
    assert reformatted.content_hash == rich_policy.content_hash
    assert reformatted.origin == "other.toml"


def test_overdue_for_review(rich_policy):
    assert not rich_policy.overdue_for_review(datetime.date(2027, 12, 31))
    assert rich_policy.overdue_for_review(datetime.date(2028, 1, 2))
    assert rich_policy.overdue_for_review("2028-01-02")
    assert isinstance(rich_policy.overdue_for_review(), bool)


def test_questions(rich_policy):
    questions = rich_policy.questions
    assert [q.id for q in questions] == ["risk", "spoke", "tried", "missed", "last_contact", "summary", "said"]
    risk = rich_policy.question("risk")
    assert risk == questions[0] and hash(risk) == hash(questions[0])
    assert risk.kind == "choice"
    assert risk.help == "Non-engagement alone is not a reason to act."
    assert [(o.id, o.text) for o in risk.options] == [("evidence", "Evidence of risk"), ("only", "Only not engaging")]
    assert risk.option("only").text == "Only not engaging"
    assert risk.ask_if is None
    assert risk.source == "001: heading"
    assert risk.line > 0
    assert risk.policy.id == "rich"
    spoke = rich_policy.question("spoke")
    assert spoke.kind == "yes_no" and spoke.options == []
    assert spoke.ask_if is None
    assert rich_policy.question("said").ask_if == "spoke"
    assert spoke.section == "Am I colluding?"
    missed = rich_policy.question("missed")
    assert (missed.min, missed.max) == (0, 100)
    assert rich_policy.question("summary").min is None
    assert "risk" in repr(risk) and "choice" in repr(risk)


def test_unknown_question_action_option_are_key_errors(rich_policy):
    with pytest.raises(KeyError, match="no question 'nope'"):
        rich_policy.question("nope")
    with pytest.raises(KeyError, match="no action 'nope'"):
        rich_policy.action("nope")
    with pytest.raises(KeyError, match="no option 'nope'"):
        rich_policy.question("risk").option("nope")


def test_actions(rich_policy, day):
    assert [a.id for a in rich_policy.actions] == ["do_not_close", "collusion", "supervision", "review"]
    action = rich_policy.action("supervision")
    assert action.kind == "step"
    assert action.owner == "line_manager"
    assert action.owner_title == "Line manager"
    assert action.urgency == "within 5 days"
    assert action.urgency_label == "Within 5 days"
    assert action.timescale == "at the next supervision, and within 5 working days"
    assert action.record == "The discussion and what was agreed."
    assert action.why == "A second view guards against drift."
    assert action.when == "many_missed"
    assert action.source == "001: Next Steps"
    assert action.due(day) == datetime.date(2026, 11, 30)
    assert rich_policy.action("do_not_close").kind == "prohibition"
    assert rich_policy.action("collusion").kind == "flag"
    assert rich_policy.action("do_not_close").section == "Next Steps"
    assert "supervision" in repr(action)


def test_notes(rich_policy):
    (note,) = rich_policy.notes
    assert (note.id, note.text, note.source, note.when) == (
        "silent",
        "The source gives no timescale for the review.",
        "001",
        None,
    )


def test_load_policies_from_a_folder(tmp_path, rich_policy_file, fixtures_dir):
    (tmp_path / "broken.toml").write_text("[policy]\nid = 'broken'\n")
    (tmp_path / "rich.tests.toml").write_text("not even toml = = =")  # scenario files are not policies
    registry = waymark.load_policies(tmp_path)
    assert registry.ids() == ["rich"]
    assert len(registry) == 1
    assert "rich" in registry and "nope" not in registry
    assert registry["rich"].title == "Rich test policy"
    assert registry.get("nope") is None
    assert registry.file_of("rich") == rich_policy_file
    assert [p.id for p in registry] == ["rich"]
    assert any(d.file.endswith("broken.toml") and d.severity == "error" for d in registry.problems)
    with pytest.raises(KeyError, match="no policy with id 'nope' \\(found: rich\\)"):
        registry["nope"]
    assert "1 policies" in repr(registry)


def test_load_policies_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        waymark.load_policies(tmp_path / "missing")


def test_registry_built_by_hand(rich_policy_file, fixtures_dir):
    registry = waymark.PolicyRegistry()
    assert len(registry) == 0
    registry.add_directory(fixtures_dir)
    assert "answers-fixture" in registry
    policy = registry.add_file(rich_policy_file)
    assert policy.id == "rich" and registry["rich"] is not None
    with pytest.raises(waymark.PolicyError):
        registry.add_file(fixtures_dir / "bad_policies" / "unknown_key.toml")


def test_search_path(tmp_path, monkeypatch, rich_policy_file):
    monkeypatch.setenv("WAYMARK_POLICY_PATH", f"{tmp_path}:/nonexistent")
    path = waymark.policy_search_path(["/first"])
    assert [str(p) for p in path[:3]] == ["/first", str(tmp_path), "/nonexistent"]
    assert len(path) == 4  # then the bundled policies
    registry = waymark.PolicyRegistry.from_search_path()
    assert registry["rich"].origin == str(rich_policy_file)


def test_search_path_first_folder_wins(tmp_path, monkeypatch):
    from conftest import RICH_POLICY

    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "rich.toml").write_text(RICH_POLICY)
    (second / "rich.toml").write_text(RICH_POLICY.replace('version = "2.1.0"', 'version = "9.9.9"'))
    monkeypatch.setenv("WAYMARK_POLICY_PATH", str(second))
    registry = waymark.PolicyRegistry.from_search_path([first])
    assert registry["rich"].version == "2.1.0"
    assert any(d.severity == "warning" and "also in" in d.message for d in registry.problems)


def expectations(fixtures_dir):
    """Each bad policy fixture starts `# expect: CODE LINE:COLUMN`."""
    out = []
    for path in sorted((fixtures_dir / "bad_policies").glob("*.toml")):
        first = path.read_text().splitlines()[0]
        match = re.match(r"# expect: ([EW]-[A-Z]+-\d{3}) (\d+):(\d+)", first)
        if match:
            out.append((path, match[1], int(match[2]), int(match[3])))
    return out


def test_malformed_policy_files_name_file_line_column(fixtures_dir):
    cases = expectations(fixtures_dir)
    assert cases, "no bad policy fixtures found"
    for path, code, line, column in cases:
        with pytest.raises(waymark.PolicyError) as caught:
            waymark.load_policy(path)
        error = caught.value
        assert (error.file, error.line, error.column) == (str(path), line, column), path
        assert any(d.code == code for d in error.diagnostics), path
        assert isinstance(error, waymark.Error)
        assert f"{path}:{line}:{column}: error:" in str(error)


def test_malformed_policy_diagnostics(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[policy]\nid = "x"\ntitle = 3\n')
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_policy(path)
    error = caught.value
    assert len(error.diagnostics) > 1  # every problem, not just the first
    first = error.diagnostics[0]
    assert (first.file, first.line, first.column, first.severity) == (str(path), 3, 9, "error")
    assert first.excerpt == "title = 3"
    assert first.headline().startswith(f"{path}:3:9: error:")
    assert "^" in str(first)


def test_invalid_toml_is_a_policy_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[policy]\nid = "x\n')
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_policy(path)
    assert caught.value.line == 2
    assert "not valid TOML" in str(caught.value)


def test_missing_policy_file_is_a_policy_error(tmp_path):
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_policy(tmp_path / "missing.toml")
    assert caught.value.file == str(tmp_path / "missing.toml")


def test_load_policy_text_errors_name_the_origin():
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_policy_text("[policy]\nid = 3\n", "inline.toml")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("inline.toml", 2, 6)


def test_parts_keep_the_policy_alive_after_the_registry_is_gone(tmp_path, rich_policy_file):
    registry = waymark.load_policies(tmp_path)
    policy = registry["rich"]
    question = policy.question("risk")
    action = policy.actions[0]
    del registry, policy
    gc.collect()
    assert question.options[0].id == "evidence"
    assert question.policy.title == "Rich test policy"
    assert action.owner_title == "The allocated worker"
    session = waymark.Session(question.policy)
    assert session.next_question() == question


def test_diagnostics_say_where_the_offending_value_ends(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[policy]\nid = "x"\ntitle = "T"\neffective = "2026-01-01"\n')
    with pytest.raises(waymark.PolicyError) as caught:
        waymark.load_policy(path)
    quoted = next(d for d in caught.value.diagnostics if "'effective'" in d.message)
    assert (quoted.line, quoted.column, quoted.end_column) == (4, 13, 25)
    assert "^~~~~~~~~~~" in str(caught.value)
