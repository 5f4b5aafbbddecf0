// Loading plugins through the public API: good plugins, every refusal, functions in conditions,
// failures at evaluation, and the library staying loaded for as long as anything uses it.
#include <waymark/build_info.h>
#include <waymark/lint.h>
#include <waymark/plugin.h>
#include <waymark/waymark.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/policy_text.h"

using namespace waymark;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = WAYMARK_TEST_PLUGINS;

fs::path fixture(const std::string& name) { return fixtures / name / (name + ".so"); }

// A policy header that calls on the given plugins; append questions and actions.
std::string header(const std::string& plugins) { return test::policy_header_using("uses-plugin", plugins); }

std::string question(const std::string& id, const std::string& kind) {
  return "[[question]]\nid = \"" + id + "\"\ntext = \"?\"\nhelp = \"h\"\nkind = \"" + kind + "\"\nsource = \"s\"\n\n";
}

std::string action(const std::string& id, const std::string& when) {
  return "[[action]]\nid = \"" + id +
         "\"\nkind = \"step\"\ntext = \"Do it.\"\nowner = \"worker\"\nurgency = \"same_day\"\nwhen "
         "= \"" +
         when + "\"\nwhy = \"w\"\nsource = \"s\"\n\n";
}

const Date day = *Date::parse("2026-06-01");

std::vector<std::string> fired(const std::shared_ptr<const Policy>& policy,
                               const std::vector<std::pair<std::string, Answer>>& answers) {
  Session session(policy, day);
  for (const auto& [id, answer] : answers) session.answer(id, answer, "");
  std::vector<std::string> ids;
  for (const auto& r : session.outcome().actions) ids.push_back(r.action->id);
  return ids;
}

// The single refusal a registry holds, as `file: error: ...` text.
std::string refusal(const PluginRegistry& plugins) {
  REQUIRE(!plugins.problems().empty());
  return plugins.problems().front().format();
}

}  // namespace

TEST_CASE("a good plugin provides its functions and its embedded policy", "[plugins]") {
  PluginRegistry plugins;
  REQUIRE(plugins.add_file(fixture("good")));
  CHECK(plugins.problems().empty());
  REQUIRE(plugins.plugins().size() == 1);
  const LoadedPlugin& plugin = plugins.plugins().front();
  CHECK(plugin.info->id == "good-fixture");
  CHECK(plugin.info->name == "Good fixture");
  CHECK(plugin.info->version == "2.1.0");
  CHECK(plugin.info->file == fixture("good"));
  CHECK(plugin.info->functions ==
        std::vector<std::string>{"times_two", "mentions_refusal", "days_until", "day_after", "all_true"});
  CHECK(plugin.info->policies == std::vector<std::string>{"good-embedded"});

  SECTION("functions are typed, and named after their plugin") {
    const FunctionInfo* f = plugins.functions().find("days_until");
    REQUIRE(f);
    CHECK(f->provider == "good-fixture");
    CHECK(f->parameters == std::vector<ValueType>{ValueType::date});
    CHECK(f->result == ValueType::number);
    CHECK(plugins.functions().find("all_true")->variadic);
    CHECK(plugins.functions().find("count"));  // the built-ins are still there
    CHECK(plugins.functions().has_plugin("good-fixture"));
  }
  SECTION("the embedded policy runs, calling the plugin's function") {
    REQUIRE(plugin.policies.size() == 1);
    const auto& policy = plugin.policies.front();
    CHECK(policy->origin() == "tests/plugins/good-embedded.toml");
    CHECK(fired(policy, {{"visits", Answer::of_number(5)}}) == std::vector<std::string>{"many"});
    CHECK(fired(policy, {{"visits", Answer::of_number(4)}}) == std::vector<std::string>{"few"});
  }
  SECTION("a folder loads every library in it; the same file twice is loaded once") {
    PluginRegistry again;
    again.add_directory(fixtures / "good");
    again.add_directory(fixtures / "good");
    CHECK(again.add_file(fixture("good")));
    CHECK(again.plugins().size() == 1);
    CHECK(again.problems().empty());
    again.add_directory(fixtures / "no such folder");
    CHECK(again.problems().empty());
  }
}

