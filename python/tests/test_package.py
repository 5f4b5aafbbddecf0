"""The package as a library: exports, docstrings, reprs, and a type stub that matches the module."""

import ast
import pathlib

import waymark
from waymark import _core


def test_version():
    assert waymark.__version__.count(".") == 2


def test_everything_exported_is_documented():
    for name in waymark.__all__:
        obj = getattr(waymark, name)
        if callable(obj):
            assert obj.__doc__, name


def test_exceptions_are_a_hierarchy():
    assert issubclass(waymark.PolicyError, waymark.Error)
    assert issubclass(waymark.AnswerError, waymark.Error)
    assert issubclass(waymark.AnswerError, ValueError)
    assert issubclass(waymark.RecordError, waymark.Error)


def stub_names():
    stub = pathlib.Path(_core.__file__).with_name("_core.pyi")
    tree = ast.parse(stub.read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {
                item.name if isinstance(item, ast.FunctionDef) else item.target.id
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AnnAssign))
            }
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = set()
    return names


def test_stub_matches_the_module():
    stubbed = stub_names()
    public = {n for n in dir(_core) if not n.startswith("_")}
    assert public == set(stubbed), "update python/waymark/_core.pyi"
    for name, members in stubbed.items():
        cls = getattr(_core, name)
        if not isinstance(cls, type):
            continue
        actual = {m for m in vars(cls) if not m.startswith("_") or m in ("__iter__", "__next__", "__getitem__",
                                                                        "__contains__", "__len__", "__copy__",
                                                                        "__deepcopy__", "__lt__")}
        wanted = {m for m in members if not m.startswith("_") or m in actual}
        assert actual == wanted | (actual & {"__init__"}), name


def test_stub_is_installed_beside_the_module():
    folder = pathlib.Path(waymark.__file__).parent
    assert (folder / "py.typed").exists()
    assert (folder / "_core.pyi").exists()


def test_reprs_say_what_they_hold(rich_policy):
    scenarios = waymark.parse_scenarios(
        'policy = "rich"\n[[scenario]]\nid = "a"\n[scenario.answers]\nrisk = "evidence"\n'
        '[scenario.expect]\nfires = ["do_not_close"]\ndoes_not_fire = ["supervision"]\n'
        '[scenario.expect.action.do_not_close]\nowner = "worker"\nurgency = "immediate"\n')
    expect = scenarios["a"].expect
    assert repr(expect) == "<Expectations 1 fire, 1 do not fire, 1 action details>"
    assert repr(expect.actions[0]) == "<ActionExpectation do_not_close owner=worker urgency=immediate>"
    walk = waymark.Session(rich_policy, "2026-11-25").walk()
    assert repr(walk) == "<QuestionWalk of rich: next risk>"
    assert repr(waymark.Cohort([])) == "<Cohort 0 exercises, 0 trainees, 0 scores>"


def test_recommendation_properties_are_documented():
    for name in ("id", "text", "owner", "owner_title", "urgency", "urgency_label", "timescale", "due", "why",
                 "section", "source", "record", "because"):
        assert getattr(waymark.Recommendation, name).__doc__, name
