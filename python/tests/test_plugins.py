"""Plugins from Python: their policies and functions load through the registry, and a policy that
needs a plugin nobody loaded is refused with a message naming it."""

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