TEST_CASE("a TOML policy calls plugin functions, type-checked when it loads", "[plugins]") {
  PluginRegistry plugins;
  REQUIRE(plugins.add_file(fixture("good")));
  const std::string body = question("n", "number") + question("note", "text") + question("when", "date") +
                           question("ok", "yes_no") + action("double", "times_two(n) == 6") +
                           action("refusal", "mentions_refusal(note)") + action("soon", "days_until(when) <= 7") +
                           action("next_day", "day_after(when) == date('2026-06-02')") +
                           action("all", "all_true(ok, n > 1, true)");
  const auto policy = load_policy_text(header("\"good-fixture\"") + body, "uses.toml", plugins.functions());
  CHECK(fired(policy, {{"n", Answer::of_number(3)},
                       {"note", Answer::of_text("refused personal care")},
                       {"when", Answer::of_date(*Date::parse("2026-06-01"))},
                       {"ok", Answer::of_yes_no(true)}}) ==
        std::vector<std::string>{"double", "refusal", "soon", "next_day", "all"});
  CHECK(fired(policy, {{"n", Answer::of_number(1)},
                       {"note", Answer::of_text("seen at home")},
                       {"when", Answer::of_date(*Date::parse("2026-07-01"))},
                       {"ok", Answer::of_yes_no(true)}})
            .empty());

  SECTION("a call with the wrong types is a load error with a position") {
    const auto result = try_load_policy_text(header("") + question("n", "number") + action("a", "times_two(n) == 'x'"),
                                             "typed.toml", plugins.functions());
    REQUIRE(!result);
    // The result type is known at load: a number cannot be compared with text.
    CHECK_THAT(result.diagnostics.front().headline(),
               Contains("typed.toml:27:") && Contains("cannot compare a number with text"));
    const auto args = try_load_policy_text(header("") + question("n", "yes_no") + action("a", "times_two(n) > 1"),
                                           "args.toml", plugins.functions());
    REQUIRE(!args);
    CHECK_THAT(args.diagnostics.front().message, Contains("argument 1 of times_two()"));
  }
  SECTION("lint checks it, calling the function") {
    const fs::path dir = fs::temp_directory_path() / "waymark-plugin-lint";
    fs::create_directories(dir);
    std::ofstream(dir / "uses.toml") << header("\"good-fixture\"") + body;
    const LintReport report = lint_policy_file(dir / "uses.toml", {day}, plugins.functions());
    for (const auto& d : report.diagnostics) CHECK(d.severity != Severity::error);
    fs::remove_all(dir);
  }
}

TEST_CASE("a TOML policy calling a function no loaded plugin provides is refused, naming it", "[plugins]") {
  const std::string body = question("n", "number") + action("double", "times_two(n) == 6");
  SECTION("without naming its plugin: the missing function is named") {
    const auto result = try_load_policy_text(header("") + body, "missing.toml");
    REQUIRE(!result);
    CHECK_THAT(result.diagnostics.front().format(),
               Contains("unknown function 'times_two': neither the core nor a loaded plugin provides it"));
  }
  SECTION("naming its plugin: the missing plugin is named") {
    const auto result = try_load_policy_text(header("\"good-fixture\"") + body, "missing.toml");
    REQUIRE(!result);
    CHECK(result.diagnostics.front().position.line == 10);
    CHECK_THAT(result.diagnostics.front().message, Contains("needs plugin 'good-fixture', which is not loaded"));
  }
}

TEST_CASE("broken plugins are refused, naming the file and the reason", "[plugins]") {
  PluginRegistry plugins;
  auto refused = [&](const std::string& name) {
    CHECK_FALSE(plugins.add_file(fixture(name)));
    CHECK(plugins.plugins().empty());
    const std::string message = refusal(plugins);
    CHECK_THAT(message, Contains(fixture(name).string() + ": error: plugin refused: "));
    return message;
  };
  SECTION("no such file") {
    CHECK_FALSE(plugins.add_file(fixtures / "nowhere.so"));
    CHECK_THAT(refusal(plugins), Contains("nowhere.so: error: plugin refused: there is no such file"));
  }
  SECTION("not a library at all") {
    CHECK_THAT(refused("not_a_library"), Contains("it is not a loadable library (not an ELF shared object)"));
  }
  SECTION("a library the system loader refuses") {
    CHECK_THAT(refused("missing_symbol"),
               Contains("it is not a loadable library: ") && Contains("undefined symbol: waymark_fixture_nowhere"));
  }
  SECTION("no entry point") {
    CHECK_THAT(refused("no_entry"), Contains("it has no entry point 'waymark_plugin_descriptor'"));
  }
  SECTION("another ABI version: the host's and the plugin's are named") {
    CHECK_THAT(refused("wrong_abi"), Contains("it was built for plugin ABI 99, but this Waymark") &&
                                         Contains("uses plugin ABI " + std::to_string(WAYMARK_PLUGIN_ABI_VERSION)));
  }
  SECTION("a descriptor smaller than the ABI's") {
    CHECK_THAT(refused("small_descriptor"), Contains("its descriptor is 16 bytes, smaller than the"));
  }
  SECTION("a descriptor without a name") { CHECK_THAT(refused("null_name"), Contains("its descriptor has no name")); }
  SECTION("an entry point that throws") {
    CHECK_THAT(refused("throwing_entry"), Contains("its entry point threw: the entry point failed"));
  }
  SECTION("an embedded policy that fails validation, with its diagnostics under its own name") {
    CHECK_THAT(refused("bad_policy"), Contains("its embedded policy tests/plugins/bad-embedded.toml does not load"));
    REQUIRE(plugins.problems().size() >= 2);
    const Diagnostic& detail = plugins.problems()[1];
    CHECK(detail.file == "tests/plugins/bad-embedded.toml");
    CHECK(detail.position.line == 27);
    CHECK_THAT(detail.format(), Contains("when = \"visits == 'many'\""));
    CHECK_FALSE(plugins.functions().has_plugin("bad-policy"));
  }
  SECTION("a refused file is not tried again") {
    refused("no_entry");
    CHECK_FALSE(plugins.add_file(fixture("no_entry")));
    CHECK(plugins.problems().size() == 1);
  }
}

