"""Plugins from Python: their policies and functions load through the registry, and a policy that
needs a plugin nobody loaded is refused with a message naming it."""

import datetime
import os
import pathlib

import pytest

import waymark

EXAMPLE_PLUGINS = pathlib.Path(os.environ["WAYMARK_EXAMPLE_PLUGINS"])
EXAMPLE_POLICY = pathlib.Path(__file__).resolve().parents[2] / "examples" / "plugin" / "example-missed-contacts.toml"


def test_plugin_policies_and_functions_come_through_the_registry():
    registry = waymark.PolicyRegistry.from_search_path(plugin_dirs=[EXAMPLE_PLUGINS])
    assert "example-missed-contacts" in registry
    policy = registry["example-missed-contacts"]
    outcome = waymark.evaluate(policy, {"planned": 10, "missed": 6})
    assert "discuss_missed_contacts" in outcome.action_ids


def test_the_plugin_search_path_starts_with_the_folders_given():
    assert waymark.plugin_search_path([EXAMPLE_PLUGINS])[0] == EXAMPLE_PLUGINS


def test_a_policy_needing_a_plugin_that_is_not_loaded_is_refused():
    registry = waymark.PolicyRegistry.from_search_path(plugins=False)
    with pytest.raises(waymark.PolicyError) as caught:
        registry.add_file(EXAMPLE_POLICY)
    assert caught.value.file == str(EXAMPLE_POLICY)
    assert "example" in str(caught.value)
    assert caught.value.line > 0


def test_a_refused_plugin_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / "broken.so").write_text("not a library")
    with pytest.warns(RuntimeWarning, match="broken.so"):
        registry = waymark.PolicyRegistry.from_search_path(plugin_dirs=[tmp_path])
    assert "example-missed-contacts" not in registry


def test_the_registry_lists_its_plugins_and_which_policy_came_from_which():
    registry = waymark.PolicyRegistry.from_search_path(plugin_dirs=[EXAMPLE_PLUGINS])
    plugins = {p.id: p for p in registry.plugins}
    example = plugins["example"]
    assert example.name and example.version.count(".") == 2
    assert example.file == EXAMPLE_PLUGINS / "example.so"
    assert example.policies == ["example-missed-contacts"]
    assert "percent" in example.functions
    assert registry.plugin_of("example-missed-contacts") == example or \
        registry.plugin_of("example-missed-contacts").file == example.file
    assert repr(example).startswith("<Plugin example ")
    with pytest.raises(KeyError):
        registry.plugin_of("nope")
    assert waymark.PolicyRegistry.from_search_path(plugins=False).plugins == []


def test_a_plugin_policy_says_it_came_from_the_plugin():
    registry = waymark.PolicyRegistry.from_search_path(plugin_dirs=[EXAMPLE_PLUGINS])
    origin = registry["example-missed-contacts"].origin
    assert origin.startswith(str(EXAMPLE_PLUGINS / "example.so"))
    assert "plugin 'example'" in origin and "example-missed-contacts.toml" in origin


def test_a_policy_file_has_no_plugin(tmp_path, rich_policy_file):
    registry = waymark.load_policies(tmp_path)
    assert registry.plugin_of("rich") is None and registry.plugins == []
    assert registry["rich"].origin == str(rich_policy_file)


def test_versions_and_the_version_in_force_on_a_date(tmp_path):
    from conftest import RICH_POLICY

    (tmp_path / "rich-2.toml").write_text(RICH_POLICY)
    (tmp_path / "rich-3.toml").write_text(RICH_POLICY.replace('version = "2.1.0"', 'version = "3.0.0"')
                                          .replace("effective = 2026-01-01", "effective = 2027-01-01"))
    registry = waymark.load_policies(tmp_path)
    assert [p.version for p in registry.versions("rich")] == ["2.1.0", "3.0.0"]
    assert registry.get("rich", on="2026-06-01").version == "2.1.0"
    assert registry.get("rich", on=datetime.date(2027, 2, 1)).version == "3.0.0"
    assert registry.versions("nope") == [] and registry.get("nope", on="2026-06-01") is None
