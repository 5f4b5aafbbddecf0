// Small policies written inline, for tests that need one question or condition at a time.
#pragma once

#include <waymark/loader.h>

#include <string>

namespace waymark::test {

// A valid [policy] header and [roles] table; append questions, facts and actions after it.
inline const std::string policy_header = R"([policy]
id = "test-policy"
title = "Test policy"
version = "1.0.0"
owner = "Test board"
applies_to = "tests"
effective = 2026-01-01
review_by = 2028-01-01
sources = ["test.txt"]

[roles]
worker = "The worker"
line_manager = "Line manager"
)";

// A [policy] header with this id that calls on `plugins` (a TOML list body such as `"a", "b"`,
// or empty for none), and a [roles] table with `worker`.
inline std::string policy_header_using(const std::string& id, const std::string& plugins) {
  return "[policy]\nid = \"" + id +
         "\"\ntitle = \"Test policy\"\nversion = \"1.0.0\"\nowner = \"Tests\"\napplies_to = \"tests\"\n"
         "effective = 2026-01-01\nreview_by = 2030-01-01\nsources = [\"tests\"]\n" +
         (plugins.empty() ? "" : "plugins = [" + plugins + "]\n") + "\n[roles]\nworker = \"Worker\"\n\n";
}

// An action that fires when `when` holds.
inline std::string action(const std::string& id, const std::string& when, const std::string& extra = "") {
  return "\n[[action]]\nid = \"" + id + "\"\ntext = \"Action " + id +
         "\"\nkind = \"step\"\nowner = \"worker\"\nurgency = \"within 5 days\"\nwhy = \"w\"\nsource = \"s\"\nwhen = "
         "\"" +
         when + "\"\n" + extra;
}

inline std::shared_ptr<const Policy> load(const std::string& body) {
  return load_policy_text(policy_header + body, "test.toml");
}

}  // namespace waymark::test