TEST_CASE("an id already taken refuses the whole later plugin", "[plugins]") {
  PluginRegistry plugins;
  REQUIRE(plugins.add_file(fixture("good")));
  const auto functions_before = plugins.functions().list().size();
  auto refused = [&](const std::string& name) {
    CHECK_FALSE(plugins.add_file(fixture(name)));
    CHECK(plugins.plugins().size() == 1);
    CHECK(plugins.functions().list().size() == functions_before);
    return refusal(plugins);
  };
  SECTION(
      "the plugin id, from another folder: the first copy wins and the later one is skipped with a "
      "warning") {
    const std::string message = refused("good_copy");
    CHECK_THAT(message, Contains(fixture("good_copy").string() +
                                 ": warning: plugin skipped: plugin 'good-fixture' "
                                 "2.1.0 is already loaded from " +
                                 fixture("good").string() + " (2.1.0), which comes first in the plugin search path"));
    CHECK(plugins.problems().front().severity == Severity::warning);
    CHECK(plugins.plugins().front().info->file == fixture("good"));
  }
  SECTION("the plugin id, twice in one folder: an error, since nobody can tell which was meant") {
    const fs::path dir = fs::temp_directory_path() / "waymark-same-id-one-folder";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(fixture("good"), dir / "a.so");
    fs::copy_file(fixture("good_copy"), dir / "b.so");
    PluginRegistry one_folder;
    one_folder.add_directory(dir);
    CHECK(one_folder.plugins().size() == 1);
    CHECK_THAT(refusal(one_folder), Contains((dir / "b.so").string() +
                                             ": error: plugin refused: plugin id "
                                             "'good-fixture' is already taken by " +
                                             (dir / "a.so").string()));
    fs::remove_all(dir);
  }
  SECTION("a function name") {
    CHECK_THAT(refused("duplicate_function"),
               Contains("function 'times_two' is already provided by plugin 'good-fixture'"));
    CHECK_FALSE(plugins.functions().has_plugin("duplicate-function"));
  }
  SECTION("a policy id") {
    CHECK_THAT(refused("duplicate_policy"),
               Contains("policy id 'good-embedded' is already taken by plugin 'good-fixture'"));
  }
  SECTION("a plugin loaded after a refused one still loads") {
    refused("duplicate_function");
    PluginRegistry fresh;
    CHECK(fresh.add_file(fixture("duplicate_function")));
  }
}

TEST_CASE("a plugin function that fails becomes an EvaluationError, never a crash", "[plugins]") {
  PluginRegistry plugins;
  REQUIRE(plugins.add_file(fixture("throwing")));
  auto policy_calling = [&](const std::string& function) {
    return load_policy_text(header("\"throwing-fixture\"") + question("n", "number") + action("a", function + "(n)"),
                            "throwing.toml", plugins.functions());
  };
  auto failure = [&](const std::string& function) {
    Session session(policy_calling(function), day);
    session.answer("n", Answer::of_number(1), "");
    try {
      (void)session.outcome();
    } catch (const EvaluationError& e) {
      return std::string(e.what());
    }
    FAIL("no EvaluationError");
    return std::string();
  };
  const std::string where = "of plugin 'throwing-fixture' (" + fixture("throwing").string() + ") failed: ";
  CHECK_THAT(failure("refuses"), Contains("function 'refuses' " + where + "the chronology is not available"));
  CHECK_THAT(failure("escapes"),
             Contains("function 'escapes' " + where + "it threw an exception: escaped from the plugin"));
  CHECK_THAT(failure("throws"), Contains("function 'throws' " + where + "thrown inside the helper"));
  CHECK_THAT(failure("wrong_type"),
             Contains("function 'wrong_type' " + where + "it returned number but declares that it returns yes/no"));

  SECTION("unanswered arguments never reach the plugin") {
    Session session(policy_calling("escapes"), day);
    CHECK(session.outcome().actions.empty());
  }
  SECTION("lint reports it as an error instead of stopping") {
    const LintReport report = lint_policy(*policy_calling("refuses"), {day});
    REQUIRE(!report.diagnostics.empty());
    CHECK(report.diagnostics.front().severity == Severity::error);
    CHECK_THAT(report.diagnostics.front().message, Contains("the chronology is not available"));
    CHECK_FALSE(report.exhaustive);
  }
}

