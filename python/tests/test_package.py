"""The package as a library: exports, docstrings, reprs, and a type stub that matches the module."""

import ast
import pathlib
import re

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
    assert repr(walk) == "<QuestionIterator of rich: next risk>"
    assert repr(waymark.Cohort([])) == "<Cohort 0 exercises, 0 trainees, 0 scores>"


def test_recommendation_properties_are_documented():
    for name in ("id", "text", "owner", "owner_title", "urgency", "urgency_label", "timescale", "due", "why",
                 "section", "source", "record", "because"):
        assert getattr(waymark.Recommendation, name).__doc__, name


# Parameter names (and where keyword-only ones start) of every function and method in the stub
# must be those the module's own signatures give, so a renamed or added argument is caught.


def _doc_params(doc):
    """Parameter names from pybind11's first docstring line, `name(a: T, *, b: U = ...) -> R`."""
    match = re.match(r"^\w+\((.*)\) -> ", doc.split("\n", 1)[0])
    if not match:
        return None
    parts, depth, current = [], 0, ""
    for ch in match.group(1):
        depth += (ch in "([{") - (ch in ")]}")
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return [re.split(r"[:=]", p, maxsplit=1)[0].strip() for p in parts]


def _stub_params(fn):
    a = fn.args
    names = [x.arg for x in a.posonlyargs + a.args]
    if a.kwonlyargs:
        names.append("*")
        names += [x.arg for x in a.kwonlyargs]
    return names



def _signature_problems(fn, obj, where):
    decos = {d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in fn.decorator_list}
    if "property" in decos or "overload" in decos or obj is None or not getattr(obj, "__doc__", None):
        return []
    got = _doc_params(obj.__doc__)
    if got is None or any(re.fullmatch(r"arg\d+", g) for g in got):  # unnamed: nothing to compare
        return []
    want = _stub_params(fn)
    return [] if got == want else [f"{where}: stub {want}, module {got}"]


def test_stub_signatures_match_the_module():
    assert _doc_params("get(self: X, policy_id: str, *, on: Optional[Dict[str, int]] = None) -> Y") == [
        "self", "policy_id", "*", "on"]
    tree = ast.parse(pathlib.Path(_core.__file__).with_name("_core.pyi").read_text())
    problems = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            problems += _signature_problems(node, getattr(_core, node.name, None), node.name)
        elif isinstance(node, ast.ClassDef):
            cls = getattr(_core, node.name)
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    problems += _signature_problems(item, getattr(cls, item.name, None), f"{node.name}.{item.name}")
    assert problems == [], "update python/waymark/_core.pyi"


def test_action_and_policy_properties_are_documented():
    for cls in (waymark.Action, waymark.Policy):
        for name, value in vars(cls).items():
            if isinstance(value, property):
                assert value.__doc__, f"{cls.__name__}.{name}"
