// Scenario files for the bundled policies: tests/scenarios/<policy-id>/*.toml are answers files
// (the same format `waymark run --answers` reads) whose first comment lines say what must happen:
//   # expect-fires: action_id, action_id      actions that must be recommended
//   # expect-not: action_id                   actions that must not be
//   # expect-notes: note_id                   notes that must be shown
// Every scenario must answer every question that applies, so it tests a finished walk-through.
#include <waymark/answers_file.h>
#include <waymark/loader.h>
#include <waymark/plugin_registry.h>
#include <waymark/session.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace waymark;
namespace fs = std::filesystem;

namespace {

struct Expectations {
  std::vector<std::string> fires, not_fires, notes;
};

std::vector<std::string> split_ids(const std::string& list) {
  std::vector<std::string> ids;
  std::stringstream in(list);
  for (std::string id; std::getline(in, id, ',');) {
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

Expectations expectations_of(const fs::path& file) {
  Expectations e;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line) && line.rfind('#', 0) == 0;) {
    auto take = [&](std::string_view prefix, std::vector<std::string>& into) {
      if (line.rfind(prefix, 0) == 0) into = split_ids(line.substr(prefix.size()));
    };
    take("# expect-fires:", e.fires);
    take("# expect-not:", e.not_fires);
    take("# expect-notes:", e.notes);
  }
  return e;
}

}  // namespace

TEST_CASE("every scenario of every bundled policy gets the actions it expects", "[policies][scenarios]") {
  const fs::path root = fs::path(WAYMARK_SCENARIOS);
  // The policies call the chronology functions of their own plugins.
  PluginRegistry plugins;
  plugins.add_directory(WAYMARK_BUILD_PLUGINS);
  REQUIRE(plugins.problems().empty());
  std::size_t scenarios = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    const auto policy =
        load_policy_file(fs::path(WAYMARK_POLICIES) / (dir.path().filename().string() + ".toml"), plugins.functions());
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir.path())) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      ++scenarios;
      DYNAMIC_SECTION(dir.path().filename().string() << "/" << file.filename().string()) {
        const Expectations want = expectations_of(file);
        REQUIRE_FALSE(want.fires.empty());
        const AnswersFile answers = load_answers_file(file, *policy);
        const Session session = start_session(policy, answers, *Date::parse("2026-11-25"), "2026-11-25T10:00:00Z");
        const Outcome outcome = session.outcome();
        CHECK(outcome.complete);
        std::set<std::string> fired, notes;
        for (const auto& r : outcome.actions) fired.insert(r.action->id);
        for (const auto* n : outcome.notes) notes.insert(n->id);
        for (const auto& id : want.fires) {
          INFO("expected to fire: " << id);
          CHECK(policy->find_action(id) != nullptr);
          CHECK(fired.count(id) == 1);
        }
        for (const auto& id : want.not_fires) {
          INFO("expected not to fire: " << id);
          CHECK(policy->find_action(id) != nullptr);
          CHECK(fired.count(id) == 0);
        }
        for (const auto& id : want.notes) {
          INFO("expected note: " << id);
          CHECK(notes.count(id) == 1);
        }
      }
    }
  }
  CHECK(scenarios >= 12);
}