TEST_CASE("everything a plugin creates keeps its library loaded", "[plugins]") {
  std::weak_ptr<const void> library;
  std::shared_ptr<const Policy> embedded, toml_policy;
  {
    PluginRegistry plugins;
    REQUIRE(plugins.add_file(fixture("good")));
    library = plugins.plugins().front().library;
    embedded = plugins.plugins().front().policies.front();
    toml_policy = load_policy_text(header("") + question("n", "number") + action("a", "times_two(n) > 1"), "t.toml",
                                   plugins.functions());
  }
  CHECK_FALSE(library.expired());
  CHECK(fired(toml_policy, {{"n", Answer::of_number(1)}}) == std::vector<std::string>{"a"});
  embedded.reset();
  CHECK_FALSE(library.expired());  // the TOML policy's compiled call still needs it
  toml_policy.reset();
  CHECK(library.expired());
}

TEST_CASE("the plugin search path: command line, then WAYMARK_PLUGIN_PATH, then the bundled folder", "[plugins]") {
  const auto path = plugin_search_path({"/first"}, "/a::/b", "/nowhere/bin");
  REQUIRE(path.size() == 4);
  CHECK(path[0] == "/first");
  CHECK(path[1] == "/a");
  CHECK(path[2] == "/b");
  CHECK(path[3] == fs::path(build::build_plugin_dir));
}

TEST_CASE("policy files beside plugins: the plugin's copy wins, an identical file is not reported", "[plugins]") {
  PluginRegistry plugins;
  REQUIRE(plugins.add_file(fixture("good")));
  const fs::path dir = fs::temp_directory_path() / "waymark-plugin-registry";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(WAYMARK_SOURCE_DIR) / "tests/plugins/good-embedded.toml", dir / "good-embedded.toml");
  PolicyRegistry same(plugins);
  same.add_directory(dir);
  REQUIRE(same.policies().size() == 1);
  CHECK(same.policies().front().plugin);
  CHECK(same.problems().empty());

  std::ofstream(dir / "good-embedded.toml", std::ios::app)
      << "\n[[note]]\nid = \"extra\"\ntext = \"Changed.\"\nsource = \"s\"\n";
  PolicyRegistry changed(plugins);
  changed.add_directory(dir);
  REQUIRE(changed.policies().size() == 1);
  CHECK(changed.policies().front().plugin->id == "good-fixture");
  REQUIRE(changed.problems().size() == 1);
  CHECK_THAT(changed.problems().front().format(),
             Contains("also provided by plugin 'good-fixture'") && Contains("differs from the plugin's copy"));
  fs::remove_all(dir);
}

namespace {

// A fresh folder holding copies of these fixture libraries.
fs::path folder_of(const std::string& name, const std::vector<std::string>& libraries) {
  const fs::path dir = fs::temp_directory_path() / ("waymark-plugins-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& library : libraries) fs::copy_file(fixtures / library / (library + ".so"), dir / (library + ".so"));
  return dir;
}

fs::path dependency_fixture(const std::string& name) { return fixtures / "dependency_order" / (name + ".so"); }

std::string all_problems(const PluginRegistry& plugins) {
  std::string out;
  for (const auto& d : plugins.problems()) out += d.format() + "\n";
  return out;
}

}  // namespace

TEST_CASE("an embedded policy may use another plugin's functions whatever the load order", "[plugins]") {
  auto check_dependent_runs = [](const PluginRegistry& plugins) {
    INFO(all_problems(plugins));
    CHECK(plugins.problems().empty());
    const LoadedPlugin* dependent = plugins.find("aaa-dependent");
    REQUIRE(dependent);
    REQUIRE(plugins.find("good-fixture"));
    REQUIRE(dependent->policies.size() == 1);
    CHECK(fired(dependent->policies.front(), {{"visits", Answer::of_number(5)}}) == std::vector<std::string>{"many"});
  };
  SECTION("one folder, where the dependent sorts (and opens) first") {
    PluginRegistry plugins;
    plugins.add_directory(fixtures / "dependency_order");
    check_dependent_runs(plugins);
  }
  SECTION("two folders of the search path, the dependent's first") {
    const fs::path first = folder_of("dependent-first", {}), second = folder_of("provider-second", {});
    fs::copy_file(dependency_fixture("aaa_dependent"), first / "aaa_dependent.so");
    fs::copy_file(dependency_fixture("zzz_provider"), second / "zzz_provider.so");
    PluginRegistry plugins;
    plugins.add_directories({first, second});
    check_dependent_runs(plugins);
    fs::remove_all(first);
    fs::remove_all(second);
  }
  SECTION(
      "a provider refused for its own policy takes its functions with it, and the dependent is "
      "refused too") {
    const fs::path dir = folder_of("broken-provider", {"zzz_broken_provider"});
    fs::copy_file(dependency_fixture("aaa_dependent"), dir / "aaa_dependent.so");
    PluginRegistry plugins;
    plugins.add_directory(dir);
    const std::string problems = all_problems(plugins);
    INFO(problems);
    CHECK(plugins.plugins().empty());
    CHECK_FALSE(plugins.functions().find("times_two"));
    CHECK_FALSE(plugins.functions().has_plugin("good-fixture"));
    CHECK_THAT(problems,
               Contains((dir / "zzz_broken_provider.so").string() +
                        ": error: plugin refused: its embedded policy tests/plugins/bad-embedded.toml") &&
                   Contains((dir / "aaa_dependent.so").string() + ": error: plugin refused: its embedded policy "
                                                                  "tests/plugins/dependent-embedded.toml "
                                                                  "does not load") &&
                   Contains("needs plugin 'good-fixture', which is not loaded"));
    fs::remove_all(dir);
  }
}

TEST_CASE("every descriptor check refuses the plugin with its reason", "[plugins]") {
  const fs::path library = fixture("descriptor_cases");
  auto loading = [&](const char* name) {
    ::setenv("WAYMARK_FIXTURE_CASE", name, 1);
    PluginRegistry plugins;
    const bool loaded = plugins.add_file(library);
    ::unsetenv("WAYMARK_FIXTURE_CASE");
    CHECK(loaded == plugins.problems().empty());
    CHECK(plugins.plugins().size() == (loaded ? 1u : 0u));
    return plugins.problems().empty() ? std::string() : plugins.problems().front().format();
  };
  const std::string refused = library.string() + ": error: plugin refused: ";
  // The same library with a sound descriptor loads, so each refusal below is the case's own.
  CHECK(loading("sound").empty());
  CHECK_THAT(loading("bad_id"),
             Contains(refused + "its id 'Descriptor_Cases' must be lower case letters, digits and '-'"));
  CHECK_THAT(loading("empty_id"), Contains(refused + "its id '' must be lower case"));
  CHECK_THAT(loading("bad_semver"), Contains(refused + "its version '1.0' must be a semantic version such as 1.0.0"));
  CHECK_THAT(loading("leading_zero"), Contains(refused + "its version '1.02.0' must be a semantic version"));
  CHECK_THAT(loading("unknown_parameter_type"),
             Contains(refused + "parameter 2 of function 'case_one' has unknown type 7"));
  CHECK_THAT(loading("text_result"),
             Contains(refused + "function 'case_one' must return WAYMARK_BOOLEAN, WAYMARK_NUMBER or WAYMARK_DATE"));
  CHECK_THAT(loading("null_impl"), Contains(refused + "function 'case_one' has no implementation"));
  CHECK_THAT(loading("variadic_no_parameters"),
             Contains(refused + "function 'case_one' is variadic but has no parameter to repeat"));
  CHECK_THAT(loading("functions_without_pointer"),
             Contains(refused + "its descriptor counts policies or functions but does not point to them"));
  CHECK_THAT(loading("policies_without_pointer"),
             Contains(refused + "its descriptor counts policies or functions but does not point to them"));
  CHECK_THAT(loading("function_twice"), Contains(refused + "it provides function 'case_one' twice"));
  CHECK_THAT(loading("policy_twice"), Contains(refused + "it provides policy 'case-policy' twice"));
  CHECK_THAT(loading("builtin_clash"), Contains(refused + "function 'count' is already provided by the core"));
}
